"""Vectorised scoring of a :class:`~cchc.scoring.table.RoundTable`, exact to the digit.

Every rule becomes integer coefficients over its fixed-point column and is rounded
once from its exact value, as :func:`cchc.score` does with decimals and fractions;
rules of one shape are scored for all their columns at once.
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from cchc._display import LazyRows, data_frame, import_pandas
from cchc.documents.framework import Rounding
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    ProportionalRule,
    SurveyRule,
    TargetRule,
    TiersRule,
    TimelinessRule,
)
from cchc.errors import ScoringError
from cchc.scoring._rules import tier_points
from cchc.scoring.ranking import (
    RECORD_COLUMNS,
    Ranking,
    RankingRow,
    ranking_cells,
    ranking_html,
)
from cchc.scoring.table import MISSING, NOT_APPLICABLE, Ints, RoundTable, fixed_point

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TableRanking", "score_table"]


def _divide(numerator: Ints, denominator: int | Ints, rounding: Rounding) -> Ints:
    """Non-negative ``numerator / denominator`` rounded to whole numbers by ``rounding``."""
    result: Ints
    if rounding == "half-up":
        result = (2 * numerator + denominator) // (2 * denominator)
    elif rounding == "down":
        result = numerator // denominator
    elif rounding == "up":
        result = -(-numerator // denominator)
    else:
        whole: Ints = numerator // denominator
        twice = 2 * (numerator - whole * denominator)
        up = (twice > denominator) | ((twice == denominator) & (whole % 2 == 1))
        result = whole + up.astype(np.int64)
    return result


@attrs.frozen
class _Linear:
    """Columns scored as ``min(round(max(a·v + b, 0) / d), cap)``."""

    columns: list[int] = attrs.field(factory=list)
    a: list[int] = attrs.field(factory=list)
    b: list[int] = attrs.field(factory=list)
    d: list[int] = attrs.field(factory=list)
    cap: list[int] = attrs.field(factory=list)


@attrs.frozen
class _Steps:
    """Columns scored by the first step reached: ``sign·v·den ≥ num`` (or ``>``)."""

    columns: list[int] = attrs.field(factory=list)
    sign: list[int] = attrs.field(factory=list)
    steps: list[list[tuple[int, int, bool, int]]] = attrs.field(factory=list)
    otherwise: list[int] = attrs.field(factory=list)


def _compile(table: RoundTable) -> tuple[_Linear, _Steps]:
    """Turn every leaf's rule into integer coefficients over its fixed-point column."""
    framework = table.framework
    places = framework.places
    one = 10**places
    linear, steps = _Linear(), _Steps()
    for col, leaf in enumerate(framework.leaves()):
        rule, maximum = leaf.rule, leaf.max_points
        scale = 10 ** table.scales[col]
        top = fixed_point(maximum, places)

        def const(value: Decimal | Fraction) -> int:
            return int(framework.quantize(value).scaleb(places))

        def add_linear(a: int, b: int, d: int, column: int = col, cap: int = top) -> None:
            for name, value in (("columns", column), ("a", a), ("b", b), ("d", d), ("cap", cap)):
                getattr(linear, name).append(value)

        def add_steps(
            sign: int, found: list[tuple[int, int, bool, int]], otherwise: int, column: int = col
        ) -> None:
            steps.columns.append(column)
            steps.sign.append(sign)
            steps.steps.append(found)
            steps.otherwise.append(otherwise)

        if isinstance(rule, ProportionalRule):
            add_linear(top, 0, scale)
        elif isinstance(rule, SurveyRule):
            add_linear(top, 0, 100 * scale)
        elif isinstance(rule, ManualRule):
            add_linear(one, 0, scale)
        elif isinstance(rule, TargetRule):
            target = Fraction(rule.target)
            add_linear(top * target.denominator, 0, scale * target.numerator)
        elif isinstance(rule, DeductionRule):
            per = Fraction(rule.per_event) * one
            add_linear(-per.numerator, top * per.denominator, per.denominator)
        elif isinstance(rule, BinaryRule):
            add_steps(
                1, [(1, 1, True, const(rule.when_true * maximum))], const(rule.when_false * maximum)
            )
        elif isinstance(rule, TimelinessRule):
            deadline = rule.deadline(table.year).toordinal()
            add_steps(
                -1,
                [(-deadline, 1, True, const(rule.on_time * maximum))],
                const(rule.late * maximum),
            )
        elif isinstance(rule, TiersRule):
            found = []
            for tier in rule.tiers:
                limit = Fraction(tier.threshold) * scale
                found.append(
                    (
                        limit.numerator,
                        limit.denominator,
                        tier.inclusive,
                        const(tier_points(tier, maximum)),
                    )
                )
            add_steps(1, found, const(rule.otherwise * maximum))
        elif isinstance(rule, CountTiersRule):
            found = [(t.at_least, 1, True, const(tier_points(t, maximum))) for t in rule.tiers]
            add_steps(1, found, 0)
    return linear, steps


