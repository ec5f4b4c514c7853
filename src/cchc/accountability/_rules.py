"""Each policy rule applied to one subject: the reasons it gives, with caps and bars.

Every function is pure and returns reasons, never a rating: the engine takes the
lowest cap. Rules that need data the subject lacks say so (``not-applied``) rather
than guess, except conditions that must be *shown* (Decree 90's leader conditions):
unshown, they are not met.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs

from cchc.accountability._values import Attribution, Effect, Reason, Share, round_half_up
from cchc.documents.performance import PerformanceRecord
from cchc.documents.policy import (
    BandBarRule,
    BandFallRule,
    IndexThresholdRule,
    LeaderConditionsRule,
    MinimumServiceRule,
    PointsRule,
    Policy,
    PolicyRule,
    ViolationRule,
    level_below,
)
from cchc.vocabulary import RatingLevel

__all__ = ["PointsBreakdown", "Subject", "evaluate_rule", "months_in_days", "points_for"]


@attrs.frozen
class PointsBreakdown:
    """A subject's points on a :class:`~cchc.documents.policy.PointsRule` scale.

    Attributes:
        general: General-criteria points, as recorded.
        quantity: Completed weight / assigned weight, exact.
        quality: Quality points kept / assigned weight, exact (25% lost per error).
        progress: Progress points kept / assigned weight, exact (25% lost per delay).
        task: Task-result points: ``task_max`` × the weighted mean of the three rates,
            rounded half-up once to the rule's places.
        total: ``general + task``.
        level: The level the total reaches.
    """

    general: Decimal
    quantity: Fraction
    quality: Fraction
    progress: Fraction
    task: Decimal
    total: Decimal
    level: RatingLevel


def points_for(rule: PointsRule, record: PerformanceRecord) -> PointsBreakdown:
    """Score a record on the rule's scale (Decree 335/2025: 30 general + 70 task results).

    Each product counts by its converted weight. A completed product earns its
    weight on quantity, and on quality and progress its weight less ``deduction`` ×
    weight per quality error or delay, never below 0; a product not completed earns
    nothing on any of the three.

    Raises:
        ValueError: The record has no products, no general points, or more general
            points than the rule's maximum.
    """
    if not record.products:
        raise ValueError(f"{record.subject}: no products assigned: task results are undefined")
    if record.general_points is None:
        raise ValueError(f"{record.subject}: general points are missing")
    if record.general_points > rule.general_max:
        raise ValueError(
            f"{record.subject}: general points {record.general_points} exceed {rule.general_max}"
        )
    assigned = sum(Fraction(p.weight) for p in record.products)
    step = Fraction(rule.deduction)

    def kept(count: int) -> Fraction:
        return max(Fraction(0), 1 - step * count)

    done = [p for p in record.products if p.completed]
    quantity = sum((Fraction(p.weight) for p in done), Fraction(0)) / assigned
    quality = sum((Fraction(p.weight) * kept(p.quality_errors) for p in done), Fraction(0))
    progress = sum((Fraction(p.weight) * kept(p.delays) for p in done), Fraction(0))
    quality, progress = quality / assigned, progress / assigned
    w = rule.weights
    mean = (w.quantity * quantity + w.quality * quality + w.progress * progress) / (
        w.quantity + w.quality + w.progress
    )
    exact = Fraction(rule.task_max) * mean
    task = round_half_up(exact, rule.places)
    total = record.general_points + task
    return PointsBreakdown(
        record.general_points, quantity, quality, progress, task, total, rule.level_for(total)
    )


def months_in_days(year: int, months: int) -> int:
    """Days from 1 January of ``year`` to the same day ``months`` months later.

    >>> months_in_days(2024, 6), months_in_days(2025, 6)
    (182, 181)
    """
    end = dt.date(year + months // 12, months % 12 + 1, 1)
    return (end - dt.date(year, 1, 1)).days


@attrs.frozen
class Subject:
    """One official or agency as the rules see it, for one year.

    Attributes:
        code: Official id or agency code.
        kind: ``"official"`` or ``"agency"``.
        year: The rating year.
        heads: For a head: each agency headed in the year with its share.
        results: For an agency: its own results (no share).
        record: Its performance record, if any.
        days_worked: Days worked in the year (officials).
    """

    code: str
    kind: str
    year: int
    heads: tuple[tuple[Attribution, Share], ...] = ()
    results: tuple[Attribution, ...] = ()
    record: PerformanceRecord | None = None
    days_worked: int | None = None

    @property
    def kinds(self) -> set[str]:
        """The subject kinds rules may target: official, head, agency."""
        out = {self.kind}
        if self.heads:
            out.add("head")
        return out


@attrs.frozen
class _Say:
    """Builds the reasons of one rule of one policy."""

    policy: Policy
    rule: PolicyRule

    def __call__(self, effect: Effect, cap: RatingLevel | None, vi: str, en: str) -> Reason:
        rule = self.rule
        return Reason(
            self.policy.code, rule.code, rule.kind, rule.instrument, rule.article, effect, cap,
            vi, en,
        )  # fmt: skip


def _units(subject: Subject) -> list[tuple[Attribution, Share | None]]:
    pairs: list[tuple[Attribution, Share | None]] = list(subject.heads)
    return pairs + [(a, None) for a in subject.results]


def _whose(attribution: Attribution, share: Share | None) -> tuple[str, str]:
    unit = attribution.result.unit if attribution.result else attribution.unit
    if share is None:
        return unit, unit
    year = attribution.start.year
    return f"{unit} ({share.percent}% năm {year})", f"{unit} ({share.percent}% of {year})"


def evaluate_rule(
    policy: Policy, rule: PolicyRule, subject: Subject, band_order: dict[str, int]
) -> list[Reason]:
    """The reasons ``rule`` gives for ``subject`` (none when it does not apply to it)."""
    if not subject.kinds & set(rule.applies_to):
        return []
    say = _Say(policy, rule)
    if isinstance(rule, IndexThresholdRule):
        return _index(say, rule, subject)
    if isinstance(rule, BandBarRule):
        return _band(say, rule, subject, band_order)
    if isinstance(rule, BandFallRule):
        return _fall(say, rule, subject)
    if isinstance(rule, MinimumServiceRule):
        return _service(say, rule, subject)
    if isinstance(rule, LeaderConditionsRule):
        return _leader(say, rule, subject)
    if isinstance(rule, ViolationRule):
        return _violation(say, rule, subject)
    if isinstance(rule, PointsRule):
        return _points(say, rule, subject)
    return []  # quotas act on groups: see cchc.accountability._quota


def _index(say: _Say, rule: IndexThresholdRule, subject: Subject) -> list[Reason]:
    out = []
    for attribution, share in _units(subject):
        result = attribution.result
        if result is None or result.index is None:
            continue
        cap = rule.cap_for(result.index)
        vi, en = _whose(attribution, share)
        out.append(
            say(
                "cap",
                cap,
                f"Chỉ số CCHC của {vi} là {result.index}: tối đa {cap.value}",
                f"reform index of {en} is {result.index}: at most {cap.value}",
            )
        )
    return out


def _band(say: _Say, rule: BandBarRule, subject: Subject, order: dict[str, int]) -> list[Reason]:
    out = []
    for attribution, share in _units(subject):
        result = attribution.result
        if result is None or result.band is None:
            continue
        vi, en = _whose(attribution, share)
        position, limit = order[result.band], order[rule.band]
        barred = position >= limit if rule.at_or_below else position == limit
        where_vi = "từ mức" if rule.at_or_below else "mức"
        where_en = "at or below" if rule.at_or_below else "in"
        if barred:
            vi = f"{vi} xếp loại {result.band}, {where_vi} {rule.band}: không xét thi đua"
            en = f"{en} is in band {result.band}, {where_en} {rule.band}: barred from emulation"
            out.append(say("bar", rule.cap, vi, en))
        else:
            vi, en = f"{vi} xếp loại {result.band}: không bị hạn chế", f"{en}: band {result.band}"
            out.append(say("condition-met", None, vi, en + ", not barred"))
    return out


def _fall(say: _Say, rule: BandFallRule, subject: Subject) -> list[Reason]:
    out = []
    for attribution, share in _units(subject):
        result = attribution.result
        if result is None:
            continue
        vi, en = _whose(attribution, share)
        steps = result.band_steps
        if steps is None:
            vi, en = f"{vi}: không có xếp loại năm trước", f"{en}: no band for the previous year"
            out.append(say("not-applied", None, vi, en))
        elif -steps >= rule.steps:
            vi = f"{vi} tụt {-steps} mức xếp loại trong năm: không xét thi đua, khen thưởng"
            en = f"{en} fell {-steps} bands in the year: barred from emulation"
            out.append(say("bar", rule.cap, vi, en))
        else:
            vi, en = f"{vi} thay đổi {steps:+d} mức xếp loại", f"{en} moved {steps:+d} bands"
            out.append(say("condition-met", None, vi, en))
    return out


def _service(say: _Say, rule: MinimumServiceRule, subject: Subject) -> list[Reason]:
    if subject.kind != "official" or subject.days_worked is None:
        return []
    need, days, months = months_in_days(subject.year, rule.months), subject.days_worked, rule.months
    if days < need:
        vi = f"Công tác {days} ngày trong năm, dưới {months} tháng ({need} ngày): không xếp loại"
        en = f"worked {days} days in the year, fewer than {months} months ({need} days): not rated"
        return [say("not-rated", None, vi, en)]
    vi, en = f"Công tác {days} ngày (đủ {months} tháng)", f"worked {days} days (≥ {months} months)"
    return [say("condition-met", None, vi, en)]


def _leader(say: _Say, rule: LeaderConditionsRule, subject: Subject) -> list[Reason]:
    record, level = subject.record, rule.rating.value
    failed: list[tuple[str, str]] = []
    targets = None if record is None else record.targets
    if targets is None or targets.assigned == 0:
        failed.append(("chưa có số liệu chỉ tiêu được giao", "no targets reported"))
    else:
        met = Fraction(targets.met, targets.assigned)
        exceeded = Fraction(targets.exceeded, targets.assigned)
        if met < rule.min_targets_met or exceeded < rule.min_targets_exceeded:
            need_met, need_over = f"{rule.min_targets_met:%}", f"{rule.min_targets_exceeded:%}"
            done = f"{targets.met}/{targets.assigned}"
            over = targets.exceeded
            vi = f"hoàn thành {done}, vượt {over} (cần ≥ {need_met}, vượt ≥ {need_over})"
            en = f"met {done}, exceeded {over} (needs ≥ {need_met} met, ≥ {need_over} exceeded)"
            failed.append((vi, en))
    managed = None if record is None else record.managed_units
    if rule.managed and managed is None:
        failed.append(("chưa có xếp loại các đơn vị trực thuộc", "managed units' ratings unknown"))
    for need in rule.managed:
        if not managed:
            continue
        count = sum(1 for m in managed if m.rating >= need.at_least)
        if Fraction(count, len(managed)) < need.min_share:
            got, share = f"{count}/{len(managed)}", f"{need.min_share:%}"
            vi = f"{got} đơn vị trực thuộc đạt {need.at_least.value} trở lên (cần ≥ {share})"
            en = f"{got} managed units {need.at_least.value} or better (needs ≥ {share})"
            failed.append((vi, en))
    if failed:
        vi = f"Chưa đủ điều kiện {level}: " + "; ".join(v for v, _ in failed)
        en = f"conditions for {level} not shown: " + "; ".join(e for _, e in failed)
        return [say("cap", level_below(rule.rating), vi, en)]
    return [say("condition-met", None, f"Đủ điều kiện {level}", f"conditions for {level} met")]


def _violation(say: _Say, rule: ViolationRule, subject: Subject) -> list[Reason]:
    if subject.record is None:
        return [say("not-applied", None, "Không có hồ sơ: chưa rõ vi phạm", "no record")]
    listed = {v.code: v for v in rule.violations}
    found = [listed[c] for c in sorted(set(subject.record.violations)) if c in listed]
    if not found:
        return [say("condition-met", None, "Không có vi phạm", "no listed violation")]
    vi = "; ".join(v.text_vi for v in found) + f": {rule.rating.value}"
    en = "; ".join(v.text_en or v.text_vi for v in found) + f": {rule.rating.value}"
    return [say("cap", rule.rating, vi, en)]


def _points(say: _Say, rule: PointsRule, subject: Subject) -> list[Reason]:
    if subject.record is None:
        return [say("not-applied", None, "Không có hồ sơ chấm điểm", "no performance record")]
    p = points_for(rule, subject.record)
    rates = (_pct(p.quantity), _pct(p.quality), _pct(p.progress))
    vi = (
        f"{p.total} điểm = {p.general} tiêu chí chung + {p.task} kết quả nhiệm vụ (số lượng"
        f" {rates[0]}, chất lượng {rates[1]}, tiến độ {rates[2]}): {p.level.value}"
    )
    en = (
        f"{p.total} points = {p.general} general + {p.task} task results (quantity {rates[0]},"
        f" quality {rates[1]}, progress {rates[2]}): {p.level.value}"
    )
    return [say("cap", p.level, vi, en)]


def _pct(rate: Fraction) -> str:
    return f"{round_half_up(rate * 100, 2)}%"
