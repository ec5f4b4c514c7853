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

__all__ = [
    "BAD_PREFIX",
    "FORMATS",
    "connect",
    "error_text",
    "format_of",
    "load_ibis",
    "quiet",
    "read_dossiers",
    "with_schema",
]

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "json", ".ndjson": "json",
           ".json": "json"}  # fmt: skip
"""File suffixes read, and the format each means (``.json`` too: JSON lines, one object a line)."""

RESERVED_PREFIX = "__cchc_"
"""Prefix of the columns the checks add; a file's column may not start with it."""

BAD_PREFIX = RESERVED_PREFIX + "bad_"
"""Prefix of the boolean columns :func:`with_schema` adds: a value that could not be read."""

_WHOLE = r"^[+-]?[0-9]+$"


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the deprecation warnings ibis's DuckDB backend draws from duckdb 2.

    They are about ibis's own calls (``fetch_arrow_table``), nothing a caller can change.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r".*fetch_arrow_table", DeprecationWarning)
        yield


def load_ibis() -> Any:
    """The ibis module (``MissingExtraError`` without the ``dossiers`` extra)."""
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
    ibis = load_ibis()
    try:
        con: BaseBackend = ibis.duckdb.connect()
    except ImportError:
        raise MissingExtraError("dossiers", "duckdb") from None
    con.raw_sql("SET enable_progress_bar = false").fetchall()
    return con


def format_of(path: Path) -> str:
    """``"parquet"``, ``"csv"`` or ``"json"`` (JSON lines), from the file's suffix.

    Raises:
        LoadError: The suffix is none of :data:`FORMATS`.
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        raise LoadError(str(path), f"cannot tell the format from the suffix; use one of {known}")
    return FORMATS[suffix]


def error_text(error: BaseException) -> str:
    """The error's first line, and the line naming a column if the backend gave one."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    if not lines:
        return type(error).__name__
    named = [line for line in lines[1:] if "column" in line.lower()]
    return "; ".join(lines[:1] + named[:1])


def read_dossiers(path: str | os.PathLike[str], *, con: BaseBackend | None = None) -> ibis.Table:
    """The dossiers of a Parquet, CSV or JSON-lines file, as a table on ``con``.

    The columns of :data:`~cchc.dossiers.DOSSIER_COLUMNS` must all be there; each is
    read as its type (:func:`with_schema`). A CSV is read as text on every backend, so a
    code such as ``"001"`` stays a code. Nothing is read into Python: the backend scans
    the file when a query runs.

    Args:
        path: The file; its suffix says the format (``.parquet``, ``.csv``, ``.jsonl``).
        con: An ibis backend connection (default: a new embedded DuckDB).

    Raises:
        LoadError: The file does not exist, is empty, its format is unknown, it cannot be
            read, or it lacks columns (all of them named).
        MissingExtraError: ibis or DuckDB is not installed.
    """
    path = Path(path)
    kind = format_of(path)
    if not path.is_file():
        raise LoadError(str(path), "no such file")
    if kind != "parquet" and _blank(path):
        raise LoadError(str(path), "the file is empty: no header, no dossier")
    con = con if con is not None else connect()
    reader = {"parquet": "read_parquet", "csv": "read_csv", "json": "read_json"}[kind]
    options: dict[str, Any] = {}
    if kind == "csv":
        options = {"all_varchar": True} if con.name == "duckdb" else {"inferSchema": False}
    elif kind == "json" and con.name == "duckdb":
        options = {"sample_size": -1}  # a type seen only late in the file does not abort it
    try:
        with quiet():
            table: ibis.Table = getattr(con, reader)(str(path), **options)
    except Exception as error:  # each backend raises its own kind
        raise LoadError(str(path), f"cannot read it as {kind}: {error_text(error)}") from None
    return with_schema(table, str(path))


def _blank(path: Path) -> bool:
    with path.open("rb") as stream:
        head = stream.read(1 << 16)
    return not head.strip(b" \t\r\n\xef\xbb\xbf")


