"""Scoring rules at their edges: zero shares, range ends, refusals, and laws of each rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _scoring_helpers import assess, framework_with, leaf
from cchc import ScoreCard, ScoringError, score


def card(rule: dict[str, Any], value: object, max_points: str = "2", **fields: Any) -> ScoreCard:
    framework = framework_with(leaf("1.1", max_points, rule))
    return score(framework, assess(framework, inputs={"1.1": value}, **fields))


def points(rule: dict[str, Any], value: object, max_points: str = "2") -> D:
    return card(rule, value, max_points).total


def refusal(rule: dict[str, Any], value: object, max_points: str = "2") -> ScoringError:
    with pytest.raises(ScoringError) as caught:
        card(rule, value, max_points)
    error = caught.value
    assert (error.unit, error.criterion) == ("u", "1.1")
    return error


# --- Shares of zero, and shares of the maximum --------------------------------------------


def test_a_tier_worth_a_fraction_of_zero_gives_no_points() -> None:
    rule = {
        "kind": "tiers",
        "tiers": [{"threshold": "0.9", "fraction": "1"}, {"threshold": "0.5", "fraction": "0"}],
    }
    assert points(rule, "0.6") == 0
    assert points(rule, "0.95") == D("2.00")
    assert card(rule, "0.6").losses[0].lost == D("2.00")


def test_a_count_tier_worth_a_fraction_of_zero_gives_no_points() -> None:
    rule = {
        "kind": "count-tiers",
        "tiers": [{"at_least": 3, "fraction": "0.5"}, {"at_least": 1, "fraction": "0"}],
    }
    assert points(rule, 1, "8") == 0
    assert points(rule, 3, "8") == D("4.00")  # the fraction is of this criterion's maximum


def test_below_every_tier_earns_the_otherwise_share_of_the_maximum() -> None:
    rule = {"kind": "tiers", "tiers": [{"threshold": "0.8", "points": "4"}], "otherwise": "0.25"}
    assert points(rule, "0.5", "4") == D("1.00")  # 0.25 × 4, not 0.25 / 4
    assert points(rule, "0.5", "10") == D("2.50")


def test_late_and_on_time_are_shares_of_the_maximum() -> None:
    rule = {"kind": "timeliness", "month": 3, "day": 31, "on_time": "0.8", "late": "0.3"}
    assert points(rule, "2024-03-31", "5") == D("4.00")  # the deadline day is on time
    assert points(rule, "2024-04-01", "5") == D("1.50")


# --- The ends of each input's range -------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        ({"kind": "proportional"}, "0", "0.00"),
        ({"kind": "proportional"}, "1", "2.00"),
        ({"kind": "proportional-to-target", "target": "0.5"}, "0", "0.00"),
        ({"kind": "proportional-to-target", "target": "0.5"}, "1", "2.00"),
        ({"kind": "proportional-to-target", "target": "0.5"}, "0.5", "2.00"),  # on target
        ({"kind": "survey"}, "0", "0.00"),
        ({"kind": "survey"}, "100", "2.00"),
        ({"kind": "manual"}, "0", "0.00"),
        ({"kind": "manual"}, "2", "2.00"),
        ({"kind": "tiers", "tiers": [{"threshold": "0", "fraction": "1"}]}, "0", "2.00"),
        ({"kind": "tiers", "tiers": [{"threshold": "1", "fraction": "1"}]}, "1", "2.00"),
        # on a value, any number is allowed: negative, or above 1
        ({"kind": "tiers", "on": "value", "tiers": [{"threshold": "-5", "points": "1"}]}, -2, "1"),
        (
            {"kind": "tiers", "on": "value", "tiers": [{"threshold": "2", "points": "1"}]},
            "1.5",
            "0",
        ),
        ({"kind": "deduction", "per_event": "0.5"}, 0, "2.00"),
        ({"kind": "deduction", "per_event": "0.5"}, 4, "0.00"),  # exactly used up
        ({"kind": "count-tiers", "tiers": [{"at_least": 0, "points": "1"}]}, 0, "1.00"),
    ],
)
def test_the_ends_of_the_range_are_accepted(
    rule: dict[str, Any], value: object, expected: str
) -> None:
    assert points(rule, value) == D(expected)


@pytest.mark.parametrize(
    ("rule", "value", "reason"),
    [
        ({"kind": "tiers", "tiers": [{"threshold": "0.5", "points": "1"}]}, "1.5", "rate"),
        ({"kind": "tiers", "tiers": [{"threshold": "0.5", "points": "1"}]}, "-0.1", "rate"),
        ({"kind": "proportional"}, "1.0001", "rate"),
        ({"kind": "proportional-to-target", "target": "0.8"}, "-0.0001", "rate"),
        ({"kind": "proportional-to-target", "target": "0.8"}, "1.5", "rate"),
        ({"kind": "survey"}, "-1", "percentage"),
    ],
)
def test_outside_the_range_is_refused_naming_the_range(
    rule: dict[str, Any], value: str, reason: str
) -> None:
    error = refusal(rule, value)
    high = "100" if reason == "percentage" else "1"
    assert error.reason == f"the {reason} must lie in [0, {high}]"
    assert error.value == D(value)


def test_manual_points_above_the_maximum_are_refused() -> None:
    error = refusal({"kind": "manual"}, "2.01")
    assert error.reason == "the points must lie in [0, 2]"


# --- Inputs of the wrong kind ---------------------------------------------------------------

NUMBER_RULES = [
    {"kind": "tiers", "tiers": [{"threshold": "0.5", "points": "1"}]},
    {"kind": "proportional"},
    {"kind": "proportional-to-target", "target": "0.8"},
    {"kind": "survey"},
    {"kind": "manual"},
]
COUNT_RULES = [
    {"kind": "count-tiers", "tiers": [{"at_least": 1, "points": "1"}]},
    {"kind": "deduction", "per_event": "1"},
]


@pytest.mark.parametrize("rule", NUMBER_RULES, ids=lambda r: r["kind"])
@pytest.mark.parametrize(
    ("value", "as_read"),
    [(True, True), ("2024-03-01", dt.date(2024, 3, 1)), ("missing", "missing")],
)
def test_a_number_rule_refuses_other_inputs_naming_them(
    rule: dict[str, Any], value: object, as_read: object
) -> None:
    error = refusal(rule, value)
    assert (error.reason, error.value) == ("this rule needs a number", as_read)
    assert str(error) == f"unit u, criterion 1.1: this rule needs a number (value {as_read!r})"


@pytest.mark.parametrize("rule", COUNT_RULES, ids=lambda r: r["kind"])
def test_a_count_rule_refuses_yes_no_fractions_and_negatives(rule: dict[str, Any]) -> None:
    assert refusal(rule, True).reason == "this rule needs a count"
    assert refusal(rule, False).value is False
    for value, as_read in (("1.5", D("1.5")), (-1, -1), ("2024-03-01", dt.date(2024, 3, 1))):
        error = refusal(rule, value)
        assert error.reason == "this rule needs a whole count of 0 or more"
        assert error.value == as_read


@pytest.mark.parametrize("rule", COUNT_RULES, ids=lambda r: r["kind"])
def test_a_whole_number_written_with_decimals_is_a_count(rule: dict[str, Any]) -> None:
    assert points(rule, "2.0") == points(rule, 2)
    assert card(rule, "2.0").node("1.1").points == points(rule, 2)


def test_the_yes_no_and_timeliness_refusals() -> None:
    error = refusal({"kind": "binary"}, 1)
    assert (error.reason, error.value) == ("a yes/no rule needs true or false", 1)
    error = refusal({"kind": "timeliness", "month": 1, "day": 31}, "0.5")
    assert error.reason == 'a timeliness rule needs a date or "missing"'
    assert error.value == D("0.5")


# --- Points given by the unit or the appraiser ----------------------------------------------


ABOVE, TOO_FINE = "exceed the maximum 2", "have more than 2 decimal places"


@pytest.mark.parametrize(
    ("fields", "what", "claimed", "reason"),
    [
        ({"self_points": {"1.1": "2.5"}}, "self-assessed", "2.5", ABOVE),
        ({"appraisals": {"1.1": {"points": "3"}}}, "appraised", "3", ABOVE),
        ({"self_points": {"1.1": "1.255"}}, "self-assessed", "1.255", TOO_FINE),
        ({"appraisals": {"1.1": {"points": "0.001"}}}, "appraised", "0.001", TOO_FINE),
    ],
)
def test_given_points_above_the_maximum_or_too_fine_are_refused(
    fields: dict[str, Any], what: str, claimed: str, reason: str
) -> None:
    with pytest.raises(ScoringError) as caught:
        card({"kind": "proportional"}, "0.5", **fields)
    error = caught.value
    assert (error.unit, error.criterion, error.value) == ("u", "1.1", D(claimed))
    assert error.reason == f"{what} points {reason}"


def test_points_at_the_maximum_and_at_the_places_are_accepted() -> None:
    result = card({"kind": "proportional"}, "0.5", self_points={"1.1": "2"})
    assert result.node("1.1").self_points == 2
    result = card({"kind": "proportional"}, "0.5", appraisals={"1.1": {"points": "1.25"}})
    assert result.total == D("1.25")


# --- Laws: each rule against its formula, computed exactly ----------------------------------

maxima = st.sampled_from(["1", "2", "2.5", "7.75", "20"])
rates = st.decimals(min_value=0, max_value=1, places=4)
# The framework's rounding (2 places, half-up) of a formula's exact value.
exact = framework_with(leaf("1.1", "1", {"kind": "manual"})).quantize


@given(rate=rates, maximum=maxima)
def test_proportional_is_rate_times_maximum(rate: D, maximum: str) -> None:
    assert points({"kind": "proportional"}, rate, maximum) == exact(
        Fraction(rate) * Fraction(maximum)
    )


@given(rate=rates, target=st.decimals(min_value="0.01", max_value=1, places=2), maximum=maxima)
def test_target_rule_is_capped_at_full_points(rate: D, target: D, maximum: str) -> None:
    share = min(Fraction(rate) / Fraction(target), Fraction(1))
    rule = {"kind": "proportional-to-target", "target": str(target)}
    assert points(rule, rate, maximum) == exact(share * Fraction(maximum))


@given(percent=st.decimals(min_value=0, max_value=100, places=2), maximum=maxima)
def test_survey_is_percent_over_a_hundred_times_maximum(percent: D, maximum: str) -> None:
    expected = exact(Fraction(percent) / 100 * Fraction(maximum))
    assert points({"kind": "survey"}, percent, maximum) == expected


@given(
    count=st.integers(0, 50),
    per_event=st.decimals(min_value="0.05", max_value=3, places=2),
    maximum=maxima,
)
def test_deduction_is_never_below_zero(count: int, per_event: D, maximum: str) -> None:
    rule = {"kind": "deduction", "per_event": str(per_event)}
    got = points(rule, count, maximum)
    assert got == exact(max(Fraction(maximum) - Fraction(per_event) * count, Fraction(0)))
    assert got <= points(rule, max(count - 1, 0), maximum)  # one more event never helps


@given(
    value=rates,
    thresholds=st.lists(
        st.decimals(min_value=0, max_value=1, places=2), min_size=1, max_size=4, unique=True
    ),
    otherwise=st.sampled_from(["0", "0.1", "0.25"]),
    inclusive=st.booleans(),
)
def test_tiers_give_the_first_tier_reached_else_otherwise(
    value: D, thresholds: list[D], otherwise: str, inclusive: bool
) -> None:
    ordered = sorted(thresholds, reverse=True)
    shares = [D(4 - i) / 4 for i in range(len(ordered))]  # 1, 0.75, 0.5, 0.25
    tiers = [
        {"threshold": str(t), "fraction": str(s), "inclusive": inclusive}
        for t, s in zip(ordered, shares, strict=True)
    ]
    rule = {"kind": "tiers", "tiers": tiers, "otherwise": otherwise}
    reached = [
        s for t, s in zip(ordered, shares, strict=True) if (value >= t if inclusive else value > t)
    ]
    share = Fraction(reached[0]) if reached else Fraction(D(otherwise))
    assert points(rule, value, "5") == exact(share * 5)


@given(value=st.booleans(), when_true=st.sampled_from(["1", "0.75"]), maximum=maxima)
def test_binary_is_a_share_of_the_maximum(value: bool, when_true: str, maximum: str) -> None:
    rule = {"kind": "binary", "when_true": when_true, "when_false": "0.25"}
    share = Fraction(D(when_true)) if value else Fraction(1, 4)
    assert points(rule, value, maximum) == exact(share * Fraction(maximum))
