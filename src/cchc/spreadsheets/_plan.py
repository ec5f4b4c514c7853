"""A plan's tasks as a spreadsheet: one row per task, for lead agencies to report progress.

The columns are ``task``, ``title``, ``lead``, ``due_on`` (given, read back only to
know the task), then the progress update to fill: ``date``, ``percent``, ``status``,
``note`` and ``evidence`` (documents separated by ``;``). A row whose fill-in cells are
all empty reports nothing. The workbook adds a second header row of headings; a CSV
file has the codes' row alone.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from cchc.documents import Plan, ProgressUpdate
from cchc.documents.plan import UpdateStatus
from cchc.errors import LoadError
from cchc.spreadsheets._layout import word_key
from cchc.spreadsheets._read import NoValueError, quoted
from cchc.spreadsheets._rows import csv_rows, new_sheet, sheet_rows, write_csv
from cchc.spreadsheets._survey_cells import FIELDS, blank
from cchc.spreadsheets._write import cell_at, save_workbook, set_text
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["PLAN_SHEET", "read_plan_updates", "write_plan_template"]

PLAN_SHEET: Final = "Tiến độ"
"""The sheet of a plan's progress workbook: codes in row 1, headings in row 2, tasks below."""

GIVEN = ("task", "title", "lead", "due_on")
TO_FILL = ("date", "percent", "status", "note", "evidence")
_HEADINGS = {
    "task": ("Mã nhiệm vụ", "Task"),
    "title": ("Nội dung nhiệm vụ", "Task title"),
    "lead": ("Cơ quan chủ trì", "Lead agency"),
    "due_on": ("Thời hạn", "Due on"),
    "date": ("Ngày cập nhật", "Date of the update"),
    "percent": ("Tỷ lệ hoàn thành (%)", "Percent done (0–100)"),
    "status": ("Tình trạng", "Status"),
    "note": ("Ghi chú", "Note"),
    "evidence": ("Tài liệu kiểm chứng (cách nhau bởi ;)", "Evidence (separated by ;)"),
}
_WIDTHS = {"task": 10, "title": 60, "lead": 16, "due_on": 12, "date": 14, "percent": 12,
           "status": 18, "note": 30, "evidence": 36}  # fmt: skip
_CODE_ROW, _TEXT_ROW, _FIRST_ROW = 1, 2, 3
_DATE_FORMAT = "dd/mm/yyyy"


def write_plan_template(plan: Plan, path: str | os.PathLike[str], *, lang: Lang = "vi") -> Path:
    """Write a file with a row per task of ``plan``, for its lead agencies to report progress.

    An ``.xlsx`` path gets a sheet *Tiến độ*: the column codes in row 1, headings (in
    ``lang``) in row 2, then a row per task in the plan's order — its code, title, lead
    agency and last on-time day, shaded — and the update to fill: its date (a date cell),
    the percentage done (0–100), the status (a drop-down of the Vietnamese labels), a
    note and the evidence (documents separated by ``;``). A ``.csv`` path gets the same
    columns and rows as CSV (no extra needed). :func:`read_plan_updates` reads the filled
    file. Written whole or not at all.

    Raises:
        MissingExtraError: An ``.xlsx`` path, and openpyxl is not installed.
        OSError: The file cannot be written (nothing is changed).
    """
    target = Path(path)
    columns = [*GIVEN, *TO_FILL]
    rows: list[list[Any]] = [
        [
            task.code,
            task.label_vi if lang == "vi" else task.label_en,
            task.lead,
            task.due_on,
            *([""] * len(TO_FILL)),
        ]
        for task in plan.tasks
    ]
    if target.suffix.lower() == ".csv":
        write_csv(target, [columns, *([*r[:3], r[3].isoformat(), *r[4:]] for r in rows)])
        return target
    workbook, sheet = new_sheet(PLAN_SHEET)
    _fill(sheet, columns, rows, lang)
    _validations(sheet, plan, len(rows), lang)
    save_workbook(workbook, target)
    return target


