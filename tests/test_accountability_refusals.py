"""Accountability: bad registers, results, records and policies are refused with their paths."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from pydantic import ValidationError

from _accountability_helpers import BAR, CAP, HTT, policy, register
from cchc import CchcError
from cchc.accountability import (
    AccountabilityError,
    UnitResult,
    attribute_year,
    check_accountability,
    recommend,
)
from cchc.documents.performance import PerformanceRecord
from cchc.testing._accountability_strategies import BANDS

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
