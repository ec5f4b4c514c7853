"""The rating engine: who is rated, which rules apply, the highest rating they allow.

:func:`recommend` is pure: every date and share comes from its arguments. It checks
everything first (:func:`check_accountability`) and raises
:class:`~cchc.accountability.AccountabilityError` with every problem at once rather
than guess; warnings come back in ``Recommendations.findings``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from cchc.accountability._checks import prepare
from cchc.accountability._outcome import Recommendation, Recommendations, UnitOutcome
from cchc.accountability._quota import QuotaCandidate, QuotaOutcome, apply_quota
from cchc.accountability._rules import PointsBreakdown, Subject, evaluate_rule, points_for
from cchc.accountability._values import Attribution, Reason, UnitResult
from cchc.documents import Band, Framework, Organisation
from cchc.documents.performance import PerformanceRecord
from cchc.documents.policy import BandBarRule, BandFallRule, PointsRule, Policy, QuotaRule
from cchc.errors import AccountabilityError
from cchc.findings import Finding
from cchc.vocabulary import RatingLevel

__all__ = ["check_accountability", "recommend"]


def check_accountability(
    policies: Policy | Iterable[Policy],
    *,
    year: int,
    organisation: Organisation,
    results: Iterable[UnitResult] = (),
    records: Iterable[PerformanceRecord] = (),
    bands: Framework | Sequence[Band] | None = None,
    quota_shares: Mapping[str, Decimal] | None = None,
) -> tuple[Finding, ...]:
    """Every problem :func:`recommend` would meet, errors and warnings, with paths.

    Arguments are those of :func:`recommend`.
    """
    return prepare(
        _policies(policies),
        year=year,
        organisation=organisation,
        results=results,
        records=records,
        bands=bands,
        quota_shares=quota_shares,
    ).findings


def _policies(policies: Policy | Iterable[Policy]) -> tuple[Policy, ...]:
    items = (policies,) if isinstance(policies, Policy) else tuple(policies)
    return tuple(sorted(items, key=lambda p: p.code))


def recommend(
    policies: Policy | Iterable[Policy],
    *,
    year: int,
    organisation: Organisation,
    results: Iterable[UnitResult] = (),
    records: Iterable[PerformanceRecord] = (),
    bands: Framework | Sequence[Band] | None = None,
    quota_shares: Mapping[str, Decimal] | None = None,
) -> Recommendations:
    """For each official and agency, the highest rating the policies allow, and why.

    Who is rated: every official who held the head post of a unit with results in
    ``year`` (acting heads included, with their share of the year), every official
    and agency with a performance record for ``year``. Each rule that applies gives a
    reason; the rating is the lowest cap, ``None`` (not rated) when a rule says so,
    and quotas then move the candidates beyond a group's places one level down.
    Emulation and rewards stay open unless a band rule bars them.

    Args:
        policies: One policy or several (applied in order of their codes).
        year: The rating year.
        organisation: Units, agencies, posts, officials and tenures.
        results: The units' results for ``year`` (see
            :func:`~cchc.accountability.results_from_ranking`).
        records: Performance records for ``year``.
        bands: The framework (or its bands, highest first) that band codes refer to.
        quota_shares: Shares for quota rules that take them at run time (Decree
            48/2023: the Party's HTXS share), keyed ``"<policy>/<rule>"``.

    Raises:
        AccountabilityError: Any error :func:`check_accountability` finds.
    """
    chosen = _policies(policies)
    ready = prepare(
        chosen,
        year=year,
        organisation=organisation,
        results=results,
        records=records,
        bands=bands,
        quota_shares=quota_shares,
    )
    errors = [f for f in ready.findings if f.severity == "error"]
    if errors:
        raise AccountabilityError(errors)
    evaluated = {s.code: _evaluate(chosen, s, ready.band_order) for s in ready.subjects}
    ratings = {code: e.rating for code, e in evaluated.items()}
    quota_reasons: dict[str, list[Reason]] = defaultdict(list)
    quotas: list[QuotaOutcome] = []
    for policy in chosen:
        for rule in policy.rules:
            if not isinstance(rule, QuotaRule):
                continue
            share = rule.share
            if share is None:
                share = (quota_shares or {})[f"{policy.code}/{rule.code}"]
            groups: dict[str, list[tuple[QuotaCandidate, RatingLevel]]] = defaultdict(list)
            for subject in ready.subjects:
                rating = ratings[subject.code]
                if subject.kinds & set(rule.applies_to) and rating is not None:
                    member = (_candidate(subject, evaluated[subject.code].points), rating)
                    groups[ready.groups[subject.code]].append(member)
            for group in sorted(groups):
                outcome, reasons = apply_quota(policy, rule, share, group, groups[group])
                quotas.append(outcome)
                for code, reason in reasons.items():
                    quota_reasons[code].append(reason)
                    if reason.cap is not None:
                        ratings[code] = reason.cap
    subjects = []
    for s in ready.subjects:
        e = evaluated[s.code]
        subjects.append(Recommendation(
            subject=s.code, kind="agency" if s.kind == "agency" else "official",
            name=ready.names.get(s.code, s.code), year=year, rating=ratings[s.code],
            cap=e.rating, eligible=e.eligible, complete=e.complete,
            reasons=e.reasons + tuple(quota_reasons[s.code]), heads=s.heads, points=e.points,
            quota_group=ready.groups.get(s.code),
        ))  # fmt: skip
    subjects.sort(key=lambda r: (r.kind != "official", r.subject))
    units = [_unit(chosen, year, a, ready.band_order) for a in ready.attributions]
    return Recommendations(
        year, tuple(p.code for p in chosen), tuple(subjects),
        tuple(sorted(units, key=lambda u: u.agency)), tuple(quotas), ready.findings,
    )  # fmt: skip


@attrs.frozen
class _Evaluated:
    rating: RatingLevel | None
    eligible: bool
    complete: bool
    reasons: tuple[Reason, ...]
    points: PointsBreakdown | None


def _evaluate(policies: Sequence[Policy], subject: Subject, order: dict[str, int]) -> _Evaluated:
    reasons: list[Reason] = []
    points = None
    for policy in policies:
        for rule in policy.rules:
            found = evaluate_rule(policy, rule, subject, order)
            reasons.extend(found)
            if isinstance(rule, PointsRule) and found and subject.record is not None:
                points = points_for(rule, subject.record)
    caps = [r.cap for r in reasons if r.cap is not None]
    rated = not any(r.effect == "not-rated" for r in reasons)
    rating = min(caps, default=RatingLevel.HTXS) if rated else None
    eligible = not any(r.effect == "bar" for r in reasons)
    complete = not any(r.effect == "not-applied" for r in reasons)
    return _Evaluated(rating, eligible, complete, tuple(reasons), points)


def _candidate(subject: Subject, points: PointsBreakdown | None) -> QuotaCandidate:
    main = max(subject.heads, key=lambda pair: (pair[1].share, -pair[1].days), default=None)
    result = None if main is None else main[0].result
    if main is None and subject.results:
        result = subject.results[0].result
    return QuotaCandidate(
        subject.code,
        None if points is None else points.total,
        None if points is None else points.task,
        None if result is None else result.index,
    )


def _unit(
    policies: Sequence[Policy], year: int, attribution: Attribution, order: dict[str, int]
) -> UnitOutcome:
    result = attribution.result
    if result is None:  # pragma: no cover - the engine attributes results only
        raise ValueError(f"no result attributed for {attribution.agency}")
    subject = Subject(attribution.agency, "agency", year, results=(attribution,))
    reasons = [
        reason
        for policy in policies
        for rule in policy.rules
        if isinstance(rule, BandBarRule | BandFallRule)
        for reason in evaluate_rule(policy, rule, subject, order)
    ]
    eligible = not any(r.effect == "bar" for r in reasons)
    return UnitOutcome(
        attribution.agency, result.unit, year, result, attribution, eligible, tuple(reasons)
    )
