"""A round as CSV, one row per unit: written, filled in, read back exactly, refused by line."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cchc import datasets
from cchc.cli import main
from cchc.documents import AssessmentRound, Framework, InputValue
from cchc.errors import LoadError
from cchc.scoring import score_round
from cchc.spreadsheets import NO, NOT_APPLICABLE, YES, read_round, write_template
from cchc.testing.strategies import assessment_rounds

FRAMEWORK = "illustrative-district"
ROUND = "huong-son-communes-2024"


def text_of(value: InputValue) -> str:
    """An input as cchc's own CSV words write it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def filled(framework: Framework, round_: AssessmentRound, path: Path) -> Path:
    """Write the template for the round's units, then fill it with their inputs."""
    units = [a.unit for a in round_.assessments]
    write_template(framework, units, path, year=round_.year)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    for row, assessment in zip(rows[1:], round_.assessments, strict=True):
        for column, code in enumerate(header):
            if code in assessment.inputs:
                row[column] = text_of(assessment.inputs[code])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_the_template_is_a_header_and_a_row_per_unit(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    path = write_template(
        framework, ["a", "b"], tmp_path / "x.csv", year=2024, unit_names={"a": "Xã A"}
    )
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    codes = [leaf.code for leaf in framework.leaves()]
    assert rows[0] == ["unit", "unit_name_vi", "year", *codes]
    assert rows[1][:3] == ["a", "Xã A", "2024"]
    assert rows[2][:3] == ["b", "", "2024"]
    assert set(rows[1][3:]) == {""}


def test_a_filled_csv_scores_as_the_round_it_was_filled_from(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    plain = [a.model_copy(update={"self_points": {}, "appraisals": {}}) for a in round_.assessments]
    read = read_round(framework, filled(framework, round_, tmp_path / "x.csv"))
    assert [a.inputs for a in read.assessments] == [a.inputs for a in plain]
    assert score_round(framework, read).records() == score_round(framework, plain).records()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(assessment_rounds())
def test_any_round_reads_back_equal(
    tmp_path: Path, drawn: tuple[Framework, AssessmentRound]
) -> None:
    framework, round_ = drawn
    read = read_round(framework, filled(framework, round_, tmp_path / "any.csv"))
    for got, want in zip(read.assessments, round_.assessments, strict=True):
        assert got.unit == want.unit
        assert {c: (type(v), v) for c, v in got.inputs.items()} == {
            c: (type(v), v) for c, v in want.inputs.items()
        }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("unit,", "don_vi,", 1), "line 1: the columns do not match"),
        (lambda t: t.replace(",1.1,", ",9.9,", 1), "missing 1.1; not in the framework: 9.9"),
        (lambda t: t.rstrip("\n") + "\nextra,,2024\n", "line 27: 3 cells, not"),
        (lambda t: t.replace(",2024,", ",2023,", 1), "the rows are of different years"),
    ],
)
def test_a_csv_that_does_not_match_is_refused_by_line(
    tmp_path: Path, change: object, message: str
) -> None:
    framework = datasets.framework(FRAMEWORK)
    path = filled(framework, datasets.assessment_round(ROUND), tmp_path / "x.csv")
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(LoadError) as refused:
        read_round(framework, path)
    assert message in str(refused.value)


def test_a_cell_that_cannot_be_read_names_line_unit_and_criterion(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    path = filled(framework, datasets.assessment_round(ROUND), tmp_path / "x.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index("1.2")
    rows[2][column] = "có lẽ"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        read_round(framework, path)
    assert f"line 3, column 1.2 (unit {rows[2][0]}):" in str(refused.value)
    rows[2][column] = ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    with pytest.raises(LoadError, match="no input"):
        read_round(framework, path)


def test_words_and_decimal_commas_are_read(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    path = filled(framework, round_, tmp_path / "x.csv")
    text = path.read_text(encoding="utf-8")
    first = round_.assessments[0]
    rate = next(c for c, v in first.inputs.items() if isinstance(v, Decimal) and "." in str(v))
    rows = list(csv.reader(io.StringIO(text)))
    rows[1][rows[0].index(rate)] = f"{first.inputs[rate]}".replace(".", ",")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert read_round(framework, path).assessments[0].inputs[rate] == first.inputs[rate]


def test_the_workbooks_words_are_read_too(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    path = filled(framework, round_, tmp_path / "x.csv")
    words = {"true": YES, "false": NO, "null": NOT_APPLICABLE}
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1:] = [[words.get(cell, cell) for cell in row] for row in rows[1:]]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert [a.inputs for a in read_round(framework, path).assessments] == [
        a.inputs for a in round_.assessments
    ]


def test_cchc_template_and_score_take_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(ROUND)
    units = ",".join(a.unit for a in round_.assessments)
    out = tmp_path / "form.csv"
    assert main(["template", FRAMEWORK, "--units", units, "--year", "2024", "-o", str(out)]) == 0
    filled(framework, round_, out)
    printed = io.StringIO()
    assert main(["score", FRAMEWORK, str(out), "--format", "csv"], out=printed) == 0
    plain = [a.model_copy(update={"self_points": {}, "appraisals": {}}) for a in round_.assessments]
    expected = io.StringIO()
    assert main(["score", FRAMEWORK, ROUND, "--format", "csv"], out=expected) == 0
    assert printed.getvalue().splitlines()[0] == expected.getvalue().splitlines()[0]
    assert len(printed.getvalue().splitlines()) == len(plain) + 1
    out.write_text(out.read_text(encoding="utf-8").replace(",2024,", ",20x4,", 1))
    assert main(["score", FRAMEWORK, str(out)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) >= 1
