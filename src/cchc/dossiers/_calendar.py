"""The working-day calendar as a table that dossier queries join on.

Each date of the years covered gets ``rank``, the working days up to and including it
(:class:`~cchc.calendar.VietnamCalendar`'s rank, counted from the table's first day), and
``ord``, the working days strictly before it — the position of the first working day on
or after it. For a working day ``d``, ``d + n`` working days is the day of rank
``rank(d) + n``; ``f <= d`` for a working day ``d`` is ``ord(f) <= ord(d)``. So "finished
on or before the due date moved by ``s`` working days" is ``ord(finished) <= ord(due) + s``
and "the period's end is past it" is ``ord(due) + s < ord(end)``, integer comparisons
that every SQL engine runs alike (the moved date itself is never looked up, so
supplement days need no more of the calendar).

The table runs from 1 January of the year before the judged one (a dossier received
then is rejected for its receipt, not for its due date) to 31 December of the year that
the catalogue's longest procedure, received on 31 December, can reach.
"""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np
import pyarrow as pa

from cchc.calendar import VietnamCalendar
from cchc.errors import CalendarError, DossierError

__all__ = ["CalendarSpan", "calendar_span", "calendar_table", "days", "ordinal"]


@attrs.frozen
class CalendarSpan:
    """The years of the calendar table: ``first`` to ``last``, inclusive."""

    first: int
    last: int


def days(first_year: int, last_year: int) -> np.ndarray:
    """Every day of ``first_year`` to ``last_year`` (inclusive), as ``datetime64[D]``."""
    return np.arange(
        np.datetime64(f"{first_year}-01-01"),
        np.datetime64(f"{last_year + 1}-01-01"),
        dtype="datetime64[D]",
    )


def calendar_span(calendar: VietnamCalendar, year: int, longest: int) -> CalendarSpan:
    """The years the table covers for ``year`` and a longest procedure of ``longest`` days.

    Raises:
        DossierError: ``year`` is outside the calendar's years.
    """
    low, high = calendar.years
    if not low <= year <= high:
        raise DossierError(
            f"year {year} is outside the working-day calendar's years {low}-{high}",
            where="year",
        )
    try:
        reach = calendar.add_working_days(dt.date(year, 12, 31), max(longest, 1)).year
    except CalendarError:  # past the calendar's last day: due dates there are refused
        reach = high
    return CalendarSpan(max(low, year - 1), min(high, reach))


def calendar_table(calendar: VietnamCalendar, span: CalendarSpan) -> pa.Table:
    """Every day of ``span``'s years, and what the queries need of it.

    ``day``; ``working``; ``rank`` and ``ord`` (above); ``work_rank``, the rank of a
    working day and -1 for a day off (so "``d`` is a working day of rank ``r``" is one
    comparison, ``r`` being never negative); ``next_rank``, ``ord + 1``, the rank of the
    first working day on or after the day; ``month``, the day's month (1-12), which a
    join gives for less than the date arithmetic costs.
    """
    every = days(span.first, span.last)
    working = calendar.is_working_day_many(every)
    rank = np.cumsum(working, dtype=np.int32)
    month = every.astype("datetime64[M]").astype(np.int64) % 12 + 1
    before = rank - working.astype(np.int32)
    return pa.table(
        {
            "day": pa.array(every, type=pa.date32()),
            "working": pa.array(working),
            "rank": pa.array(rank),
            "ord": pa.array(before),
            "work_rank": pa.array(np.where(working, rank, np.int32(-1)).astype(np.int32)),
            "next_rank": pa.array(before + np.int32(1)),
            "month": pa.array(month.astype(np.int8)),
        }
    )


def ordinal(calendar: VietnamCalendar, span: CalendarSpan, day: dt.date) -> int:
    """``ord`` of ``day`` in :func:`calendar_table` (working days from its first day before it).

    >>> ordinal(VietnamCalendar(), CalendarSpan(2025, 2027), dt.date(2025, 1, 3))
    1
    """
    first = dt.date(span.first, 1, 1)
    inside = calendar.working_days_between(first, day) + int(calendar.is_working_day(first))
    return inside - int(calendar.is_working_day(day))
