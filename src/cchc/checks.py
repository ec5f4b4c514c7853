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

from collections import Counter
from collections.abc import Iterator, Sequence

import attrs

from cchc._organisation_checks import organisation_findings
from cchc.documents import (
    Document,
    Objective,
    Organisation,
    Plan,
    Principle,
    Programme,
    Questionnaire,
    SolutionGroup,
    SurveyRound,
    Target,
)
from cchc.errors import CheckError
from cchc.findings import Finding, Severity, duplicates
from cchc.vocabulary import AdministrativeLevel

__all__ = ["Finding", "Severity", "check", "check_each", "document_name"]


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
    findings = [finding for found in check_each(*documents) for finding in found]
    errors = [f for f in findings if f.severity == "error"]
    if strict and errors:
        raise CheckError(errors)
    return tuple(findings)


def check_each(*documents: Document) -> tuple[tuple[Finding, ...], ...]:
    """Like :func:`check`, but the findings of each document apart, in the order given.

    Use it to tell which input a finding belongs to when several documents share a
    name (two files holding the same programme, say).
    """
    all_programmes = [d for d in documents if isinstance(d, Programme)]
    counts = Counter(p.code for p in all_programmes)
    # A code shared by several programmes is reported once per extra copy and never resolved,
    # so the findings do not depend on the order of the documents.
    programmes = {p.code: p for p in all_programmes if counts[p.code] == 1}
    seen: set[str] = set()
    result: list[tuple[Finding, ...]] = []
    for document in documents:
        found: list[Finding] = []
        if isinstance(document, Programme):
            if document.code in seen:
                message = f"{counts[document.code]} programmes share the code {document.code!r}"
                found.append(Finding("code.duplicate", "error", ("code",), message))
            seen.add(document.code)
            found.extend(_programme(document, programmes, ambiguous=counts))
        elif isinstance(document, Organisation):
            found.extend(organisation_findings(document))
        elif isinstance(document, SurveyRound):
            found.extend(_survey_round(document, documents))
        elif isinstance(document, Plan):
            from cchc.monitoring import check_plan  # noqa: PLC0415 - the engine only when needed

            found.extend(check_plan(document, _cascade_of(document.programme, programmes)))
        name = document_name(document)
        result.append(tuple(attrs.evolve(f, document=name) for f in found))
    return tuple(result)


def _cascade_of(code: str, programmes: dict[str, Programme]) -> list[Programme] | None:
    """The programme ``code`` and its parents among ``programmes`` (``None`` if absent)."""
    chain: list[Programme] = []
    current = programmes.get(code)
    while current is not None and current not in chain:
        chain.append(current)
        current = programmes.get(current.parent) if current.parent else None
    return chain or None


def _survey_round(survey: SurveyRound, documents: Sequence[Document]) -> Iterator[Finding]:
    """The responses checked against their questionnaire, when it is among the documents."""
    for document in documents:
        if isinstance(document, Questionnaire) and document.code == survey.questionnaire:
            from cchc.surveys import check_responses  # noqa: PLC0415 - numpy only when needed

            yield from check_responses(document, survey)
            return


def document_name(document: Document) -> str:
    """``"type:code"`` naming a document in findings, e.g. ``"programme:huong-son-2021-2030"``."""
    key = next((v for a in ("code", "id", "symbol") if (v := getattr(document, a, None))), None)
    return f"{document.type_tag}:{key}" if key else document.type_tag


def _programme(
    programme: Programme, programmes: dict[str, Programme], ambiguous: Counter[str]
) -> Iterator[Finding]:
    yield from duplicates(programme.phases, "code", "phases", "phase")
    yield from duplicates(programme.objectives, "code", "objectives", "objective")
    yield from duplicates(programme.principles, "code", "principles", "principle")
    yield from duplicates(programme.solution_groups, "number", "solution_groups", "solution group")
    yield from duplicates(programme.targets, "code", "targets", "target")
    yield from duplicates(
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
        if not programme.start_year <= target.by_year <= programme.end_year:
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
            ("start_year",) if programme.start_year < parent.start_year else ("end_year",),
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
