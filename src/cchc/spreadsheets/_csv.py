"""A round as CSV: one row per unit, one column per leaf criterion.

The layout a data pipeline or a spreadsheet export gives: a header row ``unit``,
``unit_name_vi`` (optional), ``year``, then the framework's leaf codes in any order;
below, a row per unit. Cells hold what a workbook's cells hold — numbers written
plainly (a decimal comma is allowed), the Vietnamese words, dates as ``dd/mm/yyyy`` or
``yyyy-mm-dd`` — or the words of cchc's own files: ``true``/``false``, ``null`` (not
applicable) and ``missing``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from cchc.documents import AssessmentRound, Framework, Node
from cchc.documents.assessment import InputValue
from cchc.documents.rules import TimelinessRule
from cchc.errors import LoadError
from cchc.spreadsheets._layout import NOT_APPLICABLE, NOT_DONE
from cchc.spreadsheets._read import NoValueError, read_input
from cchc.spreadsheets._rows import csv_rows, write_csv

__all__ = ["read_csv_round", "write_csv_template"]

_FIXED = ("unit", "unit_name_vi", "year")


def write_csv_template(
    framework: Framework, codes: Sequence[str], names: Mapping[str, str], year: int, path: Path
) -> None:
    """Write the header and a row per unit (code, name, year), inputs left empty."""
    leaves = [leaf.code for leaf in framework.leaves()]
    rows = [[code, names.get(code, ""), year, *([""] * len(leaves))] for code in codes]
    write_csv(path, [[*_FIXED, *leaves], *rows])


def read_csv_round(framework: Framework, path: Path) -> AssessmentRound:
    """The round a CSV file holds (see the module notes), validated.

    Raises:
        LoadError: The file cannot be read, its header does not match the framework, a
            row is short or long, or a cell cannot be read for its criterion's rule; the
            message names the file, the line, the unit and the criterion.
        pydantic.ValidationError: What was read does not make a valid round.
    """
    name = str(path)
    rows = csv_rows(path)
    if not rows:
        raise LoadError(name, "empty: the header row (unit, year, criteria codes) is missing")
    header = [cell.strip() for cell in rows[0]]
    leaves = {leaf.code: leaf for leaf in framework.leaves()}
    _check_header(name, header, list(leaves), framework.code)
    column = {key: i for i, key in enumerate(header)}
    assessments = []
    years = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) != len(header):
            raise LoadError(name, f"line {line}: {len(row)} cells, not {len(header)}")
        unit = row[column["unit"]].strip()
        year = row[column["year"]].strip()
        years.add(year)
        inputs: dict[str, InputValue] = {}
        for code, leaf in leaves.items():
            raw = row[column[code]].strip()
            try:
                inputs[code] = read_input(_value(raw, leaf), leaf)
            except NoValueError as why:
                where = f"line {line}, column {code} (unit {unit})"
                raise LoadError(name, f"{where}: {why}") from None
        named = row[column["unit_name_vi"]].strip() if "unit_name_vi" in column else ""
        assessments.append(
            {"unit": unit, "unit_name_vi": named or None, "year": year,
             "framework": framework.code, "edition": framework.edition, "inputs": inputs}
        )  # fmt: skip
    if len(years) > 1:
        raise LoadError(name, f"the rows are of different years: {', '.join(sorted(years))}")
    year = years.pop() if years else ""
    data = {"code": f"{framework.code}-{year}", "framework": framework.code,
            "edition": framework.edition, "year": year, "assessments": assessments}  # fmt: skip
    try:
        return AssessmentRound.model_validate(data)
    except ValueError as error:  # pydantic's ValidationError
        error.add_note(f"in {name}")
        raise


def _value(raw: str, leaf: Node) -> object:
    """A cell's text, with cchc's own words (true, false, null, missing) understood."""
    key = raw.lower()
    if key in ("true", "false"):
        return key == "true"
    if key == "null":
        return NOT_APPLICABLE
    if key == "missing" and isinstance(leaf.rule, TimelinessRule):
        return NOT_DONE
    return raw or None


def _check_header(name: str, header: list[str], codes: list[str], framework: str) -> None:
    problems = [f"no {key!r} column" for key in ("unit", "year") if key not in header]
    known = {*_FIXED, *codes}
    extra = [key for key in header if key not in known]
    missing = [code for code in codes if code not in header]
    repeated = sorted({key for key in header if header.count(key) > 1})
    problems += [f"missing {', '.join(missing)}"] if missing else []
    problems += [f"not in the framework: {', '.join(extra)}"] if extra else []
    problems += [f"listed twice: {', '.join(repeated)}"] if repeated else []
    if problems:
        raise LoadError(
            name, f"line 1: the columns do not match framework {framework}: {'; '.join(problems)}"
        )
