"""The result of monitoring a plan: task states, roll-ups, targets and reports, with views."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from cchc._display import Column, block, data_frame, html_table, paragraph
from cchc.monitoring._values import (
    PRECEDENCE,
    Tally,
    TargetProgress,
    TargetStatus,
    TaskState,
    TaskStatus,
)
from cchc.schedules import ReportStatus, Timeliness
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Monitoring", "RollupBy"]

RollupBy = Literal["agency", "area", "group", "plan"]
"""The roll-ups of a :class:`Monitoring`: by lead agency, reform area, solution group, plan."""

_HEADINGS = {
    "vi": ("Kế hoạch", "tính đến ngày", "Tổng hợp", "Theo cơ quan chủ trì", "Nhiệm vụ quá hạn",
           "Chỉ tiêu", "Báo cáo định kỳ", "Nhóm", "Tổng", "Hoàn thành", "Đúng hạn", "Không có."),
    "en": ("Plan", "as of", "Summary", "By lead agency", "Overdue tasks", "Targets",
           "Periodic reports", "Group", "Total", "Completion", "On time", "None."),
}  # fmt: skip


def _percent(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return [line(head), "|" + "---|" * len(head), *(line(row) for row in rows)]


@attrs.frozen
class Monitoring:
    """A plan as of a day: every task's state, roll-ups, target progress, report timeliness.

    Tasks come out sorted by code and roll-ups by key, so the result does not depend on
    the order of the plan's tasks.

    Attributes:
        plan: Code of the plan.
        year: The plan's year.
        as_of: The day judged at.
        due_soon_days: Working days ahead that count as due soon.
        stale_days: Calendar days without an update that make a task stale.
        tasks: One state per task, by code.
        by_agency: A tally per lead agency, by code.
        by_area: A tally per reform area, in the vocabulary's order.
        by_group: A tally per solution group, by number.
        total: The tally of the whole plan.
        targets: Progress of the programme's targets (empty without a programme).
        reports: Timeliness of every periodic report due in the plan's year, per agency.
    """

    plan: str
    year: int
    as_of: dt.date
    due_soon_days: int
    stale_days: int
    tasks: tuple[TaskState, ...]
    by_agency: tuple[Tally, ...]
    by_area: tuple[Tally, ...]
    by_group: tuple[Tally, ...]
    total: Tally
    targets: tuple[TargetProgress, ...] = ()
    reports: tuple[ReportStatus, ...] = ()

    def task(self, code: str) -> TaskState:
        """The state of the task with this code.

        Raises:
            KeyError: There is none.
        """
        for state in self.tasks:
            if state.code == code:
                return state
        raise KeyError(code)

    def rollup(self, by: RollupBy) -> tuple[Tally, ...]:
        """The tallies of one roll-up (``"plan"`` gives the one total)."""
        if by == "plan":
            return (self.total,)
        return {"agency": self.by_agency, "area": self.by_area, "group": self.by_group}[by]

    def for_agency(self, code: str, *, cooperating: bool = False) -> tuple[TaskState, ...]:
        """The tasks ``code`` leads (and, if ``cooperating``, those it helps with), by code."""
        return tuple(
            t for t in self.tasks if t.lead == code or (cooperating and code in t.cooperating)
        )

    def overdue(self, agency: str | None = None) -> tuple[TaskState, ...]:
        """The overdue tasks, of one lead agency or of all, most days late first."""
        found = [
            t
            for t in self.tasks
            if t.status is TaskStatus.OVERDUE and (agency is None or t.lead == agency)
        ]
        return tuple(sorted(found, key=lambda t: (-t.days_late, t.code)))

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per task, for ``pandas.DataFrame``."""
        return [state.as_record() for state in self.tasks]

    def rollup_records(self, by: RollupBy = "agency") -> list[dict[str, Any]]:
        """One flat dict per group of a roll-up, with counts and rates."""
        return [tally.as_record() for tally in self.rollup(by)]

    def target_records(self) -> list[dict[str, Any]]:
        """One flat dict per target."""
        return [progress.as_record() for progress in self.targets]

    def report_records(self) -> list[dict[str, Any]]:
        """One flat dict per report due and agency."""
        return [
            {
                "schedule": r.due.schedule,
                "period": r.due.label,
                "due_on": r.due.due_on,
                "agency": r.agency,
                "timeliness": r.timeliness.value,
                "submitted_on": r.submitted_on,
                "days_late": r.days_late,
                "working_days_late": r.working_days_late,
            }
            for r in self.reports
        ]

    def to_markdown(self, lang: Lang = "vi") -> str:
        """The situation as Markdown: summary, agencies, overdue tasks, targets, reports."""
        words = _HEADINGS[lang]
        out = [f"## {words[0]} {self.plan} — {words[1]} {self.as_of.isoformat()}", ""]
        statuses = [s.label(lang) for s in PRECEDENCE]
        head = [words[7], *statuses, words[8], words[9], words[10]]

        def row(t: Tally) -> list[str]:
            counts = [str(t.count(s)) for s in PRECEDENCE]
            return [t.label(lang), *counts, str(t.total), _percent(t.completion_rate),
                    _percent(t.on_time_rate)]  # fmt: skip

        out += [f"### {words[2]}", "", *_table(head, [row(self.total)]), ""]
        out += [f"### {words[3]}", "", *_table(head, [row(t) for t in self.by_agency]), ""]
        out += [f"### {words[4]}", ""]
        late = self.overdue()
        if late:
            cols = ["Mã", "Nhiệm vụ", "Chủ trì", "Hạn", "Số ngày trễ", "%"] if lang == "vi" else [
                "Code", "Task", "Lead", "Due", "Days late", "%"]  # fmt: skip
            out += _table(cols, [[t.code, t.title(lang), t.lead, t.due_on.isoformat(),
                                  str(t.days_late), str(t.percent)] for t in late])  # fmt: skip
        else:
            out.append(words[11])
        if self.targets:
            out += ["", f"### {words[5]}", ""]
            cols = ["Chỉ tiêu", "Yêu cầu", "Số liệu", "Lộ trình", "Đánh giá"] if lang == "vi" else [
                "Target", "Requirement", "Actual", "Trajectory", "Status"]  # fmt: skip
            out += _table(cols, [_target_row(p, lang) for p in self.targets])
        if self.reports:
            out += ["", f"### {words[6]}", ""]
            counts = Counter((r.agency or "—", r.timeliness) for r in self.reports)
            agencies = sorted({agency for agency, _ in counts})
            kinds = list(Timeliness)
            head = ["Cơ quan" if lang == "vi" else "Agency", *(k.label(lang) for k in kinds)]
            out += _table(head, [[a, *(str(counts[a, k]) for k in kinds)] for a in agencies])
        return "\n".join(out)

    def to_pandas(
        self,
        table: Literal["tasks", "targets", "reports"] | RollupBy = "tasks",
        *,
        exact: bool = False,
    ) -> pd.DataFrame:
        """One of the result's tables as a ``pandas.DataFrame`` (needs the ``dataframe`` extra).

        Args:
            table: ``"tasks"`` (:meth:`records`), a roll-up (``"agency"``, ``"area"``,
                ``"group"``, ``"plan"``: :meth:`rollup_records`), ``"targets"`` or
                ``"reports"``.
            exact: Keep decimals (percentages, rates, values) as
                :class:`~decimal.Decimal` and dates as ``datetime.date``.

        Raises:
            MissingExtraError: pandas is not installed.
            ValueError: ``table`` is none of those.
        """
        if table == "tasks":
            records = self.records()
        elif table == "targets":
            records = self.target_records()
        elif table == "reports":
            records = self.report_records()
        elif table in ("agency", "area", "group", "plan"):
            records = self.rollup_records(table)
        else:
            raise ValueError(
                f"no table {table!r}: tasks, targets, reports, agency, area, group, plan"
            )
        return data_frame(records, exact=exact)

    def _repr_html_(self) -> str:
        """The situation as HTML, for notebooks: tallies by agency, overdue tasks, targets."""
        title = f"Kế hoạch / Plan {self.plan} — tính đến ngày / as of {self.as_of.isoformat()}"
        tallies = [*self.by_agency, self.total]
        parts = [
            paragraph(title, strong=True),
            html_table(
                _TALLY_COLUMNS,
                [_tally_cells(t) for t in tallies],
                caption="Theo cơ quan chủ trì / By lead agency",
            ),
        ]
        late = self.overdue()
        if late:
            rows = [[t.code, t.title("vi"), t.lead, t.due_on, t.days_late, t.percent] for t in late]
            parts.append(
                html_table(_LATE_COLUMNS, rows, caption="Nhiệm vụ quá hạn / Overdue tasks")
            )
        if self.targets:
            targets: list[list[object]] = [list(_target_row(p, "vi")) for p in self.targets]
            parts.append(html_table(_TARGET_COLUMNS, targets, caption="Chỉ tiêu / Targets"))
        return block(*parts)


