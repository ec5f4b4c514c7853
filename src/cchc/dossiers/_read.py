"""Reading dossier files (Parquet, CSV, JSON lines) into an ibis table, columns checked.

A file is read by the backend itself (DuckDB's readers by default), never row by row in
Python; columns are checked by name and cast to the schema's types, so a CSV's text dates
and a JSON file's numbers come out as the Parquet file's would. Extra columns are kept.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.dossiers._schema import DOSSIER_COLUMNS
from cchc.errors import DossierError, LoadError, MissingExtraError

if TYPE_CHECKING:
    import ibis  # type: ignore[import-untyped,unused-ignore]
    from ibis.backends import BaseBackend  # type: ignore[import-untyped,unused-ignore]

__all__ = ["FORMATS", "connect", "format_of", "quiet", "read_dossiers", "with_schema"]

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "json", ".ndjson": "json"}
"""File suffixes read, and the format each means (``.json`` lines too: one object a line)."""


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the deprecation warnings ibis's DuckDB backend draws from duckdb 2.

    They are about ibis's own calls (``fetch_arrow_table``), nothing a caller can change.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r".*fetch_arrow_table", DeprecationWarning)
        yield


def _ibis() -> Any:
    try:
        import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("dossiers", "ibis-framework") from None
    return ibis


def connect() -> BaseBackend:
    """A fresh in-process DuckDB connection, the default backend (no progress bar).

    Raises:
        MissingExtraError: ibis or DuckDB is not installed (``pip install "cchc[dossiers]"``).
    """
    ibis = _ibis()
    try:
        con: BaseBackend = ibis.duckdb.connect()
    except ImportError:
        raise MissingExtraError("dossiers", "duckdb") from None
    con.raw_sql("SET enable_progress_bar = false").fetchall()
    return con


def format_of(path: Path) -> str:
    """``"parquet"``, ``"csv"`` or ``"json"`` (JSON lines), from the file's suffix.

    Raises:
        LoadError: The suffix is none of ``.parquet``, ``.csv``, ``.jsonl``, ``.ndjson``,
            ``.json``.
    """
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix not in FORMATS:
        known = ", ".join([*FORMATS, ".json"])
        raise LoadError(str(path), f"cannot tell the format from the suffix; use one of {known}")
    return FORMATS[suffix]


def read_dossiers(path: str | os.PathLike[str], *, con: BaseBackend | None = None) -> ibis.Table:
    """The dossiers of a Parquet, CSV or JSON-lines file, as a table on ``con``.

    The columns of :data:`~cchc.dossiers.DOSSIER_COLUMNS` must all be there (others are
    kept); each is cast to its type. Nothing is read into Python: the backend scans the
    file when a query runs.

    Args:
        path: The file; its suffix says the format (``.parquet``, ``.csv``, ``.jsonl``).
        con: An ibis backend connection (default: a new embedded DuckDB).

    Raises:
        LoadError: The file does not exist, its format is unknown, it cannot be read, or
            it lacks columns (all of them named).
        MissingExtraError: ibis or DuckDB is not installed.
    """
    path = Path(path)
    kind = format_of(path)
    if not path.is_file():
        raise LoadError(str(path), "no such file")
    con = con if con is not None else connect()
    reader = {"parquet": "read_parquet", "csv": "read_csv", "json": "read_json"}[kind]
    # A CSV is read as text and cast column by column: codes such as "001" stay codes.
    options = {"all_varchar": True} if kind == "csv" and con.name == "duckdb" else {}
    try:
        with quiet():
            table: ibis.Table = getattr(con, reader)(str(path), **options)
    except Exception as error:  # each backend raises its own kind
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise LoadError(str(path), f"cannot read it as {kind}: {first}") from None
    return with_schema(table, str(path))


def with_schema(table: ibis.Table, name: str = "<table>") -> ibis.Table:
    """``table`` with the dossier columns cast to their types (extra columns kept).

    Raises:
        DossierError: Columns are missing, or one cannot be cast to its type.
    """
    missing = [c.name for c in DOSSIER_COLUMNS if c.name not in table.columns]
    if missing:
        raise DossierError(
            f"{name}: missing column(s) {', '.join(missing)}; a dossier table needs "
            + ", ".join(c.name for c in DOSSIER_COLUMNS),
            where=name,
        )
    casts = {}
    for column in DOSSIER_COLUMNS:
        current = table[column.name]
        if str(current.type().copy(nullable=True)) == column.dtype:
            continue
        try:
            casts[column.name] = current.cast(column.dtype)
        except Exception as error:
            raise DossierError(
                f"{name}: column {column.name} is {current.type()}, which cannot become"
                f" {column.dtype}: {error}",
                where=name,
            ) from None
    return table.mutate(**casts) if casts else table
