"""Civil Code periods (Art. 147–148) and the periods of periodic reports."""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.calendar import VietnamCalendar
from cchc.documents.reporting import ReportFrequency
from cchc.periods import nominal_period_end, period_start, reporting_periods

CAL = VietnamCalendar()
D = dt.date
days = st.dates(min_value=D(2001, 1, 1), max_value=D(2098, 12, 31))


# --- Civil Code 2015 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "lengths", "end"),
    [
        (D(2023, 1, 31), {"months": 1}, D(2023, 2, 28)),  # no 31 February: the last day
        (D(2024, 1, 31), {"months": 1}, D(2024, 2, 29)),  # leap year
        (D(2024, 3, 31), {"months": 1}, D(2024, 4, 30)),
        (D(2024, 1, 15), {"months": 1}, D(2024, 2, 15)),  # same day number
        (D(2024, 2, 29), {"years": 1}, D(2025, 2, 28)),
        (D(2024, 2, 29), {"years": 4}, D(2028, 2, 29)),
        (D(2024, 3, 10), {"days": 3}, D(2024, 3, 13)),  # 11, 12, 13 March
        (D(2024, 3, 1), {"weeks": 2}, D(2024, 3, 15)),  # same weekday
        (D(2023, 1, 31), {"months": 1, "days": 1}, D(2023, 3, 1)),  # months first
        (D(2023, 11, 30), {"years": 1, "months": 3}, D(2025, 2, 28)),
    ],
)
def test_nominal_period_end(event: dt.date, lengths: dict[str, int], end: dt.date) -> None:
    assert nominal_period_end(event, **lengths) == end


def test_the_period_starts_the_day_after_the_event() -> None:
    assert period_start(D(2024, 12, 31)) == D(2025, 1, 1)


def test_lengths_are_checked() -> None:
    with pytest.raises(ValueError, match="give a length"):
        nominal_period_end(D(2024, 1, 1))
    with pytest.raises(ValueError, match="months must not be negative"):
        nominal_period_end(D(2024, 1, 1), months=-1)
    with pytest.raises(TypeError, match="days must be an int"):
        nominal_period_end(D(2024, 1, 1), days=1.5)  # type: ignore[arg-type]


@given(event=days, months=st.integers(1, 36))
def test_month_periods_keep_the_day_number_or_clip(event: dt.date, months: int) -> None:
    end = nominal_period_end(event, months=months)
    assert (end.year * 12 + end.month) - (event.year * 12 + event.month) == months
    assert end.day == min(event.day, gregorian.monthrange(end.year, end.month)[1])


def test_a_period_ending_on_a_day_off_rolls_forward() -> None:
    # 10 Feb 2024 is the first day of Tết; offices reopen on Thursday 15 Feb.
    assert CAL.period_end(D(2024, 1, 10), months=1) == D(2024, 2, 15)
    # 30 Mar 2024 is a Saturday.
    assert CAL.period_end(D(2024, 3, 20), days=10) == D(2024, 4, 1)
    # 4 May 2024 is a Saturday worked in exchange for 29 April: the period ends there.
    assert CAL.period_end(D(2024, 4, 4), months=1) == D(2024, 5, 4)
    # No day off at the end: nothing moves.
    assert CAL.period_end(D(2023, 1, 31), months=1) == D(2023, 2, 28)


@given(event=days, n=st.integers(1, 400))
def test_period_end_is_the_first_working_day_on_or_after_the_nominal_end(
    event: dt.date, n: int
) -> None:
    nominal = nominal_period_end(event, days=n)
    end = CAL.period_end(event, days=n)
    assert CAL.is_working_day(end)
    assert end >= nominal
    assert CAL.working_days_between(nominal, end) == (0 if nominal == end else 1)


# --- Reporting periods -------------------------------------------------------------------


def test_quarters_of_a_year() -> None:
    quarters = reporting_periods(ReportFrequency.QUARTERLY, D(2024, 1, 1), D(2024, 12, 31))
    assert [(q.label, q.start, q.end) for q in quarters] == [
        ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31)),
        ("2024-Q2", D(2024, 4, 1), D(2024, 6, 30)),
        ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30)),
        ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31)),
    ]


def test_halves_nine_months_and_years() -> None:
    start, end = D(2023, 1, 1), D(2024, 12, 31)
    halves = reporting_periods(ReportFrequency.HALF_YEARLY, start, end)
    assert [h.label for h in halves] == ["2023-H1", "2023-H2", "2024-H1", "2024-H2"]
    assert halves[1].start == D(2023, 7, 1)
    nine = reporting_periods(ReportFrequency.NINE_MONTH, start, end)
    assert [(p.label, p.start, p.end) for p in nine] == [
        ("2023-9M", D(2023, 1, 1), D(2023, 9, 30)),
        ("2024-9M", D(2024, 1, 1), D(2024, 9, 30)),
    ]
    years = reporting_periods(ReportFrequency.ANNUAL, start, end)
    assert [(p.label, p.end) for p in years] == [
        ("2023", D(2023, 12, 31)),
        ("2024", D(2024, 12, 31)),
    ]


def test_a_period_belongs_to_the_range_its_end_falls_in() -> None:
    found = reporting_periods(ReportFrequency.QUARTERLY, D(2024, 3, 31), D(2024, 6, 29))
    assert [p.label for p in found] == ["2024-Q1"]


def test_cutoff_day_and_chosen_periods() -> None:
    found = reporting_periods(
        ReportFrequency.QUARTERLY, D(2024, 1, 1), D(2024, 12, 31), cutoff_day=15, numbers=(1, 3)
    )
    assert [(p.label, p.start, p.end) for p in found] == [
        ("2024-Q1", D(2023, 12, 15), D(2024, 3, 14)),
        ("2024-Q3", D(2024, 6, 15), D(2024, 9, 14)),
    ]
    with pytest.raises(ValueError, match="cutoff_day"):
        reporting_periods(ReportFrequency.ANNUAL, D(2024, 1, 1), D(2024, 12, 31), cutoff_day=30)


@given(
    frequency=st.sampled_from(ReportFrequency),
    cutoff=st.none() | st.integers(2, 28),
    first=st.integers(2001, 2095),
    years=st.integers(1, 4),
)
def test_periods_are_contiguous_for_partitioning_frequencies(
    frequency: ReportFrequency, cutoff: int | None, first: int, years: int
) -> None:
    found = reporting_periods(
        frequency, D(first, 1, 1), D(first + years, 12, 31), cutoff_day=cutoff
    )
    assert len(found) == len(frequency.parts) * (years + 1)
    for period in found:
        assert period.start < period.end
    if frequency is not ReportFrequency.NINE_MONTH:
        for before, after in itertools.pairwise(found):
            assert after.start == before.end + dt.timedelta(days=1)
    assert frequency.label("vi").startswith("Báo cáo")