_TALLY_COLUMNS = (
    Column("Nhóm", "Group"),
    *(Column(s.label_vi, s.label_en, numeric=True) for s in PRECEDENCE),
    Column("Tổng", "Total", numeric=True),
    Column("Hoàn thành", "Completion", numeric=True),
    Column("Đúng hạn", "On time", numeric=True),
)
_LATE_COLUMNS = (
    Column("Mã", "Code"),
    Column("Nhiệm vụ", "Task"),
    Column("Chủ trì", "Lead"),
    Column("Hạn", "Due"),
    Column("Số ngày trễ", "Days late", numeric=True),
    Column("%", "", numeric=True),
)
_TARGET_COLUMNS = (
    Column("Chỉ tiêu", "Target"),
    Column("Yêu cầu", "Requirement"),
    Column("Số liệu", "Actual"),
    Column("Lộ trình", "Trajectory", numeric=True),
    Column("Đánh giá", "Status"),
)


def _tally_cells(t: Tally) -> list[object]:
    counts = [t.count(s) for s in PRECEDENCE]
    rates = [_percent(t.completion_rate), _percent(t.on_time_rate)]
    return [t.label("vi"), *counts, t.total, *rates]


def _target_row(p: TargetProgress, lang: Lang) -> list[str]:
    requirement = f"{p.comparator.value} {p.value} {p.unit} ({p.by_year})"
    if not p.verified:
        requirement += " (chưa kiểm chứng)" if lang == "vi" else " (unverified)"
    if p.status is TargetStatus.NO_DATA:
        return [p.target, requirement, "—", "—", p.status.label(lang)]
    actual = f"{p.actual} ({p.measured_on})"
    return [p.target, requirement, actual, str(p.expected), p.status.label(lang)]
