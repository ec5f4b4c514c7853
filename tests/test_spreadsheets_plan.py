"""A plan's tasks as a spreadsheet: template, progress updates read back, refusals, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from cchc import datasets  # noqa: E402
from cchc.cli import main  # noqa: E402
from cchc.documents import Plan, ProgressUpdate  # noqa: E402
from cchc.documents.plan import UpdateStatus  # noqa: E402
from cchc.errors import LoadError  # noqa: E402
from cchc.monitoring import monitor  # noqa: E402
from cchc.spreadsheets import PLAN_SHEET, read_plan_updates, write_plan_template  # noqa: E402

AS_OF = dt.date(2022, 12, 20)
COLUMNS = ["task", "title", "lead", "due_on", "date", "percent", "status", "note", "evidence"]
# task -> the cells to fill: date, percent, status, note, evidence
FILLED = {
    "KH-05": (dt.date(2022, 11, 2), 100, "Đã hoàn thành", "Xong", "QĐ 12/QĐ-UBND; BC 3"),
    "KH-20": (dt.date(2022, 11, 3), 75, "", "", ""),
    "KH-03": (dt.date(2022, 11, 4), 40, "blocked", "Chờ ý kiến", ""),
}
EXPECTED = [
    ProgressUpdate(task="KH-03", date=dt.date(2022, 11, 4), percent=Decimal(40),
                   status=UpdateStatus.BLOCKED, note="Chờ ý kiến"),
    ProgressUpdate(task="KH-05", date=dt.date(2022, 11, 2), percent=Decimal(100),
                   status=UpdateStatus.DONE, note="Xong", evidence=("QĐ 12/QĐ-UBND", "BC 3")),
    ProgressUpdate(task="KH-20", date=dt.date(2022, 11, 3), percent=Decimal(75)),
]  # fmt: skip


@pytest.fixture
def plan() -> Plan:
    return datasets.huong_son_plan_2022()


def fill_xlsx(path: Path, cells: dict[str, object] | None = None) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[PLAN_SHEET]
    rows = {sheet.cell(row, 1).value: row for row in range(3, sheet.max_row + 1)}
    for task, values in FILLED.items():
        for column, value in enumerate(values, start=5):
            sheet.cell(rows[task], column).value = value or None
    for ref, value in (cells or {}).items():
        sheet[ref].value = value
    book.save(path)


def fill_csv(path: Path, edit: dict[tuple[int, str], str] | None = None) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows[1:]:
        if row[0] in FILLED:
            values = FILLED[row[0]]
            row[4:] = [values[0].isoformat(), *(str(v) for v in values[1:])]
    for (line, key), text in (edit or {}).items():
        rows[line - 1][COLUMNS.index(key)] = text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def statuses(plan: Plan) -> dict[str, str]:
    return {s.task.code: s.status.value for s in monitor(plan, as_of=AS_OF).tasks}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_adds_the_updates_filled(plan: Plan, tmp_path: Path, suffix: str) -> None:
    path = write_plan_template(plan, tmp_path / f"tien-do{suffix}")
    (fill_xlsx if suffix == ".xlsx" else fill_csv)(path)
    updated = read_plan_updates(plan, path)
    count = len(plan.progress_updates)
    assert updated.progress_updates[:count] == plan.progress_updates
    assert sorted(updated.progress_updates[count:], key=lambda u: u.task) == EXPECTED
    by_hand = plan.model_copy(update={"progress_updates": (*plan.progress_updates, *EXPECTED)})
    assert statuses(updated) == statuses(by_hand)
    assert statuses(updated) != statuses(plan)


def test_an_empty_template_adds_nothing(plan: Plan, tmp_path: Path) -> None:
    for suffix in (".xlsx", ".csv"):
        path = write_plan_template(plan, tmp_path / f"empty{suffix}")
        assert read_plan_updates(plan, path) == plan


def test_the_workbook_lists_the_tasks_with_validations(plan: Plan, tmp_path: Path) -> None:
    path = write_plan_template(plan, tmp_path / "t.xlsx", lang="en")
    sheet = openpyxl.load_workbook(path)[PLAN_SHEET]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet["F2"].value == "Percent done (0–100)"
    assert [sheet.cell(row, 1).value for row in range(3, sheet.max_row + 1)] == [
        task.code for task in plan.tasks
    ]
    assert sheet["D3"].value.date() == dt.date(2022, 2, 28)
    kinds = {str(v.sqref).split(":")[0]: v.type for v in sheet.data_validations.dataValidation}
    assert kinds == {"E3": "date", "F3": "decimal", "G3": "list"}
    assert sheet.freeze_panes == "E3"


def test_csv_has_the_same_columns(plan: Plan, tmp_path: Path) -> None:
    path = write_plan_template(plan, tmp_path / "t.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == COLUMNS
    assert rows[1][:1] + rows[1][2:] == ["KH-01", "hs-noi-vu", "2022-02-28", "", "", "", "", ""]
    assert len(rows) == 1 + len(plan.tasks)


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"E3": "mai"}, 'Tiến độ!E3 (task KH-01): "mai" is not a date (dd/mm/yyyy)'),
        ({"F3": 120, "E3": dt.date(2022, 5, 1)},
         "Tiến độ!F3 (task KH-01): 120 is not a percentage from 0 to 100"),
        ({"G3": "Có lẽ"}, 'Tiến độ!G3 (task KH-01): "Có lẽ" is not a status'),
        ({"H3": "ghi chú"}, "Tiến độ!E3 (task KH-01): no date"),
        ({"E3": dt.date(2022, 5, 1)}, "Tiến độ!F3 (task KH-01): no percentage"),
        ({"E3": dt.date(2022, 5, 1), "F3": 80, "G3": "Đã hoàn thành"},
         "Tiến độ!G3 (task KH-01): Value error, status done needs percent 100, not 80"),
        ({"A4": "KH-01"}, "the task rows do not match plan huong-son-2022: missing KH-02;"
         " listed twice: KH-01"),
        ({"A4": "KH-99"}, "missing KH-02; not in the plan: KH-99"),
        ({"I1": "proof"}, "Tiến độ!1:1: not a progress sheet: no 'evidence' column;"
         " unknown columns: proof"),
    ],
)  # fmt: skip
def test_xlsx_refusals_name_the_cell_and_task(
    plan: Plan, tmp_path: Path, cells: dict[str, object], reason: str
) -> None:
    path = write_plan_template(plan, tmp_path / "t.xlsx")
    fill_xlsx(path, cells)
    with pytest.raises(LoadError) as caught:
        read_plan_updates(plan, path)
    assert str(path) in str(caught.value)
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        ({(2, "percent"): "abc", (2, "date"): "01/05/2022"},
         'line 2, column percent (task KH-01): "abc" is not a percentage'),
        ({(3, "status"): "xong"}, 'line 3, column status (task KH-02): "xong" is not a status'),
        ({(2, "task"): "KH-02"}, "listed twice: KH-02"),
    ],
)  # fmt: skip
def test_csv_refusals_name_the_line_and_task(
    plan: Plan, tmp_path: Path, edit: dict[tuple[int, str], str], reason: str
) -> None:
    path = write_plan_template(plan, tmp_path / "t.csv")
    fill_csv(path, edit)
    with pytest.raises(LoadError) as caught:
        read_plan_updates(plan, path)
    assert reason in caught.value.reason


def test_csv_decimal_comma_and_implied_percent(plan: Plan, tmp_path: Path) -> None:
    path = write_plan_template(plan, tmp_path / "t.csv")
    fill_csv(path, {(2, "date"): "01/05/2022", (2, "percent"): "12,5",
                    (3, "date"): "2022-05-02", (3, "status"): "Done"})  # fmt: skip
    added = read_plan_updates(plan, path).progress_updates[len(plan.progress_updates) :]
    assert [(u.task, u.percent, u.state) for u in added][:2] == [
        ("KH-01", Decimal("12.5"), UpdateStatus.IN_PROGRESS),
        ("KH-02", Decimal(100), UpdateStatus.DONE),
    ]


@pytest.mark.parametrize(("typed", "fmt", "read"), [
    (0.8, "0%", Decimal(80)), (0.125, "0.0%", Decimal("12.5")), (1, "0%", Decimal(100)),
    (80, "General", Decimal(80)), (12.5, "0.00", Decimal("12.5")),
])  # fmt: skip
def test_a_percent_formatted_cell_is_read_as_shown(
    plan: Plan, tmp_path: Path, typed: float, fmt: str, read: Decimal
) -> None:
    # Typing "80%" in Excel stores 0.8 in a cell formatted as a percentage.
    path = write_plan_template(plan, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book[PLAN_SHEET]
    sheet["E3"].value = dt.date(2022, 5, 1)
    sheet["F3"].value = typed
    sheet["F3"].number_format = fmt
    book.save(path)
    added = read_plan_updates(plan, path).progress_updates[len(plan.progress_updates) :]
    assert [(u.task, u.percent) for u in added] == [("KH-01", read)]


def test_a_percent_cell_past_100_percent_is_refused_as_shown(plan: Plan, tmp_path: Path) -> None:
    path = write_plan_template(plan, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book[PLAN_SHEET]
    sheet["E3"].value = dt.date(2022, 5, 1)
    sheet["F3"].value = 1.2
    sheet["F3"].number_format = "0%"
    book.save(path)
    with pytest.raises(LoadError, match=r"Tiến độ!F3 \(task KH-01\): 120.0 is not a percentage"):
        read_plan_updates(plan, path)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_cli_template_then_monitor_with_updates(
    plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tien-do.xlsx"
    code, _ = run("template", "huong-son-plan-2022", "-o", str(path), "--lang", "en")
    assert code == 0
    assert f"Wrote {path}: 30 tasks, plan huong-son-2022." in capsys.readouterr().err
    fill_xlsx(path)
    argv = ["monitor", "huong-son-plan-2022", "--as-of", AS_OF.isoformat(), "--format", "csv"]
    code, text = run(*argv, "--updates", str(path))
    assert code == 0
    rows = {row["code"]: row["status"] for row in csv.DictReader(io.StringIO(text))}
    by_hand = plan.model_copy(update={"progress_updates": (*plan.progress_updates, *EXPECTED)})
    assert rows == statuses(by_hand)


def test_cli_monitor_bad_updates_file_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_plan_template(datasets.huong_son_plan_2022(), tmp_path / "t.xlsx")
    fill_xlsx(path, {"G3": "Có lẽ"})
    argv = ["monitor", "huong-son-plan-2022", "--as-of", "2022-12-20"]
    code, text = run(*argv, "--updates", str(path))
    err = capsys.readouterr().err
    assert (code, text) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert "Tiến độ!G3 (task KH-01)" in err
    code, _ = run(*argv, "--updates", str(tmp_path / "none.xlsx"))
    assert code == 2
    assert "--updates" in capsys.readouterr().err


def test_cli_template_of_a_plan_refuses_units_and_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "t.xlsx")
    for extra in (["--units", "a,b"], ["--year", "2023"]):
        code, _ = run("--lang", "en", "template", "huong-son-plan-2022", "-o", out, *extra)
        assert code == 2
        assert capsys.readouterr().err == "--units/--year: a plan has its own tasks and year\n"
