"""A round as a Parquet table: one row per unit, one column per leaf criterion.

The layout of the CSV form (``unit``, optional ``unit_name_vi``, ``year``, then the
leaf codes in any order), with typed columns: booleans for yes/no, integers for counts,
decimals (exact, ``decimal128``), floats (read as the shortest decimal that gives them
back) or text for numbers, dates or text for timeliness. A null cell means the
criterion does not apply to the unit, as ``null`` does in cchc's JSON files. Needs the
``parquet`` extra (pyarrow).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc._files import read_file
from cchc.documents import AssessmentRound, Framework, Node
from cchc.documents.assessment import InputValue
from cchc.documents.rules import TimelinessRule
from cchc.errors import LoadError, MissingExtraError
from cchc.spreadsheets._layout import NOT_APPLICABLE, NOT_DONE
from cchc.spreadsheets._read import NoValueError, read_input

__all__ = ["read_parquet_round"]

_FIXED = ("unit", "unit_name_vi", "year")


def read_parquet_round(framework: Framework, path: Path) -> AssessmentRound:
    """The round a Parquet file holds (see the module notes), validated.

    Raises:
        LoadError: The file cannot be read or is not Parquet; its columns do not match
            the framework; a cell cannot be read for its criterion's rule. The message
            names the file, the row (from 1), the unit and the criterion.
        MissingExtraError: pyarrow is not installed (``pip install "cchc[parquet]"``).
        pydantic.ValidationError: What was read does not make a valid round.
    """
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - an optional dependency
    except ImportError:
        raise MissingExtraError("parquet", "pyarrow") from None
    name = str(path)
    data = read_file(path)
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as error:
        raise LoadError(name, f"not a Parquet file: {error}") from None
    leaves = {leaf.code: leaf for leaf in framework.leaves()}
    _check_columns(name, table.column_names, list(leaves), framework.code)
    columns = {key: table.column(key).to_pylist() for key in table.column_names}
    assessments = []
    for row in range(table.num_rows):
        unit = columns["unit"][row]
        inputs: dict[str, InputValue] = {}
        for code, leaf in leaves.items():
            try:
                inputs[code] = read_input(_value(columns[code][row], leaf), leaf)
            except NoValueError as why:
                where = f"row {row + 1}, column {code} (unit {unit})"
                raise LoadError(name, f"{where}: {why}") from None
        named = columns["unit_name_vi"][row] if "unit_name_vi" in columns else None
        assessments.append(
            {"unit": unit, "unit_name_vi": named or None, "year": columns["year"][row],
             "framework": framework.code, "edition": framework.edition, "inputs": inputs}
        )  # fmt: skip
    years = sorted({str(a["year"]) for a in assessments})
    if len(years) > 1:
        raise LoadError(name, f"the rows are of different years: {', '.join(years)}")
    year: Any = assessments[0]["year"] if assessments else None
    round_ = {"code": f"{framework.code}-{year}", "framework": framework.code,
              "edition": framework.edition, "year": year, "assessments": assessments}  # fmt: skip
    try:
        return AssessmentRound.model_validate(round_)
    except ValueError as error:  # pydantic's ValidationError
        error.add_note(f"in {name}")
        raise


def _value(raw: object, leaf: Node) -> object:
    """A typed cell as the cell readers take it: null is "does not apply"."""
    if raw is None:
        return NOT_APPLICABLE
    if isinstance(raw, Decimal):
        return str(raw)  # read digit for digit
    if raw == "missing" and isinstance(leaf.rule, TimelinessRule):
        return NOT_DONE
    return raw


def _check_columns(name: str, columns: list[str], codes: list[str], framework: str) -> None:
    problems = [f"no {key!r} column" for key in ("unit", "year") if key not in columns]
    known = {*_FIXED, *codes}
    extra = [key for key in columns if key not in known]
    missing = [code for code in codes if code not in columns]
    problems += [f"missing {', '.join(missing)}"] if missing else []
    problems += [f"not in the framework: {', '.join(extra)}"] if extra else []
    if problems:
        reason = f"the columns do not match framework {framework}: {'; '.join(problems)}"
        raise LoadError(name, reason)
