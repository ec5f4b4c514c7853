"""Checking and preparing the engine's inputs: every problem found at once, with its path."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from cchc.accountability._rules import Subject, points_for
from cchc.accountability._values import Attribution, Share, UnitResult
from cchc.accountability.attribution import (
    accountable_agency,
    attribute_year,
    days_worked,
    head_findings,
)
from cchc.documents import Band, Framework, Organisation
from cchc.documents.performance import PerformanceRecord
from cchc.documents.policy import (
    BandBarRule,
    BandFallRule,
    IndexThresholdRule,
    LeaderConditionsRule,
    PointsRule,
    Policy,
    QuotaRule,
    ViolationRule,
)
from cchc.errors import AccountabilityError
from cchc.findings import Finding

__all__ = ["Prepared", "prepare"]

_NEEDS_RECORD = (LeaderConditionsRule, ViolationRule, PointsRule)


@attrs.frozen
class Prepared:
    """Inputs checked and arranged for the engine."""

    subjects: tuple[Subject, ...]
    attributions: tuple[Attribution, ...]
    groups: dict[str, str]
    names: dict[str, str]
    band_order: dict[str, int]
    findings: tuple[Finding, ...]


def _error(code: str, path: tuple[str | int, ...], message: str, document: str) -> Finding:
    return Finding(code, "error", path, message, document)


def _warning(code: str, path: tuple[str | int, ...], message: str, document: str) -> Finding:
    return Finding(code, "warning", path, message, document)


def _policy_findings(
    policies: Sequence[Policy],
    year: int,
    order: dict[str, int] | None,
    shares: Mapping[str, Decimal],
) -> list[Finding]:
    found = []
    for policy in policies:
        name = f"policy:{policy.code}"
        if not policy.in_force_in(year):
            found.append(
                _warning(
                    "policy.not-in-force",
                    ("effective_from",),
                    f"{policy.instrument} is not in force in {year}; applied as asked",
                    name,
                )
            )
        for i, rule in enumerate(policy.rules):
            if not (rule.verified and policy.verified):
                found.append(
                    _warning(
                        "rule.unverified",
                        ("rules", i),
                        f"rule {rule.code} rests on details not checked against {rule.instrument}",
                        name,
                    )
                )
            if isinstance(rule, BandBarRule | BandFallRule) and order is None:
                found.append(
                    _error(
                        "policy.bands-missing",
                        ("rules", i),
                        f"rule {rule.code} needs bands: pass the framework",
                        name,
                    )
                )
            if isinstance(rule, BandBarRule) and order is not None and rule.band not in order:
                found.append(
                    _error(
                        "policy.band-unknown",
                        ("rules", i, "band"),
                        f"band {rule.band!r} is not one of the framework's {', '.join(order)}",
                        name,
                    )
                )
            key = f"{policy.code}/{rule.code}"
            if isinstance(rule, QuotaRule) and rule.share is None:
                given = shares.get(key)
                if given is None or not 0 <= given <= 1:
                    found.append(
                        _error(
                            "quota.share-missing",
                            ("rules", i, "share"),
                            f"quota {key} takes its share at run time: pass"
                            f" quota_shares[{key!r}] between 0 and 1",
                            name,
                        )
                    )
    return found


def _result_findings(
    policies: Sequence[Policy], year: int, order: dict[str, int] | None, result: UnitResult
) -> list[Finding]:
    name = f"result:{result.unit}"
    found = []
    if result.year != year:
        found.append(
            _error(
                "result.year",
                ("year",),
                f"results are for {result.year}, not the rating year {year}",
                name,
            )
        )
    rules = [rule for p in policies for rule in p.rules]
    if result.index is None and any(isinstance(r, IndexThresholdRule) for r in rules):
        found.append(_error("result.index-missing", ("index",), "no index to set a cap from", name))
    if order is not None and any(isinstance(r, BandBarRule) for r in rules):
        if result.band is None:
            found.append(
                _error("result.band-missing", ("band",), "no band to apply band rules", name)
            )
        elif result.band not in order:
            found.append(
                _error(
                    "result.band-unknown",
                    ("band",),
                    f"band {result.band!r} is not one of {', '.join(order)}",
                    name,
                )
            )
    return found


def _record_findings(
    policies: Sequence[Policy], year: int, organisation: Organisation, record: PerformanceRecord
) -> list[Finding]:
    name = f"performance-record:{record.subject}"
    found = []
    if record.year != year:
        found.append(
            _error("record.year", ("year",), f"the record is for {record.year}, not {year}", name)
        )
    known = (
        {o.id for o in organisation.officials}
        if record.subject_kind == "official"
        else {a.code for a in organisation.agencies}
    )
    if record.subject not in known:
        found.append(
            _error(
                "reference.dangling",
                ("subject",),
                f"no {record.subject_kind} has code {record.subject!r}",
                name,
            )
        )
    listed = {
        v.code
        for p in policies
        for r in p.rules
        if isinstance(r, ViolationRule)
        for v in r.violations
    }
    for j, code in enumerate(record.violations):
        if code not in listed:
            found.append(
                _error(
                    "record.violation-unknown",
                    ("violations", j),
                    f"no policy lists the violation {code!r}",
                    name,
                )
            )
    return found


def prepare(
    policies: Sequence[Policy],
    *,
    year: int,
    organisation: Organisation,
    results: Iterable[UnitResult],
    records: Iterable[PerformanceRecord],
    bands: Framework | Sequence[Band] | None,
    quota_shares: Mapping[str, Decimal] | None,
) -> Prepared:
    """Check every input and arrange the subjects to rate (see ``recommend``)."""
    band_list = bands.bands if isinstance(bands, Framework) else bands
    order = None if band_list is None else {b.code: i for i, b in enumerate(band_list)}
    found = _policy_findings(policies, year, order, quota_shares or {})
    given = sorted(results, key=lambda r: (r.unit, r.agency or "", r.year))
    kept = sorted(records, key=lambda r: (r.subject_kind, r.subject, r.year))
    if not given and not kept:
        found.append(
            _error(
                "result.none",
                (),
                f"no results and no records for {year}: nothing to rate",
                "results",
            )
        )
    attributions: list[Attribution] = []
    for result in given:
        problems = _result_findings(policies, year, order, result)
        found.extend(problems)
        if problems and any(f.code == "result.year" for f in problems):
            continue
        try:
            agency = accountable_agency(organisation, result)
            attributions.append(attribute_year(organisation, agency, year, result=result))
        except AccountabilityError as error:
            found.extend(error.findings)
    counts = Counter(a.agency for a in attributions)
    for agency in sorted(a for a, n in counts.items() if n > 1):
        found.append(
            _error(
                "result.duplicate",
                ("agency",),
                f"{counts[agency]} results answer to agency {agency}",
                "results",
            )
        )
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    rated_agencies = {a.agency for a in attributions} | {
        r.subject for r in kept if r.subject_kind == "agency"
    }
    found.extend(
        f
        for f in head_findings(organisation, start, end, agencies=rated_agencies)
        if f.code == "head.concurrent"
    )
    seen = Counter((r.subject_kind, r.subject) for r in kept)
    for (kind, code), n in sorted(seen.items()):
        if n > 1:
            found.append(
                _error(
                    "record.duplicate",
                    ("subject",),
                    f"{n} records for {kind} {code}",
                    f"performance-record:{code}",
                )
            )
    for record in kept:
        found.extend(_record_findings(policies, year, organisation, record))
    subjects = _subjects(organisation, year, attributions, kept)
    groups = _groups(organisation, year, subjects)
    found.extend(_subject_findings(policies, subjects, groups))
    names = {o.id: o.full_name for o in organisation.officials}
    names.update({a.code: a.name_vi for a in organisation.agencies})
    return Prepared(tuple(subjects), tuple(attributions), groups, names, order or {}, tuple(found))


def _subjects(
    organisation: Organisation,
    year: int,
    attributions: Sequence[Attribution],
    records: Sequence[PerformanceRecord],
) -> list[Subject]:
    heads: dict[str, list[tuple[Attribution, Share]]] = {}
    for attribution in attributions:
        for share in attribution.holders:
            assert share.official is not None  # noqa: S101 - holders have officials
            heads.setdefault(share.official, []).append((attribution, share))
    by_code = {(r.subject_kind, r.subject): r for r in records}
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    officials = sorted(set(heads) | {code for kind, code in by_code if kind == "official"})
    out = []
    for code in officials:
        record = by_code.get(("official", code))
        worked = record.days_worked if record and record.days_worked is not None else None
        if worked is None:
            worked = days_worked(organisation, code, start, end)
        held = tuple(sorted(heads.get(code, ()), key=lambda pair: pair[0].agency))
        out.append(Subject(code, "official", year, heads=held, record=record, days_worked=worked))
    for kind, code in sorted(by_code):
        if kind == "agency":
            own = tuple(a for a in attributions if a.agency == code)
            out.append(Subject(code, "agency", year, results=own, record=by_code[kind, code]))
    return out


def _groups(organisation: Organisation, year: int, subjects: Sequence[Subject]) -> dict[str, str]:
    """The quota group of each subject: the record's, else the agency that rates it."""
    parents = {a.code: a.parent or a.code for a in organisation.agencies}
    posts = {p.code: p.agency for p in organisation.posts}
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    groups = {}
    for subject in subjects:
        if subject.record is not None and subject.record.quota_group is not None:
            groups[subject.code] = subject.record.quota_group
        elif subject.kind == "agency":
            groups[subject.code] = parents.get(subject.code, subject.code)
        elif subject.heads:
            main = max(subject.heads, key=lambda pair: (pair[1].share, pair[0].agency))
            groups[subject.code] = parents.get(main[0].agency, main[0].agency)
        else:
            held = {
                posts[t.post]
                for t in organisation.tenures
                if t.official == subject.code
                and t.post in posts
                and t.start < end
                and (t.end is None or t.end > start)
            }
            if len(held) == 1:
                groups[subject.code] = held.pop()
    return groups


def _subject_findings(
    policies: Sequence[Policy], subjects: Sequence[Subject], groups: Mapping[str, str]
) -> list[Finding]:
    found = []
    for subject in subjects:
        name = f"{subject.kind}:{subject.code}"
        applying = [
            (policy, rule)
            for policy in policies
            for rule in policy.rules
            if subject.kinds & set(rule.applies_to)
        ]
        if subject.record is None and any(isinstance(r, _NEEDS_RECORD) for _, r in applying):
            found.append(
                _warning(
                    "record.missing",
                    (),
                    "no performance record: rules that need one are reported as not applied",
                    name,
                )
            )
        for _, rule in applying:
            if isinstance(rule, PointsRule) and subject.record is not None:
                try:
                    points_for(rule, subject.record)
                except ValueError as error:
                    found.append(
                        _error(
                            "record.points",
                            ("products",),
                            str(error),
                            f"performance-record:{subject.code}",
                        )
                    )
            if isinstance(rule, QuotaRule) and subject.code not in groups:
                found.append(
                    _error(
                        "quota.group-unknown",
                        ("quota_group",),
                        f"{subject.code} held posts in several agencies (or none):"
                        " give the record's quota_group",
                        name,
                    )
                )
    return found
