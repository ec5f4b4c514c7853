"""The plan, survey and service sections of the report, as plain values for the template."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from cchc.monitoring import PRECEDENCE, Monitoring, Tally, TargetStatus, TaskStatus
from cchc.report._context import breaks, pick
from cchc.report._labels import format_day
from cchc.surveys import SurveyResults
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    from cchc.dossiers import ServiceIndex

__all__ = [
    "STATUS_COLOURS",
    "GroupRow",
    "MonitoringView",
    "ServiceRow",
    "ServiceView",
    "SurveyView",
    "TallyRow",
    "monitoring_view",
    "service_view",
    "survey_view",
]

STATUS_COLOURS: Mapping[TaskStatus, str] = {
    TaskStatus.CANCELLED: "#9e9e9e",
    TaskStatus.DONE_ON_TIME: "#1a9850",
    TaskStatus.DONE_LATE: "#a6d96a",
    TaskStatus.OVERDUE: "#d73027",
    TaskStatus.DUE_SOON: "#fdae61",
    TaskStatus.STALE: "#8073ac",
    TaskStatus.IN_PROGRESS: "#4575b4",
    TaskStatus.NOT_STARTED: "#d9d9d9",
}
"""The colour of each task status, in the chart and the legend."""

_TARGET_CLASSES = {
    TargetStatus.ACHIEVED: "good",
    TargetStatus.ON_TRACK: "good",
    TargetStatus.AT_RISK: "warn",
    TargetStatus.OFF_TRACK: "bad",
    TargetStatus.NO_DATA: "muted",
}


def _percent(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


@attrs.frozen
class StatusView:
    """A task status: its label and colour."""

    value: str
    label: str
    colour: str


@attrs.frozen
class TallyRow:
    """Counts of one lead agency (or of the plan) by status, with its rates."""

    label: str
    counts: tuple[int, ...]
    total: int
    completion: str
    on_time: str


@attrs.frozen
class TaskRow:
    """An overdue task."""

    code: str
    title: str
    lead: str
    due_on: str
    days_late: int
    percent: Decimal


@attrs.frozen
class TargetRow:
    """A programme target against its trajectory."""

    target: str
    indicator: str
    requirement: str
    actual: str
    expected: str
    status: str
    css: str


@attrs.frozen
class MonitoringView:
    """The plan section: tallies, overdue tasks, targets."""

    plan: str
    title: str
    as_of: str
    total: int
    done: int
    overdue: int
    completion: str
    on_time: str
    statuses: tuple[StatusView, ...]
    agencies: tuple[TallyRow, ...]
    summary: TallyRow
    late: tuple[TaskRow, ...]
    targets: tuple[TargetRow, ...]


def _tally_row(tally: Tally, lang: Lang) -> TallyRow:
    return TallyRow(
        tally.label(lang),
        tuple(tally.count(status) for status in PRECEDENCE),
        tally.total,
        _percent(tally.completion_rate),
        _percent(tally.on_time_rate),
    )


def monitoring_view(monitoring: Monitoring, lang: Lang, unverified: str) -> MonitoringView:
    """The plan section of the report in ``lang``."""
    agencies = {t.key: t.label(lang) for t in monitoring.by_agency}
    late = tuple(
        TaskRow(
            t.code,
            t.title(lang),
            agencies.get(t.lead, t.lead),
            t.due_on.isoformat(),
            t.days_late,
            t.percent,
        )
        for t in monitoring.overdue()
    )
    targets = []
    for p in monitoring.targets:
        requirement = f"{p.comparator.value} {p.value} {p.unit} ({p.by_year})"
        if not p.verified:
            requirement += f" ({unverified})"
        no_data = p.status is TargetStatus.NO_DATA
        targets.append(
            TargetRow(
                p.target,
                p.indicator_vi if lang == "vi" else p.indicator_en,
                requirement,
                "—" if no_data else f"{p.actual} ({p.measured_on})",
                "—" if no_data or p.expected is None else f"{p.expected.normalize():f}",
                p.status.label(lang),
                _TARGET_CLASSES[p.status],
            )
        )
    total = monitoring.total
    return MonitoringView(
        plan=monitoring.plan,
        title=total.label(lang),
        as_of=format_day(monitoring.as_of, lang),
        total=total.total,
        done=total.done,
        overdue=total.overdue,
        completion=_percent(total.completion_rate),
        on_time=_percent(total.on_time_rate),
        statuses=tuple(StatusView(s.value, s.label(lang), STATUS_COLOURS[s]) for s in PRECEDENCE),
        agencies=tuple(_tally_row(t, lang) for t in monitoring.by_agency),
        summary=_tally_row(total, lang),
        late=late,
        targets=tuple(targets),
    )


@attrs.frozen
class GroupRow:
    """One group of survey responses: its overall index and interval, and each factor's."""

    label: str
    responses: int
    overall: float | None
    low: float | None
    high: float | None
    factors: tuple[float | None, ...]


