"""Laws every framework and scoring rule must obey, to run on your own frameworks.

Requires hypothesis (``pip install "cchc[testing]"``).

Each ``check_*`` function raises ``AssertionError`` with a plain explanation when a
law fails; :func:`law_suite` bundles them into one Hypothesis test over assessments
drawn to fit your framework:

>>> from cchc import datasets
>>> from cchc.testing.laws import law_suite
>>> test_district_framework = law_suite(datasets.framework("illustrative-district"),
...                                     max_examples=5)
>>> test_district_framework()  # passes silently; pytest collects it like any test
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.documents import Assessment, Document, Framework, InputValue, Node
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    ProportionalRule,
    SurveyRule,
    TargetRule,
    TiersRule,
    TimelinessRule,
)
from cchc.io import dumps, loads
from cchc.scoring import score, score_round
from cchc.scoring._rules import evaluate
from cchc.testing._scoring_strategies import assessments, inputs_for

__all__ = [
    "check_bands_continuous",
    "check_monotone",
    "check_not_applicable",
    "check_ranking_order_independent",
    "check_round_trip",
    "check_score_laws",
    "direction",
    "law_suite",
]


def check_score_laws(framework: Framework, assessment: Assessment) -> None:
    """Bounds and conservation laws of one score card.

    0 ≤ points ≤ max everywhere, parents sum their children, the total sums the areas,
    the index is points / applicable maximum × 100 quantised, and the band is the one
    the index falls in.
    """
    card = score(framework, assessment)
    by_code = {n.code: n for n in card.nodes}
    for node in framework.walk():
        got = by_code[node.code]
        _require(
            0 <= got.points <= got.applicable_max <= node.max_points,
            (
                f"{node.code}: points {got.points}, applicable max {got.applicable_max},"
                f" max {node.max_points}"
            ),
        )
        if node.children:
            children = [by_code[c.code] for c in node.children]
            _require(
                got.points == sum((c.points for c in children), Decimal(0)),
                (f"{node.code}: {got.points} is not the sum of its children's points"),
            )
            _require(got.applicable_max == sum((c.applicable_max for c in children), Decimal(0)))
    areas = [by_code[n.code] for n in framework.nodes]
    _require(
        card.total == sum((a.points for a in areas), Decimal(0)), "total is not the areas' sum"
    )
    _require(
        card.index == framework.quantize(Fraction(card.total) * 100 / Fraction(card.applicable_max))
    )
    _require(0 <= card.index <= 100, f"index {card.index} outside [0, 100]")
    band = framework.band_for(card.index)
    _require(card.band == (band.code if band else None), f"index {card.index} in the wrong band")


def check_not_applicable(framework: Framework, assessment: Assessment, criterion: str) -> None:
    """Declaring ``criterion`` not applicable removes its points and maximum, nothing else."""
    node = framework.node(criterion)
    if not (node.is_leaf and node.may_be_not_applicable):
        return
    before = score(framework, assessment)
    inputs = {**assessment.inputs, criterion: None}
    self_points = {k: v for k, v in assessment.self_points.items() if k != criterion}
    appraisals = {k: v for k, v in assessment.appraisals.items() if k != criterion}
    changed = assessment.model_copy(
        update={"inputs": inputs, "self_points": self_points, "appraisals": appraisals}
    )
    if all(v is None for v in inputs.values()):
        return  # nothing would apply: the index is undefined
    after = score(framework, changed)
    old = before.node(criterion)
    _require(after.applicable_max == before.applicable_max - old.applicable_max)
    _require(after.total == before.total - old.points)
    for a, b in zip(before.nodes, after.nodes, strict=True):
        if a.code != criterion and framework.node(a.code).is_leaf:
            _require(a.points == b.points, f"N/A of {criterion} changed {a.code}")


def _require(condition: bool, message: str = "law broken") -> None:
    """Raise ``AssertionError`` with ``message`` unless ``condition`` (kept under ``-O``)."""
    if not condition:
        raise AssertionError(message)


def direction(node: Node) -> int | None:
    """The way a leaf's rule moves with its input.

    +1 if it gives more points for a larger input, −1 for a smaller one (counts of
    deductions, later dates), ``None`` if the rule as configured is not monotone.
    """
    rule = node.rule
    if isinstance(rule, ProportionalRule | TargetRule | SurveyRule | ManualRule):
        return 1
    if isinstance(rule, BinaryRule):
        return 1 if rule.when_true >= rule.when_false else None
    if isinstance(rule, TiersRule | CountTiersRule):
        shares = [
            t.points / node.max_points if t.points is not None and node.max_points else t.fraction
            for t in rule.tiers
        ]
        floor = rule.otherwise if isinstance(rule, TiersRule) else Decimal(0)
        ordered = all(a is not None and b is not None and a >= b
                      for a, b in zip(shares, [*shares[1:], floor], strict=True))  # fmt: skip
        return 1 if ordered else None
    if isinstance(rule, DeductionRule):
        return -1
    if isinstance(rule, TimelinessRule):
        return -1 if rule.on_time >= rule.late else None
    return None


def check_monotone(
    framework: Framework, node: Node, lower: InputValue, higher: InputValue, *, year: int = 2024
) -> None:
    """For a monotone rule, the larger input never earns fewer points (or more, for −1)."""
    sign = direction(node)
    if sign is None or lower is None or higher is None or "missing" in (lower, higher):
        return
    a = framework.quantize(evaluate(framework, node, lower, unit="law", year=year).points)
    b = framework.quantize(evaluate(framework, node, higher, unit="law", year=year).points)
    _require((b - a) * sign >= 0, f"{node.code}: {lower!r} → {a} but {higher!r} → {b}")


def check_ranking_order_independent(
    framework: Framework, items: Sequence[Assessment], seed: int = 0
) -> None:
    """Ranking the same assessments in another order gives the same rows."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)  # noqa: S311 - a reproducible shuffle, not secrets
    _require(score_round(framework, items).rows == score_round(framework, shuffled).rows)


