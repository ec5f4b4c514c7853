"""Vietnamese document symbols (số, ký hiệu văn bản) such as ``6734/QĐ-UBND``.

Decree 30/2020/NĐ-CP (Appendix I and III) and the Law on Promulgation of Legal
Documents give symbols these forms, all read by :func:`parse_instrument`:

- ``6734/QĐ-UBND``: number / kind marker - issuer;
- ``90/2020/NĐ-CP``: number / year / kind marker - issuer;
- ``04/2014/TTLT-BNV-BTC``: a joint instrument, whose issuer keeps every body;
- ``202/2025/QH15``: National Assembly laws and resolutions, with no kind marker;
- ``3759/BNV-CCHC``: an official letter, issuer - drafting unit, no kind marker;
- ``12-NQ/TU``: a Party document, number - kind marker / issuer.

How input is read:

- text is NFC-normalised; "Ð" (U+00D0, often typed for "Đ") becomes "Đ"; dash and
  slash look-alikes become "-" and "/"; spaces around them are dropped; a leading
  "Số:" / "số" is dropped;
- kind markers match whatever the case and with or without the stroke of "Đ"
  ("QD", "qđ" → "QĐ"): the markers stay distinct under that folding, so nothing is
  guessed. Issuers and drafting units are kept as written, because their case
  carries meaning ("TTg");
- after the last "/", a first segment that is a kind marker is one. Otherwise the
  symbol is an official letter (issuer - drafting unit) unless it carries a year
  or ends in a well-known issuing body (UBND, CP, a ministry…), in which case the
  first segment can only be a misspelt kind marker and is reported as one.
"""

from __future__ import annotations

import re
from typing import Final, TypeAlias

from attrs import frozen

from cchc.errors import InstrumentSymbolError
from cchc.text import fold, normalize
from cchc.vocabulary import InstrumentKind, Lang, label

__all__ = ["MAX_YEAR", "MIN_YEAR", "InstrumentSymbol", "parse_instrument"]

MIN_YEAR: Final = 1945
"""The earliest year a symbol may carry (the state was founded in 1945)."""
MAX_YEAR: Final = 2100
"""The latest year a symbol may carry."""

_KIND_BY_MARKER: Final = {
    fold(marker): kind for kind in InstrumentKind if (marker := kind.abbreviation) is not None
}
_KNOWN_MARKERS: Final = ", ".join(
    sorted((k.abbreviation or "" for k in _KIND_BY_MARKER.values()), key=fold)
)
# Bodies that issue instruments with kind markers: a symbol ending in one of them is not
# an official letter, whose last segment is a drafting unit inside the issuer.
_ISSUING_BODIES: Final = frozenset(
    fold(body)
    for body in (
        *("CP", "TTg", "VPCP", "CTN", "UBND", "HĐND", "TANDTC", "VKSNDTC", "KTNN", "NHNN"),
        *("TTCP", "UBDT", "BNV", "BTC", "BCA", "BQP", "BNG", "BTP", "BKHĐT", "BCT", "BGDĐT"),
        *("BYT", "BXD", "BGTVT", "BTNMT", "BNNPTNT", "BNNMT", "BLĐTBXH", "BVHTTDL", "BTTTT"),
        *("BKHCN", "BDTTG"),
    )
)
_ASSEMBLY: Final = re.compile(r"(?:ubtv)?qh[0-9]*")  # matched against fold()ed text
_NUMBER: Final = re.compile(r"[0-9]+[A-Za-z]?")
_YEAR: Final = re.compile(r"[0-9]{4}")
_SEGMENT: Final = re.compile(r"[^\W_]+")
_PREFIX: Final = re.compile(r"s[ốo](?![^\W\d_])\s*:?\s*", re.IGNORECASE)
_SEPARATOR: Final = re.compile(r"\s*([/-])\s*")
_LOOK_ALIKES: Final = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2044\u2215\uff0f", "/"),
        "\u00d0": "Đ",
        "\u00f0": "đ",
    }
)

_Fields: TypeAlias = tuple[str, int | None, InstrumentKind | None, str, str | None, bool]


