"""The rounding of a published index, one helper for the result and for the bands.

:class:`CompositeResult` and the band shares of the uncertainty analysis both round
with :func:`published`, so that they always agree.

Python's :func:`round` (and R's ``round``) round the decimal value a float stands for:
``round(52.535, 2)`` is ``52.53`` because the double nearest 52.535 lies just below it.
``numpy.round`` scales by 10**digits first, which can land on the other side of the
half (``np.round(52.535, 2)`` is ``52.54``). :func:`published` gives Python's digits at
numpy's speed: numpy's answer wherever the scaled value is clearly away from a half,
Python's :func:`round` for the few values near one.
"""

from __future__ import annotations

import numpy as np

__all__ = ["published"]

# Scaling by 10**digits is off by at most a few ulps; anything farther than this from
# a half rounds the same either way.
_NEAR_HALF = 1e-6
_EXACT = 2.0**52


def published(values: np.ndarray, digits: int | None) -> np.ndarray:
    """``values`` rounded as Python's ``round(value, digits)`` would, NaN kept.

    >>> published(np.array([52.535, 0.125, np.nan, 2.675]), 2).tolist()
    [52.53, 0.12, nan, 2.67]
    """
    x = np.asarray(values, dtype=np.float64)
    if digits is None:
        return np.array(x)
    out: np.ndarray = np.round(x, digits)
    scaled = np.abs(x) * 10.0**digits
    with np.errstate(invalid="ignore"):
        fraction = scaled - np.floor(scaled)
        doubtful = (np.abs(fraction - 0.5) < _NEAR_HALF) | (scaled >= _EXACT)
    for i in np.flatnonzero(doubtful & np.isfinite(x)):
        out.flat[i] = round(float(x.flat[i]), digits)
    return out
