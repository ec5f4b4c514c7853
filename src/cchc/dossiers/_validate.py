"""Rejected dossiers: how many for each reason, the first ones, and a file of them all.

Only run when the scan found rejected rows. The dossiers are flagged again, the catalogue's
units joined this time, and the rows with any problem are kept with a ``reason`` column
listing every problem of the row (codes of :data:`~cchc.dossiers.PROBLEMS`, separated by
``", "``). Nothing is dropped silently: the accepted and rejected rows add up to the rows
read, and :class:`Validation` says so.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from cchc.dossiers._schema import DOSSIER_COLUMNS, PROBLEMS, Problem
from cchc.errors import DossierError
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    import ibis  # type: ignore[import-untyped,unused-ignore]
    from ibis.backends import BaseBackend  # type: ignore[import-untyped,unused-ignore]

__all__ = ["FIRST_ROWS", "Validation", "rejected_rows", "write_rejected"]

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


def rejected_rows(flagged: ibis.Table) -> ibis.Table:
    """The rows of :func:`~cchc.dossiers._scan.flagged` with a problem, and their ``reason``."""
    import ibis  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    flags = [p.code for p in PROBLEMS if _flag(p.code) in flagged.columns]
    bad = flagged.filter(ibis.or_(*(flagged[_flag(code)] for code in flags)))
    parts = [ibis.ifelse(bad[_flag(code)], f", {code}", "") for code in flags]
    reason = parts[0]
    for part in parts[1:]:
        reason = reason.concat(part)
    extra = _extra(flagged)
    keep = [c.name for c in DOSSIER_COLUMNS] + [c for c in flagged.columns if c in extra]
    return bad.select(*keep, reason=reason.substr(2), **{f: bad[f] for f in map(_flag, flags)})


def _extra(flagged: ibis.Table) -> set[str]:
    """Columns of the dossier file beyond the schema's (kept in the rejected rows)."""
    added = {"legal_days", "fee_bearing", "due_ord", "due_working", "fin_ord", "rec_rank", "month"}
    names = {c.name for c in DOSSIER_COLUMNS}
    joined = {"d_id", "u_unit", "u_province"}
    prefixes = ("flag_", "cd_", "cf_", "cr_", "cat_")
    return {
        c
        for c in flagged.columns
        if c not in names and c not in added and c not in joined and not c.startswith(prefixes)
    }


def problem_counts(rejected: ibis.Table, con: BaseBackend) -> dict[str, int]:
    """Rows with each problem, by code, for the problems found."""
    flags = [p.code for p in PROBLEMS if _flag(p.code) in rejected.columns]
    counted = rejected.aggregate(
        **{_flag(code): rejected[_flag(code)].cast("int64").sum() for code in flags}
    )
    row = con.to_pyarrow(counted).to_pylist()[0]
    return {code: int(row[_flag(code)] or 0) for code in flags if row[_flag(code)]}


def first_rows(rejected: ibis.Table, con: BaseBackend, count: int) -> tuple[dict[str, Any], ...]:
    """The first ``count`` rejected rows by ``dossier_id``, without the flag columns."""
    columns = [c for c in rejected.columns if not c.startswith("flag_")]
    ordered = rejected.select(*columns).order_by("dossier_id").limit(count)
    return tuple(con.to_pyarrow(ordered).to_pylist())


def write_rejected(rejected: ibis.Table, path: Path, con: BaseBackend) -> None:
    """Write the rejected rows (no flag columns) to ``path``, whole or not at all.

    The suffix says the format: ``.parquet``, ``.csv``, or ``.jsonl``/``.json`` (one
    object a line). The rows go to a temporary file beside ``path``, renamed over it.

    Raises:
        DossierError: The suffix is not one of those, or the file cannot be written.
    """
    columns = [c for c in rejected.columns if not c.startswith("flag_")]
    table = rejected.select(*columns).order_by("dossier_id")
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".csv", ".jsonl", ".json", ".ndjson"):
        raise DossierError(
            f"{path}: write rejected rows to a .parquet, .csv or .jsonl file", where=str(path)
        )
    descriptor, created = tempfile.mkstemp(dir=path.parent or Path(), prefix=f".{path.name}.")
    os.close(descriptor)
    temporary = Path(created)
    try:
        data = con.to_pyarrow(table)
        if suffix == ".parquet":
            import pyarrow.parquet as pq  # noqa: PLC0415

            pq.write_table(data, temporary)
        elif suffix == ".csv":
            import pyarrow.csv as pcsv  # noqa: PLC0415

            pcsv.write_csv(data, temporary)
        else:
            _write_json_lines(data.to_pylist(), temporary)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise DossierError(
            f"{path}: cannot write the rejected rows: {error.strerror or error}", where=str(path)
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_json_lines(rows: list[dict[str, Any]], path: Path) -> None:
    import json  # noqa: PLC0415

    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str))
            stream.write("\n")
