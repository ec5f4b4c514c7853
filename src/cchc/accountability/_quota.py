"""Quotas: at most a share of a group may get a level; a deterministic, explained tie-break.

Candidates are the group's members at the limited level (HTXS) before the quota. How
many places the group has depends on the rule's basis:

- ``"rated"``: ``floor(share × everyone rated)``;
- ``"next-level-or-better"``: ``floor(share × n)``, ``n`` those at the level below (HTT)
  or better;
- ``"next-level"``: the largest ``k`` with ``k ≤ share × (n − k)``, ``n`` those at the
  limited level or the one below — the places must not exceed the share of those
  *finally* rated at the level below, demoted candidates included — that is
  ``floor(share × n / (1 + share))``: with 20%, one place per six.

"May not exceed" is read literally, so places round down. Candidates are ordered by
higher points, then higher task-result points, then the higher index of the unit
headed for most of the year (missing values after present ones), then by code — the
last only so that the outcome never depends on input order; it is not a judgement of
merit, and the explanation says so when it decides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc.accountability._values import Reason
from cchc.documents.policy import Policy, QuotaBasis, QuotaRule, level_below
from cchc.vocabulary import Lang, RatingLevel

__all__ = ["QuotaCandidate", "QuotaOutcome", "apply_quota", "counted_for", "places"]


@attrs.frozen
class QuotaCandidate:
    """A member of a group who reached the limited level before the quota.

    Attributes:
        subject: Official id or agency code.
        points: Total points on a points scale, if any.
        task: Task-result points, if any.
        index: Index of the unit headed for most of the year, if any.
        granted: Whether the member keeps the level.
    """

    subject: str
    points: Decimal | None
    task: Decimal | None
    index: Decimal | None
    granted: bool = False

    def key(self) -> tuple[Any, ...]:
        """The tie-break key: smaller sorts first."""

        def desc(value: Decimal | None) -> tuple[int, Decimal]:
            return (1, Decimal(0)) if value is None else (0, -value)

        return (desc(self.points), desc(self.task), desc(self.index), self.subject)


_KEYS = (
    ("points", "điểm", "points"),
    ("task", "điểm kết quả nhiệm vụ", "task-result points"),
    ("index", "chỉ số CCHC của đơn vị", "unit's reform index"),
)


@attrs.frozen
class QuotaOutcome:
    """A quota applied to one group.

    Attributes:
        policy: Code of the policy.
        rule: Code of the quota rule.
        instrument: Symbol the rule cites.
        group: The group (an agency code, usually the rating agency).
        rating: The level limited.
        basis: What the share is of.
        share: The share applied.
        counted: Members counted for the basis.
        allowed: Places the group has.
        candidates: Members who reached the level, in tie-break order.
    """

    policy: str
    rule: str
    instrument: str
    group: str
    rating: RatingLevel
    basis: QuotaBasis
    share: Decimal
    counted: int
    allowed: int
    candidates: tuple[QuotaCandidate, ...]

    @property
    def granted(self) -> tuple[str, ...]:
        """Who keeps the level."""
        return tuple(c.subject for c in self.candidates if c.granted)

    @property
    def demoted(self) -> tuple[str, ...]:
        """Who gets the level below instead."""
        return tuple(c.subject for c in self.candidates if not c.granted)

    def explain(self, lang: Lang = "vi") -> str:
        """One line: the places, how they were counted, who kept and who lost the level."""
        level, below = self.rating.value, level_below(self.rating).value
        granted = ", ".join(self.granted) or "—"
        demoted = ", ".join(self.demoted) or "—"
        if lang == "vi":
            return (
                f"{self.group}: {len(self.candidates)} đạt {level}, được {self.allowed}"
                f" ({_basis(self, 'vi')}); giữ {level}: {granted}; chuyển {below}: {demoted}"
            )
        return (
            f"{self.group}: {len(self.candidates)} reached {level}, {self.allowed} allowed"
            f" ({_basis(self, 'en')}); keep {level}: {granted}; moved to {below}: {demoted}"
        )

    def as_record(self) -> dict[str, Any]:
        """The outcome as a flat dict of plain values."""
        return {
            "policy": self.policy,
            "rule": self.rule,
            "instrument": self.instrument,
            "group": self.group,
            "rating": self.rating.value,
            "basis": self.basis,
            "share": self.share,
            "counted": self.counted,
            "allowed": self.allowed,
            "candidates": len(self.candidates),
            "granted": ", ".join(self.granted),
            "demoted": ", ".join(self.demoted),
        }


def _basis(outcome: QuotaOutcome, lang: Lang) -> str:
    share = f"{outcome.share:%}"
    below = level_below(outcome.rating).value
    if outcome.basis == "rated":
        what = "số được xếp loại" if lang == "vi" else "those rated"
        return f"{share} × {outcome.counted} {what}"
    if outcome.basis == "next-level-or-better":
        what = f"số đạt {below} trở lên" if lang == "vi" else f"those at {below} or better"
        return f"{share} × {outcome.counted} {what}"
    level = outcome.rating.value
    if lang == "vi":
        return f"≤ {share} số xếp loại {below} sau cùng; {outcome.counted} đạt {level} hoặc {below}"
    return f"≤ {share} of those finally rated {below}; {outcome.counted} at {level} or {below}"


def places(basis: QuotaBasis, share: Decimal, counted: int) -> int:
    """How many members of a group may get the limited level (before capping by candidates).

    ``counted`` is what the basis counts: everyone rated (``"rated"``), those at the
    limited level or the one below (``"next-level"``: they end up at one or the other),
    or those at the level below or better (``"next-level-or-better"``).

    >>> share = Decimal("0.2")
    >>> places("next-level", share, 5), places("next-level-or-better", share, 5)
    (0, 1)
    >>> places("next-level", share, 12), places("rated", share, 12)
    (2, 2)
    """
    rate = Fraction(share)
    if basis == "next-level":
        return math.floor(rate * counted / (1 + rate))
    return math.floor(rate * counted)


def counted_for(basis: QuotaBasis, rating: RatingLevel, ratings: Sequence[RatingLevel]) -> int:
    """The members a basis counts, for a quota limiting ``rating``."""
    below = level_below(rating)
    if basis == "rated":
        return len(ratings)
    if basis == "next-level":
        return sum(1 for r in ratings if r in (rating, below))
    return sum(1 for r in ratings if r >= below)


def apply_quota(
    policy: Policy,
    rule: QuotaRule,
    share: Decimal,
    group: str,
    members: Sequence[tuple[QuotaCandidate, RatingLevel]],
) -> tuple[QuotaOutcome, dict[str, Reason]]:
    """Apply a quota to one group of rated members (each with its rating before the quota).

    Returns:
        The outcome, and a reason for every candidate (kept or moved down).
    """
    below = level_below(rule.rating)
    counted = counted_for(rule.basis, rule.rating, [rating for _, rating in members])
    pool = sorted((c for c, rating in members if rating == rule.rating), key=QuotaCandidate.key)
    allowed = places(rule.basis, share, counted)
    keep = min(allowed, len(pool))
    ordered = tuple(attrs.evolve(c, granted=i < keep) for i, c in enumerate(pool))
    outcome = QuotaOutcome(
        policy.code, rule.code, rule.instrument, group, rule.rating, rule.basis, share,
        counted, allowed, ordered,
    )  # fmt: skip
    reasons: dict[str, Reason] = {}
    last = ordered[keep - 1] if keep else None
    level = rule.rating.value
    for position, candidate in enumerate(ordered, start=1):
        where_vi = f"thứ {position}/{len(ordered)} trong nhóm {group}, được {allowed} suất {level}"
        where_en = f"{position} of {len(ordered)} in group {group}, {allowed} {level} place(s)"
        if candidate.granted:
            vi, en, cap = f"Trong tỷ lệ: {where_vi}", f"within the quota: {where_en}", None
        else:
            why_vi, why_en = _separated(candidate, last)
            vi = f"Vượt tỷ lệ: {where_vi}{why_vi}; xếp {below.value}"
            en = f"beyond the quota: {where_en}{why_en}; rated {below.value}"
            cap = below
        reasons[candidate.subject] = Reason(
            policy.code, rule.code, rule.kind, rule.instrument, rule.article, "quota", cap, vi, en
        )
    return outcome, reasons


def _separated(candidate: QuotaCandidate, last: QuotaCandidate | None) -> tuple[str, str]:
    """Why ``candidate`` sorts after ``last``, the last one kept."""
    if last is None:
        return "", ""
    for attribute, vi, en in _KEYS:
        mine, theirs = getattr(candidate, attribute), getattr(last, attribute)
        if mine != theirs:
            shown = "—" if mine is None else str(mine)
            return (f" ({vi} {shown}, sau {last.subject}: {theirs})",
                    f" ({en} {shown}, after {last.subject}: {theirs})")  # fmt: skip
    return (
        f" (bằng {last.subject} về điểm và chỉ số; xếp theo mã để kết quả xác định, không phải"
        " đánh giá thành tích)",
        f" (tied with {last.subject} on points and index; ordered by code so that the outcome"
        " is deterministic — not a judgement of merit)",
    )
