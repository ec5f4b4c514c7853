"""Laws of the steps before aggregation, and of the structure statistics, over drawn data.

Imputation by group and by row, Winsorising on either side, ties against
``max_points``, the log fallback, Spearman's correlation with missing values,
Cronbach's alpha on any step's data, and the rounding of the published index.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.composite import (
    ByGroup,
    ByRow,
    CompositeSpec,
    IndexTree,
    IndicatorData,
    RankScale,
    Unchanged,
    Winsorise,
    build_index,
    correlations,
    cronbach_alpha,
)
from cchc.composite._impute import impute
from cchc.composite._rounding import published
from cchc.composite._treat import kurtosis, skewness, treat_column
from cchc.testing.strategies import composite_indices

# Imputation


@given(composite_indices(groups=True, ties=True), st.sampled_from(["mean", "median"]))
def test_group_imputation_fills_from_the_units_own_group_and_leaves_unlabelled_units(
    case: tuple[IndicatorData, IndexTree], statistic: str
) -> None:
    data, tree = case
    policy = ByGroup("region", statistic)  # type: ignore[arg-type]
    filled, record = impute(data.table(tree.indicators), policy, data=data, tree=tree)
    labels = data.group("region")
    raw = data.table(tree.indicators).values
    for j in range(raw.shape[1]):
        for i in np.flatnonzero(np.isnan(raw[:, j])):
            got = filled.values[i, j]
            if labels[i] is None:
                assert math.isnan(got)  # COINr's i_mean_grp(skip_f_na = TRUE)
                continue
            peers = [raw[k, j] for k in range(len(labels)) if labels[k] == labels[i]]
            kept = [v for v in peers if not math.isnan(v)]
            if not kept:
                assert math.isnan(got)
            else:
                want = float(np.mean(kept) if statistic == "mean" else np.median(kept))
                assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)
    assert record.unfilled == int(np.isnan(filled.values).sum())


def test_units_without_a_group_label_stay_missing_and_are_counted() -> None:
    tree = IndexTree.from_groups({"G": ["a"]})
    data = IndicatorData(
        ["x", "y", "z", "w"],
        ["a"],
        [[1], [np.nan], [3], [np.nan]],
        groups={"g": (None, None, "S", "S")},
    )
    result = build_index(
        data, tree, CompositeSpec(normalisation=Unchanged(), imputation=ByGroup("g"))
    )
    assert result.imputed.column("a").tolist()[1:] == pytest.approx(
        [math.nan, 3.0, 3.0], nan_ok=True
    )
    assert result.imputation is not None
    assert (result.imputation.count, result.imputation.unfilled) == (1, 1)


def test_row_imputation_leaves_constant_columns_out_and_fills_them_with_their_value() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b", "c"]})
    # a is constant: COINr's min-max of it is NaN, so z's place comes from c alone (the top)
    data = IndicatorData(
        ["x", "y", "z"], ["a", "b", "c"], [[5, 0, 0], [5, 10, 10], [5, np.nan, 10]]
    )
    filled, _ = impute(data.table(), ByRow(2), data=data, tree=tree)
    assert filled.value("z", "b") == 10.0
    hole = IndicatorData(
        ["x", "y", "z"], ["a", "b", "c"], [[5, 0, 0], [5, 10, 10], [np.nan, 10, 10]]
    )
    filled, _ = impute(hole.table(), ByRow(2), data=hole, tree=tree)
    assert filled.value("z", "a") == 5.0


@given(composite_indices(constant=True, ties=True), st.sampled_from([2, 3]))
def test_row_imputation_stays_within_each_columns_range(
    case: tuple[IndicatorData, IndexTree], level: int
) -> None:
    data, tree = case
    filled, record = impute(data.table(tree.indicators), ByRow(level), data=data, tree=tree)
    raw = data.table(tree.indicators).values
    present = ~np.isnan(raw)
    assert np.array_equal(filled.values[present], raw[present])
    for j in range(raw.shape[1]):
        kept = raw[present[:, j], j]
        new = filled.values[~present[:, j], j]
        new = new[~np.isnan(new)]
        # a mean of places in [0, 1] scaled back lies between the column's min and max
        assert np.all((new >= kept.min() - 1e-9) & (new <= kept.max() + 1e-9))
        if kept.min() == kept.max():
            assert np.all(new == kept.min())
    assert record.count == int((~present & ~np.isnan(filled.values)).sum())


# Treatment


def test_a_negatively_skewed_column_is_winsorised_from_below() -> None:
    x = -np.array([*range(1, 11), 30, 100], dtype=np.float64)
    treated, record = treat_column(x, Winsorise(), code="a")
    assert record.winsorised_low == (11,)
    assert record.winsorised_high == ()
    assert treated.tolist() == [*(-v for v in range(1, 11)), -30.0, -30.0]
    assert record.passes
    assert not record.log_transformed


@given(st.integers(1, 4), st.integers(0, 6))
def test_tied_extremes_move_together_and_never_past_max_points(ties: int, limit: int) -> None:
    x = np.array([*([1.0] * 40), *range(2, 12), *([1000.0] * ties)], dtype=np.float64)
    outliers = set(range(50, 50 + ties))
    treated, record = treat_column(x, Winsorise(max_points=limit, log_fallback=False))
    assert abs(record.skew_before) >= 2
    assert record.kurtosis_before >= 3.5  # the column needs treatment
    moved = set(record.winsorised_high) | set(record.winsorised_low)
    assert len(moved) <= limit
    if ties > limit:  # the tie cannot move as one within the limit: nothing moves
        assert moved == set()
        assert np.array_equal(treated, x)
    else:  # the tie moved as one, onto the next value in
        assert moved >= outliers
        assert np.all(treated[50 : 50 + ties] == 11.0)


def test_the_log_fallback_is_reported_and_checked_again() -> None:
    x = np.array([1.0] * 20 + [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 1e4])
    treated, record = treat_column(x, Winsorise(max_points=0), code="FDI")
    assert record.log_transformed
    assert record.treated
    assert (record.winsorised_high, record.winsorised_low) == ((), ())
    assert record.skew_before == skewness(x)
    assert record.kurtosis_before == kurtosis(x)
    sk, kt = skewness(treated), kurtosis(treated)
    assert record.passes == (abs(sk) < 2 or kt < 3.5)
    kept, kept_record = treat_column(x, Winsorise(max_points=0, log_fallback=False))
    assert np.array_equal(kept, x)
    assert not kept_record.passes
    assert not kept_record.treated


# Structure statistics


@given(composite_indices(ties=True))
def test_spearman_ranks_within_the_complete_pairs_as_r_does(
    case: tuple[IndicatorData, IndexTree],
) -> None:
    stats = pytest.importorskip("scipy.stats")
    data, tree = case
    result = build_index(data, tree, CompositeSpec(normalisation=RankScale()))
    found = correlations(result, (1, 1), method="spearman")
    for a in tree.indicators:
        for b in tree.indicators:
            x, y = result.aggregated.column(a), result.aggregated.column(b)
            both = ~(np.isnan(x) | np.isnan(y))
            got = found.get(a, b)
            if both.sum() < 3 or np.ptp(x[both]) == 0 or np.ptp(y[both]) == 0:
                assert math.isnan(got)
            else:
                want = stats.spearmanr(x[both], y[both]).statistic
                assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)


def test_spearman_with_a_missing_value_is_rs_answer() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b"]})
    a, b = [1, 2, 3, 4, 5, 6.0], [6, 5, np.nan, 1, 2, 3.0]
    data = IndicatorData([f"u{i}" for i in range(6)], ["a", "b"], np.column_stack([a, b]))
    result = build_index(data, tree)
    # R: cor(a, b, use = "pairwise.complete.obs", method = "spearman") = -0.6
    assert correlations(result, (1, 1), method="spearman").get("a", "b") == pytest.approx(-0.6)


def test_cronbach_alpha_reads_the_step_it_is_asked_for() -> None:
    tree = IndexTree.from_groups({"G": ["a", "b"]}, directions={"b": -1})
    data = IndicatorData(["w", "x", "y", "z"], ["a", "b"], [[1, 1], [2, 3], [4, 4], [3, 1]])
    result = build_index(data, tree)
    # raw, a and b agree; normalised, b runs the other way and they disagree
    raw = cronbach_alpha(result, ["a", "b"], dataset="raw")
    normalised = cronbach_alpha(result, ["a", "b"], dataset="normalised")
    assert raw == cronbach_alpha(result.raw, ["a", "b"])
    assert normalised == cronbach_alpha(result.normalised, ["a", "b"])
    assert raw > 0 > normalised
    assert cronbach_alpha(result, ["a", "b"]) == cronbach_alpha(result.aggregated, ["a", "b"])


# Publication


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=40), st.integers(0, 4))
def test_published_digits_are_pythons_round(thousandths: list[int], digits: int) -> None:
    x = np.array(thousandths, dtype=np.float64) / 1000
    assert published(x, digits).tolist() == [round(float(v), digits) for v in x]
