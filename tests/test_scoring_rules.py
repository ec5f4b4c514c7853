"""The scoring engine: each rule kind on known answers and its boundaries, rounding, bad inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest

import cchc
from _scoring_helpers import assess, framework_with, leaf
from cchc import ScoringError, score


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


def test_timeliness_deadline_on_29_february() -> None:
    rule = cchc.documents.TimelinessRule(month=2, day=29)
    assert rule.deadline(2024) == dt.date(2024, 2, 29)
    assert rule.deadline(2023) == dt.date(2023, 2, 28)
