"""Periods of time under the Civil Code 2015 (Bộ luật Dân sự 2015, Art. 147–148).

The rules, which apply unless a law or the parties say otherwise:

- Art. 147: counting starts on the day *after* the event ("ngày đầu tiên của
  thời hạn không được tính mà tính từ ngày tiếp theo liền kề"): a period of
  3 days from 10 March runs 11, 12 and 13 March.
- Art. 148(1)–(4): a period in days ends at the end of its last day; one in
  weeks, months or years ends on the corresponding day of the last week, month
  or year — the same weekday, or the same day number — and when the last month
  has no such day (31 April, 29 February in a common year), on that month's last day.
- Art. 148(5): a period whose last day is a day off ends at the end of the next
  working day. That step needs a calendar; see
  :meth:`cchc.calendar.VietnamCalendar.period_end`.

This module does the calendar-free part, lays out the periods of periodic
reports (quarters, halves, nine months, years; :func:`reporting_periods`), and
holds the rules that say when a period's report is due (:data:`DueRule`):

>>> import datetime as dt
>>> nominal_period_end(dt.date(2023, 1, 31), months=1)
datetime.date(2023, 2, 28)
>>> nominal_period_end(dt.date(2024, 3, 10), days=3)
datetime.date(2024, 3, 13)
>>> period_start(dt.date(2024, 3, 10))
datetime.date(2024, 3, 11)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from cchc.documents.reporting import ReportFrequency

if TYPE_CHECKING:
    pass

__all__ = [
    "ReportingPeriod",
    "nominal_period_end",
    "period_start",
    "reporting_periods",
]


def period_start(event_day: dt.date) -> dt.date:
    """The first day of a period that follows ``event_day`` (Civil Code 2015 Art. 147).

    Args:
        event_day: The day of the event the period is counted from (not itself counted).

    Returns:
        The day after ``event_day``.
    """
    return event_day + dt.timedelta(days=1)


def nominal_period_end(
    event_day: dt.date, *, days: int = 0, weeks: int = 0, months: int = 0, years: int = 0
) -> dt.date:
    """The last day of a period counted from ``event_day``, before any day-off rule.

    A period in months or years ends on the same day number as ``event_day``, or on
    the last day of the month when that day does not exist (Art. 148(3)–(4)); a
    period in days or weeks ends ``days + 7 * weeks`` days after ``event_day``
    (Art. 147–148(1)–(2)). A period given in several units is counted from the
    largest: years and months first (with the month-end rule), then weeks and days.

    Args:
        event_day: The day of the event; the period starts the day after it.
        days: Length in days.
        weeks: Length in weeks.
        months: Length in months.
        years: Length in years.

    Returns:
        The last day of the period, which may be a day off.

    Raises:
        ValueError: A length is negative, or all of them are zero.

    >>> import datetime as dt
    >>> nominal_period_end(dt.date(2024, 1, 31), months=1)  # a leap year
    datetime.date(2024, 2, 29)
    >>> nominal_period_end(dt.date(2024, 2, 29), years=1)
    datetime.date(2025, 2, 28)
    >>> nominal_period_end(dt.date(2024, 3, 1), weeks=2)  # a Friday; ends a Friday
    datetime.date(2024, 3, 15)
    >>> nominal_period_end(dt.date(2023, 1, 31), months=1, days=1)
    datetime.date(2023, 3, 1)
    """
    lengths = {"days": days, "weeks": weeks, "months": months, "years": years}
    for name, value in lengths.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    if not any(lengths.values()):
        raise ValueError("give a length: at least one of days, weeks, months, years must be > 0")
    end: dt.date = event_day + relativedelta(years=years, months=months)
    return end + dt.timedelta(days=days + 7 * weeks)


@attrs.frozen
class ReportingPeriod:
    """One period of a periodic report.

    Attributes:
        label: ``"2024-Q1"``, ``"2024-H2"``, ``"2024-9M"`` or ``"2024"``.
        number: The period's number within its year, from 1.
        start: First day of the period.
        end: Last day of the period (inclusive).
    """

    label: str
    number: int
    start: dt.date
    end: dt.date


def reporting_periods(
    frequency: ReportFrequency,
    start: dt.date,
    end: dt.date,
    *,
    cutoff_day: int | None = None,
    numbers: tuple[int, ...] = (),
) -> tuple[ReportingPeriod, ...]:
    """The periods of ``frequency`` that end between ``start`` and ``end`` (inclusive), in order.

    Args:
        frequency: Quarterly, half-yearly, nine-month or annual.
        start: First day of the range.
        end: Last day of the range.
        cutoff_day: A data cut-off day (ngày chốt số liệu): each period then runs
            from this day of the month before its first month to the day before it
            in its last month (15 gives 15 December–14 March for Q1). ``None``: the
            calendar months themselves.
        numbers: Keep only these periods of each year (``(1, 3)``: Q1 and Q3); all if empty.

    >>> import datetime as dt
    >>> [p.label for p in reporting_periods(
    ...     ReportFrequency.QUARTERLY, dt.date(2024, 1, 1), dt.date(2024, 12, 31), numbers=(1, 3))]
    ['2024-Q1', '2024-Q3']
    >>> reporting_periods(ReportFrequency.ANNUAL, dt.date(2024, 1, 1), dt.date(2024, 12, 31),
    ...                   cutoff_day=15)[0]
    ReportingPeriod(label='2024', number=1, start=datetime.date(2023, 12, 15),
                    end=datetime.date(2024, 12, 14))
    """
    if cutoff_day is not None and not 2 <= cutoff_day <= 28:
        raise ValueError(f"cutoff_day must be from 2 to 28, got {cutoff_day}")
    parts = {first: (number, suffix, last)
             for number, (suffix, first, last) in enumerate(frequency.parts, 1)}  # fmt: skip
    periods = []
    months = rrule(MONTHLY, bymonth=tuple(parts), bymonthday=1,
                   dtstart=dt.date(start.year, 1, 1), until=dt.date(end.year, 12, 31))  # fmt: skip
    for month in months:
        number, suffix, last = parts[month.month]
        if numbers and number not in numbers:
            continue
        first_day = month.date()
        if cutoff_day is None:
            period_end = first_day.replace(month=last) + relativedelta(months=1, days=-1)
        else:
            first_day = first_day.replace(day=cutoff_day) - relativedelta(months=1)
            period_end = dt.date(month.year, last, cutoff_day - 1)
        if start <= period_end <= end:
            label = f"{month.year}-{suffix}" if suffix else str(month.year)
            periods.append(ReportingPeriod(label, number, first_day, period_end))
    return tuple(periods)
