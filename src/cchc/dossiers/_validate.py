"""Rejected dossiers: how many for each reason, the first ones, and a file of them all.

Only run when the scan found rejected rows. The dossiers are flagged again, the catalogue's
units joined this time, and the rows with any problem are kept — once, in a table on the
backend that the counts, the first rows and the file are then read from — with a
``reason`` column listing every problem of the row (codes of
:data:`~cchc.dossiers.PROBLEMS`, separated by ``", "``; ``bad-value:<column>`` for each
column whose value could not be read). The file's extra columns are carried along under
their own names (a column called ``reason`` as ``file_reason``, see
:func:`carried_names`); they take no part in any check. Nothing is dropped silently: the
accepted and rejected rows add up to the rows read, and :class:`Validation` says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pyarrow as pa

from cchc._files import replacing
from cchc.dossiers._read import BAD_PREFIX, RESERVED_PREFIX
from cchc.dossiers._schema import DOSSIER_COLUMNS, PROBLEMS, Problem
from cchc.errors import DossierError
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    import ibis  # type: ignore[import-untyped,unused-ignore]
    from ibis.backends import BaseBackend  # type: ignore[import-untyped,unused-ignore]

__all__ = [
    "EXTRA_PREFIX",
    "FIRST_ROWS",
    "REJECTED_SUFFIXES",
    "Validation",
    "carried_names",
    "check_rejected_path",
    "first_rows",
    "problem_counts",
    "rejected_rows",
    "write_rejected",
]

EXTRA_PREFIX = "__cchc_extra_"
"""Prefix under which the file's extra columns travel through the checks (then renamed)."""

REJECTED_SUFFIXES = (".parquet", ".csv", ".jsonl", ".ndjson", ".json")
"""Suffixes of a rejected-rows file (``.json``: JSON lines too)."""

FIRST_ROWS = 10
"""How many rejected rows a :class:`Validation` keeps to show."""


@attrs.frozen
class Validation:
    """What the checks found: every row is either accepted or rejected, with its reasons.

    Attributes:
        source: The file (or table) checked.
        rows: Dossiers read.
        accepted: Dossiers counted in the indicators.
        rejected: Dossiers left out, each for at least one problem.
        problems: Rows with each problem, by problem code (a row may have several);
            only problems found are listed, in the order of :data:`PROBLEMS`.
        first_rows: The first rejected rows (by ``dossier_id``), as plain dicts with
            their ``reason``.
        rejected_file: Where every rejected row was written, if asked.
    """

    source: str
    rows: int
    accepted: int
    rejected: int
    problems: dict[str, int] = attrs.field(factory=dict)
    first_rows: tuple[dict[str, Any], ...] = ()
    rejected_file: str | None = None

    @property
    def ok(self) -> bool:
        """Whether no dossier was rejected."""
        return self.rejected == 0

    def summary(self, lang: Lang = "vi") -> str:
        """One line per problem under a count, in ``lang``.

        >>> print(Validation("d.parquet", 10, 9, 1, {"duplicate-id": 1}).summary("en"))
        d.parquet: 10 dossiers read, 9 accepted, 1 rejected
          - duplicate-id: 1 (the dossier id appears more than once)
        """
        if lang == "vi":
            head = (
                f"{self.source}: đọc {self.rows} hồ sơ, nhận {self.accepted}, loại {self.rejected}"
            )
        else:
            head = (
                f"{self.source}: {self.rows} dossiers read, {self.accepted} accepted,"
                f" {self.rejected} rejected"
            )
        lines = [head]
        for code, count in self.problems.items():
            text = _PROBLEM[code].vi if lang == "vi" else _PROBLEM[code].en
            lines.append(f"  - {code}: {count} ({text})")
        if self.rejected_file:
            lines.append(f"  → {self.rejected_file}")
        return "\n".join(lines)


_PROBLEM: dict[str, Problem] = {p.code: p for p in PROBLEMS}


def _flag(code: str) -> str:
    return "flag_" + code.replace("-", "_")


def _kept(code: str) -> str:
    """The flag's name in the rejected rows: reserved, so no carried column is taken for it."""
    return RESERVED_PREFIX + _flag(code)


def carried_names(extras: tuple[str, ...]) -> tuple[str, ...]:
    """The names the file's extra columns get in the rejected rows: their own, but ``reason``.

    ``reason`` is the rejected rows' own column: a file's ``reason`` becomes
    ``file_reason`` (``file_file_reason`` if that is taken too, and so on).

    >>> carried_names(("note", "reason", "file_reason"))
    ('note', 'file_file_reason', 'file_reason')
    """
    taken = {c.name for c in DOSSIER_COLUMNS} | {"reason"} | set(extras)
    out = []
    for name in extras:
        new = name
        if name == "reason":
            new = "file_reason"
            while new in taken:
                new = "file_" + new
            taken.add(new)
        out.append(new)
    return tuple(out)


