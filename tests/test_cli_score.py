"""``cchc score``: a round scored and ranked, in every format, its progress bar and failures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc import AssessmentRound, Framework, datasets, dump
from cchc.cli import main
from cchc.cli._common import CommandFailed
from cchc.cli._progress import Progress
from cchc.cli._score import ranked, scored_round, table_ranked
from cchc.scoring import Ranking, score_round
from cchc.testing.strategies import assessment_rounds

FRAMEWORK = "illustrative-district"
NOW, BEFORE = "huong-son-communes-2024", "huong-son-communes-2023"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def expected(*, previous: bool = False) -> Ranking:
    framework = datasets.framework(FRAMEWORK)
    before = score_round(framework, datasets.assessment_round(BEFORE)) if previous else None
    return score_round(framework, datasets.assessment_round(NOW), previous=before)


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("lang", "head"), [("vi", "Hạng"), ("en", "Rank")])
def test_table(lang: str, head: str) -> None:
    code, text = run("--lang", lang, "score", FRAMEWORK, NOW, "--previous", BEFORE)
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split()[0] == head
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + 25
    ranking = expected(previous=True)
    top = ranking.rows[0]
    assert lines[2].split() == [
        "1", top.unit, f"{top.points}/{top.applicable_max}", str(top.index), top.band or "—",
        f"{top.movement.rank_change:+d}" if top.movement else "",
    ]  # fmt: skip
    # Numbers are aligned to the right: every rank ends in the same column.
    assert len({line.index(line.split()[0]) + len(line.split()[0]) for line in lines[2:]}) == 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_md_is_the_rankings_markdown(lang: str) -> None:
    code, text = run("score", FRAMEWORK, NOW, "--format", "md", "--lang", lang)
    assert code == 0
    assert text == expected().to_markdown("vi" if lang == "vi" else "en") + "\n"


def test_csv_with_movement() -> None:
    code, text = run("score", FRAMEWORK, NOW, "--previous", BEFORE, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    ranking = expected(previous=True)
    assert [r["unit"] for r in rows] == [r.unit for r in ranking.rows]
    first = rows[0]
    assert first["points"] == str(ranking.rows[0].points)
    assert first["movement_rank_change"] == str(ranking.rows[0].movement.rank_change)  # type: ignore[union-attr]


def test_json() -> None:
    code, text = run("score", FRAMEWORK, NOW, "--format", "json")
    assert code == 0
    data = json.loads(text)
    ranking = expected()
    assert data["framework"] == FRAMEWORK
    assert data["year"] == 2024
    assert [r["unit"] for r in data["ranking"]] == [r.unit for r in ranking.rows]
    assert data["ranking"][0]["index"] == str(ranking.rows[0].index)  # exact, as a string
    assert len(data["inflation"]) == len(ranking.inflation)
    assert "cards" not in data


def test_json_explained() -> None:
    unit = expected().rows[-1].unit
    code, text = run("score", FRAMEWORK, NOW, "--format", "json", "--explain", unit)
    assert code == 0
    (card,) = json.loads(text)["cards"]
    assert card["unit"] == unit
    assert card["losses"]
    loss = card["losses"][0]
    assert set(loss) >= {"criterion", "lost", "reason_vi", "reason_en", "input"}
    assert float(loss["lost"]) > 0


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_explain_every_unit(fmt: str) -> None:
    code, text = run("score", FRAMEWORK, NOW, "--format", fmt, "--explain", "--lang", "en")
    assert code == 0
    assert "Points explained" in text
    ranking = expected()
    for card in ranking.cards:
        assert card.explain("en").splitlines()[0] in text
    # In rank order.
    positions = [text.index(f"\n{row.unit} (2024): ") for row in ranking.rows]
    assert positions == sorted(positions)


def test_explain_an_unknown_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("--lang", "en", "score", FRAMEWORK, NOW, "--explain", "atlantis")
    assert (code, text) == (2, "")
    assert capsys.readouterr().err == "--explain: no unit atlantis in the round\n"


@pytest.mark.parametrize(
    ("records", "count", "column"),
    [("ranking", 25, "rank"), ("nodes", None, "counted_from"), ("inflation", None, "difference")],
)
@pytest.mark.parametrize("fmt", ["csv", "json", "table", "md"])
def test_records(records: str, count: int | None, column: str, fmt: str) -> None:
    code, text = run("score", FRAMEWORK, NOW, "--records", records, "--format", fmt)
    assert code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert column in rows[0]
        if count is not None:
            assert len(rows) == count
    elif fmt == "json":
        rows = json.loads(text)
        assert column in rows[0]
    else:
        assert column in text.splitlines()[0]


def test_nodes_cover_every_unit_and_node() -> None:
    _, text = run("score", FRAMEWORK, NOW, "--records", "nodes", "--format", "json")
    rows = json.loads(text)
    ranking = expected()
    assert len(rows) == sum(len(card.nodes) for card in ranking.cards)


def test_assessment_files_one_per_unit_give_the_same_ranking(tmp_path: Path) -> None:
    framework = dump(datasets.framework(FRAMEWORK), tmp_path / "framework.yaml")
    files = [
        str(dump(a, tmp_path / f"{a.unit}.json"))
        for a in datasets.assessment_round(NOW).assessments
    ]
    code, text = run("score", str(framework), *files, "--format", "md")
    assert code == 0
    assert text == expected().to_markdown() + "\n"


def test_a_round_file_and_assessment_files_mix(tmp_path: Path) -> None:
    round_ = datasets.assessment_round(NOW)
    first, *rest = round_.assessments
    part = dump(round_.model_copy(update={"assessments": tuple(rest)}), tmp_path / "rest.json")
    one = dump(first, tmp_path / "one.json")
    assert run("score", FRAMEWORK, str(part), str(one), "--format", "csv") == run(
        "score", FRAMEWORK, NOW, "--format", "csv"
    )


def test_a_unit_twice_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("score", FRAMEWORK, NOW, NOW)
    assert (code, text) == (1, "")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{NOW}: unit ")  # the file that holds it
    assert err[0].endswith(": assessed more than once in the round")


def test_an_empty_round_still_has_a_csv_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = dump(
        datasets.assessment_round(NOW).model_copy(update={"assessments": ()}),
        tmp_path / "empty.json",
    )
    header = "unit,points,applicable_max,index,rank,band\n"
    assert run("score", FRAMEWORK, str(empty), "--format", "csv") == (0, header)
    assert run("score", FRAMEWORK, str(empty), "--records", "ranking", "--format", "csv") == (
        0,
        header,
    )


def test_rounds_of_two_years_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    later = datasets.assessment_round(BEFORE).assessments[0]
    path = dump(later.model_copy(update={"unit": "elsewhere"}), tmp_path / "later.json")
    assert run("score", FRAMEWORK, NOW, str(path))[0] == 1
    assert "mixes years" in capsys.readouterr().err


def test_an_assessment_that_cannot_be_scored_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assessment = datasets.assessment_round(NOW).assessments[3]
    inputs = dict(assessment.inputs)
    del inputs["1.2"]
    path = dump(assessment.model_copy(update={"inputs": inputs}), tmp_path / "short.json")
    code, text = run("score", FRAMEWORK, str(path))
    assert (code, text) == (1, "")
    err = capsys.readouterr().err.splitlines()
    assert err == [f"{path}: unit {assessment.unit}, criterion 1.2: no input: give a value,"
                   " or null if it does not apply"]  # fmt: skip


def test_another_framework_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("score", "par-index-province-876", NOW)
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{NOW}: unit ")
    assert "not par-index-province-876" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([FRAMEWORK, "huong-son-plan-2022"], "huong-son-plan-2022: a built-in plan, not a"),
        (["huong-son-plan-2022", NOW], "huong-son-plan-2022: a built-in plan, not a framework"),
        (["nowhere", NOW], "nowhere: no such file, nor a built-in framework of that name"),
        ([FRAMEWORK, NOW, "--previous", "gone.json"], "gone.json: no such file"),
    ],
)
def test_unreadable_or_wrong_documents_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run("--lang", "en", "score", *argv)
    assert (code, text) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert len(err.splitlines()) == 1


def test_a_plan_file_where_assessments_should_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = dump(datasets.huong_son_plan_2022(), tmp_path / "plan.json")
    assert run("score", FRAMEWORK, str(path))[0] == 2
    assert (
        capsys.readouterr().err
        == f"{path}: là kế hoạch, không phải phiếu đánh giá hoặc đợt đánh giá\n"
    )


def test_an_invalid_assessment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"type": "assessment", "unit": "x"}', encoding="utf-8")
    assert run("--lang", "en", "score", FRAMEWORK, str(path))[0] == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{path}: ")
    assert lines[0].endswith("validation error(s)")
    assert all(line.startswith("  - assessment.") for line in lines[1:])


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(Progress, "DELAY", 0.0)
    assert run("score", FRAMEWORK, NOW)[0] == 0
    assert capsys.readouterr().err == ""


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(Progress, "DELAY", 0.0)
    monkeypatch.setattr(Progress, "INTERVAL", 0.0)
    code, text = run("--lang", "en", "score", FRAMEWORK, NOW, "--format", "csv")
    assert code == 0
    assert "█" not in text  # the output itself is untouched
    drawn = terminal.getvalue()
    assert "Scoring " in drawn
    assert "25/25" in drawn
    assert "Reading " in drawn
    # Each bar is wiped at the end: the last thing written returns to the line's start.
    assert drawn.endswith("\r")
    assert drawn.rstrip("\r").rsplit("\r", 1)[-1].strip() == ""


@settings(max_examples=60, deadline=None)
@given(assessment_rounds(), st.data())
def test_the_batch_path_ranks_as_the_card_path(
    drawn: tuple[Framework, AssessmentRound], data: st.DataObject
) -> None:
    """cchc score ranks on the batch path; rows, movement and inflation are the card path's."""
    framework, round_ = drawn
    items = [("r.json", a) for a in round_.assessments]
    # the previous round: the same units a year before, some missing
    kept = data.draw(st.lists(st.sampled_from(round_.assessments), unique_by=lambda a: a.unit))
    before = [("p.json", a.model_copy(update={"year": 2023})) for a in kept]
    try:
        slow = ranked(framework, items, "en", ranked(framework, before, "en"))
    except CommandFailed as refused:
        with pytest.raises(CommandFailed) as failed:
            scored_round(framework, items, "en", table_ranked(framework, before, "en"))
        assert failed.value.message == refused.message
        return
    fast = scored_round(framework, items, "en", table_ranked(framework, before, "en"))
    assert (fast.framework, fast.year, fast.rows) == (slow.framework, slow.year, slow.rows)
    assert fast.inflation == slow.inflation


def test_cards_are_scored_only_for_the_units_explained_or_appraised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cchc.cli import _score

    framework = datasets.framework(FRAMEWORK)
    plain = [
        a.model_copy(update={"appraisals": {}}) for a in datasets.assessment_round(NOW).assessments
    ]
    scored: list[str] = []
    cards = _score._cards

    def counting(framework: Framework, items: Any, lang: Any) -> Any:
        scored.extend(a.unit for _, a in items)
        return cards(framework, items, lang)

    monkeypatch.setattr(_score, "_cards", counting)
    items = [("r.json", a) for a in plain]
    ranking = _score.scored_round(framework, items, "en")
    assert scored == []
    assert ranking.rows == score_round(framework, plain).rows
    unit = ranking.rows[-1].unit
    explained = _score._explained(framework, ranking, items, [unit], "en")
    assert scored == [unit]
    (card,) = (c for c in score_round(framework, plain).cards if c.unit == unit)
    assert explained[0].explain("en") == card.explain("en")
