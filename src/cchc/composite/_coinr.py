"""COINr's ``iData`` and ``iMeta`` tables as CSV: read them into cchc, write them back.

``iMeta`` rows of type ``Indicator`` and ``Aggregate`` make the :class:`IndexTree`;
rows of type ``Group`` name group columns of ``iData`` (kept as labels), rows of type
``Denominator`` or ``Other`` name numeric columns kept alongside, as is ``Time``.
``NA`` or an empty cell is a missing value. Numbers are written so that they read
back as the same doubles.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path

import attrs
import numpy as np

from cchc.composite._data import IndicatorData
from cchc.composite._tree import IndexTree, Node
from cchc.errors import CompositeError

__all__ = ["TYPES", "CoinrInputs", "MetaRow", "read_coinr", "write_coinr"]

IMETA_COLUMNS = (
    "Level",
    "iCode",
    "iName",
    "Direction",
    "Weight",
    "Unit",
    "Target",
    "Denominator",
    "Parent",
    "Type",
)
_MISSING = ("", "NA", "NaN")


@attrs.frozen
class MetaRow:
    """An ``iMeta`` row that is not part of the tree (a group, denominator or other column)."""

    code: str
    type: str
    name: str = ""
    unit: str = ""


@attrs.frozen
class CoinrInputs:
    """What a pair of COINr tables holds.

    Attributes:
        data: The units and their indicator values, groups and other columns.
        tree: The indicators and aggregates.
        metadata: The ``iMeta`` rows of group, denominator and other columns.
    """

    data: IndicatorData
    tree: IndexTree
    metadata: tuple[MetaRow, ...] = ()


def _text(source: str | Path | io.TextIOBase) -> tuple[str, str]:
    if isinstance(source, io.TextIOBase):
        return source.read(), getattr(source, "name", "<stream>")
    path = Path(source)
    return path.read_text(encoding="utf-8-sig"), path.name


def _float(text: str, where: str, *, unit: str | None = None, node: str | None = None) -> float:
    if text.strip() in _MISSING:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise CompositeError(f"{where}: not a number", unit=unit, node=node, value=text) from None
    if math.isinf(value):
        raise CompositeError(f"{where}: an infinite value", unit=unit, node=node, value=text)
    return value


TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
"""The ``Type`` values COINr's ``check_iMeta`` accepts."""
_REQUIRED_META = ("Level", "iCode", "Parent", "Direction", "Type", "Weight")


