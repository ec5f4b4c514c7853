"""Calendar documents and reporting schedules: when each periodic report is due, and was it on time.

Documents (pydantic, loadable from JSON/YAML):

- :class:`CalendarOverrides` — extra days off and extra working days for a
  :class:`~cchc.calendar.VietnamCalendar`;
- :class:`ReportingSchedule` — a periodic report, its frequency and its due-date
  rule (:data:`~cchc.documents.reporting.DueRule`, a tagged union on ``kind``);
- :class:`ReportSubmission` — one agency's report for one period.

Engines (pure functions, ``as_of`` always a parameter): :func:`report_dues`
expands a schedule into :class:`ReportDue` values over a range of dates;
:func:`report_timeliness` judges each due report as on time, late, missing or
not yet due.

Every due date is *inclusive*: ``due_on`` is the last day on which a submission
is on time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import attrs

from cchc.calendar import VietnamCalendar
from cchc.documents.reporting import ReportingSchedule, ReportSubmission
from cchc.periods import ReportingPeriod, reporting_periods
from cchc.vocabulary import LabelledEnum

__all__ = [
    "ReportDue",
    "ReportStatus",
    "Timeliness",
    "report_dues",
    "report_timeliness",
]


@attrs.frozen
class ReportDue:
    """One report due under a schedule.

    Attributes:
        schedule: Code of the schedule.
        label: The period's label (``"2024-Q1"``).
        period_start: First day of the period.
        period_end: Last day of the period.
        due_on: Last day on which the report is on time (inclusive).
    """

    schedule: str
    label: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date


class Timeliness(LabelledEnum):
    """How a due report stands as of a date."""

    ON_TIME = "on_time", "Đúng hạn", "On time"
    LATE = "late", "Trễ hạn", "Late"
    MISSING = "missing", "Quá hạn, chưa gửi", "Missing (overdue)"
    NOT_YET_DUE = "not_yet_due", "Chưa đến hạn", "Not yet due"


@attrs.frozen
class ReportStatus:
    """How one agency's report for one period stands as of a date.

    Attributes:
        due: The report due.
        agency: Code of the agency (``None`` when no agency was named or seen).
        timeliness: On time, late, missing or not yet due.
        submitted_on: When it was sent (the first submission), if it was by ``as_of``.
        days_late: Calendar days after ``due_on`` — to the submission when late, to
            ``as_of`` when missing; 0 otherwise.
        working_days_late: Working days in ``(due_on, submitted_on]`` when late, in
            ``(due_on, as_of]`` when missing; 0 otherwise.
    """

    due: ReportDue
    agency: str | None
    timeliness: Timeliness
    submitted_on: dt.date | None = None
    days_late: int = 0
    working_days_late: int = 0


@lru_cache(maxsize=1)
def _default_calendar() -> VietnamCalendar:
    return VietnamCalendar()


def _due_on(schedule: ReportingSchedule, period: ReportingPeriod, cal: VietnamCalendar) -> dt.date:
    due = schedule.due.due_on(period.end, cal)
    return cal.next_working_day(due, inclusive=True) if schedule.roll_to_working_day else due


def report_dues(
    schedule: ReportingSchedule,
    start: dt.date,
    end: dt.date,
    *,
    calendar: VietnamCalendar | None = None,
) -> tuple[ReportDue, ...]:
    """The reports due under ``schedule`` for the periods that end between ``start`` and ``end``.

    Args:
        schedule: The schedule.
        start: First day of the range (inclusive).
        end: Last day of the range (inclusive).
        calendar: The working-day calendar for working-day rules and
            ``roll_to_working_day``; the default :class:`VietnamCalendar` if ``None``.

    >>> import datetime as dt
    >>> schedule = ReportingSchedule.model_validate({
    ...     "code": "cchc-quarterly", "title_vi": "Báo cáo CCHC quý", "frequency": "quarterly",
    ...     "due": {"kind": "day-of-last-month", "day": 15, "before": True}})
    >>> [(d.label, d.due_on.isoformat()) for d in report_dues(
    ...     schedule, dt.date(2024, 1, 1), dt.date(2024, 6, 30))]
    [('2024-Q1', '2024-03-14'), ('2024-Q2', '2024-06-14')]
    """
    cal = calendar or _default_calendar()
    periods = reporting_periods(
        schedule.frequency, start, end, cutoff_day=schedule.cutoff_day, numbers=schedule.periods
    )
    return tuple(
        ReportDue(schedule.code, p.label, p.start, p.end, _due_on(schedule, p, cal))
        for p in periods
    )


def report_timeliness(
    schedule: ReportingSchedule,
    submissions: Iterable[ReportSubmission],
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    *,
    agencies: Iterable[str] | None = None,
    calendar: VietnamCalendar | None = None,
) -> tuple[ReportStatus, ...]:
    """How every report due under ``schedule`` stands as of ``as_of``, agency by agency.

    A submission counts if it names the schedule, and the period by label or by
    last day, and was sent on or before ``as_of`` (later ones are not known yet);
    of several, the first counts. Sent on or before ``due_on``: on time; after it:
    late. Not sent: not yet due while ``as_of <= due_on``, missing after.

    Args:
        schedule: The schedule.
        submissions: Submissions of any schedules and agencies; others are ignored.
        start: First day of the range of period ends (inclusive).
        end: Last day of the range of period ends (inclusive).
        as_of: The day the situation is judged at (its end).
        agencies: The agencies expected to report; by default, those with a
            submission for this schedule (one anonymous row per report if none).
        calendar: For working days late; the default :class:`VietnamCalendar` if ``None``.

    Returns:
        One status per due report and agency, by due report then agency.
    """
    cal = calendar or _default_calendar()
    relevant = [s for s in submissions if s.schedule == schedule.code and s.submitted_on <= as_of]
    named = set(agencies) if agencies is not None else {s.agency for s in relevant}
    expected: list[str | None] = [*sorted(named)] or [None]
    first_sent: dict[tuple[str, dt.date | str], dt.date] = {}
    for s in relevant:
        key = (s.agency, s.period)
        if key not in first_sent or s.submitted_on < first_sent[key]:
            first_sent[key] = s.submitted_on
    statuses = []
    for due in report_dues(schedule, start, end, calendar=cal):
        for agency in expected:
            sent = [first_sent.get((agency, p)) for p in (due.label, due.period_end) if agency]
            on = min((d for d in sent if d is not None), default=None)
            statuses.append(_status(due, agency, on, as_of, cal))
    return tuple(statuses)


def _status(
    due: ReportDue, agency: str | None, sent: dt.date | None, as_of: dt.date, cal: VietnamCalendar
) -> ReportStatus:
    if sent is not None and sent <= due.due_on:
        return ReportStatus(due, agency, Timeliness.ON_TIME, sent)
    if sent is None and as_of <= due.due_on:
        return ReportStatus(due, agency, Timeliness.NOT_YET_DUE)
    until = sent or as_of
    return ReportStatus(
        due,
        agency,
        Timeliness.LATE if sent else Timeliness.MISSING,
        sent,
        (until - due.due_on).days,
        cal.working_days_between(due.due_on, until),
    )
