"""Known answers against the benchmark reference, the public API, and where results go."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from _dossiers_helpers import (
    CAL,
    PROCEDURES,
    UNITS,
    YEAR,
    catalogue,
    dossier,
    reference,
    reference_catalogue,
    reference_workload,
    table,
)

pytest.importorskip("ibis")
pytest.importorskip("duckdb")

import cchc.dossiers
from cchc import datasets
from cchc.accountability import UnitResult
from cchc.documents import Framework
from cchc.dossiers import (
    DossierAssessment,
    DossierError,
    assess_dossiers,
    dossier_inputs,
    reference_json,
    unit_results,
)
from cchc.errors import ScoringError

REF = reference()


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if REF is None:
        pytest.skip("dossier_reference.py not found (set CCHC_BENCH_REFERENCES)")
    return reference_workload(REF, tmp_path_factory.mktemp("reference"), 20_000)


def test_identical_to_the_reference_digit_for_digit(workload: tuple[Path, Path]) -> None:
    path, expected_path = workload
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assessment = assess_dossiers(path, reference_catalogue(path), year=2025)
    assert assessment.validation.rows == assessment.validation.accepted == 20_000
    got = json.loads(json.dumps(reference_json(assessment)))
    for part in ("period", "criteria", "units", "provinces", "unit_months"):
        assert got[part] == expected[part], part
    for days in ("weekdays_off", "weekend_workdays"):
        assert got["calendar"][days] == expected["calendar"][days]
    assert len(got["units"]) > 2000
    assert len(got["provinces"]) == 34


def test_public_api_is_pinned() -> None:
    assert cchc.dossiers.__all__ == [
        "COUNTS", "DECISION_766_CRITERIA", "DOSSIER_COLUMNS", "PROBLEMS", "RATES", "Column",
        "Criterion", "DossierAssessment", "DossierError", "IndicatorRow", "Level", "PeriodKind",
        "Problem", "ProcedureCatalogue", "RateName", "ServiceIndex", "Validation",
        "assess_dossiers", "dossier_inputs", "read_dossiers", "reference_json", "unit_results",
    ]  # fmt: skip
    public = {name for name in vars(cchc.dossiers) if not name.startswith("_")}
    modules = {name for name in public if isinstance(getattr(cchc.dossiers, name), type(cchc))}
    assert public - modules - {"annotations"} == set(cchc.dossiers.__all__)
    assert [p.code for p in cchc.dossiers.PROBLEMS] == [
        "missing-value", "bad-value", "duplicate-id", "unknown-unit", "unknown-procedure",
        "bad-channel", "negative-count", "received-outside-period", "finished-before-received",
        "finished-after-period", "due-not-working-day", "due-outside-calendar", "due-inconsistent",
    ]  # fmt: skip


def _assessed(rows: list[dict[str, Any]]) -> DossierAssessment:
    return assess_dossiers(table(rows), catalogue(UNITS, PROCEDURES), year=YEAR, calendar=CAL)


def _framework() -> Framework:
    data = {
        "type": "framework", "code": "local", "title_vi": "Bộ chỉ số", "edition": "1/QĐ-UBND",
        "max_points": "10",
        "bands": [{"code": "A", "label_vi": "Tốt", "label_en": "Good", "min_index": "0"}],
        "nodes": [{"code": "2", "title_vi": "Thủ tục", "max_points": "10", "children": [
            {"code": "2.1", "title_vi": "Đúng hạn", "max_points": "6",
             "rule": {"kind": "proportional"}},
            {"code": "2.2", "title_vi": "Trực tuyến", "max_points": "4",
             "rule": {"kind": "proportional-to-target", "target": "0.5"}},
        ]}],
    }  # fmt: skip
    return Framework.model_validate(data)


def test_rates_feed_par_criteria_as_derived_inputs() -> None:
    rows = [dossier(1), dossier(2), dossier(3, finished_on=dt.date(2025, 4, 30), channel=1)]
    row = _assessed(rows).index().row("X1")
    inputs = dossier_inputs(_framework(), row, {"2.1": "on_time", "2.2": "online"})
    assert inputs == {"2.1": Decimal("0.6667"), "2.2": Decimal("0.6667")}
    from cchc.documents import Assessment
    from cchc.scoring import score  # the inputs score like any unit's own figures

    card = score(_framework(), Assessment(unit="X1", year=YEAR, framework="local",
                                          edition="1/QĐ-UBND", inputs=inputs))  # fmt: skip
    assert card.total == Decimal("8.00")  # 6 × 0.6667 = 4.0002 → 4.00; 4 × min(1.33, 1) = 4


def test_derived_inputs_refuse_what_they_cannot_give() -> None:
    row = _assessed([dossier(1)]).index().row("X1")
    with pytest.raises(ScoringError, match="undefined"):
        dossier_inputs(_framework(), row, {"2.1": "online_payment"})  # no fee-owing dossier
    with pytest.raises(ScoringError, match="no such leaf"):
        dossier_inputs(_framework(), row, {"9.9": "on_time"})
    timeliness = datasets.framework("illustrative-district")
    with pytest.raises(ScoringError, match="does not take a rate"):
        dossier_inputs(timeliness, row, {"1.1": "on_time"})


def test_year_results_feed_accountability() -> None:
    rows = [
        dossier(1),
        dossier(2, unit="X2", finished_on=dt.date(2025, 5, 30)),
        dossier(3, unit="X3"),
    ]
    results = unit_results(_assessed(rows).index())
    assert all(isinstance(r, UnitResult) for r in results)
    by_unit = {r.unit: r for r in results}
    assert by_unit["X1"].index == Decimal("100.00")
    assert by_unit["X1"].rank == by_unit["X3"].rank == 1
    assert by_unit["X2"].rank == 3
    assert {r.ranked for r in results} == {3}
    with pytest.raises(DossierError, match="year"):
        unit_results(_assessed(rows).index(period="month"))


def test_markdown_and_records_show_exact_decimals_and_no_data() -> None:
    late_in_year = dt.date(2025, 12, 29)
    due = CAL.add_working_days(late_in_year, 5)
    index = _assessed([dossier(1, finished_on=None, received_on=late_in_year, due_on=due)]).index()
    record = index.records()[0]
    assert record["on_time_pct"] is None  # open, not yet due: nothing judged
    assert record["online_payment_pct"] is None  # no fee owed
    assert record["online_pct"] == Decimal("100.00")
    assert not any(isinstance(v, float) for v in record.values())
    lines = index.to_markdown("vi").splitlines()
    assert lines[2] == "| 1 | X1 | 2025 | — | 100.00 | — | 100.00 | — | 16.00/16.00 |"
    assert index.rows[0].max_points == Decimal("16.00")  # scored out of 16, not rescaled
