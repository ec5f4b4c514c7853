"""Task deadlines as data: an exact date, a month, a quarter, a year, or recurring.

An imprecise deadline — a month, a quarter, a year — resolves to the last day of its
period unless it states a ``day`` (of the period's last month); a recurring one (every
month, quarter or half year) falls due on each period and resolves to its last
occurrence in the year:

>>> MonthDeadline(year=2022, month=6).due_on()
datetime.date(2022, 6, 30)
>>> QuarterDeadline(year=2022, quarter=3, day=15).due_on()
datetime.date(2022, 9, 15)
>>> [d.isoformat() for d in RecurringDeadline(year=2022, every="quarterly", day=10).occurrences()]
['2022-03-10', '2022-06-10', '2022-09-10', '2022-12-10']

A deadline on a day off is not moved: a plan that means "the next working day" says
so with an exact date.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from functools import lru_cache
from typing import Annotated, Literal, TypeAlias

from pydantic import Field

from cchc.documents._types import Day, DocumentPart, Year, describe
from cchc.vocabulary import LabelledEnum, Lang

__all__ = [
    "DateDeadline",
    "Deadline",
    "MonthDeadline",
    "QuarterDeadline",
    "Recurrence",
    "RecurringDeadline",
    "YearDeadline",
]

_DAY = "Day of the period's last month it is due (clipped to the month's length); none: the last."


@lru_cache(maxsize=4096)
def _on_day(year: int, month: int, day: int | None) -> dt.date:
    last = gregorian.monthrange(year, month)[1]
    return dt.date(year, month, last if day is None else min(day, last))


@lru_cache(maxsize=1024)
def _recurring(year: int, months: tuple[int, ...], day: int | None) -> tuple[dt.date, ...]:
    return tuple(_on_day(year, month, day) for month in months)


class Recurrence(LabelledEnum):
    """How often a recurring task falls due (định kỳ)."""

    MONTHLY = "monthly", "Hằng tháng", "Monthly"
    QUARTERLY = "quarterly", "Hằng quý", "Quarterly"
    HALF_YEARLY = "half_yearly", "6 tháng một lần", "Half-yearly"

    @property
    def last_months(self) -> tuple[int, ...]:
        """The last month of each period of a year."""
        return _LAST_MONTHS[self.value]


class _Deadline(DocumentPart):
    def due_on(self) -> dt.date:
        raise NotImplementedError  # pragma: no cover

    def occurrences(self) -> tuple[dt.date, ...]:
        """Every day the task falls due, in order (one, unless it recurs)."""
        return (self.due_on(),)


_LAST_MONTHS = {"monthly": tuple(range(1, 13)), "quarterly": (3, 6, 9, 12), "half_yearly": (6, 12)}


class DateDeadline(_Deadline):
    """Due on an exact day: ``{"kind": "date", "date": "2022-06-15"}``."""

    kind: Literal["date"] = describe("Kind", "Deadline kind.", "loại thời hạn", default="date")
    date: Day = describe("Date", "The last on-time day.", "ngày")

    @property
    def year(self) -> int:
        """The year the deadline falls in."""
        return self.date.year

    def due_on(self) -> dt.date:
        """The last on-time day."""
        return self.date

    def label(self, lang: Lang = "vi") -> str:
        """The deadline in words, e.g. ``"15/06/2022"``."""
        return f"{self.date:%d/%m/%Y}"


class MonthDeadline(_Deadline):
    """Due in a month: ``{"kind": "month", "year": 2022, "month": 6}`` — by 30 June."""

    kind: Literal["month"] = describe("Kind", "Deadline kind.", "loại thời hạn", default="month")
    year: Year = describe("Year", "Year of the month.", "năm")
    month: int = describe("Month", "The month (1–12).", "tháng", ge=1, le=12)
    day: int | None = describe("Day", _DAY, "ngày", default=None, ge=1, le=31)

    def due_on(self) -> dt.date:
        """The last on-time day: ``day`` of the month, or its last day."""
        return _on_day(self.year, self.month, self.day)

    def label(self, lang: Lang = "vi") -> str:
        """The deadline in words, e.g. ``"tháng 6/2022"``."""
        return (
            f"tháng {self.month}/{self.year}" if lang == "vi" else f"{self.year}-{self.month:02d}"
        )


class QuarterDeadline(_Deadline):
    """Due in a quarter: ``{"kind": "quarter", "year": 2022, "quarter": 2}`` — by 30 June."""

    kind: Literal["quarter"] = describe(
        "Kind", "Deadline kind.", "loại thời hạn", default="quarter"
    )
    year: Year = describe("Year", "Year of the quarter.", "năm")
    quarter: int = describe("Quarter", "The quarter (1–4).", "quý", ge=1, le=4)
    day: int | None = describe("Day", _DAY, "ngày", default=None, ge=1, le=31)

    def due_on(self) -> dt.date:
        """The last on-time day: ``day`` of the quarter's last month, or its last day."""
        return _on_day(self.year, 3 * self.quarter, self.day)

    def label(self, lang: Lang = "vi") -> str:
        """The deadline in words, e.g. ``"quý II/2022"``."""
        roman = ("I", "II", "III", "IV")[self.quarter - 1]
        return f"quý {roman}/{self.year}" if lang == "vi" else f"{self.year}-Q{self.quarter}"


class YearDeadline(_Deadline):
    """Due in a year: ``{"kind": "year", "year": 2022}`` — by 31 December."""

    kind: Literal["year"] = describe("Kind", "Deadline kind.", "loại thời hạn", default="year")
    year: Year = describe("Year", "The year.", "năm")
    day: int | None = describe("Day", _DAY, "ngày", default=None, ge=1, le=31)

    def due_on(self) -> dt.date:
        """The last on-time day: ``day`` of December, or 31 December."""
        return _on_day(self.year, 12, self.day)

    def label(self, lang: Lang = "vi") -> str:
        """The deadline in words, e.g. ``"năm 2022"``."""
        return f"năm {self.year}" if lang == "vi" else str(self.year)


class RecurringDeadline(_Deadline):
    """Due every period of a year: ``{"kind": "recurring", "year": 2022, "every": "monthly"}``.

    Each period's occurrence is ``day`` of its last month (or that month's last day);
    the task as a whole is due on the last occurrence.
    """

    kind: Literal["recurring"] = describe(
        "Kind", "Deadline kind.", "loại thời hạn", default="recurring"
    )
    year: Year = describe("Year", "The year the task recurs in.", "năm")
    every: Recurrence = describe("Every", "How often it falls due.", "định kỳ")
    day: int | None = describe("Day", _DAY, "ngày", default=None, ge=1, le=31)

    def due_on(self) -> dt.date:
        """The last on-time day of the last occurrence in the year."""
        return self.occurrences()[-1]

    def occurrences(self) -> tuple[dt.date, ...]:
        """Every day the task falls due in the year, in order."""
        return _recurring(self.year, self.every.last_months, self.day)

    def label(self, lang: Lang = "vi") -> str:
        """The deadline in words, e.g. ``"hằng quý, ngày 10 (2022)"``."""
        if lang == "vi":
            day = "ngày cuối tháng" if self.day is None else f"ngày {self.day}"
        else:
            day = "last day" if self.day is None else f"day {self.day}"
        return f"{self.every.label(lang).lower()}, {day} ({self.year})"


Deadline: TypeAlias = Annotated[
    DateDeadline | MonthDeadline | QuarterDeadline | YearDeadline | RecurringDeadline,
    Field(discriminator="kind"),
]
"""When a task is due: an exact date, a month, a quarter, a year, or recurring (``kind``)."""
