"""``cchc report``: the page the library builds, written where asked; every misuse one line."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import tempfile
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cchc import datasets, dump
from cchc.cli import main
from cchc.cli._common import TIME_ZONE
from cchc.documents import AssessmentRound, Framework
from cchc.monitoring import monitor
from cchc.report import build_report
from cchc.scoring import score_round
from cchc.surveys import survey_inputs, survey_results, with_survey_inputs
from cchc.testing.strategies import assessment_rounds
from cchc.vocabulary import Lang

FRAMEWORK = "illustrative-district"
NOW, BEFORE = "huong-son-communes-2024", "huong-son-communes-2023"
PLAN, AS_OF = "huong-son-plan-2022", "2022-10-14"
CASCADE = ("huong-son", "ha-tinh", "national")
SURVEY = ("sipas-2640", "huong-son-sipas-2024")
DAY = dt.date(2025, 3, 1)
EVERYTHING = (
    FRAMEWORK, NOW, "--previous", BEFORE, "--survey", *SURVEY, "--survey-criterion", "8.1",
    "--plan", PLAN, "--as-of", AS_OF, "--programme", *CASCADE, "--date", DAY.isoformat(),
)  # fmt: skip


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def library_page(lang: Lang) -> str:
    """What the command's --survey, --plan and --previous ask for, built with the library."""
    framework = datasets.framework(FRAMEWORK)
    survey = survey_results(
        datasets.sipas_questionnaire(), datasets.survey_round(SURVEY[1]), by=["unit"]
    )
    round_ = with_survey_inputs(datasets.assessment_round(NOW), "8.1", survey_inputs(survey))
    before = score_round(framework, datasets.assessment_round(BEFORE))
    status = monitor(
        datasets.plan(PLAN),
        as_of=dt.date.fromisoformat(AS_OF),
        programme=[datasets.get(name) for name in CASCADE],
    )
    return build_report(
        framework, score_round(framework, round_, previous=before), assessments=round_,
        monitoring=status, survey=survey, lang=lang, generated_on=DAY,
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_is_the_librarys_byte_for_byte(
    lang: Lang, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    code, text = run("--lang", lang, "report", *EVERYTHING, "-o", str(target))
    assert code == 0
    assert text == ""  # the page goes to the file; the note of what was written to stderr
    page = target.read_text(encoding="utf-8")
    assert page == library_page(lang)
    err = capsys.readouterr().err
    size = f"{len(page.encode()):,}"
    said = (
        f"25 đơn vị, {size.replace(',', '.')} byte" if lang == "vi" else f"25 units, {size} bytes"
    )
    assert err == f"{'Đã ghi' if lang == 'vi' else 'Wrote'} {target}: {said}\n"


def test_dash_writes_the_page_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("--lang", "en", "report", *EVERYTHING, "-o", "-")
    assert code == 0
    assert text == library_page("en")
    assert capsys.readouterr().err == ""


def test_files_and_defaults(tmp_path: Path) -> None:
    """Assessment files one by one, no extras: ranking, cards and names; today's date."""
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(NOW)
    files = []
    for assessment in round_.assessments[:3]:
        files.append(tmp_path / f"{assessment.unit}.json")
        dump(assessment, files[-1])
    before = dt.datetime.now(TIME_ZONE).date()
    code, page = run("report", FRAMEWORK, *map(str, files), "-o", "-")
    after = dt.datetime.now(TIME_ZONE).date()
    assert code == 0
    ranking = score_round(framework, round_.assessments[:3])
    expected = {
        build_report(framework, ranking, assessments=round_.assessments[:3], generated_on=day)
        for day in (before, after)
    }
    assert page in expected
    assert "tasks-title" not in page
    assert "survey-title" not in page
    assert "movement-title" not in page
    name = round_.assessments[0].unit_name_vi
    assert name is not None
    assert name in page


def test_title_focus_and_chart_units() -> None:
    framework = datasets.framework(FRAMEWORK)
    ranking = score_round(framework, datasets.assessment_round(NOW))
    last = ranking.rows[-1].unit
    options = ("--title", "Báo cáo <thử>", "--focus", last, "--chart-units", "4")
    code, page = run("report", FRAMEWORK, NOW, "--date", "2025-03-01", *options, "-o", "-")
    assert code == 0
    assert page == build_report(
        framework, ranking, assessments=datasets.assessment_round(NOW), generated_on=DAY,
        title="Báo cáo <thử>", focus=last, chart_units=4,
    )  # fmt: skip
    assert "Báo cáo &lt;thử&gt;" in page


def test_plan_findings_exit_1_after_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the province and nation, the plan's targets dangle: said, and the page written."""
    target = tmp_path / "report.html"
    argv = [FRAMEWORK, NOW, "--plan", PLAN, "--as-of", AS_OF, "--programme", "huong-son"]
    code, _ = run("--lang", "en", "report", *argv, "-o", str(target))
    assert code == 1
    assert "reference.dangling" in capsys.readouterr().err
    assert "tasks-title" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--plan", PLAN], "--plan: needs --as-of DATE"),
        (["--as-of", AS_OF], "--as-of, --programme: need --plan"),
        (["--programme", "huong-son"], "--as-of, --programme: need --plan"),
        (["--survey-criterion", "8.1"], "--survey-criterion: needs --survey"),
        (
            ["--survey", *SURVEY, "--survey-criterion", "8"],
            "--survey-criterion: framework illustrative-district has no leaf criterion 8",
        ),
        (["--focus", "nowhere"], "--focus: no unit nowhere in the round"),
        (["--plan", "nope.json", "--as-of", AS_OF], "nope.json: no such file, nor a built-in plan"),
        (["--previous", "nope.yaml"], "nope.yaml: no such file, nor a built-in assessment"),
        (["--survey", "sipas-2640", NOW], f"{NOW}: a built-in assessment round, not a survey"),
    ],
)
def test_misuse_is_one_line_exit_2(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    code, text = run("--lang", "en", "report", FRAMEWORK, NOW, *argv, "-o", str(target))
    assert (code, text) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert "Traceback" not in err
    assert not target.exists()  # nothing half-written


@pytest.mark.parametrize("value", ["1", "x"])
def test_chart_units_below_2_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", FRAMEWORK, NOW, "--chart-units", value, "-o", "-"])
    assert exited.value.code == 2
    assert "--chart-units" in capsys.readouterr().err


def test_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", FRAMEWORK, NOW])
    assert "-o/--output" in capsys.readouterr().err


def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "report.html"
    code, _ = run("--lang", "en", "report", FRAMEWORK, NOW, "-o", str(target))
    assert code == 2
    err = capsys.readouterr().err
    assert err == f"{target}: cannot write the file: No such file or directory\n"


def test_a_unit_without_survey_result_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    responses = datasets.survey_round(SURVEY[1])
    kept = tuple(r for r in responses.responses if r.unit != "son-tra")
    short = tmp_path / "short.json"
    dump(responses.model_copy(update={"responses": kept}), short)
    argv = ["--survey", SURVEY[0], str(short), "--survey-criterion", "8.1"]
    code, _ = run("--lang", "en", "report", FRAMEWORK, NOW, *argv, "-o", "-")
    assert code == 1
    assert capsys.readouterr().err == f"{short}: no survey result for unit(s) son-tra\n"


def test_an_unscorable_assessment_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assessment = datasets.assessment_round(NOW).assessments[0]
    data = json.loads(assessment.model_dump_json())
    del data["inputs"]["1.2"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    code, _ = run("--lang", "en", "report", FRAMEWORK, str(broken), "-o", "-")
    assert code == 1
    assert capsys.readouterr().err.startswith(f"{broken}: unit {assessment.unit}, criterion 1.2")


@pytest.mark.parametrize("package", ["jinja2", "matplotlib"])
def test_missing_extra_is_one_line_exit_2(
    package: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, package, None)
    code, _ = run("--lang", "en", "report", FRAMEWORK, NOW, "-o", "-")
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert package in err
    assert 'pip install "cchc[report]"' in err


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment_rounds(max_units=6))
def test_any_valid_round_from_files(generated: tuple[Framework, AssessmentRound]) -> None:
    framework, round_ = generated
    with tempfile.TemporaryDirectory() as folder:
        framework_file, round_file = Path(folder, "framework.json"), Path(folder, "round.json")
        dump(framework, framework_file)
        dump(round_, round_file)
        files = (str(framework_file), str(round_file))
        code, page = run("report", *files, "--date", DAY.isoformat(), "-o", "-")
    assert code == 0
    ranking = score_round(framework, round_)
    assert page == build_report(framework, ranking, assessments=round_, generated_on=DAY)


@pytest.mark.parametrize("columns", ["50", "80", "120"])
def test_help_keeps_built_in_names_whole(
    columns: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    words = capsys.readouterr().out.replace(",", " ").replace(")", " ").split()
    for name in (*datasets.FRAMEWORKS, *datasets.ROUNDS):
        assert name in words


def test_a_unit_in_two_files_names_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assessment = datasets.assessment_round(NOW).assessments[0]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    dump(assessment, first)
    dump(assessment, second)
    code, _ = run("--lang", "en", "report", FRAMEWORK, str(first), str(second), "-o", "-")
    assert code == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"{first} and {second}: unit {assessment.unit}: assessed more than once in the round\n"
    )


def test_an_empty_round_is_one_line_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.json"
    dump(datasets.assessment_round(NOW).model_copy(update={"assessments": ()}), empty)
    code, text = run("--lang", "en", "report", FRAMEWORK, str(empty), "-o", "-")
    assert (code, text) == (1, "")
    assert capsys.readouterr().err == f"{empty}: no assessment to report on\n"


def test_what_the_batch_path_cannot_take_is_scored_card_by_card(tmp_path: Path) -> None:
    """Ten decimal places that count: cchc score takes them, so cchc report does too."""
    framework = datasets.framework(FRAMEWORK)
    round_ = datasets.assessment_round(NOW)
    first = round_.assessments[0]
    fine = first.model_validate(
        {**first.model_dump(), "inputs": {**first.inputs, "1.2": D("0.87810000001")}}
    )
    changed = round_.model_copy(update={"assessments": (fine, *round_.assessments[1:])})
    path = tmp_path / "fine.json"
    dump(changed, path)
    code, page = run("report", FRAMEWORK, str(path), "--date", DAY.isoformat(), "-o", "-")
    assert code == 0
    ranking = score_round(framework, changed)
    assert page == build_report(framework, ranking, assessments=changed, generated_on=DAY)


def test_previous_must_be_an_earlier_round(capsys: pytest.CaptureFixture[str]) -> None:
    for extra in (["report", "-o", "-"], ["score"]):
        code, _ = run("--lang", "en", *extra, FRAMEWORK, NOW, "--previous", NOW)
        assert code == 2
        assert capsys.readouterr().err == "--previous: the round of 2024 is not before 2024\n"


def test_survey_criterion_must_be_scored_from_a_survey(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--survey", *SURVEY, "--survey-criterion", "1.1", "-o", "-"]
    assert run("--lang", "en", "report", FRAMEWORK, NOW, *argv)[0] == 2
    err = capsys.readouterr().err
    assert err.startswith("--survey-criterion: criterion 1.1 is scored by a ")
    assert err.endswith(" rule, not from a survey (a survey rule)\n")


def test_dollar_signs_in_names_are_text_not_tex(tmp_path: Path) -> None:
    round_ = datasets.assessment_round(NOW)
    named = [
        a.model_copy(update={"unit_name_vi": name})
        for a, name in zip(round_.assessments[:2], ["Xã $\\frac{a$ b", "Xã $x_1$"], strict=True)
    ]
    path = tmp_path / "dollars.json"
    dump(round_.model_copy(update={"assessments": (*named, *round_.assessments[2:])}), path)
    code, page = run("report", FRAMEWORK, str(path), "--date", DAY.isoformat(), "-o", "-")
    assert code == 0
    assert "Xã $x_1$" in page  # in the table and, as written, in the chart's text
    assert page.count("$x_1$") >= 2


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "The chart shows the 4 highest and lowest of 25 units, and {name}; the ranking"),
        ("vi", "Biểu đồ thể hiện 4 đơn vị cao nhất và thấp nhất trong 25 đơn vị, cùng {name};"),
    ],
)
def test_the_chart_note_names_the_focus_unit(lang: str, note: str) -> None:
    ranking = score_round(datasets.framework(FRAMEWORK), datasets.assessment_round(NOW))
    middle = ranking.rows[12].unit
    name = next(a.unit_name_vi for a in datasets.assessment_round(NOW).assessments
                if a.unit == middle)  # fmt: skip
    argv = ["--chart-units", "4", "--focus", middle, "--date", DAY.isoformat(), "-o", "-"]
    code, page = run("--lang", lang, "report", FRAMEWORK, NOW, *argv)
    assert code == 0
    assert note.format(name=name) in page
