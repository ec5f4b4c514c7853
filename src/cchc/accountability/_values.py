"""The values accountability computes: unit results, shares of a year, reasons, errors."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from cchc.vocabulary import Lang, RatingLevel

__all__ = [
    "Attribution",
    "Effect",
    "Reason",
    "Segment",
    "Share",
    "UnitResult",
    "round_half_up",
]


def round_half_up(value: Fraction, places: int) -> Decimal:
    """A non-negative fraction rounded half-up to ``places``, from its exact value.

    >>> round_half_up(Fraction(385, 8), 2)
    Decimal('48.13')
    """
    scaled = value * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    whole += 2 * rest >= scaled.denominator
    return Decimal(whole).scaleb(-places).quantize(Decimal(1).scaleb(-places))


@attrs.frozen
class UnitResult:
    """A unit's reform results for one year, as plain values.

    Attributes:
        unit: Code of the unit (or agency) that was assessed, as in the ranking.
        year: The year the results are for.
        index: The reform index, 0–100.
        band: Code of the band it fell in.
        rank: Its rank in the round (1 is best).
        ranked: How many units the round ranked.
        band_steps: Bands climbed since the previous year (negative: fell), if known.
        task_completion: Share of its plan's tasks completed, 0–1.
        satisfaction: Satisfaction index, 0–100 (a statistic: a float).
        agency: Code of the agency accountable for it (None: resolved from the
            organisation — the agency with the unit's code, or the unit's People's
            Committee).
    """

    unit: str
    year: int
    index: Decimal | None = None
    band: str | None = None
    rank: int | None = None
    ranked: int | None = None
    band_steps: int | None = None
    task_completion: Decimal | None = None
    satisfaction: float | None = None
    agency: str | None = None

    def as_record(self) -> dict[str, Any]:
        """The result as a flat dict of plain values."""
        return attrs.asdict(self)


@attrs.frozen
class Segment:
    """Days of one tenure inside the attributed period (half-open: ``end`` excluded)."""

    start: dt.date
    end: dt.date
    acting: bool
    tenure: int
    """Position of the tenure in the organisation's ``tenures``."""

    @property
    def days(self) -> int:
        """Days in the segment."""
        return (self.end - self.start).days


@attrs.frozen
class Share:
    """One holder's share of a period, or the vacancy's (``official`` None).

    Attributes:
        official: Id of the official, or None for the days nobody held the post.
        days: Days attributed.
        share: ``days / days in the period``, exact.
        segments: The stretches of tenure behind it, in order (none for the vacancy).
    """

    official: str | None
    days: int
    share: Fraction
    segments: tuple[Segment, ...] = ()

    @property
    def percent(self) -> Decimal:
        """The share × 100, rounded half-up to 2 places (for display only)."""
        exact = Decimal(self.share.numerator) / Decimal(self.share.denominator) * 100
        return exact.quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def acting_days(self) -> int:
        """Days held as acting head."""
        return sum(s.days for s in self.segments if s.acting)

    @property
    def first_day(self) -> dt.date | None:
        """First day held in the period."""
        return self.segments[0].start if self.segments else None


@attrs.frozen
class Attribution:
    """A head post's period split between the officials who held it, and the vacancy.

    Shares are exact fractions of the days in the period and sum to exactly 1;
    days nobody held are the ``vacancy`` share, stated, never spread over the holders.

    Attributes:
        agency: Code of the agency whose head post it is.
        unit: Code of the agency's administrative unit.
        start: First day of the period.
        end: First day after it (exclusive).
        shares: The holders by first day held (then id), the vacancy (if any) last.
        result: The unit's results attributed, if given.
    """

    agency: str
    unit: str
    start: dt.date
    end: dt.date
    shares: tuple[Share, ...]
    result: UnitResult | None = None

    @property
    def days(self) -> int:
        """Days in the period."""
        return (self.end - self.start).days

    @property
    def holders(self) -> tuple[Share, ...]:
        """The shares of officials (the vacancy left out)."""
        return tuple(s for s in self.shares if s.official is not None)

    @property
    def vacancy(self) -> Share | None:
        """The days nobody held the post, if any."""
        return next((s for s in self.shares if s.official is None), None)

    def share_of(self, official: str | None) -> Fraction:
        """The share of ``official`` (None: the vacancy); 0 when they held nothing."""
        return next((s.share for s in self.shares if s.official == official), Fraction(0))

    def records(self) -> list[dict[str, Any]]:
        """One flat dict per share, for ``pandas.DataFrame``."""
        return [
            {
                "agency": self.agency,
                "unit": self.unit,
                "start": self.start,
                "end": self.end,
                "official": s.official,
                "days": s.days,
                "acting_days": s.acting_days,
                "share": s.share,
                "percent": s.percent,
            }
            for s in self.shares
        ]


Effect = Literal["cap", "not-rated", "bar", "quota", "condition-met", "not-applied"]
"""What a reason did: capped the rating, left the subject unrated, barred it from emulation,
demoted or kept it under a quota, found a condition met, or could not apply for lack of data."""


@attrs.frozen
class Reason:
    """Why a rule capped, barred or left alone one subject, with the rule and instrument.

    Attributes:
        policy: Code of the policy.
        rule: Code of the rule within the policy.
        kind: The rule's kind.
        instrument: Symbol of the instrument the rule cites.
        article: Article and clause, when known.
        effect: What it did.
        cap: The highest rating it allows (None: no cap).
        message_vi: The explanation in Vietnamese.
        message_en: The explanation in English.
    """

    policy: str
    rule: str
    kind: str
    instrument: str
    article: str | None
    effect: Effect
    cap: RatingLevel | None
    message_vi: str
    message_en: str

    def message(self, lang: Lang = "vi") -> str:
        """The explanation in ``lang``."""
        return self.message_vi if lang == "vi" else self.message_en

    @property
    def citation(self) -> str:
        """``"<instrument>, <article>"`` or the instrument alone."""
        return f"{self.instrument}, {self.article}" if self.article else self.instrument

    def as_record(self) -> dict[str, Any]:
        """The reason as a flat dict of plain values."""
        record = attrs.asdict(self)
        record["cap"] = None if self.cap is None else self.cap.value
        return record
