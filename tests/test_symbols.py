"""Document symbols (cchc.symbols), and the tone-mark helpers of cchc.text they rely on."""

from __future__ import annotations

import unicodedata
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.errors import InstrumentSymbolError
from cchc.symbols import InstrumentSymbol, parse_instrument
from cchc.text import fold, same_text, tone_style
from cchc.vocabulary import InstrumentKind as K

KNOWN = [
    # text, number, year, kind, issuer, drafting unit, party
    ("6734/QĐ-UBND", "6734", None, K.DECISION, "UBND", None, False),
    ("76/NQ-CP", "76", None, K.RESOLUTION, "CP", None, False),
    ("90/2020/NĐ-CP", "90", 2020, K.DECREE, "CP", None, False),
    ("01/2018/TT-VPCP", "01", 2018, K.CIRCULAR, "VPCP", None, False),
    ("3759/BNV-CCHC", "3759", None, None, "BNV", "CCHC", False),
    ("12-NQ/TU", "12", None, K.RESOLUTION, "TU", None, True),
    ("202/2025/QH15", "202", 2025, None, "QH15", None, False),
    ("1665/NQ-UBTVQH15", "1665", None, K.RESOLUTION, "UBTVQH15", None, False),
    ("30c/NQ-CP", "30c", None, K.RESOLUTION, "CP", None, False),
    ("01/VBHN-BNV", "01", None, K.CONSOLIDATED_TEXT, "BNV", None, False),
    ("52/2019/QĐ-UBND", "52", 2019, K.DECISION, "UBND", None, False),
    ("23/CT-TTg", "23", None, K.DIRECTIVE, "TTg", None, False),
    ("04/2014/TTLT-BNV-BTC", "04", 2014, K.JOINT_CIRCULAR, "BNV-BTC", None, False),
    ("60-NQ/TW", "60", None, K.RESOLUTION, "TW", None, True),
    ("59/2020/QH14", "59", 2020, None, "QH14", None, False),
    ("05/2020/L-CTN", "05", 2020, K.ORDER, "CTN", None, False),
    ("1234/UBND-VP", "1234", None, None, "UBND", "VP", False),
]


@pytest.mark.parametrize(("text", "expected"), [(text, rest) for text, *rest in KNOWN])
def test_known_symbols(text: str, expected: list[object]) -> None:
    symbol = parse_instrument(text)
    fields = (symbol.number, symbol.year, symbol.kind, symbol.issuer, symbol.drafting_unit)
    assert [*fields, symbol.party] == expected
    assert str(symbol) == text
    assert symbol.is_official_letter == (symbol.drafting_unit is not None)


VARIANTS = [
    ("6734 / QD-UBND", "6734/QĐ-UBND"),
    ("6734 / QĐ - UBND", "6734/QĐ-UBND"),
    ("Số: 6734/QĐ-UBND", "6734/QĐ-UBND"),
    ("số 6734/QĐ-UBND", "6734/QĐ-UBND"),
    ("  SỐ:6734/QĐ-UBND ", "6734/QĐ-UBND"),
    ("So: 6734/QD-UBND", "6734/QĐ-UBND"),
    ("6734/qđ-UBND", "6734/QĐ-UBND"),
    ("6734/QÐ-UBND", "6734/QĐ-UBND"),  # U+00D0, the Icelandic eth
    ("6734/QĐ–UBND", "6734/QĐ-UBND"),  # en dash
    ("6734／QĐ‐UBND", "6734/QĐ-UBND"),  # fullwidth solidus, U+2010 hyphen
    ("90/2020/ND-CP", "90/2020/NĐ-CP"),
    ("52/2019/QyD-UBND", "52/2019/QyĐ-UBND"),
    ("7/DA-UBND", "7/ĐA-UBND"),
    ("8/CD-TTg", "8/CĐ-TTg"),
    ("9/ctr-UBND", "9/CTr-UBND"),
    ("12 - NQ / TU", "12-NQ/TU"),
    ("60-nq/TW", "60-NQ/TW"),
]


@pytest.mark.parametrize(("text", "canonical"), VARIANTS)
def test_variants_read_as_canonical(text: str, canonical: str) -> None:
    assert str(parse_instrument(text)) == canonical
    assert parse_instrument(unicodedata.normalize("NFD", text)) == parse_instrument(canonical)


