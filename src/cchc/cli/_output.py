r"""Writing results: aligned plain-text tables, CSV, JSON and Markdown.

The human formats (``table``, ``md``) come from the results' own Markdown, so the two
never disagree: :func:`markdown_to_text` lays its tables out in aligned columns.
The machine formats (``csv``, ``json``) write the results' records, with exact
decimals as strings and dates in ISO form.

>>> print(markdown_to_text("## Plan\n\n| Code | Days |\n|---|---|\n| KH-05 | 12 |"))
Plan
====
<BLANKLINE>
Code   Days
-----  ----
KH-05    12
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, TextIO

__all__ = [
    "FORMATS",
    "Format",
    "json_text",
    "markdown_to_text",
    "plain",
    "records_csv",
    "records_markdown",
    "records_table",
    "render_records",
    "text_table",
    "write",
]

Format = Literal["table", "csv", "json", "md"]
FORMATS: tuple[Format, ...] = ("table", "csv", "json", "md")

_NUMBER = re.compile(r"[+\-−▲▼]?\d[\d.,]*(/\d[\d.,]*)?%?|[—–=]|")
_PIPE = re.compile(r"(?<!\\)\|")


def width(text: str) -> int:
    r"""Columns ``text`` takes on a terminal: combining marks take none, wide characters two.

    >>> width("Hoà"), width("Hoa\u0300"), width("日本")
    (3, 3, 4)
    """
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _pad(text: str, size: int, *, right: bool) -> str:
    gap = " " * (size - width(text))
    return gap + text if right else text + gap


def text_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An aligned plain-text table; columns of numbers are aligned to the right."""
    columns = list(zip(head, *rows, strict=True)) if rows else [(h,) for h in head]
    sizes = [max(width(cell) for cell in column) for column in columns]
    numeric = [
        bool(rows) and all(_NUMBER.fullmatch(row[k]) for row in rows) for k in range(len(head))
    ]

    def line(cells: Sequence[str]) -> str:
        padded = (_pad(c, s, right=n) for c, s, n in zip(cells, sizes, numeric, strict=True))
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * size for size in sizes)
    return "\n".join([line(head), rule, *(line(row) for row in rows)])


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner[1:]
    return [cell.strip().replace("\\|", "|") for cell in _PIPE.split(inner)]


def markdown_to_text(markdown: str) -> str:
    """Markdown (headings, paragraphs, pipe tables) as plain text with aligned tables."""
    out: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            head, *rows = table
            rows = [row + [""] * (len(head) - len(row)) for row in rows]
            out.append(text_table(head, [row[: len(head)] for row in rows]))
            table.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith("|"):
            cells = _cells(line)
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                table.append(cells)
            continue
        flush()
        heading = re.match(r"(#+)\s+(.*)", line)
        if heading:
            text = heading.group(2)
            out.append(text)
            out.append(("=" if len(heading.group(1)) <= 2 else "-") * width(text))
        else:
            out.append(line)
    flush()
    return "\n".join(out).rstrip("\n")


def plain(value: object) -> Any:
    """``value`` as JSON-ready data: decimals as strings (exact), dates in ISO form.

    NaN and infinities become ``None``; tuples become lists; enums their values.
    """
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return plain(value.value)
    return str(value)


def json_text(data: object) -> str:
    """``data`` as indented JSON, UTF-8 text kept as is."""
    return json.dumps(plain(data), ensure_ascii=False, indent=2)


def _cell(value: object) -> str:
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is Decimal or kind is int:  # not bool: its type is bool
        return str(value)
    data = plain(value)
    if data is None:
        return ""
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, list | dict):
        return json.dumps(data, ensure_ascii=False)
    return str(data)


def _columns(records: Sequence[Mapping[str, object]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(dict.fromkeys(key for record in records for key in record))


def records_csv(
    records: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None
) -> str:
    """The records as CSV with a header row (missing and ``None`` values empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = _columns(records, columns)
    writer.writerow(names)
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in names])
    return buffer.getvalue()


def records_markdown(
    records: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None
) -> str:
    """The records as a Markdown table (``|`` in cells escaped)."""
    names = _columns(records, columns)
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for record in records:
        cells = (_cell(record.get(name)).replace("|", "\\|") for name in names)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def records_table(
    records: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None
) -> str:
    """The records as an aligned plain-text table."""
    names = _columns(records, columns)
    return text_table(names, [[_cell(record.get(name)) for name in names] for record in records])


def render_records(
    records: Sequence[Mapping[str, object]], fmt: Format, columns: Sequence[str] | None = None
) -> str:
    """The records in ``fmt`` (``json``: a list of objects).

    No records and no columns named give an empty text (``[]`` in JSON), not a table
    without columns.
    """
    if fmt == "json":
        return json_text(list(records))
    if not _columns(records, columns):
        return ""
    if fmt == "csv":
        return records_csv(records, columns)
    if fmt == "md":
        return records_markdown(records, columns)
    return records_table(records, columns)


def write(text: str, out: TextIO) -> None:
    """Write ``text`` to ``out``, ending with exactly one newline."""
    out.write(text.rstrip("\n") + "\n")