def with_schema(table: ibis.Table, name: str = "<table>") -> ibis.Table:
    """``table`` with the dossier columns read as their types, extra columns kept.

    A value that cannot be read as its column's type becomes null, and the boolean column
    ``__cchc_bad_<column>`` (:data:`BAD_PREFIX`) says so, for that row to be rejected as
    ``bad-value``: booleans are ``true``/``false``/``0``/``1`` only (text in any case),
    counts, fees, channels and ids whole numbers that fit the type, dates ISO dates
    (``2025-03-03``). Such columns come after the dossier columns, then the extra ones.

    Raises:
        DossierError: Columns are missing, or one is of a type that cannot hold its values
            at all (a date column of numbers…), the column named.
    """
    missing = [c.name for c in DOSSIER_COLUMNS if c.name not in table.columns]
    if missing:
        raise DossierError(
            f"{name}: missing column(s) {', '.join(missing)}; a dossier table needs "
            + ", ".join(c.name for c in DOSSIER_COLUMNS),
            where=name,
        )
    typed: dict[str, Any] = {}
    bad: dict[str, Any] = {}
    for column in DOSSIER_COLUMNS:
        current = table[column.name]
        if str(current.type().copy(nullable=True)) == column.dtype:
            typed[column.name] = current
            continue
        try:
            if not _readable(current.type(), column.dtype):
                raise TypeError("no value of it is one")
            value = _read_as(current, column.dtype)
        except Exception as error:  # ibis refuses the cast while building the expression
            raise DossierError(
                f"{name}: column {column.name} is {current.type()}, which cannot hold"
                f" {column.dtype} values: {error_text(error)}",
                where=name,
            ) from None
        typed[column.name] = value
        bad[BAD_PREFIX + column.name] = (current.notnull() & value.isnull()).fill_null(False)
    names = {c.name for c in DOSSIER_COLUMNS}
    extras = [c for c in table.columns if c not in names]
    reserved = [c for c in extras if c.startswith(RESERVED_PREFIX)]
    if reserved:
        raise DossierError(
            f"{name}: column(s) {', '.join(reserved)} use the prefix {RESERVED_PREFIX},"
            " reserved for the checks' own columns; rename them",
            where=name,
        )
    if not bad and list(table.columns) == list(typed):
        return table  # already the schema (a Parquet export): the file's own table
    return table.select(**typed, **bad, **{c: table[c] for c in extras})


def _readable(kind: Any, dtype: str) -> bool:
    """Whether a column of ibis type ``kind`` can hold values of ``dtype`` at all."""
    if kind.is_string() or kind.is_json() or kind.is_null():
        return True
    if dtype == "date":
        return bool(kind.is_date() or kind.is_timestamp())
    if dtype == "string":
        return bool(kind.is_integer())
    return bool(kind.is_numeric() or kind.is_boolean())


def _read_as(value: Any, dtype: str) -> Any:
    """``value`` as ``dtype``, null where it is not a value of that type (never rounded)."""
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    kind = value.type()
    if kind.is_json():  # a JSON-lines field of mixed kinds: read as its text
        value = ibis.coalesce(value.str, value.cast("string"))
        kind = value.type()
    if dtype == "boolean":
        if kind.is_string():
            text = value.strip().lower()
            true = text.isin(["true", "1"])
            false = text.isin(["false", "0"])
        elif kind.is_numeric():
            true, false = value == 1, value == 0
        else:
            return value.cast(dtype)
        return ibis.cases((true, True), (false, False), else_=ibis.null("boolean"))
    if dtype.startswith("int"):
        if kind.is_string():
            text = value.strip()
            whole = text.re_search(_WHOLE)
            return ibis.ifelse(whole, text.try_cast(dtype), ibis.null(dtype))
        if kind.is_floating() or kind.is_decimal():
            return ibis.ifelse(value == value.floor(), value.try_cast(dtype), ibis.null(dtype))
        return value.try_cast(dtype) if kind.is_integer() else value.cast(dtype)
    if dtype == "date" and kind.is_string():
        return value.strip().try_cast(dtype)
    return value.cast(dtype) if not kind.is_string() else value.try_cast(dtype)
