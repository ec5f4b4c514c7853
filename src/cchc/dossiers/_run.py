"""Running the package's ibis expressions: on DuckDB, compiled once per shape and cached.

Every query of the package is an ibis expression built by a function of its input tables
(:meth:`Session.fetch`). On DuckDB, the default backend, building and compiling such an
expression costs about as much as running it on the unit-month counts, so it is compiled
once per *shape* — the caller's key and the schemas of the inputs — against placeholder
tables, and the SQL text is kept. A run then puts the inputs under unique names (small
Arrow tables the scan joins to as temporary tables, which DuckDB joins to faster than to
Arrow data; other Arrow tables as views of the Arrow data; ibis tables by their own name)
and runs the cached text, its result cast to the expression's schema as ibis would.

On any other backend the expression is built on the inputs themselves and run by ibis.
The expression is the same either way, so the answers are.
"""

from __future__ import annotations

import contextlib
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from types import TracebackType

    import ibis  # type: ignore[import-untyped,unused-ignore]
    from ibis.backends import BaseBackend  # type: ignore[import-untyped,unused-ignore]

__all__ = ["Session", "is_duckdb"]

_CACHE: OrderedDict[Hashable, tuple[str, pa.Schema]] = OrderedDict()
_CACHE_SIZE = 64
"""Compiled queries kept (least recently used dropped): a few per kind of query."""


def is_duckdb(con: BaseBackend) -> bool:
    """Whether ``con`` is ibis's DuckDB backend."""
    return getattr(con, "name", "") == "duckdb"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _placeholder(role: str) -> str:
    return f"__cchc_input_{role}__"


class Session:
    """The input tables of a few queries on one backend, put there once and removed after.

    Use as a context manager: on leaving it, the temporary tables and views are dropped.
    """

    def __init__(self, con: BaseBackend) -> None:
        self.con = con
        self.duckdb = is_duckdb(con)
        self._inputs: dict[str, ibis.Table | pa.Table] = {}
        self._tables: dict[str, ibis.Table] = {}
        self._names: dict[str, str] = {}
        self._schemas: dict[str, Any] = {}
        self._cleanup: list[Callable[[], object]] = []

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def add(self, role: str, data: ibis.Table | pa.Table, *, materialize: bool = False) -> None:
        """Make ``data`` the input called ``role``.

        ``materialize``: on DuckDB, copy an Arrow table into a temporary table (for the
        small tables a scan joins to). Elsewhere the table is an ibis memtable.
        """
        import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

        self._inputs[role] = data
        if isinstance(data, pa.Table):
            self._schemas[role] = ibis.Schema.from_pyarrow(data.schema)
        else:
            self._schemas[role] = data.schema()
        if self.duckdb:
            self._names[role] = self._register(role, data, materialize)

    def _register(self, role: str, data: ibis.Table | pa.Table, materialize: bool) -> str:
        import ibis.expr.operations as ops  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

        raw = self.con.con
        name = f"cchc_{role}_{uuid.uuid4().hex}"
        if isinstance(data, pa.Table):
            raw.register(name, data)
            if not materialize:
                self._cleanup.append(lambda: raw.unregister(name))
                return _quote(name)
            table = f"{name}_t"
            raw.execute(f"CREATE TEMP TABLE {_quote(table)} AS SELECT * FROM {_quote(name)}")  # noqa: S608 - generated names
            raw.unregister(name)
            self._cleanup.append(lambda: raw.execute(f"DROP TABLE IF EXISTS {_quote(table)}"))
            return _quote(table)
        op = data.op()
        namespace = getattr(op, "namespace", None)
        plain = namespace is None or (namespace.catalog is None and namespace.database is None)
        if isinstance(op, ops.DatabaseTable) and plain:
            return _quote(op.name)
        self.con.create_view(name, data, overwrite=True)
        # Not ibis's drop_view: its statement is refused by duckdb 2.
        self._cleanup.append(lambda: raw.execute(f"DROP VIEW IF EXISTS {_quote(name)}"))
        return _quote(name)

    def table(self, role: str) -> ibis.Table:
        """The input as an ibis table on the backend (for queries run by ibis)."""
        import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

        if role not in self._tables:
            data = self._inputs[role]
            self._tables[role] = ibis.memtable(data) if isinstance(data, pa.Table) else data
        return self._tables[role]

    def schema(self, role: str) -> Any:
        """The input's ibis schema."""
        return self._schemas[role]

    def name(self, role: str) -> str:
        """The input's name in DuckDB's SQL (quoted); DuckDB only."""
        return self._names[role]

    def fetch(self, key: Hashable, build: Callable[..., ibis.Table], *roles: str) -> pa.Table:
        """The result of ``build(*tables)``, the inputs ``roles`` in that order.

        ``key`` names the expression ``build`` makes from tables of these schemas: the
        same key and schemas must give the same expression (it is compiled only once).
        """
        if not self.duckdb:
            result: pa.Table = self.con.to_pyarrow(build(*(self.table(r) for r in roles)))
            return result
        sql, schema = self._compiled(key, build, roles)
        for role in roles:
            sql = sql.replace(_quote(_placeholder(role)), self._names[role])
        table: pa.Table = self.con.con.sql(sql).to_arrow_table()
        return table if table.schema == schema else table.cast(schema)

    def _compiled(
        self, key: Hashable, build: Callable[..., ibis.Table], roles: tuple[str, ...]
    ) -> tuple[str, pa.Schema]:
        import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

        full = (self.con.name, key, tuple((r, self._schemas[r]) for r in roles))
        found = _CACHE.get(full)
        if found is not None:
            with contextlib.suppress(KeyError):  # dropped meanwhile by another thread
                _CACHE.move_to_end(full)
            return found
        expr = build(*(ibis.table(self._schemas[r], name=_placeholder(r)) for r in roles))
        found = (str(self.con.compile(expr)), expr.schema().to_pyarrow())
        _CACHE[full] = found
        while len(_CACHE) > _CACHE_SIZE:
            with contextlib.suppress(KeyError):
                _CACHE.popitem(last=False)
        return found

    def scalar(self, sql: str, parameters: list[Any] | None = None) -> Any:
        """The first value of a DuckDB query's first row (DuckDB only)."""
        if parameters is None:
            rows = self.con.con.sql(sql).fetchall()
        else:
            rows = self.con.con.execute(sql, parameters).fetchall()
        return rows[0][0] if rows else None

    def close(self) -> None:
        """Drop what :meth:`add` created on the backend."""
        while self._cleanup:
            undo = self._cleanup.pop()
            with contextlib.suppress(Exception):  # a closed connection has nothing left
                undo()
