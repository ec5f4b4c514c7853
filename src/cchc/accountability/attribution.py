"""Attributing a unit's results to the heads who held its head post, pro-rated by days.

Tenures are half-open (``start`` included, ``end`` excluded), and so are periods, so
a head who leaves on the day the next one starts shares no day with them. Days in
the period that no tenure covers are a **vacancy** share, stated as such: they are
never spread over the holders. Acting heads (``Tenure.acting``) are holders like the
others; their acting days are shown.

>>> import datetime as dt
>>> from cchc.documents import Agency, Official, Organisation, Post, Tenure, AdministrativeUnit
>>> org = Organisation(
...     code="example",
...     units=(AdministrativeUnit(code="xa-a", name_vi="Xã A", kind="commune"),),
...     agencies=(Agency(code="xa-a-ubnd", name_vi="UBND xã A", kind="peoples_committee",
...                      unit="xa-a"),),
...     officials=(Official(id="a", full_name="Nguyễn Văn A"),
...                Official(id="b", full_name="Trần Thị B")),
...     posts=(Post(code="xa-a-ct", agency="xa-a-ubnd", title_vi="Chủ tịch", is_head=True),),
...     tenures=(Tenure(official="a", post="xa-a-ct", start="2019-05-01", end="2024-04-01"),
...              Tenure(official="b", post="xa-a-ct", start="2024-05-01", acting=True)))
>>> attribution = attribute_year(org, "xa-a-ubnd", 2024)
>>> [(s.official, s.days, str(s.share)) for s in attribution.shares]
[('a', 91, '91/366'), ('b', 245, '245/366'), (None, 30, '5/61')]
>>> sum(s.share for s in attribution.shares)
Fraction(1, 1)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from cchc.accountability._values import Attribution, Segment, Share, UnitResult
from cchc.documents import Organisation, Tenure
from cchc.errors import AccountabilityError
from cchc.findings import Finding
from cchc.vocabulary import AgencyKind

if TYPE_CHECKING:
    from cchc.scoring import Ranking

__all__ = [
    "accountable_agency",
    "attribute",
    "attribute_year",
    "days_worked",
    "head_findings",
    "head_tenures",
    "results_from_ranking",
]

_END_OF_TIME = dt.date.max


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def head_tenures(organisation: Organisation, agency: str) -> list[tuple[int, Tenure]]:
    """The tenures of the agency's head posts, with their positions, by start day."""
    posts = {p.code for p in organisation.posts if p.agency == agency and p.is_head}
    found = [(i, t) for i, t in enumerate(organisation.tenures) if t.post in posts]
    return sorted(found, key=lambda pair: (pair[1].start, pair[0]))


