"""Numeric kernels: Wilson intervals, effective sample sizes, grouped tabulation, bootstrap."""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from cchc.errors import SurveyError
from cchc.surveys._matrix import NOT_ASKED, ResponseMatrix

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from cchc.documents.survey import Questionnaire


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.96 for 0.95)."""
    if not 0 < confidence < 1 or not 0 < 0.5 + confidence / 2 < 1:  # 1 - 1e-16 is 1 here
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(
    p: NDArray[np.float64], n: NDArray[np.float64], z: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson score bounds of shares ``p`` from (effective) sizes ``n``; NaN where ``n`` is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        # Rounding may put a bound a hair past the estimate at p = 0 or 1.
        low = np.where(n > 0, np.minimum(np.clip(centre - half, 0, 1), p), np.nan)
        high = np.where(n > 0, np.maximum(np.clip(centre + half, 0, 1), p), np.nan)
    return low, high


def effective_sample_size(weights: Sequence[float] | NDArray[np.float64]) -> float:
    """Kish's effective sample size ``(Σw)² / Σw²``; equals ``len(weights)`` when all are equal.

    >>> effective_sample_size([1.0, 1.0, 1.0, 1.0])
    4.0
    >>> round(effective_sample_size([1.0, 3.0]), 6)
    1.6
    """
    array = np.asarray(weights, dtype=np.float64)
    squares = float(np.sum(array * array))
    return float(np.sum(array)) ** 2 / squares if squares > 0 else 0.0


def normal_p_value(z: float) -> float:
    """Two-sided p-value of a standard normal statistic."""
    return math.erfc(abs(z) / math.sqrt(2))


@attrs.frozen(eq=False)
class Groups:
    """Rows assigned to groups; groups numbered in the sorted order of their keys."""

    ids: NDArray[np.intp]
    keys: tuple[tuple[str | None, ...], ...]

    @property
    def count(self) -> int:
        """How many groups."""
        return len(self.keys)


def _sort_key(key: tuple[str | None, ...]) -> tuple[tuple[bool, str], ...]:
    return tuple((part is not None, part or "") for part in key)


def group_rows(matrix: ResponseMatrix, by: Sequence[str]) -> Groups:
    """Number the groups that ``by`` makes of the rows (only groups that have rows)."""
    rows = len(matrix)
    if not by:
        return Groups(np.zeros(rows, dtype=np.intp), ((),) if rows else ())
    columns = [matrix.codes(dimension) for dimension in by]
    sizes = [len(labels) + 1 for _, labels in columns]  # +1: code -1 (none) shifts to 0
    flat = np.zeros(rows, dtype=np.intp)
    for (codes, _), size in zip(columns, sizes, strict=True):
        flat = flat * size + (codes + 1)
    total = math.prod(sizes)
    if total <= max(4 * rows, 1 << 20):
        present = np.flatnonzero(np.bincount(flat, minlength=total))
        lookup = np.zeros(total, dtype=np.intp)
        lookup[present] = np.arange(present.size)
        dense = lookup[flat]
    else:
        present, dense = np.unique(flat, return_inverse=True)
    parts = np.unravel_index(present, sizes)
    keys = [
        tuple(
            None if c == 0 else labels[c - 1] for c, (_, labels) in zip(codes, columns, strict=True)
        )
        for codes in zip(*(p.tolist() for p in parts), strict=True)
    ]
    order = sorted(range(len(keys)), key=lambda g: _sort_key(keys[g]))
    rank = np.empty(len(keys), dtype=np.intp)
    rank[order] = np.arange(len(keys))
    return Groups(rank[dense], tuple(keys[g] for g in order))


SUMS = ("valid", "missing", "satisfied", "w_valid", "w_satisfied", "w_score", "w_square")
"""What :func:`tabulate` sums: counts, then weighted sums (``w_square``: of squared weights)."""


def tabulate(
    matrix: ResponseMatrix, groups: Groups, questionnaire: Questionnaire
) -> dict[str, NDArray[Any]]:
    """Per group and questionnaire item (in its order), the :data:`SUMS` of the answers.

    One histogram of every column by group and answer value gives all the sums;
    items the matrix lacks stay zero.

    Raises:
        SurveyError: An answer is neither on the scale nor 0 / -1.
    """
    answers, count = matrix.answers, groups.count
    position = {item.code: k for k, item in enumerate(questionnaire.items)}
    out = {
        n: np.zeros((count, len(position)), dtype=np.int64 if n[0] != "w" else np.float64)
        for n in SUMS
    }
    if answers.size == 0:
        return out
    low, high = int(answers.min()), int(answers.max())
    width, values = high - low + 1, np.arange(low, high + 1)
    base = groups.ids * width - low
    hist = np.empty((answers.shape[1], count, width), dtype=np.int64)
    for j in range(answers.shape[1]):
        hist[j] = np.bincount(base + answers[:, j], minlength=count * width).reshape(count, width)
    on_scale = np.isin(values, questionnaire.scale_values)
    off = (hist.sum(axis=(0, 1)) > 0) & ~on_scale & (values != 0) & (values != NOT_ASKED)
    if off.any():
        rows, cols = np.nonzero(np.isin(answers, values[off]))
        value = int(answers[rows[0], cols[0]])
        shown = ", ".join(map(str, questionnaire.scale_values))
        raise SurveyError(
            f"answer {value} is not on the scale ({shown}), nor 0 (no answer) or -1 (not asked)",
            path=("answers", int(rows[0]), matrix.items[int(cols[0])]),
            value=value,
            count=int(hist[..., off].sum()),
        )
    weighted, squared = hist, hist
    if matrix.weights is not None:
        weighted, squared = (
            np.stack([np.bincount(base + answers[:, j], weights=w, minlength=count * width)
                      .reshape(count, width) for j in range(answers.shape[1])])
            for w in (matrix.weights, matrix.weights * matrix.weights)
        )  # fmt: skip
    sat = np.isin(values, questionnaire.satisfied)
    place = [position[code] for code in matrix.items]
    for name, source, mask, scale in (
        ("valid", hist, on_scale, 1),
        ("missing", hist, values == 0, 1),
        ("satisfied", hist, sat, 1),
        ("w_valid", weighted, on_scale, 1),
        ("w_satisfied", weighted, sat, 1),
        ("w_score", weighted, on_scale, values),
        ("w_square", squared, on_scale, 1),
    ):
        out[name][:, place] = (source * scale)[..., mask].sum(-1).T
    return out


def answered_any(
    matrix: ResponseMatrix, groups: Groups, columns: Sequence[Sequence[int]]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Per group: responses with a valid answer in each column set, and in any of them."""
    answers, count = matrix.answers, groups.count
    per_set = np.zeros((count, len(columns)), dtype=np.int64)
    anywhere = np.zeros(len(matrix), dtype=bool)
    for f, cols in enumerate(columns):
        if not cols:
            continue
        hit = answers[:, cols[0]] > 0
        for c in cols[1:]:
            hit |= answers[:, c] > 0
        per_set[:, f] = np.bincount(groups.ids, weights=hit, minlength=count).astype(np.int64)
        anywhere |= hit
    overall = np.bincount(groups.ids, weights=anywhere, minlength=count).astype(np.int64)
    return per_set, overall


