"""The public-holiday facts a :class:`~cchc.calendar.VietnamCalendar` is built from.

They come from the ``holidays`` package (country ``VN``), loaded on first use and
reduced to what the calendar needs: each holiday's name, the Saturdays worked in
the government's swaps, and which dates ``holidays`` marks as estimated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

import attrs

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = ["Facts", "HolidayTableFactory", "facts", "supported_years", "table_years", "vn_facts"]

HolidayTableFactory: TypeAlias = Callable[[range], "HolidayBase"]
"""Builds the public-holiday table for the given years (default: ``holidays.VN``)."""

_ESTIMATED_MARKERS = ("estimated", "dự kiến")  # holidays' estimated labels in en_US and vi


@attrs.frozen
class Facts:
    """The holiday table reduced to what the calendar needs, for a window of years."""

    names: Mapping[dt.date, str]
    weekend_workdays: frozenset[dt.date]
    estimated: frozenset[dt.date]


def facts(table: HolidayBase, first: dt.date, last: dt.date) -> Facts:
    names = {day: str(name) for day, name in table.items() if first <= day <= last}
    estimated = {
        d for d, name in names.items() if any(m in name.casefold() for m in _ESTIMATED_MARKERS)
    }
    workdays = frozenset(d for d in table.weekend_workdays if first <= d <= last)
    return Facts(names, workdays, frozenset(estimated))


def table_years(first_year: int, last_year: int, lowest: int, highest: int) -> range:
    # A year's swaps can name a day of the year before or after it (27 Dec 2014 for 2015).
    return range(max(lowest, first_year - 1), min(highest, last_year + 1) + 1)


@lru_cache(maxsize=8)
def vn_facts(first_year: int, last_year: int) -> Facts:
    from holidays import country_holidays  # noqa: PLC0415 - loaded on first use

    years = table_years(first_year, last_year, *supported_years())
    table = country_holidays("VN", years=years, language="en_US")
    return facts(table, dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))


def supported_years() -> tuple[int, int]:
    from holidays.countries.vietnam import Vietnam  # noqa: PLC0415

    return Vietnam.start_year, Vietnam.end_year
