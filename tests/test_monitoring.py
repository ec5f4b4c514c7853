"""Monitoring: task statuses and their precedence, roll-ups, reports, errors, laws."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cchc import datasets
from cchc.datasets import HUONG_SON_PLAN_AS_OF, huong_son_plan_2022
from cchc.documents.plan import Plan
from cchc.monitoring import (
    PRECEDENCE,
    MonitoringError,
    TargetStatus,
    TaskStatus,
    monitor,
)
from cchc.schedules import Timeliness
from cchc.testing._plan_strategies import plans

D = dt.date
S = TaskStatus


def task(code: str = "t1", due: str = "2024-06-28", **changes: Any) -> dict[str, Any]:
    data = {
        "code": code, "title_vi": "Nhiệm vụ", "reform_area": "institutions",
        "solution_group": 1, "lead": "a", "deadline": {"kind": "date", "date": due},
    }  # fmt: skip
    return {**data, **changes}


def update(day: str, percent: int, task: str = "t1", **changes: Any) -> dict[str, Any]:
    return {"task": task, "date": day, "percent": str(percent), **changes}


def make(tasks: list[dict[str, Any]], updates: list[dict[str, Any]] = (), **extra: Any) -> Plan:  # type: ignore[assignment]
    return Plan.model_validate({
        "code": "p", "programme": "huong-son-2021-2030", "unit": "u", "year": 2024,
        "title_vi": "Kế hoạch", "title_en": "Plan", "issued_on": "2023-12-25",
        "agencies": [{"code": "a", "name_vi": "Phòng A", "kind": "division"},
                     {"code": "b", "name_vi": "Phòng B", "name_en": "Office B", "kind": "office"}],
        "tasks": tasks, "progress_updates": list(updates), **extra,
    })  # fmt: skip


def status(plan: Plan, as_of: dt.date, **options: Any) -> TaskStatus:
    return monitor(plan, as_of=as_of, **options).task("t1").status


# -- each status, on known cases ---------------------------------------------------------


def test_not_started_and_in_progress() -> None:
    assert status(make([task()]), D(2024, 1, 15)) is S.NOT_STARTED
    assert status(make([task()], [update("2024-03-01", 0)]), D(2024, 3, 5)) is S.NOT_STARTED
    assert status(make([task()], [update("2024-03-01", 40)]), D(2024, 3, 5)) is S.IN_PROGRESS
    blocked = [update("2024-03-01", 40, status="blocked")]
    assert status(make([task()], blocked), D(2024, 3, 5)) is S.IN_PROGRESS


def test_due_soon_counts_working_days_on_the_vietnamese_calendar() -> None:
    # 29 April – 1 May 2024 were days off and Saturday 4 May a working day.
    plan = make(
        [task(due="2024-05-03"), task("t2", due="2024-05-04"), task("t3", due="2024-05-06")]
    )
    result = monitor(plan, as_of=D(2024, 4, 26), due_soon_days=2, stale_days=365)
    assert [t.status for t in result.tasks] == [S.DUE_SOON, S.NOT_STARTED, S.NOT_STARTED]
    result = monitor(plan, as_of=D(2024, 4, 26), due_soon_days=3, stale_days=365)
    assert [t.status for t in result.tasks] == [S.DUE_SOON, S.DUE_SOON, S.NOT_STARTED]


def test_the_due_day_itself_is_due_soon_not_overdue() -> None:
    plan = make([task(due="2024-06-28")])
    assert status(plan, D(2024, 6, 28), due_soon_days=0) is S.DUE_SOON
    assert status(plan, D(2024, 6, 27), due_soon_days=0, stale_days=365) is S.NOT_STARTED


def test_overdue_counts_calendar_days_late() -> None:
    plan = make([task()], [update("2024-06-20", 90)])
    state = monitor(plan, as_of=D(2024, 7, 8)).task("t1")
    assert (state.status, state.days_late, state.percent) == (S.OVERDUE, 10, Decimal(90))
    assert state.next_due is None


def test_done_on_time_and_done_late() -> None:
    on_time = make([task()], [update("2024-06-28", 100)])
    late = make([task()], [update("2024-06-29", 100)])
    assert status(on_time, D(2024, 12, 31)) is S.DONE_ON_TIME
    state = monitor(late, as_of=D(2024, 12, 31)).task("t1")
    assert (state.status, state.completed_on, state.days_late) == (S.DONE_LATE, D(2024, 6, 29), 1)


def test_cancelled_from_its_date_or_from_the_start() -> None:
    dated = make([task(cancelled=True, cancelled_on="2024-07-15")])
    assert status(dated, D(2024, 7, 14)) is S.OVERDUE
    assert status(dated, D(2024, 7, 15)) is S.CANCELLED
    assert status(make([task(cancelled=True)]), D(2024, 1, 2)) is S.CANCELLED


def test_stale_after_stale_days_without_an_update() -> None:
    plan = make([task(due="2024-12-31")], [update("2024-03-01", 30)])
    assert status(plan, D(2024, 3, 30), stale_days=30) is S.IN_PROGRESS
    assert status(plan, D(2024, 3, 31), stale_days=30) is S.STALE
    # Before any update, staleness counts from 1 January (the plan was issued before it).
    assert status(make([task(due="2024-12-31")]), D(2024, 1, 31)) is S.STALE
    assert status(make([task(due="2024-12-31")]), D(2024, 1, 30)) is S.NOT_STARTED


def test_updates_after_as_of_are_not_known_yet() -> None:
    plan = make([task()], [update("2024-02-01", 20), update("2024-05-01", 100)])
    state = monitor(plan, as_of=D(2024, 3, 1)).task("t1")
    assert (state.status, state.percent, state.last_update) == (
        S.IN_PROGRESS, Decimal(20), D(2024, 2, 1))  # fmt: skip


def test_a_reopened_task_is_done_again_only_from_its_new_done_day() -> None:
    updates = [update("2024-03-01", 100), update("2024-04-01", 80), update("2024-07-01", 100)]
    plan = make([task()], updates)
    assert status(plan, D(2024, 3, 15)) is S.DONE_ON_TIME
    assert status(plan, D(2024, 6, 29)) is S.OVERDUE
    state = monitor(plan, as_of=D(2024, 7, 2)).task("t1")
    assert (state.status, state.completed_on) == (S.DONE_LATE, D(2024, 7, 1))


def test_updates_out_of_order_give_the_same_answer() -> None:
    updates = [update("2024-03-01", 100), update("2024-04-01", 80), update("2024-07-01", 100)]
    ordered = monitor(make([task()], updates), as_of=D(2024, 8, 1))
    shuffled = monitor(make([task()], updates[::-1]), as_of=D(2024, 8, 1))
    assert ordered == shuffled


def test_recurring_tasks_are_due_soon_before_each_occurrence() -> None:
    monthly = {"kind": "recurring", "year": 2024, "every": "monthly", "day": 10}
    plan = make([task(deadline=monthly)], [update("2024-03-01", 30)])
    state = monitor(plan, as_of=D(2024, 3, 7)).task("t1")
    assert (state.status, state.next_due, state.due_on) == (
        S.DUE_SOON, D(2024, 3, 10), D(2024, 12, 10))  # fmt: skip
    assert status(plan, D(2024, 3, 12)) is S.IN_PROGRESS
    assert status(plan, D(2024, 12, 11)) is S.OVERDUE


# -- precedence ------------------------------------------------------------------------


def test_precedence_is_the_order_of_the_statuses() -> None:
    assert PRECEDENCE == (S.CANCELLED, S.DONE_ON_TIME, S.DONE_LATE, S.OVERDUE, S.DUE_SOON,
                          S.STALE, S.IN_PROGRESS, S.NOT_STARTED)  # fmt: skip


@pytest.mark.parametrize(
    ("spec", "updates", "as_of", "expected"),
    [
        ({"cancelled": True}, [("2024-03-01", 100)], D(2024, 4, 1), S.CANCELLED),
        ({}, [("2024-07-01", 100)], D(2024, 9, 1), S.DONE_LATE),  # done beats overdue, stale
        ({}, [("2024-01-05", 50)], D(2024, 9, 1), S.OVERDUE),  # overdue beats stale
        ({}, [("2024-01-05", 50)], D(2024, 6, 27), S.DUE_SOON),  # due soon beats stale
        ({}, [("2024-01-05", 50)], D(2024, 3, 1), S.STALE),  # stale beats in progress
    ],
)
def test_precedence_on_known_cases(
    spec: dict[str, Any], updates: list[tuple[str, int]], as_of: dt.date, expected: TaskStatus
) -> None:
    plan = make([task(**spec)], [update(day, percent) for day, percent in updates])
    assert status(plan, as_of) is expected


# -- roll-ups and views --------------------------------------------------------------------


def test_rates_and_rollups_on_a_small_plan() -> None:
    plan = make(
        [task("t1"), task("t2", lead="b"), task("t3", lead="b", cancelled=True),
         task("t4", due="2024-12-31", reform_area="civil_service", solution_group=2)],
        [update("2024-06-01", 100), update("2024-07-05", 100, task="t2")],
    )  # fmt: skip
    result = monitor(plan, as_of=D(2024, 8, 1), stale_days=365)
    total = result.total
    assert (total.total, total.active, total.done, total.assessable) == (4, 3, 2, 2)
    assert total.completion_rate == Decimal(2) / Decimal(3)
    assert total.on_time_rate == Decimal("0.5")
    agency_b = result.rollup("agency")[1]
    assert (agency_b.key, agency_b.label("en"), agency_b.done_late, agency_b.cancelled) == (
        "b", "Office B", 1, 1)  # fmt: skip
    assert [t.key for t in result.by_area] == ["institutions", "civil_service"]
    assert [t.key for t in result.by_group] == ["1", "2"]
    assert result.rollup("plan") == (total,)


def test_rates_are_none_without_a_denominator() -> None:
    result = monitor(make([task(cancelled=True)]), as_of=D(2024, 1, 2))
    assert result.total.completion_rate is None
    assert result.total.on_time_rate is None


def test_group_labels_come_from_the_programme() -> None:
    plan = make([task()])
    plain = monitor(plan, as_of=D(2024, 1, 2))
    named = monitor(plan, as_of=D(2024, 1, 2), programme=datasets.huong_son_programme())
    assert plain.by_group[0].label_vi == "Giải pháp 1"
    assert named.by_group[0].label_vi == "Tăng cường công tác chỉ đạo, điều hành"


def test_the_example_plan_as_of_its_demo_day() -> None:
    cascade = datasets.cascade(datasets.huong_son_programme())
    result = monitor(huong_son_plan_2022(), as_of=HUONG_SON_PLAN_AS_OF, programme=cascade)
    counts = {s: result.total.count(s) for s in TaskStatus}
    assert counts == {S.CANCELLED: 1, S.DONE_ON_TIME: 7, S.DONE_LATE: 4, S.OVERDUE: 3,
                      S.DUE_SOON: 2, S.STALE: 2, S.IN_PROGRESS: 9, S.NOT_STARTED: 2}  # fmt: skip
    assert [t.code for t in result.overdue()] == ["KH-05", "KH-21", "KH-29"]
    assert [t.code for t in result.overdue(agency="hs-tn-mt")] == ["KH-29"]
    assert {t.code for t in result.for_agency("hs-tn-mt")} == {"KH-29"}
    assert "KH-21" in {t.code for t in result.for_agency("hs-nn-ptnt", cooperating=True)}
    assert {p.target: p.status for p in result.targets} == {
        "online-level-3-4-2025": TargetStatus.ON_TRACK,
        "online-payment-2025": TargetStatus.AT_RISK,
        "portal-integration-2025": TargetStatus.ACHIEVED,
    }
    missing = [r for r in result.reports if r.timeliness is Timeliness.MISSING]
    assert [(r.agency, r.due.label) for r in missing] == [("hs-tn-mt", "2022-Q3")]
    late = {(r.agency, r.due.label) for r in result.reports if r.timeliness is Timeliness.LATE}
    assert late == {("hs-tn-mt", "2022-Q1"), ("hs-tn-mt", "2022-Q2"), ("hs-kt-ht", "2022-Q2"),
                    ("hs-gd-dt", "2022-Q3")}  # fmt: skip


def test_records_and_markdown() -> None:
    cascade = datasets.cascade(datasets.huong_son_programme())
    result = monitor(huong_son_plan_2022(), as_of=HUONG_SON_PLAN_AS_OF, programme=cascade)
    records = result.records()
    assert len(records) == 30
    assert records[0]["code"] == "KH-01"
    assert records[0]["status"] == "done_on_time"
    assert records[0]["reform_area"] == "apparatus"
    rows = result.rollup_records("agency")
    assert sum(r["total"] for r in rows) == 30
    assert all(0 <= r["completion_rate"] <= 1 for r in rows if r["completion_rate"] is not None)
    assert {r["status"] for r in result.target_records()} == {"on_track", "at_risk", "achieved"}
    assert len(result.report_records()) == 40
    vi, en = result.to_markdown("vi"), result.to_markdown("en")
    assert "Nhiệm vụ quá hạn" in vi
    assert "Phòng Tư pháp" in vi
    assert "| KH-05 |" in vi
    assert "Overdue tasks" in en
    assert "Division of Justice" in en
    assert "At risk" in en
    assert "Missing (overdue)" in en
    with pytest.raises(KeyError):
        result.task("KH-99")


def test_a_pipe_in_a_title_stays_in_its_cell() -> None:
    plan = make([task(title_vi="Rà soát | sửa đổi", title_en="Review | amend")])
    bar = re.compile(r"(?<!\\)\|")  # a cell border, not an escaped pipe
    for lang in ("vi", "en"):
        lines = monitor(plan, as_of=D(2024, 8, 1)).to_markdown(lang).splitlines()  # t1 overdue
        at = next(i for i, line in enumerate(lines) if line.startswith("| t1 "))
        head = next(lines[i - 1] for i in range(at, 0, -1) if lines[i].startswith("|---"))
        assert "\\|" in lines[at]
        assert len(bar.findall(lines[at])) == len(bar.findall(head))


def test_markdown_without_overdue_tasks_targets_or_reports() -> None:
    text = monitor(make([task()]), as_of=D(2024, 1, 2)).to_markdown("en")
    assert "None." in text
    assert "Targets" not in text
    assert "Periodic reports" not in text


# -- errors ------------------------------------------------------------------------------


def test_as_of_before_the_plan_exists_is_an_error() -> None:
    with pytest.raises(MonitoringError, match="issued on 2023-12-25") as caught:
        monitor(make([task()]), as_of=D(2023, 12, 24))
    assert isinstance(caught.value, ValueError)
    assert (caught.value.plan, caught.value.as_of) == ("p", D(2023, 12, 24))


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"as_of": dt.datetime(2024, 1, 5, tzinfo=dt.UTC)}, TypeError),
        ({"as_of": D(2024, 1, 5), "due_soon_days": -1}, ValueError),
        ({"as_of": D(2024, 1, 5), "stale_days": 0}, ValueError),
    ],
)
def test_bad_arguments(options: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        monitor(make([task()]), **options)


# -- laws --------------------------------------------------------------------------------


@st.composite
def plans_and_days(draw: st.DrawFn) -> tuple[Plan, dt.date]:
    plan = draw(plans())
    day = draw(st.dates(plan.issued_on, dt.date(plan.year + 1, 3, 31)))
    return plan, day


@given(plans_and_days(), st.integers(0, 400))
def test_a_task_done_on_time_is_never_overdue_later(
    drawn: tuple[Plan, dt.date], later: int
) -> None:
    plan, as_of = drawn
    first = monitor(plan, as_of=as_of)
    second = monitor(plan, as_of=as_of + dt.timedelta(days=later))
    for before, after in zip(first.tasks, second.tasks, strict=True):
        if before.status is S.DONE_ON_TIME:
            assert after.status in (S.DONE_ON_TIME, S.CANCELLED)
        if before.completed_on is not None and before.completed_on <= before.due_on:
            assert after.status is not S.OVERDUE


@given(plans_and_days())
def test_rates_lie_between_zero_and_one_and_rollups_conserve_counts(
    drawn: tuple[Plan, dt.date],
) -> None:
    plan, as_of = drawn
    result = monitor(plan, as_of=as_of)
    assert result.total.total == len(plan.tasks)
    for tally in (result.total, *result.by_agency, *result.by_area, *result.by_group):
        for rate in (tally.completion_rate, tally.on_time_rate):
            assert rate is None or 0 <= rate <= 1
    for rollup in (result.by_agency, result.by_area, result.by_group):
        for s in TaskStatus:
            assert sum(t.count(s) for t in rollup) == result.total.count(s)
    assert sum(len(result.for_agency(a.code)) for a in plan.agencies) == len(plan.tasks)


@given(plans_and_days(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_task_order(
    drawn: tuple[Plan, dt.date], rng: random.Random
) -> None:
    plan, as_of = drawn
    shuffled = list(plan.tasks)
    rng.shuffle(shuffled)
    other = plan.model_copy(update={"tasks": tuple(shuffled)})
    assert monitor(other, as_of=as_of) == monitor(plan, as_of=as_of)


@given(plans_and_days(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_update_order(
    drawn: tuple[Plan, dt.date], rng: random.Random
) -> None:
    plan, as_of = drawn
    shuffled = list(plan.progress_updates)
    rng.shuffle(shuffled)
    other = plan.model_copy(update={"progress_updates": tuple(shuffled)})
    mine, theirs = monitor(plan, as_of=as_of), monitor(other, as_of=as_of)
    # Two updates of one task on one day may say different things; the last given counts.
    same_day = {(u.task, u.date) for u in plan.progress_updates}
    assume(len(same_day) == len(plan.progress_updates))
    assert mine == theirs
