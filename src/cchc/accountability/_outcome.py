"""What :func:`~cchc.accountability.recommend` returns: per subject, per unit, per quota."""

from __future__ import annotations

from typing import Any, Literal

import attrs

from cchc.accountability._quota import QuotaOutcome
from cchc.accountability._rules import PointsBreakdown
from cchc.accountability._values import Attribution, Reason, Share, UnitResult
from cchc.findings import Finding
from cchc.vocabulary import Lang, RatingLevel

__all__ = ["Recommendation", "Recommendations", "UnitOutcome"]

_BINDING = ("bar", "not-rated")


@attrs.frozen
class Recommendation:
    """The highest rating the rules allow one official or agency, and every reason.

    Attributes:
        subject: Official id or agency code.
        kind: ``"official"`` or ``"agency"``.
        name: Full name or agency name.
        year: The rating year.
        rating: The recommendation after quotas (None: not rated).
        cap: The highest rating before quotas (None: not rated).
        eligible: Whether emulation and rewards remain open (no bar applied).
        complete: Whether every rule that applies could be applied (no ``not-applied``).
        reasons: Every reason, policy by policy, in rule order, then quotas.
        heads: For a head: each agency headed in the year with the official's share.
        points: The breakdown on a points scale, when a points rule was applied.
        quota_group: The group the subject counts in for quotas.
    """

    subject: str
    kind: Literal["official", "agency"]
    name: str
    year: int
    rating: RatingLevel | None
    cap: RatingLevel | None
    eligible: bool
    complete: bool
    reasons: tuple[Reason, ...]
    heads: tuple[tuple[Attribution, Share], ...] = ()
    points: PointsBreakdown | None = None
    quota_group: str | None = None

    @property
    def rated(self) -> bool:
        """Whether the subject is rated at all."""
        return self.rating is not None

    @property
    def binding(self) -> tuple[Reason, ...]:
        """The reasons that decided: bars, not-rated, and caps or quotas at the rating."""
        return tuple(
            r
            for r in self.reasons
            if r.effect in _BINDING or (r.cap is not None and r.cap == self.rating)
        )

    def why(self, lang: Lang = "vi") -> str:
        """The deciding reasons, each with its citation, on one line."""
        return "; ".join(f"{r.message(lang)} [{r.citation}]" for r in self.binding)

    def as_record(self) -> dict[str, Any]:
        """One flat dict of plain values, for ``pandas.DataFrame``."""
        main = max(self.heads, key=lambda pair: pair[1].share, default=None)
        result = None if main is None else main[0].result
        return {
            "subject": self.subject,
            "kind": self.kind,
            "name": self.name,
            "year": self.year,
            "rating": None if self.rating is None else self.rating.value,
            "cap": None if self.cap is None else self.cap.value,
            "eligible": self.eligible,
            "complete": self.complete,
            "agencies": ", ".join(a.agency for a, _ in self.heads),
            "share": None if main is None else main[1].share,
            "index": None if result is None else result.index,
            "band": None if result is None else result.band,
            "rank": None if result is None else result.rank,
            "points": None if self.points is None else self.points.total,
            "quota_group": self.quota_group,
            "why": self.why("en"),
        }


@attrs.frozen
class UnitOutcome:
    """A rated unit: its results, who headed it, and whether it may compete for emulation.

    Attributes:
        agency: The accountable agency.
        unit: The unit as ranked.
        year: The rating year.
        result: Its results.
        attribution: The head post's year split between holders.
        eligible: Whether the unit may compete for emulation and rewards.
        reasons: The band rules' reasons for the unit.
    """

    agency: str
    unit: str
    year: int
    result: UnitResult
    attribution: Attribution
    eligible: bool
    reasons: tuple[Reason, ...]

    def as_record(self) -> dict[str, Any]:
        """One flat dict of plain values."""
        return {
            **{k: v for k, v in self.result.as_record().items() if k != "agency"},
            "agency": self.agency,
            "eligible": self.eligible,
            "heads": ", ".join(s.official or "vacant" for s in self.attribution.shares),
            "why": "; ".join(r.message_en for r in self.reasons if r.effect == "bar"),
        }


_HEAD = {
    "vi": ["Người/cơ quan", "Tên", "Đứng đầu (tỷ lệ năm)", "Tối đa", "Đề xuất", "Thi đua", "Lý do"],
    "en": ["Subject", "Name", "Headed (share)", "Cap", "Recommended", "Emulation", "Why"],
}


@attrs.frozen
class Recommendations:
    """Recommendations for every official and agency rated, unit outcomes, and quotas.

    Subjects come out by code and quotas by policy, rule and group, so the result does
    not depend on the order of the inputs.

    Attributes:
        year: The rating year.
        policies: Codes of the policies applied, sorted.
        subjects: One recommendation per official, then per agency.
        units: One outcome per rated unit, by agency code.
        quotas: One outcome per quota rule and group.
        findings: Warnings raised on the way (errors raise instead).
    """

    year: int
    policies: tuple[str, ...]
    subjects: tuple[Recommendation, ...]
    units: tuple[UnitOutcome, ...]
    quotas: tuple[QuotaOutcome, ...]
    findings: tuple[Finding, ...] = ()

    def get(self, subject: str) -> Recommendation:
        """The recommendation for an official id or agency code.

        Raises:
            KeyError: There is none.
        """
        for item in self.subjects:
            if item.subject == subject:
                return item
        raise KeyError(subject)

    def unit(self, agency: str) -> UnitOutcome:
        """The outcome of the unit ``agency`` answers for.

        Raises:
            KeyError: There is none.
        """
        for item in self.units:
            if item.agency == agency:
                return item
        raise KeyError(agency)

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per subject."""
        return [s.as_record() for s in self.subjects]

    def unit_records(self) -> list[dict[str, Any]]:
        """One flat dict per unit."""
        return [u.as_record() for u in self.units]

    def quota_records(self) -> list[dict[str, Any]]:
        """One flat dict per quota and group."""
        return [q.as_record() for q in self.quotas]

    def to_markdown(self, lang: Lang = "vi") -> str:
        """A table of every subject with the deciding reasons, then the quotas."""
        yes, no = ("được xét", "không") if lang == "vi" else ("open", "barred")
        lines = ["| " + " | ".join(_HEAD[lang]) + " |", "|" + "---|" * len(_HEAD[lang])]
        for s in self.subjects:
            heads = ", ".join(f"{a.result.unit if a.result else a.agency} ({share.percent}%)"
                              for a, share in s.heads)  # fmt: skip
            unrated = "không xếp loại" if lang == "vi" else "not rated"
            cells = [
                s.subject, s.name, heads or "—", s.cap.value if s.cap else "—",
                s.rating.value if s.rating else unrated, yes if s.eligible else no,
                s.why(lang).replace("|", "/") or "—",
            ]  # fmt: skip
            lines.append("| " + " | ".join(cells) + " |")
        if self.quotas:
            lines += ["", "Tỷ lệ:" if lang == "vi" else "Quotas:"]
            lines += [f"- {q.explain(lang)} [{q.instrument}]" for q in self.quotas]
        return "\n".join(lines)
