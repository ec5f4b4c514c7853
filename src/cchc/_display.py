"""Rendering results in notebooks: small HTML tables, and pandas data frames.

The engines' result classes (score cards, rankings, monitoring, survey results) get
their ``_repr_html_`` and ``to_pandas()`` from the helpers here, so every table in a
notebook looks alike: headers in Vietnamese with the English below, numbers to the
right, long tables cut in the middle, every piece of text escaped.

>>> print(html_table([Column("Đơn vị", "Unit"), Column("Chỉ số", "Index", numeric=True)],
...                  [["<b>", Decimal("91.87")]]))  # doctest: +ELLIPSIS
<table ...><thead><tr><th ...>Đơn vị<br><span ...>Unit</span></th>...&lt;b&gt;...91.87...
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import attrs

from cchc.errors import MissingExtraError

if TYPE_CHECKING:
    from types import ModuleType

    import pandas as pd

__all__ = [
    "MAX_ROWS",
    "Column",
    "LazyRows",
    "block",
    "cell_text",
    "data_frame",
    "html_table",
    "import_pandas",
    "paragraph",
]

MAX_ROWS = 60
"""Tables longer than this show their first and last rows, with a marker between."""

_TAIL = 10
_TABLE = "border-collapse:collapse;margin:0.2em 0 0.8em;font-size:0.9em"
_TH = "padding:3px 8px;border-bottom:2px solid #888;text-align:{align};vertical-align:bottom"
_TD = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:{align}"
_EN = "font-weight:normal;color:#666;font-size:0.85em"
_CAPTION = "margin:0.4em 0 0.1em;font-weight:600"

T = TypeVar("T")


@attrs.frozen
class Column:
    """A table column: its header in Vietnamese and English, and its alignment.

    Attributes:
        vi: The Vietnamese header (shown first).
        en: The English header (shown below it, smaller).
        numeric: Align the cells to the right.
    """

    vi: str
    en: str
    numeric: bool = False


class LazyRows(Sequence[T], Generic[T]):
    """``count`` rows made on demand by ``make(position)``: a long table builds only what shows.

    >>> rows = LazyRows(1_000_000, lambda i: [i, i * i])
    >>> len(rows), rows[-1]
    (1000000, [999999, 999998000001])
    """

    def __init__(self, count: int, make: Callable[[int], T]) -> None:
        self._count = count
        self._make = make

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(self._count))]
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return self._make(index % self._count)


def cell_text(value: object, digits: int = 1) -> str:
    """How a value shows in a table cell (not yet escaped).

    ``None`` and NaN show as a dash, floats with ``digits`` places, decimals as they are
    (their places are the published ones), dates in ISO form, labelled enums by their
    Vietnamese label, booleans as ✓/✗.

    >>> [cell_text(v) for v in (None, 2.345, Decimal("7.50"), dt.date(2024, 5, 2), True)]
    ['—', '2.3', '7.50', '2024-05-02', '✓']
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label_vi", value.value))
    return str(value)


def paragraph(text: str, *, strong: bool = False) -> str:
    """One escaped line of text above a table (bold when ``strong``)."""
    weight = _CAPTION if strong else "margin:0.2em 0"
    return f'<p style="{weight}">{escape(text)}</p>'


def block(*parts: str) -> str:
    """Pieces of HTML (already escaped) wrapped in one ``div``."""
    return '<div class="cchc">' + "".join(parts) + "</div>"


def _header(column: Column) -> str:
    align = "right" if column.numeric else "left"
    english = f'<br><span style="{_EN}">{escape(column.en)}</span>' if column.en else ""
    return f'<th style="{_TH.format(align=align)}">{escape(column.vi)}{english}</th>'


def _row(columns: Sequence[Column], cells: Sequence[object], digits: int) -> str:
    out = []
    for column, value in zip(columns, cells, strict=True):
        style = _TD.format(align="right" if column.numeric else "left")
        out.append(f'<td style="{style}">{escape(cell_text(value, digits))}</td>')
    return "<tr>" + "".join(out) + "</tr>"


def html_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    caption: str = "",
    max_rows: int = MAX_ROWS,
    digits: int = 1,
) -> str:
    """An HTML table; every header and cell is escaped.

    Args:
        columns: The columns, with their bilingual headers.
        rows: One sequence of cell values per row (see :func:`cell_text`); a
            :class:`LazyRows` is read only where it shows.
        caption: A line shown above the table (escaped).
        max_rows: Longer tables show their first rows and last ten, with a row saying
            how many were left out.
        digits: Decimal places of float cells.
    """
    total = len(rows)
    if total > max_rows:
        head = max(max_rows - _TAIL, 1)
        shown = [*rows[:head], None, *rows[total - _TAIL :]]
    else:
        shown = list(rows)
    body = []
    for cells in shown:
        if cells is None:
            left_out = total - head - _TAIL
            note = f"… {left_out} dòng nữa / {left_out} more rows …"
            style = _TD.format(align="center")
            body.append(
                f'<tr><td colspan="{len(columns)}" style="{style}">{escape(note)}</td></tr>'
            )
        else:
            body.append(_row(columns, cells, digits))
    table = (
        f'<table style="{_TABLE}"><thead><tr>'
        + "".join(_header(c) for c in columns)
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
    )
    return (paragraph(caption, strong=True) if caption else "") + table


def import_pandas() -> ModuleType:
    """The ``pandas`` module.

    Raises:
        MissingExtraError: pandas is not installed (it comes with the ``dataframe`` extra).
    """
    try:
        import pandas  # noqa: PLC0415 - an optional dependency, imported when asked for
    except ImportError:
        raise MissingExtraError("dataframe", "pandas") from None
    return pandas


def data_frame(
    records: Iterable[Mapping[str, Any]],
    *,
    columns: Sequence[str] | None = None,
    exact: bool = False,
) -> pd.DataFrame:
    """A ``pandas.DataFrame`` of ``records`` (requires the ``dataframe`` extra).

    Args:
        records: One mapping per row.
        columns: The columns, in order (needed for an empty frame to have any).
        exact: Keep :class:`~decimal.Decimal` values as they are (an ``object`` column)
            instead of turning them into floats, and dates as ``datetime.date``
            instead of ``datetime64``.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pandas = import_pandas()
    rows = [dict(r) for r in records]
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
    frame: pd.DataFrame = pandas.DataFrame.from_records(rows, columns=list(columns))
    if exact:
        return frame
    for name in frame.columns:
        present = [v for v in frame[name].tolist() if v is not None]
        if not present:
            continue
        if all(isinstance(v, Decimal) for v in present):
            frame[name] = [math.nan if v is None else float(v) for v in frame[name].tolist()]
        elif all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in present):
            frame[name] = pandas.to_datetime(frame[name])
    return frame
