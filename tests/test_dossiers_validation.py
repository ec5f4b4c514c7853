"""Reading files and checking rows: every rejection reason, counted, shown and written."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from _dossiers_helpers import CAL, PROCEDURES, UNITS, YEAR, catalogue, table, text_table, write_rows

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
import pyarrow as pa
import pyarrow.parquet as pq

from cchc.dossiers import PROBLEMS, DossierError, assess_dossiers, read_dossiers
from cchc.errors import LoadError

CATALOGUE = catalogue(UNITS, PROCEDURES)
RECEIVED = dt.date(2025, 3, 3)


def row(i: int, **changes: Any) -> dict[str, Any]:
    base = {
        "dossier_id": i, "unit": "X1", "procedure": "T2", "channel": 1, "received_on": RECEIVED,
        "due_on": CAL.add_working_days(RECEIVED, 5), "finished_on": dt.date(2025, 3, 5),
        "supplement_days": 0, "supplement_requests": 0, "paid_online": False, "fee_total": 0,
        "digitised": False, "e_result": False,
    }  # fmt: skip
    return base | changes


BROKEN: dict[str, dict[str, Any]] = {
    "missing-value": {"digitised": None},
    "bad-value": {"paid_online": "2"},  # the portal's 1/2 code: not a boolean here
    "duplicate-id": {"dossier_id": 1},
    "unknown-unit": {"unit": "X9"},
    "unknown-procedure": {"procedure": "T9"},
    "bad-channel": {"channel": 4},
    "negative-count": {"supplement_days": -1},
    "received-outside-period": {
        "received_on": dt.date(2024, 12, 30), "due_on": CAL.add_working_days(
            dt.date(2024, 12, 30), 5), "finished_on": dt.date(2025, 1, 2)},
    "finished-before-received": {"finished_on": dt.date(2025, 3, 1)},
    "finished-after-period": {"finished_on": dt.date(2026, 1, 5)},
    "due-not-working-day": {"due_on": dt.date(2025, 3, 8)},  # a Saturday
    "due-outside-calendar": {"due_on": dt.date(2031, 3, 3)},  # CAL ends in 2028
    "due-inconsistent": {"due_on": CAL.add_working_days(RECEIVED, 6)},
}  # fmt: skip


def assessed(rows: list[dict[str, Any]], **kwargs: Any) -> Any:
    return assess_dossiers(table(rows), CATALOGUE, year=YEAR, calendar=CAL, **kwargs)


def assessed_text(rows: list[dict[str, Any]], **kwargs: Any) -> Any:
    """As a CSV gives them: every value text, so any value can be written."""
    return assess_dossiers(text_table(rows), CATALOGUE, year=YEAR, calendar=CAL, **kwargs)


def test_every_problem_has_a_case() -> None:
    assert sorted(BROKEN) == sorted(p.code for p in PROBLEMS)


@pytest.mark.parametrize("problem", sorted(BROKEN))
def test_each_problem_rejects_its_row_and_keeps_the_others(problem: str, tmp_path: Path) -> None:
    rows = [row(1), row(2), row(3 if problem != "duplicate-id" else 1, **BROKEN[problem])]
    out = tmp_path / "rejected.csv"
    result = assessed_text(rows, rejected_file=out)
    v = result.validation
    rejected_rows = 2 if problem == "duplicate-id" else 1  # every copy of a duplicated id
    reason = "bad-value:paid_online" if problem == "bad-value" else problem
    assert (v.rows, v.rejected, v.accepted) == (3, rejected_rows, 3 - rejected_rows)
    assert v.problems == {problem: rejected_rows}
    assert [r["reason"] for r in v.first_rows] == [reason] * rejected_rows
    with out.open(encoding="utf-8") as stream:
        written = list(csv.DictReader(stream))
    assert [r["reason"] for r in written] == [reason] * rejected_rows
    assert int(result.counts.column("received").to_pylist()[0]) == 3 - rejected_rows
    assert v.rejected_file == str(out)


def test_a_row_with_several_problems_lists_them_all_and_counts_once() -> None:
    bad = row(1, unit="X9", channel=7, finished_on=dt.date(2025, 2, 1))
    v = assessed([bad, row(2)]).validation
    assert (v.rejected, v.accepted) == (1, 1)
    assert v.first_rows[0]["reason"] == "unknown-unit, bad-channel, finished-before-received"
    assert v.problems == {"unknown-unit": 1, "bad-channel": 1, "finished-before-received": 1}


def test_summary_names_counts_and_reasons_in_both_languages() -> None:
    v = assessed([row(1), row(2, procedure="T9")]).validation
    assert v.summary("en").splitlines() == [
        "<table>: 2 dossiers read, 1 accepted, 1 rejected",
        "  - unknown-procedure: 1 (the procedure is not in the catalogue)",
    ]
    assert "loại 1" in v.summary("vi")
    assert not v.ok


def test_strict_refuses_rejected_rows() -> None:
    with pytest.raises(DossierError, match="1 rejected"):
        assessed([row(1), row(2, channel=0)], strict=True)
    assert assessed([row(1)], strict=True).validation.ok


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_rejected_file_formats_round_trip(suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"rejected{suffix}"
    assessed([row(1), row(2, unit="X9")], rejected_file=out)
    if suffix == ".parquet":
        written = pq.read_table(out).to_pylist()
    else:
        written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["dossier_id"], r["unit"], r["reason"]) for r in written] == [
        (2, "X9", "unknown-unit")
    ]


def test_an_empty_rejected_file_is_still_written(tmp_path: Path) -> None:
    out = tmp_path / "rejected.csv"
    out.write_text("stale\n", encoding="utf-8")
    v = assessed([row(1)], rejected_file=out).validation
    assert v.ok
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith('"dossier_id"')
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_rejected_file_suffix_is_checked(tmp_path: Path) -> None:
    with pytest.raises(DossierError, match=r"\.parquet, \.csv or \.jsonl"):
        assessed([row(1), row(2, unit="X9")], rejected_file=tmp_path / "out.xlsx")


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_every_format_reads_to_the_same_figures(suffix: str, tmp_path: Path) -> None:
    third = {"unit": "X3", "procedure": "T1", "due_on": CAL.add_working_days(RECEIVED, 1),
             "fee_total": 20000, "paid_online": True}  # fmt: skip
    rows = [row(1), row(2, finished_on=None, channel=2), row(3, **third)]
    path = tmp_path / f"dossiers{suffix}"
    write_rows(rows, path)
    got = assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL)
    want = assessed(rows)
    assert got.validation.accepted == 3
    assert got.index().records() == want.index().records()


def test_a_file_without_the_columns_is_refused_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "dossiers.parquet"
    pq.write_table(pa.table({"dossier_id": [1], "unit": ["X1"]}), path)
    with pytest.raises(DossierError, match=r"dossiers.parquet: missing column\(s\) procedure"):
        read_dossiers(path)


def test_unreadable_and_unknown_files_are_load_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        read_dossiers(tmp_path / "none.parquet")
    with pytest.raises(LoadError, match="cannot tell the format"):
        read_dossiers(tmp_path / "dossiers.xlsx")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(LoadError, match="cannot read it as parquet"):
        read_dossiers(broken)


def test_a_column_of_the_wrong_kind_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "dossiers.parquet"
    rows = [row(1)]
    data = pa.Table.from_pylist(rows).set_column(4, "received_on", pa.array([20250303]))
    pq.write_table(data, path)
    with pytest.raises(DossierError, match=r"dossiers\.parquet: column received_on is int64"):
        assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL)


def test_a_cell_of_the_wrong_kind_rejects_its_row_naming_the_column(tmp_path: Path) -> None:
    path = tmp_path / "dossiers.csv"
    write_rows([row(1), row(2, received_on="yesterday"), row(3, fee_total="0.4")], path)
    v = assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL).validation
    assert (v.accepted, v.rejected, v.problems) == (1, 2, {"bad-value": 2})
    assert [r["reason"] for r in v.first_rows] == ["bad-value:received_on", "bad-value:fee_total"]


def test_csv_codes_keep_their_leading_zeros(tmp_path: Path) -> None:
    doc = catalogue({"001": "P01"}, {"0042": (5, False)})
    path = tmp_path / "dossiers.csv"
    write_rows([row(1, unit="001", procedure="0042")], path)
    result = assess_dossiers(path, doc, year=YEAR, calendar=CAL)
    assert result.validation.ok
    assert result.index().rows[0].key == "001"


@pytest.mark.parametrize(
    "changes",
    [
        {"due_on": dt.date(2031, 3, 3)},  # past the calendar: the scan's inner join drops it
        {"received_on": None},  # a null join key
        {"procedure": "T9", "supplement_days": -1},  # two problems, one of them a lost join
    ],
)
def test_rows_the_fast_scan_leaves_out_are_rejected_not_lost(changes: dict[str, Any]) -> None:
    rows = [row(1), row(2, finished_on=None), row(3, **changes)]
    got = assessed(rows)
    v = got.validation
    assert (v.rows, v.accepted, v.rejected) == (3, 2, 1)
    assert got.index().records() == assessed(rows[:2]).index().records()


def test_repeated_runs_on_one_connection_agree_and_leave_nothing_behind(tmp_path: Path) -> None:
    from cchc.dossiers._read import connect

    con = connect()
    path = tmp_path / "dossiers.parquet"
    rows = [row(1), row(2, unit="X2", channel=2), row(3, unit="X9")]
    write_rows(rows, path)
    first = assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL, con=con)
    second = assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL, con=con)
    assert first.validation == second.validation
    assert first.indexes(("unit", "year"), ("province", "month"))[1].records() == (
        second.indexes(("unit", "year"), ("province", "month"))[1].records()
    )
    left = con.raw_sql(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'cchc%'"
        " UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'cchc%'"
    ).fetchall()
    assert left == []


@pytest.mark.parametrize(
    ("ids", "rejected"),
    [
        ([101, 102, 103, 104], 0),  # numbered in file order: proved distinct by the numbering
        ([4, 2, 3, 1], 0),  # distinct, not in order: the bitmap proves it
        ([1, 2, 2, 4], 2),  # dense, in order, but not numbered: every copy rejected
        ([1, 2, 3, 1], 2),
    ],
)
def test_duplicate_ids_in_a_parquet_file(ids: list[int], rejected: int, tmp_path: Path) -> None:
    path = tmp_path / "dossiers.parquet"
    write_rows([row(i) for i in ids], path)
    v = assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL).validation
    assert (v.rows, v.rejected) == (4, rejected)
    assert v.problems == ({"duplicate-id": rejected} if rejected else {})
