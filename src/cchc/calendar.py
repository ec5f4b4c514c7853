"""The working-day calendar of Vietnam's public sector (ngày làm việc).

Civil servants work Monday to Friday. :class:`VietnamCalendar` takes the public
holidays from the ``holidays`` package (country ``VN``): the eleven paid days of
Labour Code 2019 Art. 112 with Tết and Hùng Kings' day on their lunar dates, a
holiday on a weekend carried to the next working day, and the Prime Minister's
yearly swaps — a weekday off, a Saturday worked instead. Your own extra days off
and extra working days come on top (:class:`~cchc.documents.CalendarOverrides`).

Counting convention — deadlines count from the next working day: a dossier
received on a working day plus 1 working day is due the next working day. The
calendar ranks every day by the number of working days up to and including it;
``add_working_days(d, n)`` is the working day whose rank is ``rank(d) + n``.

>>> import datetime as dt
>>> VietnamCalendar().add_working_days(dt.date(2024, 2, 7), 1)  # Wednesday before Tết 2024
datetime.date(2024, 2, 15)

See ``docs/working-days.md`` for the conventions in full.
"""

from __future__ import annotations

import bisect
import datetime as dt
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Self, TypeAlias

import numpy as np
from numpy.typing import NDArray

from cchc._calendar_args import as_count, as_count_array, as_date_array, as_day
from cchc._holiday_table import (
    HolidayTableFactory,
    facts,
    supported_years,
    table_years,
    vn_facts,
)
from cchc.errors import CalendarError, EstimatedHolidayWarning
from cchc.periods import nominal_period_end

if TYPE_CHECKING:
    from cchc.documents.reporting import CalendarOverrides

__all__ = ["DEFAULT_YEARS", "DateArray", "HolidayTableFactory", "VietnamCalendar"]

DEFAULT_YEARS = (2000, 2100)
"""The years a :class:`VietnamCalendar` supports unless told otherwise (inclusive)."""

DateArray: TypeAlias = NDArray[np.datetime64]
"""A numpy array of ``datetime64[D]`` dates."""


