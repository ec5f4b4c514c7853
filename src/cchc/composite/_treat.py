"""Outlier treatment (COINr ``Treat`` with its defaults).

For each indicator: if its skew and kurtosis are out of bounds (``|skew| >=
skew_limit`` *and* ``kurtosis >= kurtosis_limit``), Winsorise it — give the
highest (positive skew) or lowest (negative skew) value(s) the next value in,
one step at a time — until it is in bounds or ``max_points`` points were
Winsorised. Values tied at the extreme move together and each counts as a point; a
step that would take the count past ``max_points`` is not taken. If it is still
out of bounds, take the log transform of the *original* column instead
(``log(x - min + 0.01 (max - min))``, COINr ``log_CT``).
Skew and kurtosis are the bias-corrected sample statistics (type 2 of
``e1071``, as Excel), over the units that have a value.
"""

from __future__ import annotations

import math

import attrs
import numpy as np

from cchc.composite._checks import as_float, flag, real, whole
from cchc.errors import CompositeError

__all__ = ["TreatmentRecord", "Winsorise", "kurtosis", "skewness", "treat_column"]


@attrs.frozen
class Winsorise:
    """COINr's default two-stage treatment: Winsorise, else log-transform.

    Attributes:
        max_points: Most points to Winsorise (COINr ``winmax``, default 5).
        skew_limit: Absolute skew bound (default 2).
        kurtosis_limit: Kurtosis bound (default 3.5).
        log_fallback: Log-transform when Winsorising is not enough (COINr ``f2 =
            "log_CT"``); ``False`` keeps the Winsorised column.
    """

    max_points: int = attrs.field(default=5, validator=whole(0))
    skew_limit: float = attrs.field(default=2.0, validator=real(0), converter=as_float)
    kurtosis_limit: float = attrs.field(default=3.5, validator=real(), converter=as_float)
    log_fallback: bool = attrs.field(default=True, validator=flag)


@attrs.frozen
class TreatmentRecord:
    """What the treatment did to one indicator.

    Attributes:
        indicator: The indicator's code.
        winsorised_high: Units whose value was lowered to the next highest value.
        winsorised_low: Units whose value was raised to the next lowest value.
        log_transformed: Whether the log fallback replaced the column.
        skew_before: Skew of the column as given.
        kurtosis_before: Kurtosis of the column as given.
        passes: Whether the column ends within bounds.
    """

    indicator: str
    winsorised_high: tuple[int, ...]
    winsorised_low: tuple[int, ...]
    log_transformed: bool
    skew_before: float
    kurtosis_before: float
    passes: bool

    @property
    def treated(self) -> bool:
        """Whether the column was changed at all."""
        return bool(self.winsorised_high or self.winsorised_low or self.log_transformed)


def _scaled_deviations(kept: np.ndarray) -> np.ndarray:
    # Both statistics are scale-free: dividing by the largest deviation keeps the
    # third and fourth powers away from underflow and overflow.
    d: np.ndarray = kept - kept.mean()
    largest = float(np.max(np.abs(d)))
    return d / largest if largest > 0 else d


def skewness(x: np.ndarray) -> float:
    """Sample skewness, bias-corrected (``e1071`` type 2; COINr ``skew``), NaN ignored.

    Raises:
        CompositeError: Fewer than three values.
    """
    kept = x[~np.isnan(x)]
    n = kept.size
    if n < 3:
        raise CompositeError(f"skewness needs at least 3 values, not {n}")
    d = _scaled_deviations(kept)
    m2 = float(np.sum(d**2))
    if m2 == 0:
        return math.nan
    g = math.sqrt(n) * float(np.sum(d**3)) / m2**1.5
    return float(g * math.sqrt(n * (n - 1)) / (n - 2))


def kurtosis(x: np.ndarray) -> float:
    """Sample excess kurtosis, bias-corrected (``e1071`` type 2; COINr ``kurt``), NaN ignored.

    Raises:
        CompositeError: Fewer than four values.
    """
    kept = x[~np.isnan(x)]
    n = kept.size
    if n < 4:
        raise CompositeError(f"kurtosis needs at least 4 values, not {n}")
    d = _scaled_deviations(kept)
    m2 = float(np.sum(d**2))
    if m2 == 0:
        return math.nan
    r = n * float(np.sum(d**4)) / m2**2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def _passes(x: np.ndarray, policy: Winsorise) -> bool:
    sk, kt = skewness(x), kurtosis(x)
    if math.isnan(sk) or math.isnan(kt):
        return True  # a constant column has no outliers
    return abs(sk) < policy.skew_limit or kt < policy.kurtosis_limit


def treat_column(
    values: np.ndarray, policy: Winsorise, *, code: str = ""
) -> tuple[np.ndarray, TreatmentRecord]:
    """Treat one indicator column for outliers (see the module docstring).

    >>> x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0])
    >>> treated, record = treat_column(x, Winsorise())
    >>> record.winsorised_high, treated[-2:].tolist(), record.passes
    ((11,), [30.0, 30.0], True)

    Raises:
        CompositeError: Fewer than four units have a value.
    """
    if not isinstance(policy, Winsorise):
        raise CompositeError(
            "not an outlier treatment (expected Winsorise or None)", node=code or None, value=policy
        )
    x = np.array(values, dtype=np.float64)
    try:
        sk0, kt0 = skewness(x), kurtosis(x)
    except CompositeError as error:
        raise CompositeError(error.reason + " to treat outliers", node=code or None) from None
    if _passes(x, policy):
        return x, TreatmentRecord(code, (), (), False, sk0, kt0, True)
    high: set[int] = set()
    low: set[int] = set()
    win = np.array(x)
    passing = False
    while not passing:
        present = ~np.isnan(win)
        upper = skewness(win) >= 0
        extreme = np.nanmax(win) if upper else np.nanmin(win)
        moving = np.flatnonzero(present & (win == extreme))
        rest = win[present & (win != extreme)]
        moved = high | low | {int(i) for i in moving}
        if rest.size == 0 or len(moved) > policy.max_points:
            break
        win[moving] = rest.max() if upper else rest.min()
        (high if upper else low).update(int(i) for i in moving)
        passing = _passes(win, policy)
    if passing or not policy.log_fallback:
        record = TreatmentRecord(
            code, tuple(sorted(high)), tuple(sorted(low)), False, sk0, kt0, passing
        )
        return win, record
    lo, hi = np.nanmin(x), np.nanmax(x)
    logged = np.log(x - lo + 0.01 * (hi - lo))
    return logged, TreatmentRecord(code, (), (), True, sk0, kt0, _passes(logged, policy))