def _table(text: str, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and ``(line, row)`` pairs; duplicate headers and ragged rows are refused."""
    lines = list(csv.reader(io.StringIO(text)))
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise CompositeError(f"{name}: the file is empty (no header line)")
    header = lines[0]
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise CompositeError(f"{name} line 1: column {column!r} appears twice in the header")
        seen.add(column)
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not cells:
            continue  # a blank line
        if len(cells) != len(header):
            raise CompositeError(
                f"{name} line {number}: {len(cells)} cells but the header has {len(header)}"
            )
        rows.append((number, dict(zip(header, cells, strict=True))))
    return header, rows


def _meta_node(row: dict[str, str], where: str) -> Node:
    code, kind = row["iCode"], row["Type"]
    level = _float(row["Level"], where, node=code)
    if math.isnan(level) or level != int(level):
        raise CompositeError(
            f"{where}: Level must be a whole number", node=code, value=row["Level"]
        )
    direction = _float(row["Direction"], where, node=code)
    if direction not in (1.0, -1.0):
        raise CompositeError(
            f"{where}: Direction must be 1 or -1", node=code, value=row["Direction"]
        )
    weight = _float(row["Weight"], where, node=code)
    if math.isnan(weight):
        raise CompositeError(f"{where}: Weight is missing", node=code, value=row["Weight"])
    target = _float(row.get("Target", "") or "", where, node=code)
    return Node(
        code,
        int(level),
        _opt(row["Parent"]),
        weight=weight,
        direction=int(direction),
        name=row.get("iName", "") or "",
        kind="indicator" if kind == "Indicator" else "aggregate",
        unit=_opt(row.get("Unit")) or "",
        target=None if math.isnan(target) else target,
        denominator=_opt(row.get("Denominator")),
    )


def read_coinr(idata: str | Path | io.TextIOBase, imeta: str | Path | io.TextIOBase) -> CoinrInputs:
    """Read COINr ``iData`` and ``iMeta`` CSV files (paths or open text files).

    As COINr's ``check_iMeta`` and ``check_iData``: ``iMeta`` needs the columns
    ``Level``, ``iCode``, ``Parent``, ``Direction``, ``Type`` and ``Weight``; ``Type``
    is one of ``Indicator``, ``Aggregate``, ``Group``, ``Denominator``, ``Other``;
    indicators and aggregates have a whole ``Level``, a ``Direction`` of exactly 1 or
    -1 and a ``Weight``; every ``iData`` column but ``uCode``, ``uName`` and ``Time``
    is described in ``iMeta``, and every non-aggregate row of ``iMeta`` has its column.

    Raises:
        CompositeError: Any of the above broken, a header naming a column twice, a row
            with more or fewer cells than the header, an empty ``uCode``, or a cell that
            is not a number where one is needed — each named by file and line (and
            unit and column where there is one) — or a tree that is not valid.
    """
    meta_text, meta_name = _text(imeta)
    data_text, data_name = _text(idata)
    meta_header, meta_rows = _table(meta_text, meta_name)
    for column in _REQUIRED_META:
        if column not in meta_header:
            raise CompositeError(f"{meta_name}: no {column} column")
    if not meta_rows:
        raise CompositeError(f"{meta_name}: no rows")
    nodes, metadata = [], []
    for line, row in meta_rows:
        where = f"{meta_name} line {line}"
        code, kind = row["iCode"], row["Type"]
        if kind not in TYPES:
            raise CompositeError(
                f"{where}: Type must be one of {', '.join(TYPES)}", node=code, value=kind
            )
        if code.strip() in _MISSING:
            raise CompositeError(f"{where}: iCode is empty")
        if kind in ("Indicator", "Aggregate"):
            nodes.append(_meta_node(row, where))
        else:
            metadata.append(
                MetaRow(code, kind, row.get("iName", "") or "", _opt(row.get("Unit")) or "")
            )
    tree = IndexTree(nodes)
    header, data_rows = _table(data_text, data_name)
    if "uCode" not in header:
        raise CompositeError(f"{data_name} line 1: no uCode column")
    if not data_rows:
        raise CompositeError(f"{data_name}: a header but no units")
    kinds = {m.code: m.type for m in metadata}
    known = set(tree.indicators) | set(kinds) | {"uCode", "uName", "Time"}
    unknown = [c for c in header if c not in known and c not in tree.aggregates]
    if unknown:
        raise CompositeError(
            f"{data_name}: columns not described in {meta_name}: " + ", ".join(unknown)
        )
    absent = [c for c in (*tree.indicators, *kinds) if c not in header]
    if absent:
        raise CompositeError(
            f"{data_name} has no column for row(s) of {meta_name}: " + ", ".join(absent),
            node=absent[0],
        )
    indicators = [c for c in header if c in tree.indicators]
    for line, row in data_rows:
        if row["uCode"].strip() in _MISSING:
            raise CompositeError(f"{data_name} line {line}: uCode is empty")
    units = [row["uCode"] for _, row in data_rows]
    values = np.array(
        [
            [_float(row[c], f"{data_name} line {i}", unit=row["uCode"], node=c) for c in indicators]
            for i, row in data_rows
        ]
    ).reshape(len(data_rows), len(indicators))
    groups = {
        c: tuple(_opt(row[c]) for _, row in data_rows) for c in header if kinds.get(c) == "Group"
    }
    extra = {
        c: tuple(
            _float(row[c], f"{data_name} line {i}", unit=row["uCode"], node=c)
            for i, row in data_rows
        )
        for c in header
        if c == "Time" or kinds.get(c) in ("Denominator", "Other")
    }
    names = [row.get("uName", "") or "" for _, row in data_rows]
    data = IndicatorData(units, indicators, values, names, groups, extra)
    return CoinrInputs(data, tree, tuple(metadata))


def _opt(text: str | None) -> str | None:
    return None if text is None or text in _MISSING else text


def _number(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "NA"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def write_coinr(inputs: CoinrInputs, idata: str | Path, imeta: str | Path) -> None:
    """Write ``inputs`` as COINr ``iData`` and ``iMeta`` CSV files (see :func:`read_coinr`)."""
    Path(idata).write_text(coinr_idata_csv(inputs.data), encoding="utf-8")
    Path(imeta).write_text(coinr_imeta_csv(inputs.tree, inputs.metadata), encoding="utf-8")


def coinr_idata_csv(data: IndicatorData) -> str:
    """``data`` as the text of a COINr ``iData`` CSV file."""
    lines = [
        _line([_q(c) for c in ("uName", "uCode", *data.groups, *data.extra, *data.indicators)])
    ]
    for i, unit in enumerate(data.units):
        cells = [_q(data.names[i]), _q(unit)]
        cells += ["NA" if v[i] is None else _q(str(v[i])) for v in data.groups.values()]
        cells += [_number(v[i]) for v in data.extra.values()]
        cells += [_number(float(x)) for x in data.values[i]]
        lines.append(_line(cells))
    return "".join(lines)


def coinr_imeta_csv(tree: IndexTree, metadata: Sequence[MetaRow] = ()) -> str:
    """``tree`` (and the other ``metadata`` rows) as the text of a COINr ``iMeta`` CSV file."""
    lines = [_line([_q(c) for c in IMETA_COLUMNS])]
    for n in tree.nodes:
        kind = "Indicator" if n.kind == "indicator" else "Aggregate"
        lines.append(
            _line(
                [
                    str(n.level),
                    _q(n.code),
                    _q(n.name),
                    str(n.direction),
                    _number(n.weight),
                    _q(n.unit) if n.unit else "NA",
                    _number(n.target),
                    _opt_q(n.denominator),
                    _opt_q(n.parent),
                    _q(kind),
                ]
            )
        )
    for m in metadata:
        lines.append(
            _line(
                [
                    "NA",
                    _q(m.code),
                    _q(m.name),
                    "NA",
                    "NA",
                    _q(m.unit) if m.unit else "NA",
                    "NA",
                    "NA",
                    "NA",
                    _q(m.type),
                ]
            )
        )
    return "".join(lines)


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _opt_q(text: str | None) -> str:
    return "NA" if text is None else _q(text)


def _line(cells: Sequence[str]) -> str:
    return ",".join(cells) + "\n"
