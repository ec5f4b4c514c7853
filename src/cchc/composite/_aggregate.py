"""Weighted means of children, with COINr's rule for missing data.

Arithmetic, geometric and harmonic (COINr ``a_amean``, ``a_gmean``, ``a_hmean``).

A unit's missing children are dropped and the weights of the others rescaled to sum
to 1; a unit with every child missing gets a missing score. Geometric and harmonic
means need positive scores: a zero or negative child is an error naming the unit.
A unit whose present children all have weight 0 has no score to give: that is an
error naming the unit and the aggregate (impute, or give those children weight).

The checks are shared with the Monte-Carlo path (:mod:`._montecarlo`), which sums the
same way under many weight vectors at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from cchc.errors import CompositeError

__all__ = [
    "AGGREGATIONS",
    "Aggregation",
    "apply_min_coverage",
    "check_covered",
    "check_positive",
    "combine",
    "finish",
    "normalised_weights",
    "transform",
    "weighted_mean",
    "weighted_means",
]

Aggregation = Literal["arithmetic", "geometric", "harmonic"]
AGGREGATIONS: tuple[Aggregation, ...] = ("arithmetic", "geometric", "harmonic")


def weighted_mean(
    children: np.ndarray,
    weights: Sequence[float] | np.ndarray,
    method: Aggregation = "arithmetic",
    *,
    node: str = "",
    units: Sequence[str] = (),
    min_coverage: float | None = None,
) -> np.ndarray:
    """The weighted mean of each row of ``children`` (units × children).

    >>> weighted_mean(np.array([[1.0, 4.0], [2.0, np.nan]]), [1, 3], "geometric")
    array([2.82842712, 2.        ])

    Args:
        children: ``(units, k)`` scores, NaN where missing.
        weights: ``k`` relative weights (rescaled to sum to 1 over the children a unit has).
        method: ``"arithmetic"``, ``"geometric"`` or ``"harmonic"``.
        node: The aggregate's code, for error messages.
        units: Unit codes, for error messages.
        min_coverage: With a value in [0, 1], a unit that has fewer than this share
            of the children gets a missing score (COINr ``dat_thresh``).

    Raises:
        CompositeError: An unknown method, weights that do not fit, a geometric or
            harmonic mean over a score that is not positive, or a unit whose present
            children all have weight 0.
    """
    w = np.asarray(weights, dtype=np.float64)
    return weighted_means(
        children, w[None, :], method, node=node, units=units, min_coverage=min_coverage
    )[:, 0]


def weighted_means(
    children: np.ndarray,
    weights: np.ndarray,
    method: Aggregation | np.ndarray = "arithmetic",
    *,
    node: str = "",
    units: Sequence[str] = (),
    min_coverage: float | None = None,
) -> np.ndarray:
    """Weighted means of ``children`` under many weight vectors at once.

    Args:
        children: ``(units, k)`` scores, NaN where missing.
        weights: ``(r, k)`` relative weights, one row per replication.
        method: One method, or an ``(r,)`` array of method names, one per replication.
        node: The aggregate's code, for error messages.
        units: Unit codes, for error messages.
        min_coverage: See :func:`weighted_mean`.

    Returns:
        ``(units, r)`` scores.

    Raises:
        CompositeError: See :func:`weighted_mean`.
    """
    x = np.asarray(children, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    if x.ndim != 2 or w.ndim != 2 or w.shape[1] != x.shape[1]:
        raise CompositeError(
            f"{x.shape[1] if x.ndim == 2 else '?'} children but weights of shape {w.shape}",
            node=node or None,
        )
    w = normalised_weights(w, node)
    methods = np.broadcast_to(np.asarray(method, dtype=object), (w.shape[0],))
    unknown = set(methods.tolist()) - set(AGGREGATIONS)
    if unknown:
        raise CompositeError(f"unknown aggregation {sorted(map(str, unknown))}", node=node or None)
    present = ~np.isnan(x)
    complete = bool(present.all())
    if not complete:
        check_covered(
            [present[:, j, None] for j in range(x.shape[1])], w, node, units, units_first=True
        )
    out = np.empty((x.shape[0], w.shape[0]))
    for name in AGGREGATIONS:
        chosen = methods == name
        if not chosen.any():
            continue
        if name != "arithmetic":
            for j in range(x.shape[1]):
                check_positive(x[:, j, None], name, node, units, child=j, units_first=True)
        wk = w[chosen]
        out[:, chosen] = _mean(x, present, complete, wk, name)
    if min_coverage is not None:
        apply_min_coverage(out, [present[:, j, None] for j in range(x.shape[1])], min_coverage)
    return out


def normalised_weights(weights: np.ndarray, node: str = "") -> np.ndarray:
    """``(r, k)`` weights rescaled so that each row sums to 1.

    Raises:
        CompositeError: A weight that is negative or not finite, or a row summing to 0.
    """
    w = np.asarray(weights, dtype=np.float64)
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise CompositeError("weights must be finite and not negative", node=node or None)
    sums = w.sum(axis=1, keepdims=True)
    if np.any(sums <= 0):
        row = int(np.argmax(sums[:, 0] <= 0))
        where = f" (replication {row + 1})" if w.shape[0] > 1 else ""
        raise CompositeError(f"every child has weight 0{where}", node=node or None)
    out: np.ndarray = w / sums
    return out


def check_covered(
    present: Sequence[np.ndarray],
    weights: np.ndarray,
    node: str,
    units: Sequence[str],
    *,
    units_first: bool,
) -> None:
    """Refuse a unit whose present children all have weight 0 (it would get no score).

    Args:
        present: Per child, booleans laid out units × replications (``units_first``,
            as :func:`weighted_means`) or replications × units (the Monte-Carlo path).
        weights: ``(r, k)`` weights.
        node: The aggregate's code.
        units: Unit codes.
        units_first: The layout of ``present``.
    """
    if np.all(weights > 0):
        return
    layout_units_first = units_first
    any_present = np.zeros(np.broadcast_shapes(*(p.shape for p in present)), dtype=bool)
    covered = np.zeros_like(any_present)
    for j, has in enumerate(present):
        positive = weights[:, j] > 0
        weight_on = positive[None, :] if layout_units_first else positive[:, None]
        any_present = any_present | has
        covered = covered | (has & weight_on)
    bad = np.argwhere(any_present & ~covered)
    if bad.size:
        first, second = (int(i) for i in bad[0])
        unit, rep = (first, second) if layout_units_first else (second, first)
        where = f" in replication {rep + 1}" if weights.shape[0] > 1 else ""
        raise CompositeError(
            f"every child this unit has a score for has weight 0{where}, so it gets no "
            f"score; impute the missing children or give the others weight",
            node=node or None,
            unit=units[unit] if unit < len(units) else None,
        )


def apply_min_coverage(
    out: np.ndarray, present: Sequence[np.ndarray], min_coverage: float | None
) -> None:
    """Blank (in place) the scores of units with a smaller share of children than ``min_coverage``.

    ``present`` holds one boolean array per child, broadcasting against ``out``.
    """
    if min_coverage is None:
        return
    coverage = np.mean(np.broadcast_arrays(*present), axis=0)
    out[np.broadcast_to(coverage < min_coverage, out.shape)] = np.nan


def _mean(
    x: np.ndarray, present: np.ndarray, complete: bool, w: np.ndarray, name: Aggregation
) -> np.ndarray:
    terms = [transform(x[:, j, None], name) for j in range(x.shape[1])]
    weights = [w[None, :, j] for j in range(x.shape[1])]
    has = None if complete else [present[:, j, None] for j in range(x.shape[1])]
    return finish(combine(terms, weights, has), name)


def transform(x: np.ndarray, name: Aggregation) -> np.ndarray:
    """The child scores as the mean ``name`` sums them: x, log x or 1/x."""
    if name == "arithmetic":
        return x
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(x) if name == "geometric" else 1.0 / x


def finish(s: np.ndarray, name: Aggregation) -> np.ndarray:
    """The mean from the weighted sum of :func:`transform`-ed scores."""
    out: np.ndarray = np.exp(s) if name == "geometric" else 1.0 / s if name == "harmonic" else s
    return out


def combine(
    terms: Sequence[np.ndarray],
    weights: Sequence[np.ndarray],
    present: Sequence[np.ndarray] | None = None,
) -> np.ndarray:
    """``sum_j terms[j] * weights[j]``, element by element in child order.

    The arrays broadcast against each other (units × replications either way round).
    Each unit's score depends on its own values and the weights only, so equal rows
    give equal scores and one replication gives the same bits as many, whatever the
    layout (BLAS would promise neither). With ``present``, each unit's weights are
    rescaled to the children it has, and a unit with none gets NaN.
    """
    total = np.zeros(np.broadcast_shapes(*(t.shape for t in terms), *(w.shape for w in weights)))
    if present is None:
        for t, w in zip(terms, weights, strict=True):
            total = total + t * w
        return total
    norm = np.zeros_like(total)
    for t, w, has in zip(terms, weights, present, strict=True):
        total = total + np.where(has, t, 0.0) * w
        norm = norm + has * w
    with np.errstate(invalid="ignore", divide="ignore"):
        mean: np.ndarray = np.where(norm > 0, total / np.where(norm > 0, norm, 1.0), np.nan)
    return mean


def check_positive(
    scores: np.ndarray,
    name: str,
    node: str,
    units: Sequence[str],
    *,
    child: int | str,
    units_first: bool,
) -> None:
    """Refuse a score that is not positive under a geometric or harmonic mean.

    ``scores`` are one child's scores, units × replications (``units_first``) or
    replications × units; NaN is ignored.
    """
    bad = scores <= 0  # NaN compares False
    if bad.any():
        position = np.argwhere(bad)[0]
        unit = int(position[0]) if units_first else int(position[-1])
        shown = f"child {child + 1}" if isinstance(child, int) else child
        raise CompositeError(
            f"a {name} mean needs positive scores, but {shown} is {float(scores[bad][0])!r} "
            f"({int(bad.sum())} such scores in all); normalise onto a positive range (e.g. "
            f"min-max to [1, 100]) or use the arithmetic mean",
            node=node or None,
            unit=units[unit] if len(units) > unit else None,
        )
