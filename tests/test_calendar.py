"""The working-day calendar: published schedules, laws of the arithmetic, oracles, overrides."""

from __future__ import annotations

import datetime as dt
import warnings

import holidays
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from _shared import bench_reference
from cchc.calendar import VietnamCalendar
from cchc.documents.reporting import CalendarOverrides, DayOverride
from cchc.errors import CalendarError, CchcError, CchcWarning, EstimatedHolidayWarning

CAL = VietnamCalendar()
VN = holidays.country_holidays("VN", years=range(1999, 2102))
D = dt.date

days_2001_2099 = st.dates(min_value=D(2001, 1, 1), max_value=D(2099, 12, 31))
counts = st.integers(min_value=-60, max_value=60)


def _working_days_2001_2099() -> st.SearchStrategy[dt.date]:
    return days_2001_2099.map(lambda d: CAL.next_working_day(d, inclusive=True))


# --- Known facts from published schedules -------------------------------------------------

DAYS_OFF = [
    # Tết Quý Mão 2023: off Friday 20 Jan to Thursday 26 Jan (Deputy PM's approval; VPCP
    # 8056/VPCP-KGVX of 1 Dec 2022). https://pld.net.vn/tag/nghi-tet-nguyen-dan.html,
    # https://kiemtientuweb.com/tet-2023.html
    *[D(2023, 1, day) for day in (20, 23, 24, 25, 26)],
    # Tết Giáp Thìn 2024: off Thursday 8 Feb to Wednesday 14 Feb (MOLISA announcement).
    # https://sucsongtre.vn/doi-song/can-bo-cong-chuc-vien-chuc-nguoi-lao-dong-nghi-tet-nguyen-dan-giap-thin-7-ngay.html
    *[D(2024, 2, day) for day in (8, 9, 12, 13, 14)],
    # Tết Ất Tỵ 2025: nine days in a row, Saturday 25 Jan to Sunday 2 Feb (VPCP
    # 8726/VPCP-KGVX of 26 Nov 2024). https://pld.net.vn/tag/nghi-tet-nguyen-dan.html
    *[D(2025, 1, day) for day in (27, 28, 29, 30, 31)],
    # Tết Bính Ngọ 2026: Saturday 14 Feb to Sunday 22 Feb.
    # http://www.congan.com.vn/?catid=702&id=388656&mod=detnews
    *[D(2026, 2, day) for day in (16, 17, 18, 19, 20)],
    # 30 April–1 May 2024: off 27 Apr–1 May, Monday 29 Apr swapped for Saturday 4 May
    # (VPCP 2450/VPCP-KGVX of 12 Apr 2024).
    # https://baotintuc.vn/infographics/ngay-nghi-le-dip-gio-to-hung-vuong-va-304-152024-20240412212054381.htm
    D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1),
    # 30 April–1 May 2025: off 30 Apr–4 May, Friday 2 May swapped for Saturday 26 Apr.
    # https://aeonmall-tanphuceladon-en.com/tin-tuc/nghi-le-30-04-01-05-lien-tiep-trong-5-ngay
    D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2),
    # National Day 2023: off Friday 1 Sep to Monday 4 Sep. https://kiemtientuweb.com/tet-2023.html
    D(2023, 9, 1), D(2023, 9, 4),
    # National Day 2024: off Saturday 31 Aug to Tuesday 3 Sep — the second day is 3 Sep.
    # http://m.btv.org.vn/tin-tuc/le-quoc-khanh-29-nguoi-lao-dong-duoc-nghi-4-ngay-lien-tiep-95086.html
    D(2024, 9, 2), D(2024, 9, 3),
    # National Day 2025: off Saturday 30 Aug to Tuesday 2 Sep — the second day is 1 Sep.
    # https://aeonmall-tanphuceladon-en.com/tin-tuc/nghi-le-30-04-01-05-lien-tiep-trong-5-ngay
    D(2025, 9, 1), D(2025, 9, 2),
    # Hùng Kings' day (10th day of the 3rd lunar month): 2 Apr 2020, 21 Apr 2021, and
    # 10 Apr 2022, a Sunday, carried to Monday 11 Apr (vacanza/holidays
    # tests/countries/test_vietnam.py); Thursday 18 Apr 2024 (the baotintuc page above).
    D(2020, 4, 2), D(2021, 4, 21), D(2022, 4, 11), D(2024, 4, 18),
]  # fmt: skip

