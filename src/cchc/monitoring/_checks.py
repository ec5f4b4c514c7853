"""``check_plan``: the cross-record findings of a plan, alone or against its programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from cchc.documents.plan import Plan, UpdateStatus
from cchc.documents.programme import Programme
from cchc.findings import Finding, dangling, duplicates

__all__ = ["check_plan"]


def check_plan(
    plan: Plan, programme: Programme | Sequence[Programme] | None = None
) -> tuple[Finding, ...]:
    """Every cross-record finding of ``plan``, with its path, all at once.

    ``programme`` is the plan's programme, or a cascade of programmes (as
    :func:`cchc.datasets.cascade` gives): the plan's own (by code; else the first) is
    checked against, and measured targets may belong to any of them.

    Errors: duplicate codes of agencies and tasks (``code.duplicate``); a lead,
    cooperating or reporting agency, an update's task, a submission's agency or
    schedule that the plan does not define (``reference.dangling``); a deadline outside
    the plan's year (``task.deadline-outside-year``); a task's updates out of date order
    (``update.out-of-order``). With the ``programme``: a plan of another programme
    (``reference.mismatch``) or outside its years (``plan.outside-programme``), a solution
    group or a measured target the programme lacks (``reference.dangling``).

    Warnings: a plan without tasks (``plan.empty``), issued after its issuing deadline
    (``plan.issued-late``); an update whose percentage falls (``update.regressed``) or
    dated before the plan was issued (``update.before-issued``); two measurements of one
    target on one day (``measurement.duplicate``).

    >>> from cchc import datasets
    >>> from cchc.datasets import huong_son_plan_2022
    >>> check_plan(huong_son_plan_2022(), datasets.cascade(datasets.huong_son_programme()))
    ()
    """
    found = [*_plan(plan), *_tasks(plan), *_updates(plan), *_reports(plan)]
    programmes = [programme] if isinstance(programme, Programme) else list(programme or ())
    if programmes:
        own = next((p for p in programmes if p.code == plan.programme), programmes[0])
        found.extend(_programme(plan, own, programmes))
    name = f"plan:{plan.code}"
    return tuple(attrs.evolve(f, document=name) for f in found)


def _plan(plan: Plan) -> Iterator[Finding]:
    if not plan.tasks:
        yield Finding("plan.empty", "warning", ("tasks",), "the plan has no tasks")
    if plan.issuing_deadline is not None and plan.issued_on > plan.issuing_deadline:
        yield Finding(
            "plan.issued-late",
            "warning",
            ("issued_on",),
            f"issued on {plan.issued_on}, after its deadline {plan.issuing_deadline}",
        )
    yield from duplicates(plan.agencies, "code", "agencies", "agency")
    yield from duplicates(plan.tasks, "code", "tasks", "task")


def _tasks(plan: Plan) -> Iterator[Finding]:
    agencies = {a.code for a in plan.agencies}
    for index, task in enumerate(plan.tasks):
        yield from dangling(task.lead, agencies, ("tasks", index, "lead"), "agency of the plan")
        for j, code in enumerate(task.cooperating):
            path = ("tasks", index, "cooperating", j)
            yield from dangling(code, agencies, path, "agency of the plan")
        years = {day.year for day in task.deadline.occurrences()}
        if years != {plan.year}:
            yield Finding(
                "task.deadline-outside-year",
                "error",
                ("tasks", index, "deadline"),
                f"deadline {task.deadline.label('en')} is outside the plan's year {plan.year}",
            )


def _updates(plan: Plan) -> Iterator[Finding]:
    tasks = {t.code for t in plan.tasks}
    previous: dict[str, tuple[dt.date, Decimal]] = {}
    for index, update in enumerate(plan.progress_updates):
        yield from dangling(update.task, tasks, ("progress_updates", index, "task"), "task")
        if update.date < plan.issued_on:
            yield Finding(
                "update.before-issued",
                "warning",
                ("progress_updates", index, "date"),
                f"dated {update.date}, before the plan was issued on {plan.issued_on}",
            )
        before = previous.get(update.task)
        if before is not None:
            day, percent = before
            if update.date < day:
                yield Finding(
                    "update.out-of-order",
                    "error",
                    ("progress_updates", index, "date"),
                    f"update of task {update.task!r} dated {update.date} comes after one"
                    f" dated {day}",
                )
            elif update.percent < percent and update.state is not UpdateStatus.BLOCKED:
                yield Finding(
                    "update.regressed",
                    "warning",
                    ("progress_updates", index, "percent"),
                    f"task {update.task!r} falls from {percent}% to {update.percent}%",
                )
        if before is None or update.date >= before[0]:
            previous[update.task] = (update.date, update.percent)
    seen: set[tuple[str, dt.date]] = set()
    for index, measurement in enumerate(plan.measurements):
        key = (measurement.target, measurement.date)
        if key in seen:
            yield Finding(
                "measurement.duplicate",
                "warning",
                ("measurements", index),
                f"target {measurement.target!r} is measured twice on {measurement.date}",
            )
        seen.add(key)


def _reports(plan: Plan) -> Iterator[Finding]:
    agencies = {a.code for a in plan.agencies}
    schedules = {s.code for s in plan.reporting_schedules}
    yield from duplicates(plan.reporting_schedules, "code", "reporting_schedules", "schedule")
    for index, code in enumerate(plan.reporters):
        yield from dangling(code, agencies, ("reporters", index), "agency of the plan")
    for index, sub in enumerate(plan.report_submissions):
        path = ("report_submissions", index)
        yield from dangling(sub.agency, agencies, (*path, "agency"), "agency of the plan")
        yield from dangling(sub.schedule, schedules, (*path, "schedule"), "reporting schedule")


def _programme(plan: Plan, programme: Programme, cascade: list[Programme]) -> Iterator[Finding]:
    if plan.programme != programme.code:
        yield Finding(
            "reference.mismatch",
            "error",
            ("programme",),
            f"the plan implements {plan.programme!r}, not {programme.code!r}",
        )
    if not programme.start_year <= plan.year <= programme.end_year:
        yield Finding(
            "plan.outside-programme",
            "error",
            ("year",),
            f"year {plan.year} is outside the programme's period"
            f" {programme.start_year}-{programme.end_year}",
        )
    groups = {g.number for g in programme.solution_groups}
    for index, task in enumerate(plan.tasks):
        if task.solution_group not in groups:
            yield Finding(
                "reference.dangling",
                "error",
                ("tasks", index, "solution_group"),
                f"programme {programme.code!r} has no solution group {task.solution_group}",
            )
    targets = {t.code for p in cascade for t in p.targets}
    for index, measurement in enumerate(plan.measurements):
        path = ("measurements", index, "target")
        yield from dangling(measurement.target, targets, path, "target of the programme")
