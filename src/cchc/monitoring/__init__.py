"""Monitoring annual plans: tasks, targets and periodic reports as of a day.

Pure functions, always with an explicit ``as_of`` (never "today"), returning
immutable attrs values:

- :func:`monitor` — every task's :class:`TaskStatus`, completion and on-time rates
  rolled up by lead agency, reform area, solution group and plan, the progress of
  the programme's targets along their trajectories, and the timeliness of periodic
  reports, as one :class:`Monitoring`;
- :func:`target_progress` — one target against its straight-line trajectory;
- :func:`check_plan` — a plan's cross-record findings (dangling agencies, deadlines
  outside the year, updates out of order…).

>>> import datetime as dt
>>> from cchc import datasets
>>> from cchc.datasets import huong_son_plan_2022
>>> result = monitor(huong_son_plan_2022(), as_of=dt.date(2022, 10, 14),
...                  programme=datasets.cascade(datasets.huong_son_programme()))
>>> result.total.total, result.total.cancelled
(30, 1)
>>> [t.code for t in result.overdue("hs-tu-phap")]
['KH-05']

See ``docs/monitoring.md`` for the statuses, their precedence, the rates and the
trajectories.
"""

from __future__ import annotations

from cchc.errors import MonitoringError
from cchc.monitoring._checks import check_plan
from cchc.monitoring._engine import monitor
from cchc.monitoring._result import Monitoring, RollupBy
from cchc.monitoring._targets import DEFAULT_TOLERANCE, expected_value, target_progress
from cchc.monitoring._values import (
    PRECEDENCE,
    Tally,
    TargetProgress,
    TargetStatus,
    TaskState,
    TaskStatus,
)

__all__ = [
    "DEFAULT_TOLERANCE",
    "PRECEDENCE",
    "Monitoring",
    "MonitoringError",
    "RollupBy",
    "Tally",
    "TargetProgress",
    "TargetStatus",
    "TaskState",
    "TaskStatus",
    "check_plan",
    "expected_value",
    "monitor",
    "target_progress",
]
