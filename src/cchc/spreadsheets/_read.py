"""Reading a filled self-assessment workbook back into a round of assessments."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cchc.documents import AssessmentRound, Framework, InputValue, Node
from cchc.documents._types import MAX_MAGNITUDE
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    SurveyRule,
    TimelinessRule,
)
from cchc.errors import LoadError
from cchc.spreadsheets._layout import (
    CODE_COLUMN,
    CODE_ROW,
    FIRST_ROW,
    FIRST_UNIT_COLUMN,
    HEADER_ROW,
    NAME_ROW,
    NO,
    NOT_APPLICABLE,
    NOT_DONE,
    SHEET,
    YEAR_ROW,
    YES,
    entry_hint,
    word_key,
)
from cchc.spreadsheets._rows import sheet_rows

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["NoValueError", "quoted", "read_day", "read_input", "read_round"]

_TEXT_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})")
_COUNTS = (CountTiersRule, DeductionRule)


class NoValueError(Exception):
    """A cell that cannot be read for its criterion; the argument says why.

    The readers turn it into a :class:`~cchc.errors.LoadError` naming the cell.
    """


def read_round(framework: Framework, path: str | os.PathLike[str]) -> AssessmentRound:
    """The round of assessments typed into a workbook that :func:`write_template` wrote.

    A ``.csv`` file is read as one row per unit instead (see
    :func:`cchc.spreadsheets.write_template`); it needs no extra. A ``.parquet`` file is
    read in the same layout, with typed columns (a null cell: not applicable); it needs
    the ``parquet`` extra (pyarrow).

    Each unit's column becomes one assessment. Words are read as
    :func:`write_template` lists them — ``Đạt`` (yes), ``Không đạt`` (no),
    ``Không áp dụng`` (not applicable: ``null``), ``Không thực hiện`` (a timeliness
    criterion's document never issued: ``"missing"``) — in any letter case. Numbers are
    read exactly: a number cell as the shortest decimal that gives it back
    (``0.1`` is ``Decimal("0.1")``), a text cell digit for digit (a decimal comma is
    allowed). Dates are date cells, or text as ``dd/mm/yyyy`` or ``yyyy-mm-dd``.
    Values are checked against their rules (ranges, tiers) only when the round is scored.

    Args:
        framework: The framework the workbook was written for.
        path: The ``.xlsx`` file.

    Returns:
        The round, coded ``"<framework>-<year>"``, its assessments in column order.

    Raises:
        LoadError: The file cannot be read or is not such a workbook; its framework,
            criteria rows or units do not match; or a cell is empty or cannot be read
            for its criterion's rule. The message names the file, the cell (as
            ``Tự đánh giá!E8``), the unit and the criterion.
        MissingExtraError: openpyxl is not installed (``pip install "cchc[spreadsheet]"``).
        pydantic.ValidationError: What was read does not make a valid round (the file
            is named in a note).
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        from cchc.spreadsheets._csv import read_csv_round  # noqa: PLC0415 - a cycle otherwise

        return read_csv_round(framework, Path(path))
    if suffix == ".parquet":
        from cchc.spreadsheets._parquet import read_parquet_round  # noqa: PLC0415

        return read_parquet_round(framework, Path(path))
    name = str(path)
    rows = sheet_rows(Path(path), SHEET, "a cchc self-assessment workbook", cells=True)
    return _Sheet(name, rows).assessment_round(framework)


