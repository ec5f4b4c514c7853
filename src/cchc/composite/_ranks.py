"""Every ranking the composite methods use, in one place.

- :func:`competition_ranks`: COINr's ranks of scores (as
  :func:`cchc.scoring.ranking.rank_indices`): the highest score ranks 1, ties share
  the best rank (1, 1, 3), a missing score has a missing rank and does not count;
- :func:`rank_rows`: the same within each row, the fast path of the uncertainty analysis;
- :func:`min_ranks_ascending`: ranks from the lowest value, ties sharing the lowest
  rank (R's ``rank(ties.method = "min")``, COINr ``n_rank``);
- :func:`average_ranks`: ranks from the lowest value, ties averaged (R's ``rank``,
  as Spearman's correlation uses them).
"""

from __future__ import annotations

import numpy as np

__all__ = ["average_ranks", "competition_ranks", "min_ranks_ascending", "rank_rows"]


def competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Competition ranks of ``scores`` along axis 0, highest first; NaN → NaN.

    >>> competition_ranks(np.array([80.0, 90.0, np.nan, 80.0, 70.0]))
    array([ 2.,  1., nan,  2.,  4.])

    Args:
        scores: ``(units,)`` or ``(units, columns)`` floats; each column is ranked
            on its own.

    Returns:
        Float ranks of the same shape (float so that a missing rank can be NaN).
    """
    x = np.asarray(scores, dtype=np.float64)
    if x.size == 0:
        return np.array(x)
    flat = x.reshape(x.shape[0], -1)
    out = np.full(flat.shape, np.nan)
    for j in range(flat.shape[1]):
        column = flat[:, j]
        present = ~np.isnan(column)
        kept = column[present]
        ordered = np.sort(kept)
        # rank = 1 + how many scores are strictly higher
        out[present, j] = kept.size - np.searchsorted(ordered, kept, side="right") + 1
    return out.reshape(x.shape)


def rank_rows(scores: np.ndarray) -> np.ndarray:
    """Competition ranks within each row of a ``(replications, units)`` float array.

    The fast path of the uncertainty analysis: no NaN allowed, int64 out.

    >>> rank_rows(np.array([[1.0, 3.0, 3.0], [2.0, 1.0, 0.0]])).tolist()
    [[3, 1, 1], [1, 2, 3]]
    """
    r, u = scores.shape
    order = np.argsort(-scores, axis=1)
    ordered = np.take_along_axis(scores, order, axis=1)
    new = np.ones((r, u), dtype=bool)
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=new[:, 1:])
    positions = np.where(new, np.arange(1, u + 1, dtype=np.int64)[None, :], 0)
    np.maximum.accumulate(positions, axis=1, out=positions)
    ranks = np.empty((r, u), dtype=np.int64)
    rows = np.arange(r)[:, None]
    ranks[rows, order] = positions
    return ranks


def min_ranks_ascending(x: np.ndarray) -> np.ndarray:
    """Ranks from the lowest value (1), ties sharing the lowest rank, NaN kept.

    >>> min_ranks_ascending(np.array([3.0, 1.0, 3.0, np.nan, 2.0])).tolist()
    [3.0, 1.0, 3.0, nan, 2.0]
    """
    out = np.full(x.shape, np.nan)
    present = ~np.isnan(x)
    kept = x[present]
    ordered = np.sort(kept)
    out[present] = np.searchsorted(ordered, kept, side="left") + 1
    return out


def average_ranks(x: np.ndarray) -> np.ndarray:
    """Ranks from the lowest value (1), ties averaged, NaN kept (R's ``rank``).

    >>> average_ranks(np.array([3.0, 1.0, 3.0, np.nan, 2.0])).tolist()
    [3.5, 1.0, 3.5, nan, 2.0]
    """
    out = np.full(x.shape, np.nan)
    present = ~np.isnan(x)
    kept = x[present]
    ordered = np.sort(kept)
    low = np.searchsorted(ordered, kept, side="left")
    high = np.searchsorted(ordered, kept, side="right")
    out[present] = (low + high + 1) / 2
    return out
