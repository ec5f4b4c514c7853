"""Correlations between indicators and aggregates, and Cronbach's alpha.

As COINr's ``get_corr`` and ``get_cronbach``.

Both use pairwise-complete observations, as ``stats::cor(use =
"pairwise.complete.obs")``: each pair of columns is compared over the units that
have both. Spearman's correlation, as R's ``cor(method = "spearman")``, first keeps
the units that have both values, then ranks each column over those units (ties
averaged) and takes Pearson's correlation of the ranks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import attrs
import numpy as np

from cchc.composite._checks import is_whole
from cchc.composite._data import ScoreTable
from cchc.composite._pipeline import CompositeResult
from cchc.composite._ranks import average_ranks
from cchc.errors import CompositeError

__all__ = [
    "CorrelationMethod",
    "Correlations",
    "Dataset",
    "correlation_matrix",
    "correlations",
    "cronbach_alpha",
]

CorrelationMethod = Literal["pearson", "spearman"]
Dataset = Literal["raw", "imputed", "treated", "normalised", "aggregated"]
DATASETS: tuple[Dataset, ...] = ("raw", "imputed", "treated", "normalised", "aggregated")


@attrs.frozen(eq=False)
class Correlations:
    """A correlation matrix, :attr:`rows` × :attr:`columns`.

    NaN where fewer than 3 units have both values, a column is constant, or
    ``within`` / ``with_parent`` left the pair out.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    values: np.ndarray
    method: CorrelationMethod

    def get(self, row: str, column: str) -> float:
        """The correlation of ``row`` with ``column``."""
        try:
            return float(self.values[self.rows.index(row), self.columns.index(column)])
        except ValueError:
            raise CompositeError(f"no correlation of {row} with {column}") from None

    def pairs(self) -> list[tuple[str, str, float]]:
        """``(row, column, r)`` for every pair with a value, self-pairs left out."""
        return [
            (a, b, float(self.values[i, j]))
            for i, a in enumerate(self.rows)
            for j, b in enumerate(self.columns)
            if a != b and not math.isnan(self.values[i, j])
        ]


def _correlation(a: np.ndarray, b: np.ndarray, method: CorrelationMethod) -> float:
    both = ~(np.isnan(a) | np.isnan(b))
    if both.sum() < 3:
        return math.nan
    x, y = a[both], b[both]
    if method == "spearman":
        x, y = average_ranks(x), average_ranks(y)
    x, y = x - x.mean(), y - y.mean()
    denom = math.sqrt(float(np.sum(x * x)) * float(np.sum(y * y)))
    return math.nan if denom == 0 else float(np.sum(x * y)) / denom


def correlation_matrix(
    table: ScoreTable,
    rows: Sequence[str],
    columns: Sequence[str] | None = None,
    *,
    method: CorrelationMethod = "pearson",
) -> Correlations:
    """Correlations of the ``rows`` columns of ``table`` with its ``columns`` columns."""
    if method not in ("pearson", "spearman"):
        raise CompositeError("method must be 'pearson' or 'spearman'", value=method)
    columns = tuple(rows) if columns is None else tuple(columns)
    values = np.array(
        [[_correlation(table.column(a), table.column(b), method) for b in columns] for a in rows]
    )
    return Correlations(tuple(rows), columns, values.reshape(len(rows), len(columns)), method)


def correlations(
    result: CompositeResult,
    levels: tuple[int, int] = (1, 1),
    *,
    method: CorrelationMethod = "pearson",
    within: int | None = None,
    with_parent: bool = False,
) -> Correlations:
    """Correlations between the nodes at two levels of a built index (COINr ``get_corr``).

    Indicators are correlated by their normalised scores, aggregates by their scores.

    Args:
        result: The built index.
        levels: Levels of the rows and of the columns (1: indicators).
        method: ``"pearson"`` or ``"spearman"``.
        within: Keep only pairs under the same aggregate at this level (others NaN).
        with_parent: Keep only pairs where the column is an ancestor of the row.

    Raises:
        CompositeError: A level outside the tree, or ``within`` not above both levels.
    """
    tree = result.tree
    if not isinstance(levels, tuple | list) or len(levels) != 2:
        raise CompositeError("levels must be two levels: (rows, columns)", value=levels)
    for level in (*levels, *((within,) if within is not None else ())):
        if not is_whole(level) or not 1 <= level <= tree.depth:
            raise CompositeError(f"a level is a whole number from 1 to {tree.depth}", value=level)
    if within is not None and within <= max(levels):
        raise CompositeError("within must be a level above both levels", value=within)
    found = correlation_matrix(
        result.aggregated, tree.level(levels[0]), tree.level(levels[1]), method=method
    )
    values = np.array(found.values)
    for i, a in enumerate(found.rows):
        for j, b in enumerate(found.columns):
            if within is not None and tree.ancestor_at(a, within) != tree.ancestor_at(b, within):
                values[i, j] = np.nan
            if with_parent and b not in tree.ancestors(a):
                values[i, j] = np.nan
    return Correlations(found.rows, found.columns, values, method)


def cronbach_alpha(
    table: ScoreTable | CompositeResult,
    columns: Sequence[str],
    *,
    dataset: Dataset = "aggregated",
) -> float:
    """Cronbach's alpha of ``columns`` (COINr ``get_cronbach``).

    ``k² · mean off-diagonal covariance / sum of all covariances``, covariances over
    pairwise-complete units.

    >>> t = ScoreTable(["a", "b", "c"], ["x", "y"], [[1, 1], [2, 2], [4, 4]])
    >>> cronbach_alpha(t, ["x", "y"])
    1.0

    Args:
        table: A table, or a built index.
        columns: The columns (at least two).
        dataset: Which step of a built index to use, as COINr's ``dset``: ``"raw"``,
            ``"imputed"``, ``"treated"``, ``"normalised"`` or ``"aggregated"`` (the
            normalised indicators and every aggregate; the default). Raw and
            imputed values are as given, before directions are applied.

    Raises:
        CompositeError: Fewer than two columns, an unknown dataset or column.
    """
    if dataset not in DATASETS or isinstance(dataset, bool):
        raise CompositeError(f"dataset must be one of {', '.join(DATASETS)}", value=dataset)
    data: ScoreTable = getattr(table, dataset) if isinstance(table, CompositeResult) else table
    if isinstance(columns, str):
        raise CompositeError("columns must be a list of column codes, not one text", value=columns)
    k = len(columns)
    if k < 2:
        raise CompositeError(f"Cronbach's alpha needs at least two columns, not {k}")
    cols = [data.column(c) for c in columns]
    cov = np.array([[_cov(a, b) for b in cols] for a in cols])
    total = float(np.nansum(cov))
    off = (total - float(np.nansum(np.diag(cov)))) / (k * (k - 1))
    return k * k * off / total if total else math.nan


def _cov(a: np.ndarray, b: np.ndarray) -> float:
    both = ~(np.isnan(a) | np.isnan(b))
    n = int(both.sum())
    if n < 2:
        return math.nan
    x, y = a[both], b[both]
    return float(np.sum((x - x.mean()) * (y - y.mean()))) / (n - 1)
