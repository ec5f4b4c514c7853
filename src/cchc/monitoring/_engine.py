"""``monitor``: a plan's tasks, targets and reports as of a day."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any

from cchc.calendar import VietnamCalendar
from cchc.documents.plan import Plan
from cchc.documents.programme import Programme, Target
from cchc.errors import MonitoringError
from cchc.monitoring._result import Monitoring
from cchc.monitoring._targets import DEFAULT_TOLERANCE, target_progress
from cchc.monitoring._tasks import task_states
from cchc.monitoring._values import Tally, TargetProgress, TaskState, TaskStatus
from cchc.schedules import ReportStatus, report_timeliness
from cchc.vocabulary import ReformArea

__all__ = ["monitor"]

_STATUS = attrgetter("status")

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)


@lru_cache(maxsize=1)
def _default_calendar() -> VietnamCalendar:
    return VietnamCalendar()


def _check_day(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{what} must be a datetime.date (not a datetime), got {value!r}")
    return value


def monitor(
    plan: Plan,
    *,
    as_of: dt.date,
    calendar: VietnamCalendar | None = None,
    due_soon_days: int = 5,
    stale_days: int = 30,
    programme: Programme | Sequence[Programme] | None = None,
    target_tolerance: Decimal = DEFAULT_TOLERANCE,
) -> Monitoring:
    """Where every task, target and periodic report of ``plan`` stands as of ``as_of``.

    Only what was reported on or before ``as_of`` counts. Each task gets the first
    status that applies, in this order (see :data:`~cchc.monitoring.PRECEDENCE`):

    1. cancelled — ``cancelled`` and ``cancelled_on`` (if given) on or before ``as_of``;
    2. done on time / done late — the last update says done; the day it became done
       (the first done update after the last not-done one) on or before ``due_on``, or after;
    3. overdue — ``as_of`` is after ``due_on`` (the due day itself is still on time);
    4. due soon — its next due day (for a recurring task, the next occurrence) is
       ``due_soon_days`` working days or fewer after ``as_of``;
    5. stale — ``stale_days`` calendar days or more since the last update (or, before
       any update, since the later of ``issued_on`` and 1 January of the plan's year);
    6. in progress — the last update reports some progress;
    7. not started — otherwise.

    Args:
        plan: The plan.
        as_of: The day judged at; required, never "today".
        calendar: Working days for "due soon" and reports; the national calendar if None.
        due_soon_days: Working days ahead that count as due soon (>= 0).
        stale_days: Calendar days without an update that make a task stale (>= 1).
        programme: The plan's programme, or a cascade of programmes: its solution groups
            name the group roll-up; the targets of the plan's own programme (and of the
            others, when the plan measures them) get their progress.
        target_tolerance: The at-risk band of targets, as a share of the planned change.

    Raises:
        MonitoringError: ``as_of`` is before the plan was issued.
        ValueError: ``due_soon_days`` or ``stale_days`` is out of range.
        CalendarError: ``as_of`` is outside the calendar's years.
    """
    as_of = _check_day(as_of, "as_of")
    if as_of < plan.issued_on:
        raise MonitoringError(
            plan.code, as_of, f"the plan did not exist yet: it was issued on {plan.issued_on}"
        )
    if due_soon_days < 0:
        raise ValueError(f"due_soon_days must be 0 or more, got {due_soon_days}")
    if stale_days < 1:
        raise ValueError(f"stale_days must be 1 or more, got {stale_days}")
    cal = calendar or _default_calendar()
    horizon = cal.add_working_days(as_of, due_soon_days + 1)  # first day no longer "soon"
    stale_from = max(plan.issued_on, dt.date(plan.year, 1, 1))
    states = task_states(
        plan, as_of=as_of, horizon=horizon, stale_from=stale_from, stale_days=stale_days
    )
    states.sort(key=attrgetter("task.code"))
    if len({s.task.code for s in states}) < len(states):  # duplicate codes: order them fully
        states.sort(key=lambda s: (s.code, s.lead, s.due_on, s.status.value, s.task.title_vi))
    programmes = _as_list(programme)
    return Monitoring(
        plan=plan.code,
        year=plan.year,
        as_of=as_of,
        due_soon_days=due_soon_days,
        stale_days=stale_days,
        tasks=tuple(states),
        by_agency=_by_agency(plan, states),
        by_area=_by_area(states),
        by_group=_by_group(plan, states, programmes),
        total=Tally.of(plan.code, plan.label_vi, plan.label_en, Counter(map(_STATUS, states))),
        targets=_targets(plan, programmes, as_of, target_tolerance),
        reports=_reports(plan, as_of, cal),
    )


def _as_list(programme: Programme | Sequence[Programme] | None) -> list[Programme]:
    if programme is None:
        return []
    return [programme] if isinstance(programme, Programme) else list(programme)


def _counts(key: str, states: list[TaskState]) -> dict[Any, Counter[TaskStatus]]:
    # attrgetter and zip run in C, and zip reuses its result tuple: counting allocates
    # almost nothing per task.
    pairs = zip(map(attrgetter(key), states), map(_STATUS, states), strict=True)
    grouped: dict[Any, Counter[TaskStatus]] = defaultdict(Counter)
    for (value, status), count in Counter(pairs).items():
        grouped[value][status] = count
    return grouped


def _by_agency(plan: Plan, states: list[TaskState]) -> tuple[Tally, ...]:
    names = {a.code: (a.label_vi, a.label_en) for a in plan.agencies}
    grouped = _counts("task.lead", states)
    tallies = []
    for code in sorted(grouped):
        vi, en = names.get(code, (code, code))
        tallies.append(Tally.of(code, vi, en, grouped[code]))
    return tuple(tallies)


def _by_area(states: list[TaskState]) -> tuple[Tally, ...]:
    grouped = _counts("task.reform_area", states)
    return tuple(
        Tally.of(area.value, area.label_vi, area.label_en, grouped[area])
        for area in ReformArea
        if area in grouped
    )


def _by_group(
    plan: Plan, states: list[TaskState], programmes: list[Programme]
) -> tuple[Tally, ...]:
    own = next((p for p in programmes if p.code == plan.programme), None)
    titles = (
        {} if own is None else {g.number: (g.label_vi, g.label_en) for g in own.solution_groups}
    )
    grouped = _counts("task.solution_group", states)
    tallies = []
    for number in sorted(grouped):
        vi, en = titles.get(number, (f"Giải pháp {number}", f"Solution group {number}"))
        tallies.append(Tally.of(str(number), vi, en, grouped[number]))
    return tuple(tallies)


def _targets(
    plan: Plan, programmes: list[Programme], as_of: dt.date, tolerance: Decimal
) -> tuple[TargetProgress, ...]:
    measured = {m.target for m in plan.measurements}
    ordered = sorted(programmes, key=lambda p: p.code != plan.programme)  # the plan's own first
    chosen: dict[str, tuple[str, Target]] = {}
    for p in ordered:
        for target in p.targets:
            own = p.code == plan.programme
            if target.code not in chosen and (own or target.code in measured):
                chosen[target.code] = (p.code, target)
    return tuple(
        target_progress(target, plan.measurements, as_of, programme=code, tolerance=tolerance)
        for code, target in (chosen[c] for c in sorted(chosen))
    )


def _reports(plan: Plan, as_of: dt.date, cal: VietnamCalendar) -> tuple[ReportStatus, ...]:
    if not plan.reporting_schedules:
        return ()
    agencies = plan.reporters or tuple(a.code for a in plan.agencies)
    start, end = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    return tuple(
        status
        for schedule in plan.reporting_schedules
        for status in report_timeliness(
            schedule, plan.report_submissions, start, end, as_of, agencies=agencies, calendar=cal
        )
    )