def overall_share(
    satisfied: NDArray[np.float64], valid: NDArray[np.float64], *, pooled: bool
) -> NDArray[np.float64]:
    """Overall share from per-factor weighted sums (last axis): pooled, or mean of factor shares.

    Factors without a valid answer are left out of the mean; NaN where nothing is left.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        if pooled:
            total = valid.sum(-1)
            return np.where(total > 0, satisfied.sum(-1) / total, np.nan)
        has = valid > 0
        shares = np.where(has, satisfied / np.where(has, valid, 1), 0.0)
        used = has.sum(-1)
        return np.where(used > 0, shares.sum(-1) / np.maximum(used, 1), np.nan)


def bootstrap(
    matrix: ResponseMatrix,
    groups: Groups,
    columns: Sequence[Sequence[int]],
    satisfied: Sequence[int],
    *,
    pooled: bool,
    resamples: int,
    seed: int,
    confidence: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Percentile bootstrap of the overall index per group, resampling responses.

    Rows are put in a canonical order within their group first, and each group draws
    from its own generator seeded with ``(seed, group number)``, so the bounds do not
    depend on the order of the responses.
    """
    answers = matrix.answers
    weights = np.ones(len(matrix)) if matrix.weights is None else matrix.weights
    is_satisfied = np.zeros(256, dtype=np.float64)
    is_satisfied[list(satisfied)] = 1.0
    sums = np.zeros((2, len(matrix), len(columns)), dtype=np.float64)
    for f, cols in enumerate(columns):
        block = answers[:, list(cols)]
        sums[0, :, f] = is_satisfied[block.view(np.uint8)].sum(axis=1) * weights
        sums[1, :, f] = (block > 0).sum(axis=1) * weights
    order = np.lexsort((*sums[0].T, *sums[1].T, groups.ids))
    bounds = np.searchsorted(groups.ids[order], np.arange(groups.count + 1))
    quantiles = [(1 - confidence) / 2, (1 + confidence) / 2]
    low = np.full(groups.count, np.nan)
    high = np.full(groups.count, np.nan)
    for g in range(groups.count):
        rows = order[bounds[g] : bounds[g + 1]]
        both = np.hstack([sums[0][rows], sums[1][rows]])
        rng = np.random.default_rng([seed, g])
        chunk = max(1, 4_000_000 // max(1, rows.size))
        drawn: list[NDArray[np.float64]] = []
        for start in range(0, resamples, chunk):
            size = min(chunk, resamples - start)
            pick = rng.integers(0, rows.size, size=(size, rows.size))
            pick += (np.arange(size) * rows.size)[:, None]
            # How often each row was drawn, times the rows' sums: one matrix product.
            drawn_sums = np.bincount(pick.ravel(), minlength=size * rows.size)
            totals = drawn_sums.reshape(size, rows.size).astype(np.float64) @ both
            f = len(columns)
            drawn.append(overall_share(totals[:, :f], totals[:, f:], pooled=pooled))
        stats = np.concatenate(drawn) if drawn else np.empty(0)
        stats = stats[~np.isnan(stats)]
        if stats.size:
            low[g], high[g] = np.quantile(stats, quantiles) * 100
    return low, high
