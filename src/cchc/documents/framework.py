"""Evaluation frameworks: criteria trees with maximum points, rules on the leaves, bands.

A framework is what an edition of the PAR Index (or a province's local index) *is*:
areas, criteria and sub-criteria of any depth, each with a maximum; a rule on every
leaf; the precision and rounding of published points; and the bands units fall into.

>>> from cchc import datasets
>>> framework = datasets.framework("illustrative-district")
>>> framework.max_points, framework.places, framework.rounding
(Decimal('100'), 2, 'half-up')
>>> framework.band_for(Decimal("85.5")).code
'B'
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Self

from pydantic import model_validator

from cchc.documents._types import (
    Code,
    Document,
    DocumentPart,
    Number,
    Symbol,
    Text,
    Titled,
    describe,
)
from cchc.documents.rules import (
    CountTiersRule,
    DeductionRule,
    ProportionalRule,
    Rule,
    TargetRule,
    TiersRule,
    TimelinessRule,
)
from cchc.errors import NotFoundError
from cchc.vocabulary import AgencyKind, LabelledEnum, ReformArea, UnitKind

__all__ = ["Band", "DerivedSource", "Framework", "Method", "Node", "Rounding", "round_fraction"]

DerivedSource = Literal[
    "plan-issued-on",
    "plan-completion-rate",
    "on-time-task-rate",
    "reports-on-time-rate",
    "late-or-missing-reports",
    "dossier-on-time-rate",
    "dossier-online-rate",
    "dossier-online-payment-rate",
    "dossier-digitised-rate",
    "dossier-e-result-rate",
]
"""Records a criterion's input can be derived from: the unit's plan and reports (see
:mod:`cchc.scoring.derived`) or its dossier records (``dossier-*``, see
:func:`cchc.dossiers.dossier_inputs`)."""

_DERIVED_RULES: dict[str, tuple[type[DocumentPart], ...]] = {
    "plan-issued-on": (TimelinessRule,),
    "plan-completion-rate": (TiersRule, ProportionalRule, TargetRule),
    "on-time-task-rate": (TiersRule, ProportionalRule, TargetRule),
    "reports-on-time-rate": (TiersRule, ProportionalRule, TargetRule),
    "late-or-missing-reports": (DeductionRule, CountTiersRule),
    **{
        f"dossier-{rate}-rate": (TiersRule, ProportionalRule, TargetRule)
        for rate in ("on-time", "online", "online-payment", "digitised", "e-result")
    },
}

Rounding = Literal["half-up", "half-even", "down", "up"]


def round_fraction(value: Fraction, rounding: Rounding) -> int:
    """``value`` rounded to a whole number by ``rounding`` (away from or toward zero by sign).

    >>> round_fraction(Fraction(5, 2), "half-up"), round_fraction(Fraction(5, 2), "half-even")
    (3, 2)
    """
    sign = -1 if value < 0 else 1
    whole, rest = divmod(abs(value.numerator), value.denominator)
    twice, den = 2 * rest, value.denominator
    if rounding == "half-up":
        up = twice >= den
    elif rounding == "half-even":
        up = twice > den or (twice == den and whole % 2 == 1)
    elif rounding == "up":
        up = rest > 0
    else:
        up = False
    return sign * (whole + int(up))


class Method(LabelledEnum):
    """How a criterion's score is established."""

    SELF_ASSESSED = (
        "self_assessed",
        "Tự đánh giá, thẩm định",
        "Self-assessed, then appraised",
    )
    CITIZEN_SURVEY = "citizen_survey", "Điều tra xã hội học người dân", "Citizen survey"
    LEADER_SURVEY = (
        "leader_survey",
        "Điều tra xã hội học lãnh đạo, quản lý",
        "Survey of leaders and managers",
    )
    OFFICIAL_DATA = "official_data", "Số liệu thống kê chính thức", "Official data"


