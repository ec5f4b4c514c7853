"""Survey responses as a spreadsheet: one row per respondent, one column per item.

The columns are ``respondent``, ``unit``, ``date`` (required), ``respondent_type``,
``channel``, ``service``, ``weight`` (optional: empty takes the default), then the
questionnaire's item codes. An answer cell holds a value of the scale or its label (any
letter case), or ``Không trả lời`` (``null`` also does): asked, no answer; an empty
answer cell is an item not asked. The workbook adds a second header row of headings
and item texts, and a hidden sheet of the drop-down lists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import TypeAdapter, ValidationError

from cchc.documents import Questionnaire, SurveyRound
from cchc.documents._types import Year
from cchc.documents.survey import AnswerValue, RespondentType, ServiceChannel
from cchc.errors import LoadError
from cchc.spreadsheets._layout import word_key
from cchc.spreadsheets._read import NoValueError, quoted
from cchc.spreadsheets._rows import csv_rows, new_sheet, sheet_rows, write_csv
from cchc.spreadsheets._survey_cells import FIELDS, blank
from cchc.spreadsheets._write import cell_at, save_workbook, set_text, unit_codes
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["NOT_ANSWERED", "SURVEY_SHEET", "read_responses", "write_responses_template"]

SURVEY_SHEET: Final = "Phiếu khảo sát"
"""The sheet of a responses workbook: codes in row 1, headings in row 2, answers below."""
NOT_ANSWERED: Final = "Không trả lời"
"""Typed in an item asked but not answered (read as ``null``); an empty cell: not asked."""

FIXED = ("respondent", "unit", "date", "respondent_type", "channel", "service", "weight")
_REQUIRED = ("respondent", "unit", "date")
_HEADINGS = {
    "respondent": ("Mã người trả lời", "Respondent"),
    "unit": ("Đơn vị", "Unit"),
    "date": ("Ngày khảo sát", "Date"),
    "respondent_type": ("Đối tượng", "Respondent type"),
    "channel": ("Hình thức giao dịch", "Channel"),
    "service": ("Dịch vụ, thủ tục", "Service"),
    "weight": ("Trọng số", "Weight"),
}
_LISTS = "Danh mục"  # the hidden sheet of the drop-down lists
_CODE_ROW, _TEXT_ROW, _FIRST_ROW, _LAST_ROW = 1, 2, 3, 1_048_576
_INTEGER = re.compile(r"[+-]?\d+")


def write_responses_template(
    questionnaire: Questionnaire,
    path: str | os.PathLike[str],
    *,
    year: int,
    units: Sequence[str] = (),
    lang: Lang = "vi",
) -> Path:
    """Write an empty responses file for ``questionnaire``: a row per respondent to fill.

    An ``.xlsx`` path gets a sheet *Phiếu khảo sát*: the column codes in row 1, headings
    and item texts (in ``lang``) in row 2, rows from 3 on to fill. Answer cells offer the
    scale's Vietnamese labels, ``Không trả lời`` and the values; ``unit`` offers ``units``
    (when given), ``respondent_type`` and ``channel`` their values; dates are date cells
    (a warning outside ``year``), weights numbers above 0. A ``.csv`` path gets the
    header row alone. :func:`read_responses` reads the filled file. Written whole or not
    at all.

    Raises:
        ValueError: A unit repeated or not a code, or a year outside 1945–2100.
        MissingExtraError: An ``.xlsx`` path, and openpyxl is not installed.
        OSError: The file cannot be written (nothing is changed).
    """
    codes = unit_codes(units) if units or isinstance(units, str) else []
    try:
        TypeAdapter(Year).validate_python(year)
    except ValidationError:
        raise ValueError(f"year {year!r} is not between 1945 and 2100") from None
    target = Path(path)
    columns = [*FIXED, *(item.code for item in questionnaire.items)]
    if target.suffix.lower() == ".csv":
        write_csv(target, [columns])
        return target
    workbook, sheet = new_sheet(SURVEY_SHEET)
    _headings(sheet, columns, questionnaire, lang)
    _validations(
        workbook, sheet, columns=columns, questionnaire=questionnaire, units=codes, year=year,
        lang=lang,
    )  # fmt: skip
    save_workbook(workbook, target)
    return target


def _headings(
    sheet: Worksheet, columns: Sequence[str], questionnaire: Questionnaire, lang: Lang
) -> None:
    """The codes in row 1, headings and item texts in row 2; the panes frozen below."""
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    texts = {i.code: i.label_vi if lang == "vi" else i.label_en for i in questionnaire.items}
    for column, key in enumerate(columns, start=1):
        code = cell_at(sheet, _CODE_ROW, column)
        set_text(code, key)
        code.font = Font(bold=True)
        code.fill = PatternFill("solid", fgColor="DDEBF7")
        heading = cell_at(sheet, _TEXT_ROW, column)
        set_text(heading, _HEADINGS[key][lang != "vi"] if key in _HEADINGS else texts[key])
        heading.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = 16 if key in FIXED else 20
    sheet.column_dimensions["C"].number_format = "dd/mm/yyyy"
    sheet.freeze_panes = "B3"


def _validations(
    workbook: Workbook,
    sheet: Worksheet,
    *,
    columns: Sequence[str],
    questionnaire: Questionnaire,
    units: Sequence[str],
    year: int,
    lang: Lang,
) -> None:
    """Data validation of the input columns; the lists go to a hidden sheet."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    lists = workbook.create_sheet(_LISTS)
    lists.sheet_state = "hidden"

    def validate(key: str, validation: DataValidation, prompt: str) -> None:
        letter = get_column_letter(columns.index(key) + 1)
        end = get_column_letter(len(columns)) if key not in FIXED else letter
        validation.add(f"{letter}{_FIRST_ROW}:{end}{_LAST_ROW}")
        validation.allow_blank = True
        validation.showErrorMessage = validation.showInputMessage = True
        validation.error = validation.prompt = prompt[:255]
        sheet.add_data_validation(validation)

    def listed(key: str, column: int, words: Sequence[str | int], prompt: str) -> None:
        for row, word in enumerate(words, start=1):
            cell_at(lists, row, column).value = word
        letter = get_column_letter(column)
        source = f"'{_LISTS}'!${letter}$1:${letter}${len(words)}"
        validate(key, DataValidation(type="list", formula1=source), prompt)

    scale = [p.label_vi for p in questionnaire.scale]
    answers: list[str | int] = [*scale, NOT_ANSWERED, *questionnaire.scale_values]
    empty = "để trống: không hỏi" if lang == "vi" else "empty: not asked"
    listed(questionnaire.items[0].code, 1, answers, f"{' / '.join(scale)}; {NOT_ANSWERED}; {empty}")
    if units:
        listed("unit", 2, units, ", ".join(units))
    listed("respondent_type", 3, [t.value for t in RespondentType], "citizen, organisation…")
    listed("channel", 4, [c.value for c in ServiceChannel], "in_person, online, postal")
    dates = DataValidation(
        type="date", operator="between", formula1=f"DATE({year},1,1)",
        formula2=f"DATE({year},12,31)", errorStyle="warning",
    )  # fmt: skip
    validate("date", dates, f"dd/mm/yyyy, {year}")
    validate("weight", DataValidation(type="decimal", operator="greaterThan", formula1="0"), "> 0")


