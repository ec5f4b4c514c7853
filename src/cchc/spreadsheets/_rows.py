"""Rows in and out: of a CSV file, or of one sheet of a workbook."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc._files import read_file, write_text
from cchc.errors import LoadError
from cchc.spreadsheets._layout import require_openpyxl

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["UNREADABLE", "csv_rows", "new_sheet", "sheet_rows", "write_csv"]

UNREADABLE = (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError, SyntaxError)
"""What openpyxl raises for a file that is not a workbook it can read."""


def csv_rows(path: Path) -> list[Sequence[Any]]:
    """The rows of the CSV file ``path`` (UTF-8, with or without a byte-order mark).

    Raises:
        LoadError: The file cannot be read or is not UTF-8 text.
    """
    try:
        text = read_file(path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 text (byte {error.start}: {error.reason})"
        raise LoadError(str(path), reason) from None
    return [list(row) for row in csv.reader(io.StringIO(text))]


def sheet_rows(path: Path, sheet: str, what: str, *, cells: bool = False) -> list[Sequence[Any]]:
    """The rows of ``sheet`` in the workbook ``path``: values, or cells with ``cells``.

    Args:
        path: The ``.xlsx`` file.
        sheet: The sheet's name.
        what: What the workbook should be, for the message when the sheet is missing.
        cells: Give openpyxl's cells (with their number formats), not their values.

    Raises:
        LoadError: The file cannot be read, is not a workbook, or has no such sheet.
        MissingExtraError: openpyxl is not installed.
    """
    require_openpyxl()
    from openpyxl import load_workbook  # noqa: PLC0415 - an optional dependency

    name = str(path)
    data = read_file(path)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE as error:
        raise LoadError(name, f"not an Excel workbook (.xlsx): {error}") from None
    try:
        if sheet not in book.sheetnames:
            raise LoadError(name, f"no sheet {sheet!r}: not {what}")
        return [tuple(row) for row in book[sheet].iter_rows(values_only=not cells)]
    except UNREADABLE as error:
        raise LoadError(name, f"not an Excel workbook (.xlsx): {error}") from None
    finally:
        book.close()


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> None:
    """Write ``rows`` to the CSV file ``path`` in UTF-8, one line each, whole."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    write_text(path, buffer.getvalue())


def new_sheet(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one sheet, called ``title``.

    Raises:
        MissingExtraError: openpyxl is not installed.
    """
    require_openpyxl()
    from openpyxl import Workbook  # noqa: PLC0415 - an optional dependency

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has its sheet
    sheet.title = title
    return workbook, sheet