@attrs.frozen
class SurveyView:
    """The survey section: one row per group, and the groups to chart."""

    title: str
    level: str
    dimensions: tuple[str, ...]
    factors: tuple[str, ...]
    groups: tuple[GroupRow, ...]
    featured: tuple[GroupRow, ...]
    gaps: tuple[int, ...]


def survey_view(
    survey: SurveyResults,
    lang: Lang,
    names: Mapping[str, str],
    all_responses: str,
    chart_units: int,
) -> SurveyView:
    """The survey section of the report in ``lang``; unit groups are shown by name."""
    questionnaire = survey.questionnaire
    rows = []
    for group in survey.groups:
        parts = [
            "—" if value is None else names.get(value, value) if dim == "unit" else value
            for dim, value in zip(survey.by, group.key, strict=True)
        ]
        overall = group.overall
        rows.append(
            GroupRow(
                " / ".join(parts) or all_responses,
                group.responses,
                overall.index,
                overall.low,
                overall.high,
                tuple(f.index for f in group.factors),
            )
        )
    ordered = sorted(rows, key=lambda r: (r.overall is None, -(r.overall or 0.0), r.label))
    chosen = pick(len(ordered), chart_units)
    return SurveyView(
        title=questionnaire.label_vi if lang == "vi" else questionnaire.label_en,
        level=f"{survey.confidence * 100:g}%",
        dimensions=survey.by,
        factors=tuple(f.label_vi if lang == "vi" else f.label_en for f in questionnaire.factors),
        groups=tuple(ordered),
        featured=tuple(ordered[i] for i in chosen),
        gaps=breaks(chosen),
    )


@attrs.frozen
class ServiceRow:
    """One unit's (or province's) Decision 766 indicators, for the service table."""

    label: str
    period: str
    received: int
    rates: tuple[Decimal | None, ...]
    total: Decimal | None
    max_points: Decimal
    rank: int | None


@attrs.frozen
class ServiceView:
    """The service section: the index's rows in its order, and what heads the table."""

    level: str
    year: int
    received: int
    periods: bool
    rates: tuple[str, ...]
    rows: tuple[ServiceRow, ...]


def service_view(
    index: ServiceIndex, names: Mapping[str, str], rate_labels: str, level: str
) -> ServiceView:
    """The service section: ``rate_labels`` heads the rates (``|`` between), ``level`` the keys.

    Units are shown by name where ``names`` has one.
    """
    rows = tuple(
        ServiceRow(
            names.get(row.key, row.key),
            row.period,
            row.counts["received"],
            tuple(row.rates.values()),
            row.total,
            row.max_points,
            row.rank,
        )
        for row in index.rows
    )
    return ServiceView(
        level=level,
        year=index.year,
        received=sum(row.received for row in rows),  # the periods partition the year
        periods=index.period != "year",
        rates=tuple(rate_labels.split("|")),
        rows=rows,
    )