_INT64 = 2**63 - 1


def _exact_if(risky: bool, values: Ints) -> npt.NDArray[Any]:
    """``values`` as Python integers (exact, slower) when int64 products could overflow."""
    return values.astype(object) if risky else values


def _points(table: RoundTable) -> Ints:
    """Every leaf's points × ``10**places``, before appraisals and N/A.

    Computed in int64 unless a column's largest input times its coefficients could pass
    2**63 (fine thresholds or targets, huge counts): such a block is computed with
    Python integers instead, so the digits are those of :func:`cchc.score` either way.
    """
    out = np.zeros(table.values.shape, dtype=np.int64)
    if not table.units:  # no year to set deadlines in, nothing to score
        return out
    linear, steps = _compile(table)
    rounding = table.framework.rounding
    largest = np.abs(table.values).max(axis=0, initial=0).tolist()
    if linear.columns:
        bounds = [
            2 * (largest[c] * abs(a) + abs(b)) + d
            for c, a, b, d in zip(linear.columns, linear.a, linear.b, linear.d, strict=True)
        ]
        coefficients = (*linear.a, *linear.b, *linear.d)
        risky = max(bounds) > _INT64 or max(map(abs, coefficients)) > _INT64
        kind = object if risky else np.int64
        values = _exact_if(risky, table.values[:, linear.columns])
        numerator = np.maximum(
            values * np.array(linear.a, dtype=kind) + np.array(linear.b, dtype=kind), 0
        )
        scored = _divide(numerator, np.array(linear.d, dtype=kind), rounding)
        out[:, linear.columns] = np.minimum(scored, np.array(linear.cap)).astype(np.int64)
    if steps.columns:
        risky = any(
            max(largest[c], 1) * den > _INT64 or abs(num) > _INT64
            for c, found in zip(steps.columns, steps.steps, strict=True)
            for num, den, _, _ in found
        )
        kind = object if risky else np.int64
        values = _exact_if(risky, table.values[:, steps.columns]) * np.array(steps.sign)
        depth = max(len(found) for found in steps.steps)
        result = np.broadcast_to(np.array(steps.otherwise), values.shape).copy()
        decided = np.zeros(values.shape, dtype=bool)
        for k in range(depth):
            # Columns with fewer steps get 0·v ≥ 1: never reached.
            num, den, inclusive, points = zip(
                *(found[k] if k < len(found) else (1, 0, True, 0) for found in steps.steps),
                strict=True,
            )
            scaled = values * np.array(den, dtype=kind)
            limit = np.array(num, dtype=kind)
            reached = np.asarray(
                (scaled > limit) | (np.array(inclusive) & (scaled == limit)), dtype=bool
            )
            result = np.where(reached & ~decided, np.array(points), result)
            decided |= reached
        out[:, steps.columns] = result
    return out