class _Sheet:
    """The cells of the sheet, read once, with the file's name for messages."""

    def __init__(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        self.name = name
        self.rows = rows

    def cell(self, row: int, column: int) -> Any:
        """The cell at ``row``, ``column`` (from 1), or ``None`` past the sheet's end."""
        cells = self.rows[row - 1] if row <= len(self.rows) else ()
        return cells[column - 1] if column <= len(cells) else None

    def value(self, row: int, column: int) -> object:
        """The value at ``row``, ``column``; blank text counts as empty (``None``)."""
        value = getattr(self.cell(row, column), "value", None)
        return None if isinstance(value, str) and not value.strip() else value

    def fail(self, row: int, column: int, reason: str) -> LoadError:
        """An error naming the file and the cell."""
        return LoadError(self.name, f"{_where(row, column)}: {reason}")

    def assessment_round(self, framework: Framework) -> AssessmentRound:
        """The round the sheet holds, validated."""
        code = self.value(CODE_ROW, 2)
        if code != framework.code:
            raise self.fail(
                CODE_ROW, 2, f"the workbook is for framework {code!r}, not {framework.code!r}"
            )
        year = self.value(YEAR_ROW, 2)
        if isinstance(year, float) and year.is_integer():
            year = int(year)
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        if not isinstance(year, int) or isinstance(year, bool):
            raise self.fail(YEAR_ROW, 2, f"the year assessed is {quoted(year)}, not a year")
        leaves = self.criteria(framework)
        units = self.units()
        assessments = [
            {
                "unit": unit,
                "unit_name_vi": self.text(NAME_ROW, column),
                "year": year,
                "framework": framework.code,
                "edition": framework.edition,
                "inputs": {
                    leaf.code: self.input(row, column, leaf, unit)
                    for row, leaf in enumerate(leaves, start=FIRST_ROW)
                },
            }
            for column, unit in units
        ]
        data = {
            "code": f"{framework.code}-{year}",
            "framework": framework.code,
            "edition": framework.edition,
            "year": year,
            "assessments": assessments,
        }
        try:
            return AssessmentRound.model_validate(data)
        except ValueError as error:  # pydantic's ValidationError
            error.add_note(f"in {self.name}")
            raise

    def text(self, row: int, column: int) -> str | None:
        """The cell's text, or ``None`` when it is empty."""
        value = self.value(row, column)
        return None if value is None else str(value).strip()

    def criteria(self, framework: Framework) -> tuple[Node, ...]:
        """The framework's leaves, once the rows are checked to be exactly them, in order."""
        leaves = framework.leaves()
        found: list[str] = []
        row = FIRST_ROW
        while (code := self.text(row, CODE_COLUMN)) is not None:
            found.append(code)
            row += 1
        expected = [leaf.code for leaf in leaves]
        if found == expected:
            return leaves
        missing = [code for code in expected if code not in found]
        extra = [code for code in found if code not in expected]
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"not in the framework: {', '.join(extra)}"] if extra else []
        repeated = sorted({code for code in found if found.count(code) > 1})
        problems += [f"listed twice: {', '.join(repeated)}"] if repeated else []
        if not problems:
            at = next(i for i, (a, b) in enumerate(zip(found, expected, strict=True)) if a != b)
            where = _where(FIRST_ROW + at, CODE_COLUMN)
            problems.append(f"out of order from {where}: {found[at]} where {expected[at]} goes")
        raise LoadError(
            self.name,
            f"the criteria rows do not match framework {framework.code}: {'; '.join(problems)}",
        )

    def units(self) -> list[tuple[int, str]]:
        """Each unit's column and code, from the header row, up to the first empty cell."""
        units: list[tuple[int, str]] = []
        column = FIRST_UNIT_COLUMN
        while (unit := self.text(HEADER_ROW, column)) is not None:
            if any(unit == seen for _, seen in units):
                raise self.fail(HEADER_ROW, column, f"unit {unit} has a second column")
            units.append((column, unit))
            column += 1
        if not units:
            raise self.fail(HEADER_ROW, FIRST_UNIT_COLUMN, "no unit: a unit's code goes here")
        return units

    def input(self, row: int, column: int, leaf: Node, unit: str) -> InputValue:
        """The input of ``unit`` for ``leaf``, read for its rule."""
        cell = self.cell(row, column)
        value = self.value(row, column)
        try:
            return read_input(value, leaf, getattr(cell, "number_format", "General"))
        except NoValueError as why:
            where = f"{_where(row, column)} (unit {unit}, criterion {leaf.code})"
            raise LoadError(self.name, f"{where}: {why}") from None


def _where(row: int, column: int) -> str:
    """The cell as ``Tự đánh giá!E8``."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return f"{SHEET}!{get_column_letter(column)}{row}"


def read_input(value: object, leaf: Node, number_format: str = "General") -> InputValue:
    """A cell's value read for ``leaf``'s rule (``None``: the cell is empty).

    Raises:
        NoValueError: The value cannot be read for the rule (the reason given).
    """
    rule = leaf.rule
    if value is None:
        raise NoValueError(f"no input: type {entry_hint(leaf, 'en')}")
    if isinstance(value, str) and word_key(value) == word_key(NOT_APPLICABLE):
        if not leaf.may_be_not_applicable:
            raise NoValueError(f"{NOT_APPLICABLE}: this criterion applies to every unit")
        return None
    if isinstance(rule, BinaryRule):
        return _yes_no(value, leaf)
    if isinstance(rule, TimelinessRule):
        return _date(value)
    if isinstance(rule, _COUNTS):
        return _count(value)
    number = _number(value)
    if "%" in number_format and not isinstance(value, str) and isinstance(rule, SurveyRule):
        number = number.scaleb(2)  # a cell shown as 87.25% holds 0.8725
    return number


def _yes_no(value: object, leaf: Node) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        key = word_key(value)
        if key in (word_key(YES), word_key(NO)):
            return key == word_key(YES)
    words = f"{YES}, {NO} or {NOT_APPLICABLE}" if leaf.may_be_not_applicable else f"{YES} or {NO}"
    raise NoValueError(f"{quoted(value)} is not {words}")


def _date(value: object) -> dt.date | Literal["missing"]:
    if isinstance(value, str) and word_key(value.strip()) == word_key(NOT_DONE):
        return "missing"
    return read_day(value, f" nor {NOT_DONE}")


def read_day(value: object, other: str = "") -> dt.date:
    """A date cell, or a date written ``dd/mm/yyyy`` or ``yyyy-mm-dd``.

    Raises:
        NoValueError: Not a date, or a date that does not exist (``other`` names what
            else the cell may hold, for the message).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _TEXT_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match:
        day, month, year = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as error:
            raise NoValueError(f"{quoted(value)} is not a date: {error}") from None
    raise NoValueError(f"{quoted(value)} is not a date (dd/mm/yyyy){other}")


def _count(value: object) -> int:
    if isinstance(value, bool):
        raise NoValueError(f"{quoted(value)} is not a count")
    if isinstance(value, int):
        number: int | Decimal = value
    elif isinstance(value, float | str):
        number = _number(value)
    else:
        raise NoValueError(f"{quoted(value)} is not a count")
    if number < 0 or number >= 10**MAX_MAGNITUDE or number != int(number):
        raise NoValueError(f"{quoted(value)} is not a whole count of 0 or more, below 10^15")
    return int(number)


def _number(value: object) -> Decimal:
    if isinstance(value, bool):
        raise NoValueError(f"{quoted(value)} is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # the shortest decimal that is this float
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")  # a decimal comma, as Vietnamese writes it
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal("NaN")
        if number.is_finite():
            return number
    raise NoValueError(f"{quoted(value)} is not a number")


def quoted(value: object) -> str:
    """The value as quoted in a message."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "nothing" if value is None else str(value)