WORKING_DAYS = [
    D(2023, 1, 19), D(2023, 1, 27),  # either side of Tết 2023
    D(2024, 2, 7), D(2024, 2, 15),  # either side of Tết 2024
    D(2025, 1, 24), D(2025, 2, 3),  # either side of Tết 2025
    D(2026, 2, 13), D(2026, 2, 23),  # either side of Tết 2026
    D(2024, 5, 4),  # Saturday worked in exchange for 29 April 2024 (sources above)
    D(2025, 4, 26),  # Saturday worked in exchange for 2 May 2025 (sources above)
    D(2024, 9, 4), D(2025, 9, 3),  # the days after National Day
]  # fmt: skip


@pytest.mark.parametrize("day", DAYS_OFF, ids=str)
def test_published_days_off(day: dt.date) -> None:
    assert not CAL.is_working_day(day)


@pytest.mark.parametrize("day", WORKING_DAYS, ids=str)
def test_published_working_days(day: dt.date) -> None:
    assert CAL.is_working_day(day)


def test_a_swapped_saturday_counts_in_deadlines() -> None:
    # Received Friday 3 May 2024: one working day later is Saturday 4 May, not Monday.
    assert CAL.add_working_days(D(2024, 5, 3), 1) == D(2024, 5, 4)
    assert CAL.working_days_between(D(2024, 5, 3), D(2024, 5, 6)) == 2


def test_tet_2024_spans_five_working_days() -> None:
    assert CAL.add_working_days(D(2024, 2, 7), 1) == D(2024, 2, 15)
    # February 2024 has 21 weekdays; five of them are Tết.
    assert CAL.working_days_between(D(2024, 1, 31), D(2024, 2, 29)) == 16


# --- Conventions -------------------------------------------------------------------------


def test_counting_starts_from_the_next_working_day() -> None:
    assert CAL.add_working_days(D(2024, 3, 4), 1) == D(2024, 3, 5)  # Monday → Tuesday
    assert CAL.add_working_days(D(2024, 3, 8), 1) == D(2024, 3, 11)  # Friday → Monday
    assert CAL.add_working_days(D(2024, 3, 9), 1) == D(2024, 3, 11)  # Saturday → Monday
    assert CAL.add_working_days(D(2024, 3, 4), 0) == D(2024, 3, 4)


def test_day_off_with_zero_or_negative_counts() -> None:
    # Sunday 10 Mar 2024 shares the rank of Friday 8 Mar.
    assert CAL.add_working_days(D(2024, 3, 10), 0) == D(2024, 3, 8)
    assert CAL.add_working_days(D(2024, 3, 10), -1) == D(2024, 3, 7)
    assert VN.get_nth_working_day(D(2024, 3, 10), -1) == D(2024, 3, 8)


def test_next_and_previous_working_day() -> None:
    assert CAL.next_working_day(D(2024, 2, 7)) == D(2024, 2, 15)
    assert CAL.next_working_day(D(2024, 2, 7), inclusive=True) == D(2024, 2, 7)
    assert CAL.next_working_day(D(2024, 2, 10), inclusive=True) == D(2024, 2, 15)
    assert CAL.previous_working_day(D(2024, 2, 15)) == D(2024, 2, 7)
    assert CAL.previous_working_day(D(2024, 2, 15), inclusive=True) == D(2024, 2, 15)
    assert CAL.previous_working_day(D(2024, 2, 10), inclusive=True) == D(2024, 2, 7)


