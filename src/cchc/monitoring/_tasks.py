"""Task statuses as of a day: one pass over the updates, one over the tasks.

Kept apart from the engine because it is the hot loop: monitoring 100,000 tasks
with half a million updates must take well under a second, so the updates are
folded per task as they are read, and nothing is computed twice.
"""

from __future__ import annotations

import bisect
import datetime as dt
from decimal import Decimal

from cchc.documents.deadlines import RecurringDeadline
from cchc.documents.plan import Plan, ProgressUpdate, UpdateStatus
from cchc.monitoring._values import TaskState, TaskStatus

__all__ = ["task_states"]

_HUNDRED = Decimal(100)
_NOT_STARTED = UpdateStatus.NOT_STARTED
(_CANCELLED, _ON_TIME, _LATE, _OVERDUE, _SOON, _STALE, _IN_PROGRESS, _NOT_YET) = TaskStatus


def task_states(
    plan: Plan, *, as_of: dt.date, horizon: dt.date, stale_from: dt.date, stale_days: int
) -> list[TaskState]:
    """The state of every task of ``plan`` as of ``as_of``, in the plan's order.

    Args:
        plan: The plan.
        as_of: The day judged at; later updates are ignored.
        horizon: The first day no longer "due soon".
        stale_from: The day staleness counts from before a task's first update.
        stale_days: Calendar days without an update that make a task stale.
    """
    latest, completed = _fold(plan, as_of)
    states = []
    for task in plan.tasks:
        code = task.code
        deadline = task.deadline
        due = deadline.due_on()
        update = latest.get(code)
        done_on = completed.get(code)
        next_due: dt.date | None = None
        if due >= as_of:
            next_due = due
            if isinstance(deadline, RecurringDeadline):
                occurrences = deadline.occurrences()
                next_due = occurrences[bisect.bisect_left(occurrences, as_of)]
        days_late = 0
        if task.cancelled and (task.cancelled_on is None or task.cancelled_on <= as_of):
            status = _CANCELLED
        elif done_on is not None:
            status = _ON_TIME if done_on <= due else _LATE
            days_late = max(0, (done_on - due).days)
        elif as_of > due:
            status = _OVERDUE
            days_late = (as_of - due).days
        elif next_due is not None and next_due < horizon:
            status = _SOON
        elif (as_of - (stale_from if update is None else update.date)).days >= stale_days:
            status = _STALE
        elif update is not None and update.state is not _NOT_STARTED:
            status = _IN_PROGRESS
        else:
            status = _NOT_YET
        states.append(TaskState(task, status, due, next_due, update, done_on, days_late))
    return states


def _fold(plan: Plan, as_of: dt.date) -> tuple[dict[str, ProgressUpdate], dict[str, dt.date]]:
    """Each task's latest update, and the day it became done for good if it is done.

    The latest update is the one of the latest day; of several that day, the last
    given. A task became done for good on its first done update after its last
    not-done one. An update is done exactly when its percent is 100
    (:class:`ProgressUpdate`'s validator sees to it).

    The fast path relies on each task's updates coming in date order, as
    :func:`check_plan` requires; the first update out of order switches to a
    general pass that gives the same answer for any order.
    """
    latest: dict[str, ProgressUpdate] = {}
    done_since: dict[str, dt.date] = {}
    for item in plan.progress_updates:
        day = item.date
        if day > as_of:
            continue
        code = item.task
        previous = latest.get(code)
        if previous is not None and day < previous.date:
            return _fold_any_order(plan, as_of)
        latest[code] = item
        if item.percent == _HUNDRED:
            if code not in done_since:
                done_since[code] = day
        elif code in done_since:
            del done_since[code]
    return latest, done_since


def _fold_any_order(
    plan: Plan, as_of: dt.date
) -> tuple[dict[str, ProgressUpdate], dict[str, dt.date]]:
    latest: dict[str, ProgressUpdate] = {}
    reopened: dict[str, dt.date] = {}
    for item in plan.progress_updates:
        day, code = item.date, item.task
        if day > as_of:
            continue
        previous = latest.get(code)
        if previous is None or day >= previous.date:
            latest[code] = item
        if item.percent != _HUNDRED and (code not in reopened or day > reopened[code]):
            reopened[code] = day
    done_since: dict[str, dt.date] = {}
    for item in plan.progress_updates:
        day, code = item.date, item.task
        if day > as_of or item.percent != _HUNDRED or latest[code].percent != _HUNDRED:
            continue
        if (code not in reopened or day >= reopened[code]) and (
            code not in done_since or day < done_since[code]
        ):
            done_since[code] = day
    return latest, done_since
