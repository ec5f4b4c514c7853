"""Target progress along a straight trajectory from the baseline to the target value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from cchc.documents.plan import Measurement
from cchc.documents.programme import Target
from cchc.monitoring._values import TargetProgress, TargetStatus
from cchc.vocabulary import Comparator

__all__ = ["DEFAULT_TOLERANCE", "expected_value", "target_progress"]

DEFAULT_TOLERANCE = Decimal("0.1")
"""The at-risk band: a shortfall up to 10% of the planned change ``|value - baseline|``."""

_PLACES = Decimal("0.0001")


def _meets(comparator: Comparator, actual: Decimal, target: Decimal) -> bool:
    if comparator is Comparator.AT_LEAST:
        return actual >= target
    if comparator is Comparator.AT_MOST:
        return actual <= target
    return actual == target


def _shortfall(comparator: Comparator, actual: Decimal, expected: Decimal) -> Decimal:
    if comparator is Comparator.AT_LEAST:
        return expected - actual
    if comparator is Comparator.AT_MOST:
        return actual - expected
    return abs(actual - expected)


def expected_value(
    baseline: Decimal, baseline_on: dt.date, value: Decimal, deadline: dt.date, day: dt.date
) -> Decimal:
    """The trajectory's value on ``day``, to 4 decimal places (half-even).

    A straight line from ``baseline`` on ``baseline_on`` to ``value`` on
    ``deadline``; flat before the one and after the other.

    >>> import datetime as dt
    >>> expected_value(Decimal(40), dt.date(2021, 12, 31), Decimal(80), dt.date(2025, 12, 31),
    ...                dt.date(2023, 12, 31))
    Decimal('59.9863')
    """
    if day <= baseline_on:
        return baseline.quantize(_PLACES)
    if day >= deadline:
        return value.quantize(_PLACES)
    share = Decimal((day - baseline_on).days) / Decimal((deadline - baseline_on).days)
    return (baseline + (value - baseline) * share).quantize(_PLACES)


def target_progress(
    target: Target,
    measurements: Iterable[Measurement],
    as_of: dt.date,
    *,
    programme: str = "",
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> TargetProgress:
    """How ``target`` stands as of ``as_of``, from the measurements made by then.

    Only measurements of this target (by code) dated on or before ``as_of`` count;
    of several on one day, the last given counts. The status is the first that holds:

    1. no data — no measurement yet;
    2. achieved — the latest value meets the target under its comparator;
    3. off track — the target's year is over (``as_of`` after 31 December of ``by_year``);
    4. on track — the shortfall against the trajectory is zero or negative;
    5. at risk — the shortfall is at most ``tolerance × |value - baseline|``;
    6. off track — otherwise.

    The baseline is the target's own (its value on 31 December of its baseline
    year) or, when it has none, the first measurement; a single measurement and
    no baseline therefore cannot lag its own trajectory.

    Args:
        target: The programme's target.
        measurements: Measurements of any targets; others are ignored.
        as_of: The day judged at.
        programme: Code of the programme, copied into the result.
        tolerance: The at-risk band as a share of the planned change (>= 0).

    Raises:
        ValueError: ``tolerance`` is negative.
    """
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    seen = [m for m in measurements if m.target == target.code and m.date <= as_of]
    result = TargetProgress(
        target=target.code,
        programme=programme,
        indicator_vi=target.indicator_vi,
        indicator_en=target.indicator_en or target.indicator_vi,
        comparator=target.comparator,
        value=target.value,
        unit=target.unit,
        by_year=target.by_year,
        status=TargetStatus.NO_DATA,
        tolerance=tolerance,
        verified=target.verified,
    )
    if not seen:
        return result
    latest = max(enumerate(seen), key=lambda pair: (pair[1].date, pair[0]))[1]
    if target.baseline_value is not None and target.baseline_year is not None:
        baseline, base_on, origin = (
            target.baseline_value, dt.date(target.baseline_year, 12, 31), "target"
        )  # fmt: skip
    else:
        first = min(enumerate(seen), key=lambda pair: (pair[1].date, pair[0]))[1]
        baseline, base_on, origin = first.value, first.date, "measurement"
    deadline = dt.date(target.by_year, 12, 31)
    expected = expected_value(baseline, base_on, target.value, deadline, latest.date)
    if as_of > deadline:
        expected = target.value.quantize(_PLACES)
    shortfall = _shortfall(target.comparator, latest.value, expected)
    band = tolerance * abs(target.value - baseline)
    if _meets(target.comparator, latest.value, target.value):
        status = TargetStatus.ACHIEVED
    elif as_of > deadline:
        status = TargetStatus.OFF_TRACK
    elif shortfall <= 0:
        status = TargetStatus.ON_TRACK
    elif shortfall <= band:
        status = TargetStatus.AT_RISK
    else:
        status = TargetStatus.OFF_TRACK
    return attrs.evolve(
        result,
        status=status,
        baseline=baseline,
        baseline_on=base_on,
        baseline_from=origin,
        actual=latest.value,
        measured_on=latest.date,
        expected=expected,
        shortfall=shortfall,
    )