class VietnamCalendar:
    """The public-sector working-day calendar: Monday–Friday, VN holidays, swaps, overrides.

    Every day of the supported years is ranked by the number of working days up
    to and including it (a day off shares the rank of the working day before it).
    Counting forward or back, and counting between two days, is arithmetic on
    that rank, so the answers compose exactly (see :meth:`add_working_days`).
    The calendar is immutable; the holiday table behind it is built once per
    process, on first use.

    Args:
        extra_days_off: Days that are not working days (any iterable of dates; a
            mapping from date to reason works too).
        extra_working_days: Days that are working days, weekends included.
        first_year: First supported year.
        last_year: Last supported year (``holidays`` has lunar dates up to 2100).
        holiday_table: Builds the holiday table for a range of years; by default
            ``holidays.VN(years=years, language="en_US")``. A holiday whose name says
            it is estimated (``"(estimated)"``, ``"(dự kiến)"``) makes every answer
            that depends on it emit :class:`~cchc.errors.EstimatedHolidayWarning`.

    Raises:
        CalendarError: The years are reversed or outside what ``holidays`` supports
            for VN (1901–2100), an override is outside them, or a day is both an
            extra day off and an extra working day.
    """

    __slots__ = ("_cum", "_est_positions", "_est_prefix", "_facts", "_first", "_first64", "_off",
                 "_size", "_work", "_work_days", "_work_pos", "_working", "_years")  # fmt: skip

    def __init__(
        self,
        *,
        extra_days_off: Iterable[dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
        first_year: int = DEFAULT_YEARS[0],
        last_year: int = DEFAULT_YEARS[1],
        holiday_table: HolidayTableFactory | None = None,
    ) -> None:
        lowest, highest = supported_years()
        if not lowest <= first_year <= last_year <= highest:
            raise CalendarError(
                f"the calendar's years must lie within {lowest} to {highest}, first before last;"
                f" got {first_year} to {last_year}",
                years=(first_year, last_year),
            )
        self._years = (first_year, last_year)
        self._first = dt.date(first_year, 1, 1)
        self._first64 = np.datetime64(self._first, "D")
        last = dt.date(last_year, 12, 31)
        if holiday_table is None:
            self._facts = vn_facts(first_year, last_year)
        else:
            table = holiday_table(table_years(first_year, last_year, lowest, highest))
            self._facts = facts(table, self._first, last)
        self._off = frozenset(as_day(day, "an extra day off") for day in extra_days_off)
        self._work = frozenset(as_day(day, "an extra working day") for day in extra_working_days)
        if clash := self._off & self._work:
            day = min(clash)
            raise CalendarError(
                f"{day} is both an extra day off and an extra working day",
                day=day,
                years=self._years,
            )
        self._size = (last - self._first).days + 1
        self._build(self._size)

    def _build(self, size: int) -> None:
        def positions(days: Iterable[dt.date]) -> list[int]:
            return [self._pos(day) for day in days]

        working = (np.arange(size) + self._first.weekday()) % 7 < 5
        working[positions(self._facts.names)] = False
        working[positions(self._facts.weekend_workdays)] = True
        working[positions(self._off)] = False
        working[positions(self._work)] = True
        working.flags.writeable = False
        self._working = working
        self._cum = np.cumsum(working, dtype=np.int64)  # rank: working days up to and including
        self._work_pos = np.flatnonzero(working).astype(np.int64)
        # Indexed by rank: entry 0 (rank 0, before the first working day) is NaT.
        by_rank = self._first64 + self._work_pos.astype("timedelta64[D]")
        self._work_days = np.concatenate((np.array(["NaT"], dtype="datetime64[D]"), by_rank))
        # An override settles its day, so its estimate no longer matters.
        self._est_positions = sorted(positions(self._facts.estimated - self._off - self._work))
        self._est_prefix: NDArray[np.int64] | None = None
        if self._est_positions:
            flags = np.zeros(size, dtype=np.int64)
            flags[self._est_positions] = 1
            self._est_prefix = np.concatenate(([0], np.cumsum(flags)))

    @classmethod
    def from_overrides(
        cls,
        *overrides: CalendarOverrides,
        first_year: int = DEFAULT_YEARS[0],
        last_year: int = DEFAULT_YEARS[1],
        holiday_table: HolidayTableFactory | None = None,
    ) -> Self:
        """A calendar with the days of one or more :class:`~cchc.documents.CalendarOverrides`.

        Raises:
            CalendarError: A day is a day off in one document and a working day in
                another, or is outside the years (see :class:`VietnamCalendar`).
        """
        return cls(
            extra_days_off=[o.day for doc in overrides for o in doc.extra_days_off],
            extra_working_days=[o.day for doc in overrides for o in doc.extra_working_days],
            first_year=first_year,
            last_year=last_year,
            holiday_table=holiday_table,
        )

    @property
    def years(self) -> tuple[int, int]:
        """The first and the last year this calendar supports (inclusive)."""
        return self._years

    @property
    def estimated_holidays(self) -> tuple[dt.date, ...]:
        """The days whose status rests on an estimated holiday date (and no override)."""
        return tuple(self._date(pos) for pos in self._est_positions)

    def __repr__(self) -> str:
        first, last = self._years
        return (
            f"VietnamCalendar(first_year={first}, last_year={last},"
            f" extra_days_off={len(self._off)}, extra_working_days={len(self._work)})"
        )

    def _outside(self, what: str, day: dt.date | None) -> CalendarError:
        first, last = self._years
        message = f"{what} outside the years this calendar supports, {first} to {last}"
        return CalendarError(message, day=day, years=self._years)

    def _pos(self, value: object, what: str = "day") -> int:
        day = as_day(value, what)
        pos = day.toordinal() - self._first.toordinal()
        if not 0 <= pos < self._size:
            raise self._outside(f"{day} is", day)
        return pos

    def _pos_of_rank(self, rank: int, origin: dt.date, what: str) -> int:
        if not 1 <= rank <= self._work_pos.size:
            raise self._outside(f"{what} from {origin} falls", origin)
        return int(self._work_pos[rank - 1])

    def _date(self, pos: int) -> dt.date:
        return self._first + dt.timedelta(days=pos)

    def _warn_estimated(self, low: int, high: int, stacklevel: int = 3) -> None:
        start = bisect.bisect_left(self._est_positions, low)
        stop = bisect.bisect_right(self._est_positions, high)
        self._warn_days(self._est_positions[start:stop], stacklevel + 1)

    def _warn_days(self, positions: Sequence[int], stacklevel: int) -> None:
        if positions:
            days = [self._date(p) for p in positions]
            shown = "; ".join(f"{day} ({self._facts.names[day]})" for day in days[:3])
            more = f" and {len(days) - 3} more" if len(days) > 3 else ""
            warnings.warn(
                f"the answer depends on holiday dates that are only estimated: {shown}{more};"
                " check them against the government's announcement, or override them",
                EstimatedHolidayWarning,
                stacklevel=stacklevel,
            )

    def _warn_estimated_many(self, low: NDArray[np.int64], high: NDArray[np.int64]) -> None:
        prefix = self._est_prefix
        if prefix is None or low.size == 0:
            return
        touched = prefix[high + 1] - prefix[low] > 0
        if touched.any():  # name the estimated days some answer rests on, and only those
            low, high = low[touched], high[touched]
            used = [e for e in self._est_positions if ((low <= e) & (high >= e)).any()]
            self._warn_days(used, 4)

    def _positions(self, dates: DateArray) -> NDArray[np.int64]:
        pos = (dates - self._first64).astype(np.int64)
        if pos.size and (pos.min() < 0 or pos.max() >= self._size):
            day = dates.flat[int(np.flatnonzero(((pos < 0) | (pos >= self._size)).ravel())[0])]
            raise self._outside(f"{day} is", None if np.isnat(day) else day.astype(dt.date))
        return pos

    def is_working_day(self, day: dt.date) -> bool:
        """Whether civil servants work on ``day``.

        Raises:
            CalendarError: ``day`` is outside the supported years.
        """
        pos = self._pos(day)
        self._warn_estimated(pos, pos)
        return bool(self._working[pos])

    def next_working_day(self, day: dt.date, *, inclusive: bool = False) -> dt.date:
        """The first working day after ``day`` (or ``day`` itself, if ``inclusive`` and working).

        ``next_working_day(d) == add_working_days(d, 1)`` for every ``d``.
        """
        pos = self._pos(day)
        if not (inclusive and self._working[pos]):
            pos_next = self._pos_of_rank(int(self._cum[pos]) + 1, day, "the next working day")
            self._warn_estimated(pos, pos_next)
            return self._date(pos_next)
        self._warn_estimated(pos, pos)
        return day

    def previous_working_day(self, day: dt.date, *, inclusive: bool = False) -> dt.date:
        """The last working day before ``day`` (or ``day`` itself, if ``inclusive`` and working)."""
        pos = self._pos(day)
        rank = int(self._cum[pos])
        if self._working[pos] and not inclusive:
            rank -= 1
        found = self._pos_of_rank(rank, day, "the previous working day")
        self._warn_estimated(found, pos)
        return self._date(found)

    def add_working_days(self, day: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``day`` (before it when ``days`` < 0).

        Counting starts from the next working day: received on a working day, +1
        is the next working day; received on a day off, +1 is the first working
        day after it. In rank terms the answer is the working day whose rank is
        ``rank(day) + days``, where ``rank(d)`` counts the working days up to and
        including ``d`` — the formula of the numpy reference
        (``work_dates[cum[pos] + days - 1]``). So, for every ``d``, ``a`` and ``b``:
        ``add(add(d, a), b) == add(d, a + b)`` and
        ``working_days_between(d, add(d, n)) == n``.

        ``holidays``' ``get_nth_working_day(d, n)`` gives the same answer when ``d``
        is a working day, or when ``n >= 1``. For a day off and ``n <= 0`` it counts
        ``d``'s next (``n == 0``) or previous working day as step one, which here is
        ``add_working_days(d, n + 1)``: ``add_working_days(d, 0)`` on a day off is
        the last working day before it.

        Args:
            day: The day counted from (received, event).
            days: How many working days to move; negative moves back.

        Returns:
            A working day, or ``day`` itself when ``days == 0`` and it is a working day.

        Raises:
            CalendarError: ``day`` or the answer is outside the supported years.

        >>> import datetime as dt
        >>> cal = VietnamCalendar()
        >>> cal.add_working_days(dt.date(2024, 4, 26), 1)  # Fri; 29 Apr–1 May off, 4 May worked
        datetime.date(2024, 5, 2)
        >>> cal.add_working_days(dt.date(2024, 5, 3), 1)
        datetime.date(2024, 5, 4)
        >>> cal.add_working_days(dt.date(2024, 5, 5), -1)  # Sunday: day 0 is Sat 4 May
        datetime.date(2024, 5, 3)
        """
        count = as_count(days)
        pos = self._pos(day)
        found = self._pos_of_rank(int(self._cum[pos]) + count, day, f"{count:+d} working days")
        self._warn_estimated(min(pos, found), max(pos, found))
        return self._date(found)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """The number of working days in ``(start, end]``; negative when ``end < start``.

        The inverse of :meth:`add_working_days`: ``working_days_between(d, add_working_days(d,
        n)) == n``. ``holidays``' ``get_working_days_count`` counts ``[start, end]`` instead:
        one more when ``start`` is a working day.
        """
        low, high = self._pos(start, "start"), self._pos(end, "end")
        self._warn_estimated(min(low, high), max(low, high))
        return int(self._cum[high] - self._cum[low])

    def period_end(
        self, event_day: dt.date, *, days: int = 0, weeks: int = 0, months: int = 0, years: int = 0
    ) -> dt.date:
        """The last day of a period under the Civil Code 2015 (Art. 147–148).

        Counting starts the day after ``event_day``; a period in months or years
        ends on the same day number, or on the month's last day when that day does
        not exist; a period whose last day is a day off ends on the next working
        day (see :func:`cchc.periods.nominal_period_end`).

        >>> import datetime as dt
        >>> cal = VietnamCalendar()
        >>> cal.period_end(dt.date(2023, 1, 31), months=1)  # 28 Feb 2023 is a Tuesday
        datetime.date(2023, 2, 28)
        >>> cal.period_end(dt.date(2024, 1, 10), months=1)  # 10 Feb 2024 is in Tết
        datetime.date(2024, 2, 15)

        Raises:
            CalendarError: ``event_day`` or the end is outside the supported years.
            ValueError: A length is negative, or all are zero.
        """
        self._pos(event_day, "event_day")
        nominal = nominal_period_end(event_day, days=days, weeks=weeks, months=months, years=years)
        pos = self._pos(nominal, "the period's end")
        end = pos if self._working[pos] else self._pos_of_rank(
            int(self._cum[pos]) + 1, nominal, "the next working day"
        )  # fmt: skip
        self._warn_estimated(pos, end)
        return self._date(end)

    def is_working_day_many(self, dates: Sequence[dt.date] | DateArray) -> NDArray[np.bool_]:
        """:meth:`is_working_day` for many dates: a boolean array of the same shape."""
        pos = self._positions(as_date_array(dates))
        self._warn_estimated_many(pos, pos)
        result: NDArray[np.bool_] = self._working[pos]
        return result

    def add_working_days_many(
        self,
        dates: Sequence[dt.date] | DateArray,
        days: int | Sequence[int] | NDArray[np.integer],
    ) -> DateArray:
        """:meth:`add_working_days` for many dates at once, vectorised with numpy.

        Args:
            dates: Dates (``datetime.date``) or a ``datetime64`` array (taken at day
                precision).
            days: One count for all, or one per date (numpy broadcasting).

        Returns:
            A ``datetime64[D]`` array, element for element equal to the scalar answer.

        Raises:
            CalendarError: A date or an answer is outside the supported years.
            TypeError: The dates are not dates, or the counts not integers.

        >>> import numpy as np
        >>> VietnamCalendar().add_working_days_many(
        ...     np.array(["2024-02-07", "2024-05-03"], dtype="datetime64[D]"), [1, 1]
        ... )
        array(['2024-02-15', '2024-05-04'], dtype='datetime64[D]')
        """
        pos = self._positions(as_date_array(dates))
        rank = self._cum[pos] + as_count_array(days)
        if rank.size and (rank.min() < 1 or rank.max() > self._work_pos.size):
            outside = (rank < 1) | (rank > self._work_pos.size)
            first_bad = int(np.flatnonzero(outside.ravel())[0])
            origin = self._date(int(np.broadcast_to(pos, rank.shape).flat[first_bad]))
            raise self._outside(f"counting from {origin} falls", origin)
        if self._est_prefix is not None:
            found = self._work_pos[rank - 1]
            pos_b = np.broadcast_to(pos, found.shape)
            self._warn_estimated_many(np.minimum(pos_b, found), np.maximum(pos_b, found))
        result: DateArray = self._work_days[rank]
        return result
