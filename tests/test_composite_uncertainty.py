"""Monte-Carlo uncertainty and Sobol sensitivity.

The numpy reference's dumped design (../shared/bench/uncertainty_reference.py, skipped
without it), replay, zero-width designs, bands, Sobol indices.
"""

from __future__ import annotations

import itertools
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _composite_helpers import reference_inputs
from _shared import bench_reference
from cchc.composite import (
    Aggregation,
    ByColumn,
    CompositeError,
    CompositeResult,
    CompositeSpec,
    IndexTree,
    IndicatorData,
    MinMax,
    UncertaintyDesign,
    UncertaintySpace,
    build_index,
    sobol_indices,
    uncertainty,
)
from cchc.composite._montecarlo import simulate
from cchc.composite._ranks import competition_ranks
from cchc.documents.framework import Band
from cchc.testing.strategies import composite_indices

POSITIVE = CompositeSpec(normalisation=MinMax(1, 100))


@pytest.fixture(scope="module")
def dumped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    reference = bench_reference("uncertainty_reference")
    if reference is None:
        pytest.skip("uncertainty_reference.py not found (set CCHC_BENCH_REFERENCES)")
    workload = reference.make_workload(300, 200)
    path = tmp_path_factory.mktemp("reference") / "out.json"
    reference.dump(workload, reference.run(workload), str(path))
    loaded: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return loaded


def test_the_reference_design_gives_the_reference_ranks(dumped: dict[str, Any]) -> None:
    data, tree, design = reference_inputs(dumped)
    result = build_index(data, tree, POSITIVE)
    found = uncertainty(result, design)
    expected = [u["expected"] for u in dumped["units"]]
    # The reference's index sums in another order; no two of these 300 units are within
    # 1e-9 of each other, so every rank must be identical.
    for name, got in [
        ("nominal_rank", found.nominal_rank),
        ("median_rank", found.median_rank),
        ("p05_rank", found.p05_rank),
        ("p95_rank", found.p95_rank),
    ]:
        assert got.tolist() == [e[name] for e in expected], name
    assert found.top == 30
    assert found.top_share.tolist() == [e["top_decile_share"] for e in expected]


def test_a_design_replays_to_the_same_bits_through_json(dumped: dict[str, Any]) -> None:
    data, tree, design = reference_inputs(dumped)
    result = build_index(data, tree, POSITIVE)
    again = UncertaintyDesign.from_dict(json.loads(json.dumps(design.to_dict())))
    assert again == design
    one, other = uncertainty(result, design), uncertainty(result, again)
    assert np.array_equal(one.ranks, other.ranks)
    assert np.array_equal(one.median_rank, other.median_rank)


@given(
    composite_indices(), st.integers(1, 5), st.sampled_from(["arithmetic", "geometric", "harmonic"])
)
def test_a_zero_width_design_reproduces_the_nominal_ranks(
    case: tuple[IndicatorData, IndexTree], replications: int, mean: str
) -> None:
    data, tree = case
    spec = CompositeSpec(normalisation=MinMax(1, 100), aggregation=mean)  # type: ignore[arg-type]
    result = build_index(data, tree, spec)
    design = UncertaintyDesign.nominal(tree, replications, tree.aggregates)
    found = uncertainty(result, design)
    nominal = result.ranks.column(tree.root)
    ranked = ~np.isnan(nominal)
    assert np.array_equal(found.nominal_rank, nominal, equal_nan=True)
    for got in (found.median_rank, found.p05_rank, found.p95_rank):
        assert np.array_equal(got, nominal, equal_nan=True)
    assert np.array_equal(found.ranks[ranked], np.repeat(nominal[ranked, None], replications, 1))