def _clip(tenure: Tenure, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    low, high = max(tenure.start, start), min(tenure.end or _END_OF_TIME, end)
    return (low, high) if low < high else None


def head_findings(
    organisation: Organisation,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    agencies: Collection[str] | None = None,
) -> tuple[Finding, ...]:
    """Overlapping head tenures of one agency, and officials heading two agencies at once.

    Only overlaps with at least one day in ``[start, end)`` are reported (the whole
    record when both are None), and, when ``agencies`` is given, only those of its
    agencies (heading an unrated Party committee alongside a rated People's Committee
    is common and not reported). Paths point into ``organisation.tenures``.
    """
    low, high = start or dt.date.min, end or _END_OF_TIME
    name = f"organisation:{organisation.code}"
    heads = {
        p.code: p.agency
        for p in organisation.posts
        if p.is_head and (agencies is None or p.agency in agencies)
    }
    by_agency: dict[str, list[tuple[int, Tenure]]] = defaultdict(list)
    for index, tenure in enumerate(organisation.tenures):
        if tenure.post in heads:
            by_agency[heads[tenure.post]].append((index, tenure))
    found: list[Finding] = []
    for agency in sorted(by_agency):
        held = sorted(by_agency[agency], key=lambda pair: (pair[1].start, pair[0]))
        for (i, first), (j, second) in _overlaps(held, low, high):
            found.append(Finding(
                "tenure.overlap", "error", ("tenures", j),
                f"{second.official} heads {agency} from {second.start} while {first.official}"
                f" (tenures[{i}]) still does: one head post, two holders", name,
            ))  # fmt: skip
    by_official: dict[str, list[tuple[int, Tenure]]] = defaultdict(list)
    for agency in sorted(by_agency):
        for index, tenure in by_agency[agency]:
            by_official[tenure.official].append((index, tenure))
    for official in sorted(by_official):
        held = sorted(by_official[official], key=lambda pair: (pair[1].start, pair[0]))
        for (i, first), (j, second) in _overlaps(held, low, high):
            if heads[first.post] != heads[second.post]:
                found.append(Finding(
                    "head.concurrent", "error", ("tenures", j),
                    f"{official} heads {heads[second.post]} from {second.start} while heading"
                    f" {heads[first.post]} (tenures[{i}]): results cannot be attributed to one"
                    " agency", name,
                ))  # fmt: skip
    return tuple(found)


def _overlaps(
    held: list[tuple[int, Tenure]], low: dt.date, high: dt.date
) -> Iterator[tuple[tuple[int, Tenure], tuple[int, Tenure]]]:
    """Pairs (earlier, later) of overlapping tenures, the later one reported once."""
    if not held:
        return
    longest = held[0]
    for pair in held[1:]:
        tenure = pair[1]
        if longest[1].overlaps(tenure):
            shared = _clip(tenure, max(longest[1].start, low), min(longest[1].end or high, high))
            if shared is not None:
                yield longest, pair
        if (tenure.end or _END_OF_TIME) > (longest[1].end or _END_OF_TIME):
            longest = pair


def attribute(
    organisation: Organisation,
    agency: str,
    start: dt.date,
    end: dt.date,
    *,
    result: UnitResult | None = None,
) -> Attribution:
    """Split ``[start, end)`` between the holders of the agency's head post(s).

    Args:
        organisation: The register of posts and tenures.
        agency: Code of the agency.
        start: First day of the period.
        end: First day after it.
        result: The unit's results, carried along.

    Raises:
        AccountabilityError: The period is empty, the agency is unknown or has no
            head post, or two head tenures overlap inside the period.
    """
    name = f"organisation:{organisation.code}"
    found = next((a for a in organisation.agencies if a.code == agency), None)
    if found is None:
        known = (("agencies",), f"no agency has code {agency!r}")
        raise AccountabilityError([Finding("reference.dangling", "error", *known, name)])
    if end <= start:
        message = f"the period {start} – {end} of {agency} has no day"
        raise AccountabilityError([Finding("period.empty", "error", (), message, name)])
    if not any(p.agency == agency and p.is_head for p in organisation.posts):
        message = f"agency {agency} has no head post (is_head)"
        raise AccountabilityError([Finding("head.missing", "error", ("posts",), message, name)])
    found_overlaps = head_findings(organisation, start, end, agencies={agency})
    overlapping = [f for f in found_overlaps if f.code == "tenure.overlap"]
    if overlapping:
        raise AccountabilityError(overlapping)
    segments: dict[str, list[Segment]] = defaultdict(list)
    for index, tenure in head_tenures(organisation, agency):
        clipped = _clip(tenure, start, end)
        if clipped is not None:
            segments[tenure.official].append(Segment(*clipped, tenure.acting, index))
    total = (end - start).days
    shares = [
        Share(official, days, Fraction(days, total), tuple(held))
        for official, held in segments.items()
        if (days := sum(s.days for s in held))
    ]
    shares.sort(key=lambda s: (s.segments[0].start, s.official or ""))
    vacant = total - sum(s.days for s in shares)
    if vacant:
        shares.append(Share(None, vacant, Fraction(vacant, total)))
    return Attribution(agency, found.unit, start, end, tuple(shares), result)


def attribute_year(
    organisation: Organisation, agency: str, year: int, *, result: UnitResult | None = None
) -> Attribution:
    """:func:`attribute` over the days of ``year`` the agency and its unit existed.

    A unit dissolved on 2025-07-01 is attributed 2025-01-01 to 2025-07-01 and keeps
    that attribution: successors get none of it (see :mod:`cchc.accountability.lineage`).

    Raises:
        AccountabilityError: As :func:`attribute`, and when the agency or its unit did
            not exist on any day of ``year``.
    """
    start, end = _year(year)
    agency_doc = next((a for a in organisation.agencies if a.code == agency), None)
    if agency_doc is not None:
        unit = next((u for u in organisation.units if u.code == agency_doc.unit), None)
        for holder in (agency_doc, unit):
            if holder is not None:
                start = max(start, holder.valid_from or start)
                end = min(end, holder.valid_to or end)
        if end <= start:
            message = f"agency {agency} or its unit did not exist in {year}"
            name = f"organisation:{organisation.code}"
            raise AccountabilityError([Finding("period.empty", "error", (), message, name)])
    return attribute(organisation, agency, start, end, result=result)


def days_worked(organisation: Organisation, official: str, start: dt.date, end: dt.date) -> int:
    """Days in ``[start, end)`` the official held any post, overlaps counted once."""
    spans = sorted(
        clipped
        for t in organisation.tenures
        if t.official == official and (clipped := _clip(t, start, end)) is not None
    )
    days, reach = 0, start
    for low, high in spans:
        first = max(low, reach)
        if first < high:
            days += (high - first).days
            reach = high
    return days


def accountable_agency(organisation: Organisation, result: UnitResult) -> str:
    """The agency whose head answers for ``result``.

    ``result.agency`` when given; otherwise the agency whose code is ``result.unit``
    (a department ranked by a department index); otherwise the People's Committee of
    the administrative unit ``result.unit`` — exactly one is required.

    Raises:
        AccountabilityError: None or several agencies qualify.
    """
    codes = {a.code for a in organisation.agencies}
    name = f"result:{result.unit}"
    if result.agency is not None:
        if result.agency in codes:
            return result.agency
        message = f"no agency has code {result.agency!r}"
        raise AccountabilityError([Finding("reference.dangling", "error", ("agency",), message,
                                           name)])  # fmt: skip
    if result.unit in codes:
        return result.unit
    committees = sorted(
        a.code
        for a in organisation.agencies
        if a.unit == result.unit and a.kind is AgencyKind.PEOPLES_COMMITTEE
    )
    if len(committees) == 1:
        return committees[0]
    what = "no People's Committee" if not committees else f"{len(committees)} People's Committees"
    message = f"unit {result.unit} has {what}: give the result's agency"
    raise AccountabilityError([Finding("result.agency", "error", ("unit",), message, name)])


def results_from_ranking(
    ranking: Ranking,
    *,
    completion: Mapping[str, Decimal] | None = None,
    satisfaction: Mapping[str, float] | None = None,
    agencies: Mapping[str, str] | None = None,
    units: Sequence[str] | None = None,
) -> tuple[UnitResult, ...]:
    """One :class:`UnitResult` per row of a scored round.

    Args:
        ranking: The round, as :func:`cchc.score_round` returns it (with movement, when
            scored with ``previous``, for band falls).
        completion: Task completion rates (0–1) by unit code, e.g. from monitoring.
        satisfaction: Satisfaction indices (0–100) by unit code, e.g. from a survey.
        agencies: The accountable agency by unit code, where not resolvable.
        units: Keep only these units (all by default).
    """
    keep = None if units is None else set(units)
    out = []
    for row in ranking.rows:
        if keep is not None and row.unit not in keep:
            continue
        out.append(UnitResult(
            unit=row.unit, year=ranking.year, index=row.index, band=row.band, rank=row.rank,
            ranked=len(ranking.rows),
            band_steps=None if row.movement is None else row.movement.band_steps,
            task_completion=(completion or {}).get(row.unit),
            satisfaction=(satisfaction or {}).get(row.unit),
            agency=(agencies or {}).get(row.unit),
        ))  # fmt: skip
    return tuple(out)
