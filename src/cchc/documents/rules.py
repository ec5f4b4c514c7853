"""Scoring rules: how a leaf criterion turns its input into points.

Rules are data — a tagged union on ``kind`` — so a framework file says exactly how
every point is earned, boundaries included. Each rule documents the input it
expects (see :data:`InputValue` in :mod:`cchc.documents.assessment`):

============================  =====================  =============================================
kind                          input                  points
============================  =====================  =============================================
``binary``                    yes/no                 ``when_true`` or ``when_false`` × max
``tiers``                     rate or value          the first tier whose threshold is met
``count-tiers``               count                  the first tier whose minimum count is met
``proportional``              rate in [0, 1]         rate × max (capped at max)
``proportional-to-target``    rate                   min(rate / target, 1) × max
``deduction``                 count of events        max − per_event × count, never below 0
``timeliness``                date or ``"missing"``  on time, late or missing, × max
``survey``                    percent in [0, 100]    percent / 100 × max
``manual``                    points in [0, max]     the points entered
============================  =====================  =============================================

Fractions are shares of the criterion's maximum; points are absolute.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal, Self, TypeAlias

from pydantic import Field, model_validator

from cchc.documents._types import DocumentPart, Number, describe

__all__ = [
    "BinaryRule",
    "CountTier",
    "CountTiersRule",
    "DeductionRule",
    "ManualRule",
    "ProportionalRule",
    "Rule",
    "SurveyRule",
    "TargetRule",
    "Tier",
    "TiersRule",
    "TimelinessRule",
]

Fraction = Annotated[Number, Field(ge=0, le=1)]
Points = Annotated[Number, Field(ge=0)]
Threshold = Number


def _one_of_points_or_fraction(points: Decimal | None, fraction: Decimal | None) -> None:
    if (points is None) == (fraction is None):
        raise ValueError("give exactly one of points or fraction")


class Tier(DocumentPart):
    """One step of a :class:`TiersRule`: reaching ``threshold`` earns ``points`` or ``fraction``."""

    threshold: Threshold = describe("Threshold", "Lower bound of the tier.", "ngưỡng")
    inclusive: bool = describe(
        "Inclusive",
        "True: the threshold itself is in the tier (>=); false: strictly above (>).",
        "bao gồm ngưỡng",
        default=True,
    )
    points: Points | None = describe("Points", "Points earned in this tier.", "điểm", default=None)
    fraction: Fraction | None = describe(
        "Fraction",
        "Share of the criterion's maximum earned in this tier.",
        "tỷ lệ điểm",
        default=None,
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _one_of_points_or_fraction(self.points, self.fraction)
        return self

    def reached(self, value: Decimal) -> bool:
        """Whether ``value`` is in this tier or above it."""
        return value >= self.threshold if self.inclusive else value > self.threshold


class CountTier(DocumentPart):
    """One step of a :class:`CountTiersRule`: at least ``at_least`` events earn the tier."""

    at_least: int = describe("At least", "Smallest count in the tier (inclusive).", "từ", ge=0)
    points: Points | None = describe("Points", "Points earned.", "điểm", default=None)
    fraction: Fraction | None = describe(
        "Fraction", "Share of the maximum earned.", "tỷ lệ điểm", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _one_of_points_or_fraction(self.points, self.fraction)
        return self


class BinaryRule(DocumentPart):
    """Yes/no: e.g. the annual plan was issued (full points) or not (none)."""

    kind: Literal["binary"] = describe("Kind", "Rule kind.", "loại quy tắc", default="binary")
    when_true: Fraction = describe(
        "When yes", "Share of the maximum for yes.", "khi đạt", default=Decimal(1)
    )
    when_false: Fraction = describe(
        "When no", "Share of the maximum for no.", "khi không đạt", default=Decimal(0)
    )


class TiersRule(DocumentPart):
    """Tiers on a rate or a value, highest threshold first; below every tier: ``otherwise``."""

    kind: Literal["tiers"] = describe("Kind", "Rule kind.", "loại quy tắc", default="tiers")
    on: Literal["rate", "value"] = describe(
        "On", "A rate in [0, 1] or a free value.", "áp dụng trên", default="rate"
    )
    tiers: tuple[Tier, ...] = describe(
        "Tiers", "From the highest threshold down.", "các mức", min_length=1
    )
    otherwise: Fraction = describe(
        "Otherwise", "Share of the maximum below every tier.", "dưới mọi mức", default=Decimal(0)
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        def strictness(tier: Tier) -> tuple[Decimal, bool]:
            return tier.threshold, not tier.inclusive  # at one threshold, "> t" is above "≥ t"

        for upper, lower in zip(self.tiers, self.tiers[1:], strict=False):
            if strictness(lower) >= strictness(upper):
                raise ValueError(
                    "tiers must go from the highest threshold down (at one threshold, > before"
                    f" ≥): {_condition(lower)} after {_condition(upper)}"
                )
        return self


def _condition(tier: Tier) -> str:
    return f"{'≥' if tier.inclusive else '>'} {tier.threshold}"


class CountTiersRule(DocumentPart):
    """Tiers on a count: e.g. 4 steering meetings a year earn 20 points, 3 earn 15."""

    kind: Literal["count-tiers"] = describe(
        "Kind", "Rule kind.", "loại quy tắc", default="count-tiers"
    )
    tiers: tuple[CountTier, ...] = describe(
        "Tiers", "From the highest count down.", "các mức", min_length=1
    )

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        counts = [t.at_least for t in self.tiers]
        if counts != sorted(set(counts), reverse=True):
            raise ValueError(
                f"tiers must go from the highest count down, without repeats: {counts}"
            )
        return self


class ProportionalRule(DocumentPart):
    """Rate × maximum, the rate capped at 1 (e.g. the share of dossiers resolved on time)."""

    kind: Literal["proportional"] = describe(
        "Kind", "Rule kind.", "loại quy tắc", default="proportional"
    )


class TargetRule(DocumentPart):
    """min(rate / target, 1) × maximum: full points once the target rate is reached."""

    kind: Literal["proportional-to-target"] = describe(
        "Kind", "Rule kind.", "loại quy tắc", default="proportional-to-target"
    )
    target: Annotated[Number, Field(gt=0, le=1)] = describe(
        "Target", "The rate that earns full points.", "chỉ tiêu"
    )


class DeductionRule(DocumentPart):
    """Maximum minus ``per_event`` for each event (a late report, a finding), floored at 0."""

    kind: Literal["deduction"] = describe("Kind", "Rule kind.", "loại quy tắc", default="deduction")
    per_event: Annotated[Number, Field(gt=0)] = describe(
        "Per event", "Points deducted for each event.", "điểm trừ mỗi lần"
    )


class TimelinessRule(DocumentPart):
    """On time, late or missing, judged against a deadline in the assessed year.

    The deadline is ``month``/``day`` of the assessed year plus ``year_offset`` (−1 for
    "by 31 December of the year before", as for annual plans).
    """

    kind: Literal["timeliness"] = describe(
        "Kind", "Rule kind.", "loại quy tắc", default="timeliness"
    )
    month: int = describe("Month", "Month of the deadline.", "tháng", ge=1, le=12)
    day: int = describe(
        "Day", "Day of the deadline (inclusive: that day is on time).", "ngày", ge=1, le=31
    )
    year_offset: int = describe(
        "Year offset", "Years added to the assessed year.", "chênh lệch năm", default=0, ge=-1, le=1
    )
    on_time: Fraction = describe(
        "On time", "Share of the maximum when on time.", "đúng hạn", default=Decimal(1)
    )
    late: Fraction = describe(
        "Late", "Share of the maximum when late.", "trễ hạn", default=Decimal(0)
    )

    @model_validator(mode="after")
    def _valid_day(self) -> Self:
        try:
            dt.date(2024, self.month, self.day)  # a leap year: 29 February is allowed
        except ValueError:
            raise ValueError(f"day {self.day} does not exist in month {self.month}") from None
        return self

    def deadline(self, year: int) -> dt.date:
        """The deadline for the assessment of ``year`` (29 February falls back to the 28th)."""
        target_year = year + self.year_offset
        day = self.day
        if self.month == 2 and day == 29 and not _leap(target_year):
            day = 28
        return dt.date(target_year, self.month, day)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class SurveyRule(DocumentPart):
    """Survey percentage / 100 × maximum (SIPAS is worth 10 points this way)."""

    kind: Literal["survey"] = describe("Kind", "Rule kind.", "loại quy tắc", default="survey")


class ManualRule(DocumentPart):
    """Points entered by the assessor, within [0, maximum]."""

    kind: Literal["manual"] = describe("Kind", "Rule kind.", "loại quy tắc", default="manual")


Rule: TypeAlias = Annotated[
    BinaryRule
    | TiersRule
    | CountTiersRule
    | ProportionalRule
    | TargetRule
    | DeductionRule
    | TimelinessRule
    | SurveyRule
    | ManualRule,
    Field(discriminator="kind"),
]
"""Any scoring rule, told apart by its ``kind`` tag."""