@given(composite_indices(min_units=4), st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_a_seeded_design_is_deterministic_and_its_statistics_hold(
    case: tuple[IndicatorData, IndexTree], seed: int, replications: int
) -> None:
    data, tree = case
    result = build_index(data, tree, POSITIVE)
    space = UncertaintySpace(
        {tree.root: 0.3, **dict.fromkeys(tree.level(2), 0.2)},
        {tree.root: ("arithmetic", "geometric", "harmonic")},
    )
    design = space.sample(tree, replications, seed)
    assert design == space.sample(tree, replications, seed)
    found, again = uncertainty(result, design, top=2), uncertainty(result, design, top=2)
    assert np.array_equal(found.ranks, again.ranks)
    ranked = ~np.isnan(found.nominal_rank)
    assert np.all(found.p05_rank[ranked] <= found.median_rank[ranked])
    assert np.all(found.median_rank[ranked] <= found.p95_rank[ranked])
    for i in np.flatnonzero(ranked):  # percentile ranks are observed ranks
        assert found.median_rank[i] in found.ranks[i]
    assert np.all((found.top_share[ranked] >= 0) & (found.top_share[ranked] <= 1))
    assert np.allclose(found.top_share[ranked], (found.ranks[ranked] <= 2).mean(axis=1))
    assert np.array_equal(found.percentile_rank(50), found.median_rank, equal_nan=True)


def test_band_shares_follow_the_bands_of_a_framework() -> None:
    tree = IndexTree.from_groups({"G1": ["a"], "G2": ["b"]})
    data = IndicatorData(["x", "y", "z"], ["a", "b"], [[0, 0], [10, 10], [6, 9]])
    result = build_index(data, tree, CompositeSpec(normalisation=MinMax(0, 100)))
    bands = [
        Band(code=c, label_vi=c, label_en=c, min_index=Decimal(m))
        for c, m in (("A", 90), ("B", 80), ("C", 70))
    ]
    design = UncertaintyDesign(2, {"Index": [[1, 1], [3, 1]]})
    found = uncertainty(result, design, bands=bands)
    # z: 0.5 (60 + 90) = 75 (band C), then (3 x 60 + 90) / 4 = 67.5 (below every band)
    assert found.band_codes == ("A", "B", "C")
    assert found.band_share("C").tolist() == [0.0, 0.0, 0.5]
    assert found.band_share("A").tolist() == [0.0, 1.0, 0.0]
    assert found.records()[2]["band_C"] == 0.5


def test_sobol_finds_the_input_that_matters() -> None:
    tree = IndexTree.from_groups({"G1": ["a", "b"], "G2": ["c", "d"]})
    rng = np.random.default_rng(5)
    data = IndicatorData(
        [f"u{i}" for i in range(40)], ["a", "b", "c", "d"], rng.uniform(1, 10, size=(40, 4))
    )
    result = build_index(data, tree, POSITIVE)
    # G2's only alternative is its nominal mean: that input cannot matter.
    space = UncertaintySpace({"Index": 0.5}, {"G2": ("arithmetic",)})
    found = sobol_indices(result, space, samples=64, seed=3)
    assert found.inputs == ("weights:Index", "aggregation:G2")
    assert found.index("aggregation:G2") == (0.0, 0.0)
    first, total = found.index("weights:Index")
    assert total > 0.5
    assert first > 0.5
    assert len(found.outputs) == 64 * 4
    assert found.design.replications == 64 * 4


def test_sobol_refuses_what_it_cannot_estimate() -> None:
    tree = IndexTree.from_groups({"G1": ["a"], "G2": ["b"]})
    data = IndicatorData(["x", "y", "z"], ["a", "b"], [[1, 2], [2, 1], [3, 3]])
    result = build_index(data, tree, POSITIVE)
    with pytest.raises(CompositeError, match="at least two uncertain inputs"):
        sobol_indices(result, UncertaintySpace({"Index": 0.2}), samples=8)
    space = UncertaintySpace({"Index": 0.2}, {"G1": ("arithmetic", "geometric")})
    with pytest.raises(CompositeError, match="power of 2"):
        sobol_indices(result, space, samples=10)
    with pytest.raises(CompositeError, match="unit nobody: no such unit"):
        sobol_indices(result, space, samples=8, unit="nobody")


def test_designs_that_do_not_fit_are_named() -> None:
    tree = IndexTree.from_groups({"G1": ["a"], "G2": ["b"]})
    data = IndicatorData(["x", "y"], ["a", "b"], [[1, 2], [2, 1]])
    result = build_index(data, tree, POSITIVE)
    with pytest.raises(CompositeError, match="node Index: 3 weight factors for 2 children"):
        uncertainty(result, UncertaintyDesign(1, {"Index": [[1, 1, 1]]}))
    with pytest.raises(CompositeError, match="node a: only an aggregate"):
        uncertainty(result, UncertaintyDesign(1, {}, {"a": ("geometric",)}))
    with pytest.raises(CompositeError, match="node Index: 1 means for 2 replications"):
        UncertaintyDesign(2, {}, {"Index": ("geometric",)})
    zero = build_index(data, tree, CompositeSpec())
    with pytest.raises(CompositeError, match="unit x, node Index: a geometric mean"):
        uncertainty(zero, UncertaintyDesign(1, {}, {"Index": ("geometric",)}))


def test_alternative_pipelines_rebuild_the_index() -> None:
    tree = IndexTree.from_groups({"G1": ["a", "b"], "G2": ["c"]})
    rng = np.random.default_rng(11)
    values = rng.uniform(1, 10, size=(12, 3))
    values[3, 0] = np.nan
    data = IndicatorData([f"u{i}" for i in range(12)], ["a", "b", "c"], values)
    nominal = CompositeSpec(normalisation=MinMax(1, 100))
    other = CompositeSpec(normalisation=MinMax(1, 100), imputation=ByColumn("median"))
    result = build_index(data, tree, nominal)
    design = UncertaintyDesign(4, pipelines=[0, 1, 1, 0])
    found = uncertainty(result, design, pipelines=[nominal, other])
    alternative = build_index(data, tree, other).ranks.column("Index")
    assert np.array_equal(found.ranks[:, 0], result.ranks.column("Index"))
    assert np.array_equal(found.ranks[:, 1], alternative)
    with pytest.raises(CompositeError, match="uses pipeline 1 but 1 alternative spec"):
        uncertainty(result, design, pipelines=[nominal])
    space = UncertaintySpace({"Index": 0.3}, pipelines=(nominal, other))
    sobol = sobol_indices(result, space, samples=32, seed=1)
    assert sobol.inputs == ("weights:Index", "pipeline")
    assert set(sobol.design.pipelines or ()) == {0, 1}


def _plain_index(result: CompositeResult, design: UncertaintyDesign, r: int) -> list[float]:
    """The oracle: replication ``r``'s index in plain Python, from the normalised scores."""
    tree = result.tree
    out = []
    for i in range(len(result.units)):
        scores = {c: float(result.normalised.column(c)[i]) for c in tree.indicators}
        for node in tree.aggregates:
            kids = tree.children(node)
            weights = [tree.node(k).weight for k in kids]
            if node in design.weight_factors:
                weights = [
                    w * float(f)
                    for w, f in zip(weights, design.weight_factors[node][r], strict=True)
                ]
            pairs = [
                (scores[k], w)
                for k, w in zip(kids, weights, strict=True)
                if not math.isnan(scores[k])
            ]
            mean = design.aggregations[node][r] if node in design.aggregations else "arithmetic"
            if not pairs:
                scores[node] = math.nan
                continue
            total = sum(w for _, w in pairs)
            if mean == "arithmetic":
                scores[node] = sum(v * w for v, w in pairs) / total
            elif mean == "geometric":
                scores[node] = math.exp(sum(math.log(v) * w for v, w in pairs) / total)
            else:
                scores[node] = total / sum(w / v for v, w in pairs)
        out.append(scores[tree.root])
    return out


@given(composite_indices(min_units=3, max_units=7), st.integers(0, 2**32 - 1))
def test_each_replication_is_the_index_rebuilt_with_its_weights_and_means(
    case: tuple[IndicatorData, IndexTree], seed: int
) -> None:
    data, tree = case
    result = build_index(data, tree, POSITIVE)
    space = UncertaintySpace(
        {tree.root: 0.4, **dict.fromkeys(tree.level(2), 0.3)},
        dict.fromkeys((tree.root, *tree.level(2)), ("arithmetic", "geometric", "harmonic")),
    )
    design = space.sample(tree, 6, seed)
    index, ranked = simulate(result, design)
    found = uncertainty(result, design)
    for r in range(design.replications):
        expected = _plain_index(result, design, r)
        assert np.allclose(index[r], expected, rtol=1e-10, atol=0, equal_nan=True)
        assert np.array_equal(found.ranks[ranked, r], competition_ranks(index[r])[ranked])


@given(composite_indices(min_units=4), st.integers(0, 2**32 - 1), st.integers(1, 30))
def test_a_saved_design_replays_through_json_and_refuses_another_tree(
    case: tuple[IndicatorData, IndexTree], seed: int, replications: int
) -> None:
    data, tree = case
    result = build_index(data, tree, POSITIVE)
    other = CompositeSpec(normalisation=MinMax(1, 100), aggregation="geometric")
    space = UncertaintySpace(
        {tree.root: 0.3}, {tree.root: ("arithmetic", "harmonic")}, pipelines=(POSITIVE, other)
    )
    design = space.sample(tree, replications, seed)
    saved = json.loads(json.dumps(design.to_dict()))
    again = UncertaintyDesign.from_dict(saved)
    assert again == design
    one = uncertainty(result, design, pipelines=space.pipelines)
    replayed = uncertainty(result, again, pipelines=space.pipelines)
    assert np.array_equal(one.ranks, replayed.ranks)
    assert np.array_equal(one.p95_rank, replayed.p95_rank, equal_nan=True)
    first = tree.children(tree.root)[0]
    reweighted = build_index(
        data, tree.with_weights({first: tree.node(first).weight + 1}), POSITIVE
    )
    with pytest.raises(CompositeError, match="drawn for another tree"):
        uncertainty(reweighted, again, pipelines=space.pipelines)
    with pytest.raises(CompositeError, match="pipeline\\(s\\) that differ"):
        uncertainty(result, again, pipelines=space.pipelines[::-1])


@given(
    composite_indices(ties=True),
    st.integers(0, 2**32 - 1),
    st.sampled_from([None, 0, 1, 2]),
    st.lists(st.integers(0, 100), min_size=1, max_size=4, unique=True),
)
def test_band_shares_add_up_and_follow_the_published_index(
    case: tuple[IndicatorData, IndexTree], seed: int, digits: int | None, bounds: list[int]
) -> None:
    data, tree = case
    result = build_index(
        data, tree, CompositeSpec(normalisation=MinMax(1, 100), index_digits=digits)
    )
    bands = [Band(code=f"B{m}", label_vi="b", label_en="b", min_index=Decimal(m)) for m in bounds]
    ranked = ~np.isnan(result.index)
    # under a zero-width design each unit is wholly in the band of its published index
    nominal = uncertainty(result, UncertaintyDesign.nominal(tree, 2), bands=bands)
    for i in np.flatnonzero(ranked):
        value = result.published_index[i]
        home = [b.code for b in sorted(bands, key=lambda b: -b.min_index) if value >= b.min_index]
        for code in nominal.band_codes:
            assert nominal.band_share(code)[i] == (1.0 if home and code == home[0] else 0.0)
    # under any design the shares are shares and add up to at most 1
    design = UncertaintySpace({tree.root: 0.5}).sample(tree, 20, seed)
    found = uncertainty(result, design, bands=bands)
    total = found.band_shares[ranked].sum(axis=1)
    assert np.all((found.band_shares[ranked] >= 0) & (found.band_shares[ranked] <= 1))
    assert np.all(total <= 1 + 1e-12)


@given(composite_indices(min_units=4), st.integers(0, 2**32 - 1))
def test_the_top_share_grows_with_top(case: tuple[IndicatorData, IndexTree], seed: int) -> None:
    data, tree = case
    result = build_index(data, tree, POSITIVE)
    design = UncertaintySpace({tree.root: 0.5}, {tree.root: ("arithmetic", "geometric")}).sample(
        tree, 15, seed
    )
    ranked = ~np.isnan(result.index)
    n = int(ranked.sum())
    shares = [uncertainty(result, design, top=k).top_share[ranked] for k in range(1, n + 1)]
    for smaller, larger in itertools.pairwise(shares):
        assert np.all(smaller <= larger)
    assert np.all(shares[-1] == 1.0)


@given(
    st.integers(1, 3),
    st.floats(0, 0.99),
    st.lists(st.floats(0, 1), min_size=1, max_size=5),
)
def test_unit_cube_points_map_onto_factors_means_and_pipelines(
    groups: int, noise: float, row: list[float]
) -> None:
    tree = IndexTree.from_groups({f"G{g}": [f"i{g}"] for g in range(groups)})
    options: tuple[Aggregation, ...] = ("arithmetic", "geometric", "harmonic")
    space = UncertaintySpace({"Index": noise}, {"Index": options}, pipelines=(POSITIVE, POSITIVE))
    width = len(space.factor_names(tree))
    point = (row * width)[:width]
    design = space.from_unit_cube(tree, np.array([point]))
    factors = design.weight_factors["Index"][0]
    for x, f in zip(point[:groups], factors, strict=True):
        assert math.isclose(f, 1 - noise + 2 * noise * x, abs_tol=1e-15)
        assert 1 - noise - 1e-12 <= f <= 1 + noise + 1e-12
    assert design.aggregations["Index"][0] == options[min(int(point[groups] * 3), 2)]
    assert design.pipelines == (min(int(point[groups + 1] * 2), 1),)
    assert space.groups(tree) == (*(["weights:Index"] * groups), "aggregation:Index", "pipeline")
    with pytest.raises(
        CompositeError, match=r"points must be at least one row of numbers in \[0, 1\]"
    ):
        space.from_unit_cube(tree, np.array([[1.5] * width]))
