"""Laws of the composite-index methods, over drawn data (Hypothesis)."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc.composite import (
    ByColumn,
    ByGroup,
    ByRow,
    CompositeError,
    CompositeSpec,
    CorrelationMethod,
    Goalposts,
    IndexTree,
    IndicatorData,
    MinMax,
    RankScale,
    ScoreTable,
    Winsorise,
    ZScore,
    build_index,
    correlations,
    cronbach_alpha,
)
from cchc.composite._aggregate import AGGREGATIONS, weighted_mean
from cchc.composite._impute import impute
from cchc.composite._normalise import normalise_column
from cchc.composite._ranks import competition_ranks
from cchc.composite._treat import kurtosis, skewness, treat_column
from cchc.scoring.ranking import rank_indices
from cchc.testing.strategies import composite_indices

WHOLE = st.lists(st.integers(-1000, 1000), min_size=2, max_size=30).filter(
    lambda v: len(set(v)) > 1
)
POSITIVE = st.floats(0.01, 1e4, allow_nan=False)
WEIGHTS = st.floats(0.01, 100, allow_nan=False)


def _order(x: np.ndarray) -> np.ndarray:
    signs: np.ndarray = np.sign(x[:, None] - x[None, :])
    return signs


# Normalisation


@given(WHOLE, st.sampled_from([1, -1]), st.sampled_from([(0.0, 100.0), (1.0, 100.0), (-5.0, 5.0)]))
def test_min_max_lies_in_its_interval_and_keeps_the_order(
    values: list[int], direction: int, bounds: tuple[float, float]
) -> None:
    x = np.array(values, dtype=np.float64)
    y = normalise_column(x, MinMax(*bounds), direction)
    assert y.min() == bounds[0]
    assert y.max() == bounds[1]
    assert np.array_equal(_order(y), direction * _order(x))


@given(WHOLE, st.floats(-10, 10), st.floats(0.5, 3))
def test_z_scores_have_the_asked_mean_and_sd(values: list[int], mean: float, sd: float) -> None:
    y = normalise_column(np.array(values, dtype=np.float64), ZScore(mean, sd))
    assert math.isclose(float(np.mean(y)), mean, abs_tol=1e-9)
    assert math.isclose(float(np.std(y, ddof=1)), sd, rel_tol=1e-9)


@given(WHOLE)
def test_rank_scale_gives_ascending_min_ranks(values: list[int]) -> None:
    x = np.array(values, dtype=np.float64)
    got = normalise_column(x, RankScale(), -1)
    # the lowest raw value is the best under direction -1: its score is the highest rank
    assert np.array_equal(got, np.array([1 + sum(w > v for w in values) for v in values]))


@given(WHOLE, st.sampled_from([1, -1]))
def test_goalposts_are_truncated_and_flip_with_direction(values: list[int], direction: int) -> None:
    x = np.array(values, dtype=np.float64)
    y = normalise_column(x, Goalposts(-200, 300, 10), direction)
    assert np.all((y >= 0) & (y <= 10))
    inside = (x >= -200) & (x <= 300)
    expected = (x - -200) / 500 * 10 if direction == 1 else (300 - x) / 500 * 10
    assert np.allclose(y[inside], expected[inside])


def test_a_constant_column_cannot_be_min_maxed() -> None:
    with pytest.raises(CompositeError, match="node LPI: all values are equal"):
        normalise_column(np.array([3.0, 3.0, np.nan]), MinMax(), code="LPI")


# Aggregation


@given(POSITIVE, st.lists(WEIGHTS, min_size=1, max_size=6), st.sampled_from(AGGREGATIONS))
def test_the_mean_of_equal_children_is_their_value(
    value: float, weights: list[float], method: str
) -> None:
    x = np.full((1, len(weights)), value)
    got = weighted_mean(x, weights, method)  # type: ignore[arg-type]
    assert math.isclose(float(got[0]), value, rel_tol=1e-12)


@given(st.lists(st.tuples(POSITIVE, WEIGHTS), min_size=1, max_size=6))
def test_harmonic_geometric_arithmetic_are_ordered(pairs: list[tuple[float, float]]) -> None:
    x = np.array([[v for v, _ in pairs]])
    w = [w for _, w in pairs]
    h, g, a = (float(weighted_mean(x, w, m)[0]) for m in ("harmonic", "geometric", "arithmetic"))
    assert h <= g * (1 + 1e-12)
    assert g <= a * (1 + 1e-12)


@given(
    st.lists(st.tuples(POSITIVE, WEIGHTS), min_size=1, max_size=6),
    st.floats(1e-3, 1e3),
    st.sampled_from(AGGREGATIONS),
)
def test_weights_are_relative(pairs: list[tuple[float, float]], scale: float, method: str) -> None:
    x = np.array([[v for v, _ in pairs]])
    w = np.array([w for _, w in pairs])
    one = weighted_mean(x, w, method)  # type: ignore[arg-type]
    other = weighted_mean(x, w * scale, method)  # type: ignore[arg-type]
    assert math.isclose(float(one[0]), float(other[0]), rel_tol=1e-12)


def _plain_mean(values: list[float], weights: list[float], method: str) -> float:
    """The oracle: the textbook weighted mean in plain Python."""
    total = sum(weights)
    if method == "arithmetic":
        return sum(w * v for v, w in zip(values, weights, strict=True)) / total
    if method == "geometric":
        return math.exp(sum(w * math.log(v) for v, w in zip(values, weights, strict=True)) / total)
    return total / sum(w / v for v, w in zip(values, weights, strict=True))


@given(
    st.lists(st.tuples(POSITIVE, WEIGHTS, st.booleans()), min_size=1, max_size=6),
    st.sampled_from(AGGREGATIONS),
)
def test_missing_children_leave_and_the_weights_are_rescaled(
    triples: list[tuple[float, float, bool]], method: str
) -> None:
    x = np.array([[math.nan if gone else v for v, _, gone in triples]])
    w = [w for _, w, _ in triples]
    got = float(weighted_mean(x, w, method)[0])  # type: ignore[arg-type]
    kept = [(v, wt) for v, wt, gone in triples if not gone]
    if not kept:
        assert math.isnan(got)
        return
    values, weights = [v for v, _ in kept], [wt for _, wt in kept]
    assert math.isclose(got, _plain_mean(values, weights, method), rel_tol=1e-10)


@given(st.lists(st.tuples(POSITIVE, WEIGHTS), min_size=1, max_size=6))
def test_geometric_and_harmonic_means_are_scipys(pairs: list[tuple[float, float]]) -> None:
    stats = pytest.importorskip("scipy.stats")
    values, weights = [v for v, _ in pairs], [w for _, w in pairs]
    x = np.array([values])
    geometric = float(weighted_mean(x, weights, "geometric")[0])
    harmonic = float(weighted_mean(x, weights, "harmonic")[0])
    assert math.isclose(geometric, stats.gmean(values, weights=weights), rel_tol=1e-10)
    assert math.isclose(harmonic, stats.hmean(values, weights=weights), rel_tol=1e-10)


def test_a_geometric_mean_of_zero_is_refused_naming_the_unit() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b"]})
    data = IndicatorData(["x", "y"], ["a", "b"], [[1.0, 2.0], [3.0, 5.0]])
    with pytest.raises(CompositeError, match=r"unit x, node G: a geometric mean needs positive"):
        build_index(data, tree, CompositeSpec(aggregation="geometric"))


@given(composite_indices(), st.floats(0.3, 1.0))
def test_min_coverage_drops_thin_units(case: tuple[IndicatorData, IndexTree], share: float) -> None:
    data, tree = case
    result = build_index(data, tree, CompositeSpec(min_coverage=share))
    for group in tree.level(2):
        kids = tree.children(group)
        scores = np.column_stack([result.normalised.column(k) for k in kids])
        have = (~np.isnan(scores)).mean(1)
        got = result.aggregated.column(group)
        assert np.all(np.isnan(got[have < share]))
        # at or above the threshold a unit keeps its score: the mean of what it has
        for i in np.flatnonzero(have >= share):
            present = ~np.isnan(scores[i])
            values = scores[i][present].tolist()
            weights = [tree.node(k).weight for k, p in zip(kids, present, strict=True) if p]
            assert math.isclose(got[i], _plain_mean(values, weights, "arithmetic"), abs_tol=1e-9)


# Ranks


@given(st.lists(st.one_of(st.integers(-20, 20).map(float), st.just(math.nan)), max_size=25))
def test_ranks_are_competition_ranks(values: list[float]) -> None:
    got = competition_ranks(np.array(values, dtype=np.float64))
    present = [v for v in values if not math.isnan(v)]
    expected = iter(rank_indices([Decimal(v) for v in present]))
    for value, rank in zip(values, got, strict=True):
        assert math.isnan(rank) if math.isnan(value) else rank == next(expected)


@given(composite_indices(), st.randoms(use_true_random=False))
def test_ranks_do_not_depend_on_the_order_of_units(
    case: tuple[IndicatorData, IndexTree], rng: object
) -> None:
    data, tree = case
    order = list(range(len(data.units)))
    rng.shuffle(order)  # type: ignore[attr-defined]
    shuffled = IndicatorData([data.units[i] for i in order], data.indicators, data.values[order])
    one, other = build_index(data, tree), build_index(shuffled, tree)
    for unit in data.units:
        assert one.rank(unit) == other.rank(unit)


@given(WHOLE)
def test_flipping_the_direction_reverses_the_ranks(values: list[int]) -> None:
    x = np.array(values, dtype=np.float64)
    data = IndicatorData([f"u{i}" for i in range(len(x))], ["a"], x[:, None])
    up = build_index(data, IndexTree.from_groups({"G": ["a"]}))
    down = build_index(data, IndexTree.from_groups({"G": ["a"]}, directions={"a": -1}))
    assert np.array_equal(up.ranks.column("Index"), competition_ranks(x))
    assert np.array_equal(down.ranks.column("Index"), competition_ranks(-x))


def test_only_the_index_is_rounded_and_ranks_use_unrounded_scores() -> None:
    tree = IndexTree.from_groups({"G": ["a"]})
    data = IndicatorData(["x", "y", "z"], ["a"], [[0.0], [50.0004], [100.0]])
    result = build_index(data, tree, CompositeSpec(index_digits=2))
    assert result.published_index.tolist() == [0.0, 50.0, 100.0]
    assert result.aggregated.value("y", "G") == pytest.approx(50.0004)
    close = IndicatorData(["x", "y", "w", "z"], ["a"], [[0.0], [50.001], [50.002], [100.0]])
    ranked = build_index(close, tree, CompositeSpec(index_digits=1))
    assert ranked.published_index.tolist()[1:3] == [50.0, 50.0]
    assert [ranked.rank(u) for u in ("w", "y")] == [2, 3]


# Imputation and treatment


@given(
    composite_indices(), st.sampled_from([ByColumn("mean"), ByColumn("median"), ByRow(2), ByRow(3)])
)
def test_imputation_fills_only_what_is_missing(
    case: tuple[IndicatorData, IndexTree], policy: ByColumn | ByRow
) -> None:
    data, tree = case
    result = build_index(data, tree, CompositeSpec(imputation=policy))
    raw, filled = result.raw.values, result.imputed.values
    present = ~np.isnan(raw)
    assert np.array_equal(filled[present], raw[present])
    assert result.imputation is not None
    assert result.imputation.count == int((np.isnan(raw) & ~np.isnan(filled)).sum())
    if isinstance(policy, ByColumn) and policy.statistic == "mean":
        for j in range(raw.shape[1]):
            col = raw[:, j]
            assert np.allclose(filled[np.isnan(col), j], np.nanmean(col))


def test_group_imputation_uses_the_group_mean() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b"]})
    data = IndicatorData(
        ["p", "q", "r", "s"],
        ["a", "b"],
        [[1, 1], [3, 2], [np.nan, 3], [10, np.nan]],
        groups={"size": ("S", "S", "S", "L")},
    )
    result = build_index(data, tree, CompositeSpec(imputation=ByGroup("size")))
    assert result.imputed.value("r", "a") == 2.0
    assert math.isnan(result.imputed.value("s", "b"))  # no other L unit has b
    with pytest.raises(CompositeError, match="no group column 'region'"):
        build_index(data, tree, CompositeSpec(imputation=ByGroup("region")))


@given(st.lists(st.floats(0, 100), min_size=4, max_size=30), st.lists(POSITIVE, max_size=3))
def test_winsorising_keeps_the_order_and_stops_in_bounds_or_at_the_limit(
    body: list[float], outliers: list[float]
) -> None:
    x = np.array([*body, *(o * 1e3 for o in outliers)])
    assume(np.ptp(x) > 0)
    treated, record = treat_column(x, Winsorise(log_fallback=False))
    assert np.all(np.diff(treated[np.argsort(x, kind="stable")]) >= 0)
    moved = len(record.winsorised_high) + len(record.winsorised_low)
    assert record.passes or moved >= 5
    if record.passes and record.treated and np.ptp(treated) > 0:
        sk, kt = skewness(treated), kurtosis(treated)
        assert abs(sk) < 2 or kt < 3.5


def test_the_log_fallback_replaces_an_untamed_column() -> None:
    x = np.array([1.0] * 20 + [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 1e4])
    treated, record = treat_column(x, Winsorise(max_points=2), code="FDI")
    assert record.log_transformed
    assert np.allclose(treated, np.log(x - 1 + 0.01 * (1e4 - 1)))


# Structure statistics


@given(
    st.lists(st.floats(-100, 100), min_size=3, max_size=20).filter(lambda v: np.ptp(v) > 1e-3),
    st.integers(2, 5),
)
def test_alpha_of_identical_columns_is_one(values: list[float], k: int) -> None:
    table = ScoreTable(
        [f"u{i}" for i in range(len(values))],
        [f"c{j}" for j in range(k)],
        np.column_stack([values] * k),
    )
    assert math.isclose(cronbach_alpha(table, table.columns), 1.0, rel_tol=1e-12)


@given(composite_indices(missing=False))
def test_correlations_are_symmetric_and_within_one(case: tuple[IndicatorData, IndexTree]) -> None:
    data, tree = case
    result = build_index(data, tree)
    methods: tuple[CorrelationMethod, ...] = ("pearson", "spearman")
    for method in methods:
        found = correlations(result, (1, 1), method=method)
        values = found.values
        assert np.allclose(values, values.T, equal_nan=True)
        assert np.all(np.isnan(values) | (np.abs(values) <= 1 + 1e-12))
        grouped = correlations(result, (1, 1), method=method, within=2)
        for a, b, _ in grouped.pairs():
            assert tree.node(a).parent == tree.node(b).parent


def test_spearman_matches_pearson_of_ranks_and_parents() -> None:
    tree = IndexTree.from_groups({"G1": ["a", "b"], "G2": ["c"]})
    data = IndicatorData(
        ["p", "q", "r", "s"], ["a", "b", "c"], [[1, 1, 4], [2, 4, 3], [3, 9, 2], [4, 16, 1]]
    )
    result = build_index(data, tree)
    assert correlations(result, (1, 1), method="spearman").get("a", "b") == pytest.approx(1.0)
    assert correlations(result, (1, 1)).get("a", "b") < 1
    parents = correlations(result, (1, 2), with_parent=True)
    assert {(a, b) for a, b, _ in parents.pairs()} == {("a", "G1"), ("b", "G1"), ("c", "G2")}


def test_policies_can_differ_by_indicator() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b"]})
    a = [1, 2, 3, 4, 5, 6, 7, np.nan]
    b = [1, 2, 3, 4, 5, 6, 90, np.nan]
    data = IndicatorData([f"u{i}" for i in range(8)], ["a", "b"], np.column_stack([a, b]))
    spec = CompositeSpec(
        imputation=ByColumn("mean"),
        imputation_by_indicator={"b": None},
        treatment=Winsorise(),
        treatment_by_indicator={"a": None},
    )
    result = build_index(data, tree, spec)
    assert result.imputed.value("u7", "a") == 4.0
    assert math.isnan(result.imputed.value("u7", "b"))
    assert result.imputation is not None
    assert result.imputation.count == 1
    assert [r.indicator for r in result.treatments] == ["b"]
    assert result.treatments[0].winsorised_high == (6,)
    assert result.treated.value("u6", "b") == 6.0
    assert np.array_equal(result.treated.column("a"), result.imputed.column("a"))


def test_row_imputation_uses_the_units_place_on_its_groups_other_indicators() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b", "c"]}, directions={"c": -1})
    data = IndicatorData(
        ["x", "y", "z"], ["a", "b", "c"], [[1, np.nan, 3], [2, np.nan, np.nan], [3, np.nan, 1]]
    )
    result_values, _ = impute(data.table(), ByRow(2), data=data, tree=tree)
    # y is halfway on a, so halfway on c too (c runs the other way: 3 is its worst)
    assert result_values.value("y", "c") == 2.0
    assert math.isnan(result_values.value("y", "b"))  # b has no value to scale by
    with pytest.raises(CompositeError, match="node b: no unit has a value"):
        build_index(data, tree, CompositeSpec(imputation=ByRow()))


def test_winsorising_matches_coinrs_documented_example() -> None:
    # COINr's reference page for winsorise(): x = c(1:10, 30, 100) gives
    # 1 ... 10, 30, 30 with nwin = 1 and the 12th point marked "winhi".
    x = np.array([*range(1, 11), 30, 100], dtype=np.float64)
    treated, record = treat_column(x, Winsorise())
    assert treated.tolist() == [*range(1, 11), 30, 30]
    assert record.winsorised_high == (11,)
    assert record.passes


@given(st.lists(st.floats(-1e3, 1e3), min_size=4, max_size=40).filter(lambda v: np.ptp(v) > 1e-6))
def test_skew_and_kurtosis_are_the_bias_corrected_sample_statistics(values: list[float]) -> None:
    stats = pytest.importorskip("scipy.stats")
    x = np.array(values)
    assert math.isclose(skewness(x), stats.skew(x, bias=False), rel_tol=1e-7, abs_tol=1e-9)
    assert math.isclose(kurtosis(x), stats.kurtosis(x, bias=False), rel_tol=1e-7, abs_tol=1e-9)
