"""The working-day calendar as a table that dossier queries join on.

Each date of the years covered gets ``rank``, the working days up to and including it
(:class:`~cchc.calendar.VietnamCalendar`'s rank, counted from the table's first day), and
``ord``, the working days strictly before it — the position of the first working day on
or after it. For a working day ``d``, ``d + n`` working days is the day of rank
``rank(d) + n``; ``f <= d`` for a working day ``d`` is ``ord(f) <= ord(d)``. So "finished
on or before the due date moved by ``s`` working days" is ``ord(finished) <= ord(due) + s``
and "the period's end is past it" is ``ord(due) + s < ord(end)``, integer comparisons
that every SQL engine runs alike.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from cchc.calendar import VietnamCalendar

__all__ = ["CALENDAR_YEARS_AFTER", "calendar_table", "ordinal"]

CALENDAR_YEARS_AFTER = 2
"""Years after the judged one that the table covers (deadlines of December receipts,
moved by supplements, run into the next year)."""


def _days(year: int) -> np.ndarray:
    return np.arange(
        np.datetime64(f"{year}-01-01"),
        np.datetime64(f"{year + CALENDAR_YEARS_AFTER + 1}-01-01"),
        dtype="datetime64[D]",
    )


def calendar_table(calendar: VietnamCalendar, year: int) -> pa.Table:
    """Every day of ``year`` and the two after it, and what the queries need of it.

    ``day``; ``working``; ``rank`` and ``ord`` (above); ``work_rank``, the rank of a
    working day and -1 for a day off (so "``d`` is a working day of rank ``r``" is one
    comparison, ``r`` being never negative); ``month``, the day's month (1-12), which a
    join gives for less than the date arithmetic costs.

    Raises:
        CalendarError: The calendar does not cover those years.
    """
    days = _days(year)
    working = calendar.is_working_day_many(days)
    rank = np.cumsum(working, dtype=np.int32)
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return pa.table(
        {
            "day": pa.array(days, type=pa.date32()),
            "working": pa.array(working),
            "rank": pa.array(rank),
            "ord": pa.array(rank - working.astype(np.int32)),
            "work_rank": pa.array(np.where(working, rank, np.int32(-1)).astype(np.int32)),
            "month": pa.array(month.astype(np.int8)),
        }
    )


def ordinal(calendar: VietnamCalendar, year: int, day: dt.date) -> int:
    """``ord`` of ``day`` in :func:`calendar_table` (working days from 1 January before it).

    >>> ordinal(VietnamCalendar(), 2025, dt.date(2025, 1, 3))  # 1 January is a holiday
    1
    """
    return calendar.working_days_between(dt.date(year - 1, 12, 31), day) - int(
        calendar.is_working_day(day)
    )
