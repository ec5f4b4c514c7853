"""The public namespace of cchc.composite, and errors that say what and where."""

from __future__ import annotations

import numpy as np
import pytest

import cchc.composite
from cchc.composite import (
    CompositeError,
    CompositeSpec,
    IndexTree,
    IndicatorData,
    MinMax,
    Node,
    ScoreTable,
    build_index,
)
from cchc.errors import CchcError

PUBLIC = [
    "Aggregation",
    "BandLike",
    "ByColumn",
    "ByGroup",
    "ByRow",
    "CoinrInputs",
    "CompositeError",
    "CompositeResult",
    "CompositeSpec",
    "CorrelationMethod",
    "Correlations",
    "Goalposts",
    "Imputation",
    "ImputationRecord",
    "IndexTree",
    "IndicatorData",
    "MetaRow",
    "MinMax",
    "Node",
    "NodeKind",
    "Normalisation",
    "RankScale",
    "ResultsRow",
    "ScoreTable",
    "SobolResult",
    "TreatmentRecord",
    "UncertaintyDesign",
    "UncertaintyResult",
    "UncertaintySpace",
    "Unchanged",
    "Winsorise",
    "ZScore",
    "build_index",
    "correlations",
    "cronbach_alpha",
    "read_coinr",
    "sobol_indices",
    "uncertainty",
    "write_coinr",
]


def test_the_public_names_are_pinned() -> None:
    assert cchc.composite.__all__ == PUBLIC
    assert all(hasattr(cchc.composite, name) for name in PUBLIC)
    # helpers are not part of the namespace any more (import them from their modules)
    for gone in ("AGGREGATIONS", "Treatment", "competition_ranks", "weighted_mean"):
        assert not hasattr(cchc.composite, gone)


def test_the_error_is_a_cchc_value_error() -> None:
    assert issubclass(CompositeError, CchcError)
    assert issubclass(CompositeError, ValueError)
    error = CompositeError("went wrong", node="LPI", unit="VNM", value=3)
    assert str(error) == "unit VNM, node LPI: went wrong (value 3)"
    assert (error.node, error.unit, error.value, error.code) == ("LPI", "VNM", 3, "composite")


@pytest.mark.parametrize(
    ("nodes", "message"),
    [
        (
            [Node("a", 1, "G"), Node("a", 1, "G"), Node("G", 2, None, kind="aggregate")],
            "node a: appears twice",
        ),
        (
            [Node("a", 1, "H"), Node("G", 2, None, kind="aggregate")],
            "node a: its parent is not an aggregate of the tree",
        ),
        (
            [Node("a", 1, "G"), Node("G", 3, None, kind="aggregate")],
            "node a: is at level 1 but its parent G is at level 3",
        ),
        (
            [Node("a", 1, "G", direction=2), Node("G", 2, None, kind="aggregate")],
            "node a: direction must be 1 or -1",
        ),
        (
            [Node("a", 1, "G", weight=-1), Node("G", 2, None, kind="aggregate")],
            "node a: weight must be finite",
        ),
        (
            [Node("a", 1, "G", weight=0), Node("G", 2, None, kind="aggregate")],
            "node G: every child has weight 0",
        ),
        ([Node("a", 1, None), Node("G", 2, None, kind="aggregate")], "exactly one root"),
        (
            [
                Node("a", 1, "G"),
                Node("G", 2, None, kind="aggregate"),
                Node("H", 2, None, kind="aggregate"),
            ],
            "exactly one root",
        ),
    ],
)
def test_trees_that_are_not_trees_are_refused(nodes: list[Node], message: str) -> None:
    with pytest.raises(CompositeError, match=message):
        IndexTree(nodes)


def test_data_problems_are_named_by_unit_and_indicator() -> None:
    with pytest.raises(CompositeError, match=r"unit y, node b: an infinite value \(1 in all\)"):
        IndicatorData(["x", "y"], ["a", "b"], [[1, 2], [3, np.inf]])
    with pytest.raises(CompositeError, match="unit x: listed twice"):
        IndicatorData(["x", "x"], ["a"], [[1], [2]])
    with pytest.raises(CompositeError, match="2 x 1 but there are 2 units and 2 indicators"):
        IndicatorData(["x", "y"], ["a", "b"], [[1], [2]])
    tree = IndexTree.from_groups({"G": ["a", "c", "d"]})
    data = IndicatorData(["x", "y"], ["a"], [[1], [2]])
    with pytest.raises(CompositeError, match=r"node c: the data has no column for 2 .*: c, d"):
        build_index(data, tree)
    with pytest.raises(CompositeError, match="node Q: no such column"):
        ScoreTable(["x"], ["a"], [[1.0]]).column("Q")
    with pytest.raises(CompositeError, match="unknown aggregation"):
        CompositeSpec(aggregation="median")  # type: ignore[arg-type]


def test_results_export_as_records_and_frames() -> None:
    tree = IndexTree.from_groups({"G1": ["a"], "G2": ["b"]})
    data = IndicatorData(["x", "y", "z"], ["a", "b"], [[1, np.nan], [2, 1], [3, 4]])
    result = build_index(data, tree)
    frame = result.aggregated.to_pandas()
    assert list(frame.columns) == ["a", "b", "G1", "G2", "Index"]
    assert result.aggregated.records()[0]["b"] is None
    assert result.index.tolist() == [0.0, 25.0, 100.0]
    assert result.rank("x") == 3
    assert result.rank("x", "G2") is None


def test_a_spec_naming_nodes_the_tree_lacks_is_refused() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b"]})
    data = IndicatorData(["x", "y"], ["a", "b"], [[1, 2], [2, 1]])
    with pytest.raises(CompositeError, match="node c: normalisation_by_indicator names it"):
        build_index(data, tree, CompositeSpec(normalisation_by_indicator={"c": MinMax()}))
    with pytest.raises(CompositeError, match="node a: aggregation_by_node names it"):
        build_index(data, tree, CompositeSpec(aggregation_by_node={"a": "geometric"}))
    with pytest.raises(CompositeError, match="levels 2 to 3"):
        build_index(data, tree, CompositeSpec(aggregation_by_level={4: "geometric"}))
