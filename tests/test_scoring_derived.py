"""Inputs derived from the programme's records: plan completion, on-time rates, reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

import cchc
from cchc import Framework, ScoringError, datasets, monitor
from cchc.schedules import Timeliness
from cchc.scoring.derived import assessment_from_records, derived_inputs

AS_OF = dt.date(2022, 12, 31)


def framework_with(derived: dict[str, str]) -> Framework:
    leaves: list[dict[str, Any]] = [
        {"code": "1.1", "title_vi": "Kế hoạch", "max_points": "2",
         "rule": {"kind": "timeliness", "month": 12, "day": 31, "year_offset": -1}},
        {"code": "1.2", "title_vi": "Hoàn thành", "max_points": "3",
         "rule": {"kind": "proportional"}},
        {"code": "1.3", "title_vi": "Đúng hạn", "max_points": "3",
         "rule": {"kind": "proportional"}},
        {"code": "1.4", "title_vi": "Báo cáo", "max_points": "2",
         "rule": {"kind": "tiers", "tiers": [{"threshold": "1", "fraction": "1"}]}},
        {"code": "1.5", "title_vi": "Báo cáo trễ", "max_points": "2",
         "rule": {"kind": "deduction", "per_event": "0.25"}},
    ]  # fmt: skip
    for leaf in leaves:
        if leaf["code"] in derived:
            leaf["derived_from"] = derived[leaf["code"]]
    return Framework.model_validate(
        {"code": "d", "title_vi": "D", "edition": "1/QĐ-UBND", "max_points": "12",
         "nodes": [{"code": "1", "title_vi": "A", "max_points": "12", "children": leaves}]}
    )  # fmt: skip


ALL = {
    "1.1": "plan-issued-on",
    "1.2": "plan-completion-rate",
    "1.3": "on-time-task-rate",
    "1.4": "reports-on-time-rate",
    "1.5": "late-or-missing-reports",
}


def test_every_source_is_computed_from_the_monitoring() -> None:
    plan = datasets.huong_son_plan_2022()
    status = monitor(plan, as_of=AS_OF)
    inputs = derived_inputs(framework_with(ALL), plan, status)
    assert inputs["1.1"] == plan.issued_on
    total = status.total
    assert total.completion_rate is not None
    assert total.on_time_rate is not None
    assert inputs["1.2"] == total.completion_rate.quantize(Decimal("0.0001"))
    assert inputs["1.3"] == total.on_time_rate.quantize(Decimal("0.0001"))
    due = [r for r in status.reports if r.timeliness is not Timeliness.NOT_YET_DUE]
    on_time = sum(r.timeliness is Timeliness.ON_TIME for r in due)
    assert inputs["1.4"] == (Decimal(on_time) / len(due)).quantize(Decimal("0.0001"))
    assert inputs["1.5"] == len(due) - on_time


def test_an_agency_is_scored_from_its_own_tasks_and_reports() -> None:
    plan = datasets.huong_son_plan_2022()
    status = monitor(plan, as_of=AS_OF)
    inputs = derived_inputs(framework_with(ALL), plan, status, agency="hs-vp")
    tally = next(t for t in status.by_agency if t.key == "hs-vp")
    assert tally.completion_rate is not None
    assert inputs["1.2"] == tally.completion_rate.quantize(Decimal("0.0001"))
    with pytest.raises(ScoringError, match="leads no task"):
        derived_inputs(framework_with(ALL), plan, status, agency="nobody")


def test_a_unit_is_scored_straight_from_its_plan() -> None:
    plan = datasets.huong_son_plan_2022()
    framework = framework_with(ALL)
    assessment = assessment_from_records(framework, plan, monitor(plan, as_of=AS_OF))
    card = cchc.score(framework, assessment)
    assert card.unit == plan.unit
    assert card.year == plan.year
    assert card.node("1.1").points == 2  # issued 2021-12-28, by the 31 December deadline
    with pytest.raises(ScoringError, match="derived from the plan"):
        assessment_from_records(
            framework, plan, monitor(plan, as_of=AS_OF), inputs={"1.2": Decimal(1)}
        )


def test_undefined_rates_are_errors_not_zeros() -> None:
    plan = datasets.huong_son_plan_2022()
    early = monitor(plan, as_of=plan.issued_on)
    with pytest.raises(ScoringError, match="undefined"):
        derived_inputs(framework_with({"1.4": "reports-on-time-rate"}), plan, early)


def test_a_source_must_fit_the_rule() -> None:
    with pytest.raises(ValidationError, match="gives input for timeliness rules, not proportional"):
        framework_with({"1.2": "plan-issued-on"})
    with pytest.raises(ValidationError, match="deduction, count-tiers"):
        framework_with({"1.2": "late-or-missing-reports"})


def test_another_plans_monitoring_is_refused() -> None:
    plan = datasets.huong_son_plan_2022()
    other = plan.model_copy(update={"code": "other"})
    with pytest.raises(ScoringError, match="not other"):
        derived_inputs(framework_with(ALL), other, monitor(plan, as_of=AS_OF))
