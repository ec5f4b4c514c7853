"""Strategies for frameworks, assessments that fit them, and rounds. Requires hypothesis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from hypothesis import strategies as st

from cchc.documents import (
    Appraisal,
    Assessment,
    AssessmentRound,
    Band,
    Framework,
    InputValue,
    Node,
)
from cchc.documents.rules import (
    BinaryRule,
    CountTier,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    ProportionalRule,
    Rule,
    SurveyRule,
    TargetRule,
    Tier,
    TiersRule,
    TimelinessRule,
)
from cchc.scoring._rules import evaluate

__all__ = ["assessment_rounds", "assessments", "frameworks", "inputs_for", "rules"]

_FRACTIONS = st.decimals(0, 1, places=2)


def _maxima(places: int) -> st.SearchStrategy[Decimal]:
    """A leaf's maximum, written with up to ``places`` decimals, as frameworks write "10"."""
    return st.integers(0, places).flatmap(
        lambda written: st.decimals(
            min_value=Decimal(1).scaleb(-written), max_value=10, places=written
        )
    )


@st.composite
def rules(draw: st.DrawFn, *, max_points: Decimal = Decimal(1)) -> Rule:
    """A rule valid for a leaf worth ``max_points``. Requires hypothesis."""
    kind = draw(st.sampled_from(range(9)))
    if kind == 0:
        return BinaryRule(when_true=draw(_FRACTIONS), when_false=draw(_FRACTIONS))
    if kind == 1:
        on: Literal["rate", "value"] = draw(st.sampled_from(["rate", "value"]))
        top = Decimal(1) if on == "rate" else Decimal(100)
        thresholds = sorted(
            draw(st.sets(st.decimals(0, top, places=2), min_size=1, max_size=3)), reverse=True
        )
        # Each threshold inclusive (≥ t), exclusive (> t), or both: "> t" then "≥ t".
        conditions = [
            (t, inclusive)
            for t in thresholds
            for inclusive in draw(st.sampled_from([(True,), (False,), (False, True)]))
        ]
        shares = sorted((draw(_FRACTIONS) for _ in conditions), reverse=True)
        tiers = tuple(
            Tier(threshold=t, inclusive=inclusive, fraction=f)
            for (t, inclusive), f in zip(conditions, shares, strict=True)
        )
        return TiersRule(on=on, tiers=tiers, otherwise=Decimal(0))
    if kind == 2:
        counts = sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=3)), reverse=True)
        shares = sorted((draw(_FRACTIONS) for _ in counts), reverse=True)
        return CountTiersRule(
            tiers=tuple(
                CountTier(at_least=c, fraction=f) for c, f in zip(counts, shares, strict=True)
            )
        )
    if kind == 3:
        return ProportionalRule()
    if kind == 4:
        return TargetRule(target=draw(st.decimals(Decimal("0.1"), 1, places=2)))
    if kind == 5:
        return DeductionRule(per_event=draw(st.decimals(Decimal("0.25"), 2, places=2)))
    if kind == 6:
        return TimelinessRule(
            month=draw(st.integers(1, 12)), day=draw(st.integers(1, 28)),
            year_offset=draw(st.integers(-1, 0)), late=draw(_FRACTIONS),
        )  # fmt: skip
    if kind == 7:
        return SurveyRule()
    del max_points
    return ManualRule()


@st.composite
def _node(draw: st.DrawFn, code: str, depth: int, max_depth: int, places: int) -> Node:
    if depth >= max_depth or draw(st.booleans()):
        maximum = draw(_maxima(places))
        return Node(
            code=code, title_vi=f"Tiêu chí {code}", max_points=maximum,
            may_be_not_applicable=draw(st.booleans()), rule=draw(rules(max_points=maximum)),
        )  # fmt: skip
    count = draw(st.integers(1, 3))
    children = tuple(
        draw(_node(f"{code}.{i + 1}", depth + 1, max_depth, places)) for i in range(count)
    )
    total = sum((c.max_points for c in children), Decimal(0))
    return Node(code=code, title_vi=f"Lĩnh vực {code}", max_points=total, children=children)


