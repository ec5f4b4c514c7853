"""One pass over the dossiers: each row checked, then counted per unit and month of receipt.

The expressions are ibis, so they run on any backend that ibis compiles to SQL (DuckDB by
default; PySpark in the tests), through :class:`~cchc.dossiers._run.Session` (compiled
once per shape on DuckDB). The dossiers are joined to the procedure catalogue (legal days,
fee-bearing) and three times to the calendar table (ordinal and working rank of the due
date, ordinal of the end date, rank and month of the receipt day); every check is a
boolean column; the counts are grouped by ``unit`` and ``month`` with the number of rows
that failed a check, so one scan yields the counts when nothing is rejected (the usual
case). The scan's joins are inner joins, checked by counting the rows (a row they leave
out sends the scan to left joins, which keep and flag it). A unit missing from the
catalogue is found on the grouped rows, not per row: it saves a join on every dossier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from cchc.dossiers._read import BAD_PREFIX
from cchc.dossiers._schema import DOSSIER_COLUMNS

if TYPE_CHECKING:
    import ibis  # type: ignore[import-untyped,unused-ignore]

    from cchc.dossiers._run import Session

__all__ = ["COUNT_COLUMNS", "column_stats", "duplicate_ids", "flagged", "grouped_counts"]

COUNT_COLUMNS = (
    "received",
    "finished",
    "on_time",
    "open_overdue",
    "online",
    "fee_due",
    "paid_online",
    "digitised",
    "e_result",
)
"""What the scan counts per unit and month (``judged`` is ``finished + open_overdue``)."""

_REQUIRED = tuple(c.name for c in DOSSIER_COLUMNS if not c.nullable)


def _count_if(cond: Any, duckdb: bool) -> Any:
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    if duckdb:  # DuckDB's count_if is null, not 0, when every value is null
        return _duckdb_count_if(cond).fill_null(0)
    return ibis.ifelse(cond.fill_null(False), 1, 0).sum()


def _duckdb_count_if(cond: Any) -> Any:
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    @ibis.udf.agg.builtin(name="count_if", signature=(("boolean",), "int64"))  # type: ignore[untyped-decorator,unused-ignore]
    def count_if(x: Any) -> Any:
        """DuckDB's count_if: far cheaper than a sum of casts."""

    return count_if(cond)


