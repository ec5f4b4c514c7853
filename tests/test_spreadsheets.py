"""Self-assessment workbooks: written, filled in, read back exactly, refused by cell."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl.worksheet.worksheet import Worksheet

from cchc import datasets
from cchc.cli import main
from cchc.documents import AssessmentRound, Framework, InputValue
from cchc.errors import LoadError, MissingExtraError
from cchc.scoring import score_round
from cchc.spreadsheets import NO, NOT_APPLICABLE, NOT_DONE, SHEET, YES, read_round, write_template
from cchc.testing.strategies import assessment_rounds

FRAMEWORK = "illustrative-district"
ROUND = "huong-son-communes-2024"
FIRST_ROW, FIRST_COLUMN = 8, 5  # E8: the first unit's first criterion


def _cell_value(value: InputValue) -> str | float | int | dt.date:
    """What a person types for ``value``: the displayed words, numbers, dates."""
    if value is True:
        return YES
    if value is False:
        return NO
    if value is None:
        return NOT_APPLICABLE
    if value == "missing":
        return NOT_DONE
    if isinstance(value, Decimal):
        return float(value)
    return value


def _sheet(path: Path) -> tuple[openpyxl.Workbook, Worksheet]:
    workbook = openpyxl.load_workbook(path)
    return workbook, workbook[SHEET]


def _fill(path: Path, framework: Framework, round_: AssessmentRound) -> None:
    workbook, sheet = _sheet(path)
    for column, assessment in enumerate(round_.assessments, start=FIRST_COLUMN):
        for row, leaf in enumerate(framework.leaves(), start=FIRST_ROW):
            sheet.cell(row, column).value = _cell_value(assessment.inputs[leaf.code])
    workbook.save(path)


def _template(folder: Path, framework: Framework, round_: AssessmentRound) -> Path:
    names = {a.unit: a.unit_name_vi for a in round_.assessments if a.unit_name_vi}
    units = [a.unit for a in round_.assessments]
    return write_template(
        framework, units, folder / "form.xlsx", year=round_.year, unit_names=names
    )


def _stripped(round_: AssessmentRound) -> AssessmentRound:
    bare = [a.model_copy(update={"self_points": {}, "appraisals": {}}) for a in round_.assessments]
    return round_.model_copy(update={"assessments": tuple(bare)})


def _typed(inputs: dict[str, InputValue]) -> dict[str, tuple[type, InputValue]]:
    """The inputs with their types, so that ``True`` is not equal to ``1``."""
    return {code: (type(value), value) for code, value in inputs.items()}


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    framework, round_ = datasets.framework(FRAMEWORK), datasets.assessment_round(ROUND)
    path = _template(tmp_path, framework, round_)
    _fill(path, framework, round_)
    return path


def test_round_trip_scores_as_the_original(filled: Path) -> None:
    framework, original = datasets.framework(FRAMEWORK), datasets.assessment_round(ROUND)
    read = read_round(framework, filled)
    assert (read.framework, read.edition, read.year) == (FRAMEWORK, framework.edition, 2024)
    assert [a.unit for a in read.assessments] == [a.unit for a in original.assessments]
    assert [a.unit_name_vi for a in read.assessments] == [
        a.unit_name_vi for a in original.assessments
    ]
    for got, want in zip(read.assessments, original.assessments, strict=True):
        assert _typed(got.inputs) == _typed(want.inputs)
    ranking = score_round(framework, read)
    assert ranking.records() == score_round(framework, _stripped(original)).records()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment_rounds(max_units=3))
def test_written_and_read_back_inputs_are_equal(
    tmp_path_factory: pytest.TempPathFactory, drawn: tuple[Framework, AssessmentRound]
) -> None:
    framework, round_ = drawn
    path = _template(tmp_path_factory.mktemp("wb"), framework, round_)
    _fill(path, framework, round_)
    read = read_round(framework, path)
    assert [a.unit for a in read.assessments] == [a.unit for a in round_.assessments]
    for got, want in zip(read.assessments, round_.assessments, strict=True):
        assert _typed(got.inputs) == _typed(want.inputs)


def test_the_layout(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    path = write_template(framework, ["a", "b"], tmp_path / "t.xlsx", year=2025, lang="en")
    _, sheet = _sheet(path)
    assert sheet.title == SHEET
    assert sheet["A1"].value == framework.title_vi
    assert (sheet["B2"].value, sheet["B3"].value, sheet["B4"].value) == (
        framework.edition, 2025, FRAMEWORK
    )  # fmt: skip
    assert (sheet["E6"].value, sheet["F6"].value, sheet["G6"].value) == ("a", "b", None)
    codes = [sheet.cell(row, 1).value for row in range(FIRST_ROW, FIRST_ROW + 40)]
    assert codes == [leaf.code for leaf in framework.leaves()] + [None]
    assert sheet.freeze_panes == "E8"
    assert sheet["D8"].value == "a date (dd/mm/yyyy) or Không thực hiện (not done)"


def test_vietnamese_hints_and_no_formula_from_text(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    path = write_template(
        framework, ["a"], tmp_path / "t.xlsx", year=2024, unit_names={"a": "=1+1"}
    )
    _, sheet = _sheet(path)
    hints = {sheet.cell(row, 1).value: sheet.cell(row, 4).value for row in range(8, 47)}
    assert hints["1.1"] == "ngày (dd/mm/yyyy) hoặc Không thực hiện"
    assert hints["1.2"] == "tỷ lệ từ 0 đến 1"
    assert hints["1.3"] == "số lần"
    assert hints["1.5"] == "Đạt / Không đạt"
    assert hints["2.4"] == "tỷ lệ từ 0 đến 1; hoặc Không áp dụng"
    assert hints["8.1"] == "phần trăm 0–100"
    assert hints["8.3"] == "điểm 0–3"
    assert sheet["E7"].value == "=1+1"
    assert sheet["E7"].data_type == "s"  # text, not a formula


def test_data_validations(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    path = write_template(framework, ["a", "b", "c"], tmp_path / "t.xlsx", year=2024)
    _, sheet = _sheet(path)
    by_range = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    rows = {leaf.code: row for row, leaf in enumerate(framework.leaves(), start=FIRST_ROW)}
    assert len(by_range) == len(rows)

    def of(code: str) -> tuple[str | None, str | None, str | None, str | None]:
        v = by_range[f"E{rows[code]}:G{rows[code]}"]
        return v.type, v.operator, v.formula1, v.formula2

    assert of("1.1") == ("custom", None, 'OR(ISNUMBER(E8),E8="Không thực hiện")', None)
    assert of("1.2") == ("decimal", "between", "0", "1")
    assert of("1.3") == ("whole", "greaterThanOrEqual", "0", None)
    assert of("1.5") == ("list", None, '"Đạt,Không đạt"', None)
    assert of("2.4")[2] == 'OR(AND(ISNUMBER(E17),E17>=0,E17<=1),E17="Không áp dụng")'
    assert of("6.3")[2] == '"Đạt,Không đạt,Không áp dụng"'
    assert of("8.1") == ("decimal", "between", "0", "100")
    assert of("8.3") == ("decimal", "between", "0", "3")
    assert of("8.4") == ("custom", None, "OR(AND(ISNUMBER(E46)))", None)
    assert sheet.cell(rows["1.1"], 6).number_format == "dd/mm/yyyy"


def _refused(path: Path, cell: str, value: object) -> str:
    workbook, sheet = _sheet(path)
    sheet[cell].value = value
    workbook.save(path)
    with pytest.raises(LoadError) as caught:
        read_round(datasets.framework(FRAMEWORK), path)
    return str(caught.value)


def test_refuses_a_word_it_does_not_know(filled: Path) -> None:
    message = _refused(filled, "F12", "Có lẽ")  # tay-son, 1.5: binary
    assert message == (
        f'{filled}: {SHEET}!F12 (unit tay-son, criterion 1.5): "Có lẽ" is not Đạt or Không đạt'
    )


def test_refuses_an_empty_cell(filled: Path) -> None:
    message = _refused(filled, "E9", None)
    assert message.startswith(f"{filled}: {SHEET}!E9 (unit pho-chau, criterion 1.2): no input")


def test_refuses_not_applicable_where_it_is_not_allowed(filled: Path) -> None:
    message = _refused(filled, "G9", NOT_APPLICABLE)
    assert f"{SHEET}!G9 (unit an-hoa-thinh, criterion 1.2): Không áp dụng:" in message


@pytest.mark.parametrize(
    ("cell", "value", "reason"),
    [
        ("E8", "31/02/2024", '"31/02/2024" is not a date: day is out of range for month'),
        ("E8", YES, '"Đạt" is not a date (dd/mm/yyyy) nor Không thực hiện'),
        ("E10", 1.5, "1.5 is not a whole count of 0 or more, below 10^15"),
        ("E10", "1E+999999999", '"1E+999999999" is not a whole count of 0 or more, below 10^15'),
        ("E10", "1E-999999999", '"1E-999999999" is not a whole count of 0 or more, below 10^15'),
        ("E9", "nhiều", '"nhiều" is not a number'),
    ],
)
def test_refuses_a_value_its_rule_cannot_take(
    filled: Path, cell: str, value: object, reason: str
) -> None:
    assert _refused(filled, cell, value).endswith(reason)


def test_refuses_criteria_rows_that_do_not_match(filled: Path) -> None:
    workbook, sheet = _sheet(filled)
    sheet.delete_rows(9)  # 1.2
    workbook.save(filled)
    with pytest.raises(
        LoadError, match=r"do not match framework illustrative-district: missing 1\.2$"
    ):
        read_round(datasets.framework(FRAMEWORK), filled)


def test_refuses_criteria_rows_out_of_order(filled: Path) -> None:
    workbook, sheet = _sheet(filled)
    sheet["A8"].value, sheet["A9"].value = "1.2", "1.1"
    workbook.save(filled)
    with pytest.raises(LoadError, match=r"out of order from Tự đánh giá!A8: 1\.2 where 1\.1 goes"):
        read_round(datasets.framework(FRAMEWORK), filled)


def test_refuses_a_plain_number_as_a_date(filled: Path) -> None:
    workbook, sheet = _sheet(filled)
    sheet["E8"].number_format = "General"  # a number typed where a date goes, not shown as one
    workbook.save(filled)
    message = _refused(filled, "E8", 45000)
    assert message.endswith("45000 is not a date (dd/mm/yyyy) nor Không thực hiện")


def test_reads_text_exactly_and_words_in_any_case(filled: Path) -> None:
    workbook, sheet = _sheet(filled)
    sheet["E9"].value = "0,123456789012345678901"  # 1.2, a decimal comma
    sheet["E12"].value = "  không ĐẠT "  # 1.5
    sheet["E8"].value = "20/12/2023"  # 1.1
    sheet["F8"].value = "không thực hiện"
    workbook.save(filled)
    inputs = read_round(datasets.framework(FRAMEWORK), filled).assessments[0].inputs
    assert inputs["1.2"] == Decimal("0.123456789012345678901")
    assert inputs["1.5"] is False
    assert inputs["1.1"] == dt.date(2023, 12, 20)
    assert read_round(datasets.framework(FRAMEWORK), filled).assessments[1].inputs["1.1"] == (
        "missing"
    )


def test_refuses_another_framework_and_what_is_not_a_workbook(tmp_path: Path) -> None:
    framework = datasets.framework(FRAMEWORK)
    other = framework.model_copy(update={"code": "other"})
    path = write_template(other, ["a"], tmp_path / "t.xlsx", year=2024)
    with pytest.raises(LoadError, match="for framework 'other', not 'illustrative-district'"):
        read_round(framework, path)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a zip")
    with pytest.raises(LoadError, match=r"bad\.xlsx: not an Excel workbook"):
        read_round(framework, bad)


@pytest.mark.parametrize(
    ("units", "names", "message"),
    [
        ([], None, "no unit"),
        (["a", "a"], None, "units listed twice: a"),
        (["a b"], None, "'a b' is not a code"),
        (["a"], {"b": "B"}, "names given for units not listed: b"),
    ],
)
def test_write_refuses_bad_units(
    tmp_path: Path, units: list[str], names: dict[str, str] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        write_template(
            datasets.framework(FRAMEWORK), units, tmp_path / "t.xlsx", year=2024, unit_names=names
        )
    assert not (tmp_path / "t.xlsx").exists()


def test_missing_openpyxl_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r"cchc\[spreadsheet\]"):
        write_template(datasets.framework(FRAMEWORK), ["a"], tmp_path / "t.xlsx", year=2024)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_cli_template_then_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.xlsx"
    round_ = datasets.assessment_round(ROUND)
    units = ",".join(a.unit for a in round_.assessments)
    code, _ = run("--lang", "en", "template", FRAMEWORK, "--units", units, "--year", "2024",
                  "-o", str(path))  # fmt: skip
    assert code == 0
    assert f"Wrote {path}: 39 criteria × 25 units, 2024." in capsys.readouterr().err
    _fill(path, datasets.framework(FRAMEWORK), round_)
    code, text = run("--lang", "en", "score", FRAMEWORK, str(path), "--format", "csv")
    assert code == 0
    _, want = run("--lang", "en", "score", FRAMEWORK, ROUND, "--format", "csv")
    assert [line.split(",")[:6] for line in text.splitlines()] == [
        line.split(",")[:6] for line in want.splitlines()
    ]


def test_cli_bad_workbook_is_one_line_and_exit_2(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, sheet = _sheet(filled)
    sheet["E12"].value = "Có lẽ"
    workbook.save(filled)
    capsys.readouterr()
    code, _ = run("--lang", "en", "score", FRAMEWORK, str(filled))
    assert code == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f'{filled}: {SHEET}!E12 (unit pho-chau, criterion 1.5): "Có lẽ" is not Đạt or Không đạt'
    ]


def test_cli_template_refuses_a_name_without_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run("--lang", "en", "template", FRAMEWORK, "--units", "a", "-o", str(tmp_path / "x"))
    assert code == 2
    assert "the file name must end in .xlsx" in capsys.readouterr().err


def test_cli_template_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["template", "--help"], out=io.StringIO())
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: cchc template")
    assert "--units" in out
    assert "exit codes:" in out
