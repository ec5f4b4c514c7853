"""The scoring engine: ranks and rounds, built-in frameworks, laws, and the batch path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import cchc
from _scoring_helpers import assess, framework_with, leaf, two_leaves
from cchc import Framework, ScoringError, datasets, score, score_round
from cchc.scoring import rank_indices
from cchc.testing import laws
from cchc.testing.strategies import assessment_rounds, assessments, frameworks, inputs_for


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
    # The same digits, not only equal numbers: 100 stays 100, 2.50 stays 2.50.
    assert repr(fast.rows) == repr(slow.rows)
    assert repr(fast.records()) == repr(slow.records())
    assert fast.ranking().to_markdown("en") == slow.to_markdown("en")
    assert [fast._row_at(i) for i in range(len(fast.units))] == list(slow.rows)


@given(assessment_rounds(max_units=6), st.data())
def test_both_paths_refuse_a_unit_assessed_twice(
    pair: tuple[Framework, cchc.AssessmentRound], data: st.DataObject
) -> None:
    from cchc.scoring.table import RoundTable

    framework, round_ = pair
    items = list(round_.assessments)
    assume(items)
    twice = data.draw(st.sampled_from(items))
    items.insert(data.draw(st.integers(0, len(items))), twice)
    with pytest.raises(ScoringError, match="assessed more than once") as slow:
        score_round(framework, items)
    with pytest.raises(ScoringError, match="assessed more than once") as fast:
        RoundTable.from_assessments(framework, items)
    assert slow.value.unit == fast.value.unit == twice.unit


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


BAD_INPUTS = st.sampled_from(
    ["x", "missing", -1, 3, True, False, D("-1"), D("2.5"), D("150"), D("0.5"), None, "absent",
     dt.date(2024, 3, 1)]
)  # fmt: skip


@given(assessment_rounds(max_units=4), st.data())
def test_both_paths_accept_and_refuse_the_same_inputs(
    pair: tuple[Framework, cchc.AssessmentRound], data: st.DataObject
) -> None:
    """One input changed to anything: both paths score it alike or refuse it alike."""
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    framework, round_ = pair
    assume(round_.assessments)
    victim = data.draw(st.sampled_from(round_.assessments))
    code = data.draw(st.sampled_from([leaf.code for leaf in framework.leaves()]))
    value = data.draw(BAD_INPUTS)
    inputs: dict[str, object] = {k: v for k, v in victim.inputs.items() if k != code}
    if value != "absent":
        inputs[code] = value
    try:
        changed = victim.model_validate({**victim.model_dump(), "inputs": inputs})
    except ValueError:
        return  # the document itself refuses it: neither path sees it
    items = [changed if a is victim else a for a in round_.assessments]
    try:
        slow = score_round(framework, items)
    except ScoringError as refused:
        with pytest.raises(ScoringError) as fast:
            score_table(RoundTable.from_assessments(framework, items))
        assert (fast.value.unit, fast.value.criterion) == (refused.unit, refused.criterion)
        return
    fast_rows = score_table(RoundTable.from_assessments(framework, items)).rows
    assert repr(fast_rows) == repr(slow.rows)


@pytest.mark.parametrize("rounding", ["half-up", "half-even", "down", "up"])
@pytest.mark.parametrize(
    ("rule", "value"),
    [
        # coefficients past 2**63 once multiplied: computed exactly, not wrapped around
        ({"kind": "proportional-to-target", "target": "0.333333333333"}, D("0.123456789")),
        ({"kind": "tiers", "on": "value", "tiers": [{"threshold": "1E-10", "fraction": "1"}]},
         1_000_000_000),
        ({"kind": "deduction", "per_event": "0.25"}, 10**15 - 1),  # the largest count
        ({"kind": "proportional"}, D("0.9500000000")),  # ten places, but only two count
    ],
)  # fmt: skip
def test_batch_path_has_no_overflow(rule: dict[str, Any], value: object, rounding: str) -> None:
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    framework = framework_with(leaf("1.1", "100", rule), rounding=rounding)
    items = [assess(framework, inputs={"1.1": value})]
    fast = score_table(RoundTable.from_assessments(framework, items))
    assert repr(fast.rows) == repr(score_round(framework, items).rows)


def test_inputs_too_large_for_64_bits_are_refused_by_name() -> None:
    from cchc.scoring.table import RoundTable

    rule = {"kind": "tiers", "on": "value", "tiers": [{"threshold": "1E+9", "fraction": "1"}]}
    framework = framework_with(leaf("1.1", "10", rule))
    # 10 whole digits and 9 places: 10**19 in fixed point, past the 64-bit columns
    items = [assess(framework, inputs={"1.1": D("9999999999.123456789")})]
    assert score_round(framework, items).rows[0].points == 10
    with pytest.raises(ScoringError, match="too large to batch-score") as refused:
        RoundTable.from_assessments(framework, items)
    assert (refused.value.unit, refused.value.criterion) == ("u", "1.1")


def test_a_framework_too_large_for_64_bits_is_refused_by_name() -> None:
    """The batch path refuses, naming the maximum; the card path scores it exactly."""
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    framework = framework_with(leaf("1.1", "900000000000000", {"kind": "proportional"}), places=6)
    items = [assess(framework, inputs={"1.1": D("0.1234567890123456789012345678")})]
    assert score_round(framework, items).rows[0].points == D("111111110111111.111011")
    for build in (
        lambda: RoundTable.from_assessments(framework, items),
        lambda: score_table(RoundTable.from_assessments(framework, [])),
    ):
        with pytest.raises(ScoringError, match="maximum of 900000000000000 points at 6 places"):
            build()


@pytest.mark.parametrize(("value", "points"), [("0.81", "4.00"), ("0.8", "2.00"), ("0.79", "0.00")])
def test_above_then_at_one_threshold(value: str, points: str) -> None:
    """Tiers "> 0.8" then "≥ 0.8": exactly 0.8 earns the second, on both paths."""
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    rule = {"kind": "tiers", "tiers": [
        {"threshold": "0.8", "inclusive": False, "fraction": "1"},
        {"threshold": "0.8", "fraction": "0.5"},
    ]}  # fmt: skip
    framework = framework_with(leaf("1.1", "4", rule))
    items = [assess(framework, inputs={"1.1": D(value)})]
    (row,) = score_round(framework, items).rows
    assert row.points == D(points)
    assert score_table(RoundTable.from_assessments(framework, items)).rows == (row,)


def test_appraised_points_are_written_with_the_frameworks_places() -> None:
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    framework = framework_with(leaf("1.1", "10", {"kind": "manual"}))
    items = [assess(framework, inputs={"1.1": D("7")}, appraisals={"1.1": {"points": "5"}})]
    slow = score_round(framework, items)
    assert str(slow.cards[0].total) == str(slow.rows[0].points) == "5.00"
    assert repr(score_table(RoundTable.from_assessments(framework, items)).rows) == repr(slow.rows)


def test_the_previous_round_must_be_of_an_earlier_year() -> None:
    from cchc.report import build_report

    framework = datasets.framework("illustrative-district")
    now = score_round(framework, datasets.assessment_round("huong-son-communes-2024"))
    before = score_round(framework, datasets.assessment_round("huong-son-communes-2023"))
    with pytest.raises(ValueError, match="previous round is of 2024, not before 2024"):
        score_round(framework, datasets.assessment_round("huong-son-communes-2024"), previous=now)
    with pytest.raises(ValueError, match="previous round is of 2024, not before 2023"):
        build_report(framework, before, previous=now, generated_on=dt.date(2025, 3, 1))
    assert score_round(framework, [], previous=now).rows == ()  # nothing to compare


def test_no_overflow_in_the_index_or_in_coefficients_alone() -> None:
    """Points x 1000 at 6 places pass 2**63 once x 100; a 1E-25 threshold is a huge
    denominator even on a column of zeros: both are computed exactly."""
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    big = framework_with(
        leaf("1.1", "100000", {"kind": "proportional"}),
        leaf("1.2", "4", {"kind": "tiers", "tiers": [{"threshold": "1E-25", "fraction": "1"}]}),
        places=6,
    )
    items = [
        assess(big, unit="a", inputs={"1.1": D("0.83197240"), "1.2": D(0)}),
        assess(big, unit="b", inputs={"1.1": D("0.5"), "1.2": D(0)}),
    ]
    slow = score_round(big, items)
    assert repr(score_table(RoundTable.from_assessments(big, items)).rows) == repr(slow.rows)
    assert slow.rows[0].index == D("83.193912")  # 83,197.24 / 100,004 × 100


def test_the_batch_path_names_the_error_the_card_path_meets_first() -> None:
    """Columns are encoded leaf by leaf, but the error named is the first unit's first."""
    from cchc.scoring.table import RoundTable

    framework = two_leaves()
    items = [
        assess(framework, unit="a", inputs={"1.1": D("0.5"), "1.2": D("0.5")}),  # 1.2: yes/no
        assess(framework, unit="b", inputs={"1.1": D("2"), "1.2": True}),  # 1.1: rate > 1
    ]
    with pytest.raises(ScoringError) as slow:
        score_round(framework, items)
    with pytest.raises(ScoringError) as fast:
        RoundTable.from_assessments(framework, items)
    assert (fast.value.unit, fast.value.criterion) == (slow.value.unit, slow.value.criterion)
    assert (fast.value.unit, fast.value.criterion) == ("a", "1.2")


