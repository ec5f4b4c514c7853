"""Strategies for calendar overrides, reporting schedules and submissions. Requires hypothesis."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from cchc.documents.reporting import (
    CalendarOverrides,
    DayOfLastMonth,
    DayOverride,
    DaysAfterPeriod,
    DueRule,
    FixedDate,
    ReportFrequency,
    ReportingSchedule,
    ReportSubmission,
)

__all__ = ["calendar_overrides", "report_submissions", "reporting_schedules"]

_DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
_CODES = st.from_regex(r"\A[a-z][a-z0-9-]{0,10}\Z")


@st.composite
def calendar_overrides(
    draw: st.DrawFn, *, days: st.SearchStrategy[dt.date] = _DAYS
) -> CalendarOverrides:
    """Overrides whose extra days off and extra working days never share a day.

    Requires hypothesis.
    """
    chosen = draw(st.lists(days, max_size=8, unique=True))
    split = draw(st.integers(0, len(chosen)))
    reason = st.none() | st.sampled_from(["Nghỉ bù", "Làm bù", "Sự kiện địa phương"])
    return CalendarOverrides(
        extra_days_off=tuple(DayOverride(day=d, reason=draw(reason)) for d in chosen[:split]),
        extra_working_days=tuple(DayOverride(day=d, reason=draw(reason)) for d in chosen[split:]),
    )


def _due_rules() -> st.SearchStrategy[DueRule]:
    return st.one_of(
        st.builds(DayOfLastMonth, day=st.integers(1, 28), before=st.booleans()),
        st.builds(DaysAfterPeriod, days=st.integers(1, 30), working=st.booleans()),
    )


@st.composite
def reporting_schedules(
    draw: st.DrawFn,
    *,
    frequencies: st.SearchStrategy[ReportFrequency] = st.sampled_from(ReportFrequency),
) -> ReportingSchedule:
    """Valid reporting schedules (a fixed-date rule only for one period a year).

    Requires hypothesis.
    """
    frequency = draw(frequencies)
    count = len(frequency.parts)
    periods = tuple(sorted(draw(st.sets(st.integers(1, count), max_size=count))))
    if len(periods or range(count)) == 1 and draw(st.booleans()):
        due: DueRule = FixedDate(month=draw(st.integers(1, 12)), day=draw(st.integers(1, 28)))
    else:
        due = draw(_due_rules())
    return ReportingSchedule(
        code=draw(_CODES), title_vi="Báo cáo cải cách hành chính", frequency=frequency, due=due,
        periods=periods, cutoff_day=draw(st.none() | st.integers(2, 28)),
        roll_to_working_day=draw(st.booleans()),
    )  # fmt: skip


@st.composite
def report_submissions(
    draw: st.DrawFn,
    *,
    schedules: st.SearchStrategy[str] = _CODES,
    agencies: st.SearchStrategy[str] = _CODES,
) -> ReportSubmission:
    """Submissions for a period (a date or a label such as ``"2024-Q3"``). Requires hypothesis."""
    year = draw(st.integers(2000, 2098))
    label = draw(st.sampled_from(["", "-Q1", "-Q2", "-Q3", "-Q4", "-H1", "-H2", "-9M"]))
    period = draw(
        st.one_of(st.just(f"{year}{label}"), st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    )
    return ReportSubmission(
        schedule=draw(schedules), agency=draw(agencies), period=period,
        submitted_on=draw(st.dates(dt.date(year, 1, 1), dt.date(year + 1, 12, 31))),
    )  # fmt: skip
