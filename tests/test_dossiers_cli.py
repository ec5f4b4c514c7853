"""``cchc dossiers`` and the procedure catalogue as a document (load, dump, validate)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import cchc
from _dossiers_helpers import CAL, PROCEDURES, UNITS, catalogue
from cchc.cli import _run, main
from cchc.documents import ProcedureCatalogue
from cchc.errors import NotFoundError

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
import pyarrow as pa
import pyarrow.parquet as pq

from cchc.cli import _dossiers


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``cchc ARGV``: through ``cchc.cli.main`` once it lists ``dossiers``, else alone."""
    out = io.StringIO()
    try:
        code = main(argv, out)
    except SystemExit:  # not wired into the command list yet: the module's own parser
        capsys.readouterr()
        parser = argparse.ArgumentParser(prog="cchc")
        parser.add_argument("--lang", choices=("vi", "en"), default="vi")
        common = argparse.ArgumentParser(add_help=False)
        common.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS)
        _dossiers.add_parser(parser.add_subparsers(dest="command", required=True), common)
        code = _run(parser.parse_args(argv), out)
    captured = capsys.readouterr()
    return code, out.getvalue() + captured.out, captured.err


def _row(i: int, **changes: Any) -> dict[str, Any]:
    received = dt.date(2025, 5, 5)
    base = {
        "dossier_id": i, "unit": "X1", "procedure": "T2", "channel": 2, "received_on": received,
        "due_on": CAL.add_working_days(received, 5), "finished_on": dt.date(2025, 5, 7),
        "supplement_days": 0, "supplement_requests": 0, "paid_online": False, "fee_total": 0,
        "digitised": True, "e_result": True,
    }  # fmt: skip
    return base | changes


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    rows = [_row(1), _row(2, unit="X3", channel=1), _row(3, unit="X9")]
    dossiers = tmp_path / "dossiers.parquet"
    pq.write_table(pa.Table.from_pylist(rows), dossiers)
    path = tmp_path / "catalogue.json"
    cchc.dump(catalogue(UNITS, PROCEDURES), path)
    return dossiers, path