MALFORMED = [
    # text, the part named in the error
    ("", ""),
    ("   ", ""),
    ("Số:", ""),
    ("6734/XX-UBND", "XX"),
    ("90/2020/XX-CP", "XX"),
    ("12-XX/TU", "XX"),
    ("12-/TU", ""),
    ("/QĐ-UBND", ""),
    ("abc/QĐ-UBND", "abc"),
    ("67 34/QĐ-UBND", "67 34"),
    ("QĐ-UBND", "QĐ-UBND"),
    ("6734", "6734"),
    ("6734/", ""),
    ("90/2020/", ""),
    ("90/20/NĐ-CP", "20"),
    ("90/20201/NĐ-CP", "20201"),
    ("90/1900/NĐ-CP", "1900"),
    ("90/2101/NĐ-CP", "2101"),
    ("1/2020/2021/NĐ-CP", "2021/NĐ-CP"),
    ("76/NQ", "NQ"),
    ("76/NQ-", ""),
    ("76/NQ--CP", ""),
    ("76/NQ-C_P", "C_P"),
    ("12-NQ/TU/TW", "TU/TW"),
]


@pytest.mark.parametrize(("text", "part"), MALFORMED)
def test_malformed_symbols_name_the_part(text: str, part: str) -> None:
    with pytest.raises(InstrumentSymbolError) as caught:
        parse_instrument(text)
    assert caught.value.part == part
    assert caught.value.text == text
    assert isinstance(caught.value, ValueError)


def test_unknown_kind_marker_lists_known_ones() -> None:
    with pytest.raises(InstrumentSymbolError, match="unknown kind marker") as caught:
        parse_instrument("6734/XX-UBND")
    assert "QĐ" in caught.value.reason
    assert "VBHN" in caught.value.reason


@pytest.mark.parametrize("kind", [k for k in K if k.abbreviation is not None])
def test_every_kind_marker_reads_in_any_case_and_without_the_stroke(kind: K) -> None:
    marker = kind.abbreviation
    assert marker is not None
    for written in (marker, marker.upper(), marker.lower(), marker.replace("Đ", "D")):
        assert parse_instrument(f"1/{written}-UBND").kind is kind


@pytest.mark.parametrize(
    ("text", "label_vi", "label_en"),
    [
        ("23/CT-TTg", "Chỉ thị", "Directive"),
        ("3759/BNV-CCHC", "Công văn", "Official letter"),
        ("202/2025/QH15", None, None),
        ("12-NQ/TU", "Nghị quyết", "Resolution"),
    ],
)
def test_kind_label(text: str, label_vi: str | None, label_en: str | None) -> None:
    symbol = parse_instrument(text)
    assert (symbol.kind_label(), symbol.kind_label("en")) == (label_vi, label_en)


@pytest.mark.parametrize(
    "fields",
    [
        ("1", None, K.LAW, "QH15", None, False),  # laws have no marker
        ("1", None, None, "TU", None, True),  # Party symbols need one
        ("1", None, K.DECISION, "", None, False),
        ("1", None, K.DECISION, " UBND", None, False),
        ("1", 1800, K.DECISION, "UBND", None, False),
        ("1", None, None, "UBND-VP", None, False),  # would read back as a letter
        ("1", 2020, None, "BNV", "CCHC", False),  # letters have no year
        ("1", None, K.DECISION, "UBND", "VP", False),
    ],
)
def test_constructor_refuses_what_would_not_read_back(
    fields: tuple[str, int | None, K | None, str, str | None, bool],
) -> None:
    number, year, kind, issuer, unit, party = fields
    with pytest.raises(ValueError, match=r"."):
        InstrumentSymbol(number, year, kind, issuer, drafting_unit=unit, party=party)


# -- properties ---------------------------------------------------------------------------

MARKED = [k for k in K if k.abbreviation is not None]
ISSUERS = ["CP", "TTg", "UBND", "HĐND", "BNV", "VPCP", "UBTVQH15", "BKHĐT", "SNV", "BNV-BTC"]
LETTER_ISSUERS = ["BNV", "UBND", "VPCP", "TTg", "SNV", "BKHĐT"]
UNITS = ["CCHC", "VP", "KSTT", "TCCB", "NC", "KT-TH"]
PARTY_ISSUERS = ["TU", "TW", "HU", "ĐU", "BCSĐ"]

numbers = st.from_regex(r"\A[0-9]{1,5}[a-c]?\Z")
years = st.integers(min_value=1945, max_value=2100)


