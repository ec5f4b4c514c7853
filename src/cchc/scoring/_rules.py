"""Exact evaluation of one rule on one input, with the reason in Vietnamese and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Context, Decimal, Inexact
from fractions import Fraction

import attrs

from cchc.documents.assessment import Assessment, InputValue
from cchc.documents.framework import Framework, Node
from cchc.documents.rules import (
    BinaryRule,
    CountTier,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    ProportionalRule,
    SurveyRule,
    TargetRule,
    Tier,
    TiersRule,
    TimelinessRule,
)
from cchc.errors import ScoringError

__all__ = ["Outcome", "check_envelope", "check_points", "evaluate", "tier_points"]

_Fail = Callable[[str], ScoringError]

_ONE = Decimal(1)
_HUNDRED = Decimal(100)

# Document numbers have at most 28 significant digits, none finer than 10**-28 and below
# 10**15 (cchc.documents.bounded); counts are below 10**15 too. Products and differences
# of two such numbers fit in 80 digits, so this context computes them exactly (and would
# raise Inexact, never round, if that ever failed to hold).
_EXACT = Context(prec=80, traps=[Inexact])


def _times(share: Decimal, maximum: Decimal | int) -> Decimal:
    """``share × maximum``, exactly."""
    return _EXACT.multiply(share, maximum)


@attrs.frozen
class Outcome:
    """Points a rule gives an input, before quantisation, and why."""

    points: Decimal | Fraction
    reason_vi: str
    reason_en: str


def evaluate(
    framework: Framework, node: Node, value: InputValue, *, unit: str, year: int
) -> Outcome:
    """Apply ``node``'s rule to ``value`` (which is not ``None``: that means not applicable).

    Raises:
        ScoringError: The input is of the wrong kind or out of range for the rule.
    """
    rule = node.rule
    maximum = node.max_points

    def fail(reason: str) -> ScoringError:
        return ScoringError(unit, node.code, reason, value)

    if isinstance(rule, BinaryRule):
        if not isinstance(value, bool):
            raise fail("a yes/no rule needs true or false")
        share = rule.when_true if value else rule.when_false
        return Outcome(
            _times(share, maximum),
            f"{'đạt' if value else 'không đạt'}: {_pct(share)} số điểm",
            f"{'yes' if value else 'no'}: {_pct(share)} of the points",
        )
    if isinstance(rule, TiersRule):
        number = _number(value, fail)
        if rule.on == "rate":
            _in_range(number, Decimal(0), _ONE, "rate", fail)
        for tier in rule.tiers:
            if tier.reached(number):
                points = tier_points(tier, maximum)
                sign = "≥" if tier.inclusive else ">"
                return Outcome(
                    points,
                    f"{number} đạt mức {sign} {tier.threshold}",
                    f"{number} reached the tier {sign} {tier.threshold}",
                )
        lowest = rule.tiers[-1]
        sign = "<" if lowest.inclusive else "≤"
        return Outcome(
            _times(rule.otherwise, maximum),
            f"{number} {sign} {lowest.threshold}: dưới mọi mức",
            f"{number} {sign} {lowest.threshold}: below every tier",
        )
    if isinstance(rule, CountTiersRule):
        count = _count(value, fail)
        for count_tier in rule.tiers:
            if count >= count_tier.at_least:
                return Outcome(
                    tier_points(count_tier, maximum),
                    f"{count} lần, đạt mức từ {count_tier.at_least}",
                    f"{count}, reached the tier of {count_tier.at_least} or more",
                )
        least = rule.tiers[-1].at_least
        return Outcome(
            Decimal(0),
            f"{count} lần, dưới mức {least}",
            f"{count}, below the lowest tier of {least}",
        )
    if isinstance(rule, ProportionalRule):
        rate = _in_range(_number(value, fail), Decimal(0), _ONE, "rate", fail)
        return Outcome(
            _times(rate, maximum),
            f"tỷ lệ {rate} × {maximum} điểm",
            f"rate {rate} × {maximum} points",
        )
    if isinstance(rule, TargetRule):
        rate = _in_range(_number(value, fail), Decimal(0), _ONE, "rate", fail)
        attained = min(Fraction(rate) / Fraction(rule.target), Fraction(1))
        return Outcome(
            attained * Fraction(maximum),
            f"tỷ lệ {rate} so với chỉ tiêu {rule.target}",
            f"rate {rate} against the target {rule.target}",
        )
    if isinstance(rule, DeductionRule):
        count = _count(value, fail)
        points = max(_EXACT.subtract(maximum, _times(rule.per_event, count)), Decimal(0))
        return Outcome(
            points,
            f"{count} lần vi phạm × {rule.per_event} điểm trừ",
            f"{count} event(s) × {rule.per_event} points deducted",
        )
    if isinstance(rule, TimelinessRule):
        deadline = rule.deadline(year)
        if value == "missing":
            return Outcome(
                Decimal(0), f"không thực hiện (hạn {deadline})", f"missing (due {deadline})"
            )
        if not isinstance(value, dt.date):
            raise fail('a timeliness rule needs a date or "missing"')
        if value <= deadline:
            return Outcome(
                _times(rule.on_time, maximum),
                f"đúng hạn ({value} ≤ {deadline})",
                f"on time ({value} ≤ {deadline})",
            )
        return Outcome(
            _times(rule.late, maximum),
            f"trễ hạn ({value} > {deadline})",
            f"late ({value} > {deadline})",
        )
    if isinstance(rule, SurveyRule):
        percent = _in_range(_number(value, fail), Decimal(0), _HUNDRED, "percentage", fail)
        return Outcome(
            _times(percent.scaleb(-2), maximum),
            f"khảo sát đạt {percent}%",
            f"survey result {percent}%",
        )
    if isinstance(rule, ManualRule):
        points = _in_range(_number(value, fail), Decimal(0), maximum, "points", fail)
        return Outcome(points, "điểm chấm trực tiếp", "points entered")
    raise fail(f"leaf {node.code} has no rule")  # pragma: no cover - Node forbids it


def check_envelope(
    framework: Framework, assessment: Assessment, leaves: Mapping[str, object]
) -> None:
    """Refuse an assessment of another framework or edition, or naming criteria not leaves.

    Args:
        framework: The framework it is scored under.
        assessment: The assessment.
        leaves: The framework's leaves, by code.

    Raises:
        ScoringError: Naming the unit (and the criterion).
    """
    unit = assessment.unit
    if (assessment.framework, assessment.edition) != (framework.code, framework.edition):
        raise ScoringError(
            unit,
            None,
            f"assessed under {assessment.framework} ({assessment.edition}), not"
            f" {framework.code} ({framework.edition})",
        )
    for field, given in (
        ("inputs", assessment.inputs),
        ("self_points", assessment.self_points),
        ("appraisals", assessment.appraisals),
    ):
        if given.keys() <= leaves.keys():
            continue
        for code in given:
            if code not in leaves:
                raise ScoringError(
                    unit, code, f"{field} names a criterion that is not a leaf of {framework.code}"
                )


def check_points(framework: Framework, leaf: Node, points: Decimal, what: str, unit: str) -> None:
    """Refuse self-assessed or appraised points above the maximum or finer than the places.

    Raises:
        ScoringError: Naming unit, criterion and the points.
    """
    if points > leaf.max_points:
        raise ScoringError(
            unit, leaf.code, f"{what} points exceed the maximum {leaf.max_points}", points
        )
    if framework.quantize(points) != points:
        raise ScoringError(
            unit,
            leaf.code,
            f"{what} points have more than {framework.places} decimal places",
            points,
        )


def tier_points(tier: Tier | CountTier, maximum: Decimal) -> Decimal:
    """The points a tier gives: its points, or its fraction of ``maximum``."""
    return tier.points if tier.points is not None else _times(tier.fraction or Decimal(0), maximum)


def _number(value: InputValue, fail: _Fail) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise fail("this rule needs a number")
    return Decimal(value)


def _count(value: InputValue, fail: _Fail) -> int:
    if isinstance(value, bool):
        raise fail("this rule needs a count")
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if not isinstance(value, int) or value < 0:
        raise fail("this rule needs a whole count of 0 or more")
    return value


def _in_range(number: Decimal, low: Decimal, high: Decimal, what: str, fail: _Fail) -> Decimal:
    if not low <= number <= high:
        raise fail(f"the {what} must lie in [{low}, {high}]")
    return number


def _pct(share: Decimal) -> str:
    return f"{(share * _HUNDRED).normalize():f}%"
