"""Scoring one assessment: a :class:`ScoreCard` that explains every point.

>>> from cchc import datasets, score
>>> framework = datasets.framework("illustrative-district")
>>> round_ = datasets.assessment_round("huong-son-communes-2024")
>>> card = score(framework, round_.assessments[0])
>>> card.unit, card.total <= card.applicable_max
('pho-chau', True)
>>> from fractions import Fraction
>>> card.index == framework.quantize(Fraction(card.total) * 100 / Fraction(card.applicable_max))
True
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs

from cchc._display import Column, block, data_frame, html_table, paragraph
from cchc.documents.assessment import Assessment
from cchc.documents.framework import Framework, Node
from cchc.errors import ScoringError
from cchc.scoring._rules import check_envelope, check_points, evaluate
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Loss", "NodeScore", "ScoreCard", "score"]

CountedFrom = Literal["appraisal", "rule"]
_ZERO = Decimal(0)


@attrs.frozen
class NodeScore:
    """Points of one node of the tree.

    Attributes:
        code: The node's code.
        depth: 0 for areas, 1 for their criteria…
        points: Points that counted (0 when not applicable).
        max_points: The node's maximum.
        applicable_max: The maximum of its applicable leaves (what the index divides by).
        applicable: False when every leaf below (or the leaf itself) does not apply.
        self_points: Points the unit claimed (leaves: given, or else what the rule gives).
        appraised_points: The appraiser's points, when appraised (leaves only).
        counted_from: ``"appraisal"`` or ``"rule"`` for leaves; ``None`` for inner nodes.
    """

    code: str
    depth: int
    points: Decimal
    max_points: Decimal
    applicable_max: Decimal
    applicable: bool
    self_points: Decimal | None = None
    appraised_points: Decimal | None = None
    counted_from: CountedFrom | None = None

    @property
    def self_minus_appraised(self) -> Decimal | None:
        """Self-assessed minus appraised points (positive: the unit over-scored itself)."""
        if self.self_points is None or self.appraised_points is None:
            return None
        return self.self_points - self.appraised_points


@attrs.frozen
class Loss:
    """Points a criterion did not earn, and why."""

    criterion: str
    title_vi: str
    title_en: str
    rule: str
    input: object
    points: Decimal
    max_points: Decimal
    reason_vi: str
    reason_en: str

    @property
    def lost(self) -> Decimal:
        """Points below the maximum."""
        return self.max_points - self.points

    def explain(self, lang: Lang = "vi") -> str:
        """One line: criterion, points lost, reason."""
        if lang == "vi":
            return f"{self.criterion} {self.title_vi}: mất {self.lost} điểm — {self.reason_vi}"
        return f"{self.criterion} {self.title_en}: lost {self.lost} points — {self.reason_en}"


@attrs.frozen
class ScoreCard:
    """An assessment scored under a framework.

    Attributes:
        framework: Code of the framework.
        unit: The assessed unit.
        year: The year assessed.
        nodes: Every node's score, depth first, in framework order.
        total: Points obtained (sum of the applicable leaves' counted points).
        applicable_max: Maximum of the applicable leaves.
        index: ``total / applicable_max × 100``, quantised per the framework.
        band: Code of the band of the index (``None`` without bands).
        losses: Every applicable leaf that did not earn its maximum, with the reason.
    """

    framework: str
    unit: str
    year: int
    nodes: tuple[NodeScore, ...]
    total: Decimal
    applicable_max: Decimal
    index: Decimal
    band: str | None
    losses: tuple[Loss, ...]

    def node(self, code: str) -> NodeScore:
        """The score of node ``code``."""
        for node in self.nodes:
            if node.code == code:
                return node
        raise KeyError(code)

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per node, ready for ``pandas.DataFrame``."""
        return [{"unit": self.unit, "year": self.year, **attrs.asdict(n)} for n in self.nodes]

    def explain(self, lang: Lang = "vi") -> str:
        """The index, the band, and every point lost, one line each."""
        head = (
            f"{self.unit} ({self.year}): {self.total}/{self.applicable_max} điểm,"
            f" chỉ số {self.index}, xếp loại {self.band or '—'}"
            if lang == "vi"
            else f"{self.unit} ({self.year}): {self.total}/{self.applicable_max} points,"
            f" index {self.index}, band {self.band or '—'}"
        )
        return "\n".join([head, *(f"- {loss.explain(lang)}" for loss in self.losses)])

    def to_pandas(self, *, exact: bool = False) -> pd.DataFrame:
        """:meth:`records` as a ``pandas.DataFrame`` (requires the ``dataframe`` extra).

        Args:
            exact: Keep points as :class:`~decimal.Decimal` instead of floats.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        columns = ["unit", "year", *(f.name for f in attrs.fields(NodeScore))]
        return data_frame(self.records(), columns=columns, exact=exact)

    def _repr_html_(self) -> str:
        """The card as HTML, for notebooks: summary, every node, the points lost."""
        summary = (
            f"Điểm / Points: {self.total}/{self.applicable_max} · Chỉ số / Index: {self.index}"
            f" · Xếp loại / Band: {self.band or '—'}"
        )
        nodes = html_table(
            _NODE_COLUMNS,
            [
                [
                    "\u2003" * n.depth + n.code,
                    n.points if n.applicable else None,
                    n.max_points,
                    n.self_points,
                    n.appraised_points,
                    {"appraisal": "thẩm định", "rule": "quy tắc"}.get(n.counted_from or ""),
                ]
                for n in self.nodes
            ],
        )
        losses = (
            html_table(
                _LOSS_COLUMNS,
                [[x.criterion, x.title_vi, x.lost, x.reason_vi] for x in self.losses],
                caption="Điểm bị mất / Points lost",
            )
            if self.losses
            else ""
        )
        title = f"{self.unit} — {self.year} ({self.framework})"
        return block(paragraph(title, strong=True), paragraph(summary), nodes, losses)


_NODE_COLUMNS = (
    Column("Mã", "Code"),
    Column("Điểm", "Points", numeric=True),
    Column("Tối đa", "Max", numeric=True),
    Column("Tự chấm", "Self-assessed", numeric=True),
    Column("Thẩm định", "Appraised", numeric=True),
    Column("Tính theo", "Counted from"),
)
_LOSS_COLUMNS = (
    Column("Tiêu chí", "Criterion"),
    Column("Nội dung", "Title"),
    Column("Mất", "Lost", numeric=True),
    Column("Lý do", "Reason"),
)


def score(framework: Framework, assessment: Assessment) -> ScoreCard:
    """Score ``assessment`` under ``framework``, exactly, explaining every point lost.

    Each leaf's points come from its rule applied to the input, quantised per the
    framework; an appraisal, where there is one, replaces them. Inner nodes add up
    their children. Leaves whose input is ``None`` do not apply: they leave both the
    points and the maximum.

    Raises:
        ScoringError: The assessment is of another framework or edition, lacks an input
            for a leaf, has inputs or appraisals for unknown criteria, an input of the
            wrong kind, points above a maximum, or no applicable criterion.
    """
    unit = assessment.unit
    check_envelope(framework, assessment, {leaf.code: leaf for leaf in framework.leaves()})
    scores: list[NodeScore] = []
    losses: list[Loss] = []
    for node in framework.nodes:
        _score_node(framework, assessment, node, 0, scores, losses)
    areas = [s for s in scores if s.depth == 0]
    total = sum((a.points for a in areas), _ZERO)
    applicable_max = sum((a.applicable_max for a in areas), _ZERO)
    if applicable_max == 0:
        raise ScoringError(unit, None, "no criterion applies: the index is undefined")
    index = framework.quantize(Fraction(total) * 100 / Fraction(applicable_max))
    band = framework.band_for(index)
    return ScoreCard(
        framework=framework.code,
        unit=unit,
        year=assessment.year,
        nodes=tuple(scores),
        total=total,
        applicable_max=applicable_max,
        index=index,
        band=band.code if band else None,
        losses=tuple(losses),
    )


def _score_node(  # noqa: PLR0917 - a private recursion carrying its accumulators
    framework: Framework,
    assessment: Assessment,
    node: Node,
    depth: int,
    scores: list[NodeScore],
    losses: list[Loss],
) -> NodeScore:
    if node.is_leaf:
        result = _score_leaf(framework, assessment, node, depth, losses)
        scores.append(result)
        return result
    position = len(scores)
    scores.append(NodeScore(node.code, depth, _ZERO, node.max_points, _ZERO, False))
    children = [
        _score_node(framework, assessment, child, depth + 1, scores, losses)
        for child in node.children
    ]
    result = NodeScore(
        code=node.code,
        depth=depth,
        points=sum((c.points for c in children), _ZERO),
        max_points=node.max_points,
        applicable_max=sum((c.applicable_max for c in children), _ZERO),
        applicable=any(c.applicable for c in children),
    )
    scores[position] = result
    return result


def _score_leaf(
    framework: Framework, assessment: Assessment, node: Node, depth: int, losses: list[Loss]
) -> NodeScore:
    unit = assessment.unit
    if node.code not in assessment.inputs:
        raise ScoringError(unit, node.code, "no input: give a value, or null if it does not apply")
    value = assessment.inputs[node.code]
    appraisal = assessment.appraisals.get(node.code)
    claimed = assessment.self_points.get(node.code)
    if value is None:
        if not node.may_be_not_applicable:
            raise ScoringError(unit, node.code, "declared not applicable, which it may not be")
        if appraisal is not None or claimed is not None:
            raise ScoringError(
                unit, node.code, "points given for a criterion declared not applicable"
            )
        return NodeScore(node.code, depth, _ZERO, node.max_points, _ZERO, False)
    outcome = evaluate(framework, node, value, unit=unit, year=assessment.year)
    computed = framework.quantize(outcome.points)
    appraised = appraisal.points if appraisal is not None else None
    for what, points in (("self-assessed", claimed), ("appraised", appraised)):
        if points is not None:
            check_points(framework, node, points, what, unit)
    # Points are written with the framework's places, whoever gave them (5 → 5.00).
    counted = framework.quantize(appraisal.points) if appraisal is not None else computed
    if counted < node.max_points:
        reason_vi, reason_en = outcome.reason_vi, outcome.reason_en
        if appraisal is not None and appraisal.points != computed:
            why = appraisal.reason or "—"
            reason_vi = f"thẩm định {appraisal.points} điểm (lý do: {why}); {reason_vi}"
            reason_en = f"appraised at {appraisal.points} (reason: {why}); {reason_en}"
        rule = node.rule.kind if node.rule is not None else ""
        losses.append(
            Loss(
                node.code,
                node.title_vi,
                node.title_en or node.title_vi,
                rule,
                value,
                counted,
                node.max_points,
                reason_vi,
                reason_en,
            )
        )
    return NodeScore(
        code=node.code,
        depth=depth,
        points=counted,
        max_points=node.max_points,
        applicable_max=node.max_points,
        applicable=True,
        self_points=claimed if claimed is not None else computed,
        appraised_points=appraisal.points if appraisal is not None else None,
        counted_from="appraisal" if appraisal is not None else "rule",
    )
