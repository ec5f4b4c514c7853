"""A successor unit's index series across a merger: a derived view with a named method.

Results stay with the unit that was assessed: a district dissolved on 2025-07-01 and
communes merged that day keep theirs, and so do their heads. A successor's series
before it existed is *derived* from its predecessors by a method you choose and that
every point names — never merged silently:

- :class:`MeanOfPredecessors` — the plain mean of the predecessors' indexes;
- :class:`WeightedPredecessors` — a weighted mean, weights and their basis named
  (population, number of villages…);
- :class:`NamedPredecessor` — one predecessor's index (the one whose seat it kept).

A year for which a predecessor has no index gives a point without an index that lists
who is missing. Only indexes are derived: ranks and bands belong to the round that
ranked the units and do not carry over.

>>> import datetime as dt
>>> from decimal import Decimal
>>> from cchc.accountability import UnitResult
>>> from cchc.documents import AdministrativeUnit, Organisation
>>> org = Organisation(code="m", units=(
...     AdministrativeUnit(code="a", name_vi="Xã A", kind="commune", valid_to="2025-07-01"),
...     AdministrativeUnit(code="b", name_vi="Xã B", kind="commune", valid_to="2025-07-01"),
...     AdministrativeUnit(code="ab", name_vi="Xã AB", kind="commune", valid_from="2025-07-01",
...                        predecessors=({"unit": "a", "event": "merged",
...                                       "effective_on": "2025-07-01"},
...                                      {"unit": "b", "event": "merged",
...                                       "effective_on": "2025-07-01"}))))
>>> results = [UnitResult("a", 2024, Decimal("80")), UnitResult("b", 2024, Decimal("85.05")),
...            UnitResult("ab", 2026, Decimal("88"))]
>>> series = successor_series(org, "ab", results, method=MeanOfPredecessors())
>>> [(p.year, p.index, p.method) for p in series.points]
[(2024, Decimal('82.53'), 'mean-of-predecessors'), (2026, Decimal('88'), None)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc.accountability._values import UnitResult, round_half_up
from cchc.documents import Organisation
from cchc.errors import NotFoundError

__all__ = [
    "DerivedSeries",
    "MeanOfPredecessors",
    "MergeMethod",
    "NamedPredecessor",
    "SeriesPoint",
    "WeightedPredecessors",
    "predecessors_of",
    "successor_series",
]


@attrs.frozen
class MeanOfPredecessors:
    """The plain mean of every predecessor's index (all must have one)."""

    name = "mean-of-predecessors"

    def combine(self, values: Mapping[str, Decimal]) -> Fraction:
        """The mean of ``values``."""
        return sum((Fraction(v) for v in values.values()), Fraction(0)) / len(values)

    def needs(self, predecessors: tuple[str, ...]) -> tuple[str, ...]:
        """The predecessors whose indexes it needs."""
        return predecessors


def _sorted_weights(
    weights: Mapping[str, Decimal] | Iterable[tuple[str, Decimal]],
) -> tuple[tuple[str, Decimal], ...]:
    return tuple(sorted(dict(weights).items()))


@attrs.frozen
class WeightedPredecessors:
    """A weighted mean of the predecessors' indexes; the weights' basis is named.

    Attributes:
        weights: Weight of each predecessor, by unit code (positive).
        basis: What the weights are, e.g. ``"population 2024"``.
    """

    weights: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_sorted_weights)
    basis: str = "weights"

    @property
    def name(self) -> str:
        """``"weighted-by-<basis>"``."""
        return f"weighted-by-{self.basis}"

    def combine(self, values: Mapping[str, Decimal]) -> Fraction:
        """The weighted mean of ``values``."""
        weights = dict(self.weights)
        total = sum((Fraction(weights[u]) for u in values), Fraction(0))
        return (
            sum((Fraction(weights[u]) * Fraction(v) for u, v in values.items()), Fraction(0))
            / total
        )

    def needs(self, predecessors: tuple[str, ...]) -> tuple[str, ...]:
        """Every predecessor; each must have a weight."""
        missing = [u for u in predecessors if u not in dict(self.weights)]
        if missing:
            raise NotFoundError("weight for predecessor", missing[0], [u for u, _ in self.weights])
        return predecessors