def rejected_rows(flagged: ibis.Table, extras: tuple[str, ...] = ()) -> ibis.Table:
    """The rows of :func:`~cchc.dossiers._scan.flagged` with a problem, and their ``reason``.

    ``extras`` are the names of the file's extra columns, which ``flagged`` holds as
    ``__cchc_extra_<n>``: they come back under :func:`carried_names`.
    """
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    flags = [p.code for p in PROBLEMS if _flag(p.code) in flagged.columns]
    bad = flagged.filter(ibis.or_(*(flagged[_flag(code)] for code in flags)))
    parts = []
    for code in flags:
        if code == "bad-value":
            unread = [c for c in bad.columns if c.startswith(BAD_PREFIX)]
            parts += [
                ibis.ifelse(bad[c], f", bad-value:{c.removeprefix(BAD_PREFIX)}", "") for c in unread
            ]
        else:
            parts.append(ibis.ifelse(bad[_flag(code)], f", {code}", ""))
    reason = parts[0]
    for part in parts[1:]:
        reason = reason.concat(part)
    carried = {new: bad[f"{EXTRA_PREFIX}{i}"] for i, new in enumerate(carried_names(extras))}
    return bad.select(
        *(c.name for c in DOSSIER_COLUMNS),
        **carried,
        reason=reason.substr(2),
        **{_kept(code): bad[_flag(code)] for code in flags},
    )


def problem_counts(rejected: ibis.Table, con: BaseBackend) -> dict[str, int]:
    """Rows with each problem, by code, for the problems found."""
    flags = [p.code for p in PROBLEMS if _kept(p.code) in rejected.columns]
    counted = rejected.aggregate(
        **{_flag(code): rejected[_kept(code)].cast("int64").sum() for code in flags}
    )
    row = con.to_pyarrow(counted).to_pylist()[0]
    return {code: int(row[_flag(code)] or 0) for code in flags if row[_flag(code)]}


def _shown(rejected: ibis.Table) -> ibis.Table:
    return rejected.select(*(c for c in rejected.columns if not c.startswith(RESERVED_PREFIX)))


def first_rows(rejected: ibis.Table, con: BaseBackend, count: int) -> tuple[dict[str, Any], ...]:
    """The first ``count`` rejected rows by ``dossier_id``, without the flag columns."""
    ordered = _shown(rejected).order_by("dossier_id").limit(count)
    return tuple(con.to_pyarrow(ordered).to_pylist())


def check_rejected_path(path: Path) -> None:
    """Refuse, before any scan, a rejected-rows file that could not be written.

    Raises:
        DossierError: The suffix is not one of :data:`REJECTED_SUFFIXES`, the folder does
            not exist or may not be written to, or the path is a folder or a read-only file.
    """
    where = str(path)
    if path.suffix.lower() not in REJECTED_SUFFIXES:
        raise DossierError(f"{path}: write rejected rows to a .parquet, .csv or .jsonl file",
                           where=where)  # fmt: skip
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    if not folder.is_dir():
        raise DossierError(f"{path}: cannot write the rejected rows: no folder {folder}",
                           where=where)  # fmt: skip
    if target.is_dir():
        raise DossierError(f"{path}: cannot write the rejected rows: it is a folder",
                           where=where)  # fmt: skip
    if (target.exists() and not os.access(target, os.W_OK)) or not os.access(folder, os.W_OK):
        raise DossierError(f"{path}: cannot write the rejected rows: permission denied",
                           where=where)  # fmt: skip


def write_rejected(
    rejected: ibis.Table, path: Path, con: BaseBackend, *, empty: bool = False
) -> None:
    """Write the rejected rows (no flag columns) to ``path``, whole or not at all.

    The suffix says the format: ``.parquet``, ``.csv``, or ``.jsonl``/``.json`` (one
    object a line). The rows are streamed from the backend in Arrow batches to a
    temporary file beside ``path``, renamed over it once complete; an existing file keeps
    its permissions (a new one gets the umask's), a symbolic link stays a link. With
    ``empty``, no query runs: the file gets the columns and no row.

    Raises:
        DossierError: The suffix is not one of those, or the file cannot be written (the
            path named, never the temporary file's).
    """
    check_rejected_path(path)
    table = _shown(rejected).order_by("dossier_id")
    suffix = path.suffix.lower()
    try:
        with replacing(path) as temporary:
            if empty:
                schema = table.schema().to_pyarrow()
                reader = pa.RecordBatchReader.from_batches(schema, iter(()))
            else:
                reader = _batches(table, con)
            _write_batches(reader, temporary, suffix)
    except OSError as error:
        raise DossierError(
            f"{path}: cannot write the rejected rows: {error.strerror or error}", where=str(path)
        ) from None


def _batches(table: ibis.Table, con: BaseBackend) -> pa.RecordBatchReader:
    """The rows of ``table`` as a stream of Arrow batches, never all of them at once."""
    if getattr(con, "name", "") == "duckdb":  # ibis's own reader calls what duckdb 2 lacks
        reader: pa.RecordBatchReader = con.con.sql(str(con.compile(table))).to_arrow_reader(1 << 16)
        return reader
    found: pa.RecordBatchReader = con.to_pyarrow_batches(table)
    return found


def _write_batches(reader: pa.RecordBatchReader, path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        import pyarrow.parquet as pq  # noqa: PLC0415

        with pq.ParquetWriter(path, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
    elif suffix == ".csv":
        import pyarrow.csv as pcsv  # noqa: PLC0415

        with pcsv.CSVWriter(path, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
    else:
        with path.open("w", encoding="utf-8") as stream:
            for batch in reader:
                for row in batch.to_pylist():
                    stream.write(json.dumps(row, ensure_ascii=False, default=str))
                    stream.write("\n")
