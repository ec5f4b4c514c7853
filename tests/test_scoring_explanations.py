"""Why points were lost: each rule's reason in Vietnamese and English, and the card's summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest

from _scoring_helpers import assess, framework_with, leaf
from cchc import Framework, ScoreCard, score

TIMELY = {"kind": "timeliness", "month": 12, "day": 31, "year_offset": -1, "late": "0.5"}


def card(rule: dict[str, Any], value: object, max_points: str = "2", **fields: Any) -> ScoreCard:
    framework = framework_with(leaf("1.1", max_points, rule))
    return score(framework, assess(framework, inputs={"1.1": value}, **fields))


@pytest.mark.parametrize(
    ("rule", "value", "vi", "en"),
    [
        ({"kind": "binary", "when_false": "0.25"}, False,
         "không đạt: 25% số điểm", "no: 25% of the points"),
        ({"kind": "binary"}, False, "không đạt: 0% số điểm", "no: 0% of the points"),
        ({"kind": "binary", "when_true": "0.5"}, True,
         "đạt: 50% số điểm", "yes: 50% of the points"),
        ({"kind": "tiers", "tiers": [{"threshold": "0.8", "fraction": "0.5"}]}, "0.85",
         "0.85 đạt mức ≥ 0.8", "0.85 reached the tier ≥ 0.8"),
        ({"kind": "tiers", "tiers": [{"threshold": "0.8", "inclusive": False, "fraction": "0.5"}]},
         "0.85", "0.85 đạt mức > 0.8", "0.85 reached the tier > 0.8"),
        # below every tier: "<" under an inclusive lowest tier, "≤" under an exclusive one
        ({"kind": "tiers", "tiers": [{"threshold": "0.8", "fraction": "1"}]}, "0.7",
         "0.7 < 0.8: dưới mọi mức", "0.7 < 0.8: below every tier"),
        ({"kind": "tiers", "tiers": [{"threshold": "0.8", "inclusive": False, "fraction": "1"}]},
         "0.8", "0.8 ≤ 0.8: dưới mọi mức", "0.8 ≤ 0.8: below every tier"),
        ({"kind": "count-tiers", "tiers": [{"at_least": 4, "points": "2"},
                                           {"at_least": 2, "points": "1"}]},
         3, "3 lần, đạt mức từ 2", "3, reached the tier of 2 or more"),
        # below the lowest of three tiers names the lowest, not the first or the middle one
        ({"kind": "count-tiers", "tiers": [{"at_least": 5, "points": "2"},
                                           {"at_least": 3, "points": "1.5"},
                                           {"at_least": 2, "points": "1"}]},
         1, "1 lần, dưới mức 2", "1, below the lowest tier of 2"),
        ({"kind": "proportional"}, "0.5", "tỷ lệ 0.5 × 2 điểm", "rate 0.5 × 2 points"),
        ({"kind": "proportional-to-target", "target": "0.8"}, "0.6",
         "tỷ lệ 0.6 so với chỉ tiêu 0.8", "rate 0.6 against the target 0.8"),
        ({"kind": "deduction", "per_event": "0.25"}, 3,
         "3 lần vi phạm × 0.25 điểm trừ", "3 event(s) × 0.25 points deducted"),
        (TIMELY, "2024-01-01", "trễ hạn (2024-01-01 > 2023-12-31)",
         "late (2024-01-01 > 2023-12-31)"),
        (TIMELY, "missing", "không thực hiện (hạn 2023-12-31)", "missing (due 2023-12-31)"),
        ({"kind": "survey"}, "85.48", "khảo sát đạt 85.48%", "survey result 85.48%"),
        ({"kind": "manual"}, "1.5", "điểm chấm trực tiếp", "points entered"),
    ],
)  # fmt: skip
def test_each_rule_explains_the_points_it_did_not_give(
    rule: dict[str, Any], value: object, vi: str, en: str
) -> None:
    [loss] = card(rule, value).losses
    assert (loss.reason_vi, loss.reason_en) == (vi, en)
    assert loss.rule == rule["kind"]
    assert loss.explain("vi").endswith(f"— {vi}")
    assert loss.explain("en").endswith(f"— {en}")


@pytest.mark.parametrize(
    ("rule", "value", "vi", "en"),
    [
        ({"kind": "binary"}, True, "đạt: 100% số điểm", "yes: 100% of the points"),
        (TIMELY, "2023-12-31", "đúng hạn (2023-12-31 ≤ 2023-12-31)",
         "on time (2023-12-31 ≤ 2023-12-31)"),
        ({"kind": "tiers", "tiers": [{"threshold": "0.8", "points": "2"}]}, "0.9",
         "0.9 đạt mức ≥ 0.8", "0.9 reached the tier ≥ 0.8"),
        ({"kind": "count-tiers", "tiers": [{"at_least": 4, "points": "2"}]}, 4,
         "4 lần, đạt mức từ 4", "4, reached the tier of 4 or more"),
    ],
)  # fmt: skip
def test_an_appraisal_below_full_points_shows_the_rule_s_reason_too(
    rule: dict[str, Any], value: object, vi: str, en: str
) -> None:
    appraisal = {"points": "1", "reason": "Thiếu hồ sơ", "appraiser": "Sở Nội vụ"}
    [loss] = card(rule, value, appraisals={"1.1": appraisal}).losses
    assert loss.reason_vi == f"thẩm định 1 điểm (lý do: Thiếu hồ sơ); {vi}"
    assert loss.reason_en == f"appraised at 1 (reason: Thiếu hồ sơ); {en}"
    assert (loss.points, loss.lost) == (D("1.00"), D("1.00"))


def test_an_appraisal_without_a_reason_shows_a_dash() -> None:
    [loss] = card({"kind": "binary"}, True, appraisals={"1.1": {"points": "0.5"}}).losses
    assert loss.reason_vi.startswith("thẩm định 0.5 điểm (lý do: —); ")
    assert loss.reason_en.startswith("appraised at 0.5 (reason: —); ")


def test_an_appraisal_that_agrees_with_the_rule_adds_nothing() -> None:
    [loss] = card({"kind": "proportional"}, "0.5", appraisals={"1.1": {"points": "1"}}).losses
    assert (loss.reason_vi, loss.reason_en) == ("tỷ lệ 0.5 × 2 điểm", "rate 0.5 × 2 points")


def test_a_loss_keeps_the_input_and_the_titles() -> None:
    framework = framework_with(
        leaf("1.1", "2", {"kind": "timeliness", "month": 3, "day": 1}, title_en="Annual plan"),
        leaf("1.2", "1", {"kind": "proportional"}),
    )
    result = score(framework, assess(framework, inputs={"1.1": "2024-03-02", "1.2": "0.5"}))
    first, second = result.losses
    assert (first.criterion, first.input, first.rule) == ("1.1", dt.date(2024, 3, 2), "timeliness")
    assert (first.title_vi, first.title_en) == ("Tiêu chí 1.1", "Annual plan")
    assert first.explain("en").startswith("1.1 Annual plan: lost 2.00 points — late (")
    assert first.explain().startswith("1.1 Tiêu chí 1.1: mất 2.00 điểm — trễ hạn (")  # vi
    # Without an English title the Vietnamese one stands in.
    assert (second.title_en, second.input) == ("Tiêu chí 1.2", D("0.5"))
    assert second.explain("en") == "1.2 Tiêu chí 1.2: lost 0.50 points — rate 0.5 × 1 points"


def test_the_card_explains_its_index_band_and_every_loss() -> None:
    result = card({"kind": "binary", "when_false": "0.25"}, False)
    assert result.explain() == (
        "u (2024): 0.50/2 điểm, chỉ số 25.00, xếp loại C\n"
        "- 1.1 Tiêu chí 1.1: mất 1.50 điểm — không đạt: 25% số điểm"
    )
    assert result.explain("en") == (
        "u (2024): 0.50/2 points, index 25.00, band C\n"
        "- 1.1 Tiêu chí 1.1: lost 1.50 points — no: 25% of the points"
    )


def test_full_points_explain_in_one_line_and_no_band_shows_a_dash() -> None:
    plain = framework_with(leaf("1.1", "2", {"kind": "binary"}))
    framework = Framework.model_validate({**plain.model_dump(), "bands": []})
    result = score(framework, assess(framework, inputs={"1.1": True}))
    assert result.band is None
    assert result.losses == ()
    assert result.explain() == "u (2024): 2.00/2 điểm, chỉ số 100.00, xếp loại —"
    assert result.explain("en") == "u (2024): 2.00/2 points, index 100.00, band —"
