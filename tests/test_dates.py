"""Vietnamese date phrases (cchc.dates)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.dates import format_date_phrase, parse_date_phrase
from cchc.errors import DatePhraseError
from cchc.text import fold, normalize

KNOWN = [
    ("ngày 28 tháng 11 năm 2021", dt.date(2021, 11, 28)),
    ("Hà Tĩnh, ngày 22 tháng 10 năm 2021", dt.date(2021, 10, 22)),
    ("Hương Sơn, ngày 05 tháng 01 năm 2021", dt.date(2021, 1, 5)),
    ("Thành phố Hồ Chí Minh, ngày 01 tháng 02 năm 2022", dt.date(2022, 2, 1)),
    ("Phường Bến Nghé, TP. Hồ Chí Minh, ngày 1 tháng 3 năm 2024", dt.date(2024, 3, 1)),
    ("28/11/2021", dt.date(2021, 11, 28)),
    ("28-11-2021", dt.date(2021, 11, 28)),
    ("28.11.2021", dt.date(2021, 11, 28)),
    ("2021-11-28", dt.date(2021, 11, 28)),
    ("2021-1-5", dt.date(2021, 1, 5)),
    ("ngày 2 tháng 9 năm 2021", dt.date(2021, 9, 2)),
    ("2/9/2021", dt.date(2021, 9, 2)),
    ("02/09/2021", dt.date(2021, 9, 2)),
    ("ngày 02 tháng 9 năm 2021", dt.date(2021, 9, 2)),
    ("ngày 28/11/2021", dt.date(2021, 11, 28)),
    ("Hà Nội, 28/11/2021", dt.date(2021, 11, 28)),
    ("Ngay 28 thang 11 nam 2021", dt.date(2021, 11, 28)),
    ("NGÀY 28 THÁNG 11 NĂM 2021", dt.date(2021, 11, 28)),
    ("  ngày   28  tháng 11   năm 2021 ", dt.date(2021, 11, 28)),
    ("ngày 29 tháng 02 năm 2024", dt.date(2024, 2, 29)),
    ("ngày 2 tháng 9 năm 1945", dt.date(1945, 9, 2)),
]


@pytest.mark.parametrize(("text", "expected"), KNOWN)
def test_known_phrases(text: str, expected: dt.date) -> None:
    assert parse_date_phrase(text) == expected
    assert parse_date_phrase(unicodedata.normalize("NFD", text)) == expected


MALFORMED = [
    # text, the part named in the error
    ("", ""),
    ("   ", ""),
    ("garbage", "garbage"),
    ("Hà Tĩnh, ", "Hà Tĩnh,"),
    ("ngày 31 tháng 2 năm 2021", "31"),
    ("ngày 29 tháng 2 năm 2021", "29"),
    ("ngày 0 tháng 2 năm 2021", "0"),
    ("ngày 28 tháng 13 năm 2021", "13"),
    ("ngày 28 tháng 0 năm 2021", "0"),
    ("ngày 28 tháng 11 năm 21", "21"),
    ("ngày 28 tháng 11 năm 0000", "0000"),
    ("ngày 123 tháng 11 năm 2021", "123"),
    ("ngày XX tháng 11 năm 2021", "XX"),
    ("ngày 28 tháng 11", "ngày 28 tháng 11"),
    ("ngày 28 tháng 11 năm", "ngày 28 tháng 11 năm"),
    ("ngày 28 năm 2021", "ngày 28 năm 2021"),
    ("ngày tháng năm", "ngày tháng năm"),
    ("ngày 28 tháng 11 năm 2021 của UBND", "của UBND"),
    ("28/11", "28/11"),
    ("28/11/21", "21"),
    ("28/11-2021", "-2021"),
    ("31/04/2021", "31"),
    ("2021-02-30", "30"),
    ("2021/11/28", "2021"),
    ("28/11/2021 xx", "xx"),
]


@pytest.mark.parametrize(("text", "part"), MALFORMED)
def test_malformed_phrases_name_the_part(text: str, part: str) -> None:
    with pytest.raises(DatePhraseError) as caught:
        parse_date_phrase(text)
    assert caught.value.part == part
    assert caught.value.text == text
    assert isinstance(caught.value, ValueError)


FORMATTED = [
    # Decree 30/2020/NĐ-CP: a leading zero for days below 10 and for months 1 and 2 only.
    (dt.date(2021, 1, 5), "ngày 05 tháng 01 năm 2021"),
    (dt.date(2021, 2, 28), "ngày 28 tháng 02 năm 2021"),
    (dt.date(2021, 3, 1), "ngày 01 tháng 3 năm 2021"),
    (dt.date(2021, 9, 9), "ngày 09 tháng 9 năm 2021"),
    (dt.date(2021, 10, 10), "ngày 10 tháng 10 năm 2021"),
    (dt.date(2021, 11, 28), "ngày 28 tháng 11 năm 2021"),
    (dt.date(2021, 12, 31), "ngày 31 tháng 12 năm 2021"),
]


@pytest.mark.parametrize(("date", "phrase"), FORMATTED)
def test_format_follows_decree_30(date: dt.date, phrase: str) -> None:
    assert format_date_phrase(date) == phrase
    assert format_date_phrase(date, place="Hà Tĩnh") == f"Hà Tĩnh, {phrase}"


def test_format_normalises_the_place() -> None:
    place = unicodedata.normalize("NFD", "  Hà   Tĩnh ")
    assert format_date_phrase(dt.date(2021, 10, 22), place) == "Hà Tĩnh, ngày 22 tháng 10 năm 2021"


@pytest.mark.parametrize("place", ["", "   "])
def test_format_refuses_an_empty_place(place: str) -> None:
    with pytest.raises(ValueError, match="place"):
        format_date_phrase(dt.date(2021, 10, 22), place)


# -- properties ---------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))
places = st.sampled_from(["Hà Nội", "Hà Tĩnh", "Hương Sơn", "Phường Bến Nghé, TP. Hồ Chí Minh"])


@given(dates, st.none() | places)
def test_round_trip(date: dt.date, place: str | None) -> None:
    phrase = format_date_phrase(date, place)
    assert parse_date_phrase(phrase) == date
    assert parse_date_phrase(phrase.upper()) == date
    assert parse_date_phrase(fold(phrase)) == date
    assert parse_date_phrase(unicodedata.normalize("NFD", phrase)) == date


@given(dates, st.sampled_from(["/", "-", "."]), st.booleans())
def test_numeric_forms(date: dt.date, separator: str, padded: bool) -> None:
    width = 2 if padded else 1
    day, month = f"{date.day:0{width}d}", f"{date.month:0{width}d}"
    assert parse_date_phrase(separator.join((day, month, str(date.year)))) == date
    assert parse_date_phrase(date.isoformat()) == date


@given(st.text(max_size=40))
def test_any_text_reads_or_raises_date_phrase_error(text: str) -> None:
    try:
        parse_date_phrase(text)
    except DatePhraseError as error:
        part = error.part
    else:
        return
    assert part in normalize(text)
