"""Assessing a year of dossiers: check every row, count the accepted ones, then the index.

:func:`assess_dossiers` runs one scan of the dossiers (plus, on DuckDB, an exact check that
the ids are distinct, cheaper than grouping them), keeps the accepted counts per unit and
month, and — only when some rows were rejected — a second pass that counts the problems,
keeps the first rows and writes the rejected file. :meth:`DossierAssessment.index` then
computes the indicators at any level and period from the counts, on the same backend.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pyarrow as pa
import pyarrow.compute as pc

from cchc.calendar import VietnamCalendar
from cchc.documents.catalogue import ProcedureCatalogue
from cchc.dossiers._calendar import calendar_span, calendar_table, ordinal
from cchc.dossiers._index import Level, PeriodKind, index_table
from cchc.dossiers._read import (
    BAD_PREFIX,
    connect,
    error_text,
    format_of,
    load_ibis,
    quiet,
    read_dossiers,
    with_schema,
)
from cchc.dossiers._rules import DECISION_766_CRITERIA, Criterion
from cchc.dossiers._run import Session, is_duckdb
from cchc.dossiers._scan import (
    COUNT_COLUMNS,
    column_stats,
    duplicate_ids,
    flagged,
    grouped_counts,
)
from cchc.dossiers._schema import DOSSIER_COLUMNS
from cchc.dossiers._validate import (
    EXTRA_PREFIX,
    FIRST_ROWS,
    Validation,
    check_rejected_path,
    first_rows,
    problem_counts,
    rejected_rows,
    write_rejected,
)
from cchc.dossiers._values import ServiceIndex
from cchc.errors import DossierError

if TYPE_CHECKING:
    import ibis  # type: ignore[import-untyped,unused-ignore]
    from ibis.backends import BaseBackend  # type: ignore[import-untyped,unused-ignore]

__all__ = ["DossierAssessment", "assess_dossiers", "catalogue_tables"]


def catalogue_tables(catalogue: ProcedureCatalogue) -> tuple[pa.Table, pa.Table]:
    """The catalogue as two Arrow tables: units (unit, province) and procedures."""
    units = pa.table(
        {
            "unit": pa.array([u.code for u in catalogue.units], pa.string()),
            "province": pa.array([u.province for u in catalogue.units], pa.string()),
        }
    )
    procedures = pa.table(
        {
            "procedure": pa.array([p.code for p in catalogue.procedures], pa.string()),
            "legal_days": pa.array([p.legal_days for p in catalogue.procedures], pa.int32()),
            "fee_bearing": pa.array([p.fee_bearing for p in catalogue.procedures], pa.bool_()),
        }
    )
    return units, procedures


@attrs.frozen
class DossierAssessment:
    """A year of dossiers, checked and counted: the validation and the accepted counts.

    Attributes:
        year: The year judged, as of its 31 December.
        validation: What the checks found (counts, first rows, rejected file).
        counts: Accepted dossiers counted per ``unit`` and ``month`` of receipt.
        catalogue: The catalogue the dossiers were checked against.
        criteria: The scored criteria.
        con: The backend the indicators are computed on.
    """

    year: int
    validation: Validation
    counts: pa.Table = attrs.field(repr=lambda t: f"<{t.num_rows} unit-months>")
    catalogue: ProcedureCatalogue = attrs.field(repr=False)
    criteria: tuple[Criterion, ...] = DECISION_766_CRITERIA
    con: Any = attrs.field(default=None, repr=False, eq=False)

    def index(self, level: Level = "unit", period: PeriodKind = "year") -> ServiceIndex:
        """The indicators per unit or province, for the year, each quarter or each month.

        Raises:
            DossierError: ``level`` or ``period`` is not one of the known ones.
        """
        return self.indexes((level, period))[0]

    def indexes(self, *views: tuple[Level, PeriodKind]) -> tuple[ServiceIndex, ...]:
        """:meth:`index` for several (level, period) pairs, in one query.

        Raises:
            DossierError: A level or period is not one of the known ones.
        """
        views = tuple((level, period) for level, period in views)
        for level, period in views:
            if level not in ("unit", "province") or period not in ("year", "quarter", "month"):
                raise DossierError(f"no indicators by {level} and {period}: use unit|province"
                                   " and year|quarter|month")  # fmt: skip
        if not views:
            return ()
        con = self.con if self.con is not None else connect()
        units, _ = catalogue_tables(self.catalogue)
        native = is_duckdb(con)
        criteria = self.criteria

        def build(counts: ibis.Table, units: ibis.Table) -> ibis.Table:
            return index_table(
                counts, units, views=views, criteria=criteria, native_division=native
            )

        with quiet(), Session(con) as session:
            session.add("counts", self.counts)
            session.add("units", units)
            table = session.fetch(("index", views, criteria, native), build, "counts", "units")
        provinces = {u.code: u.province for u in self.catalogue.units}
        view = table.column("view_no")
        out = []
        for number, (level, period) in enumerate(views):
            part = table.filter(pc.equal(view, number)).drop_columns(["view_no"])
            mapping = provinces if level == "unit" else {}
            out.append(ServiceIndex(level, period, self.year, self.criteria, part, mapping))
        return tuple(out)


def assess_dossiers(
    dossiers: str | os.PathLike[str] | ibis.Table | pa.Table,
    catalogue: ProcedureCatalogue,
    *,
    year: int,
    calendar: VietnamCalendar | None = None,
    con: BaseBackend | None = None,
    rejected_file: str | os.PathLike[str] | None = None,
    strict: bool = False,
    criteria: tuple[Criterion, ...] = DECISION_766_CRITERIA,
) -> DossierAssessment:
    """Check and count a year of dossiers received in ``year``, judged as of its last day.

    Args:
        dossiers: A Parquet, CSV or JSON-lines file, an ibis table on ``con``, or an
            Arrow table.
        catalogue: The procedures (legal days, fee-bearing) and units (province).
        year: The year of receipt judged; its 31 December is the period's end.
        calendar: The working-day calendar (default: :class:`~cchc.calendar.VietnamCalendar`).
        con: An ibis backend (default: a new embedded DuckDB); the table, if one is given,
            must be on it.
        rejected_file: Write every rejected row there, with its ``reason`` (``.parquet``,
            ``.csv`` or ``.jsonl``); written even when empty, so it is never stale. Its
            suffix and folder are checked before anything is read.
        strict: Raise instead of leaving rejected rows out.
        criteria: The scored criteria (default: :data:`DECISION_766_CRITERIA`).

    Returns:
        The validation and the accepted counts; :meth:`DossierAssessment.index` gives the
        indicators.

    Raises:
        LoadError: The file cannot be read.
        DossierError: Columns are missing or of a type that cannot hold their values;
            ``year`` is outside the calendar's years; the rejected-rows file cannot be
            written; ``strict`` and rows were rejected; the backend failed.
    """
    with quiet():
        return _assess(
            dossiers, catalogue, year=year, calendar=calendar, con=con,
            rejected_file=rejected_file, strict=strict, criteria=criteria,
        )  # fmt: skip


def _assess(
    dossiers: str | os.PathLike[str] | ibis.Table | pa.Table,
    catalogue: ProcedureCatalogue,
    *,
    year: int,
    calendar: VietnamCalendar | None,
    con: BaseBackend | None,
    rejected_file: str | os.PathLike[str] | None,
    strict: bool,
    criteria: tuple[Criterion, ...],
) -> DossierAssessment:
    ibis = load_ibis()  # MissingExtraError without the extra

    if rejected_file is not None:
        check_rejected_path(Path(rejected_file))
    calendar = calendar if calendar is not None else VietnamCalendar()
    longest = max((p.legal_days for p in catalogue.procedures), default=0)
    span = calendar_span(calendar, year, longest)
    con = con if con is not None else connect()
    if isinstance(dossiers, pa.Table):
        dossiers = ibis.memtable(dossiers)
    parquet = None
    if isinstance(dossiers, ibis.Table):
        source, table = "<table>", with_schema(dossiers)
    else:
        source, table = str(dossiers), read_dossiers(dossiers, con=con)
        if format_of(Path(dossiers)) == "parquet":
            parquet = str(dossiers)
    # Only the dossier columns (and the unreadable-value flags) are checked and counted;
    # the file's other columns travel, renamed, to the rejected rows only.
    names = [c.name for c in DOSSIER_COLUMNS]
    unread = [c for c in table.columns if c.startswith(BAD_PREFIX)]
    extras = tuple(c for c in table.columns if c not in names and c not in unread)
    core = table.select(*names, *unread) if extras else table
    cal = calendar_table(calendar, span)
    end_ord = ordinal(calendar, span, dt.date(year, 12, 31))
    units, procedures = catalogue_tables(catalogue)
    with Session(con) as session:
        try:
            session.add("dossiers", core)
            session.add("procedures", procedures, materialize=True)
            session.add("calendar", cal, materialize=True)
            stats = column_stats(session)
            dup = duplicate_ids(session, stats, parquet)
            if dup is not None:
                session.add("duplicates", dup)
            grouped = grouped_counts(
                session, year=year, end_ord=end_ord, stats=stats, duplicates=dup is not None
            )
            counts, validation = _counted(grouped, catalogue, source)
            if validation.rejected or rejected_file is not None:
                session.add("units", units)
                rich = table.select(
                    *names,
                    *unread,
                    **{f"{EXTRA_PREFIX}{i}": table[c] for i, c in enumerate(extras)},
                )
                full = flagged(
                    rich,
                    session.table("procedures"),
                    session.table("calendar"),
                    year=year,
                    duplicates=session.table("duplicates") if dup is not None else None,
                    units=session.table("units"),
                    precise=True,
                )
                validation = _rejections(full, extras, con, validation, rejected_file)
        except (DossierError, KeyboardInterrupt):
            raise
        except Exception as error:
            raise DossierError(f"{source}: the query failed: {error_text(error)}",
                               where=source) from None  # fmt: skip
    if strict and validation.rejected:
        raise DossierError(validation.summary("en").replace("\n", ";"), where=source)
    return DossierAssessment(year, validation, counts, catalogue, criteria, con)


def _counted(
    grouped: pa.Table, catalogue: ProcedureCatalogue, source: str
) -> tuple[pa.Table, Validation]:
    """The accepted counts per unit and month, and how many rows were read and accepted."""
    known = pa.array([u.code for u in catalogue.units], pa.string())
    good = pc.fill_null(pc.is_in(grouped.column("unit"), known), False)
    rows = int(pc.sum(grouped.column("rows")).as_py() or 0)
    kept = grouped.filter(good)
    received = pc.subtract(kept.column("rows"), kept.column("bad"))
    accepted = int(pc.sum(received).as_py() or 0)
    kept = kept.filter(pc.greater(received, 0))
    counts = pa.table(
        {
            "unit": kept.column("unit").cast(pa.string()),
            "month": kept.column("month").cast(pa.int32()),
            "received": pc.subtract(kept.column("rows"), kept.column("bad")).cast(pa.int64()),
            **{c: kept.column(c).cast(pa.int64()) for c in COUNT_COLUMNS[1:]},
        }
    )
    return counts, Validation(source, rows, accepted, rows - accepted)


def _rejections(
    full: ibis.Table,
    extras: tuple[str, ...],
    con: BaseBackend,
    validation: Validation,
    rejected_file: str | os.PathLike[str] | None,
) -> Validation:
    rejected = rejected_rows(full, extras)
    problems: dict[str, int] = {}
    shown: tuple[dict[str, Any], ...] = ()
    written = None
    if not validation.rejected:  # nothing to look for: the file gets the columns only
        if rejected_file is not None:
            write_rejected(rejected, Path(rejected_file), con, empty=True)
            written = str(rejected_file)
        return attrs.evolve(validation, rejected_file=written)
    with _stored(rejected, con) as stored:  # the joins run once; the rest reads the result
        problems = problem_counts(stored, con)
        shown = first_rows(stored, con, FIRST_ROWS)
        if rejected_file is not None:
            write_rejected(stored, Path(rejected_file), con)
            written = str(rejected_file)
    return attrs.evolve(validation, problems=problems, first_rows=shown, rejected_file=written)


@contextlib.contextmanager
def _stored(table: ibis.Table, con: BaseBackend) -> Iterator[ibis.Table]:
    """``table`` computed once into a temporary table on ``con``, dropped after."""
    if not is_duckdb(con):  # ibis's cache (Spark: a cached DataFrame), if it can find con
        try:
            cached = table.cache()
        except Exception:  # only in-memory inputs: no backend to cache on, run it as is
            yield table
            return
        try:
            yield cached
        finally:
            with contextlib.suppress(Exception):
                cached.release()
        return
    name = f"cchc_rejected_{uuid.uuid4().hex}"
    stored = con.create_table(name, table, temp=True)
    try:
        yield stored
    finally:
        with contextlib.suppress(Exception):  # a closed connection has nothing left
            con.con.execute(f'DROP TABLE IF EXISTS "{name}"')
