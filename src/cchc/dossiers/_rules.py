"""The Decision 766 indicators this package computes: counts, rates and scored criteria.

The rules (those of ``shared/bench/dossier_reference.py``, which the library reproduces):

- the period is a year judged as of its last day; a month or quarter is the cohort of
  dossiers *received* in it, judged as of the year's end too, so months add up to the year;
- a dossier's due date moves forward by the working days the applicant spent supplementing
  it (that time does not count against the unit);
- **on time**: finished, at most one supplement request, and finished on or before the
  shifted due date (early is on time); **late**: finished and not on time — a second
  supplement request makes a dossier late whatever its dates;
- **open overdue**: not finished and the period's end is past the shifted due date; an open
  dossier not yet due is not judged;
- rates are exact fractions, published as percentages rounded half-up to 2 places; a rate
  whose denominator is 0 is null ("no data"), and so are its points;
- points = max × min(rate / target, 1), rounded half-up to 0.01 from the exact fraction;
  ``total`` sums the points of the criteria that have a rate and ``max_points`` their
  maxima (a unit with no fee-owing dossier is scored out of 36, not rescaled);
- ranks are competition ranks (1, 2, 2, 4) by total, descending; a province's figures are
  its units' counts summed, not a mean of their rates.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

import attrs

__all__ = [
    "COUNTS",
    "DECISION_766_CRITERIA",
    "RATES",
    "Criterion",
    "RateName",
]

RateName = Literal["on_time", "online", "online_payment", "digitised", "e_result"]

COUNTS: tuple[str, ...] = (
    "received",
    "finished",
    "on_time",
    "open_overdue",
    "judged",
    "online",
    "fee_due",
    "paid_online",
    "digitised",
    "e_result",
)
"""The counts kept for every unit (or province) and period, in the reference's order:

``received`` dossiers; ``finished`` by the period's end; ``on_time`` among them;
``open_overdue`` (open and past the shifted due date); ``judged`` = finished + open
overdue; ``online`` (channel 2); ``fee_due`` (a fee-bearing procedure and a fee > 0);
``paid_online`` among those; ``digitised``; ``e_result`` (finished with an electronic
result)."""

RATES: dict[RateName, tuple[str, str]] = {
    "on_time": ("on_time", "judged"),
    "online": ("online", "received"),
    "online_payment": ("paid_online", "fee_due"),
    "digitised": ("digitised", "received"),
    "e_result": ("e_result", "finished"),
}
"""Each rate as (numerator count, denominator count)."""


@attrs.frozen
class Criterion:
    """A scored criterion: ``max_points`` × min(rate / ``target``, 1).

    Attributes:
        id: Stable identifier (``"on_time"``).
        group: The Decision's group (1 transparency … 5 satisfaction).
        rate: The rate it scores.
        max_points: Its maximum, in points (2 decimal places at most).
        target: The rate that earns full points (1: proportional).
        label_vi: Its name in Vietnamese.
        label_en: Its name in English.
    """

    id: str
    group: int
    rate: RateName
    max_points: Decimal
    target: Fraction
    label_vi: str
    label_en: str

    @property
    def max_hundredths(self) -> int:
        """The maximum in hundredths of a point."""
        return int(self.max_points * 100)


DECISION_766_CRITERIA: tuple[Criterion, ...] = (
    Criterion("on_time", 2, "on_time", Decimal("20.00"), Fraction(1),
              "Hồ sơ giải quyết trước hạn, đúng hạn", "Dossiers resolved early or on time"),
    Criterion("online", 4, "online", Decimal("12.00"), Fraction(1, 2),
              "Hồ sơ nộp trực tuyến", "Dossiers submitted online"),
    Criterion("online_payment", 4, "online_payment", Decimal("6.00"), Fraction(9, 10),
              "Thanh toán trực tuyến", "Fees paid online"),
    Criterion("digitisation", 3, "digitised", Decimal("4.00"), Fraction(4, 5),
              "Hồ sơ được số hoá", "Digitised dossiers"),
)  # fmt: skip
"""The four scored criteria (42 points): a subset of the index, with the maxima and targets
of the benchmark reference (group numbers are the Decision's; maxima and targets are not
the Decision's full table, which the portal's formula description gives only in part)."""
