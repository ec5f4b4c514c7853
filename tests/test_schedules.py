"""Reporting schedules: due-date rules, expansion, timeliness, and the documents' JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cchc.calendar import VietnamCalendar
from cchc.documents.reporting import (
    DayOfLastMonth,
    DaysAfterPeriod,
    FixedDate,
    ReportingSchedule,
    ReportSubmission,
)
from cchc.schedules import (
    ReportStatus,
    Timeliness,
    report_dues,
    report_timeliness,
)

D = dt.date


def _schedule(due: dict[str, Any], **changes: Any) -> ReportingSchedule:
    data: dict[str, Any] = {
        "code": "cchc-q",
        "title_vi": "Báo cáo công tác cải cách hành chính",
        "frequency": "quarterly",
        "due": due,
    }
    return ReportingSchedule.model_validate({**data, **changes})


def _dues(schedule: ReportingSchedule, start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    return [(d.label, d.due_on) for d in report_dues(schedule, start, end)]


# --- Due-date rules ----------------------------------------------------------------------


def test_before_a_day_of_the_last_month_is_exclusive() -> None:
    before = _schedule({"kind": "day-of-last-month", "day": 15, "before": True})
    by = _schedule({"kind": "day-of-last-month", "day": 15})
    year = (D(2024, 1, 1), D(2024, 12, 31))
    assert _dues(before, *year) == [
        ("2024-Q1", D(2024, 3, 14)),
        ("2024-Q2", D(2024, 6, 14)),
        ("2024-Q3", D(2024, 9, 14)),
        ("2024-Q4", D(2024, 12, 14)),
    ]
    assert [due for _, due in _dues(by, *year)] == [
        D(2024, 3, 15),
        D(2024, 6, 15),
        D(2024, 9, 15),
        D(2024, 12, 15),
    ]


def test_a_day_the_month_lacks_is_its_last_day() -> None:
    schedule = _schedule({"kind": "day-of-last-month", "day": 31, "before": True})
    assert _dues(schedule, D(2024, 4, 1), D(2024, 6, 30)) == [("2024-Q2", D(2024, 6, 29))]
    after = _schedule({"kind": "day-of-last-month", "day": 31, "months_after": 2}, periods=(4,))
    assert _dues(after, D(2024, 1, 1), D(2024, 12, 31)) == [("2024-Q4", D(2025, 2, 28))]


def test_fixed_date_each_year() -> None:
    annual = _schedule(
        {"kind": "fixed-date", "month": 12, "day": 15}, frequency="annual", cutoff_day=15
    )
    dues = report_dues(annual, D(2023, 1, 1), D(2024, 12, 31))
    assert [(d.label, d.period_start, d.period_end, d.due_on) for d in dues] == [
        ("2023", D(2022, 12, 15), D(2023, 12, 14), D(2023, 12, 15)),
        ("2024", D(2023, 12, 15), D(2024, 12, 14), D(2024, 12, 15)),
    ]
    next_year = _schedule(
        {"kind": "fixed-date", "month": 1, "day": 20, "year_offset": 1}, frequency="annual"
    )
    assert _dues(next_year, D(2024, 1, 1), D(2024, 12, 31)) == [("2024", D(2025, 1, 20))]
    leap = _schedule({"kind": "fixed-date", "month": 2, "day": 29}, frequency="annual")
    assert _dues(leap, D(2023, 1, 1), D(2024, 12, 31)) == [
        ("2023", D(2023, 2, 28)),
        ("2024", D(2024, 2, 29)),
    ]


def test_days_after_the_period() -> None:
    calendar_days = _schedule({"kind": "days-after-period", "days": 10})
    assert _dues(calendar_days, D(2024, 1, 1), D(2024, 3, 31)) == [("2024-Q1", D(2024, 4, 10))]
    working = _schedule({"kind": "days-after-period", "days": 5, "working": True})
    # Q4 2023 ends on Sunday 31 Dec; 1 Jan is New Year's Day: 2, 3, 4, 5, 8 January.
    assert _dues(working, D(2023, 12, 1), D(2023, 12, 31)) == [("2023-Q4", D(2024, 1, 8))]


def test_rolling_a_due_date_off_a_day_off() -> None:
    # 15 December 2024 is a Sunday.
    due = {"kind": "fixed-date", "month": 12, "day": 15}
    plain = _schedule(due, frequency="annual")
    rolled = _schedule(due, frequency="annual", roll_to_working_day=True)
    year = (D(2024, 1, 1), D(2024, 12, 31))
    assert _dues(plain, *year) == [("2024", D(2024, 12, 15))]
    assert _dues(rolled, *year) == [("2024", D(2024, 12, 16))]


def test_rules_are_a_tagged_union() -> None:
    assert isinstance(_schedule({"kind": "fixed-date", "month": 12, "day": 15}, periods=(4,)).due,
                      FixedDate)  # fmt: skip
    assert isinstance(_schedule({"kind": "day-of-last-month", "day": 15}).due, DayOfLastMonth)
    assert isinstance(_schedule({"kind": "days-after-period", "days": 3}).due, DaysAfterPeriod)
    with pytest.raises(ValidationError, match="does not match any of the expected tags"):
        _schedule({"kind": "whenever"})


@pytest.mark.parametrize(
    ("due", "changes", "message"),
    [
        ({"kind": "fixed-date", "month": 12, "day": 15}, {}, "needs one period a year"),
        ({"kind": "fixed-date", "month": 4, "day": 31}, {"frequency": "annual"}, "no day 31"),
        ({"kind": "day-of-last-month", "day": 15}, {"periods": (5,)}, "from 1 to 4"),
        ({"kind": "day-of-last-month", "day": 15}, {"periods": (1, 1)}, "distinct"),
        ({"kind": "day-of-last-month", "day": 32}, {}, "less than or equal to 31"),
        ({"kind": "days-after-period", "days": 0}, {}, "greater than or equal to 1"),
        ({"kind": "days-after-period", "days": 3}, {"cutoff_day": 29}, "less than or equal"),
        ({"kind": "days-after-period", "days": 3}, {"surprise": 1}, "Extra inputs"),
    ],
)
def test_schedules_refuse_what_makes_no_sense(
    due: dict[str, Any], changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _schedule(due, **changes)


# --- Timeliness --------------------------------------------------------------------------

QUARTERLY = _schedule({"kind": "day-of-last-month", "day": 15, "before": True})
H1_2024 = (D(2024, 1, 1), D(2024, 6, 30))


def _sent(period: dt.date | str, on: dt.date, agency: str = "so-noi-vu", **more: Any) -> Any:
    return ReportSubmission(
        schedule=more.pop("schedule", "cchc-q"),
        agency=agency,
        period=period,
        submitted_on=on,
        **more,
    )


def _judge(*submissions: ReportSubmission, as_of: dt.date, **kw: Any) -> list[ReportStatus]:
    return list(report_timeliness(QUARTERLY, submissions, *H1_2024, as_of, **kw))


def test_on_time_late_missing_and_not_yet_due() -> None:
    # Q1 is due by Thursday 14 March 2024; Q2 by Friday 14 June 2024.
    on_time = _judge(_sent("2024-Q1", D(2024, 3, 14)), as_of=D(2024, 5, 1))
    assert [(s.due.label, s.timeliness) for s in on_time] == [
        ("2024-Q1", Timeliness.ON_TIME),
        ("2024-Q2", Timeliness.NOT_YET_DUE),
    ]
    late = _judge(_sent(D(2024, 3, 31), D(2024, 3, 18)), as_of=D(2024, 6, 17))
    assert (late[0].timeliness, late[0].days_late, late[0].working_days_late) == (
        Timeliness.LATE, 4, 2,  # Friday 15 and Monday 18 March
    )  # fmt: skip
    assert late[0].submitted_on == D(2024, 3, 18)
    # Q2 not sent by Monday 17 June: missing, 3 days and 1 working day overdue.
    assert (late[1].timeliness, late[1].days_late, late[1].working_days_late) == (
        Timeliness.MISSING, 3, 1,
    )  # fmt: skip


def test_only_what_was_sent_by_as_of_counts_and_the_first_submission_wins() -> None:
    statuses = _judge(
        _sent("2024-Q1", D(2024, 3, 20)),
        _sent("2024-Q1", D(2024, 3, 12)),
        _sent("2024-Q2", D(2024, 6, 10)),
        as_of=D(2024, 6, 1),
    )
    assert statuses[0].timeliness is Timeliness.ON_TIME
    assert statuses[0].submitted_on == D(2024, 3, 12)
    assert statuses[1].timeliness is Timeliness.NOT_YET_DUE  # sent 10 June: after as_of
    assert statuses[1].agency == "so-noi-vu"


def test_every_expected_agency_is_judged() -> None:
    statuses = _judge(
        _sent("2024-Q1", D(2024, 3, 1)),
        _sent("2024-Q1", D(2024, 3, 1), schedule="other"),
        _sent("2024-Q1", D(2024, 3, 1), agency="ignored"),
        as_of=D(2024, 4, 1),
        agencies=["so-noi-vu", "so-tu-phap"],
    )
    assert [(s.due.label, s.agency, s.timeliness) for s in statuses] == [
        ("2024-Q1", "so-noi-vu", Timeliness.ON_TIME),
        ("2024-Q1", "so-tu-phap", Timeliness.MISSING),
        ("2024-Q2", "so-noi-vu", Timeliness.NOT_YET_DUE),
        ("2024-Q2", "so-tu-phap", Timeliness.NOT_YET_DUE),
    ]


def test_no_submissions_and_no_agencies_gives_one_row_per_report() -> None:
    statuses = _judge(as_of=D(2024, 12, 31))
    assert [(s.agency, s.timeliness, s.days_late) for s in statuses] == [
        (None, Timeliness.MISSING, (D(2024, 12, 31) - D(2024, 3, 14)).days),
        (None, Timeliness.MISSING, (D(2024, 12, 31) - D(2024, 6, 14)).days),
    ]


def test_a_calendar_can_be_given() -> None:
    extra = VietnamCalendar(extra_days_off=[D(2024, 3, 15)])
    late = _judge(_sent("2024-Q1", D(2024, 3, 18)), as_of=D(2024, 4, 1), calendar=extra)
    assert late[0].working_days_late == 1


@given(
    sent=st.dates(min_value=D(2024, 1, 1), max_value=D(2024, 12, 31)),
    as_of=st.dates(min_value=D(2024, 1, 1), max_value=D(2025, 3, 31)),
)
def test_timeliness_is_consistent(sent: dt.date, as_of: dt.date) -> None:
    (status,) = report_timeliness(
        QUARTERLY, [_sent("2024-Q1", sent)], D(2024, 1, 1), D(2024, 3, 31), as_of
    )
    due = status.due.due_on
    if sent <= as_of:
        assert status.timeliness is (Timeliness.ON_TIME if sent <= due else Timeliness.LATE)
        assert status.days_late == max(0, (sent - due).days)
    else:
        assert status.timeliness is (Timeliness.NOT_YET_DUE if as_of <= due else Timeliness.MISSING)
    assert 0 <= status.working_days_late <= status.days_late


# --- JSON round trips --------------------------------------------------------------------

rules = st.one_of(
    st.builds(DayOfLastMonth, day=st.integers(1, 31), before=st.booleans(),
              months_after=st.integers(0, 12)),
    st.builds(DaysAfterPeriod, days=st.integers(1, 366), working=st.booleans()),
)  # fmt: skip


@given(
    due=rules,
    frequency=st.sampled_from(["quarterly", "half_yearly", "nine_month", "annual"]),
    cutoff=st.none() | st.integers(2, 28),
    roll=st.booleans(),
)
def test_schedule_json_round_trip(
    due: DayOfLastMonth | DaysAfterPeriod, frequency: str, cutoff: int | None, roll: bool
) -> None:
    schedule = ReportingSchedule.model_validate(
        {"code": "s-1", "title_vi": "Báo cáo", "frequency": frequency, "due": due,
         "cutoff_day": cutoff, "roll_to_working_day": roll, "instrument": "09/2019/NĐ-CP"}
    )  # fmt: skip
    assert ReportingSchedule.model_validate_json(schedule.model_dump_json()) == schedule
    fixed = _schedule({"kind": "fixed-date", "month": 12, "day": 15}, frequency="annual")
    assert ReportingSchedule.model_validate_json(fixed.model_dump_json()) == fixed


@given(
    period=st.dates(min_value=D(2001, 1, 1), max_value=D(2099, 12, 31))
    | st.from_regex(r"\A20[0-9]{2}(-(Q[1-4]|H[12]|9M))?\Z"),
    on=st.dates(min_value=D(2001, 1, 1), max_value=D(2099, 12, 31)),
)
def test_submission_json_round_trip(period: dt.date | str, on: dt.date) -> None:
    submission = _sent(period, on, instrument="15/BC-UBND")
    assert ReportSubmission.model_validate_json(submission.model_dump_json()) == submission


def test_submission_period_labels_are_checked() -> None:
    with pytest.raises(ValidationError, match="period"):
        _sent("2024-Q5", D(2024, 3, 1))
