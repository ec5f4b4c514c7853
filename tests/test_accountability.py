"""Accountability: attribution by tenure, the engine on known cases, bad input, reports, data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction
from typing import Any

import attrs
import pytest
from pydantic import ValidationError

from cchc import CchcError
from cchc import datasets as builtin
from cchc.accountability import (
    AccountabilityError,
    MeanOfPredecessors,
    NamedPredecessor,
    UnitResult,
    WeightedPredecessors,
    accountability_report,
    accountability_summary,
    accountable_agency,
    attribute,
    attribute_year,
    check_accountability,
    days_worked,
    huong_son_recommendations,
    recommend,
    successor_series,
)
from cchc.documents import Organisation
from cchc.documents.performance import PerformanceRecord, Product, TargetTally
from cchc.documents.policy import Policy
from cchc.testing._accountability_strategies import BANDS
from cchc.vocabulary import RatingLevel

HTXS, HTT, HT, KHT = RatingLevel.HTXS, RatingLevel.HTT, RatingLevel.HT, RatingLevel.KHT


def register(*tenures: tuple[str, str, str, str | None], **extra: Any) -> Organisation:
    """Communes a and b under district d; tenures are (official, post, start, end)."""
    people = sorted({t[0] for t in tenures})
    data: dict[str, Any] = {
        "code": "t",
        "units": [
            {"code": "d", "name_vi": "Huyện D", "kind": "rural_district", "valid_to": "2025-07-01"},
            {"code": "a", "name_vi": "Xã A", "kind": "commune", "parent": "d"},
            {"code": "b", "name_vi": "Xã B", "kind": "commune", "parent": "d"},
        ],
        "agencies": [
            {"code": "d-ubnd", "name_vi": "UBND huyện D", "kind": "peoples_committee", "unit": "d",
             "valid_to": "2025-07-01"},
            {"code": "a-ubnd", "name_vi": "UBND xã A", "kind": "peoples_committee", "unit": "a",
             "parent": "d-ubnd"},
            {"code": "b-ubnd", "name_vi": "UBND xã B", "kind": "peoples_committee", "unit": "b",
             "parent": "d-ubnd"},
        ],
        "officials": [{"id": p, "full_name": f"Người {p}"} for p in people],
        "posts": [
            {"code": f"{x}-ct", "agency": f"{x}-ubnd", "title_vi": "Chủ tịch", "is_head": True}
            for x in ("d", "a", "b")
        ] + [{"code": "a-pct", "agency": "a-ubnd", "title_vi": "Phó Chủ tịch"}],
        "tenures": [
            {"official": o, "post": p, "start": s, "end": e, "acting": o.endswith("acting")}
            for o, p, s, e in tenures
        ],
    }  # fmt: skip
    data.update(extra)
    return Organisation.model_validate(data)


def policy(*rules: dict[str, Any], code: str = "p") -> Policy:
    return Policy.model_validate(
        {"code": code, "title_vi": "Thử", "instrument": "1/QĐ-UBND",
         "rules": [{"instrument": "1/QĐ-UBND", **r} for r in rules]}
    )  # fmt: skip


CAP = {"kind": "index-thresholds", "code": "cap", "otherwise": "KHT", "thresholds": [
    {"min_index": "90", "rating": "HTXS"}, {"min_index": "80", "rating": "HTT"},
    {"min_index": "50", "rating": "HT"}]}  # fmt: skip
BAR = {"kind": "band-bar", "code": "bar", "band": "D"}
FALL = {"kind": "band-fall", "code": "fall", "steps": 2}


# --- attribution -----------------------------------------------------------------------


def test_change_of_head_with_acting_and_vacancy() -> None:
    org = register(
        ("x", "a-ct", "2020-01-01", "2024-03-01"),
        ("y-acting", "a-ct", "2024-03-15", "2024-05-01"),
        ("z", "a-ct", "2024-05-01", None),
    )
    result = attribute_year(org, "a-ubnd", 2024)
    assert [(s.official, s.days) for s in result.shares] == [
        ("x", 60), ("y-acting", 47), ("z", 245), (None, 14)]  # fmt: skip
    assert sum(s.share for s in result.shares) == 1
    assert result.vacancy is not None
    assert result.vacancy.share == Fraction(14, 366)
    assert result.shares[1].acting_days == 47
    assert result.share_of("z") == Fraction(245, 366)
    assert result.share_of("nobody") == 0
    assert result.records()[0]["percent"] == D("16.39")


def test_the_day_a_head_leaves_belongs_to_the_next() -> None:
    org = register(("x", "a-ct", "2024-01-01", "2024-07-01"), ("y", "a-ct", "2024-07-01", None))
    shares = attribute(org, "a-ubnd", dt.date(2024, 6, 30), dt.date(2024, 7, 2)).shares
    assert [(s.official, s.days) for s in shares] == [("x", 1), ("y", 1)]


def test_one_official_twice_is_one_share_with_its_segments() -> None:
    org = register(("x-acting", "a-ct", "2024-01-01", "2024-02-01"),
                   ("x-acting", "a-ct", "2024-02-01", None))  # fmt: skip
    (share,) = attribute_year(org, "a-ubnd", 2024).shares
    assert share.days == 366
    assert len(share.segments) == 2


def test_dissolved_district_keeps_its_attribution_until_it_ended() -> None:
    org = register(("h", "d-ct", "2021-01-01", "2025-07-01"))
    attribution = attribute_year(org, "d-ubnd", 2025)
    assert (attribution.start, attribution.end) == (dt.date(2025, 1, 1), dt.date(2025, 7, 1))
    assert [(s.official, s.share) for s in attribution.shares] == [("h", Fraction(1))]
    with pytest.raises(AccountabilityError) as raised:
        attribute_year(org, "d-ubnd", 2026)
    assert raised.value.findings[0].code == "period.empty"


def test_days_worked_counts_every_post_once() -> None:
    org = register(("x", "a-pct", "2023-01-01", "2024-10-01"), ("x", "a-ct", "2024-09-01", None))
    assert days_worked(org, "x", dt.date(2024, 1, 1), dt.date(2025, 1, 1)) == 366


def test_accountable_agency_is_resolved_or_refused() -> None:
    org = register()
    assert accountable_agency(org, UnitResult("a", 2024)) == "a-ubnd"
    assert accountable_agency(org, UnitResult("b-ubnd", 2024)) == "b-ubnd"
    with pytest.raises(AccountabilityError, match="no People's Committee"):
        accountable_agency(org, UnitResult("nowhere", 2024))
    with pytest.raises(AccountabilityError, match="no agency has code"):
        accountable_agency(org, UnitResult("a", 2024, agency="zz"))


# --- bad input -------------------------------------------------------------------------


def test_overlapping_tenures_of_one_post_are_refused_with_their_path() -> None:
    org = register(("x", "a-ct", "2020-01-01", "2024-06-01"), ("y", "a-ct", "2024-05-01", None))
    with pytest.raises(AccountabilityError) as raised:
        attribute_year(org, "a-ubnd", 2024)
    (finding,) = raised.value.findings
    assert (finding.code, finding.path) == ("tenure.overlap", ("tenures", 1))
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, CchcError)
    assert "tenures[1]" in str(finding) or "tenures" in str(finding)
    # outside the period asked for, the overlap does not matter
    assert attribute_year(org, "a-ubnd", 2023).shares[0].official == "x"


def test_an_official_heading_two_rated_agencies_at_once_is_refused() -> None:
    org = register(("x", "a-ct", "2024-01-01", None), ("x", "b-ct", "2024-06-01", None))
    results = [UnitResult("a", 2024, D(80)), UnitResult("b", 2024, D(70))]
    with pytest.raises(AccountabilityError) as raised:
        recommend(policy(CAP), year=2024, organisation=org, results=results)
    assert [(f.code, f.path) for f in raised.value.findings] == [
        ("head.concurrent", ("tenures", 1))
    ]
    # heading an agency that is not rated at the same time is not reported
    assert recommend(policy(CAP), year=2024, organisation=org, results=results[:1]).subjects


def test_a_rating_year_without_results_is_refused() -> None:
    org = register(("x", "a-ct", "2024-01-01", None))
    findings = check_accountability(policy(CAP), year=2024, organisation=org)
    assert [f.code for f in findings] == ["result.none"]
    stale = [UnitResult("a", 2023, D(90))]
    with pytest.raises(AccountabilityError) as raised:
        recommend(policy(CAP), year=2024, organisation=org, results=stale)
    assert [(f.code, f.document, f.path) for f in raised.value.findings] == [
        ("result.year", "result:a", ("year",))]  # fmt: skip
    no_index = [UnitResult("a", 2024)]
    codes = [f.code for f in check_accountability(policy(CAP), year=2024, organisation=org,
                                                  results=no_index)]  # fmt: skip
    assert codes == ["result.index-missing"]


def test_a_policy_citing_an_unknown_band_is_refused() -> None:
    org = register(("x", "a-ct", "2024-01-01", None))
    results = [UnitResult("a", 2024, D(80), band="B")]
    bad = policy({**BAR, "band": "Z"})
    findings = check_accountability(bad, year=2024, organisation=org, results=results, bands=BANDS)
    assert [(f.code, f.document, f.path) for f in findings] == [
        ("policy.band-unknown", "policy:p", ("rules", 0, "band"))]  # fmt: skip
    findings = check_accountability(policy(BAR), year=2024, organisation=org, results=results)
    assert [f.code for f in findings] == ["policy.bands-missing"]
    odd = [UnitResult("a", 2024, D(80), band="Q")]
    findings = check_accountability(policy(BAR), year=2024, organisation=org, results=odd,
                                    bands=BANDS)  # fmt: skip
    assert [f.code for f in findings] == ["result.band-unknown"]


def test_record_problems_are_findings_with_paths() -> None:
    org = register(("x", "a-ct", "2024-01-01", None))
    rules = policy({"kind": "violation", "code": "v",
                    "violations": [{"code": "discipline", "text_vi": "Bị kỷ luật"}]})  # fmt: skip
    records = [
        PerformanceRecord(subject="ghost", year=2024),
        PerformanceRecord(subject="x", year=2023, violations=("bribery",)),
    ]
    findings = check_accountability(rules, year=2024, organisation=org, records=records)
    got = [(f.code, f.document, f.path) for f in findings]
    assert got == [
        ("reference.dangling", "performance-record:ghost", ("subject",)),
        ("record.year", "performance-record:x", ("year",)),
        ("record.violation-unknown", "performance-record:x", ("violations", 0)),
    ]


def test_quota_shares_given_at_run_time_must_be_given() -> None:
    org = register(("x", "a-ct", "2024-01-01", None))
    rules = policy(CAP, {"kind": "quota", "code": "q", "basis": "rated"})
    findings = check_accountability(rules, year=2024, organisation=org,
                                    results=[UnitResult("a", 2024, D(95))])  # fmt: skip
    assert [(f.code, f.path) for f in findings] == [("quota.share-missing", ("rules", 1, "share"))]
    done = recommend(rules, year=2024, organisation=org, results=[UnitResult("a", 2024, D(95))],
                     quota_shares={"p/q": D("0.2")})  # fmt: skip
    assert done.get("x").rating is HTT  # 20% of 1 rated: no HTXS place, one level down


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([{**CAP, "thresholds": [{"min_index": "50", "rating": "HT"},
                                 {"min_index": "90", "rating": "HTXS"}]}], "highest bound"),
        ([{**CAP, "thresholds": [{"min_index": "90", "rating": "HT"},
                                 {"min_index": "50", "rating": "HTXS"}]}], "higher rating"),
        ([CAP, CAP], "more than once"),
        ([{"kind": "quota", "code": "q", "rating": "KHT", "basis": "rated"}], "KHT"),
        ([{"kind": "points", "code": "pt", "levels": [{"rating": "HTXS", "min_points": "120"}]}],
         "more points"),
        ([{**BAR, "band": "not a code!"}], "band"),
    ],
)  # fmt: skip
def test_policies_refuse_rules_that_cannot_hold(rules: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        policy(*rules)


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
    monitoring = pytest.importorskip("cchc.monitoring")
    from cchc.documents.plan import Plan

    plan = Plan.model_validate({
        "code": "kh", "programme": "prog", "unit": "a", "year": 2024, "title_vi": "Kế hoạch",
        "issued_on": "2024-01-05",
        "agencies": [{"code": "a-ubnd", "name_vi": "UBND xã A", "kind": "peoples_committee"}],
        "tasks": [{"code": "T1", "title_vi": "Việc", "reform_area": "institutions",
                   "solution_group": 1, "lead": "a-ubnd",
                   "deadline": {"kind": "date", "date": "2024-05-31"}}],
    })  # fmt: skip
    state = monitoring.monitor(plan, as_of=dt.date(2024, 8, 1))
    org = register(("x", "a-ct", "2020-01-01", "2024-07-01"), ("y", "a-ct", "2024-07-01", None))
    done = recommend(policy(CAP), year=2024, organisation=org,
                     results=[UnitResult("a", 2024, D(85))])  # fmt: skip
    report = accountability_report(done, monitoring=state)
    assert [t.code for t in report.head("x")[0].overdue] == ["T1"]
    assert report.head("y")[0].overdue == ()


# --- lineage ---------------------------------------------------------------------------


def merged() -> Organisation:
    return Organisation.model_validate({"code": "m", "units": [
        {"code": "a", "name_vi": "Xã A", "kind": "commune", "valid_to": "2025-07-01",
         "successors": [{"unit": "ab", "event": "merged", "effective_on": "2025-07-01"}]},
        {"code": "b", "name_vi": "Xã B", "kind": "commune", "valid_to": "2025-07-01",
         "successors": [{"unit": "ab", "event": "merged", "effective_on": "2025-07-01"}]},
        {"code": "ab", "name_vi": "Xã AB", "kind": "commune", "valid_from": "2025-07-01"},
    ]})  # fmt: skip


RESULTS = [UnitResult("a", 2023, D(70)), UnitResult("a", 2024, D(80)),
           UnitResult("b", 2024, D(90)), UnitResult("ab", 2026, D(88))]  # fmt: skip


def test_successor_series_names_its_method() -> None:
    org = merged()
    mean = successor_series(org, "ab", RESULTS, method=MeanOfPredecessors())
    assert [(p.year, p.index, p.method, p.missing) for p in mean.points] == [
        (2023, None, "mean-of-predecessors", ("b",)),
        (2024, D("85.00"), "mean-of-predecessors", ()),
        (2026, D(88), None, ()),
    ]
    by_population = WeightedPredecessors({"a": D(3), "b": D(1)}, "population")
    weighted = successor_series(org, "ab", RESULTS, method=by_population)
    assert weighted.points[1].index == D("82.50")
    assert weighted.method == "weighted-by-population"
    named = successor_series(org, "ab", RESULTS, method=NamedPredecessor("a"))
    assert [p.index for p in named.points] == [D("70.00"), D("80.00"), D(88)]
    assert named.records()[0]["derived"] is True
    with pytest.raises(LookupError):
        successor_series(org, "ab", RESULTS, method=NamedPredecessor("zz"))
    with pytest.raises(LookupError):
        successor_series(org, "ab", RESULTS, method=WeightedPredecessors({"a": D(1)}))


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
