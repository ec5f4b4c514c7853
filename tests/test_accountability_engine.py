"""Accountability: the engine on known cases, reports with monitoring, built-in data and demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction
from typing import Any

import attrs
import pytest

from _accountability_helpers import BAR, CAP, HT, HTT, HTXS, KHT, policy, register
from cchc import datasets as builtin
from cchc.accountability import (
    UnitResult,
    accountability_report,
    accountability_summary,
    check_accountability,
    huong_son_recommendations,
    recommend,
)
from cchc.documents.performance import PerformanceRecord, Product, TargetTally
from cchc.documents.policy import Policy
from cchc.testing._accountability_strategies import BANDS

FALL = {"kind": "band-fall", "code": "fall", "steps": 2}


# --- the engine on known cases ---------------------------------------------------------


def test_caps_bars_and_shares_for_a_change_of_head() -> None:
    org = register(("x", "a-ct", "2020-01-01", "2024-07-01"), ("y", "a-ct", "2024-07-01", None),
                   ("w", "b-ct", "2020-01-01", None))  # fmt: skip
    results = [UnitResult("a", 2024, D("85"), band="B", band_steps=-2),
               UnitResult("b", 2024, D("60"), band="D", band_steps=0)]  # fmt: skip
    done = recommend([policy(CAP, BAR, FALL)], year=2024, organisation=org, results=results,
                     bands=BANDS)  # fmt: skip
    x, y, w = done.get("x"), done.get("y"), done.get("w")
    assert (x.rating, x.eligible, y.rating, y.eligible) == (HTT, False, HTT, False)
    assert (w.rating, w.eligible) == (HT, False)
    assert [r.effect for r in x.binding] == ["cap", "bar"]
    assert "fell 2 bands" in x.why("en")
    assert "[1/QĐ-UBND]" in x.why("en")
    assert x.heads[0][1].share == Fraction(182, 366)
    assert not done.unit("a-ubnd").eligible
    assert done.unit("b-ubnd").reasons[0].effect == "bar"
    assert done.records()[0]["subject"] == "w"
    assert done.unit_records()[0]["eligible"] is False


def test_decree_90_and_48_on_heads() -> None:
    org = register(("x", "a-ct", "2024-01-01", None), ("y", "b-ct", "2024-08-01", None),
                   ("z", "d-ct", "2020-01-01", None))  # fmt: skip
    results = [UnitResult("a", 2024, D(95)), UnitResult("b", 2024, D(95))]
    records = [
        PerformanceRecord(subject="x", year=2024, managed_units=(),
                          targets=TargetTally(assigned=4, met=4, exceeded=2)),
        PerformanceRecord(subject="z", year=2024, violations=("discipline",),
                          quota_group="d-ubnd"),
    ]  # fmt: skip
    chosen = [builtin.policy("decree-90-2020"), builtin.policy("decree-48-2023")]
    done = recommend(chosen, year=2024, organisation=org, results=results, records=records,
                     quota_shares={"decree-48-2023/party-share": D(1)})  # fmt: skip
    assert done.get("x").rating is HTXS  # 4/4 met, 2/4 exceeded, no managed units
    assert done.get("y").rating is None  # 153 days: not rated
    assert done.get("z").rating is KHT
    assert "Disciplined" in done.get("z").why("en")
    assert not done.get("y").complete  # no record: violations unknown
    assert {f.code for f in done.findings} >= {"record.missing"}
    shown = recommend(chosen, year=2024, organisation=org, results=results[:1],
                      records=[attrs_evolve(records[0], targets=None)],
                      quota_shares={"decree-48-2023/party-share": D(1)})  # fmt: skip
    assert shown.get("x").rating is HTT
    assert "no targets" in shown.get("x").why("en")


def attrs_evolve(record: PerformanceRecord, **changes: Any) -> PerformanceRecord:
    return PerformanceRecord.model_validate({**record.model_dump(), **changes})


def test_quota_tie_break_is_deterministic_and_explained() -> None:
    org = register(("x", "a-ct", "2024-01-01", None), ("y", "b-ct", "2024-01-01", None))
    rules = policy(CAP, {"kind": "quota", "code": "q", "share": "0.5", "basis": "rated"})
    tied = [UnitResult("a", 2024, D(95)), UnitResult("b", 2024, D(95))]
    done = recommend(rules, year=2024, organisation=org, results=tied)
    (outcome,) = done.quotas
    assert (outcome.group, outcome.allowed) == ("d-ubnd", 1)
    assert (outcome.granted, outcome.demoted) == (("x",), ("y",))
    assert "not a judgement of merit" in done.get("y").why("en")
    assert done.get("y").rating is HTT
    assert done.get("y").cap is HTXS
    apart = [UnitResult("a", 2024, D(92)), UnitResult("b", 2024, D(95))]
    ahead = recommend(rules, year=2024, organisation=org, results=apart)
    assert ahead.quotas[0].granted == ("y",)
    assert "92" in ahead.get("x").why("en")
    assert ahead.quota_records()[0]["granted"] == "y"


def test_markdown_and_records_of_recommendations_and_report() -> None:
    done = huong_son_recommendations()
    table = done.to_markdown("en")
    assert table.startswith("| Subject |")
    assert "Quotas:" in table
    report = accountability_report(done, organisation=builtin.huong_son_heads())
    (account,) = report.head("sn-02")
    assert account.share.acting_days == 45
    assert account.monitored is None
    text = account.to_markdown("en")
    assert "(acting)" in text
    assert "no monitoring given" in text
    assert "rank 2/25" in text
    assert {r["official"] for r in report.records()} >= {"sn-01", "sn-02", "st-01"}


# --- reports with monitoring -----------------------------------------------------------


@attrs.frozen
class _Task:
    code: str
    lead: str
    status: str
    due_on: dt.date
    completed_on: dt.date | None = None
    days_late: int = 0

    def title(self, lang: str = "vi") -> str:
        return "Nhiệm vụ" if lang == "vi" else "Task"


@attrs.frozen
class _Monitoring:
    plan: str
    as_of: dt.date
    tasks: tuple[_Task, ...]


def test_tasks_gone_overdue_count_against_the_head_of_that_day() -> None:
    org = register(("x", "a-ct", "2020-01-01", "2024-07-01"), ("y", "a-ct", "2024-07-01", None))
    done = recommend(policy(CAP), year=2024, organisation=org,
                     results=[UnitResult("a", 2024, D(85))])  # fmt: skip
    monitoring = _Monitoring("plan", dt.date(2024, 10, 1), (
        _Task("T1", "plan-a", "overdue", dt.date(2024, 6, 30), days_late=93),
        _Task("T2", "plan-a", "done_late", dt.date(2024, 6, 29), dt.date(2024, 7, 10), 11),
        _Task("T3", "plan-a", "overdue", dt.date(2024, 9, 30), days_late=1),
        _Task("T4", "plan-b", "overdue", dt.date(2024, 3, 1), days_late=214),
        _Task("T5", "plan-a", "done_on_time", dt.date(2024, 3, 1)),
    ))  # fmt: skip
    report = accountability_report(done, monitoring=monitoring, lead_codes={"a-ubnd": "plan-a"})
    (x,), (y,) = report.head("x"), report.head("y")
    assert [t.code for t in x.overdue] == ["T2"]  # went overdue on 2024-06-30, x's last day
    assert [t.code for t in y.overdue] == ["T1", "T3"]
    assert y.as_record()["overdue_tasks"] == 2
    assert "T1 (93 days)" in y.to_markdown("en")


def test_report_with_the_monitoring_engine() -> None:
    from cchc.documents.plan import Plan
    from cchc.monitoring import monitor

    plan = Plan.model_validate({
        "code": "kh", "programme": "prog", "unit": "a", "year": 2024, "title_vi": "Kế hoạch",
        "issued_on": "2024-01-05",
        "agencies": [{"code": "a-ubnd", "name_vi": "UBND xã A", "kind": "peoples_committee"}],
        "tasks": [{"code": "T1", "title_vi": "Việc", "reform_area": "institutions",
                   "solution_group": 1, "lead": "a-ubnd",
                   "deadline": {"kind": "date", "date": "2024-05-31"}}],
    })  # fmt: skip
    state = monitor(plan, as_of=dt.date(2024, 8, 1))
    org = register(("x", "a-ct", "2020-01-01", "2024-07-01"), ("y", "a-ct", "2024-07-01", None))
    done = recommend(policy(CAP), year=2024, organisation=org,
                     results=[UnitResult("a", 2024, D(85))])  # fmt: skip
    report = accountability_report(done, monitoring=state)
    assert [t.code for t in report.head("x")[0].overdue] == ["T1"]
    assert report.head("y")[0].overdue == ()


# --- built-in data and the demo --------------------------------------------------------


@pytest.mark.parametrize("name", builtin.POLICIES)
def test_built_in_policies_load_and_round_trip(name: str) -> None:
    document = builtin.policy(name)
    assert Policy.model_validate_json(document.model_dump_json()) == document
    assert document.illustrative == name.startswith("illustrative")


def test_built_in_register_and_records_check_clean() -> None:
    from cchc import check

    organisation = builtin.huong_son_heads()
    assert check(organisation) == ()
    assert all(r.year == 2024 for r in builtin.huong_son_records_2024())
    with pytest.raises(LookupError, match="built-in policy"):
        builtin.policy("nope")


def test_decree_335_is_not_in_force_in_2024_and_says_so() -> None:
    org = register(("x", "a-ct", "2024-01-01", None))
    record = PerformanceRecord(subject="x", year=2024, general_points=D(30),
                               products=(Product(code="p", completed=True),))  # fmt: skip
    findings = check_accountability(builtin.policy("decree-335-2025"), year=2024,
                                    organisation=org, records=[record])  # fmt: skip
    assert {f.code for f in findings} == {"policy.not-in-force", "rule.unverified"}
    assert all(f.severity == "warning" for f in findings)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_demo_summary(lang: str) -> None:
    text = accountability_summary(lang)  # type: ignore[arg-type]
    assert "90/2020/NĐ-CP" in text
    assert "MINHHOA" in text
    assert "quang-diem (D)" in text
    assert "tay-son (D)" in text
    assert text == accountability_summary(lang)  # type: ignore[arg-type]


def test_a_head_moved_between_agencies_answers_for_both_parts_of_the_year() -> None:
    org = register(("x", "a-ct", "2020-01-01", "2024-06-01"), ("x", "b-ct", "2024-06-01", None))
    results = [UnitResult("a", 2024, D(95)), UnitResult("b", 2024, D(60))]
    done = recommend(policy(CAP), year=2024, organisation=org, results=results)
    x = done.get("x")
    assert [a.agency for a, _ in x.heads] == ["a-ubnd", "b-ubnd"]
    assert sum(share.share for _, share in x.heads) == 1
    assert x.rating is HT  # the lower cap of the two units
    assert x.as_record()["agencies"] == "a-ubnd, b-ubnd"
    with pytest.raises(KeyError):
        done.get("nobody")
    with pytest.raises(KeyError):
        done.unit("nowhere")


def test_a_year_nobody_headed_is_all_vacancy() -> None:
    org = register(("x", "a-ct", "2020-01-01", "2023-01-01"))
    done = recommend(
        policy(CAP), year=2024, organisation=org, results=[UnitResult("a", 2024, D(70))]
    )
    assert done.subjects == ()
    (unit,) = done.units
    assert [(s.official, s.share) for s in unit.attribution.shares] == [(None, Fraction(1))]