def read_responses(
    questionnaire: Questionnaire, path: str | os.PathLike[str], *, year: int | None = None
) -> SurveyRound:
    """The survey round typed into a file :func:`write_responses_template` wrote.

    Rows are read in order, blank rows skipped. Answers are read as values of the scale
    or as labels (Vietnamese or English, any letter case, trimmed); ``Không trả lời``
    or ``null`` is ``null`` (asked, no answer); an empty cell leaves the item out (not
    asked). Dates are date cells or text as ``dd/mm/yyyy`` or ``yyyy-mm-dd``;
    ``respondent_type`` and ``channel`` take values or labels.

    Args:
        questionnaire: The questionnaire answered.
        path: The ``.xlsx`` or ``.csv`` file.
        year: The year the round measures; by default the year of every date.

    Returns:
        The round, coded ``"<questionnaire>-<year>"``.

    Raises:
        LoadError: The file cannot be read; its columns do not match the questionnaire; a
            cell cannot be read (the message names the cell, as ``Phiếu khảo sát!H3``,
            or ``line 2, column 1.1``, the respondent and the item); or no year is given
            and the dates are not all of one year.
        MissingExtraError: An ``.xlsx`` file, and openpyxl is not installed.
        pydantic.ValidationError: What was read is not a valid round (the file in a note).
    """
    name = str(path)
    if Path(path).suffix.lower() == ".csv":
        rows = csv_rows(Path(path))
        header, top = (rows[0] if rows else []), "line 1"
        where: Callable[[int, int], str] = lambda line, i: f"line {line}, column {header[i]}"  # noqa: E731
    else:
        rows = sheet_rows(Path(path), SURVEY_SHEET, "a cchc responses workbook")
        from openpyxl.utils import get_column_letter  # noqa: PLC0415 - loaded by sheet_rows

        header, top = (rows[0] if rows else []), f"{SURVEY_SHEET}!1:1"
        rows = [*rows[:1], (), *rows[2:]]  # row 2 holds the headings
        where = lambda row, i: f"{SURVEY_SHEET}!{get_column_letter(i + 1)}{row}"  # noqa: E731
    reader = _Reader(name, questionnaire, where, top)
    responses = reader.responses([blank(c) for c in header], enumerate(rows[1:], start=2))
    if year is None:
        years = sorted({r["date"].year for r in responses})
        if len(years) != 1:
            spread = f"the dates span {', '.join(map(str, years))}" if years else "no responses"
            raise LoadError(name, f"{spread}: give the year the round measures (--year)")
        year = years[0]
    data = {"code": f"{questionnaire.code}-{year}", "questionnaire": questionnaire.code,
            "year": year, "responses": responses}  # fmt: skip
    try:
        return SurveyRound.model_validate(data)
    except ValueError as error:  # pydantic's ValidationError
        error.add_note(f"in {name}")
        raise