def _fill(sheet: Worksheet, columns: list[str], rows: list[list[Any]], lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    header = PatternFill("solid", fgColor="DDEBF7")
    given = PatternFill("solid", fgColor="F2F2F2")
    for column, key in enumerate(columns, start=1):
        code = cell_at(sheet, _CODE_ROW, column)
        set_text(code, key)
        code.font = Font(bold=True)
        code.fill = header
        heading = cell_at(sheet, _TEXT_ROW, column)
        set_text(heading, _HEADINGS[key][lang != "vi"])
        heading.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[key]
    for row, values in enumerate(rows, start=_FIRST_ROW):
        for column, value in enumerate(values[: len(GIVEN)], start=1):
            cell = cell_at(sheet, row, column)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
                cell.number_format = _DATE_FORMAT
            cell.fill = given
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell_at(sheet, row, columns.index("date") + 1).number_format = _DATE_FORMAT
    sheet.freeze_panes = cell_at(sheet, _FIRST_ROW, len(GIVEN) + 1).coordinate


def _validations(sheet: Worksheet, plan: Plan, count: int, lang: Lang) -> None:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    last = _FIRST_ROW + max(count, 1) - 1
    statuses = [status.label_vi for status in UpdateStatus]
    year = plan.year
    checks = {
        "date": (
            DataValidation(type="date", operator="between", formula1=f"DATE({year},1,1)",
                           formula2=f"DATE({year + 1},12,31)", errorStyle="warning"),
            ("ngày (dd/mm/yyyy)", "a date (dd/mm/yyyy)"),
        ),
        "percent": (
            DataValidation(type="decimal", operator="between", formula1="0", formula2="100"),
            ("từ 0 đến 100", "0 to 100"),
        ),
        "status": (
            DataValidation(type="list", formula1=f'"{",".join(statuses)}"'),
            (" / ".join(statuses), " / ".join(statuses)),
        ),
    }  # fmt: skip
    for key, (validation, (vi, en)) in checks.items():
        letter = get_column_letter(len(GIVEN) + TO_FILL.index(key) + 1)
        validation.add(f"{letter}{_FIRST_ROW}:{letter}{last}")
        validation.allow_blank = True
        validation.showErrorMessage = validation.showInputMessage = True
        validation.error = validation.prompt = vi if lang == "vi" else en
        sheet.add_data_validation(validation)


def read_plan_updates(plan: Plan, path: str | os.PathLike[str]) -> Plan:
    """``plan`` with the progress updates typed into a file :func:`write_plan_template` wrote.

    The rows must be exactly the plan's tasks, each once (in any order); only the task
    code of the given columns is read. A row's update needs a date (a date cell, or text
    as ``dd/mm/yyyy`` or ``yyyy-mm-dd``) and a percentage (0–100, a decimal comma
    allowed; a cell formatted as a percentage is read as shown, 80% as 80), which may be
    left empty when the status is ``Đã hoàn thành`` (100) or ``Chưa triển khai`` (0). The
    status takes a value or label of :class:`~cchc.documents.UpdateStatus` in any letter
    case, or nothing (it follows from the percentage). Updates are added after the plan's
    own, in row order; whether they come in date order is for
    :func:`cchc.monitoring.check_plan` to say.

    Raises:
        LoadError: The file cannot be read, its columns or rows do not match the plan, or
            a cell cannot be read; the message names the file, the cell (as
            ``Tiến độ!E3``) or ``line 2, column date``, and the task.
        MissingExtraError: An ``.xlsx`` file, and openpyxl is not installed.
        pydantic.ValidationError: The plan with the updates is not valid (the file in a note).
    """
    name = str(path)
    if Path(path).suffix.lower() == ".csv":
        rows = csv_rows(Path(path))
        header, top, first = (rows[0] if rows else []), "line 1", 2
        where: Callable[[int, str], str] = lambda line, key: f"line {line}, column {key}"  # noqa: E731
    else:
        cells = sheet_rows(Path(path), PLAN_SHEET, "a cchc plan progress workbook", cells=True)
        from openpyxl.utils import get_column_letter  # noqa: PLC0415 - loaded by sheet_rows

        rows = [tuple(_shown(cell) for cell in row) for row in cells]
        header, top, first = (rows[0] if rows else []), f"{PLAN_SHEET}!1:1", _FIRST_ROW
        keys = [str(c).strip() if c is not None else "" for c in header]

        def where(row: int, key: str) -> str:
            return f"{PLAN_SHEET}!{get_column_letter(keys.index(key) + 1)}{row}"

    updates = _Reader(name, plan, where).updates(header, top, rows[first - 1 :], first)
    data = plan.model_dump()
    data["progress_updates"] = [*data["progress_updates"], *updates]
    try:
        return Plan.model_validate(data)
    except ValueError as error:  # pydantic's ValidationError
        error.add_note(f"in {name}")
        raise


class _Reader:
    """Reads a file's rows for one plan; ``where`` names a row's cell in messages."""

    def __init__(self, name: str, plan: Plan, where: Callable[[int, str], str]) -> None:
        self.name, self.plan, self.where = name, plan, where

    def updates(
        self, header: Sequence[object], top: str, rows: Sequence[Sequence[Any]], first: int
    ) -> list[dict[str, Any]]:
        keys = [str(c).strip() if c is not None else "" for c in header]
        problems = [f"no {key!r} column" for key in ("task", *TO_FILL) if key not in keys]
        extra = [key for key in keys if key and key not in (*GIVEN, *TO_FILL)]
        problems += [f"unknown columns: {', '.join(extra)}"] if extra else []
        if problems:
            raise LoadError(self.name, f"{top}: not a progress sheet: {'; '.join(problems)}")
        column = {key: keys.index(key) for key in ("task", *TO_FILL)}
        found: list[str] = []
        updates = []
        for row, raw in enumerate(rows, start=first):
            cells = [blank(c) for c in raw] + [None] * max(0, len(keys) - len(raw))
            if all(c is None for c in cells):
                continue
            task = str(cells[column["task"]] or "").strip()
            if not task:
                raise LoadError(self.name, f"{self.where(row, 'task')}: no task code")
            found.append(task)
            filled = {key: cells[column[key]] for key in TO_FILL}
            if any(value is not None for value in filled.values()):
                updates.append(self.update(row, task, filled))
        expected = [task.code for task in self.plan.tasks]
        missing = [code for code in expected if code not in found]
        extra = [code for code in found if code not in expected]
        repeated = sorted({code for code in found if found.count(code) > 1})
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"not in the plan: {', '.join(extra)}"] if extra else []
        problems += [f"listed twice: {', '.join(repeated)}"] if repeated else []
        if problems:
            raise LoadError(
                self.name,
                f"the task rows do not match plan {self.plan.code}: {'; '.join(problems)}",
            )
        return updates

    def update(self, row: int, task: str, cells: dict[str, Any]) -> dict[str, Any]:
        def fail(key: str, why: str) -> LoadError:
            return LoadError(self.name, f"{self.where(row, key)} (task {task}): {why}")

        data: dict[str, Any] = {"task": task}
        for key, read in _FIELDS.items():
            if cells[key] is not None:
                try:
                    data[key] = read(cells[key])
                except NoValueError as why:
                    raise fail(key, str(why)) from None
        if "date" not in data:
            raise fail("date", "no date: the day of the update goes here (dd/mm/yyyy)")
        if "percent" not in data:
            implied = {UpdateStatus.DONE: 100, UpdateStatus.NOT_STARTED: 0}
            if data.get("status") not in implied:
                raise fail("percent", "no percentage: type 0 to 100")
            data["percent"] = Decimal(implied[data["status"]])
        try:
            ProgressUpdate.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            key = str(first["loc"][0]) if first["loc"] else "status"
            raise fail(key if key in TO_FILL else "status", first["msg"]) from None
        return data