def flagged(
    dossiers: ibis.Table,
    procedures: ibis.Table,
    calendar: ibis.Table,
    *,
    year: int,
    duplicates: ibis.Table | None = None,
    units: ibis.Table | None = None,
    precise: bool = False,
    inner: bool = False,
    stats: Mapping[str, Any] | None = None,
) -> ibis.Table:
    """The dossiers with the catalogue and calendar columns and one flag per problem.

    ``dossiers`` holds the dossier columns and, from :func:`~cchc.dossiers._read.with_schema`,
    ``__cchc_bad_<column>`` flags (and, for the rejected rows, ``__cchc_extra_<n>``
    columns): nothing of the file's own can collide with the columns joined here.

    Adds ``legal_days``, ``fee_bearing``, ``due_ord``, ``fin_ord``, ``month`` and a
    non-null boolean ``flag_<problem>`` per check (``-`` in problem codes becomes ``_``);
    ``flag_unknown_unit`` only when ``units`` is given, ``flag_duplicate_id`` only when
    ``duplicates`` (a table of ``dossier_id``) is.

    Without ``precise``, ``flag_due_inconsistent`` is also set when the due date cannot be
    checked (an unknown procedure, a date off the calendar): such a row has another flag
    anyway, so the rows flagged are the same, and the test is cheaper. The rejected rows'
    reasons are taken ``precise``.

    With ``inner``, the procedure and the due and receipt days are joined by inner joins,
    which DuckDB runs faster: a row without a procedure in the catalogue, or with either
    day off the calendar (or null), is then left out rather than flagged, and
    ``flag_due_inconsistent`` also stands for ``flag_due_not_working_day``. The caller
    must count the rows to know that none was left out (:func:`grouped_counts` does).

    With ``stats`` (:func:`column_stats`), the checks the column statistics prove false
    for every row are left out: the rows flagged are the same, the scan cheaper.
    """
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    p = procedures.select(
        cat_procedure="procedure", legal_days="legal_days", fee_bearing="fee_bearing"
    )
    x = dossiers
    if inner:
        cd = calendar.select(cd_day="day", due_ord="ord", due_key="work_rank")
        cf = calendar.select(cf_day="day", fin_ord="ord")
        cr = calendar.select(cr_day="day", rec_rank="rank", rec_next="next_rank", rec_month="month")
        j = x.inner_join(p, x.procedure == p.cat_procedure)
        j = j.inner_join(cd, j.due_on == cd.cd_day)
        # An open dossier joins to the period's last day: its fin_ord is never used.
        j = j.inner_join(cf, j.finished_on.fill_null(last) == cf.cf_day)
        j = j.inner_join(cr, j.received_on == cr.cr_day)
    else:
        cd = calendar.select(cd_day="day", due_ord="ord", due_working="working")
        cf = calendar.select(cf_day="day", fin_ord="ord")
        cr = calendar.select(cr_day="day", rec_rank="rank", rec_next="next_rank")
        j = x.left_join(p, x.procedure == p.cat_procedure)
        j = j.left_join(cd, j.due_on == cd.cd_day)
        j = j.left_join(cf, j.finished_on == cf.cf_day)
        j = j.left_join(cr, j.received_on == cr.cr_day)
    if units is not None:
        u = units.select(u_unit="unit", u_province="province")
        j = j.left_join(u, j.unit == u.u_unit)
    if duplicates is not None:
        d = duplicates.select(d_id="dossier_id")
        j = j.left_join(d, j.dossier_id == d.d_id)
    clean, nullable = _proven_clean(stats, year)
    flags: dict[str, Any] = {}
    unread = [c for c in x.columns if c.startswith(BAD_PREFIX)]
    if nullable:
        flags["missing_value"] = ibis.or_(
            *(
                j[name].isnull() & ~j[BAD_PREFIX + name]
                if BAD_PREFIX + name in unread
                else j[name].isnull()
                for name in nullable
            )
        )
    if unread:
        flags["bad_value"] = ibis.or_(*(j[c] for c in unread))
    if duplicates is not None:
        flags["duplicate_id"] = j.d_id.notnull()
    if units is not None:
        flags["unknown_unit"] = j.unit.notnull() & j.u_province.isnull()
    if not inner:
        flags["unknown_procedure"] = j.procedure.notnull() & j.cat_procedure.isnull()
    flags |= {
        "bad_channel": ~j.channel.isin([1, 2, 3]).fill_null(True),
        "negative_count": (
            (j.supplement_days < 0) | (j.supplement_requests < 0) | (j.fee_total < 0)
        ).fill_null(False),
        "received_outside_period": ((j.received_on < first) | (j.received_on > last)).fill_null(
            False
        ),
        # Null for an open dossier: inner, the flags are only or-ed and counted, where a
        # null counts as false.
        "finished_before_received": (
            j.finished_on < j.received_on
            if inner
            else (j.finished_on < j.received_on).fill_null(False)
        ),
        "finished_after_period": (j.finished_on > last).fill_null(False),
    }
    flags |= _due_flags(j, inner=inner, precise=precise)
    flags = {k: v for k, v in flags.items() if k not in clean}
    month = j.rec_month if inner else j.received_on.month()
    return j.mutate(month=month, **{f"flag_{k}": v for k, v in flags.items()})


def _due_flags(j: ibis.Table, *, inner: bool, precise: bool) -> dict[str, Any]:
    """The checks of the due date (see :func:`flagged`)."""
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    out: dict[str, Any] = {}
    # N >= 1 working days: the day of rank rank(received) + N. Day 0 (a procedure resolved
    # within the day): the first working day on or after receipt, of rank next_rank.
    legal = j.legal_days.cast("int32")
    expected = ibis.ifelse(legal == 0, j.rec_next, j.rec_rank + legal)
    if inner:  # every joined value is there; a day off has due_key -1, never expected
        out["due_inconsistent"] = j.due_key != expected
    else:
        due_working = j.due_working.fill_null(False)
        on_calendar = j.cd_day.notnull()
        out["due_not_working_day"] = on_calendar & ~due_working
        out["due_outside_calendar"] = j.due_on.notnull() & ~on_calendar
        out["due_inconsistent"] = (
            (due_working & (j.due_ord + 1 != expected)).fill_null(False)
            if precise
            else ~(j.due_ord + 1).identical_to(expected)
        )
    return out