class _Reader:
    """Reads rows for one questionnaire; ``where`` names a row's cell in messages."""

    def __init__(
        self, name: str, questionnaire: Questionnaire, where: Callable[[int, int], str], top: str
    ) -> None:
        self.name, self.questionnaire, self.where, self.top = name, questionnaire, where, top
        self.exact = top == "line 1"  # a CSV row has as many cells as the header
        self.words: dict[str, AnswerValue] = {"null": None, word_key(NOT_ANSWERED): None}
        for point in questionnaire.scale:
            self.words.setdefault(word_key(point.label_vi), point.value)
        for point in questionnaire.scale:
            self.words.setdefault(word_key(point.label_en), point.value)

    def responses(
        self, header: list[object], rows: Iterable[tuple[int, Sequence[Any]]]
    ) -> list[dict[str, Any]]:
        items = [item.code for item in self.questionnaire.items]
        keys = [str(c).strip() if c is not None else "" for c in header]
        problems = [f"no {key!r} column" for key in _REQUIRED if key not in keys]
        missing = [code for code in items if code not in keys]
        extra = [key for key in keys if key not in (*FIXED, *items)]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        problems += [f"missing items {', '.join(missing)}"] if missing else []
        problems += [f"not in the questionnaire: {', '.join(extra)}"] if extra else []
        problems += [f"listed twice: {', '.join(repeated)}"] if repeated else []
        if problems:
            raise LoadError(
                self.name,
                f"{self.top}: the columns do not match"
                f" questionnaire {self.questionnaire.code}: {'; '.join(problems)}",
            )
        column = {key: i for i, key in enumerate(keys)}
        found = []
        for row, raw in rows:
            cells = [blank(c) for c in raw] + [None] * max(0, len(keys) - len(raw))
            if all(c is None for c in cells):
                continue
            wide = any(c is not None for c in cells[len(keys) :])
            if wide or (self.exact and len(raw) != len(keys)):
                where = self.where(row, 0).split(",")[0]
                raise LoadError(self.name, f"{where}: {len(raw)} cells, not {len(keys)}")
            found.append(self.response(row, cells, column))
        return found

    def response(self, row: int, cells: list[Any], column: dict[str, int]) -> dict[str, Any]:
        def fail(key: str, why: str, item: str = "") -> LoadError:
            who = [f"respondent {data['respondent']}"] if "respondent" in data else []
            who += [f"item {item}"] if item else []
            at = f"{self.where(row, column[key])}" + (f" ({', '.join(who)})" if who else "")
            return LoadError(self.name, f"{at}: {why}")

        data: dict[str, Any] = {}
        for key in FIXED:
            value = cells[column[key]] if key in column else None
            if value is None:
                if key in _REQUIRED:
                    raise fail(key, f"no {key}")
                continue
            try:
                data[key] = FIELDS[key](value)
            except NoValueError as why:
                raise fail(key, str(why)) from None
        answers: dict[str, AnswerValue] = {}
        for item in self.questionnaire.items:
            value = cells[column[item.code]]
            if value is not None:
                try:
                    answers[item.code] = self.answer(value)
                except NoValueError as why:
                    raise fail(item.code, str(why), item.code) from None
        data["answers"] = answers
        return data

    def answer(self, value: object) -> AnswerValue:
        number = value
        if isinstance(value, str):
            if word_key(value) in self.words:
                return self.words[word_key(value)]
            number = int(value) if _INTEGER.fullmatch(value.strip()) else value
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if type(number) is int and number in self.questionnaire.scale_values:
            return number
        scale = ", ".join(f"{p.value} {p.label_vi}" for p in self.questionnaire.scale)
        raise NoValueError(f"{quoted(value)} is not on the scale ({scale}) nor {NOT_ANSWERED}")