class Band(DocumentPart):
    """A band (xếp loại / nhóm) that indexes at or above ``min_index`` fall into."""

    code: Code = describe("Code", "Short code, e.g. 'A'.", "mã xếp loại")
    label_vi: Text = describe("Label", "Name in Vietnamese, e.g. 'Xuất sắc'.", "tên xếp loại")
    label_en: Text = describe("Label (English)", "Name in English.", "tên tiếng Anh")
    min_index: Number = describe(
        "Minimum index",
        "Inclusive lower bound of the band, on the 0–100 index.",
        "ngưỡng dưới (bao gồm)",
        ge=0,
        le=100,
    )


class Node(DocumentPart):
    """An area, criterion or sub-criterion; a leaf carries the rule that scores it."""

    code: Code = describe("Code", "Unique in the framework, e.g. '3.2.1'.", "mã tiêu chí")
    title_vi: Text = describe("Title", "Title in Vietnamese.", "tên tiêu chí")
    title_en: Text | None = describe(
        "Title (English)", "Title in English.", "tên tiếng Anh", default=None
    )
    max_points: Number = describe(
        "Maximum points", "Most points the node can earn.", "điểm tối đa", ge=0
    )
    method: Method = describe(
        "Method", "How the score is established.", "phương pháp", default=Method.SELF_ASSESSED
    )
    may_be_not_applicable: bool = describe(
        "May be not applicable",
        "Whether a unit may declare it does not apply.",
        "có thể không áp dụng",
        default=False,
    )
    reform_area: ReformArea | None = describe(
        "Reform area", "Area the node belongs to.", "lĩnh vực", default=None
    )
    rule: Rule | None = describe(
        "Rule", "How a leaf is scored (leaves only).", "cách chấm điểm", default=None
    )
    derived_from: DerivedSource | None = describe(
        "Derived from",
        "The programme record the input is taken from (leaves only), e.g. the plan's"
        " completion rate; none: entered by the unit.",
        "nguồn số liệu",
        default=None,
    )
    children: tuple[Node, ...] = describe(
        "Children", "Sub-criteria.", "tiêu chí thành phần", default=()
    )
    source: Symbol | None = describe(
        "Source", "Instrument the node comes from.", "nguồn", default=None
    )
    verified: bool = describe(
        "Verified", "False when the figures are not confirmed.", "đã kiểm chứng", default=True
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.children and self.rule is not None:
            raise ValueError(f"node {self.code} has children and a rule: only leaves are scored")
        if not self.children and self.rule is None:
            raise ValueError(f"leaf {self.code} has no rule")
        if self.children:
            total = sum((c.max_points for c in self.children), Decimal(0))
            if total != self.max_points:
                raise ValueError(
                    f"children of {self.code} sum to {total} points, not its maximum"
                    f" {self.max_points}"
                )
        elif self.rule is not None:
            _check_rule_points(self.code, self.rule, self.max_points)
        if self.derived_from is not None:
            rules = _DERIVED_RULES[self.derived_from]
            if not isinstance(self.rule, rules) or (
                isinstance(self.rule, TiersRule) and self.rule.on != "rate"
            ):
                kinds = ", ".join(r.model_fields["kind"].default for r in rules)
                raise ValueError(
                    f"leaf {self.code}: {self.derived_from} gives input for {kinds} rules,"
                    f" not {self.rule.kind if self.rule else 'no rule'}"
                )
        return self

    @property
    def is_leaf(self) -> bool:
        """Whether the node is scored by a rule (has no children)."""
        return not self.children

    @property
    def label_vi(self) -> str:
        """``"code. title"`` in Vietnamese."""
        return f"{self.code}. {self.title_vi}"

    @property
    def label_en(self) -> str:
        """``"code. title"`` in English (Vietnamese if no translation)."""
        return f"{self.code}. {self.title_en or self.title_vi}"

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first, in order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _check_rule_points(code: str, rule: Rule, maximum: Decimal) -> None:
    if isinstance(rule, TiersRule | CountTiersRule):
        for tier in rule.tiers:
            if tier.points is not None and tier.points > maximum:
                raise ValueError(
                    f"a tier of {code} gives {tier.points} points, above its maximum {maximum}"
                )


class Framework(Document, Titled):
    """An evaluation framework (bộ tiêu chí): one edition of an index."""

    type: Literal["framework"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="framework",
    )
    code: Code = describe("Code", "Stable identifier.", "mã bộ tiêu chí")
    title_vi: Text = describe("Title", "Title in Vietnamese.", "tên bộ tiêu chí")
    title_en: Text | None = describe(
        "Title (English)", "Title in English.", "tên tiếng Anh", default=None
    )
    edition: Symbol = describe(
        "Edition", "Symbol of the instrument that sets this edition.", "văn bản ban hành"
    )
    unit_kinds: tuple[UnitKind, ...] = describe(
        "Unit kinds",
        "Kinds of administrative unit it assesses.",
        "đối tượng (đơn vị hành chính)",
        default=(),
    )
    agency_kinds: tuple[AgencyKind, ...] = describe(
        "Agency kinds", "Kinds of agency it assesses.", "đối tượng (cơ quan)", default=()
    )
    max_points: Number = describe(
        "Maximum points", "Sum of the areas' maxima (often 100).", "tổng điểm tối đa", gt=0
    )
    places: int = describe(
        "Decimal places",
        "Points and index are quantised to this many.",
        "số chữ số thập phân",
        default=2,
        ge=0,
        le=6,
    )
    rounding: Rounding = describe(
        "Rounding", "How points and index are rounded.", "cách làm tròn", default="half-up"
    )
    bands: tuple[Band, ...] = describe(
        "Bands", "From the highest down; the last starts at 0.", "xếp loại", default=()
    )
    nodes: tuple[Node, ...] = describe(
        "Areas", "Top-level nodes (areas).", "lĩnh vực", min_length=1
    )
    illustrative: bool = describe(
        "Illustrative",
        "True for made-up frameworks used as examples.",
        "minh họa",
        default=False,
    )
    note: Text | None = describe(
        "Note", "Remarks, e.g. which parts are unverified.", "ghi chú", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        total = sum((n.max_points for n in self.nodes), Decimal(0))
        if total != self.max_points:
            raise ValueError(f"areas sum to {total} points, not the framework's {self.max_points}")
        seen: set[str] = set()
        for node in self.walk():
            if node.code in seen:
                raise ValueError(f"node code {node.code!r} appears more than once")
            seen.add(node.code)
            if self.quantize(node.max_points) != node.max_points:
                raise ValueError(
                    f"node {node.code}: maximum {node.max_points} has more than the framework's"
                    f" {self.places} decimal places"
                )
        _check_bands(self.bands)
        return self

    def quantize(self, value: Decimal | Fraction) -> Decimal:
        """``value`` rounded to the framework's places with its rounding mode, exactly.

        The value may be a fraction (a rate divided by a target, points over a maximum):
        it is rounded once, from its exact value, never from a rounded intermediate.

        >>> from fractions import Fraction
        >>> from cchc import datasets
        >>> datasets.framework("illustrative-district").quantize(Fraction(2, 3))
        Decimal('0.67')
        """
        exact = Fraction(value) * 10**self.places
        return Decimal(round_fraction(exact, self.rounding)).scaleb(-self.places)

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, in order."""
        for node in self.nodes:
            yield from node.walk()

    def leaves(self) -> tuple[Node, ...]:
        """The scored criteria, in order."""
        return tuple(n for n in self.walk() if n.is_leaf)

    def node(self, code: str) -> Node:
        """The node with ``code``.

        Raises:
            NotFoundError: The framework has no such node.
        """
        for node in self.walk():
            if node.code == code:
                return node
        raise NotFoundError(f"criterion of framework {self.code}", code)

    def band_for(self, index: Decimal) -> Band | None:
        """The band of an index (``None`` when the framework has no bands)."""
        for band in self.bands:
            if index >= band.min_index:
                return band
        return None


def _check_bands(bands: tuple[Band, ...]) -> None:
    if not bands:
        return
    codes = [b.code for b in bands]
    if len(set(codes)) != len(codes):
        raise ValueError(f"band codes repeat: {codes}")
    lows = [b.min_index for b in bands]
    if lows != sorted(set(lows), reverse=True):
        raise ValueError(f"bands must go from the highest minimum down, without repeats: {lows}")
    if lows[-1] != 0:
        raise ValueError(
            f"the lowest band must start at 0 so every index has a band, not {lows[-1]}"
        )