@frozen
class InstrumentSymbol:
    """The parts of a document symbol; ``str()`` gives the canonical symbol.

    Construct it with :func:`parse_instrument`, or directly from canonical parts
    (anything that would not read back the same raises :class:`InstrumentSymbolError`).

    Attributes:
        number: The number as written, with any letter or leading zero ("30c", "01").
        year: The year in the symbol, or ``None`` when it has none.
        kind: The kind its marker names, or ``None`` when it has no marker
            (National Assembly laws and resolutions, official letters).
        issuer: The issuing body ("UBND", "TTg", "QH15"); joint issuers keep
            their hyphen ("BNV-BTC").
        drafting_unit: The drafting unit of an official letter ("CCHC" in
            "3759/BNV-CCHC"), else ``None``.
        party: Whether it is a Party document ("12-NQ/TU").

    >>> symbol = parse_instrument("90/2020/NĐ-CP")
    >>> symbol.number, symbol.year, symbol.kind, symbol.issuer
    ('90', 2020, <InstrumentKind.DECREE: 'decree'>, 'CP')
    >>> str(InstrumentSymbol("3759", None, None, "BNV", drafting_unit="CCHC"))
    '3759/BNV-CCHC'
    """

    number: str
    year: int | None
    kind: InstrumentKind | None
    issuer: str
    drafting_unit: str | None = None
    party: bool = False

    def __attrs_post_init__(self) -> None:
        if self.kind is not None and self.kind.abbreviation is None:
            raise ValueError(f"{self.kind.label_vi!r} symbols carry no kind marker: use kind=None")
        if self.party and self.kind is None:
            raise ValueError("a Party document symbol needs a kind marker")
        text = str(self)
        if _read(text) != _fields(self):
            raise InstrumentSymbolError(text, text, f"does not read back as {self!r}")

    def __str__(self) -> str:
        marker = self.kind.abbreviation if self.kind is not None else None
        if self.party:
            return f"{self.number}-{marker}/{self.issuer}"
        year = f"/{self.year}" if self.year is not None else ""
        rest = "-".join(part for part in (marker, self.issuer, self.drafting_unit) if part)
        return f"{self.number}{year}/{rest}"

    @property
    def is_official_letter(self) -> bool:
        """Whether this is an official letter (công văn): no kind marker, no year, not Party.

        >>> parse_instrument("3759/BNV-CCHC").is_official_letter
        True
        >>> parse_instrument("202/2025/QH15").is_official_letter
        False
        """
        return self.kind is None and self.year is None and not self.party

    def kind_label(self, lang: Lang = "vi") -> str | None:
        """The label of the kind, "Công văn" for official letters, ``None`` if unknown.

        National Assembly symbols ("202/2025/QH15") are shared by laws and
        resolutions, so their kind cannot be told from the symbol.

        >>> directive = parse_instrument("23/CT-TTg")
        >>> directive.kind_label(), directive.kind_label("en")
        ('Chỉ thị', 'Directive')
        >>> parse_instrument("3759/BNV-CCHC").kind_label()
        'Công văn'
        """
        if self.kind is not None:
            return label(self.kind, lang)
        return label(InstrumentKind.OFFICIAL_LETTER, lang) if self.is_official_letter else None


def parse_instrument(symbol: str) -> InstrumentSymbol:
    """Read a document symbol such as ``6734/QĐ-UBND`` (see the module notes).

    Args:
        symbol: The symbol, possibly with a leading "Số:", stray spaces around
            "/" and "-", ASCII "D" for "Đ" in the kind marker, or decomposed Unicode.

    Returns:
        Its parts; ``str()`` of the result is the canonical symbol.

    Raises:
        InstrumentSymbolError: ``part`` names the piece that could not be read:
            the number, the year (4 digits, 1945 to 2100), an unknown kind
            marker, or an empty or malformed issuer.

    >>> str(parse_instrument("Số: 6734 / QD - UBND"))
    '6734/QĐ-UBND'
    >>> parse_instrument("04/2014/TTLT-BNV-BTC").issuer
    'BNV-BTC'
    >>> parse_instrument("6734/XX-UBND")
    Traceback (most recent call last):
    ...
    cchc.errors.InstrumentSymbolError: cannot read 'XX' in '6734/XX-UBND': unknown kind marker...
    """
    number, year, kind, issuer, drafting_unit, party = _read(symbol)
    return InstrumentSymbol(number, year, kind, issuer, drafting_unit=drafting_unit, party=party)


def _fields(symbol: InstrumentSymbol) -> _Fields:
    return (symbol.number, symbol.year, symbol.kind, symbol.issuer, symbol.drafting_unit,
            symbol.party)  # fmt: skip


def _read(symbol: str) -> _Fields:
    def fail(part: str, reason: str) -> InstrumentSymbolError:
        return InstrumentSymbolError(symbol, part, reason)

    def unknown(marker: str) -> InstrumentSymbolError:
        return fail(marker, f"unknown kind marker {marker!r}; known: {_KNOWN_MARKERS}")

    def segments(rest: str) -> list[str]:
        if not rest:
            raise fail(rest, "nothing after '/'")
        pieces = rest.split("-")
        for piece in pieces:
            if not _SEGMENT.fullmatch(piece):
                why = "empty part between '-'" if not piece else "only letters and digits"
                raise fail(piece, f"{why} in {rest!r}")
        return pieces

    def number_of(head: str) -> str:
        if not head:
            raise fail(head, "the number is missing before '/'")
        if not _NUMBER.fullmatch(head):
            raise fail(head, "the number must be digits, optionally followed by one letter")
        return head

    text = _SEPARATOR.sub(r"\1", normalize(symbol.translate(_LOOK_ALIKES)))
    text = _PREFIX.sub("", text, count=1)
    if not text:
        raise fail("", "the symbol is empty")
    head, slash, tail = text.partition("/")
    if not slash:
        raise fail(text, "no '/' after the number")
    if "-" in head:  # Party form: number-marker/issuer
        number, _, marker = head.partition("-")
        kind = _KIND_BY_MARKER.get(fold(marker))
        if kind is None:
            raise unknown(marker)
        if "/" in tail:
            raise fail(tail, "a Party symbol has a single '/'")
        return number_of(number), None, kind, "-".join(segments(tail)), None, True
    number = number_of(head)
    year: int | None = None
    if "/" in tail:
        written, _, tail = tail.partition("/")
        if not _YEAR.fullmatch(written) or not MIN_YEAR <= int(written) <= MAX_YEAR:
            raise fail(written, f"the year must have 4 digits, from {MIN_YEAR} to {MAX_YEAR}")
        year = int(written)
        if "/" in tail:
            raise fail(tail, "expected number/year/kind-issuer, found another '/'")
    first, *others = segments(tail)
    kind = _KIND_BY_MARKER.get(fold(first))
    if kind is not None:
        if not others:
            raise fail(first, f"the kind marker {first!r} must be followed by '-' and the issuer")
        return number, year, kind, "-".join(others), None, False
    if not others:
        return number, year, None, first, None, False
    last = fold(others[-1])
    if year is not None or last in _ISSUING_BODIES or _ASSEMBLY.fullmatch(last):
        raise unknown(first)
    return number, None, None, first, "-".join(others), False
