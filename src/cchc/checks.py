"""Cross-record checks: what a single model cannot see on its own.

:func:`check` looks at one or more documents together and returns every finding
at once — duplicate codes, dangling references, phases outside their programme,
a child programme outside its parent's period, cycles in unit lineage,
overlapping tenures of one post — instead of stopping at the first.

>>> from cchc import check, datasets
>>> check(*datasets.programmes())
()
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import Literal

import attrs

from cchc.documents import (
    AdministrativeUnit,
    Document,
    Objective,
    Organisation,
    Principle,
    Programme,
    SolutionGroup,
    Target,
    Tenure,
)
from cchc.errors import CheckError, format_path
from cchc.vocabulary import AdministrativeLevel

__all__ = ["Finding", "Severity", "check"]

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]


@attrs.frozen
class Finding:
    """One problem found by :func:`check`.

    Attributes:
        code: Stable machine-readable code, e.g. ``"reference.dangling"``.
        severity: ``"error"`` (the data is wrong) or ``"warning"`` (legal but suspicious).
        path: Where, as keys and indices from the document's root.
        message: What is wrong, in plain words.
        document: The ``type:code`` of the document the path starts from.
    """

    code: str
    severity: Severity
    path: Path
    message: str
    document: str = ""

    def __str__(self) -> str:
        where = f"{self.document} {format_path(self.path)}".strip()
        return f"{self.severity}: {where}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        """The finding as plain JSON-ready data."""
        return {
            "code": self.code,
            "severity": self.severity,
            "path": list(self.path),
            "message": self.message,
            "document": self.document,
        }


def check(*documents: Document, strict: bool = False) -> tuple[Finding, ...]:
    """Every cross-record finding for ``documents``, checked alone and together.

    Passing several documents lets references between them be resolved: a
    programme's ``parent`` is looked up among the programmes given.

    Args:
        documents: Any cchc documents.
        strict: Raise instead of returning when there are findings of severity
            ``"error"``.

    Returns:
        The findings, errors and warnings, in document order.

    Raises:
        CheckError: ``strict`` is true and there is at least one error.
    """
    findings: list[Finding] = []
    all_programmes = [d for d in documents if isinstance(d, Programme)]
    counts = Counter(p.code for p in all_programmes)
    # A code shared by several programmes is reported once per extra copy and never resolved,
    # so the findings do not depend on the order of the documents.
    programmes = {p.code: p for p in all_programmes if counts[p.code] == 1}
    seen: set[str] = set()
    for document in documents:
        name = document_name(document)
        if isinstance(document, Programme):
            if document.code in seen:
                findings.append(
                    Finding(
                        "code.duplicate",
                        "error",
                        ("code",),
                        f"{counts[document.code]} programmes share the code {document.code!r}",
                        document=name,
                    )
                )
            seen.add(document.code)
            found = _programme(document, programmes, ambiguous=counts)
        elif isinstance(document, Organisation):
            found = _organisation(document)
        else:
            found = iter(())
        findings.extend(attrs.evolve(f, document=name) for f in found)
    errors = [f for f in findings if f.severity == "error"]
    if strict and errors:
        raise CheckError(errors)
    return tuple(findings)


def document_name(document: Document) -> str:
    """``"type:code"`` naming a document in findings, e.g. ``"programme:huong-son-2021-2030"``."""
    key = next((v for a in ("code", "id", "symbol") if (v := getattr(document, a, None))), None)
    return f"{document.type_tag}:{key}" if key else document.type_tag


def _duplicates(items: Sequence[object], key: str, where: str, what: str) -> Iterator[Finding]:
    counts = Counter(getattr(item, key) for item in items)
    seen: set[Hashable] = set()
    for index, item in enumerate(items):
        value = getattr(item, key)
        if counts[value] > 1 and value in seen:
            yield Finding(
                "code.duplicate",
                "error",
                (where, index, key),
                f"{what} {value!r} appears {counts[value]} times",
            )
        seen.add(value)


def _programme(
    programme: Programme, programmes: dict[str, Programme], ambiguous: Counter[str]
) -> Iterator[Finding]:
    yield from _duplicates(programme.phases, "code", "phases", "phase")
    yield from _duplicates(programme.objectives, "code", "objectives", "objective")
    yield from _duplicates(programme.principles, "code", "principles", "principle")
    yield from _duplicates(programme.solution_groups, "number", "solution_groups", "solution group")
    yield from _duplicates(programme.targets, "code", "targets", "target")
    yield from _duplicates(
        programme.related_instruments, "symbol", "related_instruments", "instrument"
    )
    yield from _phases(programme)
    known = programme.instruments
    sourced: list[tuple[str, Sequence[Objective | Principle | SolutionGroup | Target]]] = [
        ("objectives", programme.objectives),
        ("principles", programme.principles),
        ("solution_groups", programme.solution_groups),
        ("targets", programme.targets),
    ]
    for field, items in sourced:
        for index, item in enumerate(items):
            if item.source not in known:
                yield Finding(
                    "reference.dangling",
                    "error",
                    (field, index, "source"),
                    f"source {item.source!r} is neither the programme's instrument nor one of"
                    " its related instruments",
                )
    for index, target in enumerate(programme.targets):
        if not programme.start_year - 10 <= target.by_year <= programme.end_year:
            yield Finding(
                "target.outside-period",
                "warning",
                ("targets", index, "by_year"),
                f"target year {target.by_year} is outside the programme's period"
                f" {programme.start_year}-{programme.end_year}",
            )
    if programme.instrument.issued_on.year > programme.start_year:
        yield Finding(
            "programme.issued-late",
            "warning",
            ("instrument", "issued_on"),
            f"issued in {programme.instrument.issued_on.year}, after its first year"
            f" {programme.start_year}",
        )
    if programme.parent is not None and ambiguous[programme.parent] < 2:
        yield from _parent(programme, programmes)


def _phases(programme: Programme) -> Iterator[Finding]:
    for index, phase in enumerate(programme.phases):
        if phase.start_year < programme.start_year or phase.end_year > programme.end_year:
            yield Finding(
                "phase.outside-period",
                "error",
                ("phases", index),
                f"phase {phase.code} ({phase.start_year}-{phase.end_year}) is outside the"
                f" programme's period {programme.start_year}-{programme.end_year}",
            )
    ordered = sorted(enumerate(programme.phases), key=lambda pair: pair[1].start_year)
    if not ordered:
        return
    longest = ordered[0][1]  # the phase reaching furthest among those started so far
    for index, phase in ordered[1:]:
        if phase.start_year <= longest.end_year:
            yield Finding(
                "phase.overlap",
                "error",
                ("phases", index),
                f"phase {phase.code} ({phase.start_year}-{phase.end_year}) overlaps phase"
                f" {longest.code} ({longest.start_year}-{longest.end_year})",
            )
        if phase.end_year > longest.end_year:
            longest = phase


def _parent(programme: Programme, programmes: dict[str, Programme]) -> Iterator[Finding]:
    if programme.parent is None:
        return
    parent = programmes.get(programme.parent)
    if parent is None:
        if len(programmes) > 1:
            yield Finding(
                "reference.unresolved",
                "warning",
                ("parent",),
                f"parent programme {programme.parent!r} is not among the programmes checked",
            )
        return
    if programme.start_year < parent.start_year or programme.end_year > parent.end_year:
        yield Finding(
            "programme.outside-parent",
            "error",
            ("start_year",),
            f"period {programme.start_year}-{programme.end_year} is outside the parent"
            f" programme's {parent.start_year}-{parent.end_year}",
        )
    if _rank(programme.level) <= _rank(parent.level):
        yield Finding(
            "programme.parent-level",
            "error",
            ("parent",),
            f"a {programme.level.value} programme cannot implement a {parent.level.value} one",
        )
    if (
        programme.parent_instrument is not None
        and programme.parent_instrument != parent.instrument.symbol
    ):
        yield Finding(
            "reference.mismatch",
            "error",
            ("parent_instrument",),
            f"{programme.parent_instrument!r} is not the parent's instrument"
            f" {parent.instrument.symbol!r}",
        )
    seen = {programme.code}
    current: Programme | None = parent
    while current is not None:
        if current.code in seen:
            yield Finding(
                "programme.cycle",
                "error",
                ("parent",),
                f"programme parents form a cycle through {current.code!r}",
            )
            return
        seen.add(current.code)
        current = programmes.get(current.parent) if current.parent else None


def _rank(level: AdministrativeLevel) -> int:
    return list(AdministrativeLevel).index(level)


def _organisation(org: Organisation) -> Iterator[Finding]:
    yield from _duplicates(org.units, "code", "units", "unit")
    yield from _duplicates(org.agencies, "code", "agencies", "agency")
    yield from _duplicates(org.officials, "id", "officials", "official")
    yield from _duplicates(org.posts, "code", "posts", "post")
    units = {u.code: u for u in org.units}
    agencies = {a.code: a for a in org.agencies}
    officials = {o.id for o in org.officials}
    posts = {p.code for p in org.posts}
    yield from _units(org.units, units)
    for index, agency in enumerate(org.agencies):
        yield from _dangling(agency.unit, units, ("agencies", index, "unit"), "unit")
        if agency.parent is not None:
            yield from _dangling(agency.parent, agencies, ("agencies", index, "parent"), "agency")
    for index, post in enumerate(org.posts):
        yield from _dangling(post.agency, agencies, ("posts", index, "agency"), "agency")
    for index, tenure in enumerate(org.tenures):
        yield from _dangling(tenure.official, officials, ("tenures", index, "official"), "official")
        yield from _dangling(tenure.post, posts, ("tenures", index, "post"), "post")
    yield from _tenures(org.tenures)


def _dangling(code: str, known: Iterable[str], path: Path, what: str) -> Iterator[Finding]:
    if code not in known:
        yield Finding("reference.dangling", "error", path, f"no {what} has code {code!r}")


def _units(
    items: Sequence[AdministrativeUnit], units: dict[str, AdministrativeUnit]
) -> Iterator[Finding]:
    successors: dict[str, set[str]] = defaultdict(set)
    for index, unit in enumerate(items):
        if unit.parent is not None:
            yield from _dangling(unit.parent, units, ("units", index, "parent"), "unit")
        for field, links in (("predecessors", unit.predecessors), ("successors", unit.successors)):
            for j, link in enumerate(links):
                yield from _dangling(link.unit, units, ("units", index, field, j, "unit"), "unit")
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
