"""The scoring engine: rules with their boundaries, score cards, rounds, laws, bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import cchc
from cchc import Assessment, Framework, ScoringError, datasets, score, score_round
from cchc.scoring import rank_indices
from cchc.testing import laws
from cchc.testing.strategies import assessment_rounds, assessments, frameworks, inputs_for


def framework_with(
    *leaves: dict[str, Any], places: int = 2, rounding: str = "half-up"
) -> Framework:
    total = sum((D(leaf["max_points"]) for leaf in leaves), D(0))
    return Framework.model_validate(
        {
            "code": "t",
            "title_vi": "Thử",
            "edition": "1/QĐ-UBND",
            "max_points": total,
            "places": places,
            "rounding": rounding,
            "bands": [
                {"code": "A", "label_vi": "Tốt", "label_en": "Good", "min_index": "90"},
                {"code": "B", "label_vi": "Khá", "label_en": "Fair", "min_index": "70"},
                {"code": "C", "label_vi": "Thấp", "label_en": "Low", "min_index": "0"},
            ],
            "nodes": [
                {"code": "1", "title_vi": "Lĩnh vực", "max_points": total, "children": list(leaves)}
            ],
        }
    )


def leaf(code: str, max_points: str, rule: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "title_vi": f"Tiêu chí {code}",
        "max_points": max_points,
        "rule": rule,
        **extra,
    }


def assess(framework: Framework, unit: str = "u", **fields: Any) -> Assessment:
    return Assessment.model_validate(
        {
            "unit": unit,
            "year": 2024,
            "framework": framework.code,
            "edition": framework.edition,
            **fields,
        }
    )


def points(rule: dict[str, Any], value: object, max_points: str = "2", **fw: Any) -> D:
    framework = framework_with(leaf("1.1", max_points, rule), **fw)
    return score(framework, assess(framework, inputs={"1.1": value})).total


TIERS = {"kind": "tiers", "tiers": [{"threshold": "1"}, {"threshold": "0.8", "fraction": "0.5"}]}


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        ({"kind": "binary"}, True, "2.00"),
        ({"kind": "binary"}, False, "0.00"),
        ({"kind": "binary", "when_false": "0.25"}, False, "0.50"),
        # tiers: ≥ 1 → full, 0.8 ≤ r < 1 → half, below → 0 (thresholds inclusive)
        (
            {
                "kind": "tiers",
                "tiers": [
                    {"threshold": "1", "fraction": "1"},
                    {"threshold": "0.8", "fraction": "0.5"},
                ],
            },
            "1",
            "2.00",
        ),
        (
            {
                "kind": "tiers",
                "tiers": [
                    {"threshold": "1", "fraction": "1"},
                    {"threshold": "0.8", "fraction": "0.5"},
                ],
            },
            "0.8",
            "1.00",
        ),
        (
            {
                "kind": "tiers",
                "tiers": [
                    {"threshold": "1", "fraction": "1"},
                    {"threshold": "0.8", "fraction": "0.5"},
                ],
            },
            "0.7999",
            "0.00",
        ),
        # an exclusive threshold: exactly 0.8 is not in the tier
        (
            {"kind": "tiers", "tiers": [{"threshold": "0.8", "inclusive": False, "points": "2"}]},
            "0.8",
            "0.00",
        ),
        (
            {"kind": "tiers", "tiers": [{"threshold": "0.8", "inclusive": False, "points": "2"}]},
            "0.8001",
            "2.00",
        ),
        (
            {"kind": "tiers", "on": "value", "tiers": [{"threshold": "100", "fraction": "1"}]},
            "150",
            "2.00",
        ),
        # count tiers: 4 meetings → 20, 3 → 15, 2 → 10, 1 → 5, else 0
        (
            {
                "kind": "count-tiers",
                "tiers": [
                    {"at_least": 4, "points": "20"},
                    {"at_least": 3, "points": "15"},
                    {"at_least": 2, "points": "10"},
                    {"at_least": 1, "points": "5"},
                ],
            },
            3,
            "15.00",
        ),
        (
            {
                "kind": "count-tiers",
                "tiers": [{"at_least": 4, "points": "20"}, {"at_least": 1, "points": "5"}],
            },
            0,
            "0.00",
        ),
        ({"kind": "proportional"}, "0.9523", "1.90"),  # 1.9046 half-up
        ({"kind": "proportional"}, "0.9525", "1.91"),  # 1.905 → 1.91 half-up
        ({"kind": "proportional-to-target", "target": "0.8"}, "0.6", "1.50"),
        ({"kind": "proportional-to-target", "target": "0.8"}, "0.9", "2.00"),
        ({"kind": "deduction", "per_event": "0.25"}, 3, "1.25"),
        ({"kind": "deduction", "per_event": "0.75"}, 5, "0.00"),  # floored at 0
        ({"kind": "timeliness", "month": 12, "day": 31, "year_offset": -1}, "2023-12-31", "2.00"),
        (
            {"kind": "timeliness", "month": 12, "day": 31, "year_offset": -1, "late": "0.5"},
            "2024-01-01",
            "1.00",
        ),
        (
            {"kind": "timeliness", "month": 12, "day": 31, "year_offset": -1, "late": "0.5"},
            "missing",
            "0.00",
        ),
        ({"kind": "survey"}, "85.48", "1.71"),  # 1.7096
        ({"kind": "manual"}, "1.5", "1.50"),
    ],
)
def test_rules_known_answers(rule: dict[str, Any], value: object, expected: str) -> None:
    max_points = "20" if rule["kind"] == "count-tiers" else "2"
    assert points(rule, value, max_points) == D(expected)


def test_sipas_is_worth_ten_points_as_percent_over_100() -> None:
    # National SIPAS 2023 was 82.66%: 8.266 points, published to 2 places half-up.
    assert points({"kind": "survey"}, "82.66", "10") == D("8.27")


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [("half-up", "1.91"), ("half-even", "1.90"), ("down", "1.90"), ("up", "1.91")],
)
def test_rounding_modes(rounding: str, expected: str) -> None:
    assert points({"kind": "proportional"}, "0.9525", rounding=rounding) == D(expected)


def test_fewer_places() -> None:
    assert points({"kind": "proportional"}, "0.9523", places=1) == D("1.9")


@pytest.mark.parametrize(
    ("rule", "value", "message"),
    [
        ({"kind": "binary"}, "0.5", "yes/no"),
        ({"kind": "proportional"}, True, "needs a number"),
        ({"kind": "proportional"}, "1.01", r"rate must lie in \[0, 1\]"),
        ({"kind": "proportional"}, "-0.01", r"rate must lie in \[0, 1\]"),
        ({"kind": "survey"}, "100.5", r"percentage must lie in \[0, 100\]"),
        ({"kind": "deduction", "per_event": "1"}, -1, "whole count"),
        ({"kind": "deduction", "per_event": "1"}, "1.5", "whole count"),
        ({"kind": "deduction", "per_event": "1"}, True, "needs a count"),
        ({"kind": "timeliness", "month": 1, "day": 31}, "1", "date"),
        ({"kind": "manual"}, "2.5", r"points must lie in \[0, 2\]"),
    ],
)
def test_wrong_inputs_name_unit_criterion_and_value(
    rule: dict[str, Any], value: object, message: str
) -> None:
    with pytest.raises(ScoringError, match=message) as caught:
        points(rule, value)
    error = caught.value
    assert (error.unit, error.criterion) == ("u", "1.1")
    assert "unit u, criterion 1.1" in str(error)
    assert isinstance(error, ValueError)


def two_leaves() -> Framework:
    return framework_with(
        leaf("1.1", "3", {"kind": "proportional"}),
        leaf("1.2", "1", {"kind": "binary"}, may_be_not_applicable=True),
    )


def test_not_applicable_leaves_the_denominator() -> None:
    framework = two_leaves()
    card = score(framework, assess(framework, inputs={"1.1": "0.5", "1.2": None}))
    assert (card.total, card.applicable_max, card.index) == (D("1.50"), D(3), D("50.00"))
    assert card.band == "C"
    assert not card.node("1.2").applicable
    assert card.node("1").applicable_max == 3


def test_appraisal_counts_and_self_inflation_is_reported() -> None:
    framework = two_leaves()
    assessment = assess(
        framework,
        inputs={"1.1": "1", "1.2": True},
        self_points={"1.1": "3", "1.2": "1"},
        appraisals={"1.1": {"points": "2.4", "reason": "Thiếu tài liệu", "appraiser": "Sở Nội vụ"}},
    )
    card = score(framework, assessment)
    node = card.node("1.1")
    assert (node.points, node.self_points, node.appraised_points) == (D("2.4"), D(3), D("2.4"))
    assert node.counted_from == "appraisal"
    assert node.self_minus_appraised == D("0.6")
    assert card.node("1.2").counted_from == "rule"
    assert card.total == D("3.4")
    assert card.index == D("85.00")
    [loss] = card.losses
    assert loss.criterion == "1.1"
    assert loss.lost == D("0.6")
    assert "Thiếu tài liệu" in loss.reason_vi
    assert "appraised at 2.4" in loss.explain("en")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"inputs": {"1.1": "1"}}, "1.2.*no input"),
        ({"inputs": {"1.1": None, "1.2": True}}, "not applicable, which it may not be"),
        ({"inputs": {"1.1": "1", "1.2": True, "9.9": "1"}}, "9.9.*not a leaf"),
        (
            {"inputs": {"1.1": "1", "1.2": True}, "appraisals": {"1": {"points": "1"}}},
            "appraisals names",
        ),
        (
            {"inputs": {"1.1": "1", "1.2": True}, "self_points": {"1.1": "3.5"}},
            "exceed the maximum 3",
        ),
        (
            {"inputs": {"1.1": "1", "1.2": None}, "appraisals": {"1.2": {"points": "1"}}},
            "declared not applicable",
        ),
    ],
)
def test_bad_assessments_are_refused_with_unit_and_criterion(
    fields: dict[str, Any], message: str
) -> None:
    framework = framework_with(
        leaf("1.1", "3", {"kind": "proportional"}, may_be_not_applicable=False),
        leaf("1.2", "1", {"kind": "binary"}, may_be_not_applicable=True),
    )
    with pytest.raises(ScoringError, match=message):
        score(framework, assess(framework, **fields))


def test_other_edition_and_all_not_applicable_are_refused() -> None:
    framework = two_leaves()
    other = assess(framework, inputs={"1.1": "1", "1.2": True}).model_copy(
        update={"edition": "2/QĐ-UBND"}
    )
    with pytest.raises(ScoringError, match="not t"):
        score(framework, other)
    framework = framework_with(leaf("1.1", "1", {"kind": "binary"}, may_be_not_applicable=True))
    with pytest.raises(ScoringError, match="no criterion applies"):
        score(framework, assess(framework, inputs={"1.1": None}))


def test_framework_validation() -> None:
    with pytest.raises(ValidationError, match="sum to 3 points, not its maximum 4"):
        Framework.model_validate(
            {
                "code": "t", "title_vi": "T", "edition": "1/QĐ-UBND", "max_points": "4",
                "nodes": [{"code": "1", "title_vi": "A", "max_points": "4",
                           "children": [leaf("1.1", "3", {"kind": "binary"})]}],
            }
        )  # fmt: skip
    with pytest.raises(ValidationError, match="appears more than once"):
        framework_with(leaf("1.1", "1", {"kind": "binary"}), leaf("1.1", "1", {"kind": "binary"}))
    with pytest.raises(ValidationError, match="has no rule"):
        framework_with({"code": "1.1", "title_vi": "x", "max_points": "1"})
    with pytest.raises(ValidationError, match="above its maximum"):
        framework_with(
            leaf("1.1", "1", {"kind": "tiers", "tiers": [{"threshold": "1", "points": "2"}]})
        )
    with pytest.raises(ValidationError, match="highest threshold down"):
        framework_with(
            leaf(
                "1.1",
                "1",
                {
                    "kind": "tiers",
                    "tiers": [
                        {"threshold": "0.5", "fraction": "0.5"},
                        {"threshold": "0.8", "fraction": "1"},
                    ],
                },
            )
        )
    with pytest.raises(ValidationError, match="the lowest band must start at 0"):
        Framework.model_validate(
            {**framework_with(leaf("1.1", "1", {"kind": "binary"})).model_dump(),
             "bands": [{"code": "A", "label_vi": "A", "label_en": "A", "min_index": "50"}]}
        )  # fmt: skip


def test_rank_ties_share_the_better_rank() -> None:
    assert rank_indices([D(80), D(90), D(80), D(70)]) == [2, 1, 2, 4]
    assert rank_indices([]) == []


@given(st.lists(st.decimals(0, 100, places=2), max_size=30))
def test_ranks_are_competition_ranks(indices: list[D]) -> None:
    ranks = rank_indices(indices)
    for value, rank in zip(indices, ranks, strict=True):
        assert rank == 1 + sum(other > value for other in indices)


def test_round_ranks_moves_and_inflation_on_the_illustrative_round() -> None:
    framework = datasets.framework("illustrative-district")
    before = score_round(framework, datasets.assessment_round("huong-son-communes-2023"))
    now = score_round(
        framework, datasets.assessment_round("huong-son-communes-2024"), previous=before
    )
    assert len(now.rows) == 25
    assert [r.rank for r in now.rows] == sorted(r.rank for r in now.rows)
    top = now.rows[0]
    assert top.rank == 1
    assert top.movement is not None
    old = before.row(top.unit)
    assert top.movement.rank_change == old.rank - top.rank
    assert top.movement.points_change == top.points - old.points
    assert now.inflation
    assert all(r.difference != 0 for r in now.inflation)
    records = now.records()
    assert records[0]["unit"] == top.unit
    assert "movement_rank_change" in records[0]
    assert now.to_markdown("en").startswith("| Rank | Unit |")


def test_round_refuses_a_unit_twice() -> None:
    framework = two_leaves()
    one = assess(framework, inputs={"1.1": "1", "1.2": True})
    with pytest.raises(ScoringError, match="more than once"):
        score_round(framework, [one, one])


def test_the_illustrative_framework_uses_every_rule_kind() -> None:
    framework = datasets.framework("illustrative-district")
    kinds = {leaf.rule.kind for leaf in framework.leaves() if leaf.rule is not None}
    assert kinds == {
        "binary", "tiers", "count-tiers", "proportional", "proportional-to-target",
        "deduction", "timeliness", "survey", "manual",
    }  # fmt: skip
    assert framework.illustrative
    assert 35 <= len(framework.leaves()) <= 45


@pytest.mark.parametrize("name", datasets.FRAMEWORKS)
def test_built_in_frameworks_obey_the_laws(name: str) -> None:
    laws.law_suite(datasets.framework(name), max_examples=10)()


def test_known_structures_of_built_in_frameworks() -> None:
    par876 = datasets.framework("par-index-province-876")
    impact = par876.node("impact")
    assert [(c.code, c.max_points) for c in impact.children] == [
        ("sipas", D(10)), ("leaders", D(22)), ("socio-economic", D("6.5")),
    ]  # fmt: skip
    assert par876.node("appraised").max_points == D("61.5")
    assert [b.min_index for b in par876.bands][:3] == [D(90), D(80), D(70)]
    par2948 = datasets.framework("par-index-province-2948")
    assert [n.max_points for n in par2948.nodes] == [
        D(x) for x in ("10", "10", "14.5", "11", "16", "7", "16", "15.5")
    ]
    central = datasets.framework("ha-tinh-52-2019-central-agencies")
    assert central.max_points == 60
    communes = datasets.framework("ha-tinh-52-2019-communes")
    assert [n.max_points for n in communes.nodes] == [D(70), D(30)]


@given(frameworks(), st.data())
def test_generated_frameworks_obey_the_laws(framework: Framework, data: st.DataObject) -> None:
    laws.check_bands_continuous(framework)
    laws.check_round_trip(framework)
    assessment = data.draw(assessments(framework))
    laws.check_score_laws(framework, assessment)
    criterion = data.draw(st.sampled_from(framework.leaves())).code
    laws.check_not_applicable(framework, assessment, criterion)
    leaf = data.draw(st.sampled_from(framework.leaves()))
    pair = data.draw(st.lists(inputs_for(leaf), min_size=2, max_size=2))
    if "missing" not in pair:
        low, high = sorted(pair, key=lambda v: (v is None, v))
        laws.check_monotone(framework, leaf, low, high)


@given(assessment_rounds())
def test_rounds_are_order_independent_and_round_trip(
    pair: tuple[Framework, cchc.AssessmentRound],
) -> None:
    framework, round_ = pair
    laws.check_ranking_order_independent(framework, round_.assessments, seed=1)
    laws.check_round_trip(round_)
    ranking = score_round(framework, round_)
    assert {r.unit for r in ranking.rows} == {a.unit for a in round_.assessments}


def test_timeliness_deadline_on_29_february() -> None:
    rule = cchc.documents.TimelinessRule(month=2, day=29)
    assert rule.deadline(2024) == dt.date(2024, 2, 29)
    assert rule.deadline(2023) == dt.date(2023, 2, 28)


# --- the batch path gives the same digits as the exact path ------------------------------


@given(assessment_rounds(max_units=8))
def test_batch_scoring_matches_the_decimal_engine(
    pair: tuple[Framework, cchc.AssessmentRound],
) -> None:
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    framework, round_ = pair
    slow = score_round(framework, round_)
    fast = score_table(RoundTable.from_assessments(framework, round_))
    assert fast.rows == slow.rows


def test_batch_scoring_refuses_what_score_refuses() -> None:
    from cchc.scoring.table import RoundTable

    framework = two_leaves()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"inputs": {"1.1": "1.5", "1.2": True}}, r"rate must lie in \[0, 1\]"),
        ({"inputs": {"1.1": "1"}}, "no input"),
        (
            {"inputs": {"1.1": "1", "1.2": True}, "appraisals": {"1.1": {"points": "3.001"}}},
            "exceed",
        ),
        ({"inputs": {"1.1": "1", "1.2": True}, "self_points": {"1.1": "2.001"}}, "decimal places"),
        ({"inputs": {"1.1": True, "1.2": True}}, "needs a number"),
    ]
    for fields, message in cases:
        one = assess(framework, unit="x", **fields)
        with pytest.raises(ScoringError, match=message) as slow:
            score(framework, one)
        with pytest.raises(ScoringError, match=message) as fast:
            RoundTable.from_assessments(framework, [one])
        assert (fast.value.unit, fast.value.criterion) == (slow.value.unit, slow.value.criterion)
