"""The results in the layout of the benchmark reference's ``--json`` file, digit for digit.

``units`` and ``provinces`` (the year: counts, ``*_pct``, ``points`` per criterion,
``total``, ``max_points``, ``rank``; by total descending, then code) and ``unit_months``
(counts and rates per unit and month of receipt, by unit and month), with the period,
criteria and calendar used. Percentages and points are strings with two places, as the
reference writes them; a missing one is ``null``.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from cchc.calendar import VietnamCalendar
from cchc.dossiers._calendar import days as calendar_days
from cchc.dossiers._rules import COUNTS, RATES
from cchc.dossiers._values import IndicatorRow, ServiceIndex

if TYPE_CHECKING:
    from cchc.dossiers._assess import DossierAssessment

__all__ = ["REFERENCE_YEARS_AFTER", "reference_json"]

REFERENCE_YEARS_AFTER = 2
"""Years after the judged one whose days off the reference's ``calendar`` lists."""


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _row(row: IndicatorRow, key: str, *, scored: bool, month: bool) -> dict[str, Any]:
    out: dict[str, Any] = {key: row.key}
    if row.province is not None and scored:
        out["province"] = row.province
    if month:
        out["month"] = int(row.period[-2:])
    out.update({name: row.counts[name] for name in COUNTS})
    out.update({f"{rate}_pct": _text(row.rates[rate]) for rate in RATES})
    if scored:
        out["points"] = {cid: _text(value) for cid, value in row.points.items()}
        out["total"] = _text(row.total)
        out["max_points"] = str(row.max_points)
        out["rank"] = row.rank
    return out


def _calendar(calendar: VietnamCalendar, year: int) -> dict[str, Any]:
    days = calendar_days(year, min(year + REFERENCE_YEARS_AFTER, calendar.years[1]))
    working = calendar.is_working_day_many(days)
    weekday = (days.astype("datetime64[D]").view("int64") - 4) % 7  # 0 = Monday
    return {
        "source": f"cchc VietnamCalendar (holidays {version('holidays')} VN)",
        "weekdays_off": [str(d) for d in days[~working & (weekday < 5)]],
        "weekend_workdays": [str(d) for d in days[working & (weekday >= 5)]],
    }


def reference_json(
    assessment: DossierAssessment,
    *,
    indexes: tuple[ServiceIndex, ServiceIndex, ServiceIndex] | None = None,
    calendar: VietnamCalendar | None = None,
) -> dict[str, Any]:
    """The assessment as the reference's ``--json`` document (plain JSON data).

    Args:
        assessment: The checked and counted dossiers.
        indexes: The unit-year, province-year and unit-month indexes, if already computed.
        calendar: The calendar used (default: :class:`~cchc.calendar.VietnamCalendar`).
    """
    if indexes is None:
        units, provinces, months = assessment.indexes(
            ("unit", "year"), ("province", "year"), ("unit", "month")
        )
    else:
        units, provinces, months = indexes
    unit_months = sorted(
        (_row(r, "unit", scored=False, month=True) for r in months.rows),
        key=lambda r: (r["unit"], r["month"]),
    )
    return {
        "dossiers": assessment.validation.accepted,
        "rejected": assessment.validation.rejected,
        "period": {"year": assessment.year, "end": str(dt.date(assessment.year, 12, 31))},
        "calendar": _calendar(calendar or VietnamCalendar(), assessment.year),
        "criteria": [
            {
                "id": c.id,
                "group": c.group,
                "rate": c.rate,
                "max_points": str(c.max_points),
                "target": f"{c.target.numerator}/{c.target.denominator}",
            }
            for c in assessment.criteria
        ],
        "units": [_row(r, "unit", scored=True, month=False) for r in units.rows],
        "provinces": [_row(r, "province", scored=True, month=False) for r in provinces.rows],
        "unit_months": unit_months,
    }
