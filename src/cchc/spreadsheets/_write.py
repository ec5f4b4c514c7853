"""Writing the self-assessment workbook: a row per leaf criterion, a column per unit."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pydantic import TypeAdapter, ValidationError

from cchc._files import write_bytes
from cchc.documents import Framework, Node
from cchc.documents._types import Code, Year
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    SurveyRule,
    TiersRule,
    TimelinessRule,
)
from cchc.spreadsheets._csv import write_csv_template
from cchc.spreadsheets._layout import (
    CODE_COLUMN,
    CODE_ROW,
    EDITION_ROW,
    FIRST_ROW,
    FIRST_UNIT_COLUMN,
    HEADER_ROW,
    NAME_ROW,
    NO,
    NOT_APPLICABLE,
    NOT_DONE,
    SHEET,
    TITLE_ROW,
    YEAR_ROW,
    YES,
    entry_hint,
    labels,
)
from cchc.spreadsheets._rows import new_sheet
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["cell_at", "save_workbook", "set_text", "unit_codes", "write_template"]

_WIDTHS = {"A": 10, "B": 60, "C": 11, "D": 30}
_UNIT_WIDTH = 18
_DATE_FORMAT = "dd/mm/yyyy"


def write_template(
    framework: Framework,
    units: Sequence[str],
    path: str | os.PathLike[str],
    *,
    year: int,
    unit_names: Mapping[str, str] | None = None,
    lang: Lang = "vi",
) -> Path:
    """Write a self-assessment workbook for ``units`` to fill in, one column each.

    The one sheet, *Tự đánh giá*, opens with the framework's title, edition, year and
    code; below come a row per leaf criterion, in framework order (code, title, maximum,
    what to enter), and a column per unit (its code, its name below). Each input cell
    carries Excel data validation for its rule: a list of ``Đạt`` / ``Không đạt`` for
    yes/no, a range for rates, percentages and points, a whole number for counts, a
    date or ``Không thực hiện`` for timeliness, and ``Không áp dụng`` (not applicable)
    only where the criterion allows it. :func:`read_round` reads the filled workbook.

    A ``.csv`` path gets the same round as CSV instead, for data pipelines and other
    spreadsheet programs: a header row ``unit, unit_name_vi, year`` and the leaf codes,
    then a row per unit with its inputs left empty (no extra needed). Its cells take the
    same words, or ``true``/``false``, ``null`` (not applicable) and ``missing``.

    The file is written whole or not at all (a temporary file beside it, renamed over it).

    Args:
        framework: The framework whose leaf criteria make the rows.
        units: The units' codes, one column each, in this order.
        path: The ``.xlsx`` (or ``.csv``) file to write.
        year: The year assessed.
        unit_names: Each unit's name (any may be left out), shown below its code.
        lang: The language of the labels and hints (the words to type stay Vietnamese).

    Returns:
        The path written.

    Raises:
        ValueError: No unit, a unit repeated or not a valid code, a name of a unit not
            listed, or a year outside 1945–2100.
        MissingExtraError: openpyxl is not installed (``pip install "cchc[spreadsheet]"``).
        OSError: The file cannot be written (nothing is changed).
    """
    codes = unit_codes(units)
    names = dict(unit_names or {})
    unknown = sorted(set(names) - set(codes))
    if unknown:
        raise ValueError(f"names given for units not listed: {', '.join(unknown)}")
    try:
        TypeAdapter(Year).validate_python(year)
    except ValidationError:
        raise ValueError(f"year {year!r} is not between 1945 and 2100") from None
    target = Path(path)
    if target.suffix.lower() == ".csv":
        write_csv_template(framework, codes, names, year, target)
        return target
    workbook, sheet = new_sheet(SHEET)
    _header(sheet, framework, year, lang)
    _columns(sheet, codes, names, lang)
    for row, leaf in enumerate(framework.leaves(), start=FIRST_ROW):
        _criterion_row(sheet, row, leaf, len(codes), lang)
    sheet.freeze_panes = cell_at(sheet, FIRST_ROW, FIRST_UNIT_COLUMN).coordinate
    save_workbook(workbook, target)
    return target


def unit_codes(units: Sequence[str]) -> list[str]:
    if isinstance(units, str):
        raise TypeError("units must be a sequence of codes, not one string")
    adapter = TypeAdapter(Code)
    codes = []
    for unit in units:
        try:
            codes.append(adapter.validate_python(unit))
        except ValidationError:
            raise ValueError(
                f"unit {unit!r} is not a code (a letter or digit, then letters, digits, . _ : -)"
            ) from None
    if not codes:
        raise ValueError("no unit: give at least one unit's code")
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise ValueError(f"units listed twice: {', '.join(repeated)}")
    return codes


def cell_at(sheet: Worksheet, row: int, column: int) -> Cell:
    """The cell at ``row``, ``column`` (the template merges no cells)."""
    return cast("Cell", sheet.cell(row, column))


def set_text(cell: Cell, text: str) -> None:
    """Put ``text`` in ``cell`` as text, even if it starts with ``=`` (never a formula)."""
    cell.value = text
    cell.data_type = "s"


def _header(sheet: Worksheet, framework: Framework, year: int, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    words = labels(lang)
    title = cell_at(sheet, TITLE_ROW, 1)
    set_text(title, framework.title_vi)
    title.font = Font(bold=True, size=13)
    for row, key, value in (
        (EDITION_ROW, "edition", framework.edition),
        (YEAR_ROW, "year", year),
        (CODE_ROW, "framework", framework.code),
    ):
        set_text(cell_at(sheet, row, 1), words[key])
        cell_at(sheet, row, 1).font = Font(bold=True)
        cell = cell_at(sheet, row, 2)
        if isinstance(value, str):
            set_text(cell, value)
        else:
            cell.value = value
        cell.alignment = Alignment(horizontal="left")


def _columns(sheet: Worksheet, codes: Sequence[str], names: Mapping[str, str], lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    words = labels(lang)
    fill = PatternFill("solid", fgColor="DDEBF7")
    headings = [words["code"], words["title"], words["max"], words["entry"]]
    for column, heading in enumerate([*headings, *codes], start=1):
        cell = cell_at(sheet, HEADER_ROW, column)
        set_text(cell, heading)
        cell.font = Font(bold=True)
        cell.fill = fill
    set_text(cell_at(sheet, NAME_ROW, FIRST_UNIT_COLUMN - 1), words["names"])
    cell_at(sheet, NAME_ROW, FIRST_UNIT_COLUMN - 1).font = Font(italic=True)
    for column, code in enumerate(codes, start=FIRST_UNIT_COLUMN):
        cell = cell_at(sheet, NAME_ROW, column)
        if code in names:
            set_text(cell, names[code])
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = _UNIT_WIDTH
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width


def _criterion_row(sheet: Worksheet, row: int, leaf: Node, units: int, lang: Lang) -> None:
    from openpyxl.styles import Alignment  # noqa: PLC0415

    set_text(cell_at(sheet, row, CODE_COLUMN), leaf.code)
    title = cell_at(sheet, row, CODE_COLUMN + 1)
    set_text(title, leaf.title_vi)
    title.alignment = Alignment(wrap_text=True, vertical="top")
    cell_at(sheet, row, CODE_COLUMN + 2).value = leaf.max_points
    hint = cell_at(sheet, row, CODE_COLUMN + 3)
    set_text(hint, entry_hint(leaf, lang))
    hint.alignment = Alignment(wrap_text=True, vertical="top")
    first = cell_at(sheet, row, FIRST_UNIT_COLUMN)
    last = cell_at(sheet, row, FIRST_UNIT_COLUMN + units - 1)
    validation = _validation(leaf, first.coordinate, lang)
    validation.add(f"{first.coordinate}:{last.coordinate}")
    sheet.add_data_validation(validation)
    if isinstance(leaf.rule, TimelinessRule):
        for column in range(FIRST_UNIT_COLUMN, FIRST_UNIT_COLUMN + units):
            cell_at(sheet, row, column).number_format = _DATE_FORMAT


def _validation(leaf: Node, ref: str, lang: Lang) -> DataValidation:
    """The data validation of a leaf's input cells; ``ref`` is the row's first one."""
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    rule = leaf.rule
    optional = leaf.may_be_not_applicable
    if isinstance(rule, BinaryRule):
        words = [YES, NO, *([NOT_APPLICABLE] if optional else [])]
        validation = DataValidation(type="list", formula1=f'"{",".join(words)}"')
    elif isinstance(rule, TimelinessRule):
        validation = _custom(f'ISNUMBER({ref}),{ref}="{NOT_DONE}"', ref, optional)
    else:
        low, high, whole = _bounds(leaf)
        if optional or ((low is None or high is None) and not whole):
            checks = [f"ISNUMBER({ref})"]
            checks += [f"{ref}>={low}"] if low is not None else []
            checks += [f"{ref}<={high}"] if high is not None else []
            checks += [f"{ref}=INT({ref})"] if whole else []
            validation = _custom(f"AND({','.join(checks)})", ref, optional)
        elif whole:
            validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        else:
            validation = DataValidation(
                type="decimal", operator="between", formula1=str(low), formula2=str(high)
            )
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = leaf.code
    validation.error = entry_hint(leaf, lang)
    validation.showInputMessage = True
    validation.promptTitle = leaf.code[:32]
    validation.prompt = entry_hint(leaf, lang)[:255]
    return validation


def _custom(condition: str, ref: str, optional: bool) -> DataValidation:
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    alternatives = f'{condition},{ref}="{NOT_APPLICABLE}"' if optional else condition
    return DataValidation(type="custom", formula1=f"OR({alternatives})")


def _bounds(leaf: Node) -> tuple[str | None, str | None, bool]:
    """The least and most a number typed for ``leaf`` may be, and whether it is whole."""
    rule = leaf.rule
    if isinstance(rule, CountTiersRule | DeductionRule):
        return "0", None, True
    if isinstance(rule, TiersRule) and rule.on == "value":
        return None, None, False
    if isinstance(rule, SurveyRule):
        return "0", "100", False
    if isinstance(rule, ManualRule):
        return "0", f"{leaf.max_points:f}", False
    return "0", "1", False


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Write the workbook to ``path`` whole (see :func:`cchc._files.write_bytes`)."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes(path, buffer.getvalue())
