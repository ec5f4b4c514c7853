"""Survey responses as .xlsx and .csv: written, filled in, read back exactly, refused by cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cchc import datasets
from cchc.cli import main
from cchc.documents import SurveyRound
from cchc.documents.survey import RespondentType, Response, ServiceChannel
from cchc.errors import LoadError
from cchc.spreadsheets import (
    NOT_ANSWERED,
    SURVEY_SHEET,
    read_responses,
    write_responses_template,
)
from cchc.surveys import survey_results

SIPAS, ROUND = "sipas-2640", "huong-son-sipas-2024"
FIXED = ["respondent", "unit", "date", "respondent_type", "channel", "service", "weight"]


def varied() -> SurveyRound:
    """The built-in round, with some items not asked, channels, services and weights."""
    round_ = datasets.survey_round(ROUND)
    changed = []
    for i, response in enumerate(round_.responses):
        update: dict[str, Any] = {}
        if i % 7 == 0:
            update["answers"] = {k: v for k, v in response.answers.items() if k != "3.2"}
        if i % 5 == 0:
            update |= {"channel": ServiceChannel.ONLINE, "service": "cap-ho-tich", "weight": 2.5}
        if i % 11 == 0:
            update["respondent_type"] = RespondentType.ORGANISATION
        changed.append(response.model_copy(update=update))
    return round_.model_copy(update={"responses": tuple(changed)})


def cells(response: Response, words: bool) -> list[Any]:
    """A response as a row; answers as labels (``words``) or values, null as the word."""
    scale = {p.value: p.label_vi for p in datasets.sipas_questionnaire().scale}
    row: list[Any] = [
        response.respondent, response.unit, response.date, response.respondent_type.value,
        response.channel.value if response.channel else None, response.service, response.weight,
    ]  # fmt: skip
    for item in datasets.sipas_questionnaire().items:
        if item.code not in response.answers:
            row.append(None)
        elif (value := response.answers[item.code]) is None:
            row.append(NOT_ANSWERED if words else "null")
        else:
            row.append(scale[value] if words else value)
    return row


def filled(round_: SurveyRound, path: Path) -> Path:
    """The template for the round, filled with its responses."""
    questionnaire = datasets.sipas_questionnaire()
    write_responses_template(questionnaire, path, year=round_.year)
    if path.suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(next(csv.reader(io.StringIO(path.read_text(encoding="utf-8")))))
        for response in round_.responses:
            row = cells(response, words=False)
            writer.writerow(["" if c is None else c.strftime("%d/%m/%Y")
                             if isinstance(c, dt.date) else c for c in row])  # fmt: skip
        path.write_text(buffer.getvalue(), encoding="utf-8")
        return path
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SURVEY_SHEET]
    for response in round_.responses:
        sheet.append(cells(response, words=True))
    workbook.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_round_reads_back_equal_and_tabulates_the_same(tmp_path: Path, suffix: str) -> None:
    questionnaire = datasets.sipas_questionnaire()
    original = varied()
    read = read_responses(questionnaire, filled(original, tmp_path / f"r{suffix}"))
    # the layout carries no round code, title or note: the code is the questionnaire's
    assert (read.code, read.questionnaire, read.year) == ("sipas-2640-2024", SIPAS, 2024)
    assert read.responses == original.responses
    assert any(None in r.answers.values() for r in read.responses)
    assert any("3.2" not in r.answers for r in read.responses)
    for by in (("unit",), ("respondent_type", "service")):
        assert survey_results(questionnaire, read, by=by).records("all") == survey_results(
            questionnaire, original, by=by
        ).records("all")


def test_the_workbook_validates_the_answer_cells(tmp_path: Path) -> None:
    questionnaire = datasets.sipas_questionnaire()
    path = write_responses_template(questionnaire, tmp_path / "t.xlsx", year=2024, units=["a", "b"])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SURVEY_SHEET]
    codes = [item.code for item in questionnaire.items]
    assert [c.value for c in sheet[1]] == [*FIXED, *codes]
    assert sheet.cell(2, 8).value == questionnaire.items[0].text_vi
    lists = workbook["Danh mục"]
    assert lists.sheet_state == "hidden"

    def listed(cell: str) -> list[object]:
        validation = next(v for v in sheet.data_validations.dataValidation if cell in v.sqref)
        assert validation.type == "list"
        area = validation.formula1.split("!")[1].replace("$", "")
        return [row[0].value for row in lists[area]]

    labels = [p.label_vi for p in questionnaire.scale]
    assert listed("H3") == listed("AC500") == [*labels, NOT_ANSWERED, 1, 2, 3, 4, 5]
    assert listed("B3") == ["a", "b"]
    assert listed("D9") == ["citizen", "organisation", "leader"]
    assert listed("E9") == ["in_person", "online", "postal"]
    kinds = {str(v.sqref).split(":")[0]: v.type for v in sheet.data_validations.dataValidation}
    assert kinds["C3"] == "date"
    assert kinds["G3"] == "decimal"


def test_the_csv_template_is_the_header(tmp_path: Path) -> None:
    questionnaire = datasets.sipas_questionnaire()
    path = write_responses_template(questionnaire, tmp_path / "t.csv", year=2024)
    codes = [item.code for item in questionnaire.items]
    assert path.read_text(encoding="utf-8") == ",".join([*FIXED, *codes]) + "\n"


def csv_file(tmp_path: Path, *rows: dict[str, str]) -> Path:
    questionnaire = datasets.sipas_questionnaire()
    path = write_responses_template(questionnaire, tmp_path / "r.csv", year=2024)
    header = path.read_text(encoding="utf-8").split("\n")[0].split(",")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([header, *([row.get(key, "") for key in header] for row in rows)])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_words_in_any_case_english_labels_and_defaults(tmp_path: Path) -> None:
    row = {"respondent": "r1", "unit": "a", "date": "2024-05-02", "1.1": "  RẤT HÀI LÒNG ",
           "1.2": "satisfied", "1.3": "Null", "1.4": "không trả lời", "2.1": "3",
           "respondent_type": "Tổ chức", "channel": "Online", "weight": "0,5"}  # fmt: skip
    (response,) = read_responses(datasets.sipas_questionnaire(), csv_file(tmp_path, row)).responses
    assert response.answers == {"1.1": 5, "1.2": 4, "1.3": None, "1.4": None, "2.1": 3}
    assert response.respondent_type is RespondentType.ORGANISATION
    assert response.channel is ServiceChannel.ONLINE
    assert (response.weight, response.service) == (0.5, None)


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("1.2", "6", 'line 2, column 1.2 (respondent r1, item 1.2): "6" is not on the scale'),
        ("1.2", "hơi hài lòng", "line 2, column 1.2 (respondent r1, item 1.2): "),
        ("date", "31/02/2024", 'line 2, column date (respondent r1): "31/02/2024" is not a date'),
        ("weight", "0", 'line 2, column weight (respondent r1): "0" is not a weight'),
        ("channel", "fax", 'line 2, column channel (respondent r1): "fax" is not one of'),
        ("respondent", "", "line 2, column respondent: no respondent"),
    ],
)
def test_a_csv_cell_is_refused_by_line_respondent_and_item(
    tmp_path: Path, key: str, value: str, reason: str
) -> None:
    row = {"respondent": "r1", "unit": "a", "date": "2024-05-02", "1.1": "5", key: value}
    path = csv_file(tmp_path, row)
    with pytest.raises(LoadError) as caught:
        read_responses(datasets.sipas_questionnaire(), path)
    assert caught.value.source == str(path)
    assert caught.value.reason.startswith(reason)


def test_a_workbook_cell_is_refused_by_cell_respondent_and_item(tmp_path: Path) -> None:
    path = filled(
        datasets.survey_round(ROUND).model_copy(update={"responses": ()}), tmp_path / "r.xlsx"
    )
    workbook = openpyxl.load_workbook(path)
    workbook[SURVEY_SHEET].append(["r1", "a", dt.date(2024, 5, 2), None, None, None, None, 5, 7.5])
    workbook.save(path)
    with pytest.raises(LoadError) as caught:
        read_responses(datasets.sipas_questionnaire(), path)
    assert caught.value.reason.startswith(
        f"{SURVEY_SHEET}!I3 (respondent r1, item 1.2): 7.5 is not on the scale (1 Rất không"
    )


def test_the_year_comes_from_the_dates_or_must_be_given(tmp_path: Path) -> None:
    rows = [{"respondent": f"r{i}", "unit": "a", "date": day, "1.1": "5"}
            for i, day in enumerate(["2024-12-30", "02/01/2025"])]  # fmt: skip
    path = csv_file(tmp_path, *rows)
    questionnaire = datasets.sipas_questionnaire()
    with pytest.raises(LoadError, match=r"the dates span 2024, 2025: give the year"):
        read_responses(questionnaire, path)
    assert read_responses(questionnaire, path, year=2024).code == "sipas-2640-2024"
    assert read_responses(questionnaire, csv_file(tmp_path, rows[1])).year == 2025


def test_columns_that_do_not_match_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("respondent,unit,1.1,Q9\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_responses(datasets.sipas_questionnaire(), path)
    reason = caught.value.reason
    assert reason.startswith("line 1: the columns do not match questionnaire sipas-2640: ")
    assert "no 'date' column" in reason
    assert "not in the questionnaire: Q9" in reason


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_cli_template_then_survey(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "khao-sat.xlsx"
    assert run("template", SIPAS, "--year", "2024", "-o", str(path), "--lang", "en")[0] == 0
    assert capsys.readouterr().err == f"Wrote {path}: 22 items, 2024.\n"
    workbook = openpyxl.load_workbook(path)
    assert workbook[SURVEY_SHEET].cell(2, 1).value == "Respondent"
    for response in datasets.survey_round(ROUND).responses:
        workbook[SURVEY_SHEET].append(cells(response, words=True))
    workbook.save(path)
    assert run("survey", SIPAS, str(path), "--format", "md") == run(
        "survey", SIPAS, ROUND, "--format", "md"
    )


def test_cli_a_bad_file_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csv_file(tmp_path, {"respondent": "r1", "unit": "a", "date": "2024-05-02", "1.1": "x"})
    assert run("survey", SIPAS, str(path))[0] == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f'{path}: line 2, column 1.1 (respondent r1, item 1.1): "x" is not' in err
    rows = [{"respondent": f"r{i}", "unit": "a", "date": d, "1.1": "5"}
            for i, d in enumerate(["2024-12-30", "2025-01-02"])]  # fmt: skip
    path = csv_file(tmp_path, *rows)
    assert run("survey", SIPAS, str(path))[0] == 2
    assert "give the year" in capsys.readouterr().err
    assert run("survey", SIPAS, str(path), "--year", "2024")[0] == 0
    assert run("template", "illustrative-district", "-o", str(tmp_path / "x.xlsx"))[0] == 2
    assert "--units" in capsys.readouterr().err


def test_cli_report_takes_a_responses_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cchc report --survey reads .xlsx/.csv responses as cchc survey does."""
    path = tmp_path / "khao-sat.xlsx"
    assert run("template", SIPAS, "--year", "2024", "-o", str(path))[0] == 0
    workbook = openpyxl.load_workbook(path)
    for response in datasets.survey_round(ROUND).responses:
        workbook[SURVEY_SHEET].append(cells(response, words=True))
    workbook.save(path)
    pages = []
    for responses in (str(path), ROUND):
        page = tmp_path / "report.html"
        argv = ["report", "illustrative-district", "huong-son-communes-2024",
                "--survey", SIPAS, responses, "--date", "2025-01-15", "-o", str(page)]  # fmt: skip
        assert run(*argv)[0] == 0
        pages.append(page.read_text(encoding="utf-8"))
    capsys.readouterr()
    assert pages[0] == pages[1]
