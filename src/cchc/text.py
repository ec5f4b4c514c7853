"""Vietnamese text: normalisation and folding for search.

Every text field of every cchc document passes through :func:`normalize` on input
(NFC, trimmed, inner runs of whitespace collapsed), so two spellings that look
the same compare equal. :func:`fold` goes further for search and matching: it
drops case and diacritics and maps đ/Đ to d, so tone-mark placement variants
("Hòa"/"Hoà") and unaccented input all meet.

>>> fold("Hòa") == fold("Hoà") == fold("HOA")
True
>>> fold("Hương Sơn")
'huong son'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

__all__ = ["fold", "normalize", "same_text", "tone_style"]

_SPACES = re.compile(r"\s+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def normalize(text: str) -> str:
    """NFC-normalise ``text``, strip it and collapse runs of whitespace to one space.

    >>> normalize("  Hu\u031bo\u031b\u0300ng   So\u031bn ") == "Hường Sơn"
    True
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalize_multiline(text: str) -> str:
    """NFC-normalise ``text`` and strip it, keeping its line breaks."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return unicodedata.normalize("NFC", "\n".join(lines)).strip()


def fold(text: str) -> str:
    """A search key for ``text``: lower case, no diacritics, đ → d, spaces normalised.

    Tone-mark placement ("òa" or "oà") does not matter after folding, nor does
    precomposed versus decomposed input.
    """
    decomposed = unicodedata.normalize("NFD", normalize(text).translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


ToneStyle = Literal["new", "old"]
"""Where the tone mark sits in "oa", "oe", "uy": ``"new"`` (hoà, khoẻ, thuỷ) or ``"old"`` (hòa…)."""

_WORD = re.compile(r"[^\W\d_]+")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# An open syllable whose nucleus is oa, oe or uy, decomposed: onset, first vowel, tone,
# second vowel, tone. "q" is left out of the onsets: in "quý" the u belongs to the onset
# "qu", the nucleus is "y" alone and its tone is never moved.
_OPEN_SYLLABLE = re.compile(
    rf"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|[bcdđghklmnprstvx])?"
    rf"([ou])([{_TONE_MARKS}]?)([aey])([{_TONE_MARKS}]?)",
    re.IGNORECASE,
)
_NUCLEI = frozenset({"oa", "oe", "uy"})


def _restyle_word(word: str, style: ToneStyle) -> str:
    match = _OPEN_SYLLABLE.fullmatch(unicodedata.normalize("NFD", word))
    if match is None:
        return word
    onset, first, tone_first, second, tone_second = match.groups(default="")
    if (first + second).lower() not in _NUCLEI or (tone_first and tone_second):
        return word
    tone = tone_first or tone_second
    restyled = first + second + tone if style == "new" else first + tone + second
    return unicodedata.normalize("NFC", onset + restyled)


def tone_style(text: str, style: ToneStyle = "new") -> str:
    """Put tone marks in one place in the open syllables with nucleus oa, oe or uy.

    Vietnamese writes these syllables two ways: the "old" style marks the first
    vowel (hòa, khỏe, thủy), the "new" style the second (hoà, khoẻ, thuỷ). Only
    syllables that end in the nucleus are ambiguous; "hoàn", "thuyền", "ngoài"
    and "quý" have one spelling and are left alone, as is everything else.
    The result is NFC; case is kept.

    Args:
        text: Any text.
        style: ``"new"`` (default) or ``"old"``.

    >>> tone_style("Hòa Bình, khỏe, thủy lợi")
    'Hoà Bình, khoẻ, thuỷ lợi'
    >>> tone_style("HOÀ, Uỷ ban, hoàn thành, thuyền, quý", "old")
    'HÒA, Ủy ban, hoàn thành, thuyền, quý'
    """
    if style not in ("new", "old"):
        raise ValueError(f"style must be 'new' or 'old', not {style!r}")
    text = unicodedata.normalize("NFC", text)

    def restyle(match: re.Match[str]) -> str:
        after = text[match.end() : match.end() + 1]
        if after and unicodedata.category(after).startswith("M"):
            return match.group()  # a stray mark that NFC could not compose: leave the word
        return _restyle_word(match.group(), style)

    return _WORD.sub(restyle, text)


def same_text(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the same text up to case, spacing and tone-mark placement.

    Unlike comparing :func:`fold` keys, diacritics still count: "Hòa" and "Hoà"
    are the same text, "Hòa" and "Hóa" are not.

    >>> same_text("Ủy ban  nhân dân", "UỶ BAN NHÂN DÂN")
    True
    >>> same_text("Hòa", "Hóa")
    False
    """
    return _text_key(a) == _text_key(b)


def _text_key(text: str) -> str:
    # casefold may decompose some letters; NFC keeps the key comparable.
    return unicodedata.normalize("NFC", tone_style(normalize(text), "new").casefold())