def column_stats(session: Session) -> dict[str, Any]:
    """Counts, minima and maxima of the ``dossiers`` that may prove checks false for every row.

    One aggregate; on a Parquet file DuckDB answers it from the file's statistics.
    """
    found: dict[str, Any] = session.fetch("stats", _stats_query, "dossiers").to_pylist()[0]
    return found


def _stats_query(x: ibis.Table) -> ibis.Table:
    return x.aggregate(
        rows=x.count(),
        id_min=x.dossier_id.min(),
        id_max=x.dossier_id.max(),
        channel_min=x.channel.min(),
        channel_max=x.channel.max(),
        supplement_days_min=x.supplement_days.min(),
        supplement_requests_min=x.supplement_requests.min(),
        fee_total_min=x.fee_total.min(),
        received_min=x.received_on.min(),
        received_max=x.received_on.max(),
        finished_max=x.finished_on.max(),
        **{f"n_{name}": x[name].count() for name in _REQUIRED},
    )


def _proven_clean(stats: Mapping[str, Any] | None, year: int) -> tuple[set[str], list[str]]:
    """The checks ``stats`` prove false everywhere, and the columns that hold nulls."""
    if stats is None:
        return set(), list(_REQUIRED)
    nullable = [name for name in _REQUIRED if stats[f"n_{name}"] < stats["rows"]]
    clean = set()

    def at_least(value: Any, low: Any) -> bool:
        return value is None or value >= low

    def at_most(value: Any, high: Any) -> bool:
        return value is None or value <= high

    if at_least(stats["channel_min"], 1) and at_most(stats["channel_max"], 3):
        clean.add("bad_channel")
    if all(at_least(stats[f"{c}_min"], 0) for c in ("supplement_days", "supplement_requests",
                                                   "fee_total")):  # fmt: skip
        clean.add("negative_count")
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if at_least(stats["received_min"], first) and at_most(stats["received_max"], last):
        clean.add("received_outside_period")
    if at_most(stats["finished_max"], last):
        clean.add("finished_after_period")
    return clean, nullable


def grouped_counts(
    session: Session, *, year: int, end_ord: int, stats: Mapping[str, Any], duplicates: bool
) -> pa.Table:
    """Per ``unit`` and ``month``: ``rows``, ``bad`` and :data:`COUNT_COLUMNS` of the good rows.

    The inputs are the session's ``dossiers``, ``procedures``, ``calendar`` and, if
    ``duplicates``, ``duplicates`` (see :func:`flagged`); ``stats`` are
    :func:`column_stats`'s, ``end_ord`` the ordinal of the period's last day.

    The scan joins with inner joins (:func:`flagged`'s ``inner``), counts every row, and
    counts the rows with a problem (``bad``). When it counted all the rows and none is
    bad (the usual case), that is all. When some are bad, a second, filtered pass is
    made, whose counts are taken away: the same expressions on the same rows, so the
    difference is the count over the good rows exactly. (Grouping by the problem flag
    instead, or testing it in every count, makes the one scan that matters 1.5 to 2 times
    slower on DuckDB.) When the inner joins left rows out, both passes are made again
    with left joins, which keep every row.
    """
    fast = session.duckdb
    clean, nullable = _proven_clean(stats, year)
    shape = (year, end_ord, tuple(sorted(clean)), tuple(nullable), duplicates, fast)
    roles = ("dossiers", "procedures", "calendar") + (("duplicates",) if duplicates else ())

    def query(inner: bool, rejected: bool) -> Callable[..., ibis.Table]:
        def build(
            x: ibis.Table, p: ibis.Table, c: ibis.Table, d: ibis.Table | None = None
        ) -> ibis.Table:
            import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

            t = flagged(x, p, c, year=year, duplicates=d, stats=stats, inner=inner)
            bad = ibis.or_(*(t[col] for col in t.columns if col.startswith("flag_")))
            if rejected:
                b = t.filter(bad)
                return b.group_by(unit=b.unit, month=b.month).aggregate(**_counts(b, end_ord, fast))
            return t.group_by(unit=t.unit, month=t.month).aggregate(
                rows=t.count(), bad=_count_if(bad, fast), **_counts(t, end_ord, fast)
            )

        return build

    for inner in (True, False):
        result = session.fetch(("scan", inner, False, shape), query(inner, False), *roles)
        if (pc.sum(result.column("rows")).as_py() or 0) == stats["rows"] or not inner:
            break
    if not pc.sum(result.column("bad")).as_py():
        return result
    rejected = session.fetch(("scan", inner, True, shape), query(inner, True), *roles)
    return _subtract(result, rejected)


