"""Reporting documents: periodic report schedules, due-date rules, submissions, overrides.

The calendar overrides are the days an office adds to the public holidays.

The rules say when a report is due as data (``kind``-tagged); the engines that
expand schedules into due dates and judge timeliness live in :mod:`cchc.schedules`.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from typing import TYPE_CHECKING, Annotated, Literal, Self, TypeAlias

from dateutil.relativedelta import relativedelta
from pydantic import Field, StringConstraints, model_validator

from cchc.documents._types import Code, Day, Document, DocumentPart, Symbol, Text, describe
from cchc.vocabulary import LabelledEnum

if TYPE_CHECKING:
    from cchc.calendar import VietnamCalendar

__all__ = [
    "CalendarOverrides",
    "DayOfLastMonth",
    "DayOverride",
    "DaysAfterPeriod",
    "DueRule",
    "FixedDate",
    "PeriodLabel",
    "ReportFrequency",
    "ReportSubmission",
    "ReportingSchedule",
]


class ReportFrequency(LabelledEnum):
    """How often a periodic report is due (kỳ báo cáo); each year has its periods.

    Quarterly: Q1–Q4. Half-yearly: H1 (January–June) and H2 (July–December).
    Nine-month: January–September (9M). Annual: the year.
    """

    QUARTERLY = "quarterly", "Báo cáo quý", "Quarterly"
    HALF_YEARLY = "half_yearly", "Báo cáo 6 tháng", "Half-yearly"
    NINE_MONTH = "nine_month", "Báo cáo 9 tháng", "Nine-month"
    ANNUAL = "annual", "Báo cáo năm", "Annual"

    @property
    def parts(self) -> tuple[tuple[str, int, int], ...]:
        """The periods of a year: ``(label suffix, first month, last month)``."""
        return _PARTS[self]


_PARTS = {
    ReportFrequency.QUARTERLY: (("Q1", 1, 3), ("Q2", 4, 6), ("Q3", 7, 9), ("Q4", 10, 12)),
    ReportFrequency.HALF_YEARLY: (("H1", 1, 6), ("H2", 7, 12)),
    ReportFrequency.NINE_MONTH: (("9M", 1, 9),),
    ReportFrequency.ANNUAL: (("", 1, 12),),
}


_BEFORE = (
    "True: due strictly before that day (the last on-time day is the day before);"
    " false: on or before it."
)


def _day_of(month: dt.date, day: int, before: bool) -> dt.date:
    due = month.replace(day=min(day, gregorian.monthrange(month.year, month.month)[1]))
    return due - dt.timedelta(days=1) if before else due


class DayOfLastMonth(DocumentPart):
    """Due on (or before) a day of the period's last month, or of a month after it.

    ``{"kind": "day-of-last-month", "day": 15, "before": true}``: "before the 15th of
    the last month of the period" — due on the 14th. A day the month lacks (31 in
    June) means the month's last day.
    """

    kind: Literal["day-of-last-month"] = describe(
        "Kind", "Rule kind.", "loại quy tắc", default="day-of-last-month"
    )
    day: int = describe("Day", "Day of the month.", "ngày", ge=1, le=31)
    before: bool = describe("Before", _BEFORE, "trước ngày", default=False)
    months_after: int = describe(
        "Months after",
        "0: the period's last month; 1: the month after it; and so on.",
        "số tháng sau",
        default=0,
        ge=0,
        le=12,
    )

    def due_on(self, period_end: dt.date, calendar: VietnamCalendar) -> dt.date:
        """The last on-time day for the period ending ``period_end``."""
        month = period_end.replace(day=1) + relativedelta(months=self.months_after)
        return _day_of(month, self.day, self.before)


class FixedDate(DocumentPart):
    """Due on (or before) a fixed day each year: ``{"kind": "fixed-date", "month": 12, "day": 15}``.

    Only for schedules with one period a year. 29 February means the 28th in a common year.
    """

    kind: Literal["fixed-date"] = describe(
        "Kind", "Rule kind.", "loại quy tắc", default="fixed-date"
    )
    month: int = describe("Month", "Month of the due date.", "tháng", ge=1, le=12)
    day: int = describe("Day", "Day of the due date.", "ngày", ge=1, le=31)
    before: bool = describe("Before", _BEFORE, "trước ngày", default=False)
    year_offset: int = describe(
        "Year offset",
        "0: the year the period ends; 1: the year after.",
        "năm",
        default=0,
        ge=0,
        le=1,
    )

    @model_validator(mode="after")
    def _day_exists(self) -> Self:
        if self.day > gregorian.monthrange(2024, self.month)[1]:  # 2024: a leap year
            raise ValueError(f"month {self.month} has no day {self.day}")
        return self

    def due_on(self, period_end: dt.date, calendar: VietnamCalendar) -> dt.date:
        """The last on-time day for the period ending ``period_end``."""
        month = dt.date(period_end.year + self.year_offset, self.month, 1)
        return _day_of(month, self.day, self.before)


class DaysAfterPeriod(DocumentPart):
    """Due within N days after the period ends: ``{"kind": "days-after-period", "days": 10}``.

    Counting starts the day after the period's last day (Civil Code 2015 Art. 147):
    calendar days give ``end + N``; working days (``"working": true``) give the N-th
    working day after the end, as :meth:`~cchc.calendar.VietnamCalendar.add_working_days` counts.
    """

    kind: Literal["days-after-period"] = describe(
        "Kind", "Rule kind.", "loại quy tắc", default="days-after-period"
    )
    days: int = describe("Days", "How many days after the period.", "số ngày", ge=1, le=366)
    working: bool = describe(
        "Working days", "Count working days rather than calendar days.", "ngày làm việc",
        default=False,
    )  # fmt: skip

    def due_on(self, period_end: dt.date, calendar: VietnamCalendar) -> dt.date:
        """The last on-time day for the period ending ``period_end``."""
        if self.working:
            return calendar.add_working_days(period_end, self.days)
        return period_end + dt.timedelta(days=self.days)


DueRule: TypeAlias = Annotated[
    DayOfLastMonth | FixedDate | DaysAfterPeriod, Field(discriminator="kind")
]
"""When a report is due, as data; see each rule. Told apart by ``kind``."""


PeriodLabel = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(Q[1-4]|H[12]|9M))?$")]
"""A reporting period's label: ``"2024-Q1"``, ``"2024-H1"``, ``"2024-9M"`` or ``"2024"``."""


