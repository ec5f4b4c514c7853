"""Plan documents: deadlines, single-record rules, check_plan findings, dataset, strategies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from cchc import datasets
from cchc.datasets import HUONG_SON_PLAN_AS_OF, PLANS, huong_son_plan_2022, plan
from cchc.documents.deadlines import (
    DateDeadline,
    Deadline,
    MonthDeadline,
    QuarterDeadline,
    Recurrence,
    RecurringDeadline,
    YearDeadline,
)
from cchc.documents.plan import Measurement, Plan, PlanAgency, ProgressUpdate, Task, UpdateStatus
from cchc.errors import NotFoundError
from cchc.monitoring import check_plan
from cchc.testing._plan_strategies import (
    deadlines,
    measurements,
    plan_agencies,
    plans,
    progress_updates,
    tasks,
)
from cchc.vocabulary import ReformArea

D = dt.date


def task_data(code: str = "t1", **changes: Any) -> dict[str, Any]:
    data = {
        "code": code, "title_vi": "Rà soát thủ tục", "reform_area": "institutions",
        "solution_group": 1, "lead": "a", "deadline": {"kind": "date", "date": "2024-06-28"},
    }  # fmt: skip
    return {**data, **changes}


def plan_data(**changes: Any) -> dict[str, Any]:
    data = {
        "code": "p", "programme": "prog", "unit": "u", "year": 2024, "title_vi": "Kế hoạch",
        "issued_on": "2023-12-25",
        "agencies": [{"code": "a", "name_vi": "Phòng A", "kind": "division"},
                     {"code": "b", "name_vi": "Phòng B", "kind": "office"}],
        "tasks": [task_data()],
    }  # fmt: skip
    return {**data, **changes}


def make(**changes: Any) -> Plan:
    return Plan.model_validate(plan_data(**changes))


# -- deadlines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        (DateDeadline(date=D(2022, 6, 15)), D(2022, 6, 15)),
        (MonthDeadline(year=2022, month=2), D(2022, 2, 28)),
        (MonthDeadline(year=2024, month=2), D(2024, 2, 29)),
        (MonthDeadline(year=2022, month=6, day=31), D(2022, 6, 30)),
        (MonthDeadline(year=2022, month=6, day=10), D(2022, 6, 10)),
        (QuarterDeadline(year=2022, quarter=1), D(2022, 3, 31)),
        (QuarterDeadline(year=2022, quarter=2, day=15), D(2022, 6, 15)),
        (YearDeadline(year=2022), D(2022, 12, 31)),
        (YearDeadline(year=2022, day=15), D(2022, 12, 15)),
        (RecurringDeadline(year=2022, every=Recurrence.MONTHLY), D(2022, 12, 31)),
    ],
)
def test_deadline_resolves_to_the_end_of_its_period_unless_a_day_is_stated(
    deadline: Deadline, due: dt.date
) -> None:
    assert deadline.due_on() == due
    assert deadline.occurrences()[-1] == due


def test_recurring_deadlines_fall_due_every_period() -> None:
    monthly = RecurringDeadline(year=2023, every=Recurrence.MONTHLY, day=30)
    assert len(monthly.occurrences()) == 12
    assert monthly.occurrences()[1] == D(2023, 2, 28)
    half = RecurringDeadline(year=2023, every=Recurrence.HALF_YEARLY)
    assert half.occurrences() == (D(2023, 6, 30), D(2023, 12, 31))


@pytest.mark.parametrize(
    ("deadline", "vi", "en"),
    [
        (DateDeadline(date=D(2022, 6, 5)), "05/06/2022", "05/06/2022"),
        (MonthDeadline(year=2022, month=6), "tháng 6/2022", "2022-06"),
        (QuarterDeadline(year=2022, quarter=3), "quý III/2022", "2022-Q3"),
        (YearDeadline(year=2022), "năm 2022", "2022"),
        (RecurringDeadline(year=2022, every=Recurrence.QUARTERLY, day=10),
         "hằng quý, ngày 10 (2022)", "quarterly, day 10 (2022)"),
    ],
)  # fmt: skip
def test_deadline_labels(deadline: Deadline, vi: str, en: str) -> None:
    assert (deadline.label("vi"), deadline.label("en")) == (vi, en)


def test_deadline_kinds_load_from_json_by_their_tag() -> None:
    adapter: TypeAdapter[Deadline] = TypeAdapter(Deadline)
    loaded = adapter.validate_json('{"kind": "quarter", "year": 2022, "quarter": 4}')
    assert loaded == QuarterDeadline(year=2022, quarter=4)
    with pytest.raises(ValidationError):
        adapter.validate_json('{"kind": "week", "year": 2022}')
    with pytest.raises(ValidationError):
        adapter.validate_json('{"kind": "month", "year": 2022, "month": 13}')


# -- single-record rules --------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cooperating": ["a"]}, "also listed as cooperating"),
        ({"cooperating": ["b", "b"]}, "listed twice"),
        ({"cancelled_on": "2024-03-01"}, "cancelled is false"),
        ({"solution_group": 0}, "greater than or equal to 1"),
        ({"lead": "not a code"}, "pattern"),
        ({"owner": "a"}, "Extra inputs are not permitted"),
    ],
)
def test_task_rules(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Task.model_validate(task_data(**changes))


@pytest.mark.parametrize(
    ("percent", "status", "message"),
    [
        ("101", None, "less than or equal to 100"),
        ("-1", None, "greater than or equal to 0"),
        ("90", "done", "needs percent 100"),
        ("10", "not_started", "needs percent 0"),
        ("100", "in_progress", "contradicts percent 100"),
        ("100", "blocked", "contradicts percent 100"),
        ("NaN", None, "finite"),
    ],
)
def test_progress_update_rules(percent: str, status: str | None, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ProgressUpdate.model_validate(
            {"task": "t1", "date": "2024-01-05", "percent": percent, "status": status}
        )


@pytest.mark.parametrize(
    ("percent", "status", "state"),
    [
        (0, None, UpdateStatus.NOT_STARTED),
        (40, None, UpdateStatus.IN_PROGRESS),
        (100, None, UpdateStatus.DONE),
        (0, UpdateStatus.IN_PROGRESS, UpdateStatus.IN_PROGRESS),
        (40, UpdateStatus.BLOCKED, UpdateStatus.BLOCKED),
    ],
)
def test_update_state_follows_the_percent_unless_given(
    percent: int, status: UpdateStatus | None, state: UpdateStatus
) -> None:
    update = ProgressUpdate(task="t", date=D(2024, 1, 1), percent=Decimal(percent), status=status)
    assert update.state is state


def test_plan_issued_after_its_year_is_refused() -> None:
    with pytest.raises(ValidationError, match="after the plan's year"):
        make(issued_on="2025-01-02")


def test_documents_are_frozen_and_text_is_normalised() -> None:
    document = make(title_vi="  Kế   hoạch\u0020CCHC ")
    assert document.title_vi == "Kế hoạch CCHC"
    assert document.type == "plan"
    with pytest.raises(ValidationError):
        document.year = 2025  # type: ignore[misc]


def test_every_field_has_a_title_description_and_vietnamese_term() -> None:
    for model in (Plan, Task, ProgressUpdate, Measurement, PlanAgency, MonthDeadline):
        for name, field in model.model_fields.items():
            extra = field.json_schema_extra
            assert field.title, (model.__name__, name)
            assert field.description, (model.__name__, name)
            assert isinstance(extra, dict), (model.__name__, name)
            assert extra.get("x-vi"), (model.__name__, name)


# -- check_plan -------------------------------------------------------------------------


def found(document: Plan, programme: Any = None) -> set[tuple[str, tuple[str | int, ...]]]:
    return {(f.code, f.path) for f in check_plan(document, programme)}


UPDATE = {"task": "t1", "date": "2024-02-01", "percent": "10"}
SCHEDULE = {"code": "q", "title_vi": "Báo cáo quý", "frequency": "quarterly",
            "due": {"kind": "day-of-last-month", "day": 15}}  # fmt: skip
SUBMISSION = {"schedule": "q", "agency": "a", "period": "2024-Q1", "submitted_on": "2024-03-10"}


@pytest.mark.parametrize(
    ("changes", "code", "path"),
    [
        ({"tasks": []}, "plan.empty", ("tasks",)),
        ({"issuing_deadline": "2023-12-20"}, "plan.issued-late", ("issued_on",)),
        ({"agencies": [{"code": "a", "name_vi": "A", "kind": "division"}] * 2},
         "code.duplicate", ("agencies", 1, "code")),
        ({"tasks": [task_data(), task_data()]}, "code.duplicate", ("tasks", 1, "code")),
        ({"tasks": [task_data(lead="x")]}, "reference.dangling", ("tasks", 0, "lead")),
        ({"tasks": [task_data(cooperating=["b", "y"])]},
         "reference.dangling", ("tasks", 0, "cooperating", 1)),
        ({"tasks": [task_data(deadline={"kind": "month", "year": 2025, "month": 1})]},
         "task.deadline-outside-year", ("tasks", 0, "deadline")),
        ({"progress_updates": [{**UPDATE, "task": "zz"}]},
         "reference.dangling", ("progress_updates", 0, "task")),
        ({"progress_updates": [UPDATE, {**UPDATE, "date": "2024-01-20"}]},
         "update.out-of-order", ("progress_updates", 1, "date")),
        ({"progress_updates": [{**UPDATE, "percent": "50"}, {**UPDATE, "date": "2024-03-01"}]},
         "update.regressed", ("progress_updates", 1, "percent")),
        ({"progress_updates": [{**UPDATE, "date": "2023-12-01"}]},
         "update.before-issued", ("progress_updates", 0, "date")),
        ({"measurements": [{"target": "x", "date": "2024-03-31", "value": "1", "source": "s"}] * 2},
         "measurement.duplicate", ("measurements", 1)),
        ({"reporting_schedules": [SCHEDULE, SCHEDULE]},
         "code.duplicate", ("reporting_schedules", 1, "code")),
        ({"reporters": ["a", "q"]}, "reference.dangling", ("reporters", 1)),
        ({"reporting_schedules": [SCHEDULE], "report_submissions": [{**SUBMISSION, "agency": "z"}]},
         "reference.dangling", ("report_submissions", 0, "agency")),
        ({"report_submissions": [SUBMISSION]},
         "reference.dangling", ("report_submissions", 0, "schedule")),
    ],
)  # fmt: skip
def test_every_plan_finding_can_be_provoked(
    changes: dict[str, Any], code: str, path: tuple[str | int, ...]
) -> None:
    assert (code, path) in found(make(**changes))


def test_a_blocked_update_may_lower_the_percent() -> None:
    updates = [{**UPDATE, "percent": "50"}, {**UPDATE, "date": "2024-03-01", "status": "blocked"}]
    assert found(make(progress_updates=updates)) == set()


def test_findings_against_the_programme() -> None:
    programme = datasets.huong_son_programme()
    measurement = {"target": "nowhere", "date": "2024-03-31", "value": "1", "source": "s"}
    document = make(
        year=2031,
        issued_on="2030-12-20",
        tasks=[task_data(solution_group=7, deadline={"kind": "year", "year": 2031})],
        measurements=[measurement],
    )
    assert found(document, programme) == {
        ("reference.mismatch", ("programme",)),
        ("plan.outside-programme", ("year",)),
        ("reference.dangling", ("tasks", 0, "solution_group")),
        ("reference.dangling", ("measurements", 0, "target")),
    }
    findings = check_plan(document, programme)
    assert all(f.document == "plan:p" for f in findings)
    assert "has no solution group 7" in str(findings[2])


def test_measured_targets_may_come_from_the_cascade() -> None:
    cascade = datasets.cascade(datasets.huong_son_programme())
    measurement = {"target": "online-payment-2025", "date": "2024-03-31", "value": "1",
                   "source": "s"}  # fmt: skip
    document = make(programme="huong-son-2021-2030", measurements=[measurement])
    assert found(document, cascade) == set()
    assert ("reference.dangling", ("measurements", 0, "target")) in found(
        document, datasets.huong_son_programme()
    )


# -- the built-in example -----------------------------------------------------------------


def test_the_huong_son_plan_is_illustrative_and_checks_clean() -> None:
    example = huong_son_plan_2022()
    assert example.illustrative
    assert "not the district's real" in (example.note or "")
    assert len(example.tasks) == 30
    assert {t.solution_group for t in example.tasks} == {1, 2, 3, 4, 5, 6}
    assert {t.reform_area for t in example.tasks} == {a for a in ReformArea if a.is_reform_content}
    names = {a.name_vi for a in example.agencies}
    divisions = {
        "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Phòng Tư pháp",
        "Phòng Tài chính - Kế hoạch", "Phòng Văn hóa và Thông tin", "Phòng Kinh tế - Hạ tầng",
        "Phòng Tài nguyên và Môi trường", "Phòng Lao động - Thương binh và Xã hội",
    }  # fmt: skip
    assert divisions <= names
    assert example.progress_updates
    assert example.report_submissions
    assert example.measurements
    assert check_plan(example, datasets.cascade(datasets.huong_son_programme())) == ()
    assert example.issued_on <= HUONG_SON_PLAN_AS_OF


def test_plans_are_cached_and_unknown_names_are_refused() -> None:
    assert plan(PLANS[0]) is huong_son_plan_2022()
    with pytest.raises(NotFoundError, match="huong-son-plan-2022"):
        plan("nowhere")


# -- strategies and round trips ----------------------------------------------------------


@given(plans())
def test_drawn_plans_are_valid_by_construction(document: Plan) -> None:
    assert [f for f in check_plan(document) if f.severity == "error"] == []
    codes = {a.code for a in document.agencies}
    for task in document.tasks:
        assert task.lead in codes
        assert {d.year for d in task.deadline.occurrences()} == {document.year}
    last: dict[str, dt.date] = {}
    for update in document.progress_updates:
        assert update.date >= last.get(update.task, dt.date.min)
        last[update.task] = update.date


@given(st.one_of(
    plans(), tasks(), progress_updates(), measurements(), plan_agencies(),
    deadlines().map(lambda d: Task.model_validate(task_data(deadline=d))),
))  # fmt: skip
def test_json_round_trip(document: BaseModel) -> None:
    model = type(document)
    assert model.model_validate_json(document.model_dump_json()) == document


@given(tasks(agencies=st.just(("x", "y", "z")), years=st.just(2023)))
def test_task_strategy_respects_its_arguments(task: Task) -> None:
    assert task.lead in {"x", "y", "z"}
    assert set(task.cooperating) <= {"x", "y", "z"} - {task.lead}
    assert task.due_on.year == 2023
