"""The scoring engine: score cards, not applicable criteria, appraisals, and bad input refused."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from pydantic import ValidationError

from _scoring_helpers import assess, framework_with, leaf, two_leaves
from cchc import Framework, ScoringError, score


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