class DayOverride(DocumentPart):
    """One day whose status you set yourself, and why."""

    day: Day = describe("Day", "The date overridden.", "ngày")
    reason: Text | None = describe("Reason", "Why, in plain words.", "lý do", default=None)
    instrument: Symbol | None = describe(
        "Instrument", "Symbol of the instrument that decided it.", "văn bản", default=None
    )


class CalendarOverrides(Document):
    """Extra days off and extra working days on top of the national calendar.

    >>> import datetime as dt
    >>> from cchc import VietnamCalendar
    >>> overrides = CalendarOverrides.model_validate_json(
    ...     '{"extra_days_off": [{"day": "2025-03-07", "reason": "Provincial festival"}]}'
    ... )
    >>> VietnamCalendar.from_overrides(overrides).is_working_day(dt.date(2025, 3, 7))
    False
    """

    type: Literal["calendar-overrides"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="calendar-overrides",
    )
    code: Code | None = describe("Code", "Stable identifier.", "mã", default=None)
    title_vi: Text | None = describe("Title", "What these overrides are.", "tên", default=None)
    title_en: Text | None = describe(
        "Title (English)", "What these overrides are, in English.", "tên (tiếng Anh)", default=None
    )
    extra_days_off: tuple[DayOverride, ...] = describe(
        "Extra days off", "Days that are not working days.", "ngày nghỉ bổ sung", default=()
    )
    extra_working_days: tuple[DayOverride, ...] = describe(
        "Extra working days",
        "Days that are working days, weekends included.",
        "ngày làm việc bổ sung",
        default=(),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        days_off = [o.day for o in self.extra_days_off]
        working_days = [o.day for o in self.extra_working_days]
        for name, days in (("extra_days_off", days_off), ("extra_working_days", working_days)):
            if len(set(days)) < len(days):
                twice = min(d for d in days if days.count(d) > 1)
                raise ValueError(f"{twice} appears twice in {name}")
        if both := set(days_off) & set(working_days):
            raise ValueError(f"{min(both)} is both an extra day off and an extra working day")
        return self


class ReportingSchedule(Document):
    """A periodic report: what is reported, how often, and by when."""

    type: Literal["reporting-schedule"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="reporting-schedule",
    )
    code: Code = describe("Code", "Stable identifier.", "mã báo cáo")
    title_vi: Text = describe("Title", "Name of the report, in Vietnamese.", "tên báo cáo")
    title_en: Text | None = describe(
        "Title (English)", "Name of the report, in English.", "tên báo cáo (tiếng Anh)",
        default=None,
    )  # fmt: skip
    frequency: ReportFrequency = describe("Frequency", "How often it is due.", "kỳ báo cáo")
    due: DueRule = describe("Due", "When each period's report is due.", "thời hạn gửi báo cáo")
    periods: tuple[int, ...] = describe(
        "Periods", "Only these periods of each year (1 = Q1, H1…); all if empty.", "các kỳ",
        default=(),
    )  # fmt: skip
    cutoff_day: int | None = describe(
        "Data cut-off day",
        "Periods run from this day of the month before to the day before it in the last month.",
        "ngày chốt số liệu",
        default=None,
        ge=2,
        le=28,
    )
    roll_to_working_day: bool = describe(
        "Roll to a working day",
        "A due date on a day off moves to the next working day.",
        "lùi sang ngày làm việc tiếp theo",
        default=False,
    )
    instrument: Symbol | None = describe(
        "Instrument", "Symbol of the instrument that sets the schedule.", "văn bản", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        count = len(self.frequency.parts)
        if len(set(self.periods)) < len(self.periods) or any(
            not 1 <= n <= count for n in self.periods
        ):
            raise ValueError(f"periods must be distinct numbers from 1 to {count}")
        if isinstance(self.due, FixedDate) and len(self.periods or range(count)) > 1:
            raise ValueError("a fixed-date rule needs one period a year")
        return self


class ReportSubmission(Document):
    """One agency's report for one period of a schedule."""

    type: Literal["report-submission"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="report-submission",
    )
    schedule: Code = describe("Schedule", "Code of the reporting schedule.", "mã báo cáo")
    agency: Code = describe("Agency", "Code of the agency that reported.", "cơ quan báo cáo")
    period: Day | PeriodLabel = describe(
        "Period", 'The period\'s label ("2024-Q1") or last day.', "kỳ báo cáo"
    )
    submitted_on: Day = describe("Submitted on", "Day the report was sent.", "ngày gửi")
    instrument: Symbol | None = describe(
        "Instrument", "Symbol of the report itself.", "số, ký hiệu báo cáo", default=None
    )
