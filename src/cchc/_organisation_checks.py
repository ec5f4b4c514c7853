"""Cross-record checks of an :class:`~cchc.documents.Organisation` register.

References between units, agencies, posts, officials and tenures; cycles in unit
lineage and in parents; units of a level that has ended; overlapping tenures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

from cchc.documents import AdministrativeUnit, Organisation, Tenure
from cchc.findings import Finding, dangling, duplicates

__all__ = ["organisation_findings"]


def organisation_findings(org: Organisation) -> Iterator[Finding]:
    yield from duplicates(org.units, "code", "units", "unit")
    yield from duplicates(org.agencies, "code", "agencies", "agency")
    yield from duplicates(org.officials, "id", "officials", "official")
    yield from duplicates(org.posts, "code", "posts", "post")
    units = {u.code: u for u in org.units}
    agencies = {a.code: a for a in org.agencies}
    officials = {o.id for o in org.officials}
    posts = {p.code for p in org.posts}
    yield from _units(org.units, units)
    for index, agency in enumerate(org.agencies):
        yield from dangling(agency.unit, units, ("agencies", index, "unit"), "unit")
        if agency.parent is not None:
            yield from dangling(agency.parent, agencies, ("agencies", index, "parent"), "agency")
    for index, post in enumerate(org.posts):
        yield from dangling(post.agency, agencies, ("posts", index, "agency"), "agency")
    for index, tenure in enumerate(org.tenures):
        yield from dangling(tenure.official, officials, ("tenures", index, "official"), "official")
        yield from dangling(tenure.post, posts, ("tenures", index, "post"), "post")
    yield from _tenures(org.tenures)


def _units(
    items: Sequence[AdministrativeUnit], units: dict[str, AdministrativeUnit]
) -> Iterator[Finding]:
    successors: dict[str, set[str]] = defaultdict(set)
    for index, unit in enumerate(items):
        if unit.parent is not None:
            yield from dangling(unit.parent, units, ("units", index, "parent"), "unit")
        for field, links in (("predecessors", unit.predecessors), ("successors", unit.successors)):
            for j, link in enumerate(links):
                yield from dangling(link.unit, units, ("units", index, field, j, "unit"), "unit")
                if field == "successors":
                    successors[unit.code].add(link.unit)
                else:
                    successors[link.unit].add(unit.code)
        ended = unit.level.ended_on
        if ended is not None and (unit.valid_to is None or unit.valid_to > ended):
            yield Finding(
                "unit.level-ended",
                "warning",
                ("units", index, "valid_to"),
                f"{unit.level.value} units ceased to exist on {ended}; set valid_to",
            )
    yield from _lineage_cycles(items, successors)
    yield from _parent_cycles(items, units)


def _lineage_cycles(
    items: Sequence[AdministrativeUnit], successors: dict[str, set[str]]
) -> Iterator[Finding]:
    """One finding per cycle, at its first member in register order, naming all members."""
    reported: set[str] = set()
    for index, unit in enumerate(items):
        if unit.code in reported:
            continue
        members = _cycle_through(unit.code, successors)
        if members:
            reported.update(members)
            yield Finding(
                "lineage.cycle",
                "error",
                ("units", index),
                f"unit lineage forms a cycle through {', '.join(map(repr, sorted(members)))}",
            )


def _cycle_through(start: str, successors: dict[str, set[str]]) -> set[str]:
    """The units on a lineage cycle through ``start`` (empty when there is none)."""
    forward = _reachable(start, successors)
    if start not in forward:
        return set()
    backward: dict[str, set[str]] = defaultdict(set)
    for source, targets in successors.items():
        for target in targets:
            backward[target].add(source)
    return forward & _reachable(start, backward)


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    """Every node reachable from ``start`` in one or more steps."""
    found: set[str] = set()
    stack = list(edges.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(edges.get(node, ()))
    return found


def _parent_cycles(
    items: Sequence[AdministrativeUnit], units: dict[str, AdministrativeUnit]
) -> Iterator[Finding]:
    reported: set[str] = set()
    for index, unit in enumerate(items):
        seen: list[str] = []
        current: AdministrativeUnit | None = unit
        while current is not None and current.code not in seen:
            seen.append(current.code)
            current = units.get(current.parent) if current.parent else None
        if current is not None and current.code == unit.code and unit.code not in reported:
            reported.update(seen)
            yield Finding(
                "unit.parent-cycle",
                "error",
                ("units", index, "parent"),
                f"parents form a cycle: {' -> '.join([*seen, unit.code])}",
            )


def _tenures(tenures: Sequence[Tenure]) -> Iterator[Finding]:
    by_post: dict[str, list[tuple[int, Tenure]]] = defaultdict(list)
    for index, tenure in enumerate(tenures):
        by_post[tenure.post].append((index, tenure))
    for held in by_post.values():
        held.sort(key=lambda pair: pair[1].start)
        longest = held[0][1]
        for index, tenure in held[1:]:
            if longest.overlaps(tenure):
                until = f"until {longest.end}" if longest.end else "with no end date"
                yield Finding(
                    "tenure.overlap",
                    "error",
                    ("tenures", index),
                    f"{tenure.official} starts in post {tenure.post} on {tenure.start},"
                    f" while {longest.official} holds it from {longest.start} {until}",
                )
            if (tenure.end or dt.date.max) > (longest.end or dt.date.max):
                longest = tenure
