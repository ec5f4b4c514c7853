"""Rating and emulation policies, and the performance records they are applied to.

A :class:`Policy` is a set of rules issued by one instrument — a national decree or a
province's own regulation. Each rule is data (a discriminated union on ``kind``) and
cites the instrument, and where known the article, it comes from:

- ``index-thresholds`` — the head's rating capped from the unit's reform index;
- ``band-bar`` / ``band-fall`` — a unit in or below a band, or one that fell some
  bands in a year, is barred (with its head) from emulation and rewards;
- ``minimum-service`` — fewer than N months worked in the year: not rated;
- ``leader-conditions`` — what a leader needs for a level (targets met and exceeded,
  shares of managed units by rating), otherwise one level lower;
- ``violation`` — a listed violation (discipline…) forces a level, usually KHT;
- ``points`` — the 100-point scale of Decree 335/2025/NĐ-CP (general criteria plus
  task results from products on quantity, quality and progress);
- ``quota`` — at most a share of a group may get a level (HTXS).

What the rules need to know about one official or agency in one year is a
:class:`~cchc.documents.performance.PerformanceRecord`.

>>> policy = Policy.model_validate({
...     "code": "example", "title_vi": "Ví dụ", "instrument": "1/QĐ-UBND",
...     "rules": [{"kind": "index-thresholds", "code": "cap", "instrument": "1/QĐ-UBND",
...                "thresholds": [{"min_index": "90", "rating": "HTXS"},
...                               {"min_index": "70", "rating": "HTT"}],
...                "otherwise": "HT"}]})
>>> policy.rules[0].cap_for(Decimal("85"))
<RatingLevel.HTT: 'HTT'>
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Annotated, Any, Literal, Self, TypeAlias

from pydantic import Field, model_validator

from cchc.documents._types import (
    Code,
    Day,
    Document,
    DocumentPart,
    Number,
    Symbol,
    Text,
    Url,
    describe,
)
from cchc.vocabulary import RatingLevel

__all__ = [
    "BandBarRule",
    "BandFallRule",
    "IndexThreshold",
    "IndexThresholdRule",
    "LeaderConditionsRule",
    "ListedViolation",
    "ManagedShare",
    "MinimumServiceRule",
    "PointsLevel",
    "PointsRule",
    "PointsWeights",
    "Policy",
    "PolicyRule",
    "QuotaBasis",
    "QuotaRule",
    "SubjectKind",
    "ViolationRule",
    "level_below",
]

SubjectKind = Literal["head", "official", "agency"]
"""Who a rule applies to: heads of rated agencies, any official (heads included), agencies."""

Rate = Annotated[Number, Field(ge=0, le=1)]
"""A share between 0 and 1, exact."""

_ORDER = (RatingLevel.HTXS, RatingLevel.HTT, RatingLevel.HT, RatingLevel.KHT)


def level_below(rating: RatingLevel) -> RatingLevel:
    """The level one step below ``rating`` (KHT stays KHT).

    >>> level_below(RatingLevel.HTXS)
    <RatingLevel.HTT: 'HTT'>
    """
    return _ORDER[min(_ORDER.index(rating) + 1, len(_ORDER) - 1)]


def _applies_to(*default: SubjectKind) -> Any:
    return describe("Applies to", "Who the rule rates, bars or counts.", "đối tượng áp dụng",
                    default=default, min_length=1)  # fmt: skip


def _kind(value: str) -> Any:
    return describe("Kind", "Rule kind.", "loại quy tắc", default=value)


def _check_descending(
    bounds: list[tuple[Decimal, bool]], ratings: list[RatingLevel], what: str
) -> None:
    for (upper, up_incl), (lower, low_incl) in itertools.pairwise(bounds):
        if (upper, not up_incl) <= (lower, not low_incl):
            raise ValueError(f"{what} must go from the highest bound down")
    for better, worse in itertools.pairwise(ratings):
        if worse > better:
            raise ValueError(f"{what}: a lower bound gives a higher rating ({worse} > {better})")


class _Rule(DocumentPart):
    code: Code = describe("Code", "Identifier of the rule in its policy.", "mã quy tắc")
    instrument: Symbol = describe("Instrument", "Where the rule comes from.", "văn bản quy định")
    article: Text | None = describe("Article", "Article, clause.", "điều, khoản", default=None)
    note: Text | None = describe("Note", "Remarks.", "ghi chú", default=None)
    verified: bool = describe("Verified", "False when details were not checked against the text.",
                              "đã kiểm chứng", default=True)  # fmt: skip


class IndexThreshold(DocumentPart):
    """Indexes at or above ``min_index`` (or above, if not inclusive) cap the head at ``rating``."""

    min_index: Number = describe("Minimum index", "Lower bound on the 0–100 index.",
                                 "ngưỡng chỉ số", ge=0, le=100)  # fmt: skip
    inclusive: bool = describe("Inclusive", "Whether the bound itself is reached.",
                               "bao gồm ngưỡng", default=True)  # fmt: skip
    rating: RatingLevel = describe("Rating", "Highest rating allowed.", "mức tối đa")

    def reached(self, index: Decimal) -> bool:
        """Whether ``index`` reaches this threshold."""
        return index >= self.min_index if self.inclusive else index > self.min_index


class IndexThresholdRule(_Rule):
    """The head's rating capped by the unit's reform index (local rules of this shape)."""

    kind: Literal["index-thresholds"] = _kind("index-thresholds")
    applies_to: tuple[SubjectKind, ...] = _applies_to("head")
    thresholds: tuple[IndexThreshold, ...] = describe(
        "Thresholds", "From the highest bound down.", "ngưỡng", min_length=1
    )
    otherwise: RatingLevel = describe("Otherwise", "Cap below the last threshold.", "mức còn lại",
                                      default=RatingLevel.KHT)  # fmt: skip

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        bounds = [(t.min_index, t.inclusive) for t in self.thresholds]
        ratings = [t.rating for t in self.thresholds] + [self.otherwise]
        _check_descending(bounds, ratings, f"rule {self.code}: thresholds")
        return self

    def cap_for(self, index: Decimal) -> RatingLevel:
        """The highest rating an index allows under this rule."""
        for threshold in self.thresholds:
            if threshold.reached(index):
                return threshold.rating
        return self.otherwise


class BandBarRule(_Rule):
    """A unit in (or in and below) a band is barred, with its head, from emulation and rewards."""

    kind: Literal["band-bar"] = _kind("band-bar")
    applies_to: tuple[SubjectKind, ...] = _applies_to("head", "agency")
    band: Code = describe("Band", "Code of the band, as the framework names it.", "xếp loại")
    at_or_below: bool = describe("At or below", "Bars the bands below too (False: this one only).",
                                 "từ mức này trở xuống", default=True)  # fmt: skip
    cap: RatingLevel | None = describe("Cap", "A cap that comes with the bar.", "mức tối đa",
                                       default=None)  # fmt: skip


class BandFallRule(_Rule):
    """A unit that fell ``steps`` bands or more since the previous year is barred, with its head."""

    kind: Literal["band-fall"] = _kind("band-fall")
    applies_to: tuple[SubjectKind, ...] = _applies_to("head", "agency")
    steps: int = describe("Steps", "Bands fallen that trigger the bar.", "số bậc tụt", ge=1)
    cap: RatingLevel | None = describe("Cap", "A cap that comes with the bar.", "mức tối đa",
                                       default=None)  # fmt: skip


class MinimumServiceRule(_Rule):
    """Officials who worked fewer than ``months`` months in the year are not rated."""

    kind: Literal["minimum-service"] = _kind("minimum-service")
    applies_to: tuple[SubjectKind, ...] = _applies_to("official")
    months: int = describe("Months", "Months of work needed.", "số tháng công tác", ge=1, le=12)


class ManagedShare(DocumentPart):
    """At least ``min_share`` of the units managed must be rated ``at_least``."""

    at_least: RatingLevel = describe("At least", "Rating needed.", "mức tối thiểu")
    min_share: Rate = describe("Minimum share", "Share of managed units, 0–1.", "tỷ lệ tối thiểu")


class LeaderConditionsRule(_Rule):
    """What a leader needs for ``rating``; without it, the cap is one level lower."""

    kind: Literal["leader-conditions"] = _kind("leader-conditions")
    applies_to: tuple[SubjectKind, ...] = _applies_to("head")
    rating: RatingLevel = describe("Rating", "The level these conditions guard.", "mức xếp loại",
                                   default=RatingLevel.HTXS)  # fmt: skip
    min_targets_met: Rate = describe("Targets met", "Share of targets met, 0–1.",
                                     "tỷ lệ chỉ tiêu hoàn thành", default=Decimal(1))  # fmt: skip
    min_targets_exceeded: Rate = describe("Targets exceeded", "Share of targets exceeded, 0–1.",
                                          "tỷ lệ vượt mức", default=Decimal(0))  # fmt: skip
    managed: tuple[ManagedShare, ...] = describe(
        "Managed units", "Shares of managed units.", "đơn vị thuộc quyền quản lý", default=()
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.rating is RatingLevel.KHT:
            raise ValueError(f"rule {self.code}: KHT needs no conditions")
        return self


class ListedViolation(DocumentPart):
    """A violation that forces a rating, with its wording."""

    code: Code = describe("Code", "Identifier used in records, e.g. 'discipline'.", "mã vi phạm")
    text_vi: Text = describe("Text", "What the instrument says.", "nội dung")
    text_en: Text | None = describe("Text (English)", "In English.", "tiếng Anh", default=None)


class ViolationRule(_Rule):
    """A listed violation in the rating year forces ``rating`` (KHT by default)."""

    kind: Literal["violation"] = _kind("violation")
    applies_to: tuple[SubjectKind, ...] = _applies_to("official")
    violations: tuple[ListedViolation, ...] = describe(
        "Violations", "The violations listed.", "trường hợp vi phạm", min_length=1
    )
    rating: RatingLevel = describe("Rating", "Level forced.", "mức", default=RatingLevel.KHT)


class PointsWeights(DocumentPart):
    """How the task-result points split between quantity, quality and progress (in parts)."""

    quantity: int = describe("Quantity", "Parts for quantity.", "số lượng", ge=0, default=1)
    quality: int = describe("Quality", "Parts for quality.", "chất lượng", ge=0, default=1)
    progress: int = describe("Progress", "Parts for progress.", "tiến độ", ge=0, default=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.quantity + self.quality + self.progress == 0:
            raise ValueError("the weights are all zero")
        return self


class PointsLevel(DocumentPart):
    """Totals at or above ``min_points`` reach ``rating``."""

    rating: RatingLevel = describe("Rating", "Level reached.", "mức xếp loại")
    min_points: Number = describe("Minimum points", "Inclusive lower bound.", "điểm tối thiểu",
                                  ge=0)  # fmt: skip


class PointsRule(_Rule):
    """A 100-point scale: general criteria plus task results from products (Decree 335/2025)."""

    kind: Literal["points"] = _kind("points")
    applies_to: tuple[SubjectKind, ...] = _applies_to("official", "agency")
    general_max: Number = describe("General criteria", "Points of the general criteria.",
                                   "tiêu chí chung", gt=0, default=Decimal(30))  # fmt: skip
    task_max: Number = describe("Task results", "Points of the task results.",
                                "kết quả nhiệm vụ", gt=0, default=Decimal(70))  # fmt: skip
    weights: PointsWeights = describe("Weights", "Split of the task results.", "tỷ trọng",
                                      default=PointsWeights())  # fmt: skip
    deduction: Rate = describe("Deduction", "Share of a product's quality or progress points"
                               " lost per error or delay.", "mức trừ",
                               default=Decimal("0.25"))  # fmt: skip
    levels: tuple[PointsLevel, ...] = describe("Levels", "From the highest down; below: KHT.",
                                               "thang xếp loại", min_length=1)  # fmt: skip
    places: int = describe("Places", "Decimal places of the total (half-up).", "số chữ số lẻ",
                           ge=0, le=4, default=2)  # fmt: skip

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        bounds = [(level.min_points, True) for level in self.levels]
        _check_descending(bounds, [level.rating for level in self.levels], f"rule {self.code}")
        if any(level.min_points > self.general_max + self.task_max for level in self.levels):
            raise ValueError(f"rule {self.code}: a level needs more points than the scale has")
        return self

    def level_for(self, points: Decimal) -> RatingLevel:
        """The level a total reaches (KHT below the last level)."""
        for level in self.levels:
            if points >= level.min_points:
                return level.rating
        return RatingLevel.KHT


QuotaBasis = Literal["rated", "next-level", "next-level-or-better"]
"""What a quota's share is taken of, within a group:

- ``"rated"`` — everyone rated in the group;
- ``"next-level"`` — those finally rated one level below (HTT for an HTXS quota): the
  literal reading of "HTXS at most 20% of those rated HTT";
- ``"next-level-or-better"`` — those who reach that level or better before the quota.
"""


class QuotaRule(_Rule):
    """At most a share of a group may get ``rating``; the rest get the level below."""

    kind: Literal["quota"] = _kind("quota")
    applies_to: tuple[SubjectKind, ...] = _applies_to("official")
    rating: RatingLevel = describe("Rating", "The level limited.", "mức bị giới hạn",
                                   default=RatingLevel.HTXS)  # fmt: skip
    share: Rate | None = describe("Share", "Largest share, 0–1 (None: given when recommending).",
                                  "tỷ lệ tối đa", default=None)  # fmt: skip
    basis: QuotaBasis = describe("Basis", "What the share is of.", "căn cứ tính tỷ lệ")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.rating is RatingLevel.KHT:
            raise ValueError(f"rule {self.code}: KHT cannot be limited by a quota")
        return self


PolicyRule: TypeAlias = Annotated[
    IndexThresholdRule
    | BandBarRule
    | BandFallRule
    | MinimumServiceRule
    | LeaderConditionsRule
    | ViolationRule
    | PointsRule
    | QuotaRule,
    Field(discriminator="kind"),
]
"""Any policy rule, told apart by its ``kind``."""


class Policy(Document):
    """A rating and emulation policy: rules issued by one instrument."""

    type: Literal["policy"] = describe("Document type", "Tag that makes the file self-describing.",
                                       "loại tài liệu", default="policy")  # fmt: skip
    code: Code = describe("Code", "Stable identifier.", "mã chính sách")
    title_vi: Text = describe("Title", "Title in Vietnamese.", "tên")
    title_en: Text | None = describe("Title (English)", "In English.", "tiếng Anh", default=None)
    instrument: Symbol = describe("Instrument", "Symbol of the issuing instrument.", "văn bản")
    issuer_vi: Text | None = describe("Issuer", "Issuing body.", "cơ quan ban hành", default=None)
    effective_from: Day | None = describe("Effective from", "First day in force.",
                                              "ngày có hiệu lực", default=None)  # fmt: skip
    effective_to: Day | None = describe("Effective to", "First day no longer in force.",
                                            "ngày hết hiệu lực", default=None)  # fmt: skip
    rules: tuple[PolicyRule, ...] = describe("Rules", "The rules.", "quy tắc", min_length=1)
    illustrative: bool = describe("Illustrative", "Made up for examples, not a real instrument.",
                                  "minh họa", default=False)  # fmt: skip
    verified: bool = describe("Verified", "False when details were not checked against the text.",
                              "đã kiểm chứng", default=True)  # fmt: skip
    source_url: Url | None = describe("Source URL", "Where it was read.", "nguồn", default=None)
    note: Text | None = describe("Note", "Remarks.", "ghi chú", default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        codes = [rule.code for rule in self.rules]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(f"rule codes appear more than once: {', '.join(twice)}")
        if self.effective_from and self.effective_to and self.effective_to <= self.effective_from:
            raise ValueError(f"effective_to {self.effective_to} is not after effective_from")
        return self

    @property
    def label_vi(self) -> str:
        """``"<symbol> — <title>"`` in Vietnamese."""
        return f"{self.instrument} — {self.title_vi}"

    @property
    def label_en(self) -> str:
        """``"<symbol> — <title>"`` in English (Vietnamese title if none)."""
        return f"{self.instrument} — {self.title_en or self.title_vi}"

    def in_force_in(self, year: int) -> bool:
        """Whether the policy is in force on at least one day of ``year``."""
        start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        return (self.effective_from is None or self.effective_from < end) and (
            self.effective_to is None or self.effective_to > start
        )