@given(day=days_2001_2099)
def test_next_previous_bracket_the_day(day: dt.date) -> None:
    after, before = CAL.next_working_day(day), CAL.previous_working_day(day)
    assert before < day < after
    assert CAL.is_working_day(after)
    assert CAL.is_working_day(before)
    assert CAL.working_days_between(before, after) == 2 - (not CAL.is_working_day(day))
    assert after == CAL.add_working_days(day, 1)


# --- Laws --------------------------------------------------------------------------------


@given(day=_working_days_2001_2099(), a=st.integers(0, 80), b=st.integers(0, 80))
def test_adding_composes_on_working_days(day: dt.date, a: int, b: int) -> None:
    assert CAL.add_working_days(CAL.add_working_days(day, a), b) == CAL.add_working_days(day, a + b)


@given(day=days_2001_2099, a=counts, b=counts)
def test_adding_composes_on_every_day(day: dt.date, a: int, b: int) -> None:
    assert CAL.add_working_days(CAL.add_working_days(day, a), b) == CAL.add_working_days(day, a + b)


@given(day=days_2001_2099, n=counts.filter(bool))
def test_answer_is_a_working_day_in_the_right_direction(day: dt.date, n: int) -> None:
    answer = CAL.add_working_days(day, n)
    assert CAL.is_working_day(answer)
    assert (answer > day) if n > 0 else (answer < day)


@given(day=days_2001_2099, n=counts)
def test_between_inverts_add(day: dt.date, n: int) -> None:
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n


@given(a=days_2001_2099, b=days_2001_2099)
def test_between_is_antisymmetric_and_counts_half_open(a: dt.date, b: dt.date) -> None:
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    if a <= b and (b - a).days < 400:
        expected = sum(CAL.is_working_day(a + dt.timedelta(k)) for k in range(1, (b - a).days + 1))
        assert CAL.working_days_between(a, b) == expected


# --- Oracles: holidays' own answers and the numpy reference --------------------------------


@given(day=days_2001_2099)
def test_is_working_day_agrees_with_holidays(day: dt.date) -> None:
    assert CAL.is_working_day(day) == VN.is_working_day(day)


@given(day=days_2001_2099, n=counts)
def test_add_agrees_with_get_nth_working_day(day: dt.date, n: int) -> None:
    expected = VN.get_nth_working_day(day, n)
    if VN.is_working_day(day) or n >= 1:
        assert CAL.add_working_days(day, n) == expected
    else:  # a day off counted back: holidays takes its neighbour as step one
        assert CAL.add_working_days(day, n + 1) == expected


def test_bulk_agrees_with_the_numpy_reference() -> None:
    reference = bench_reference("calendar_reference")
    if reference is None:
        pytest.skip("calendar_reference.py not found (set CCHC_BENCH_REFERENCES)")
    received, days = reference.make_inputs(20_000, seed=11)
    # Negative and zero counts too, where the reference's window has room behind them
    # (it indexes from the end of its array for an answer before its window).
    room = received >= np.datetime64("2022-03-01")
    index = np.arange(days.size)
    days = np.where(room & (index % 5 == 0), -days, days)
    days = np.where(room & (index % 7 == 0), 0, days)
    want = reference.add_working_days(received, days, range(2022, 2026))
    assert np.array_equal(CAL.add_working_days_many(received, days), want)


@given(
    pairs=st.lists(st.tuples(days_2001_2099, counts), max_size=40),
    as_array=st.booleans(),
)
def test_bulk_equals_scalar(pairs: list[tuple[dt.date, int]], as_array: bool) -> None:
    dates = [d for d, _ in pairs]
    ns = [n for _, n in pairs]
    given_dates = np.array(dates, dtype="datetime64[D]") if as_array else dates
    result = CAL.add_working_days_many(given_dates, ns)
    assert result.dtype == np.dtype("datetime64[D]")
    assert result.tolist() == [CAL.add_working_days(d, n) for d, n in pairs]
    flags = CAL.is_working_day_many(given_dates)
    assert flags.tolist() == [CAL.is_working_day(d) for d in dates]


def test_bulk_broadcasts_one_count() -> None:
    result = CAL.add_working_days_many([D(2024, 2, 7), D(2024, 5, 3)], 1)
    assert result.tolist() == [D(2024, 2, 15), D(2024, 5, 4)]