@st.composite
def symbols(draw: st.DrawFn) -> InstrumentSymbol:
    form = draw(st.sampled_from(["marked", "assembly", "letter", "party"]))
    number = draw(numbers)
    if form == "marked":
        kind, issuer = draw(st.sampled_from(MARKED)), draw(st.sampled_from(ISSUERS))
        return InstrumentSymbol(number, draw(st.none() | years), kind, issuer)
    if form == "assembly":
        return InstrumentSymbol(number, draw(years), None, f"QH{draw(st.integers(1, 20))}")
    if form == "letter":
        issuer, unit = draw(st.sampled_from(LETTER_ISSUERS)), draw(st.sampled_from(UNITS))
        return InstrumentSymbol(number, None, None, issuer, drafting_unit=unit)
    kind, issuer = draw(st.sampled_from(MARKED)), draw(st.sampled_from(PARTY_ISSUERS))
    return InstrumentSymbol(number, None, kind, issuer, party=True)


@given(symbols())
def test_round_trip(symbol: InstrumentSymbol) -> None:
    assert parse_instrument(str(symbol)) == symbol


@given(symbols(), st.data())
def test_spaces_around_separators_and_nfd_do_not_matter(
    symbol: InstrumentSymbol, data: st.DataObject
) -> None:
    spaces = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])
    text = "".join(
        f"{data.draw(spaces)}{char}{data.draw(spaces)}" if char in "/-" else char
        for char in str(symbol)
    )
    prefix = data.draw(st.sampled_from(["", "Số: ", "số ", "SỐ:"]))
    assert parse_instrument(prefix + text) == symbol
    assert parse_instrument(unicodedata.normalize("NFD", prefix + text)) == symbol


@given(st.text(max_size=30))
def test_any_text_reads_or_raises_instrument_symbol_error(text: str) -> None:
    try:
        symbol = parse_instrument(text)
    except InstrumentSymbolError:
        return
    assert parse_instrument(str(symbol)) == symbol


# -- tone-mark placement (cchc.text) --------------------------------------------------------

TONES = [
    # old style, new style
    ("hòa", "hoà"),
    ("Hóa", "Hoá"),
    ("thủy", "thuỷ"),
    ("khỏe", "khoẻ"),
    ("Ủy ban", "Uỷ ban"),
    ("HÒA BÌNH", "HOÀ BÌNH"),
    ("tùy, lũy, ngụy", "tuỳ, luỹ, nguỵ"),
    ("òa", "oà"),
    ("xòe", "xoè"),
]
UNCHANGED = ["hoàn", "thuyền", "ngoài", "quý", "quỳ", "huỳnh", "khuya", "của", "hoặc", "ngoằn"]


@pytest.mark.parametrize(("old", "new"), TONES)
def test_tone_style_known(old: str, new: str) -> None:
    assert tone_style(old, "new") == new
    assert tone_style(new, "old") == old
    assert tone_style(unicodedata.normalize("NFD", old)) == new
    assert same_text(old, new)


@pytest.mark.parametrize("word", UNCHANGED)
def test_tone_style_leaves_unambiguous_syllables(word: str) -> None:
    assert tone_style(word, "new") == word
    assert tone_style(word, "old") == word


def test_same_text_keeps_diacritics() -> None:
    assert same_text("  Ủy ban nhân dân ", "UỶ BAN  NHÂN DÂN")
    assert not same_text("Hòa", "Hóa")
    assert not same_text("thủy", "thủ")


def test_tone_style_refuses_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        tone_style("hòa", "newest")  # type: ignore[arg-type]


vietnamese_texts = st.lists(
    st.sampled_from(["h", "th", "kh", "ng", "qu", "o", "u", "a", "e", "y", "n", " ", ","])
    | st.sampled_from(["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "Đ", "Ò"])
    | st.characters(codec="utf-8"),
    max_size=20,
).map("".join)


@given(vietnamese_texts, st.sampled_from(["new", "old"]))
def test_tone_style_is_idempotent_and_fold_invariant(
    text: str, style: Literal["new", "old"]
) -> None:
    styled = tone_style(text, style)
    assert tone_style(styled, style) == styled
    assert fold(styled) == fold(text)
    assert tone_style(tone_style(text, "old"), "new") == tone_style(text, "new")
    assert same_text(text, styled)
