"""The values monitoring computes: statuses, task states, tallies and target progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from cchc.documents.plan import ProgressUpdate, Task, UpdateStatus
from cchc.vocabulary import Comparator, LabelledEnum, Lang, ReformArea

__all__ = [
    "PRECEDENCE",
    "Tally",
    "TargetProgress",
    "TargetStatus",
    "TaskState",
    "TaskStatus",
]


class TaskStatus(LabelledEnum):
    """Where a task stands as of a day. Members are listed in order of precedence."""

    CANCELLED = "cancelled", "Dừng thực hiện", "Cancelled"
    DONE_ON_TIME = "done_on_time", "Hoàn thành đúng hạn", "Done on time"
    DONE_LATE = "done_late", "Hoàn thành trễ hạn", "Done late"
    OVERDUE = "overdue", "Quá hạn", "Overdue"
    DUE_SOON = "due_soon", "Sắp đến hạn", "Due soon"
    STALE = "stale", "Lâu không cập nhật", "Stale"
    IN_PROGRESS = "in_progress", "Đang thực hiện", "In progress"
    NOT_STARTED = "not_started", "Chưa triển khai", "Not started"


PRECEDENCE: tuple[TaskStatus, ...] = tuple(TaskStatus)
"""Task statuses from the one that wins to the one that applies last."""


class TargetStatus(LabelledEnum):
    """How a programme target stands against its trajectory as of a day."""

    ACHIEVED = "achieved", "Đã đạt", "Achieved"
    ON_TRACK = "on_track", "Đúng lộ trình", "On track"
    AT_RISK = "at_risk", "Có nguy cơ chậm", "At risk"
    OFF_TRACK = "off_track", "Chậm so với lộ trình", "Off track"
    NO_DATA = "no_data", "Chưa có số liệu", "No data"


@attrs.frozen
class TaskState:
    """One task as of a day.

    Attributes:
        task: The task itself (its code, titles, lead, area… are also properties here).
        status: Where it stands.
        due_on: Its last on-time day (a recurring task's last occurrence).
        next_due: The next day it falls due on or after ``as_of`` (None when past).
        update: The last progress update on or before ``as_of``, if any.
        completed_on: Day it was reported done (and stayed done), if it was.
        days_late: Calendar days past ``due_on``: to ``as_of`` when overdue, to
            ``completed_on`` when done late; 0 otherwise.
    """

    task: Task
    status: TaskStatus
    due_on: dt.date
    next_due: dt.date | None = None
    update: ProgressUpdate | None = None
    completed_on: dt.date | None = None
    days_late: int = 0

    @property
    def code(self) -> str:
        """Code of the task."""
        return self.task.code

    @property
    def lead(self) -> str:
        """Code of the lead agency."""
        return self.task.lead

    @property
    def cooperating(self) -> tuple[str, ...]:
        """Codes of the cooperating agencies."""
        return self.task.cooperating

    @property
    def reform_area(self) -> ReformArea:
        """The task's reform area."""
        return self.task.reform_area

    @property
    def solution_group(self) -> int:
        """Number of the task's solution group."""
        return self.task.solution_group

    @property
    def percent(self) -> Decimal:
        """The percentage last reported (0 before any update)."""
        return Decimal(0) if self.update is None else self.update.percent

    @property
    def reported(self) -> UpdateStatus | None:
        """The status last reported (or implied by the percentage), if any."""
        return None if self.update is None else self.update.state

    @property
    def last_update(self) -> dt.date | None:
        """Day of the last update on or before ``as_of``."""
        return None if self.update is None else self.update.date

    def title(self, lang: Lang = "vi") -> str:
        """The task's title in ``lang``."""
        return self.task.title_vi if lang == "vi" else self.task.label_en

    def as_record(self) -> dict[str, Any]:
        """The state as a flat dict of plain values (enums as their values)."""
        reported = self.reported
        return {
            "code": self.code,
            "title_vi": self.task.title_vi,
            "lead": self.lead,
            "cooperating": ", ".join(self.cooperating),
            "reform_area": self.reform_area.value,
            "solution_group": self.solution_group,
            "status": self.status.value,
            "due_on": self.due_on,
            "next_due": self.next_due,
            "percent": self.percent,
            "reported": None if reported is None else reported.value,
            "last_update": self.last_update,
            "completed_on": self.completed_on,
            "days_late": self.days_late,
        }


def _ratio(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


@attrs.frozen
class Tally:
    """Counts of tasks by status for one group (an agency, an area, a solution group, the plan).

    Attributes:
        key: What the group is (agency code, reform area value, group number, plan code).
        label_vi: The group's Vietnamese name.
        label_en: The group's English name.
        cancelled: Tasks cancelled (and so on, one count per :class:`TaskStatus`).
    """

    key: str
    label_vi: str
    label_en: str
    cancelled: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    due_soon: int = 0
    stale: int = 0
    in_progress: int = 0
    not_started: int = 0

    @classmethod
    def of(cls, key: str, label_vi: str, label_en: str, counts: Mapping[TaskStatus, int]) -> Tally:
        """A tally from counts by status (missing statuses count 0)."""
        return cls(key, label_vi, label_en, *(counts.get(status, 0) for status in PRECEDENCE))

    def count(self, status: TaskStatus) -> int:
        """Tasks in ``status``."""
        count: int = getattr(self, status.value)
        return count

    @property
    def total(self) -> int:
        """Every task in the group."""
        return sum(self.count(status) for status in TaskStatus)

    @property
    def active(self) -> int:
        """Tasks not cancelled: the denominator of the completion rate."""
        return self.total - self.cancelled

    @property
    def done(self) -> int:
        """Tasks done, on time or late."""
        return self.done_on_time + self.done_late

    @property
    def assessable(self) -> int:
        """Tasks whose timeliness is settled: done, or past due (overdue)."""
        return self.done + self.overdue

    @property
    def completion_rate(self) -> Decimal | None:
        """Done / active, exact; None when there is no active task."""
        return _ratio(self.done, self.active)

    @property
    def on_time_rate(self) -> Decimal | None:
        """Done on time / (done + overdue), exact; None while no task is settled."""
        return _ratio(self.done_on_time, self.assessable)

    def label(self, lang: Lang = "vi") -> str:
        """The group's name in ``lang``."""
        return self.label_vi if lang == "vi" else self.label_en

    def as_record(self) -> dict[str, Any]:
        """The tally as a flat dict: key, labels, a column per status, totals and rates."""
        return {
            **attrs.asdict(self),
            "total": self.total,
            "active": self.active,
            "done": self.done,
            "completion_rate": self.completion_rate,
            "on_time_rate": self.on_time_rate,
        }


@attrs.frozen
class TargetProgress:
    """A programme target against its straight-line trajectory, as of a day.

    The trajectory runs from the baseline (the target's own, at the end of its
    baseline year, or else the first measurement) to the target value at the end
    of ``by_year``. The latest measurement is compared with the trajectory on the
    day it was measured; ``shortfall`` is how far it lags, in the comparator's
    direction (negative: ahead).

    Attributes:
        target: Code of the target.
        programme: Code of the programme that sets it.
        indicator_vi: What is measured, in Vietnamese.
        indicator_en: What is measured, in English (Vietnamese if none).
        comparator: ``>=``, ``<=`` or ``=``.
        value: The target value.
        unit: The unit of the values.
        by_year: Year by whose end the target applies.
        status: Achieved, on track, at risk, off track or no data.
        baseline: The trajectory's starting value, if there is one.
        baseline_on: The day of that value.
        baseline_from: ``"target"`` or ``"measurement"`` (None without data).
        actual: The latest value measured on or before ``as_of``.
        measured_on: Its day.
        expected: The trajectory's value on ``measured_on`` (4 decimal places).
        shortfall: ``expected - actual`` for ``>=``, ``actual - expected`` for ``<=``,
            ``|actual - expected|`` for ``=``.
        tolerance: The at-risk band, as a share of ``|value - baseline|``.
        verified: False when the target's figure was not checked against its instrument.
    """

    target: str
    programme: str
    indicator_vi: str
    indicator_en: str
    comparator: Comparator
    value: Decimal
    unit: str
    by_year: int
    status: TargetStatus
    baseline: Decimal | None = None
    baseline_on: dt.date | None = None
    baseline_from: str | None = None
    actual: Decimal | None = None
    measured_on: dt.date | None = None
    expected: Decimal | None = None
    shortfall: Decimal | None = None
    tolerance: Decimal = Decimal("0.1")
    verified: bool = True

    def as_record(self) -> dict[str, Any]:
        """The progress as a flat dict (enums as their values)."""
        record = attrs.asdict(self, recurse=False)
        record["comparator"] = self.comparator.value
        record["status"] = self.status.value
        return record