# --- Overrides ---------------------------------------------------------------------------


def test_overrides_are_respected() -> None:
    cal = VietnamCalendar(extra_days_off=[D(2024, 3, 5)], extra_working_days=[D(2024, 3, 10)])
    assert not cal.is_working_day(D(2024, 3, 5))
    assert cal.is_working_day(D(2024, 3, 10))  # a Sunday
    assert cal.add_working_days(D(2024, 3, 4), 1) == D(2024, 3, 6)
    assert cal.add_working_days(D(2024, 3, 8), 1) == D(2024, 3, 10)
    assert cal.working_days_between(D(2024, 3, 4), D(2024, 3, 11)) == 5
    assert repr(cal).endswith("extra_days_off=1, extra_working_days=1)")


@given(off=st.sets(days_2001_2099, max_size=5), day=days_2001_2099, n=st.integers(1, 30))
def test_extra_days_off_are_skipped(off: set[dt.date], day: dt.date, n: int) -> None:
    cal = VietnamCalendar(extra_days_off=off)
    answer = cal.add_working_days(day, n)
    assert answer not in off
    assert cal.working_days_between(day, answer) == n


def test_overrides_document_builds_a_calendar() -> None:
    overrides = CalendarOverrides.model_validate_json(
        '{"type": "calendar-overrides", "code": "ht-2025",'
        ' "extra_days_off": [{"day": "2025-03-07", "reason": "Lễ hội",'
        ' "instrument": "12/QD-UBND"}],'
        ' "extra_working_days": [{"day": "2025-03-08"}]}'
    )
    assert overrides.extra_days_off[0].instrument == "12/QĐ-UBND"
    cal = VietnamCalendar.from_overrides(overrides)
    assert not cal.is_working_day(D(2025, 3, 7))
    assert cal.is_working_day(D(2025, 3, 8))


def test_overrides_that_contradict_are_refused() -> None:
    with pytest.raises(ValidationError, match="both an extra day off and an extra working day"):
        CalendarOverrides(
            extra_days_off=(DayOverride(day=D(2025, 3, 7)),),
            extra_working_days=(DayOverride(day=D(2025, 3, 7)),),
        )
    with pytest.raises(ValidationError, match="appears twice in extra_days_off"):
        CalendarOverrides(extra_days_off=(DayOverride(day=D(2025, 3, 7)),) * 2)
    first = CalendarOverrides(extra_days_off=(DayOverride(day=D(2025, 3, 7)),))
    second = CalendarOverrides(extra_working_days=(DayOverride(day=D(2025, 3, 7)),))
    with pytest.raises(CalendarError, match="2025-03-07 is both") as caught:
        VietnamCalendar.from_overrides(first, second)
    assert caught.value.day == D(2025, 3, 7)


override_days = st.builds(
    DayOverride,
    day=days_2001_2099,
    reason=st.none() | st.sampled_from(["Lễ hội", "Bầu cử", "Storm"]),
    instrument=st.none() | st.just("12/QĐ-UBND"),
)


@given(
    off=st.lists(override_days, max_size=4, unique_by=lambda o: o.day),
    work=st.lists(override_days, max_size=4, unique_by=lambda o: o.day),
)
def test_overrides_json_round_trip(off: list[DayOverride], work: list[DayOverride]) -> None:
    work = [o for o in work if o.day not in {p.day for p in off}]
    document = CalendarOverrides(
        code="x", extra_days_off=tuple(off), extra_working_days=tuple(work)
    )
    assert CalendarOverrides.model_validate_json(document.model_dump_json()) == document


# --- Supported years ---------------------------------------------------------------------


@pytest.mark.parametrize("day", [D(1999, 12, 31), D(2101, 1, 1)])
def test_outside_the_years_raises_naming_the_range(day: dt.date) -> None:
    with pytest.raises(
        CalendarError, match="outside the years this calendar supports, 2000 to 2100"
    ):
        CAL.is_working_day(day)
    with pytest.raises(ValueError, match=str(day)):
        CAL.add_working_days_many([day], 1)
    assert issubclass(CalendarError, CchcError)


