"""``cchc survey``: satisfaction indices in every format, groupings, levels and failures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Literal

import pytest

from cchc import datasets, dump
from cchc.cli import main
from cchc.documents.survey import Response
from cchc.surveys import SurveyResults, survey_results

SIPAS, ROUND = "sipas-2640", "huong-son-sipas-2024"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def results(by: tuple[str, ...] = ("unit",)) -> SurveyResults:
    return survey_results(datasets.sipas_questionnaire(), datasets.survey_round(ROUND), by=by)


@pytest.mark.parametrize(("lang", "overall"), [("vi", "Chung"), ("en", "Overall")])
def test_table(lang: str, overall: str) -> None:
    code, text = run("survey", SIPAS, ROUND, "--lang", lang)
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["unit", "code", "title"]
    units = {group.key[0] for group in results().groups}
    assert len(lines) == 2 + len(units) * (5 + 1)  # five factors and the overall row per unit
    first = results().groups[0]
    overall_line = next(line for line in lines if f" {overall} " in line)
    assert overall_line.startswith(f"{first.key[0]} ")
    assert f"{first.overall.index:.1f}" in overall_line


@pytest.mark.parametrize("level", ["item", "factor", "overall"])
def test_md_is_the_results_markdown(level: Literal["item", "factor", "overall"]) -> None:
    code, text = run("survey", SIPAS, ROUND, "--format", "md", "--level", level)
    assert code == 0
    assert text == results().to_markdown(level)


def test_files_instead_of_built_ins(tmp_path: Path) -> None:
    questionnaire = dump(datasets.sipas_questionnaire(), tmp_path / "sipas.yaml")
    responses = dump(datasets.survey_round(ROUND), tmp_path / "round.json")
    assert run("survey", str(questionnaire), str(responses)) == run("survey", SIPAS, ROUND)


def test_csv_rows_match_the_records() -> None:
    code, text = run("survey", SIPAS, ROUND, "--format", "csv", "--by", "--level", "item")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    records = results(by=()).records("item")
    assert [r["code"] for r in rows] == [r["code"] for r in records]
    assert float(rows[0]["index"]) == pytest.approx(records[0]["index"])
    assert "unit" not in rows[0]


def test_json() -> None:
    code, text = run("survey", SIPAS, ROUND, "--format", "json", "--by", "respondent_type")
    assert code == 0
    data = json.loads(text)
    assert data["questionnaire"] == SIPAS
    assert data["round"] == ROUND
    assert data["by"] == ["respondent_type"]
    assert data["confidence"] == 0.95
    assert {r["level"] for r in data["records"]} == {"factor", "overall"}
    overall = next(r for r in data["records"] if r["level"] == "overall")
    assert overall["interval"] is None  # a mean of factors has none without a bootstrap


def test_bootstrap_and_pooled() -> None:
    _, text = run(
        "survey", SIPAS, ROUND, "--format", "json", "--by", "--level", "overall",
        "--resamples", "50", "--seed", "3",
    )  # fmt: skip
    (overall,) = json.loads(text)["records"]
    assert overall["interval"] == "bootstrap"
    assert overall["low"] < overall["index"] < overall["high"]
    _, pooled = run("survey", SIPAS, ROUND, "--format", "json", "--by", "--level", "overall",
                    "--overall", "pooled")  # fmt: skip
    assert json.loads(pooled)["records"][0]["interval"] == "wilson"


def test_confidence_level_names_the_interval() -> None:
    _, text = run("survey", SIPAS, ROUND, "--confidence", "0.9", "--by")
    assert "90% CI" in text.splitlines()[0]


def test_two_groupings() -> None:
    code, text = run("survey", SIPAS, ROUND, "--by", "unit", "respondent_type", "--format", "csv")
    assert code == 0
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["unit", "respondent_type", "level"]


def test_a_round_of_another_questionnaire_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("--lang", "en", "survey", "par-index-leaders-876", ROUND)
    assert (code, text) == (1, "")
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{ROUND}: the responses do not fit questionnaire par-index-leaders-876"
    assert err[1].startswith("Check: ")
    assert "[round.questionnaire]" in err[2]
    assert all("warning:" not in line for line in err)
    assert err[-1].startswith("  (and ")
    assert err[-1].endswith(" warning(s))")
    assert len(err) < 20  # a few findings per code, and their totals


def test_warnings_alone_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    round_ = datasets.survey_round(ROUND)
    empty = Response(respondent="silent", unit="kim-hoa", date=dt.date(2024, 9, 27), answers={})
    path = dump(round_.model_copy(update={"responses": (*round_.responses, empty)}),
                tmp_path / "round.json")  # fmt: skip
    code, text = run("survey", SIPAS, str(path), "--format", "csv")
    assert code == 0
    assert text.startswith("unit,level,")
    err = capsys.readouterr().err
    assert "[response.empty]" in err
    assert f"  - {path}: warning: " in err


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--confidence", "95"], "not a level between 0 and 1"),
        (["--confidence", "x"], "not a level between 0 and 1"),
        (["--confidence", "0.9999999999999999"], "not a level between 0 and 1"),
        (["--resamples", "-3"], "not a whole number"),
        (["--resamples", "5", "--seed", "-1"], "not a whole number"),
        (["--by", "district"], "invalid choice: 'district'"),
        (["--level", "area"], "invalid choice: 'area'"),
    ],
)
def test_bad_usage_exits_2(
    argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["survey", SIPAS, ROUND, *argv], out=io.StringIO())
    assert caught.value.code == 2
    assert complaint in capsys.readouterr().err


def test_a_repeated_grouping_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--lang", "en", "survey", SIPAS, ROUND, "--by", "unit", "unit") == (2, "")
    assert capsys.readouterr().err == "--by: a dimension repeats\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([ROUND, ROUND], f"{ROUND}: a built-in survey round, not a questionnaire"),
        ([SIPAS, SIPAS], f"{SIPAS}: a built-in questionnaire, not a survey round"),
        ([SIPAS, "none.json"], "none.json: no such file, nor a built-in survey round"),
    ],
)
def test_wrong_or_missing_documents_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--lang", "en", "survey", *argv) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert len(err.splitlines()) == 1


def test_a_yaml_file_that_is_not_a_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "round.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    assert run("survey", SIPAS, str(path))[0] == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: ")
    assert "Traceback" not in err