def _shown(cell: Any) -> object:
    """A cell's value as the sheet shows it: a number formatted as ``80%`` holds 0.8."""
    value = cell.value
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and "%" in (getattr(cell, "number_format", None) or ""):
        return Decimal(repr(value)) * 100
    return value


def _percent(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise NoValueError(f"{quoted(value)} is not a percentage")
    text = repr(value) if isinstance(value, float) else str(value).strip().replace(",", ".")
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or not 0 <= number <= 100:
        raise NoValueError(f"{quoted(value)} is not a percentage from 0 to 100")
    return number


def _status(value: object) -> UpdateStatus:
    key = word_key(str(value))
    for status in UpdateStatus:
        if key in (status.value, word_key(status.label_vi), word_key(status.label_en)):
            return status
    words = ", ".join(status.label_vi for status in UpdateStatus)
    raise NoValueError(f"{quoted(value)} is not a status ({words})")


def _date(value: object) -> dt.date:
    day = FIELDS["date"](value)
    assert isinstance(day, dt.date)  # noqa: S101 - the date field reads dates
    return day


_FIELDS: dict[str, Callable[[object], object]] = {
    "date": _date,
    "percent": _percent,
    "status": _status,
    "note": lambda value: str(value).strip(),
    "evidence": lambda value: tuple(p.strip() for p in str(value).split(";") if p.strip()),
}