@attrs.frozen
class NamedPredecessor:
    """One predecessor's index, e.g. the unit whose seat the successor kept."""

    unit: str
    name = "named-predecessor"

    def combine(self, values: Mapping[str, Decimal]) -> Fraction:
        """That predecessor's index."""
        return Fraction(values[self.unit])

    def needs(self, predecessors: tuple[str, ...]) -> tuple[str, ...]:
        """Only the named predecessor, which must be one."""
        if self.unit not in predecessors:
            raise NotFoundError("predecessor", self.unit, predecessors)
        return (self.unit,)


MergeMethod = MeanOfPredecessors | WeightedPredecessors | NamedPredecessor
"""How a successor's index is derived from its predecessors'."""


@attrs.frozen
class SeriesPoint:
    """One year of a successor's series.

    Attributes:
        year: The year.
        index: The index (None when a predecessor it needs has none).
        method: The method's name for a derived point, None for the unit's own result.
        sources: The indexes it was derived from, by unit.
        missing: Predecessors without an index that year.
    """

    year: int
    index: Decimal | None
    method: str | None
    sources: tuple[tuple[str, Decimal], ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        """Whether the point comes from predecessors rather than the unit itself."""
        return self.method is not None


@attrs.frozen
class DerivedSeries:
    """A unit's index by year, its own where assessed, derived from predecessors before."""

    unit: str
    method: str
    predecessors: tuple[str, ...]
    points: tuple[SeriesPoint, ...]

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per year."""
        return [
            {
                "unit": self.unit,
                "year": p.year,
                "index": p.index,
                "derived": p.derived,
                "method": p.method,
                "sources": ", ".join(f"{u}={v}" for u, v in p.sources),
                "missing": ", ".join(p.missing),
            }
            for p in self.points
        ]


def predecessors_of(organisation: Organisation, unit: str) -> tuple[str, ...]:
    """The unit's direct predecessors, from its own links and its predecessors' (sorted).

    Raises:
        NotFoundError: No unit has that code.
    """
    found = next((u for u in organisation.units if u.code == unit), None)
    if found is None:
        raise NotFoundError("unit", unit, [u.code for u in organisation.units][:30])
    codes = {link.unit for link in found.predecessors}
    codes |= {u.code for u in organisation.units if any(s.unit == unit for s in u.successors)}
    return tuple(sorted(codes))


def successor_series(
    organisation: Organisation,
    unit: str,
    results: Iterable[UnitResult],
    *,
    method: MergeMethod,
    places: int = 2,
) -> DerivedSeries:
    """The unit's index series: its own results, and before them a derived view.

    Args:
        organisation: Units with their lineage links.
        unit: The successor.
        results: Results of the unit and its predecessors, any years, any order.
        method: How to derive a year from the predecessors' indexes.
        places: Decimal places of derived indexes (half-up, rounded once).

    Raises:
        NotFoundError: The unit is unknown, or the method names a predecessor (or
            lacks a weight for one) that is not a predecessor.
    """
    predecessors = predecessors_of(organisation, unit)
    needed = method.needs(predecessors) if predecessors else ()
    by_unit: dict[str, dict[int, Decimal]] = {}
    for result in results:
        if result.index is not None:
            by_unit.setdefault(result.unit, {})[result.year] = result.index
    own = by_unit.get(unit, {})
    years = set(own) | {y for u in needed for y in by_unit.get(u, {})}
    points = []
    for year in sorted(years):
        if year in own:
            points.append(SeriesPoint(year, own[year], None))
            continue
        values = {u: by_unit[u][year] for u in needed if year in by_unit.get(u, {})}
        missing = tuple(u for u in needed if u not in values)
        index = None if missing else round_half_up(method.combine(values), places)
        points.append(SeriesPoint(year, index, method.name, tuple(sorted(values.items())), missing))
    return DerivedSeries(unit, method.name, predecessors, tuple(points))
