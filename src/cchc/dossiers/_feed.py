"""The indicators where other parts of cchc take them: PAR criteria and accountability.

- :func:`dossier_inputs` gives leaves of a PAR framework their input from a unit's
  dossier rates, as :func:`cchc.scoring.derived.derived_inputs` does from a plan's
  monitoring: a rate in [0, 1], rounded half-up to 4 places (0.01 %) from the exact
  fraction, for ``tiers`` (on a rate), ``proportional`` and ``proportional-to-target``
  rules; an undefined rate (no dossier to judge) is an error, never a silent zero.
- :func:`unit_results` turns a year's index into :class:`~cchc.accountability.UnitResult`
  values (index = total / max_points × 100, rank among the units), which rating policies
  read like a PAR round's results.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from cchc.accountability import UnitResult
from cchc.accountability._values import round_half_up
from cchc.documents.assessment import InputValue
from cchc.documents.framework import Framework
from cchc.documents.rules import ProportionalRule, TargetRule, TiersRule
from cchc.dossiers._rules import RATES, RateName
from cchc.dossiers._values import IndicatorRow, ServiceIndex
from cchc.errors import DossierError, ScoringError

__all__ = ["RATE_PLACES", "dossier_inputs", "exact_rate", "unit_results"]

RATE_PLACES = 4
"""Decimal places of a rate given as a criterion's input (0.01 %, as reports state it)."""


def exact_rate(row: IndicatorRow, rate: RateName) -> Fraction | None:
    """The rate ``rate`` of ``row`` as an exact fraction (None when its denominator is 0).

    >>> from decimal import Decimal
    >>> from cchc.dossiers._values import IndicatorRow
    >>> row = IndicatorRow("X1", "P1", "2025", {"on_time": 2, "judged": 3}, {}, {}, None,
    ...                    Decimal(0), None, 0)
    >>> exact_rate(row, "on_time")
    Fraction(2, 3)
    """
    numerator, denominator = RATES[rate]
    d = row.counts[denominator]
    return Fraction(row.counts[numerator], d) if d else None


def dossier_inputs(
    framework: Framework, row: IndicatorRow, sources: Mapping[str, RateName] | None = None
) -> dict[str, InputValue]:
    """The inputs of leaves derived from dossier rates, from ``row``'s rates.

    By default the leaves are those whose ``derived_from`` names a dossier rate
    (``dossier-on-time-rate``, ``dossier-online-rate``, ``dossier-online-payment-rate``,
    ``dossier-digitised-rate``, ``dossier-e-result-rate``); ``sources`` names them
    instead, for a framework that does not say.

    Args:
        framework: The PAR framework whose leaves take the inputs.
        row: One unit's (or province's) indicators, usually for the year.
        sources: Leaf code → the rate it takes (``"on_time"``, ``"online"``,
            ``"online_payment"``, ``"digitised"``, ``"e_result"``).

    Returns:
        Leaf code → the rate in [0, 1], rounded half-up to :data:`RATE_PLACES` places.

    Raises:
        ScoringError: A leaf does not exist, its rule does not take a rate, or the rate is
            undefined (its denominator is 0) — named with the unit and criterion.
    """
    leaves = {leaf.code: leaf for leaf in framework.leaves()}
    if sources is None:
        sources = {
            leaf.code: _FROM_SOURCE[leaf.derived_from]
            for leaf in leaves.values()
            if leaf.derived_from in _FROM_SOURCE
        }
    inputs: dict[str, InputValue] = {}
    for code, rate in sources.items():
        leaf = leaves.get(code)
        if leaf is None:
            raise ScoringError(row.key, code, f"framework {framework.code} has no such leaf")
        if rate not in RATES:
            raise ScoringError(row.key, code, f"no dossier rate {rate!r}; use {', '.join(RATES)}")
        rule = leaf.rule
        takes_rate = isinstance(rule, ProportionalRule | TargetRule) or (
            isinstance(rule, TiersRule) and rule.on == "rate"
        )
        if not takes_rate:
            kind = rule.kind if rule is not None else "no rule"
            raise ScoringError(row.key, code, f"a {kind} rule does not take a rate")
        value = exact_rate(row, rate)
        if value is None:
            raise ScoringError(
                row.key, code, f"the {rate} rate of {row.period} is undefined: no dossier to judge"
            )
        inputs[code] = round_half_up(value, RATE_PLACES)
    return inputs


_FROM_SOURCE: dict[str | None, RateName] = {
    f"dossier-{rate.replace('_', '-')}-rate": rate for rate in RATES
}
"""Each ``derived_from`` source of :data:`~cchc.documents.framework.DerivedSource` that
names a dossier rate, and that rate (``dossier-on-time-rate`` → ``on_time``)."""


def unit_results(index: ServiceIndex) -> tuple[UnitResult, ...]:
    """One accountability result per row of a year's index (rows without points left out).

    ``index`` of the result is the 766 total over the maximum of the available criteria,
    × 100 (2 places, half-up), for policies that band the index; ``rank`` and ``ranked``
    are the Decision's own, by total points. The two orders can differ: a unit without
    fee-owing dossiers is scored out of fewer points and its total is not rescaled, so
    34 of 36 points (index 94.44) ranks below 35 of 42 (83.33).

    Raises:
        DossierError: ``index`` is not by year.
    """
    if index.period != "year":
        raise DossierError(f"accountability takes a year's results, not a {index.period}'s")
    return tuple(
        UnitResult(unit=row.key, year=index.year, index=row.index, rank=row.rank, ranked=row.ranked)
        for row in index.rows
        if row.total is not None
    )
