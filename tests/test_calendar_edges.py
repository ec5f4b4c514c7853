"""The working-day calendar at the edges of its years, its argument checks, and its warnings.

Calendars are built inside the tests: what a calendar does when it is built is under test.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import holidays
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.calendar import HolidayTableFactory, VietnamCalendar
from cchc.documents.reporting import CalendarOverrides, DayOverride
from cchc.errors import CalendarError, EstimatedHolidayWarning

D = dt.date
T = TypeVar("T")
OUTSIDE = "outside the years this calendar supports"


def year_2024() -> VietnamCalendar:
    # 1 Jan 2024 (Monday) is New Year's Day: the first working day is 2 Jan; 31 Dec
    # (Tuesday) is the last.
    return VietnamCalendar(first_year=2024, last_year=2024)


def refused(call: Callable[..., object], *args: Any, **kwargs: Any) -> CalendarError:
    with pytest.raises(CalendarError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- The first and last day, and the first and last working day ----------------------------


def test_the_first_and_last_day_of_the_years_are_inside() -> None:
    cal = year_2024()
    assert not cal.is_working_day(D(2024, 1, 1))
    assert cal.is_working_day(D(2024, 12, 31))
    assert cal.is_working_day_many([D(2024, 1, 1), D(2024, 12, 31)]).tolist() == [False, True]
    # 262 weekdays, less 12 weekday holidays (1 Jan, five of Tết, 18 Apr, 29 Apr–1 May,
    # 2–3 Sep), plus Saturday 4 May worked: every working day of the year.
    assert cal.working_days_between(D(2024, 1, 1), D(2024, 12, 31)) == 251
    for day in (D(2023, 12, 31), D(2025, 1, 1)):
        error = refused(cal.is_working_day, day)
        assert str(error) == f"{day} is {OUTSIDE}, 2024 to 2024"
        assert (error.day, error.years) == (day, (2024, 2024))


def test_counting_may_reach_the_first_and_last_working_day_but_not_beyond() -> None:
    cal = year_2024()
    assert cal.previous_working_day(D(2024, 1, 3)) == D(2024, 1, 2)
    assert cal.add_working_days(D(2024, 1, 5), -3) == D(2024, 1, 2)
    assert cal.next_working_day(D(2024, 12, 30)) == D(2024, 12, 31)
    assert cal.add_working_days(D(2024, 12, 27), 2) == D(2024, 12, 31)
    got = cal.add_working_days_many([D(2024, 1, 3), D(2024, 12, 30)], [-1, 1])
    assert got.tolist() == [D(2024, 1, 2), D(2024, 12, 31)]


@pytest.mark.parametrize(
    ("method", "day", "message"),
    [
        ("previous_working_day", D(2024, 1, 2), "the previous working day from 2024-01-02 falls"),
        ("previous_working_day", D(2024, 1, 1), "the previous working day from 2024-01-01 falls"),
        ("next_working_day", D(2024, 12, 31), "the next working day from 2024-12-31 falls"),
    ],
)
def test_no_working_day_beyond_the_ends(method: str, day: dt.date, message: str) -> None:
    error = refused(getattr(year_2024(), method), day)
    assert str(error) == f"{message} {OUTSIDE}, 2024 to 2024"
    assert (error.day, error.years) == (day, (2024, 2024))


def test_counting_past_the_ends_names_the_origin_and_the_count() -> None:
    cal = year_2024()
    error = refused(cal.add_working_days, D(2024, 1, 1), 0)  # a day off before any working day
    assert str(error) == f"+0 working days from 2024-01-01 falls {OUTSIDE}, 2024 to 2024"
    assert error.day == D(2024, 1, 1)
    error = refused(cal.add_working_days, D(2024, 12, 30), 2)
    assert str(error).startswith("+2 working days from 2024-12-30 falls outside")
    # In bulk, the first date whose answer falls outside is named.
    origins = [D(2024, 12, 27), D(2024, 1, 3), D(2024, 12, 30), D(2024, 1, 2)]
    error = refused(cal.add_working_days_many, origins, [2, -1, 2, -1])
    assert str(error) == f"counting from 2024-12-30 falls {OUTSIDE}, 2024 to 2024"
    assert error.day == D(2024, 12, 30)


def test_a_period_ending_after_the_last_working_day_is_refused() -> None:
    cal = VietnamCalendar(first_year=2023, last_year=2023)  # 30–31 Dec 2023 is a weekend
    assert cal.period_end(D(2023, 12, 1), weeks=4) == D(2023, 12, 29)
    error = refused(cal.period_end, D(2023, 12, 29), days=1)
    assert str(error) == f"the next working day from 2023-12-30 falls {OUTSIDE}, 2023 to 2023"
    assert error.day == D(2023, 12, 30)
    assert refused(cal.period_end, D(2022, 12, 31), days=1).day == D(2022, 12, 31)


def test_bulk_dates_outside_are_named_nat_included() -> None:
    cal = year_2024()
    error = refused(cal.is_working_day_many, [D(2024, 1, 1), D(2023, 12, 31), D(2025, 1, 1)])
    assert (str(error), error.day) == (f"2023-12-31 is {OUTSIDE}, 2024 to 2024", D(2023, 12, 31))
    error = refused(cal.add_working_days_many, np.array(["2024-03-01", "NaT"], "datetime64[D]"), 1)
    assert (str(error), error.day) == (f"NaT is {OUTSIDE}, 2024 to 2024", None)
    assert cal.add_working_days_many([], 1).tolist() == []


@given(day=st.dates(D(2024, 1, 1), D(2024, 12, 31)), n=st.integers(-260, 260))
def test_one_year_calendar_against_its_list_of_working_days(day: dt.date, n: int) -> None:
    cal = year_2024()
    days = [D(2024, 1, 1) + dt.timedelta(k) for k in range(366)]
    working = [d for d in days if cal.is_working_day(d)]
    rank = sum(d <= day for d in working)
    if 1 <= rank + n <= len(working):
        assert cal.add_working_days(day, n) == working[rank + n - 1]
        assert cal.add_working_days_many([day], [n]).tolist() == [working[rank + n - 1]]
    else:
        assert refused(cal.add_working_days, day, n).day == day
        assert refused(cal.add_working_days_many, [day], n).day == day


# --- Which years, and what is given -------------------------------------------------------


def test_the_years_holidays_supports_are_allowed_from_the_first_to_the_last() -> None:
    assert VietnamCalendar(first_year=1901, last_year=1901).is_working_day(D(1901, 1, 2))
    assert VietnamCalendar(first_year=2100, last_year=2100).years == (2100, 2100)
    for first, last in ((1900, 1901), (2100, 2101), (2025, 2024)):
        error = refused(VietnamCalendar, first_year=first, last_year=last)
        assert error.years == (first, last)
        assert str(error).endswith(f"1901 to 2100, first before last; got {first} to {last}")


def test_a_clash_of_overrides_names_the_day_and_the_years() -> None:
    error = refused(
        VietnamCalendar,
        first_year=2024,
        last_year=2025,
        extra_days_off=[D(2025, 3, 7), D(2024, 3, 8)],
        extra_working_days=[D(2025, 3, 7), D(2024, 3, 8)],
    )
    assert (error.day, error.years) == (D(2024, 3, 8), (2024, 2025))  # the earliest


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda c, t: VietnamCalendar(first_year=2024, last_year=2024, extra_days_off=[t]),
         "an extra day off"),
        (lambda c, t: VietnamCalendar(first_year=2024, last_year=2024, extra_working_days=[t]),
         "an extra working day"),
        (lambda c, t: c.is_working_day(t), "day"),
        (lambda c, t: c.next_working_day(t), "day"),
        (lambda c, t: c.working_days_between(t, D(2024, 3, 4)), "start"),
        (lambda c, t: c.working_days_between(D(2024, 3, 4), t), "end"),
        (lambda c, t: c.period_end(t, days=1), "event_day"),
        (lambda c, t: c.is_working_day_many([D(2024, 3, 4), t]), "each date"),
    ],
)  # fmt: skip
def test_a_datetime_is_refused_naming_the_argument(
    call: Callable[[VietnamCalendar, dt.datetime], object], what: str
) -> None:
    moment = dt.datetime(2024, 3, 4, 9, 30, tzinfo=dt.UTC)
    with pytest.raises(TypeError) as caught:
        call(year_2024(), moment)
    assert str(caught.value) == (
        f"{what} must be a datetime.date (not a datetime), got datetime: {moment!r}"
    )


def test_period_end_counts_days_weeks_months_and_years() -> None:
    cal = VietnamCalendar(first_year=2024, last_year=2026)
    assert cal.period_end(D(2024, 3, 1), weeks=2) == D(2024, 3, 15)  # a Friday
    assert cal.period_end(D(2024, 3, 1), months=1) == D(2024, 4, 1)  # a Monday
    assert cal.period_end(D(2024, 3, 4), years=1) == D(2025, 3, 4)
    assert cal.period_end(D(2024, 3, 4), days=4) == D(2024, 3, 8)
    # 2 Mar 2025 is a Sunday: the period ends on Monday 3 Mar.
    assert cal.period_end(D(2024, 3, 2), years=1) == D(2025, 3, 3)
    assert cal.period_end(D(2024, 2, 1), months=1, days=2) == D(2024, 3, 4)


def test_overrides_documents_keep_the_years_and_the_holiday_table() -> None:
    document = CalendarOverrides(extra_days_off=(DayOverride(day=D(2031, 3, 6)),))
    cal = VietnamCalendar.from_overrides(
        document, first_year=2030, last_year=2032, holiday_table=with_estimates(D(2031, 3, 5))
    )
    assert cal.years == (2030, 2032)
    assert cal.estimated_holidays == (D(2031, 3, 5),)
    assert not cal.is_working_day(D(2031, 3, 6))


def test_a_holiday_table_is_asked_for_the_years_and_their_neighbours() -> None:
    asked: list[range] = []

    def table(years: range) -> holidays.HolidayBase:
        asked.append(years)
        return holidays.country_holidays("VN", years=years, language="en_US")

    # 27 Dec 2014 was worked for 2 Jan 2015: a year's swaps can fall in the year before.
    assert VietnamCalendar(first_year=2014, last_year=2014, holiday_table=table).is_working_day(
        D(2014, 12, 27)
    )
    VietnamCalendar(first_year=1901, last_year=2100, holiday_table=table)
    assert asked == [range(2013, 2016), range(1901, 2101)]


# --- Estimated holidays -------------------------------------------------------------------


def with_estimates(*days: dt.date) -> HolidayTableFactory:
    def build(years: range) -> holidays.HolidayBase:
        table = holidays.country_holidays("VN", years=years, language="en_US")
        for day in days:
            table[day] = f"Lunar test day {day.day} (estimated)"
        return table

    return build


WEDNESDAYS = [D(2031, 3, 5), D(2031, 3, 12), D(2031, 3, 19), D(2031, 3, 26), D(2031, 4, 2)]


def estimated(*days: dt.date) -> VietnamCalendar:
    return VietnamCalendar(first_year=2030, last_year=2032, holiday_table=with_estimates(*days))


def warning_of(call: Callable[..., object], *args: Any, **kwargs: Any) -> str:
    with pytest.warns(EstimatedHolidayWarning) as record:
        call(*args, **kwargs)
    [warning] = record
    return str(warning.message)


def quiet(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call(*args, **kwargs)


def test_every_answer_that_rests_on_an_estimate_warns_and_no_other() -> None:
    cal = estimated(D(2031, 3, 5))  # a Wednesday
    message = warning_of(cal.is_working_day, D(2031, 3, 5))
    assert "2031-03-05 (Lunar test day 5 (estimated))" in message
    warning_of(cal.next_working_day, D(2031, 3, 4))
    warning_of(cal.next_working_day, D(2031, 3, 5), inclusive=True)
    warning_of(cal.previous_working_day, D(2031, 3, 6))
    warning_of(cal.period_end, D(2031, 2, 5), months=1)
    warning_of(cal.is_working_day_many, [D(2031, 3, 5)])
    warning_of(cal.add_working_days_many, [D(2031, 3, 4)], 1)
    assert quiet(cal.next_working_day, D(2031, 3, 3)) == D(2031, 3, 4)
    assert quiet(cal.next_working_day, D(2031, 3, 6), inclusive=True) == D(2031, 3, 6)
    assert quiet(cal.previous_working_day, D(2031, 3, 4)) == D(2031, 3, 3)
    assert quiet(cal.period_end, D(2031, 2, 6), months=1) == D(2031, 3, 6)
    assert quiet(cal.add_working_days_many, [D(2031, 3, 3)], 1).tolist() == [D(2031, 3, 4)]
    assert quiet(cal.is_working_day_many, [D(2031, 3, 4), D(2031, 3, 6)]).tolist() == [True, True]


def test_an_estimate_on_the_first_day_of_the_years_warns() -> None:
    cal = estimated(D(2030, 1, 1))
    warning_of(cal.is_working_day_many, [D(2030, 1, 1)])
    warning_of(cal.add_working_days_many, [D(2030, 1, 1)], 1)


def test_a_calendar_without_estimates_answers_in_bulk_without_warning() -> None:
    cal = year_2024()
    assert quiet(cal.is_working_day_many, [D(2024, 3, 4)]).tolist() == [True]


def test_the_warning_names_only_the_estimates_the_answers_rest_on() -> None:
    cal = estimated(*WEDNESDAYS[:3])
    # 11 March rests on no estimate; 19 March is one. The estimate between them is not named.
    message = warning_of(cal.is_working_day_many, [D(2031, 3, 11), D(2031, 3, 19)])
    assert "2031-03-19" in message
    assert "2031-03-12" not in message
    assert "2031-03-05" not in message


def test_the_warning_names_three_estimates_and_counts_the_rest() -> None:
    cal = estimated(*WEDNESDAYS)
    message = warning_of(cal.working_days_between, D(2031, 3, 1), D(2031, 4, 30))
    assert message == (
        "the answer depends on holiday dates that are only estimated: 2031-03-05 (Lunar test"
        " day 5 (estimated)); 2031-03-12 (Lunar test day 12 (estimated)); 2031-03-19 (Lunar"
        " test day 19 (estimated)) and 2 more; check them against the government's"
        " announcement, or override them"
    )
    four = warning_of(cal.working_days_between, D(2031, 3, 1), D(2031, 3, 27))
    assert "2031-03-19 (Lunar test day 19 (estimated)) and 1 more; check them" in four
    three = warning_of(cal.working_days_between, D(2031, 3, 1), D(2031, 3, 20))
    assert three.endswith(
        "2031-03-19 (Lunar test day 19 (estimated)); check them against the government's"
        " announcement, or override them"
    )


def test_the_warning_points_at_the_caller_s_line() -> None:
    # scripts/mutation.py deselects this test: mutmut's trampolines add stack frames.
    cal = estimated(D(2031, 3, 5))
    with pytest.warns(EstimatedHolidayWarning) as one:
        cal.is_working_day(D(2031, 3, 5))
    with pytest.warns(EstimatedHolidayWarning) as counted:
        cal.add_working_days(D(2031, 3, 4), 1)
    with pytest.warns(EstimatedHolidayWarning) as many:
        cal.is_working_day_many([D(2031, 3, 5)])
    with pytest.warns(EstimatedHolidayWarning) as many_counted:
        cal.add_working_days_many([D(2031, 3, 4)], 1)
    for record in (one, counted, many, many_counted):
        assert [w.filename for w in record] == [__file__]


def test_many_answers_name_only_the_estimates_they_rest_on() -> None:
    """The bulk warning once named every estimate between the first and last answer's."""
    cal = estimated(D(2031, 3, 5), D(2031, 3, 12), D(2031, 3, 19))
    message = warning_of(cal.is_working_day_many, [D(2031, 3, 5), D(2031, 3, 19)])
    assert "2031-03-05" in message
    assert "2031-03-19" in message
    assert "2031-03-12" not in message
