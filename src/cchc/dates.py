"""Vietnamese date phrases: ``ngày 28 tháng 11 năm 2021`` and the numeric forms.

:func:`parse_date_phrase` reads the date line of an administrative document, with
or without its place name, in upper or lower case, with or without diacritics,
and the numeric forms ``28/11/2021``, ``28-11-2021``, ``28.11.2021`` and ISO
``2021-11-28``. :func:`format_date_phrase` writes the date the way Decree
30/2020/NĐ-CP prescribes, and reads back through :func:`parse_date_phrase`:

>>> import datetime as dt
>>> parse_date_phrase("Hà Tĩnh, ngày 22 tháng 10 năm 2021")
datetime.date(2021, 10, 22)
>>> format_date_phrase(dt.date(2021, 2, 5), place="Hà Nội")
'Hà Nội, ngày 05 tháng 02 năm 2021'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from cchc.errors import DatePhraseError
from cchc.text import fold, normalize

__all__ = ["format_date_phrase", "parse_date_phrase"]

_EXPECTED = "expected 'ngày D tháng M năm YYYY', 'D/M/YYYY', 'D-M-YYYY', 'D.M.YYYY' or 'YYYY-MM-DD'"
_VERBAL = re.compile(
    r"ngay(?:\s*(?P<day>(?!thang\b|nam\b)\S+))?"
    r"(?:\s+thang(?:\s*(?P<month>(?!nam\b)\S+))?)?"
    r"(?:\s+nam(?:\s*(?P<year>\S+))?)?\s*(?P<rest>.*)"
)
_NUMERIC = re.compile(
    r"(?:ngay\s*)?(?P<a>\d+)(?P<sep>[/.-])(?P<b>\d+)(?:(?P=sep)(?P<c>\d+))?\s*(?P<rest>.*)"
)


def parse_date_phrase(text: str) -> dt.date:
    """Read a Vietnamese date phrase.

    Accepted, after an optional place name and comma (``"Hà Tĩnh, "``):

    - ``ngày 28 tháng 11 năm 2021``, ``ngày 02 tháng 9 năm 2021``: day and month
      with one or two digits, the year with four; case, diacritics ("Ngay 28 thang
      11 nam 2021") and Unicode normal form do not matter;
    - ``28/11/2021``, ``28-11-2021``, ``28.11.2021`` (day first, one separator
      throughout), optionally after ``ngày``;
    - ISO ``2021-11-28``.

    Args:
        text: The phrase.

    Returns:
        The date.

    Raises:
        DatePhraseError: The phrase has none of these forms, lacks its month or
            year, or names a day that does not exist. ``part`` is the piece
            that could not be read (the day "31" of "ngày 31 tháng 2 năm 2021").

    >>> parse_date_phrase("ngày 2 tháng 9 năm 1945")
    datetime.date(1945, 9, 2)
    >>> parse_date_phrase("NGAY 28 THANG 11 NAM 2021")
    datetime.date(2021, 11, 28)
    >>> parse_date_phrase("2/9/2021"), parse_date_phrase("2021-11-28")
    (datetime.date(2021, 9, 2), datetime.date(2021, 11, 28))
    >>> parse_date_phrase("ngày 31 tháng 2 năm 2021")
    Traceback (most recent call last):
    ...
    cchc.errors.DatePhraseError: cannot read '31' in 'ngày 31 tháng 2 năm 2021': ...
    """
    phrase = normalize(text)
    if not phrase:
        raise DatePhraseError(text, "", "the text is empty; " + _EXPECTED)
    # The place name, if any, ends at the last comma; the date itself has none.
    start = phrase.rfind(",") + 1
    while start < len(phrase) and phrase[start] == " ":
        start += 1
    body = phrase[start:]
    if not body:
        raise DatePhraseError(text, phrase, "nothing after the comma; " + _EXPECTED)
    reader = _Reader(text, body)
    return reader.numeric() or reader.verbal()


class _Reader:
    """Reads one date body; ``key`` is its search key, aligned letter for letter with it."""

    def __init__(self, text: str, body: str) -> None:
        self.text = text
        self.body = body
        self.key = "".join(_fold_letter(letter) for letter in body)

    def error(self, match: re.Match[str], group: str | int, reason: str) -> DatePhraseError:
        start, end = match.span(group)
        return DatePhraseError(self.text, self.body[start:end], reason)

    def numeric(self) -> dt.date | None:
        match = _NUMERIC.fullmatch(self.key)
        if match is None:
            return None
        if match["c"] is None:
            if match["rest"]:
                raise self.error(match, "rest", f"expected {match['sep']!r} and the year here")
            raise self.error(match, 0, "the year is missing; " + _EXPECTED)
        if match["rest"]:
            raise self.error(match, "rest", "unexpected text after the date")
        if len(match["a"]) == 4 and match["sep"] == "-":
            return self.build(match, "c", "b", "a")
        return self.build(match, "a", "b", "c")

    def verbal(self) -> dt.date:
        match = _VERBAL.fullmatch(self.key)
        if match is None:
            raise DatePhraseError(self.text, self.body, "not a date phrase; " + _EXPECTED)
        if match["rest"]:
            raise self.error(match, "rest", "unexpected text; " + _EXPECTED)
        if match["day"] is None:
            raise self.error(match, 0, "the day ('ngày D') is missing")
        if match["month"] is None:
            raise self.error(match, 0, "the month ('tháng M') is missing")
        if match["year"] is None:
            raise self.error(match, 0, "the year ('năm YYYY') is missing")
        return self.build(match, "day", "month", "year")

    def build(self, match: re.Match[str], day: str, month: str, year: str) -> dt.date:
        """Check the groups named ``day``, ``month`` and ``year`` of ``match``; make the date."""
        values: list[int] = []
        for name, widths in ((day, (1, 2)), (month, (1, 2)), (year, (4,))):
            token = match[name]
            if not (token.isascii() and token.isdigit() and len(token) in widths):
                what = "a year of 4 digits" if name == year else "1 or 2 digits"
                raise self.error(match, name, f"expected {what} here")
            values.append(int(token))
        day_of_month, month_of_year, year_number = values
        if year_number < dt.MINYEAR:
            raise self.error(match, year, f"years start at {dt.MINYEAR}")
        if not 1 <= month_of_year <= 12:
            raise self.error(match, month, "a month is from 1 to 12")
        days = calendar.monthrange(year_number, month_of_year)[1]
        if not 1 <= day_of_month <= days:
            reason = f"month {month_of_year} of {year_number} has days 1 to {days}"
            raise self.error(match, day, reason)
        return dt.date(year_number, month_of_year, day_of_month)


def _fold_letter(letter: str) -> str:
    # Fold one letter at a time so the key stays aligned with the text it came from.
    folded = fold(letter) if not letter.isspace() else " "
    return folded if len(folded) == 1 else unicodedata.normalize("NFC", letter).lower()[:1]


def format_date_phrase(date: dt.date, place: str | None = None) -> str:
    """Write ``date`` as the date line of a Vietnamese administrative document.

    Decree 30/2020/NĐ-CP on clerical work (công tác văn thư), Appendix I, on the
    place and date of issue: the date is written in full in Arabic numerals, and
    days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 01
    năm 2021"), so that no digit can be added in front of them afterwards.
    Other months are written without one ("tháng 3").

    Args:
        date: The date.
        place: A place name to put in front, followed by a comma (``"Hà Tĩnh"``).

    Returns:
        The phrase; :func:`parse_date_phrase` reads it back to ``date``.

    >>> import datetime as dt
    >>> format_date_phrase(dt.date(2021, 11, 28))
    'ngày 28 tháng 11 năm 2021'
    >>> format_date_phrase(dt.date(2021, 3, 1), place="Hà Tĩnh")
    'Hà Tĩnh, ngày 01 tháng 3 năm 2021'
    """
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    phrase = f"ngày {date.day:02d} tháng {month} năm {date.year:04d}"
    if place is None:
        return phrase
    name = normalize(place)
    if not name:
        raise ValueError(f"place must be a non-empty name, not {place!r}")
    return f"{name}, {phrase}"
