"""Laws of accountability (Hypothesis) and Decree 335/2025's rules computed by hand."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc import datasets as builtin
from cchc.accountability import (
    PointsBreakdown,
    QuotaCandidate,
    UnitResult,
    attribute,
    attribute_year,
    places,
    points_for,
    recommend,
)
from cchc.accountability._quota import apply_quota
from cchc.documents import Organisation
from cchc.documents.performance import PerformanceRecord, TargetTally
from cchc.documents.policy import (
    BandBarRule,
    PointsRule,
    Policy,
    QuotaRule,
    ViolationRule,
    level_below,
)
from cchc.testing._accountability_strategies import (
    BANDS,
    VIOLATIONS,
    head_registers,
    performance_records,
    policies,
    policy_rules,
    unit_results,
)
from cchc.vocabulary import RatingLevel

HTXS, HTT, HT, KHT = RatingLevel.HTXS, RatingLevel.HTT, RatingLevel.HT, RatingLevel.KHT
DECREE_335 = builtin.policy("decree-335-2025")
POINTS = next(r for r in DECREE_335.rules if isinstance(r, PointsRule))


def record(general: str, *products: dict[str, Any], **extra: Any) -> PerformanceRecord:
    items = [{"code": f"p{i}", **p} for i, p in enumerate(products)]
    return PerformanceRecord.model_validate(
        {"subject": "o", "year": 2026, "general_points": general, "products": items, **extra}
    )


def done(errors: int = 0, delays: int = 0, weight: str = "1") -> dict[str, Any]:
    return {"completed": True, "quality_errors": errors, "delays": delays, "weight": weight}


UNDONE = {"completed": False}

# --- Decree 335/2025, by hand ----------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "products", "general", "expected"),
    [
        # every product done on time and right: 70 task points
        ("clean", [done(), done(), done(), done()], "25", ("1", "1", "1", "70.00", "95.00", HTXS)),
        # P1 clean; P2 one quality error (−25% of its quality points); P3 two delays (−50% of
        # its progress points); P4 not done: quantity 3/4, quality 2.75/4, progress 2.5/4;
        # 70 × (3 + 2.75 + 2.5) / 12 = 48.125 → 48.13
        ("mixed", [done(), done(errors=1), done(delays=2), UNDONE], "27",
         ("3/4", "11/16", "5/8", "48.13", "75.13", HTT)),
        # five errors lose all of a product's quality points, never more: 70 × 2/3 = 46.67
        ("floored", [done(errors=5)], "30", ("1", "0", "1", "46.67", "76.67", HTT)),
        # a converted weight of 2 counts twice: quantity 2/3, progress (2·0.75)/3 = 1/2
        ("weights", [done(delays=1, weight="2"), UNDONE], "20",
         ("2/3", "2/3", "1/2", "42.78", "62.78", HT)),
        ("nothing done", [UNDONE, UNDONE], "30", ("0", "0", "0", "0.00", "30.00", KHT)),
    ],
)  # fmt: skip
def test_decree_335_points_by_hand(
    case: str, products: list[dict[str, Any]], general: str, expected: tuple[Any, ...]
) -> None:
    p = points_for(POINTS, record(general, *products))
    quantity, quality, progress, task, total, level = expected
    assert (p.quantity, p.quality, p.progress) == tuple(
        Fraction(x) for x in (quantity, quality, progress)
    ), case
    assert (p.task, p.total, p.level) == (D(task), D(total), level), case


@pytest.mark.parametrize(
    ("general", "level"),
    [("20", HTXS), ("19.99", HTT), ("0", HTT), ("30", HTXS)],
)
def test_decree_335_boundaries_with_full_task_points(general: str, level: RatingLevel) -> None:
    assert points_for(POINTS, record(general, done())).level is level


@pytest.mark.parametrize(
    ("total", "level"),
    [("90", HTXS), ("89.99", HTT), ("70", HTT), ("69.99", HT), ("50", HT), ("49.99", KHT)],
)
def test_decree_335_levels(total: str, level: RatingLevel) -> None:
    assert POINTS.level_for(D(total)) is level


def _register(count: int) -> Organisation:
    return Organisation.model_validate({
        "code": "r",
        "units": [{"code": "x", "name_vi": "Xã X", "kind": "commune"}],
        "agencies": [{"code": "x-ubnd", "name_vi": "UBND xã X", "kind": "peoples_committee",
                      "unit": "x"}],
        "officials": [{"id": f"o{i:02d}", "full_name": f"Người {i}"} for i in range(count)],
        "posts": [{"code": "cv", "agency": "x-ubnd", "title_vi": "Công chức"}],
        "tenures": [{"official": f"o{i:02d}", "post": "cv", "start": "2025-01-01"}
                    for i in range(count)],
    })  # fmt: skip


def _rated(points: list[str]) -> dict[str, RatingLevel | None]:
    """Civil servants of one agency with these totals (general points + 70 task points)."""
    org = _register(len(points))
    records = [
        record(str(D(total) - 70), done()).model_copy(update={"subject": f"o{i:02d}"})
        for i, total in enumerate(points)
    ]
    result = recommend(DECREE_335, year=2026, organisation=org, records=records)
    return {s.subject: s.rating for s in result.subjects}


def test_decree_335_quota_is_a_fifth_of_those_finally_rated_htt() -> None:
    # 12 reach HTT or better, 3 of them HTXS by points: k ≤ 20% × (12 − k) gives 2 places
    totals = ["99", "95", "92"] + ["80"] * 9
    ratings = _rated(totals)
    assert [ratings[f"o{i:02d}"] for i in range(3)] == [HTXS, HTXS, HTT]
    assert sum(r is HTXS for r in ratings.values()) * 5 <= sum(r is HTT for r in ratings.values())
    # 5 at HTT or better: one HTXS would be 1 > 20% × 4, so none
    assert list(_rated(["95", "80", "80", "80", "80"]).values()).count(HTXS) == 0
    # 6 at HTT or better: one place (1 ≤ 20% × 5)
    assert list(_rated(["95", "91", "80", "80", "80", "80"]).values()) == [HTXS] + [HTT] * 5


def test_decree_335_listed_violation_overrides_points() -> None:
    org = _register(1)
    bad = record("30", done(), violations=("discipline",)).model_copy(update={"subject": "o00"})
    (subject,) = recommend(DECREE_335, year=2026, organisation=org, records=[bad]).subjects
    assert subject.rating is KHT
    assert subject.cap is KHT
    assert "reprimand" in subject.why("en")
    assert subject.points is not None
    assert subject.points.total == D("100.00")


@pytest.mark.parametrize(
    ("basis", "share", "counted", "expected"),
    [("next-level", "0.2", 12, 2), ("next-level", "0.2", 5, 0), ("next-level", "0.2", 6, 1),
     ("next-level-or-better", "0.2", 5, 1), ("rated", "0.2", 9, 1), ("rated", "0", 9, 0),
     ("rated", "1", 4, 4)],
)  # fmt: skip
def test_places(basis: Any, share: str, counted: int, expected: int) -> None:
    assert places(basis, D(share), counted) == expected


# --- laws ------------------------------------------------------------------------------


@given(head_registers(), st.integers(2022, 2025))
def test_attribution_shares_sum_to_one(organisation: Organisation, year: int) -> None:
    for agency in organisation.agencies:
        if agency.code == "d-ubnd":
            continue
        attribution = attribute_year(organisation, agency.code, year)
        assert sum(s.share for s in attribution.shares) == 1
        assert sum(s.days for s in attribution.shares) == attribution.days
        assert all(s.days > 0 for s in attribution.shares)


@given(head_registers(communes=st.just(1)), st.dates(dt.date(2023, 1, 1), dt.date(2025, 6, 1)),
       st.integers(1, 400))  # fmt: skip
def test_attribution_of_any_period_sums_to_one(
    organisation: Organisation, start: dt.date, days: int
) -> None:
    attribution = attribute(organisation, "x0-ubnd", start, start + dt.timedelta(days=days))
    assert sum(s.share for s in attribution.shares) == 1
    assert attribution.days == days


def _better_result(draw: Any, result: UnitResult) -> UnitResult:
    assert result.index is not None
    index = draw(st.decimals(result.index, 100, places=2))
    band = next(b.code for b in BANDS if index >= b.min_index)
    steps = None if result.band_steps is None else draw(st.integers(result.band_steps, 4))
    return UnitResult(result.unit, result.year, index, band, result.rank, result.ranked, steps)


def _better_record(draw: Any, r: PerformanceRecord) -> PerformanceRecord:
    assert r.general_points is not None
    assert r.targets is not None
    products = tuple(
        p.model_copy(update={"completed": p.completed or draw(st.booleans()),
                             "quality_errors": draw(st.integers(0, p.quality_errors)),
                             "delays": draw(st.integers(0, p.delays))})
        for p in r.products
    )  # fmt: skip
    met = draw(st.integers(r.targets.met, r.targets.assigned))
    exceeded = draw(st.integers(r.targets.exceeded, met))
    managed = r.managed_units and tuple(
        m.model_copy(update={"rating": max(m.rating, draw(st.sampled_from(list(RatingLevel))))})
        for m in r.managed_units
    )  # fmt: skip
    return r.model_copy(update={
        "general_points": draw(st.decimals(r.general_points, 30, places=2)), "products": products,
        "targets": TargetTally(assigned=r.targets.assigned, met=met, exceeded=exceeded),
        "managed_units": managed, "violations": () if draw(st.booleans()) else r.violations,
    })  # fmt: skip


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    organisation = draw(head_registers(communes=st.integers(1, 3)))
    units = [u.code for u in organisation.units if u.code != "d"]
    results = [draw(unit_results(unit=u)) for u in units]
    start, end = dt.date(2024, 1, 1), dt.date(2025, 1, 1)
    heads = sorted({t.official for t in organisation.tenures
                    if t.start < end and (t.end is None or t.end > start)})  # fmt: skip
    chosen = [draw(policies(code="p1")), draw(policies(code="p2"))]
    listed = any(isinstance(r, ViolationRule) for p in chosen for r in p.rules)
    violations = st.lists(st.sampled_from(VIOLATIONS), max_size=1).map(tuple)
    records = [draw(performance_records(subject=st.just(h),
                                        violations=violations if listed else st.just(())))
               for h in heads if draw(st.booleans())]  # fmt: skip
    return {
        "policies": chosen,
        "year": 2024,
        "organisation": organisation,
        "results": results,
        "records": records,
        "bands": BANDS,
    }


def _caps(inputs: dict[str, Any]) -> dict[str, RatingLevel | None]:
    return {s.subject: s.cap for s in recommend(**inputs).subjects}


def _monotone(policies: list[Any]) -> bool:
    """No rule bars one band alone above the lowest: climbing into it would lower the cap."""
    lowest = BANDS[-1].code
    return not any(
        isinstance(rule, BandBarRule) and not rule.at_or_below and rule.band != lowest
        for policy in policies
        for rule in policy.rules
    )


@given(scenarios(), st.data())
def test_better_results_never_lower_the_cap(inputs: dict[str, Any], data: st.DataObject) -> None:
    assume(_monotone(inputs["policies"]))  # a bar on band C alone is not monotone, by design
    before = _caps(inputs)
    better = {
        **inputs,
        "results": [_better_result(data.draw, r) for r in inputs["results"]],
        "records": [_better_record(data.draw, r) for r in inputs["records"]],
    }
    after = _caps(better)
    for subject, cap in before.items():
        if cap is None:  # not rated: only service decides that, and results do not change it
            assert after[subject] is None
        else:
            assert after[subject] is not None
            assert after[subject] >= cap


@given(scenarios())
def test_quotas_are_never_exceeded(inputs: dict[str, Any]) -> None:
    result = recommend(**inputs)
    rules = [r for p in inputs["policies"] for r in p.rules if isinstance(r, QuotaRule)]
    final = {s.subject: s.rating for s in result.subjects}
    for quota in result.quotas:
        assert len(quota.granted) <= quota.allowed
        assert all(final[c] is not None and final[c] < quota.rating for c in quota.demoted)
        if len(rules) > 1:
            continue  # a later quota may move members again; each still kept its bound
        members = [final[s.subject] for s in result.subjects if s.quota_group == quota.group]
        ratings = [r for r in members if r is not None]
        at_level = sum(1 for r in ratings if r == quota.rating)
        below = level_below(quota.rating)
        if quota.basis == "rated":
            assert at_level <= quota.share * len(ratings)
        elif quota.basis == "next-level":
            assert at_level <= quota.share * sum(1 for r in ratings if r == below)
        else:
            assert at_level <= quota.share * sum(1 for r in ratings if r >= below)


@given(scenarios(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_input_order(inputs: dict[str, Any], rnd: random.Random) -> None:
    first = recommend(**inputs)
    org: Organisation = inputs["organisation"]
    shuffled_org = org.model_copy(update={
        key: tuple(rnd.sample(getattr(org, key), len(getattr(org, key))))
        for key in ("units", "agencies", "officials", "posts", "tenures")
    })  # fmt: skip
    shuffled = {
        **inputs,
        "organisation": shuffled_org,
        "results": rnd.sample(inputs["results"], len(inputs["results"])),
        "records": rnd.sample(inputs["records"], len(inputs["records"])),
        "policies": rnd.sample(inputs["policies"], 2),
    }
    second = recommend(**shuffled)
    assert first.records() == second.records()
    assert first.unit_records() == second.unit_records()
    assert first.quota_records() == second.quota_records()
    assert [s.reasons for s in first.subjects] == [s.reasons for s in second.subjects]


@given(policies())
def test_policy_json_round_trip(policy: Policy) -> None:
    assert Policy.model_validate_json(policy.model_dump_json()) == policy


@given(performance_records(violations=st.just(("discipline",))))
def test_record_json_round_trip(item: PerformanceRecord) -> None:
    assert PerformanceRecord.model_validate_json(item.model_dump_json()) == item


@given(performance_records(), policy_rules().filter(lambda r: isinstance(r, PointsRule)))
def test_points_stay_within_the_scale(item: PerformanceRecord, rule: Any) -> None:
    p: PointsBreakdown = points_for(rule, item)
    assert 0 <= p.task <= rule.task_max
    assert p.total == p.general + p.task
    assert all(0 <= x <= 1 for x in (p.quantity, p.quality, p.progress))
    assert p.level is rule.level_for(p.total)


@given(
    st.lists(
        st.tuples(st.sampled_from(list(RatingLevel)), st.none() | st.decimals(0, 100, places=1)),
        max_size=20,
    ),
    st.decimals(0, 1, places=2),
    st.sampled_from(["rated", "next-level", "next-level-or-better"]),
    st.sampled_from([HTXS, HTT, HT]),
    st.randoms(use_true_random=False),
)  # fmt: skip
def test_a_quota_keeps_its_bound_in_any_group(
    drawn: list[tuple[RatingLevel, D | None]], share: D, basis: Any, level: RatingLevel,
    rnd: random.Random,
) -> None:  # fmt: skip
    rule = QuotaRule(code="q", instrument="1/QĐ-UBND", rating=level, share=share, basis=basis)
    host = Policy(code="p", title_vi="Thử", instrument="1/QĐ-UBND", rules=(rule,))
    members = [(QuotaCandidate(f"s{i:02d}", points, None, None), rating)
               for i, (rating, points) in enumerate(drawn)]  # fmt: skip
    outcome, reasons = apply_quota(host, rule, share, "g", members)
    final = [reasons[c.subject].cap or rating if c.subject in reasons else rating
             for c, rating in members]  # fmt: skip
    kept = sum(1 for r in final if r == level)
    below = level_below(level)
    base = {"rated": len(final), "next-level": sum(1 for r in final if r == below),
            "next-level-or-better": sum(1 for r in final if r >= below)}[basis]  # fmt: skip
    assert kept == len(outcome.granted) <= outcome.allowed
    assert kept <= share * base
    again, _ = apply_quota(host, rule, share, "g", rnd.sample(members, len(members)))
    assert again == outcome
    points = [c.points for c in outcome.candidates]
    assert all(p is not None for p in points[: len([p for p in points if p is not None])])