def test_table_output_and_rejections_on_stderr(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossiers, cat = files
    rejected = tmp_path / "rejected.csv"
    code, out, err = cli(["--lang", "en", "dossiers", str(dossiers), "--catalogue", str(cat),
                          "--year", "2025", "--rejected", str(rejected)], capsys)  # fmt: skip
    assert code == 1  # results written, but a row was rejected
    assert "Service index (Decision 766/QĐ-TTg): 2025" in out
    lines = [line.split() for line in out.splitlines() if line.startswith(("   1", "   2"))]
    assert [line[1] for line in lines] == ["X1", "X3"]
    assert "3 dossiers read, 2 accepted, 1 rejected" in err
    assert "unknown-unit: 1" in err
    with rejected.open(encoding="utf-8") as stream:
        assert [r["unit"] for r in csv.DictReader(stream)] == ["X9"]


def test_csv_json_and_reference_layout(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossiers, cat = files
    base = ["dossiers", str(dossiers), "--catalogue", str(cat), "--year", "2025"]
    code, out, _ = cli([*base, "--format", "csv", "--level", "province", "--period", "quarter"],
                       capsys)  # fmt: skip
    records = list(csv.DictReader(io.StringIO(out)))
    assert code == 1
    assert [(r["key"], r["period"], r["received"]) for r in records] == [
        ("P1", "2025-Q2", "1"), ("P2", "2025-Q2", "1")]  # fmt: skip
    reference = tmp_path / "expected.json"
    code, out, _ = cli([*base, "--format", "json", "--json", str(reference)], capsys)
    whole = json.loads(out)
    assert whole["validation"]["problems"] == {"unknown-unit": 1}
    assert whole["rows"][0]["on_time_pct"] == "100.00"
    layout = json.loads(reference.read_text(encoding="utf-8"))
    assert sorted(layout) == ["calendar", "criteria", "dossiers", "period", "provinces",
                              "rejected", "unit_months", "units"]  # fmt: skip
    assert layout["units"][0]["points"]["on_time"] == "20.00"
    assert layout["unit_months"][0]["month"] == 5


def test_strict_and_errors_are_one_line(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossiers, cat = files
    base = ["dossiers", str(dossiers), "--catalogue", str(cat), "--year", "2025"]
    code, out, err = cli([*base, "--strict"], capsys)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    code, _, err = cli(["dossiers", str(tmp_path / "none.csv"), "--catalogue", str(cat),
                        "--year", "2025"], capsys)  # fmt: skip
    assert code == 2
    assert err.strip() == f"{tmp_path / 'none.csv'}: no such file"
    code, _, err = cli(["dossiers", str(dossiers), "--catalogue", str(dossiers),
                        "--year", "2025"], capsys)  # fmt: skip
    assert code == 2
    assert "dossiers.parquet" in err
    assert "Traceback" not in err


def test_strict_gives_the_reasons_on_its_one_line(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    dossiers, cat = files
    code, out, err = cli(["--lang", "en", "dossiers", str(dossiers), "--catalogue", str(cat),
                          "--year", "2025", "--strict"], capsys)  # fmt: skip
    assert (code, out, err.count("\n")) == (1, "", 1)
    assert "1 rejected; - unknown-unit: 1 (the unit is not in the catalogue)" in err


def test_an_unwritable_json_file_is_refused_before_any_output(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossiers, cat = files
    target = tmp_path / "missing" / "expected.json"
    code, out, err = cli(["dossiers", str(dossiers), "--catalogue", str(cat), "--year", "2025",
                          "--json", str(target)], capsys)  # fmt: skip
    assert (code, out) == (2, "")
    assert str(target) in err
    assert "no folder" in err


def test_an_unwritable_rejected_file_is_refused_before_the_scan(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossiers, cat = files
    target = tmp_path / "missing" / "rejected.csv"
    code, out, err = cli(["dossiers", str(dossiers), "--catalogue", str(cat), "--year", "2025",
                          "--rejected", str(target)], capsys)  # fmt: skip
    assert (code, out) == (2, "")
    assert err.strip() == f"{target}: cannot write the rejected rows: no folder {target.parent}"


@pytest.mark.parametrize("year", ["1999", "2101", "soon"])
def test_year_outside_the_calendar_is_a_usage_error(
    files: tuple[Path, Path], year: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.calendar import DEFAULT_YEARS

    assert (_dossiers._FIRST_YEAR, _dossiers._LAST_YEAR) == DEFAULT_YEARS
    dossiers, cat = files
    with pytest.raises(SystemExit) as stopped:
        main(["dossiers", str(dossiers), "--catalogue", str(cat), "--year", year], io.StringIO())
    assert stopped.value.code == 2
    assert "2000-2100" in capsys.readouterr().err


def test_vietnamese_markdown_and_limit_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [_row(1), _row(2, unit="X2"), _row(3, unit="X3", channel=1)]
    dossiers = tmp_path / "dossiers.parquet"
    pq.write_table(pa.Table.from_pylist(rows), dossiers)
    cat = tmp_path / "catalogue.json"
    cchc.dump(catalogue(UNITS, PROCEDURES), cat)
    base = ["dossiers", str(dossiers), "--catalogue", str(cat), "--year", "2025"]
    code, out, _ = cli(["--lang", "vi", *base, "--format", "md"], capsys)
    assert code == 0
    assert out.startswith("## Chỉ số phục vụ (Quyết định 766/QĐ-TTg): 2025")
    assert "| Hạng | Đơn vị | Kỳ | Đúng hạn % |" in out
    assert out.count("| 2025 |") == 3
    code, out, _ = cli([*base, "--format", "md", "--limit", "2"], capsys)
    assert out.count("| 2025 |") == 2
    code, out, _ = cli([*base, "--format", "csv", "--limit", "2"], capsys)
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2
    code, out, _ = cli([*base, "--format", "json", "--limit", "1"], capsys)
    assert len(json.loads(out)["rows"]) == 1
    code, out, _ = cli([*base, "--limit", "1"], capsys)
    assert "X1" in out
    assert "X3" not in out


# --------------------------------------------------------------------------- the catalogue


def catalogues() -> st.SearchStrategy[ProcedureCatalogue]:
    codes = st.from_regex(r"[A-Z][A-Z0-9]{0,6}", fullmatch=True)
    procedure = st.fixed_dictionaries(
        {"code": codes, "legal_days": st.integers(0, 60), "fee_bearing": st.booleans(),
         "online_capable": st.booleans()},
        optional={"title_vi": st.sampled_from(["Cấp giấy phép xây dựng", "Đăng ký khai sinh"])},
    )  # fmt: skip
    unit = st.fixed_dictionaries({"code": codes, "province": codes})
    return st.builds(
        lambda p, u: ProcedureCatalogue(code="c", procedures=p, units=u),
        st.lists(procedure, max_size=5, unique_by=lambda d: d["code"]),
        st.lists(unit, max_size=5, unique_by=lambda d: d["code"]),
    )


@given(catalogues())
def test_catalogue_round_trips_through_json_and_yaml(document: ProcedureCatalogue) -> None:
    assert cchc.loads(cchc.dumps(document)) == document
    assert cchc.loads(cchc.dumps(document, format="yaml"), format="yaml") == document


def test_catalogue_refuses_duplicate_codes_and_names_units() -> None:
    with pytest.raises(ValidationError, match="procedure T1 appears twice"):
        catalogue({"X1": "P1"}, {"T1": (1, True)}).model_validate(
            {"code": "c", "procedures": [{"code": "T1", "legal_days": 1}] * 2, "units": []}
        )
    doc = catalogue(UNITS, PROCEDURES)
    assert doc.province_of("X3") == "P2"
    with pytest.raises(NotFoundError, match="no unit named 'X9'"):
        doc.province_of("X9")


def test_cchc_validate_and_the_schema_know_the_catalogue(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, cat = files
    assert main(["validate", str(cat)]) == 0
    capsys.readouterr()
    schema = cchc.json_schema()
    assert "procedure-catalogue" in schema["discriminator"]["mapping"]


@pytest.mark.parametrize("missing", ["ibis", "pyarrow"])
def test_without_the_extra_one_line_says_what_to_install(tmp_path: Path, missing: str) -> None:
    import subprocess
    import sys

    listing = tmp_path / "catalogue.json"
    listing.write_text(cchc.dumps(catalogue(UNITS, PROCEDURES)), encoding="utf-8")
    (tmp_path / "d.parquet").write_bytes(b"")
    code = (
        f"import sys; sys.modules[{missing!r}] = None; from cchc.cli import main;"
        f"sys.exit(main(['dossiers', 'd.parquet', '--catalogue', 'catalogue.json',"
        f" '--year', '2025']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"{'ibis-framework' if missing == 'ibis' else 'pyarrow'} is not installed; install it"
        ' with: pip install "cchc[dossiers]"'
    ]
