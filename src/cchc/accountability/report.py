"""The accountability report: each head's share, results, overdue tasks, cap and reasons.

For each head: their share of the year, the unit's index, band, rank, task completion
and satisfaction, the tasks that went overdue on their watch, and the rating cap with
its reasons.

A task *went overdue* on the day after its deadline; it counts against the head who
held the post that day (if that day is on or before the monitoring's ``as_of``). Tasks
overdue before a head took office are their predecessor's, not theirs. Monitoring is
optional and read through its public attributes only, so any object shaped like
:class:`cchc.monitoring.Monitoring` will do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs

from cchc.accountability._outcome import Recommendation, Recommendations
from cchc.accountability._values import Attribution, Reason, Share
from cchc.documents import Organisation
from cchc.vocabulary import Lang, RatingLevel

__all__ = ["AccountabilityReport", "HeadReport", "OverdueTask", "accountability_report"]

_LATE = ("overdue", "done_late")


class TaskStateLike(Protocol):
    """What the report reads from a monitored task (see ``cchc.monitoring.TaskState``)."""

    @property
    def code(self) -> str: ...
    @property
    def lead(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def due_on(self) -> dt.date: ...
    @property
    def completed_on(self) -> dt.date | None: ...
    @property
    def days_late(self) -> int: ...
    def title(self, lang: Lang = "vi") -> str: ...


class MonitoringLike(Protocol):
    """What the report reads from a monitoring result (see ``cchc.monitoring.Monitoring``)."""

    @property
    def plan(self) -> str: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def tasks(self) -> Sequence[TaskStateLike]: ...


@attrs.frozen
class OverdueTask:
    """A task that went overdue while the head held the post."""

    code: str
    title_vi: str
    title_en: str
    due_on: dt.date
    went_overdue_on: dt.date
    status: str
    days_late: int
    completed_on: dt.date | None


@attrs.frozen
class HeadReport:
    """One head's account for one agency and year.

    Attributes:
        official: Id of the head.
        name: Full name.
        agency: The agency headed.
        agency_name: Its name (the code when unknown).
        attribution: The post's year split between holders.
        share: This head's share.
        rating: The recommendation (None: not rated).
        cap: The cap before quotas.
        eligible: Whether emulation and rewards remain open.
        reasons: Every reason given for the head.
        binding: The reasons that decided.
        overdue: Tasks that went overdue during the tenure (empty without monitoring).
        monitored: Whether a monitoring result was given, and as of when.
    """

    official: str
    name: str
    agency: str
    agency_name: str
    attribution: Attribution
    share: Share
    rating: RatingLevel | None
    cap: RatingLevel | None
    eligible: bool
    reasons: tuple[Reason, ...]
    binding: tuple[Reason, ...]
    overdue: tuple[OverdueTask, ...] = ()
    monitored: dt.date | None = None

    def as_record(self) -> dict[str, Any]:
        """One flat dict of plain values."""
        result = self.attribution.result
        return {
            "official": self.official,
            "name": self.name,
            "agency": self.agency,
            "year": self.attribution.start.year,
            "days": self.share.days,
            "acting_days": self.share.acting_days,
            "share": self.share.share,
            "index": None if result is None else result.index,
            "band": None if result is None else result.band,
            "rank": None if result is None else result.rank,
            "ranked": None if result is None else result.ranked,
            "task_completion": None if result is None else result.task_completion,
            "satisfaction": None if result is None else result.satisfaction,
            "overdue_tasks": None if self.monitored is None else len(self.overdue),
            "cap": None if self.cap is None else self.cap.value,
            "rating": None if self.rating is None else self.rating.value,
            "eligible": self.eligible,
            "why": "; ".join(f"{r.message_en} [{r.citation}]" for r in self.binding),
        }

    def to_markdown(self, lang: Lang = "vi") -> str:
        """The head's account as a Markdown section."""
        w = _WORDS[lang]
        r, s = self.attribution.result, self.share
        spans = ", ".join(
            f"{g.start}–{g.end - dt.timedelta(days=1)}" + (f" ({w['acting']})" if g.acting else "")
            for g in s.segments
        )
        lines = [f"### {self.name} — {self.agency_name}", ""]
        year = self.attribution.start.year
        lines.append(f"- {w['held']} {year}: {spans}, {s.days} {w['days']} ({s.percent}%)")
        if r is not None:
            rank = "—" if r.rank is None else f"{r.rank}/{r.ranked or '?'}"
            index, band = r.index or "—", r.band or "—"
            lines.append(
                f"- {w['index']} ({r.unit}): {index}, {w['band']} {band}, {w['rank']} {rank}"
            )
            done = "—" if r.task_completion is None else f"{r.task_completion * 100:.1f}%"
            happy = "—" if r.satisfaction is None else f"{r.satisfaction:.1f}%"
            lines.append(f"- {w['completion']}: {done}; {w['satisfaction']}: {happy}")
        late = self.overdue
        items = ", ".join(f"{t.code} ({t.days_late} {w['days']})" for t in late) or w["none"]
        where = w["no-monitoring"] if self.monitored is None else f"({self.monitored}) {items}"
        lines.append(f"- {w['overdue']}: {where}")
        cap = w["not-rated"] if self.rating is None else self.rating.value
        lines.append(f"- {w['cap']}: {cap}")
        lines += [f"  - {x.message(lang)} [{x.citation}]" for x in self.binding]
        lines.append(f"- {w['emulation']}: {w['open'] if self.eligible else w['barred']}")
        return "\n".join(lines)


