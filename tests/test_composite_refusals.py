"""Bad input is a located CompositeError: never a builtin error from deep inside, nor silence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from cchc.composite import (
    ByColumn,
    ByGroup,
    ByRow,
    CompositeError,
    CompositeSpec,
    Goalposts,
    IndexTree,
    IndicatorData,
    MinMax,
    Node,
    UncertaintyDesign,
    UncertaintySpace,
    Winsorise,
    ZScore,
    build_index,
    correlations,
    cronbach_alpha,
    uncertainty,
)
from cchc.composite._impute import impute
from cchc.composite._normalise import normalise_column
from cchc.composite._treat import treat_column

TREE = IndexTree.from_groups({"G": ["a", "b"]})
DATA = IndicatorData(
    [f"u{i}" for i in range(6)], ["a", "b"], [[1, 2], [2, np.nan], [3, 1], [4, 5], [5, 9], [6, 2]]
)


def bad(value: object) -> Any:
    """A value of the wrong type, passed on purpose (hidden from the type checker)."""
    return value


def _build(**spec: Any) -> object:
    return build_index(DATA, TREE, CompositeSpec(**spec))


CASES: list[tuple[str, Callable[[], object], str]] = [
    (
        "a cell that is not a number",
        lambda: IndicatorData(["x"], ["a"], [["abc"]]),
        r"^unit x, node a: row 1, column 1: not a number \(value 'abc'\)$",
    ),
    (
        "ragged rows",
        lambda: IndicatorData(["x", "y"], ["a", "b"], [[1, 2], [3]]),
        r"^unit y: row 2 has 1 values but row 1 has 2$",
    ),
    (
        "an extra column that is not numeric",
        lambda: IndicatorData(["x"], ["a"], [[1.0]], extra={"Time": bad(["2024a"])}),
        r"^unit x: column Time, row 1: not a number \(value '2024a'\)$",
    ),
    (
        "a group label that is not text",
        lambda: IndicatorData(["x"], ["a"], [[1.0]], groups={"g": bad([3])}),
        r"group column g, row 1: a label is text or None",
    ),
    (
        "a weight given as text",
        lambda: Node("a", 1, "G", weight=bad("1")),
        r"^node a: weight must be a number \(value '1'\)$",
    ),
    (
        "a weight of None",
        lambda: Node("a", 1, "G", weight=bad(None)),
        r"^node a: weight must be a number$",
    ),
    (
        "a level given as text",
        lambda: Node("a", bad("1"), "G"),
        r"node a: level must be a whole number",
    ),
    (
        "a root that is an indicator",
        lambda: IndexTree([Node("a", 1, None)]),
        r"^node a: the root \(the index\) must be an aggregate",
    ),
    (
        "imputation as text",
        lambda: _build(imputation="mean"),
        r"imputation must be ByColumn, ByGroup",
    ),
    (
        "treatment as text",
        lambda: _build(treatment="winsorise"),
        r"treatment must be Winsorise or None",
    ),
    (
        "normalisation as text",
        lambda: _build(normalisation="minmax"),
        r"normalisation must be MinMax, ZScore, RankScale, Goalposts or Unchanged",
    ),
    (
        "a normalisation exception as text",
        lambda: _build(normalisation_by_indicator={"a": "rank"}),
        r"normalisation_by_indicator\['a'\] must be MinMax",
    ),
    (
        "a level key given as text",
        lambda: _build(aggregation_by_level={"2": "geometric"}),
        r"aggregation_by_level: keys are levels",
    ),
    ("min_coverage as text", lambda: _build(min_coverage="0.5"), r"min_coverage must be a number"),
    (
        "index_digits of 2.5",
        lambda: _build(index_digits=2.5),
        r"index_digits must be a whole number",
    ),
    (
        "index_digits of True",
        lambda: _build(index_digits=True),
        r"index_digits must be a whole number",
    ),
    (
        "a misspelt statistic",
        lambda: ByColumn(bad("mode")),
        r"ByColumn.statistic must be one of 'mean'",
    ),
    (
        "a group statistic misspelt",
        lambda: ByGroup("g", bad("avg")),
        r"ByGroup.statistic must be one of",
    ),
    ("a row level of 1", lambda: ByRow(1), r"ByRow.level must be at least 2"),
    (
        "max_points below 0",
        lambda: Winsorise(max_points=-1),
        r"Winsorise.max_points must be at least 0",
    ),
    (
        "a negative skew limit",
        lambda: Winsorise(skew_limit=-1),
        r"Winsorise.skew_limit must be at least",
    ),
    (
        "log_fallback as text",
        lambda: Winsorise(log_fallback=bad("no")),
        r"log_fallback must be True or False",
    ),
    ("a min-max bound as text", lambda: MinMax("0", 1), r"MinMax.lower must be a finite number"),
    ("a goalpost of NaN", lambda: Goalposts(0, float("nan")), r"Goalposts.upper must be a finite"),
    ("a z-score sd as text", lambda: ZScore(sd="1"), r"ZScore.sd must be a finite number"),
    (
        "a saved design with replications as text",
        lambda: UncertaintyDesign.from_dict({"replications": "x"}),
        r"UncertaintyDesign.replications must be a whole number \(value 'x'\)",
    ),
    (
        "a saved design with ragged factors",
        lambda: UncertaintyDesign.from_dict(
            {"replications": 2, "weight_factors": {"Index": [[1, 1], [1]]}}
        ),
        r"^node Index: weight factors must be a replications x children table",
    ),
    (
        "a saved design that is a list",
        lambda: UncertaintyDesign.from_dict([1]),  # type: ignore[arg-type]
        r"a saved design is a mapping",
    ),
    (
        "a saved design with pipelines as text",
        lambda: UncertaintyDesign.from_dict({"replications": 2, "pipelines": "01"}),
        r"pipelines must be a list of whole numbers",
    ),
    (
        "a saved design with one mean as text",
        lambda: UncertaintyDesign.from_dict(
            {"replications": 9, "aggregations": {"Index": "geometric"}}
        ),
        r"node Index: aggregations: a list of means is expected",
    ),
    (
        "a saved design with an unknown key",
        lambda: UncertaintyDesign.from_dict({"replications": 1, "weights": {}}),
        r"unknown keys in a saved design: \['weights'\]",
    ),
    (
        "2.7 replications",
        lambda: UncertaintyDesign(bad(2.7)),
        r"replications must be a whole number",
    ),
    ("True replications", lambda: UncertaintyDesign(True), r"replications must be a whole number"),
    (
        "sampling -1 replications",
        lambda: UncertaintySpace({"Index": 0.2}).sample(TREE, -1, 1),
        r"replications must be a whole number, at least 1 \(value -1\)",
    ),
    (
        "weight noise as text",
        lambda: UncertaintySpace({"Index": bad("a")}),
        r"^node Index: weight noise must be a number",
    ),
    (
        "a pipeline that is not a spec",
        lambda: UncertaintySpace(pipelines=[bad("minmax")]),
        r"pipelines\[0\] must be a CompositeSpec",
    ),
    (
        "one level for correlations",
        lambda: correlations(build_index(DATA, TREE), (1,)),  # type: ignore[arg-type]
        r"levels must be two levels",
    ),
    (
        "a level given as text for correlations",
        lambda: correlations(build_index(DATA, TREE), ("1", 1)),  # type: ignore[arg-type]
        r"a level is a whole number from 1 to 3",
    ),
    (
        "an unknown dataset for alpha",
        lambda: cronbach_alpha(build_index(DATA, TREE), ["a", "b"], dataset="Raw"),  # type: ignore[arg-type]
        r"dataset must be one of raw, imputed",
    ),
    (
        "a 2-D column to normalise",
        lambda: normalise_column(np.ones((2, 2)), MinMax(), code="a"),
        r"node a: normalises one column, not a 2-D array",
    ),
    (
        "a normalisation that is not one",
        lambda: normalise_column(np.ones(2), "minmax"),  # type: ignore[arg-type]
        r"not a normalisation method",
    ),
    (
        "a treatment that is not one",
        lambda: treat_column(np.arange(6.0), "winsorise", code="a"),  # type: ignore[arg-type]
        r"node a: not an outlier treatment",
    ),
    (
        "an imputation that is not one",
        lambda: impute(DATA.table(), "mean", data=DATA, tree=TREE),  # type: ignore[arg-type]
        r"not an imputation policy",
    ),
    (
        "a top share of 0",
        lambda: uncertainty(build_index(DATA, TREE), UncertaintyDesign.nominal(TREE), top=0),
        r"top must be a whole number, at least 1",
    ),
]


@pytest.mark.parametrize(("label", "call", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_a_located_composite_error(
    label: str, call: Callable[[], object], message: str
) -> None:
    with pytest.raises(CompositeError, match=message):
        call()


def test_a_unit_whose_present_children_all_weigh_nothing_is_named() -> None:
    tree = IndexTree(
        [
            Node("a", 1, "G", weight=1),
            Node("b", 1, "G", weight=0),
            Node("G", 2, None, kind="aggregate"),
        ]
    )
    data = IndicatorData(["x", "y", "z"], ["a", "b"], [[np.nan, 1], [1, 2], [2, 3]])
    with pytest.raises(CompositeError, match=r"^unit x, node G: every child this unit has a score"):
        build_index(data, tree)
    # with a value for a, x has a score again: the weight-0 child just does not count
    full = IndicatorData(["x", "y", "z"], ["a", "b"], [[0, 1], [1, 2], [2, 3]])
    assert build_index(full, tree).index.tolist() == [0.0, 50.0, 100.0]


def test_a_replication_that_zeroes_a_units_only_weights_is_named() -> None:
    tree = IndexTree.from_groups({"G1": ["a"], "G2": ["b"]})
    data = IndicatorData(["x", "y", "z"], ["a", "b"], [[np.nan, 1], [1, 2], [2, 3]])
    result = build_index(data, tree)
    design = UncertaintyDesign(2, {"Index": [[1, 1], [1, 0]]})
    with pytest.raises(CompositeError, match=r"unit x, node Index: .* weight 0 in replication 2"):
        uncertainty(result, design)


def test_display_digits_are_checked_like_index_digits() -> None:
    result = build_index(DATA, TREE)
    with pytest.raises(CompositeError, match="digits must be a whole number from 0 to 15"):
        result.results_table(digits=bad(2.5))
    for row in result.results_table(digits=0):
        assert row.scores["Index"] == round(result.aggregated.value(row.unit, "Index"))
