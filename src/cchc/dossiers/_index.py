"""The indicators as ibis expressions: roll-ups, exact rates and points, competition ranks.

Input: the accepted counts per unit and month of receipt. Output: one row per unit (or
province) and period with the counts, each rate in hundredths of a percent and each
criterion's points in hundredths, ``total_c``, ``max_c`` and ``rank``. Every figure is
integer arithmetic, so every backend gives the same digits: a rate n/d is
``(20000 n + d) // (2 d)`` hundredths (half-up), a criterion with maximum ``m``
hundredths and target a/b scores ``(2 m min(b n, a d) + a d) // (2 a d)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from cchc.dossiers._rules import COUNTS, RATES, Criterion
from cchc.dossiers._scan import COUNT_COLUMNS

if TYPE_CHECKING:
    import ibis  # type: ignore[import-untyped,unused-ignore]

__all__ = ["Level", "PeriodKind", "index_table"]

Level = Literal["unit", "province"]
PeriodKind = Literal["year", "quarter", "month"]


def _floor_div(a: Any, b: Any, native: bool) -> Any:
    """``a // b`` for integers ``a >= 0``, ``b > 0``, exact on every backend.

    ibis compiles ``//`` to ``floor(a / b)`` in floating point; a quotient within one of
    the true one is corrected in integers, which is exact while ``a`` < 2**53. On DuckDB
    (``native``) its own integer division is used instead, exact and cheaper to compile.
    """
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    if native:
        return _divide(a, b)
    q = (a // b).cast("int64")
    return q - ibis.ifelse(q * b > a, 1, 0) + ibis.ifelse((q + 1) * b <= a, 1, 0)


def _divide(a: Any, b: Any) -> Any:
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    @ibis.udf.scalar.builtin(name="divide", signature=(("int64", "int64"), "int64"))  # type: ignore[untyped-decorator,unused-ignore]
    def divide(a: Any, b: Any) -> Any:
        """DuckDB's integer division (the ``//`` operator)."""

    return divide(a, b)


def _view(counts: ibis.Table, units: ibis.Table, number: int, level: Level,
          period: PeriodKind) -> ibis.Table:  # fmt: skip
    """One view's counts per key and period (unique: a unit-month's counts are its row)."""
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    t = counts
    if level == "province":
        u = units.select(u_unit="unit", province="province")
        t = t.inner_join(u, t.unit == u.u_unit)
    key = t.province if level == "province" else t.unit
    if period == "year":
        slot = ibis.literal(0, "int64")
    elif period == "quarter":
        slot = ((t.month.cast("int64") + 2) // 3).cast("int64")
    else:
        slot = t.month.cast("int64")
    view = ibis.literal(number, "int64")
    if level == "unit" and period == "month":  # the counts are per unit and month already
        s = t.select(view_no=view, key=key, period=slot,
                     **{c: t[c].cast("int64") for c in COUNT_COLUMNS})  # fmt: skip
    else:
        # DuckDB sums 64-bit integers into 128-bit ones (ibis still calls them int64,
        # so a cast to int64 is dropped); every rate computed from them would then be
        # 128-bit arithmetic, several times slower. Through an 18-digit decimal the sums
        # come back as 64-bit integers on every backend, exactly (counts < 10**18).
        s = t.group_by(view_no=view, key=key, period=slot).aggregate(
            **{c: t[c].sum().cast("decimal(18, 0)").cast("int64") for c in COUNT_COLUMNS}
        )
    return s.mutate(judged=s.finished + s.open_overdue).select("view_no", "key", "period", *COUNTS)


def index_table(
    counts: ibis.Table,
    units: ibis.Table,
    *,
    views: Sequence[tuple[Level, PeriodKind]],
    criteria: tuple[Criterion, ...],
    native_division: bool = False,
) -> ibis.Table:
    """The indicators of ``counts`` (per ``unit`` and ``month``) for each of ``views``.

    One query for every view, so it is compiled once. Columns: ``view_no`` (the position
    in ``views``), ``key``, ``period`` (0 for the year, 1–4, 1–12), the counts of
    :data:`~cchc.dossiers.COUNTS`, ``<rate>_pct`` (hundredths of a percent, null when the
    denominator is 0), ``<criterion>_c`` (hundredths of a point, null likewise),
    ``total_c`` (null when no criterion has points), ``max_c`` and ``rank`` (competition
    rank by total within the view and period, null without a total). Ordered by view,
    period, total descending, key.
    """
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    parts = [_view(counts, units, i, level, period) for i, (level, period) in enumerate(views)]
    s = parts[0] if len(parts) == 1 else ibis.union(*parts, distinct=False)
    native = native_division
    # A zero denominator becomes null (NULLIF), and so does everything computed from it.
    nonzero = {d: s[d].nullif(0) for _, d in RATES.values()}
    rates = {
        f"{rate}_pct": _floor_div(20000 * s[n] + s[d], 2 * nonzero[d], native)
        for rate, (n, d) in RATES.items()
    }
    points = {}
    for criterion in criteria:
        n, d = RATES[criterion.rate]
        a, b = criterion.target.numerator, criterion.target.denominator
        top = ibis.least(b * s[n], a * s[d])
        points[f"{criterion.id}_c"] = _floor_div(
            2 * criterion.max_hundredths * top + a * s[d], 2 * a * nonzero[d], native
        )
    p = s.mutate(**rates, **points)
    ids = [f"{c.id}_c" for c in criteria]
    total = sum((p[i].fill_null(0) for i in ids[1:]), p[ids[0]].fill_null(0))
    available = ibis.or_(*(p[i].notnull() for i in ids))
    maxima = [ibis.ifelse(p[f"{c.id}_c"].isnull(), 0, c.max_hundredths) for c in criteria]
    p = p.mutate(
        total_c=ibis.ifelse(available, total, ibis.null("int64")),
        max_c=sum(maxima[1:], maxima[0]).cast("int64"),
    )
    order = ibis.desc(p.total_c, nulls_first=False)
    ranked = ibis.rank().over(group_by=[p.view_no, p.period], order_by=order) + 1
    p = p.mutate(rank=ibis.ifelse(p.total_c.isnull(), ibis.null("int64"), ranked.cast("int64")))
    return p.order_by(["view_no", "period", ibis.desc("total_c", nulls_first=False), "key"])