@attrs.frozen(eq=False)
class TableRanking:
    """A batch-scored round as columns; its rows are built when first asked for.

    Attributes:
        framework: Code of the framework.
        year: The year assessed.
        units: Unit codes, in the table's order.
        points: Points obtained × ``10**places``.
        applicable_max: Maximum of the applicable criteria × ``10**places``.
        max_places: Decimal places of each unit's maximum as the exact engine writes it
            (the most any applicable criterion's ``max_points`` has), so that rows show
            ``100`` where :func:`score_round` does, not ``100.00``.
        index: Index × ``10**places``.
        rank: Competition rank (1, 2, 2, 4).
        band: Band code of each unit (``None`` without bands).
        places: The framework's decimal places.
        order: Row positions by rank, then unit code.
    """

    framework: str
    year: int
    units: tuple[str, ...]
    points: Ints
    applicable_max: Ints
    max_places: npt.NDArray[np.int8]
    index: Ints
    rank: Ints
    band: tuple[str | None, ...]
    places: int
    order: Ints

    @functools.cached_property
    def rows(self) -> tuple[RankingRow, ...]:
        """One :class:`RankingRow` per unit, by rank then unit code (as :class:`Ranking`)."""
        scale = Decimal(1).scaleb(-self.places)
        totals, maxima, indices = (
            self.points.tolist(),
            self.applicable_max.tolist(),
            self.index.tolist(),
        )
        ranks, units, bands = self.rank.tolist(), self.units, self.band
        exponents = [_exponent(p) for p in self.max_places.tolist()]
        return tuple(
            RankingRow(
                units[i],
                Decimal(totals[i]) * scale,
                (Decimal(maxima[i]) * scale).quantize(exponents[i]),
                Decimal(indices[i]) * scale,
                ranks[i],
                bands[i],
            )
            for i in self.order.tolist()
        )

    def ranking(self) -> Ranking:
        """The same result as a :class:`Ranking` (rows only, no cards)."""
        return Ranking(self.framework, self.year, self.rows)

    def records(self) -> list[dict[str, Any]]:
        """One plain dict per unit, for ``pandas.DataFrame``."""
        return self.ranking().records()

    def _row_at(self, position: int) -> RankingRow:
        """The row at ``position`` in rank order, built alone (``rows`` builds them all)."""
        i = int(self.order[position])
        scale = Decimal(1).scaleb(-self.places)
        return RankingRow(
            self.units[i],
            Decimal(int(self.points[i])) * scale,
            (Decimal(int(self.applicable_max[i])) * scale).quantize(
                _exponent(int(self.max_places[i]))
            ),
            Decimal(int(self.index[i])) * scale,
            int(self.rank[i]),
            self.band[i],
        )

    def to_pandas(self, *, exact: bool = False) -> pd.DataFrame:
        """One row per unit, by rank, as a ``pandas.DataFrame`` (needs the ``dataframe`` extra).

        The columns are those of :meth:`Ranking.to_pandas`; without ``exact`` they are
        built straight from the arrays, without making a row object per unit.

        Args:
            exact: Keep points and indices as :class:`~decimal.Decimal` instead of floats.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        columns = list(RECORD_COLUMNS)
        if exact:
            return data_frame(self.records(), columns=columns, exact=True)
        pandas = import_pandas()
        order, scale = self.order, 10.0**self.places
        frame: pd.DataFrame = pandas.DataFrame(
            {
                "unit": np.array(self.units, dtype=object)[order],
                "points": self.points[order] / scale,
                "applicable_max": self.applicable_max[order] / scale,
                "index": self.index[order] / scale,
                "rank": self.rank[order],
                "band": np.array(self.band, dtype=object)[order],
            },
            columns=columns,
        )
        return frame

    def _repr_html_(self) -> str:
        """The ranking as an HTML table, for notebooks (only the rows shown are built)."""
        cells = LazyRows(len(self.units), lambda k: ranking_cells(self._row_at(k)))
        return ranking_html(self.framework, self.year, cells)


def score_table(table: RoundTable) -> TableRanking:
    """Score, rank and band every unit of ``table`` (same digits as :func:`score_round`).

    The result keeps its numbers in columns and builds row objects only when asked
    (``.rows``); use :func:`cchc.score` on one assessment for its explained card.
    """
    framework = table.framework
    places = framework.places
    maxima = np.array(
        [fixed_point(leaf.max_points, places) for leaf in framework.leaves()], dtype=np.int64
    )
    applicable = table.state != NOT_APPLICABLE
    computed = np.where(table.state == MISSING, 0, _points(table))
    counted = np.where(table.appraised >= 0, table.appraised, computed) * applicable
    total = counted.sum(axis=1)
    maximum = applicable @ maxima
    leaf_places = np.array([_places(p.max_points) for p in framework.leaves()], dtype=np.int8)
    max_places = (applicable * leaf_places).max(axis=1, initial=0)
    if (maximum == 0).any():
        row = int(np.argmax(maximum == 0))
        raise ScoringError(table.units[row], None, "no criterion applies: the index is undefined")
    # points × 100 × 10**places can pass 2**63 for large frameworks at many places
    whole = int(maxima.sum())
    exact = 2 * whole * 100 * 10**places + whole > _INT64
    index = _divide(
        _exact_if(exact, total) * (100 * 10**places), _exact_if(exact, maximum), framework.rounding
    ).astype(np.int64)
    ranks = _ranks(index)
    bands: tuple[str | None, ...] = (None,) * len(table.units)
    if framework.bands:
        # Bands go from the highest minimum down; count how many minima each index reaches.
        ordered = framework.bands[::-1]
        lows = np.array([math.ceil(Fraction(b.min_index) * 10**places) for b in ordered])
        names = [None, *(b.code for b in ordered)]
        bands = tuple(names[i] for i in np.searchsorted(lows, index, side="right").tolist())
    return TableRanking(
        framework=framework.code,
        year=table.year,
        units=table.units,
        points=total,
        applicable_max=maximum,
        max_places=max_places,
        index=index,
        rank=ranks,
        band=bands,
        places=places,
        order=np.lexsort((table.unit_order, ranks)),
    )


@functools.cache
def _exponent(places: int) -> Decimal:
    """``1`` with ``places`` decimal places, for :meth:`~decimal.Decimal.quantize`."""
    return Decimal(1).scaleb(-places)


def _places(value: Decimal) -> int:
    """Decimal places ``value`` is written with (0 for whole numbers)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _ranks(index: Ints) -> Ints:
    """Competition ranks, highest index first (1, 2, 2, 4)."""
    order = np.argsort(-index, kind="stable")
    ordered = index[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]]
    positions = np.where(first, np.arange(1, len(index) + 1), 0)
    ranks = np.empty_like(positions)
    ranks[order] = np.maximum.accumulate(positions)
    return ranks
