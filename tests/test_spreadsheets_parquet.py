"""A round as a Parquet table, one row per unit with typed columns, read back exactly."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings

from cchc import datasets, dump
from cchc.cli import main
from cchc.documents import AssessmentRound, Framework
from cchc.errors import LoadError
from cchc.scoring import score_round
from cchc.spreadsheets import read_round
from cchc.testing.strategies import assessment_rounds

FRAMEWORK = "illustrative-district"
ROUND = "huong-son-communes-2024"


def column_type(values: list[Any]) -> pa.DataType | None:
    """The Arrow type of a criterion's inputs (decimals exact, as decimal128)."""
    kinds = {type(v) for v in values} - {type(None)}
    if kinds == {Decimal}:
        return pa.decimal128(38, 20)
    if len(kinds) > 1:  # dates and "missing" together: as text
        return pa.string()
    return None


def write(round_: AssessmentRound, path: Path, **changed: list[Any]) -> Path:
    """The round as a Parquet table (columns replaced by ``changed``)."""
    codes = list(round_.assessments[0].inputs) if round_.assessments else []
    data: dict[str, list[Any]] = {
        "unit": [a.unit for a in round_.assessments],
        "year": [a.year for a in round_.assessments],
    }
    for code in codes:
        values: list[Any] = [a.inputs[code] for a in round_.assessments]
        if column_type(values) == pa.string():  # dates among "missing": ISO text
            values = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
        data[code] = values
    data.update(changed)
    arrays = {key: pa.array(values, type=column_type(values)) for key, values in data.items()}
    pq.write_table(pa.table(arrays), path)
    return path


def test_a_parquet_round_scores_as_the_round_it_was_written_from(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    plain = [a.model_copy(update={"self_points": {}, "appraisals": {}}) for a in round_.assessments]
    read = read_round(framework, write(round_, tmp_path / "x.parquet"))
    assert [a.inputs for a in read.assessments] == [a.inputs for a in plain]
    assert score_round(framework, read).records() == score_round(framework, plain).records()


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(assessment_rounds())
def test_any_round_reads_back_equal(
    tmp_path: Path, drawn: tuple[Framework, AssessmentRound]
) -> None:
    framework, round_ = drawn
    read = read_round(framework, write(round_, tmp_path / "any.parquet"))
    for got, want in zip(read.assessments, round_.assessments, strict=True):
        assert {c: (type(v), v) for c, v in got.inputs.items()} == {
            c: (type(v), v) for c, v in want.inputs.items()
        }


def test_floats_are_read_as_the_decimals_they_print_as(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    rates = [0.1, 0.95] + [0.5] * (len(round_.assessments) - 2)
    read = read_round(framework, write(round_, tmp_path / "x.parquet", **{"1.2": rates}))
    assert [a.inputs["1.2"] for a in read.assessments[:2]] == [Decimal("0.1"), Decimal("0.95")]


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"1.1": [True] * 25}, "row 1, column 1.1 (unit son-tra): True is not a date"),
        ({"1.3": ["nhiều"] * 25}, 'row 1, column 1.3 (unit son-tra): "nhiều" is not a'),
        ({"year": [2024] * 24 + [2023]}, "the rows are of different years: 2023, 2024"),
    ],
)
def test_what_cannot_be_read_names_row_unit_and_criterion(
    tmp_path: Path, changed: dict[str, list[Any]], message: str
) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    ordered = sorted(round_.assessments, key=lambda a: a.unit != "son-tra")
    path = write(
        round_.model_copy(update={"assessments": tuple(ordered)}), tmp_path / "x.parquet", **changed
    )
    with pytest.raises(LoadError) as refused:
        read_round(framework, path)
    assert message in str(refused.value)


def test_columns_that_do_not_match_and_non_parquet_files_are_refused(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    path = write(round_, tmp_path / "x.parquet")
    table = pq.read_table(path).drop_columns(["1.1"]).append_column("9.9", pa.array([1] * 25))
    pq.write_table(table, path)
    with pytest.raises(LoadError, match=r"missing 1\.1; not in the framework: 9\.9"):
        read_round(framework, path)
    path.write_bytes(b"not parquet")
    with pytest.raises(LoadError, match="not a Parquet file"):
        read_round(framework, path)


def test_cchc_score_reads_parquet(tmp_path: Path) -> None:
    round_ = datasets.assessment_round(ROUND)
    path = write(round_, tmp_path / "x.parquet")
    printed, expected = io.StringIO(), io.StringIO()
    assert main(["score", FRAMEWORK, str(path), "--format", "csv"], out=printed) == 0
    plain = round_.model_copy(
        update={"assessments": tuple(a.model_copy(update={"self_points": {}, "appraisals": {}})
                                     for a in round_.assessments)}
    )  # fmt: skip
    json_path = dump(plain, tmp_path / "plain.json")
    assert main(["score", FRAMEWORK, str(json_path), "--format", "csv"], out=expected) == 0
    assert printed.getvalue() == expected.getvalue()
