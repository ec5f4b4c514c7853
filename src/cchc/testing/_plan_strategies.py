"""Strategies for annual plans, their tasks, progress updates and measurements.

Requires hypothesis (``pip install "cchc[testing]"``).

Plans are valid by construction: agency and task codes are unique, every lead and
cooperating agency is one of the plan's, every deadline falls in the plan's year, each
task's updates come in date order with a percentage that never falls, and
:func:`cchc.monitoring.check_plan` finds no error in them.

>>> from hypothesis import given
>>> from cchc.monitoring import check_plan
>>> @given(plans())
... def test_clean(plan):
...     assert [f for f in check_plan(plan) if f.severity == "error"] == []
>>> test_clean()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st

from cchc.documents.deadlines import (
    DateDeadline,
    Deadline,
    MonthDeadline,
    QuarterDeadline,
    Recurrence,
    RecurringDeadline,
    YearDeadline,
)
from cchc.documents.plan import Measurement, Plan, PlanAgency, ProgressUpdate, Task, UpdateStatus
from cchc.documents.reporting import ReportingSchedule, ReportSubmission
from cchc.vocabulary import AgencyKind, ReformArea

__all__ = [
    "deadlines",
    "measurements",
    "plan_agencies",
    "plans",
    "progress_updates",
    "tasks",
]

_CODES = st.from_regex(r"\A[a-z][a-z0-9-]{0,7}\Z")
_TEXTS = st.sampled_from(
    ["Rà soát thủ tục hành chính", "Kiểm tra công tác CCHC", "Số hóa hồ sơ", "Tuyên truyền"]
)
_PERCENTS = st.decimals(min_value=0, max_value=100, places=1)
_DAYS = st.one_of(st.none(), st.integers(1, 31))


def _statuses(percent: Decimal) -> st.SearchStrategy[UpdateStatus | None]:
    if percent == 100:
        return st.sampled_from([None, UpdateStatus.DONE])
    if percent == 0:
        return st.sampled_from([None, UpdateStatus.NOT_STARTED, UpdateStatus.IN_PROGRESS])
    return st.sampled_from([None, UpdateStatus.IN_PROGRESS, UpdateStatus.BLOCKED])


@st.composite
def deadlines(
    draw: st.DrawFn, *, years: st.SearchStrategy[int] = st.integers(2016, 2025)
) -> Deadline:
    """Deadlines of every kind whose days all fall in a year drawn from ``years``.

    Requires hypothesis.
    """
    year = draw(years)
    kind = draw(st.sampled_from(["date", "month", "quarter", "year", "recurring"]))
    if kind == "date":
        return DateDeadline(date=draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))))
    if kind == "month":
        return MonthDeadline(year=year, month=draw(st.integers(1, 12)), day=draw(_DAYS))
    if kind == "quarter":
        return QuarterDeadline(year=year, quarter=draw(st.integers(1, 4)), day=draw(_DAYS))
    if kind == "year":
        return YearDeadline(year=year, day=draw(_DAYS))
    return RecurringDeadline(year=year, every=draw(st.sampled_from(Recurrence)), day=draw(_DAYS))


@st.composite
def plan_agencies(draw: st.DrawFn, *, codes: st.SearchStrategy[str] = _CODES) -> PlanAgency:
    """Agencies of a plan, with a code drawn from ``codes``. Requires hypothesis."""
    return PlanAgency(
        code=draw(codes),
        name_vi=draw(_TEXTS),
        name_en=draw(st.none() | st.just("Division")),
        kind=draw(st.sampled_from(AgencyKind)),
    )


@st.composite
def tasks(
    draw: st.DrawFn,
    *,
    codes: st.SearchStrategy[str] = _CODES,
    agencies: st.SearchStrategy[Sequence[str]] = st.just(("lead", "helper")),
    years: st.SearchStrategy[int] = st.integers(2016, 2025),
    solution_groups: st.SearchStrategy[int] = st.integers(1, 6),
    cancellations: st.SearchStrategy[bool] = st.booleans(),
) -> Task:
    """Tasks led by one of the agency codes drawn from ``agencies`` (a non-empty list).

    Cooperating agencies are other codes of the same list; the deadline falls in a
    year drawn from ``years``. Requires hypothesis.
    """
    pool = draw(agencies)
    lead = draw(st.sampled_from(pool))
    others = [code for code in dict.fromkeys(pool) if code != lead]
    cooperating = draw(st.lists(st.sampled_from(others), unique=True)) if others else []
    deadline = draw(deadlines(years=st.just(draw(years))))
    cancelled = draw(cancellations)
    cancelled_on = None
    if cancelled and draw(st.booleans()):
        year = deadline.due_on().year
        cancelled_on = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return Task(
        code=draw(codes),
        title_vi=draw(_TEXTS),
        title_en=draw(st.none() | st.just("Review procedures")),
        reform_area=draw(st.sampled_from(ReformArea)),
        solution_group=draw(solution_groups),
        lead=lead,
        cooperating=tuple(cooperating),
        output_vi=draw(st.none() | st.just("Báo cáo")),
        deadline=deadline,
        cancelled=cancelled,
        cancelled_on=cancelled_on,
    )


@st.composite
def progress_updates(
    draw: st.DrawFn,
    *,
    tasks: st.SearchStrategy[str] = _CODES,
    dates: st.SearchStrategy[dt.date] = st.dates(dt.date(2016, 1, 1), dt.date(2026, 3, 31)),
    percents: st.SearchStrategy[Decimal] = _PERCENTS,
) -> ProgressUpdate:
    """One update of a task code drawn from ``tasks``, its status agreeing with its percent.

    Requires hypothesis.
    """
    percent = draw(percents)
    return ProgressUpdate(
        task=draw(tasks),
        date=draw(dates),
        percent=percent,
        status=draw(_statuses(percent)),
        evidence=tuple(draw(st.lists(st.just("Báo cáo số 12/BC-UBND"), max_size=1))),
    )


@st.composite
def measurements(
    draw: st.DrawFn,
    *,
    targets: st.SearchStrategy[str] = _CODES,
    dates: st.SearchStrategy[dt.date] = st.dates(dt.date(2016, 1, 1), dt.date(2030, 12, 31)),
    values: st.SearchStrategy[Decimal] = st.decimals(0, 1000, places=2),
) -> Measurement:
    """Measurements of a target code drawn from ``targets``. Requires hypothesis."""
    return Measurement(
        target=draw(targets), date=draw(dates), value=draw(values), source="Số liệu thống kê"
    )


@st.composite
def _history(
    draw: st.DrawFn, task: str, start: dt.date, end: dt.date, max_updates: int
) -> list[ProgressUpdate]:
    days = sorted(draw(st.lists(st.dates(start, end), max_size=max_updates)))
    percents = sorted(draw(st.lists(_PERCENTS, min_size=len(days), max_size=len(days))))
    return [
        draw(progress_updates(tasks=st.just(task), dates=st.just(d), percents=st.just(p)))
        for d, p in zip(days, percents, strict=True)
    ]


@st.composite
def plans(
    draw: st.DrawFn,
    *,
    years: st.SearchStrategy[int] = st.integers(2016, 2025),
    max_agencies: int = 4,
    max_tasks: int = 8,
    max_updates: int = 5,
) -> Plan:
    """Whole plans that check clean: agencies, tasks, ordered updates, reports.

    Args:
        draw: Supplied by Hypothesis.
        years: The plan's year.
        max_agencies: Most agencies in the plan (at least one is drawn).
        max_tasks: Most tasks (at least one is drawn).
        max_updates: Most progress updates per task.

    Requires hypothesis.
    """
    year = draw(years)
    issued_on = draw(st.dates(dt.date(year - 1, 11, 1), dt.date(year, 3, 31)))
    agencies = draw(
        st.lists(plan_agencies(), min_size=1, max_size=max_agencies, unique_by=lambda a: a.code)
    )
    codes = [a.code for a in agencies]
    drawn = draw(
        st.lists(
            tasks(agencies=st.just(codes), years=st.just(year)),
            min_size=1, max_size=max_tasks, unique_by=lambda t: t.code,
        )
    )  # fmt: skip
    end = dt.date(year + 1, 2, 28)
    updates = [u for t in drawn for u in draw(_history(t.code, issued_on, end, max_updates))]
    updates.sort(key=lambda u: u.date)
    measured = draw(
        st.lists(
            measurements(dates=st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))),
            max_size=3, unique_by=lambda m: (m.target, m.date),
        )
    )  # fmt: skip
    schedules: tuple[ReportingSchedule, ...] = ()
    submissions: list[ReportSubmission] = []
    if draw(st.booleans()):
        schedules = (
            ReportingSchedule.model_validate({
                "code": "quarterly", "title_vi": "Báo cáo quý", "frequency": "quarterly",
                "due": {"kind": "day-of-last-month", "day": draw(st.integers(1, 28))},
            }),
        )  # fmt: skip
        for agency in draw(st.lists(st.sampled_from(codes), unique=True)):
            quarter = draw(st.integers(1, 4))
            submissions.append(ReportSubmission(
                schedule="quarterly", agency=agency, period=f"{year}-Q{quarter}",
                submitted_on=draw(st.dates(dt.date(year, 1, 1), dt.date(year + 1, 1, 31))),
            ))  # fmt: skip
    return Plan(
        code=draw(_CODES),
        programme=draw(_CODES),
        unit=draw(_CODES),
        year=year,
        title_vi="Kế hoạch cải cách hành chính",
        issued_on=issued_on,
        issuing_deadline=draw(st.none() | st.dates(issued_on, dt.date(year, 6, 30))),
        agencies=tuple(agencies),
        tasks=tuple(drawn),
        progress_updates=tuple(updates),
        measurements=tuple(measured),
        reporting_schedules=schedules,
        reporters=tuple(draw(st.lists(st.sampled_from(codes), unique=True))),
        report_submissions=tuple(submissions),
        illustrative=draw(st.booleans()),
    )
