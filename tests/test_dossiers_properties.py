"""Every rule against a pure-Python oracle on random small dossier sets (Hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _dossiers_helpers import (
    CAL,
    PROCEDURES,
    UNITS,
    YEAR,
    catalogue,
    dossier_rows,
    half_up,
    oracle,
    table,
    text_table,
)

pytest.importorskip("ibis")
pytest.importorskip("duckdb")

from cchc.dossiers import COUNTS, DossierAssessment, assess_dossiers
from cchc.dossiers._read import connect

CATALOGUE = catalogue(UNITS, PROCEDURES)
CON = connect()
FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEWER = settings(FEW, max_examples=8)  # two assessments an example


def assessed(rows: list[dict[str, Any]]) -> DossierAssessment:
    return assess_dossiers(table(rows), CATALOGUE, year=YEAR, calendar=CAL, con=CON)


@FEW
@given(dossier_rows(), st.sampled_from(["unit", "province"]),
       st.sampled_from(["year", "quarter", "month"]))  # fmt: skip
def test_every_figure_matches_the_oracle(
    rows: list[dict[str, Any]], level: str, period: str
) -> None:
    assessment = assessed(rows)
    assert assessment.validation.rejected == 0
    index = assessment.index(level, period)  # type: ignore[arg-type]
    want = oracle(rows, level=level, period=period)
    got = {
        (r.key, r.period): {
            "counts": r.counts, "rates": r.rates, "points": r.points, "total": r.total,
            "max_points": r.max_points, "rank": r.rank,
        }
        for r in index.rows
    }  # fmt: skip
    assert got == want


@FEW
@given(dossier_rows(max_size=60))
def test_months_and_quarters_add_up_to_the_year_and_units_to_provinces(
    rows: list[dict[str, Any]],
) -> None:
    a = assessed(rows)
    year_u, quarter_u, month_u, year_p = a.indexes(
        ("unit", "year"), ("unit", "quarter"), ("unit", "month"), ("province", "year")
    )
    for parts in (quarter_u, month_u):
        summed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for r in parts.rows:
            for name in COUNTS:
                summed[r.key][name] += r.counts[name]
        assert {r.key: r.counts for r in year_u.rows} == {k: dict(v) for k, v in summed.items()}
    by_province: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in year_u.rows:
        assert r.province == UNITS[r.key]
        for name in COUNTS:
            by_province[r.province][name] += r.counts[name]
    assert {r.key: r.counts for r in year_p.rows} == {k: dict(v) for k, v in by_province.items()}
    assert sum(r.counts["received"] for r in year_u.rows) == len(rows)


@FEW
@given(dossier_rows(max_size=60))
def test_ranks_are_competition_ranks_and_nulls_are_nulls(rows: list[dict[str, Any]]) -> None:
    index = assessed(rows).index("unit", "month")
    by_period: dict[str, list[Any]] = defaultdict(list)
    for r in index.rows:
        by_period[r.period].append(r)
        for rate, value in r.rates.items():
            denominator = {"e_result": "finished", "on_time": "judged", "online_payment": "fee_due"}
            assert (value is None) == (rate in denominator and r.counts[denominator[rate]] == 0)
        assert r.points["online_payment"] is None or r.counts["fee_due"] > 0
        assert r.max_points == sum(
            (Decimal(m) for m, p in zip((20, 12, 6, 4), r.points.values(), strict=True)
             if p is not None), Decimal(0))  # fmt: skip
    for rows_of_period in by_period.values():
        totals = [r.total for r in rows_of_period]
        for r in rows_of_period:
            better = sum(1 for t in totals if t is not None and r.total is not None and t > r.total)
            assert r.rank == (None if r.total is None else better + 1)
            assert r.ranked == sum(t is not None for t in totals)
        keys = [(-(r.total or Decimal(-1)), r.key) for r in rows_of_period]
        assert keys == sorted(keys)


@FEWER
@given(dossier_rows(max_size=30), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(rows: list[dict[str, Any]], random: Any) -> None:
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert assessed(rows).index().records() == assessed(shuffled).index().records()


def test_a_second_supplement_request_makes_a_dossier_late_whatever_its_dates() -> None:
    import datetime as dt

    received = dt.date(2025, 3, 3)
    due = CAL.add_working_days(received, 5)
    base = {"dossier_id": 1, "unit": "X1", "procedure": "T2", "channel": 1,
            "received_on": received, "due_on": due, "finished_on": received,
            "supplement_days": 2, "supplement_requests": 2, "paid_online": False,
            "fee_total": 0, "digitised": False, "e_result": False}  # fmt: skip
    early = dict(base, dossier_id=2, supplement_requests=1)
    row = assessed([base, early]).index().row("X1")
    assert (row.counts["on_time"], row.counts["judged"]) == (1, 2)


def test_open_dossiers_count_only_once_overdue_and_supplement_days_shift_the_due_date() -> None:
    import datetime as dt

    received = dt.date(2025, 12, 1)
    due = CAL.add_working_days(received, 15)  # 22 December
    common = {"unit": "X1", "procedure": "T3", "channel": 1, "received_on": received,
              "due_on": due, "finished_on": None, "supplement_requests": 0,
              "paid_online": False, "fee_total": 0, "digitised": False,
              "e_result": False}  # fmt: skip
    overdue = dict(common, dossier_id=1, supplement_days=0)
    not_yet = dict(common, dossier_id=2, supplement_requests=1, supplement_days=8)
    row = assessed([overdue, not_yet]).index().row("X1")
    assert due == dt.date(2025, 12, 22)
    assert CAL.add_working_days(due, 8) > dt.date(2025, 12, 31)
    assert (row.counts["open_overdue"], row.counts["judged"]) == (1, 1)
    assert row.rates["on_time"] == Decimal(0)


# Each corruption breaks one rule and nothing else, so a row may take several; the date
# ones move the same columns, so a row takes at most one of those.
CORRUPTIONS: dict[str, Any] = {
    "missing-value": lambda r: {"e_result": None},
    "bad-value": lambda r: {"digitised": "có"},
    "unknown-unit": lambda r: {"unit": "X9"},
    "unknown-procedure": lambda r: {"procedure": "T9"},
    "bad-channel": lambda r: {"channel": 0},
    "negative-count": lambda r: {"fee_total": -1},
}
DATE_CORRUPTIONS: dict[str, Any] = {
    "received-outside-period": lambda r: {
        "received_on": dt.date(2024, 12, 30),
        "due_on": CAL.add_working_days(dt.date(2024, 12, 30), PROCEDURES[r["procedure"]][0]),
        "finished_on": None,
    },
    "finished-before-received": lambda r: {"finished_on": r["received_on"] - dt.timedelta(1)},
    "finished-after-period": lambda r: {"finished_on": dt.date(2026, 1, 5)},
    "due-not-working-day": lambda r: {"due_on": dt.date(2025, 3, 8)},  # a Saturday
    "due-outside-calendar": lambda r: {"due_on": dt.date(2031, 3, 3)},  # CAL ends in 2028
    "due-inconsistent": lambda r: {"due_on": CAL.add_working_days(r["due_on"], 1)},
}


def test_the_corruptions_cover_every_problem() -> None:
    from cchc.dossiers import PROBLEMS

    covered = {*CORRUPTIONS, *DATE_CORRUPTIONS, "duplicate-id"}
    assert covered == {p.code for p in PROBLEMS}


def _reason(codes: set[str]) -> str:
    from cchc.dossiers import PROBLEMS

    shown = {"bad-value": "bad-value:digitised"}
    return ", ".join(shown.get(p.code, p.code) for p in PROBLEMS if p.code in codes)


@FEWER
@given(dossier_rows(max_size=25), st.data())
def test_every_row_is_either_counted_or_rejected_for_all_that_was_broken(
    rows: list[dict[str, Any]], data: st.DataObject
) -> None:
    import tempfile
    from pathlib import Path

    import pyarrow.parquet as pq

    broken: dict[int, set[str]] = {}
    for row in rows:
        plain = set(data.draw(st.sets(st.sampled_from(sorted(CORRUPTIONS)), max_size=3)))
        codes = set(plain)
        dated = data.draw(st.sampled_from([None, None, *sorted(DATE_CORRUPTIONS)]))
        if dated is not None:
            row.update(DATE_CORRUPTIONS[dated](row))
            if not (dated == "due-inconsistent" and "unknown-procedure" in plain):
                codes.add(dated)  # an unknown procedure's legal days are not known
        for code in plain:
            row.update(CORRUPTIONS[code](row))
        if codes:
            broken[row["dossier_id"]] = codes
    copies = data.draw(st.sets(st.sampled_from([r["dossier_id"] for r in rows]), max_size=2)
                       if rows else st.just(set()))  # fmt: skip
    for row in [r for r in rows if r["dossier_id"] in copies]:
        rows.append(dict(row))
        broken[row["dossier_id"]] = broken.get(row["dossier_id"], set()) | {"duplicate-id"}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "rejected.parquet"
        a = assess_dossiers(text_table(rows), CATALOGUE, year=YEAR, calendar=CAL, con=CON,
                            rejected_file=out)  # fmt: skip
        written = pq.read_table(out).to_pylist()
    v = a.validation
    rejected = [r for r in rows if r["dossier_id"] in broken]
    assert (v.rows, v.rejected, v.accepted) == (len(rows), len(rejected), len(rows) - len(rejected))
    assert sum(a.counts.column("received").to_pylist()) == v.accepted
    want: dict[str, int] = defaultdict(int)
    for row in rejected:
        for code in broken[row["dossier_id"]]:
            want[code] += 1
    assert v.problems == {p: want[p] for p in sorted(want, key=_ORDER.index)}
    assert sorted((r["dossier_id"], r["reason"]) for r in written) == sorted(
        (r["dossier_id"], _reason(broken[r["dossier_id"]])) for r in rejected
    )
    clean = [row for row in rows if row["dossier_id"] not in broken]
    assert a.index().records() == assessed(clean).index().records()


_ORDER = [
    "missing-value", "bad-value", "duplicate-id", "unknown-unit", "unknown-procedure",
    "bad-channel", "negative-count", "received-outside-period", "finished-before-received",
    "finished-after-period", "due-not-working-day", "due-outside-calendar", "due-inconsistent",
]  # fmt: skip


@FEWER
@given(st.sampled_from([2024, 2026, 2027]), st.data())
def test_other_years_match_the_oracle(year: int, data: st.DataObject) -> None:
    rows = data.draw(dossier_rows(max_size=25, year=year))
    assessment = assess_dossiers(table(rows), CATALOGUE, year=year, calendar=CAL, con=CON)
    assert assessment.validation.rejected == 0
    got = {
        (r.key, r.period): {
            "counts": r.counts, "rates": r.rates, "points": r.points, "total": r.total,
            "max_points": r.max_points, "rank": r.rank,
        }
        for r in assessment.index("unit", "quarter").rows
    }  # fmt: skip
    assert got == oracle(rows, level="unit", period="quarter", year=year)


@FEW
@given(dossier_rows(max_size=30))
def test_derived_inputs_are_the_exact_rates_rounded_half_up(rows: list[dict[str, Any]]) -> None:
    from fractions import Fraction

    from cchc.documents import Framework
    from cchc.dossiers import dossier_inputs

    framework = Framework.model_validate({
        "type": "framework", "code": "f", "title_vi": "Bộ chỉ số", "edition": "1/QĐ-UBND",
        "max_points": "2",
        "bands": [{"code": "A", "label_vi": "Tốt", "label_en": "Good", "min_index": "0"}],
        "nodes": [{"code": "1", "title_vi": "Thủ tục", "max_points": "2", "children": [
            {"code": "1.1", "title_vi": "Đúng hạn", "max_points": "1",
             "rule": {"kind": "proportional"}},
            {"code": "1.2", "title_vi": "Số hoá", "max_points": "1",
             "rule": {"kind": "proportional"}}]}],
    })  # fmt: skip
    for row in assessed(rows).index().rows:
        if row.counts["judged"] == 0:
            continue
        inputs = dossier_inputs(framework, row, {"1.1": "on_time", "1.2": "digitised"})
        for code, (n, d) in (("1.1", ("on_time", "judged")), ("1.2", ("digitised", "received"))):
            exact = Fraction(row.counts[n], row.counts[d])
            got = inputs[code]
            assert isinstance(got, Decimal)
            assert abs(Fraction(got) - exact) <= Fraction(1, 20000)
            assert got == half_up(exact, 4)