def check_bands_continuous(framework: Framework) -> None:
    """Every index from 0 to 100 falls in exactly one band, bands ordered by merit."""
    if not framework.bands:
        return
    step = Decimal(1).scaleb(-framework.places)
    bounds = [b.min_index for b in framework.bands]
    for low in bounds:
        for value in (low - step, low, low + step):
            if 0 <= value <= 100:
                band = framework.band_for(value)
                _require(band is not None and band.min_index <= value, f"index {value}: {band}")
    _require(framework.band_for(Decimal(0)) is not None, "index 0 has no band")


def check_round_trip(document: Document) -> None:
    """Writing the document to JSON and reading it back gives it unchanged."""
    _require(loads(dumps(document)) == document)
    _require(loads(dumps(document, format="yaml"), format="yaml") == document)


def law_suite(framework: Framework, *, max_examples: int = 50) -> Callable[[], None]:
    """One Hypothesis test that runs every law on assessments that fit ``framework``."""
    leaves = framework.leaves()
    monotone = [leaf for leaf in leaves if direction(leaf) is not None]
    check_bands_continuous(framework)
    check_round_trip(framework)

    @settings(max_examples=max_examples, deadline=None)
    @given(st.lists(assessments(framework), min_size=1, max_size=4, unique_by=lambda a: a.unit),
           st.data())  # fmt: skip
    def test_framework_laws(items: list[Assessment], data: st.DataObject) -> None:
        for assessment in items:
            check_score_laws(framework, assessment)
            check_not_applicable(framework, assessment, data.draw(st.sampled_from(leaves)).code)
        check_ranking_order_independent(framework, items, seed=data.draw(st.integers(0, 99)))
        if monotone:
            leaf = data.draw(st.sampled_from(monotone))
            pair = sorted(data.draw(st.lists(inputs_for(leaf), min_size=2, max_size=2)),
                          key=_order_key)  # fmt: skip
            check_monotone(framework, leaf, pair[0], pair[1])

    return test_framework_laws


def _order_key(value: InputValue) -> tuple[int, object]:
    if value is None or isinstance(value, str):
        return (1, 0)
    return (0, value)