def _counts(t: ibis.Table, end_ord: int, fast: bool) -> dict[str, Any]:
    fin = t.finished_on.notnull()
    shifted = t.due_ord + t.supplement_days.cast("int32")
    fee_due = t.fee_bearing & (t.fee_total > 0)
    conditions = {
        "on_time": fin & (t.supplement_requests <= 1) & (t.fin_ord <= shifted),
        "open_overdue": ~fin & (shifted < end_ord),
        "online": t.channel == 2,
        "fee_due": fee_due,
        "paid_online": fee_due & t.paid_online,
        "digitised": t.digitised,
        "e_result": fin & t.e_result,
    }
    counts = {name: _count_if(cond, fast) for name, cond in conditions.items()}
    return {"finished": t.finished_on.count(), **counts}


def _subtract(everything: pa.Table, rejected: pa.Table) -> pa.Table:
    """``everything``'s counts less ``rejected``'s, matched on unit and month (nulls too)."""
    names = [c for c in COUNT_COLUMNS if c != "received"]
    taken = {
        (unit, month): values
        for unit, month, *values in zip(
            *(rejected.column(c).to_pylist() for c in ("unit", "month", *names)), strict=True
        )
    }
    columns = {c: everything.column(c).to_pylist() for c in everything.column_names}
    for i, key in enumerate(zip(columns["unit"], columns["month"], strict=True)):
        for name, value in zip(names, taken.get(key, [0] * len(names)), strict=True):
            columns[name][i] -= value
    return pa.table(columns, schema=everything.schema)


def duplicate_ids(
    session: Session, stats: Mapping[str, Any], parquet: str | None = None
) -> pa.Table | None:
    """The ``dossiers``' ids that appear more than once (None when every id is unique).

    On DuckDB, integer ids are first given two exact tests, each proving them distinct
    when it passes: when they come from the Parquet file ``parquet``, whether every id is
    the smallest plus the row's position in the file (ids numbered in file order, as an
    export gives them: one subtraction a row); then, over a range not too sparse, one
    bitmap (``bitstring_agg``): distinct exactly when as many bits are set as there are
    ids. Only when neither passes, or elsewhere, are the ids grouped.
    """
    if session.duckdb and session.schema("dossiers")["dossier_id"].is_integer():
        low, high, n = stats["id_min"], stats["id_max"], stats["n_dossier_id"]
        if n == 0:
            return None
        dense = high - low == stats["rows"] - 1
        if parquet is not None and dense and _numbered(session, parquet, low):
            return None
        if high - low < max(64 * n, 1 << 20) and high - low < (1 << 33):
            # Only integers and a generated name go into the text: no outside input.
            distinct = session.scalar(
                f"SELECT bit_count(bitstring_agg(dossier_id, {int(low)}, {int(high)}))"  # noqa: S608
                f" FROM {session.name('dossiers')} WHERE dossier_id IS NOT NULL"
            )
            if distinct == n:
                return None
    found = session.fetch("duplicates", _duplicates_query, "dossiers")
    return found if found.num_rows else None


def _numbered(session: Session, path: str, low: int) -> bool:
    """Whether every id of the Parquet file is ``low`` + the row's position in the file."""
    # Only an integer goes into the text; the path is a parameter.
    query = (
        "SELECT count(*) FROM read_parquet(?, file_row_number = true)"  # noqa: S608
        f" WHERE dossier_id - file_row_number <> {int(low)}"
    )
    try:
        broken = session.scalar(query, [path])
    except Exception:  # a column of that name already, ids not integers…: the bitmap decides
        return False
    return bool(broken == 0)


def _duplicates_query(dossiers: ibis.Table) -> ibis.Table:
    x = dossiers.filter(dossiers.dossier_id.notnull())
    counted = x.group_by("dossier_id").aggregate(n=x.count())
    return counted.filter(counted.n > 1).select("dossier_id")
