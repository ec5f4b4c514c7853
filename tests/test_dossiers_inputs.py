"""What a dossier file may hold besides the rules: extra columns, odd cells, odd years, and the
rejected-rows file written whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from _dossiers_helpers import CAL, PROCEDURES, UNITS, YEAR, catalogue, table

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
import ibis  # type: ignore[import-untyped,unused-ignore]
import pyarrow as pa
import pyarrow.parquet as pq

from cchc.calendar import VietnamCalendar
from cchc.dossiers import DossierError, assess_dossiers
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


# --------------------------------------------------------------------------- extra columns

# Names the checks join or add (or did): a file column of that name must change nothing.
COLLIDING: dict[str, Any] = {
    "legal_days": 99, "fee_bearing": True, "due_ord": 0, "due_key": -5, "rec_next": 0,
    "month": 13, "d_id": 2, "u_province": None, "cat_note": "x", "flag_x": True,
    "flag_bad_channel": True, "reason": "mine", "province": "P9",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(COLLIDING))
def test_an_extra_column_changes_nothing_and_goes_to_the_rejected_rows(
    name: str, tmp_path: Path
) -> None:
    fee = {"procedure": "T2", "fee_total": 20_000, "paid_online": True}  # T2 bears no fee
    rows = [row(1, **fee), row(2, channel=2), row(3, unit="X9")]
    plain = assess_dossiers(table(rows), CATALOGUE, year=YEAR, calendar=CAL)
    path = tmp_path / "dossiers.parquet"
    pq.write_table(pa.Table.from_pylist([r | {name: COLLIDING[name]} for r in rows]), path)
    out = tmp_path / "rejected.jsonl"
    got = assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL, rejected_file=out)
    assert got.index().records() == plain.index().records()
    assert got.index().row("X1").max_points == 36  # no fee due: the file's fee_bearing unused
    assert (got.validation.rejected, got.validation.problems) == (1, {"unknown-unit": 1})
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    carried = "file_reason" if name == "reason" else name
    assert [(r["dossier_id"], r["reason"], r[carried]) for r in written] == [
        (3, "unknown-unit", COLLIDING[name])
    ]
    assert got.validation.first_rows[0][carried] == COLLIDING[name]


def test_a_file_column_with_the_reserved_prefix_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "dossiers.parquet"
    pq.write_table(pa.Table.from_pylist([row(1) | {"__cchc_bad_unit": True}]), path)
    with pytest.raises(DossierError, match=r"column\(s\) __cchc_bad_unit use the prefix"):
        assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL)


# --------------------------------------------------------------------------- odd cells


def _lines(rows: list[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows), "utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"paid_online": 2}, "bad-value:paid_online"),  # the portal's "no": never a silent yes
        ({"digitised": "yes"}, "bad-value:digitised"),
        ({"fee_total": 0.4}, "bad-value:fee_total"),
        ({"channel": "online"}, "bad-value:channel"),
        ({"supplement_days": 40000}, "bad-value:supplement_days"),
        ({"due_on": "10/03/2025"}, "bad-value:due_on"),
        ({"dossier_id": "HS-001"}, "bad-value:dossier_id"),
    ],
)
def test_a_json_value_that_is_not_of_its_type_rejects_its_row(
    changes: dict[str, Any], reason: str, tmp_path: Path
) -> None:
    path = _lines([row(1, paid_online=1, digitised=0), row(2, **changes)], tmp_path / "d.jsonl")
    v = assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL).validation
    assert (v.rows, v.accepted, v.problems) == (2, 1, {"bad-value": 1})
    assert v.first_rows[0]["reason"] == reason


def test_whole_floats_and_booleans_as_0_1_are_read(tmp_path: Path) -> None:
    path = _lines([row(1, fee_total=10000.0, paid_online=1, e_result="TRUE")], tmp_path / "d.jsonl")
    assert assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL).validation.ok


@pytest.mark.parametrize("name", ["empty.csv", "empty.jsonl"])
def test_an_empty_file_is_said_to_be_empty(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(LoadError, match="the file is empty"):
        assess_dossiers(path, CATALOGUE, year=YEAR, calendar=CAL)


# --------------------------------------------------------------------------- years and days


def test_day_zero_is_the_first_working_day_on_or_after_receipt() -> None:
    doc = catalogue(UNITS, {"T0": (0, False)})
    sunday, monday = dt.date(2025, 3, 9), dt.date(2025, 3, 10)
    rows = [
        row(1, procedure="T0", received_on=sunday, due_on=monday, finished_on=monday),
        row(2, procedure="T0", received_on=monday, due_on=monday, finished_on=monday),
        row(3, procedure="T0", received_on=sunday, due_on=dt.date(2025, 3, 7), finished_on=None),
        row(4, procedure="T0", received_on=monday, due_on=dt.date(2025, 3, 11), finished_on=None),
    ]
    v = assess_dossiers(table(rows), doc, year=YEAR, calendar=CAL).validation
    assert (v.accepted, v.problems) == (2, {"due-inconsistent": 2})
    assert [r["dossier_id"] for r in v.first_rows] == [3, 4]


def test_another_year_rejects_for_receipt_only() -> None:
    v = assess_dossiers(table([row(1)]), CATALOGUE, year=2026).validation
    assert v.problems == {"received-outside-period": 1}


def test_long_procedures_are_covered_by_the_calendar() -> None:
    doc = catalogue(UNITS, {"TL": (1000, False)})
    received = dt.date(2025, 12, 31)
    due = VietnamCalendar().add_working_days(received, 1000)
    assert due.year == 2030  # four years on: past the judged year and the two after
    rows = [row(1, procedure="TL", received_on=received, due_on=due, finished_on=None)]
    assert assess_dossiers(table(rows), doc, year=YEAR).validation.ok


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_outside_the_calendar_is_refused(year: int) -> None:
    with pytest.raises(DossierError, match=f"year {year} is outside .* 2000-2100"):
        assess_dossiers(table([row(1)]), CATALOGUE, year=year)


def test_the_calendars_last_year_can_be_judged() -> None:
    received = dt.date(2100, 3, 1)
    due = VietnamCalendar().add_working_days(received, 5)
    rows = [row(1, received_on=received, due_on=due, finished_on=received)]
    assert assess_dossiers(table(rows), CATALOGUE, year=2100).validation.ok


# --------------------------------------------------------------------------- the rejected file


def test_a_missing_folder_or_bad_suffix_is_refused_before_reading(tmp_path: Path) -> None:
    broken = tmp_path / "broken.parquet"  # would fail to read: the file check comes first
    broken.write_bytes(b"not parquet")
    target = tmp_path / "none" / "rejected.csv"
    with pytest.raises(DossierError, match=f"^{target}: cannot write .*: no folder"):
        assess_dossiers(broken, CATALOGUE, year=YEAR, calendar=CAL, rejected_file=target)
    with pytest.raises(DossierError, match=r"\.parquet, \.csv or \.jsonl"):
        assess_dossiers(broken, CATALOGUE, year=YEAR, calendar=CAL,
                        rejected_file=tmp_path / "out.xlsx")  # fmt: skip


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc.dossiers import _validate

    out = tmp_path / "rejected.csv"
    out.write_text("old\n", encoding="utf-8")

    def failing(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_validate, "_write_batches", failing)
    with pytest.raises(DossierError, match=f"^{out}: cannot write the rejected rows: No space"):
        assess_dossiers(table([row(1), row(2, unit="X9")]), CATALOGUE, year=YEAR, calendar=CAL,
                        rejected_file=out)  # fmt: skip
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rejected.csv"]


def test_permissions_and_links_are_kept(tmp_path: Path) -> None:
    rows = [row(1), row(2, unit="X9")]
    fresh = tmp_path / "fresh.csv"
    assess_dossiers(table(rows), CATALOGUE, year=YEAR, calendar=CAL, rejected_file=fresh)
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.csv"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(kept)
    assess_dossiers(table(rows), CATALOGUE, year=YEAR, calendar=CAL, rejected_file=link)
    assert link.is_symlink()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert "unknown-unit" in kept.read_text(encoding="utf-8")


def test_an_empty_rejected_file_has_the_columns_and_costs_no_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc.dossiers import _validate

    def no_query(*args: Any) -> None:
        raise AssertionError("the rejected rows were queried")

    monkeypatch.setattr(_validate, "_batches", no_query)
    monkeypatch.setattr(_validate, "problem_counts", no_query)
    out = tmp_path / "rejected.parquet"
    data = ibis.memtable(pa.Table.from_pylist([row(1) | {"note": "a"}]))
    assess_dossiers(data, CATALOGUE, year=YEAR, calendar=CAL, rejected_file=out)
    written = pq.read_table(out)
    assert written.num_rows == 0
    assert written.column_names[-2:] == ["note", "reason"]