_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "acting": "quyền", "held": "Thời gian giữ chức vụ năm", "days": "ngày",
        "index": "Chỉ số CCHC", "band": "xếp loại", "rank": "hạng",
        "completion": "Hoàn thành nhiệm vụ", "satisfaction": "mức độ hài lòng",
        "overdue": "Nhiệm vụ quá hạn trong thời gian giữ chức vụ", "none": "không có",
        "no-monitoring": "không có dữ liệu theo dõi", "cap": "Mức xếp loại tối đa",
        "not-rated": "không xếp loại", "emulation": "Thi đua, khen thưởng",
        "open": "được xét", "barred": "không được xét",
    },
    "en": {
        "acting": "acting", "held": "Held in", "days": "days", "index": "Reform index",
        "band": "band", "rank": "rank", "completion": "Tasks completed",
        "satisfaction": "satisfaction", "overdue": "Tasks gone overdue on watch",
        "none": "none", "no-monitoring": "no monitoring given",
        "cap": "Highest rating allowed", "not-rated": "not rated",
        "emulation": "Emulation and rewards", "open": "open", "barred": "barred",
    },
}  # fmt: skip


@attrs.frozen
class AccountabilityReport:
    """Every head's account for a year."""

    year: int
    heads: tuple[HeadReport, ...]

    def head(self, official: str) -> tuple[HeadReport, ...]:
        """The accounts of one official (one per agency headed)."""
        return tuple(h for h in self.heads if h.official == official)

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per head and agency."""
        return [h.as_record() for h in self.heads]

    def to_markdown(self, lang: Lang = "vi") -> str:
        """Every head's section, by agency then first day held."""
        title = "Trách nhiệm người đứng đầu" if lang == "vi" else "Accountability of heads"
        return "\n\n".join(
            [f"## {title} — {self.year}", *(h.to_markdown(lang) for h in self.heads)]
        )


def accountability_report(
    recommendations: Recommendations,
    *,
    organisation: Organisation | None = None,
    monitoring: MonitoringLike | None = None,
    lead_codes: Mapping[str, str] | None = None,
) -> AccountabilityReport:
    """One :class:`HeadReport` per head and agency headed in the year.

    Args:
        recommendations: What :func:`~cchc.accountability.recommend` returned.
        organisation: For agency names (codes are shown without it).
        monitoring: A plan monitored as of a day (``cchc.monitoring.monitor``), for the
            tasks led by each head's agency that went overdue during their tenure.
        lead_codes: The plan's code for an agency, where it differs from the
            organisation's (organisation code → plan code).
    """
    names = {a.code: a.name_vi for a in organisation.agencies} if organisation else {}
    heads = []
    for item in recommendations.subjects:
        for attribution, share in item.heads:
            lead = (lead_codes or {}).get(attribution.agency, attribution.agency)
            heads.append(
                _head(item, attribution, share=share, names=names, monitoring=monitoring, lead=lead)
            )
    heads.sort(key=lambda h: (h.agency, h.share.first_day or dt.date.min, h.official))
    return AccountabilityReport(recommendations.year, tuple(heads))


def _head(
    item: Recommendation,
    attribution: Attribution,
    *,
    share: Share,
    names: Mapping[str, str],
    monitoring: MonitoringLike | None,
    lead: str,
) -> HeadReport:
    overdue: list[OverdueTask] = []
    if monitoring is not None:
        for task in monitoring.tasks:
            if task.lead != lead or str(task.status) not in _LATE:
                continue
            went = task.due_on + dt.timedelta(days=1)
            if went <= monitoring.as_of and any(g.start <= went < g.end for g in share.segments):
                overdue.append(
                    OverdueTask(
                        task.code,
                        task.title("vi"),
                        task.title("en"),
                        task.due_on,
                        went,
                        str(task.status),
                        task.days_late,
                        task.completed_on,
                    )
                )
    overdue.sort(key=lambda t: (t.went_overdue_on, t.code))
    return HeadReport(
        item.subject,
        item.name,
        attribution.agency,
        names.get(attribution.agency, attribution.agency),
        attribution,
        share,
        item.rating,
        item.cap,
        item.eligible,
        item.reasons,
        item.binding,
        tuple(overdue),
        None if monitoring is None else monitoring.as_of,
    )