@st.composite
def frameworks(
    draw: st.DrawFn,
    *,
    areas: st.SearchStrategy[int] = st.integers(1, 4),
    max_depth: st.SearchStrategy[int] = st.integers(1, 3),
    places: st.SearchStrategy[int] = st.integers(0, 3),
) -> Framework:
    """Frameworks whose maxima add up, with a rule on every leaf and continuous bands.

    Requires hypothesis.
    """
    depth = draw(max_depth)
    digits = draw(places)
    nodes = tuple(draw(_node(str(i + 1), 1, depth, digits)) for i in range(draw(areas)))
    lows = sorted(draw(st.sets(st.integers(1, 99), max_size=4)), reverse=True)
    bands = tuple(
        Band(code=f"b{i}", label_vi=f"Mức {i}", label_en=f"Level {i}", min_index=Decimal(low))
        for i, low in enumerate([*lows, 0])
    )
    return Framework(
        code="fw", title_vi="Bộ tiêu chí", edition="1/QĐ-UBND",
        max_points=sum((n.max_points for n in nodes), Decimal(0)),
        places=digits, rounding=draw(st.sampled_from(["half-up", "half-even", "down", "up"])),
        bands=bands, nodes=nodes,
    )  # fmt: skip


def inputs_for(node: Node, *, year: int = 2024) -> st.SearchStrategy[InputValue]:
    """Valid, applicable inputs for a leaf's rule. Requires hypothesis."""
    rule = node.rule
    rates = st.decimals(0, 1, places=4)
    if isinstance(rule, BinaryRule):
        return st.booleans()
    if isinstance(rule, TiersRule):
        return rates if rule.on == "rate" else st.decimals(-50, 150, places=2)
    if isinstance(rule, ProportionalRule | TargetRule):
        return rates
    if isinstance(rule, CountTiersRule | DeductionRule):
        return st.integers(0, 12)
    if isinstance(rule, TimelinessRule):
        deadline = rule.deadline(year)
        days = st.integers(-60, 60).map(lambda n: deadline + dt.timedelta(days=n))
        return st.one_of(days, st.just("missing"))
    if isinstance(rule, SurveyRule):
        return st.decimals(0, 100, places=2)
    return st.decimals(0, node.max_points, places=2)


@st.composite
def assessments(
    draw: st.DrawFn,
    framework: Framework,
    *,
    units: st.SearchStrategy[str] = st.from_regex(r"\A[a-z][a-z0-9-]{0,8}\Z"),
    year: int = 2024,
) -> Assessment:
    """Assessments that fit ``framework``: an input for every leaf, points within maxima.

    Requires hypothesis.
    """
    unit = draw(units)
    inputs: dict[str, InputValue] = {}
    self_points: dict[str, Decimal] = {}
    appraisals: dict[str, Appraisal] = {}
    leaves = framework.leaves()
    applicable_somewhere = False
    for index, leaf in enumerate(leaves):
        last_chance = index == len(leaves) - 1 and not applicable_somewhere
        if leaf.may_be_not_applicable and not last_chance and draw(st.booleans()):
            inputs[leaf.code] = None
            continue
        applicable_somewhere = True
        value = draw(inputs_for(leaf, year=year))
        inputs[leaf.code] = value
        computed = framework.quantize(evaluate(framework, leaf, value, unit=unit, year=year).points)
        points = st.decimals(0, leaf.max_points, places=framework.places)
        if draw(st.booleans()):
            self_points[leaf.code] = draw(st.one_of(st.just(computed), points))
        if draw(st.integers(0, 3)) == 0:
            appraisals[leaf.code] = Appraisal(points=draw(points), reason="Điều chỉnh")
    return Assessment(
        unit=unit, year=year, framework=framework.code, edition=framework.edition,
        inputs=inputs, self_points=self_points, appraisals=appraisals,
    )  # fmt: skip


@st.composite
def assessment_rounds(
    draw: st.DrawFn,
    *,
    frameworks: st.SearchStrategy[Framework] = frameworks(),
    max_units: int = 6,
) -> tuple[Framework, AssessmentRound]:
    """A framework and a round of assessments of distinct units under it.

    Requires hypothesis.
    """
    framework = draw(frameworks)
    codes = draw(st.lists(st.from_regex(r"\A[a-z][a-z0-9]{0,6}\Z"), min_size=1,
                          max_size=max_units, unique=True))  # fmt: skip
    items = tuple(draw(assessments(framework, units=st.just(code))) for code in codes)
    return framework, AssessmentRound(
        code="round", framework=framework.code, edition=framework.edition, year=2024,
        assessments=items,
    )  # fmt: skip
