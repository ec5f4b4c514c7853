"""The values the indicators are published as: exact decimals, never floats.

A :class:`ServiceIndex` is one table of indicators (a level, a kind of period); its rows
are built as :class:`IndicatorRow` values on first use, from the integer columns the
query returned (hundredths), so a percentage or a point is a :class:`~decimal.Decimal`
with two places, digit for digit what the integers say.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pyarrow as pa

from cchc.accountability._values import round_half_up
from cchc.dossiers._index import Level, PeriodKind
from cchc.dossiers._rules import COUNTS, RATES, Criterion, RateName
from cchc.vocabulary import Lang

__all__ = ["IndicatorRow", "ServiceIndex", "hundredths"]

_MONTHS_IN = {"year": 12, "quarter": 3, "month": 1}


@functools.lru_cache(maxsize=1 << 16)  # the same percentages and points recur on every row
def hundredths(value: int | None) -> Decimal | None:
    """``value`` hundredths as a two-place decimal (None stays None).

    >>> hundredths(9347), hundredths(5)
    (Decimal('93.47'), Decimal('0.05'))
    """
    return None if value is None else Decimal(value).scaleb(-2)


def period_label(year: int, kind: PeriodKind, slot: int) -> str:
    """``"2025"``, ``"2025-Q2"`` or ``"2025-04"``.

    >>> period_label(2025, "quarter", 2)
    '2025-Q2'
    """
    if kind == "year":
        return str(year)
    return f"{year}-Q{slot}" if kind == "quarter" else f"{year}-{slot:02d}"


@attrs.frozen
class IndicatorRow:
    """One unit's (or province's) indicators for one period.

    Attributes:
        key: The unit's or province's code.
        province: The unit's province (None for a province row).
        period: ``"2025"``, ``"2025-Q1"`` or ``"2025-01"`` (a cohort of receipts).
        counts: Every count of :data:`~cchc.dossiers.COUNTS`, by name.
        rates: Each rate as a percentage with 2 places, half-up; None when its
            denominator is 0 (no data, not zero).
        points: Each criterion's points (2 places, half-up from the exact fraction);
            None when its rate is None.
        total: Sum of the available points; None when no criterion has points.
        max_points: Sum of the maxima of the criteria that have points.
        rank: Competition rank by total among the rows of the period (None: no total).
        ranked: How many rows of the period have a rank.
    """

    key: str
    province: str | None
    period: str
    counts: dict[str, int]
    rates: dict[RateName, Decimal | None]
    points: dict[str, Decimal | None]
    total: Decimal | None
    max_points: Decimal
    rank: int | None
    ranked: int

    @property
    def index(self) -> Decimal | None:
        """``total / max_points × 100`` with 2 places, half-up (None without points)."""
        if self.total is None or not self.max_points:
            return None
        return round_half_up(Fraction(self.total) / Fraction(self.max_points) * 100, 2)

    def record(self) -> dict[str, Any]:
        """The row as a flat dict: counts, ``<rate>_pct``, ``<criterion>_points``, totals."""
        out: dict[str, Any] = {"key": self.key}
        if self.province is not None:
            out["province"] = self.province
        out["period"] = self.period
        out.update(self.counts)
        out.update({f"{rate}_pct": value for rate, value in self.rates.items()})
        out.update({f"{cid}_points": value for cid, value in self.points.items()})
        out.update(total=self.total, max_points=self.max_points, rank=self.rank)
        return out


@attrs.frozen
class ServiceIndex:
    """The Decision 766 indicators at one level (units or provinces) for one kind of period.

    Attributes:
        level: ``"unit"`` or ``"province"``.
        period: ``"year"``, ``"quarter"`` or ``"month"``.
        year: The year judged (as of 31 December).
        criteria: The scored criteria.
        table: The query's result: integer columns (hundredths), in published order.
        provinces: Each unit's province (for unit rows).
    """

    level: Level
    period: PeriodKind
    year: int
    criteria: tuple[Criterion, ...]
    table: pa.Table = attrs.field(repr=lambda t: f"<{t.num_rows} rows>")
    provinces: dict[str, str] = attrs.field(factory=dict, repr=False)

    @functools.cached_property
    def rows(self) -> tuple[IndicatorRow, ...]:
        """Every row, by period, then total descending, then code (built on first use)."""
        columns = {name: self.table.column(name).to_pylist() for name in self.table.column_names}
        ranked: dict[int, int] = {}
        for slot, rank in zip(columns["period"], columns["rank"], strict=True):
            ranked[slot] = ranked.get(slot, 0) + (rank is not None)
        rows = []
        for i, key in enumerate(columns["key"]):
            slot = columns["period"][i]
            rows.append(
                IndicatorRow(
                    key=key,
                    province=self.provinces.get(key) if self.level == "unit" else None,
                    period=period_label(self.year, self.period, slot),
                    counts={name: columns[name][i] for name in COUNTS},
                    rates={rate: hundredths(columns[f"{rate}_pct"][i]) for rate in RATES},
                    points={c.id: hundredths(columns[f"{c.id}_c"][i]) for c in self.criteria},
                    total=hundredths(columns["total_c"][i]),
                    max_points=hundredths(columns["max_c"][i]) or Decimal("0.00"),
                    rank=columns["rank"][i],
                    ranked=ranked[slot],
                )
            )
        return tuple(rows)

    def row(self, key: str, period: str | None = None) -> IndicatorRow:
        """The row of ``key`` (and ``period``; default: the only or first one).

        Raises:
            KeyError: No such row.
        """
        found = self._by_key.get((key, period))
        if found is None:
            raise KeyError(f"no {self.level} {key}" + (f" in {period}" if period else ""))
        return found

    @functools.cached_property
    def _by_key(self) -> dict[tuple[str, str | None], IndicatorRow]:
        found: dict[tuple[str, str | None], IndicatorRow] = {}
        for item in self.rows:
            found.setdefault((item.key, item.period), item)
            found.setdefault((item.key, None), item)  # the first period of the key
        return found

    def records(self) -> list[dict[str, Any]]:
        """Every row as :meth:`IndicatorRow.record` gives it."""
        return [item.record() for item in self.rows]

    def to_markdown(self, lang: Lang = "vi", *, limit: int | None = None) -> str:
        """The rows as a Markdown table: rank, code, period, rates, total (first ``limit``)."""
        vi = lang == "vi"
        unit = self.level == "unit"
        if vi:
            head = ["Hạng", "Đơn vị" if unit else "Tỉnh", "Kỳ", "Đúng hạn %", "Trực tuyến %",
                    "TT trực tuyến %", "Số hoá %", "KQ điện tử %", "Điểm"]  # fmt: skip
        else:
            head = ["Rank", "Unit" if unit else "Province", "Period", "On time %", "Online %",
                    "Paid online %", "Digitised %", "E-result %", "Points"]  # fmt: skip
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for item in self.rows[:limit]:
            cells = [str(item.rank or "—"), item.key, item.period]
            cells += ["—" if v is None else str(v) for v in item.rates.values()]
            cells.append("—" if item.total is None else f"{item.total}/{item.max_points}")
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