def test_an_answer_outside_the_years_raises() -> None:
    with pytest.raises(CalendarError, match="falls outside") as caught:
        CAL.add_working_days(D(2100, 12, 28), 10)
    assert caught.value.years == (2000, 2100)
    with pytest.raises(CalendarError, match="falls outside"):
        CAL.add_working_days_many([D(2000, 1, 3)], -5)
    with pytest.raises(CalendarError, match="2000 to 2100"):
        CAL.period_end(D(2100, 6, 1), years=1)


def test_years_are_configurable() -> None:
    cal = VietnamCalendar(first_year=2014, last_year=2014)
    assert cal.years == (2014, 2014)
    # Saturday 27 Dec 2014 was worked for Friday 2 Jan 2015, a swap decided with 2015's days.
    assert cal.is_working_day(D(2014, 12, 27))
    with pytest.raises(CalendarError, match="2014 to 2014"):
        cal.is_working_day(D(2015, 1, 2))
    with pytest.raises(CalendarError, match="1901 to 2100"):
        VietnamCalendar(first_year=2030, last_year=2020)
    with pytest.raises(CalendarError, match="outside the years"):
        VietnamCalendar(first_year=2020, last_year=2021, extra_days_off=[D(2022, 1, 3)])


def test_wrong_types_are_refused() -> None:
    with pytest.raises(TypeError, match="not a datetime"):
        CAL.is_working_day(dt.datetime(2024, 3, 4, tzinfo=dt.UTC))
    with pytest.raises(TypeError, match="must be an int"):
        CAL.add_working_days(D(2024, 3, 4), 1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be an int"):
        CAL.add_working_days(D(2024, 3, 4), True)
    with pytest.raises(TypeError, match="integers"):
        CAL.add_working_days_many([D(2024, 3, 4)], [1.5])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="datetime64"):
        CAL.add_working_days_many(np.array([1, 2]), 1)


# --- Estimated holidays ------------------------------------------------------------------

ESTIMATED = D(2031, 3, 5)  # a Wednesday


def _with_estimate(years: range) -> holidays.HolidayBase:
    table = holidays.country_holidays("VN", years=years, language="en_US")
    table[ESTIMATED] = "Test lunar holiday (estimated)"
    return table


def test_holidays_does_not_label_vietnamese_lunar_dates_as_estimated() -> None:
    # holidays 0.109 builds VN with show_estimated off: no name carries "(estimated)".
    assert CAL.estimated_holidays == ()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CAL.add_working_days(D(2099, 1, 20), 30)


def test_an_answer_resting_on_an_estimated_holiday_warns() -> None:
    cal = VietnamCalendar(first_year=2030, last_year=2032, holiday_table=_with_estimate)
    assert cal.estimated_holidays == (ESTIMATED,)
    with pytest.warns(EstimatedHolidayWarning, match=r"2031-03-05 \(Test lunar holiday"):
        assert not cal.is_working_day(ESTIMATED)
    with pytest.warns(EstimatedHolidayWarning):
        assert cal.add_working_days(D(2031, 3, 4), 1) == D(2031, 3, 6)
    with pytest.warns(EstimatedHolidayWarning):
        cal.add_working_days_many([D(2031, 3, 3), D(2031, 6, 2)], [3, 1])
    with pytest.warns(EstimatedHolidayWarning):
        cal.working_days_between(D(2031, 3, 1), D(2031, 3, 9))
    assert issubclass(EstimatedHolidayWarning, CchcWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cal.add_working_days(D(2031, 3, 6), 5) == D(2031, 3, 13)
        cal.add_working_days_many([D(2031, 6, 2)], [1])
        overridden = VietnamCalendar(
            first_year=2030,
            last_year=2032,
            holiday_table=_with_estimate,
            extra_working_days=[ESTIMATED],
        )
        assert overridden.is_working_day(ESTIMATED)
        assert overridden.estimated_holidays == ()
