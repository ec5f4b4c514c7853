"""``cchc monitor``: a plan's status as of a day, in every format, and its failures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cchc import datasets, dump
from cchc.cli import main
from cchc.cli._common import as_of_day
from cchc.monitoring import Monitoring, monitor

AS_OF = "2022-10-14"
CASCADE = ("huong-son", "ha-tinh", "national")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def expected() -> Monitoring:
    return monitor(
        datasets.huong_son_plan_2022(),
        as_of=dt.date(2022, 10, 14),
        programme=datasets.cascade(datasets.huong_son_programme()),
    )


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return dump(datasets.huong_son_plan_2022(), tmp_path / "plan.json")


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("vi", "Kế hoạch huong-son-2022 — tính đến ngày"), ("en", "Plan huong-son-2022 — as of")],
)
def test_table_is_the_report_aligned(lang: str, heading: str) -> None:
    code, text = run("monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--lang", lang)
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == f"{heading} {AS_OF}"
    assert set(lines[1]) == {"="}
    assert "|" not in text
    overdue = next(line for line in lines if line.startswith("KH-05 "))
    assert "hs-tu-phap" in overdue
    assert overdue.split()[-2:] == ["14", "80"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_md_is_the_libraries_markdown(plan_file: Path, lang: str) -> None:
    code, text = run(
        "--lang", lang, "monitor", str(plan_file), "--as-of", AS_OF, "--format", "md",
        "--programme", *CASCADE,
    )  # fmt: skip
    assert code == 0
    assert text == expected().to_markdown("vi" if lang == "vi" else "en") + "\n"


def test_table_and_md_have_the_same_cells() -> None:
    argv = ["monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--programme", *CASCADE]
    _, table = run(*argv)
    _, markdown = run(*argv, "--format", "md")
    cells = [c.strip() for line in markdown.splitlines() for c in line.split("|")[1:-1]]
    for cell in {c for c in cells if c and set(c) != {"-"}}:
        assert cell in table


def test_csv_has_a_row_per_task(plan_file: Path) -> None:
    code, text = run("monitor", str(plan_file), "--as-of", AS_OF, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 30
    kh05 = next(r for r in rows if r["code"] == "KH-05")
    assert kh05["status"] == "overdue"
    assert kh05["due_on"] == "2022-09-30"
    assert kh05["days_late"] == "14"
    assert kh05["completed_on"] == ""


def test_json_holds_everything() -> None:
    code, text = run(
        "monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--format", "json",
        "--programme", *CASCADE,
    )  # fmt: skip
    assert code == 0
    data = json.loads(text)
    assert data["plan"] == "huong-son-2022"
    assert data["as_of"] == AS_OF
    assert data["total"]["total"] == 30
    assert data["total"]["on_time_rate"] == "0.5"  # exact decimals are strings
    assert len(data["tasks"]) == 30
    assert {t["key"] for t in data["agencies"]} >= {"hs-tu-phap", "hs-vp"}
    assert [t["target"] for t in data["targets"]] == [p.target for p in expected().targets]
    assert data["reports"]
    assert data["findings"] == []


@pytest.mark.parametrize(
    ("records", "first_column", "count"),
    [
        ("tasks", "code", 30),
        ("agency", "key", 9),
        ("plan", "key", 1),
        ("targets", "target", 3),
        ("reports", "schedule", None),
    ],
)
def test_records_in_csv(records: str, first_column: str, count: int | None) -> None:
    code, text = run(
        "monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--programme", *CASCADE,
        "--format", "csv", "--records", records,
    )  # fmt: skip
    assert code == 0
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == first_column
    if count is not None:
        assert len(rows) == count + 1


@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_records_in_other_formats(fmt: str) -> None:
    code, text = run(
        "monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--format", fmt, "--records", "area"
    )
    assert code == 0
    keys = [r["key"] for r in expected().rollup_records("area")]
    if fmt == "json":
        assert [r["key"] for r in json.loads(text)] == keys
    else:
        for key in keys:
            assert key in text
        assert ("|" in text) == (fmt == "md")


def test_without_a_programme_there_are_no_targets() -> None:
    _, with_cascade = run("monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--format", "json",
                          "--programme", *CASCADE)  # fmt: skip
    _, alone = run("monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--format", "json")
    assert json.loads(with_cascade)["targets"]
    assert json.loads(alone)["targets"] == []


@pytest.mark.parametrize("fmt", ["md", "table", "csv"])
def test_no_records_is_an_empty_output_not_a_broken_table(fmt: str) -> None:
    argv = ["--as-of", AS_OF, "--records", "targets", "--format", fmt]
    assert run("monitor", "huong-son-plan-2022", *argv) == (0, "\n")


def test_a_day_past_the_calendar_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """Data the engine cannot monitor as it stands: 1, like a day before the plan."""
    assert run("--lang", "en", "monitor", "huong-son-plan-2022", "--as-of", "2100-12-25") == (1, "")
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "2101" in err or "2100" in err


def test_due_soon_days_change_the_statuses() -> None:
    def due_soon(*extra: str) -> int:
        text = run("monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--format", "json", *extra)
        return int(json.loads(text[1])["total"]["due_soon"])

    assert due_soon("--due-soon-days", "0") <= due_soon() <= due_soon("--due-soon-days", "60")
    assert due_soon("--due-soon-days", "0") < due_soon("--due-soon-days", "60")


def test_findings_of_error_exit_1_but_the_report_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = datasets.huong_son_plan_2022()
    first = plan.tasks[0].model_copy(update={"lead": "nobody"})
    broken = plan.model_copy(update={"tasks": (first, *plan.tasks[1:])})
    path = dump(broken, tmp_path / "broken.json")
    code, text = run("monitor", str(path), "--as-of", AS_OF, "--lang", "en")
    assert code == 1
    assert text.startswith("Plan huong-son-2022")
    err = capsys.readouterr().err
    assert err.startswith("Check: ")
    assert f"  - {path}: error: " in err
    assert "[reference.dangling]" in err
    assert "Traceback" not in err


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = datasets.huong_son_plan_2022()
    late = plan.model_copy(update={"issuing_deadline": plan.issued_on - dt.timedelta(days=1)})
    path = dump(late, tmp_path / "late.yaml")
    code, text = run("monitor", str(path), "--as-of", AS_OF, "--format", "csv")
    assert code == 0
    assert text.startswith("code,")
    assert "[plan.issued-late]" in capsys.readouterr().err


def test_a_day_before_the_plan_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("monitor", "huong-son-plan-2022", "--as-of", "2021-01-01")
    assert (code, text) == (1, "")
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("plan huong-son-2022 as of 2021-01-01: ")


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["--as-of", "2022-13-01"], "not a date"),
        (["--as-of", "14/10/2022"], "not a date"),
        (["--as-of", AS_OF, "--due-soon-days", "-1"], "not a whole number, 0 or more"),
        (["--as-of", AS_OF, "--stale-days", "0"], "not a whole number, 1 or more"),
        (["--as-of", AS_OF, "--stale-days", "many"], "not a whole number, 1 or more"),
        (["--as-of", AS_OF, "--records", "people"], "invalid choice"),
    ],
)
def test_bad_usage_exits_2(
    argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["monitor", "huong-son-plan-2022", *argv], out=io.StringIO())
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert complaint in err
    assert "Traceback" not in err


def test_as_of_today_is_read_in_vietnam() -> None:
    before = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    day = as_of_day("today")
    assert before <= day <= before + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.json", "no such file, nor a built-in plan of that name"),
        (lambda p: p, "not a regular file (a directory)"),
    ],
    ids=["missing", "directory"],
)
def test_unreadable_plan_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    code, text = run("--lang", "en", "monitor", str(path), "--as-of", AS_OF)
    assert (code, text) == (2, "")
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{path}: ")
    assert message in err[0]


def test_a_missing_file_lists_the_built_in_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--lang", "en", "monitor", "nope.json", "--as-of", AS_OF)[0] == 2
    assert capsys.readouterr().err.rstrip().endswith("built-in names: huong-son-plan-2022")


def test_a_programme_where_a_plan_should_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = dump(datasets.huong_son_programme(), tmp_path / "hs.json")
    assert run("--lang", "en", "monitor", str(path), "--as-of", AS_OF)[0] == 2
    assert capsys.readouterr().err == f"{path}: a programme, not a plan\n"
    assert run("monitor", "huong-son-plan-2022", "--as-of", AS_OF, "--programme", "x")[0] == 2
    assert "chương trình" in capsys.readouterr().err


def test_an_invalid_plan_lists_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"type": "plan", "code": "p"}', encoding="utf-8")
    assert run("--lang", "en", "monitor", str(path), "--as-of", AS_OF)[0] == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{path}: ")
    assert lines[0].endswith("validation error(s)")
    assert any(line.startswith("  - plan.year: ") for line in lines[1:])


def test_broken_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{", encoding="utf-8")
    assert run("monitor", str(path), "--as-of", AS_OF)[0] == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: not valid JSON")
    assert len(err.splitlines()) == 1