def test_a_range_error_of_an_earlier_unit_is_named_before_a_later_units_error() -> None:
    from cchc.scoring.table import RoundTable

    framework = two_leaves()
    items = [
        assess(framework, unit="a", inputs={"1.1": D("2"), "1.2": True}),  # rate > 1
        assess(framework, unit="b", inputs={"1.1": D("0.5"), "1.2": D("0.5")}),  # not yes/no
    ]
    with pytest.raises(ScoringError) as slow:
        score_round(framework, items)
    with pytest.raises(ScoringError) as fast:
        RoundTable.from_assessments(framework, items)
    assert str(fast.value) == str(slow.value)
    assert (fast.value.unit, fast.value.criterion) == ("a", "1.1")


def test_both_paths_check_unknown_criteria_in_the_same_order() -> None:
    """Self-assessed points are checked before appraisals on both paths (they once differed)."""
    from cchc.scoring.table import RoundTable

    framework = two_leaves()
    item = assess(
        framework,
        inputs={"1.1": D("0.5"), "1.2": True},
        self_points={"9.1": "1"},
        appraisals={"9.2": {"points": "1"}},
    )
    with pytest.raises(ScoringError) as slow:
        score_round(framework, [item])
    with pytest.raises(ScoringError) as fast:
        RoundTable.from_assessments(framework, [item])
    assert str(fast.value) == str(slow.value)
    assert slow.value.criterion == "9.1"
