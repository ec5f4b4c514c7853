"""Normalisation of indicators, one column at a time, after applying its direction.

Each method mirrors a COINr function; COINr multiplies a column by its direction
(±1) before calling it, and so does :func:`normalise_column`, except for goalposts,
which are given in the indicator's own units and flipped for a negative direction.
"""

from __future__ import annotations

import math

import attrs
import numpy as np

from cchc.composite._checks import as_float, flag, real
from cchc.composite._ranks import min_ranks_ascending
from cchc.errors import CompositeError

__all__ = [
    "Goalposts",
    "MinMax",
    "Normalisation",
    "RankScale",
    "Unchanged",
    "ZScore",
    "normalise_column",
]


@attrs.frozen
class MinMax:
    """Min-max scaling onto ``[lower, upper]`` (COINr ``n_minmax`` with ``l_u``).

    ``(x - min) / (max - min) * (upper - lower) + lower`` over the units that have
    a value; a column whose values are all equal is refused.
    """

    lower: float = attrs.field(default=0.0, validator=real(), converter=as_float)
    upper: float = attrs.field(default=100.0, validator=real(), converter=as_float)

    def __attrs_post_init__(self) -> None:
        if self.upper <= self.lower:
            raise CompositeError("min-max needs upper > lower", value=(self.lower, self.upper))


@attrs.frozen
class ZScore:
    """Standard scores with a chosen mean and standard deviation (COINr ``n_zscore``).

    ``(x - mean(x)) / sd(x) * sd + mean``, with the sample standard deviation
    (n − 1), over the units that have a value.
    """

    mean: float = attrs.field(default=0.0, validator=real(), converter=as_float)
    sd: float = attrs.field(default=1.0, validator=real(), converter=as_float)

    def __attrs_post_init__(self) -> None:
        if self.sd <= 0:
            raise CompositeError("z-score needs sd > 0", value=self.sd)


@attrs.frozen
class RankScale:
    """Ranks as scores, lowest value 1 (COINr ``n_rank``): ties share the lowest rank."""


@attrs.frozen
class Goalposts:
    """Distance from ``lower`` to ``upper`` goalpost times ``scale`` (COINr ``n_goalposts``).

    Goalposts are in the indicator's own units. For direction 1 the score is
    ``(x - lower) / (upper - lower) * scale``; for direction -1 it is
    ``(upper - x) / (upper - lower) * scale``. With ``truncate`` values beyond the
    goalposts get 0 or ``scale``.
    """

    lower: float = attrs.field(validator=real(), converter=as_float)
    upper: float = attrs.field(validator=real(), converter=as_float)
    scale: float = attrs.field(default=1.0, validator=real(), converter=as_float)
    truncate: bool = attrs.field(default=True, validator=flag)

    def __attrs_post_init__(self) -> None:
        if self.upper <= self.lower:
            raise CompositeError("goalposts need upper > lower", value=(self.lower, self.upper))


@attrs.frozen
class Unchanged:
    """No scaling: the direction-adjusted values themselves (COINr ``f_n = "none"``)."""


Normalisation = MinMax | ZScore | RankScale | Goalposts | Unchanged
"""One of the normalisation methods."""


def normalise_column(
    values: np.ndarray, method: Normalisation, direction: int = 1, *, code: str = ""
) -> np.ndarray:
    """Normalise one indicator column (NaN stays NaN).

    >>> normalise_column(np.array([2.0, 4.0, np.nan, 6.0]), MinMax(0, 100), -1)
    array([100.,  50.,  nan,   0.])

    Args:
        values: The column, NaN where missing.
        method: How to normalise.
        direction: ``1`` (higher is better) or ``-1`` (lower is better).
        code: The indicator's code, for error messages.

    Raises:
        CompositeError: A column with no values; min-max or z-score of a column whose
            values are all equal.
    """
    if direction not in (1, -1) or isinstance(direction, bool):
        raise CompositeError("direction must be 1 or -1", node=code or None, value=direction)
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 1:
        raise CompositeError(f"normalises one column, not a {x.ndim}-D array", node=code or None)
    present = ~np.isnan(x)
    if not present.any():
        raise CompositeError("no unit has a value", node=code or None)
    if isinstance(method, Goalposts):
        return _goalposts(x, method, direction)
    x = x * direction
    if isinstance(method, MinMax):
        lo, hi = np.min(x[present]), np.max(x[present])
        if lo == hi:
            raise CompositeError(
                "all values are equal: min-max is undefined", node=code or None, value=float(lo)
            )
        return (x - lo) / (hi - lo) * (method.upper - method.lower) + method.lower
    if isinstance(method, ZScore):
        kept = x[present]
        sd = float(np.std(kept, ddof=1)) if kept.size > 1 else 0.0
        if sd == 0 or not math.isfinite(sd):
            raise CompositeError(
                "fewer than two distinct values: z-score is undefined", node=code or None
            )
        return (x - np.mean(kept)) / sd * method.sd + method.mean
    if isinstance(method, RankScale):
        return min_ranks_ascending(x)
    if isinstance(method, Unchanged):
        return x
    raise CompositeError(
        f"not a normalisation method (expected one of {_NAMES})", node=code or None, value=method
    )


_NAMES = "MinMax, ZScore, RankScale, Goalposts, Unchanged"
NORMALISATIONS = (MinMax, ZScore, RankScale, Goalposts, Unchanged)
"""The normalisation classes, for ``isinstance`` checks."""


def _goalposts(x: np.ndarray, method: Goalposts, direction: int) -> np.ndarray:
    span = method.upper - method.lower
    y = (x - method.lower) / span if direction == 1 else (method.upper - x) / span
    if method.truncate:
        y = np.where(np.isnan(y), y, np.clip(y, 0.0, 1.0))
    return y * method.scale
