"""Hypothesis strategies that generate valid cchc documents.

Requires hypothesis (``pip install "cchc[testing]"``).

Every strategy returns documents that validate and that :func:`cchc.check` finds
no error in: codes are unique, references point at drawn ids, periods nest.
Arguments are keyword-only and take strategies, so you can narrow what is drawn:

>>> from hypothesis import given, strategies as st
>>> from cchc import AdministrativeLevel, check
>>> from cchc.testing.strategies import programmes
>>> @given(programmes(levels=st.just(AdministrativeLevel.PROVINCE)))
... def test_provincial(programme):
...     assert programme.level is AdministrativeLevel.PROVINCE
...     assert check(programme) == ()
>>> test_provincial()

Installing cchc also registers these strategies with Hypothesis, so
``st.from_type(cchc.Programme)`` draws valid programmes in any test suite.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised without the extra
    from cchc.errors import MissingExtraError

    raise MissingExtraError("testing", "hypothesis") from error

import itertools

from cchc.documents import (
    AdministrativeUnit,
    Agency,
    LegalInstrument,
    LineageLink,
    Objective,
    Official,
    Organisation,
    Phase,
    Post,
    Principle,
    Programme,
    SolutionGroup,
    Target,
    Tenure,
)
from cchc.testing._accountability_strategies import (
    head_registers,
    performance_records,
    policies,
    policy_rules,
    products,
    unit_results,
)
from cchc.testing._basic import DAYS, SYMBOL_KINDS, codes, symbol_for, symbols, texts
from cchc.testing._calendar_strategies import (
    calendar_overrides,
    report_submissions,
    reporting_schedules,
)
from cchc.testing._composite_strategies import composite_indices
from cchc.testing._dossier_strategies import (
    catalogue_procedures,
    catalogue_units,
    procedure_catalogues,
)
from cchc.testing._plan_strategies import (
    deadlines,
    measurements,
    plan_agencies,
    plans,
    progress_updates,
    tasks,
)
from cchc.testing._scoring_strategies import (
    assessment_rounds,
    assessments,
    frameworks,
    inputs_for,
    rules,
)
from cchc.testing._survey_strategies import questionnaires, responses, survey_rounds
from cchc.vocabulary import (
    AdministrativeLevel,
    AgencyKind,
    Comparator,
    InstrumentKind,
    LineageEvent,
    ReformArea,
    UnitKind,
)

__all__ = [
    "administrative_units",
    "agencies",
    "assessment_rounds",
    "assessments",
    "calendar_overrides",
    "catalogue_procedures",
    "catalogue_units",
    "codes",
    "composite_indices",
    "deadlines",
    "frameworks",
    "head_registers",
    "inputs_for",
    "instruments",
    "measurements",
    "officials",
    "organisations",
    "performance_records",
    "plan_agencies",
    "plans",
    "policies",
    "policy_rules",
    "posts",
    "procedure_catalogues",
    "products",
    "programmes",
    "progress_updates",
    "questionnaires",
    "report_submissions",
    "reporting_schedules",
    "responses",
    "rules",
    "solution_groups",
    "survey_rounds",
    "symbols",
    "targets",
    "tasks",
    "tenures",
    "texts",
    "unit_results",
]


@st.composite
def instruments(
    draw: st.DrawFn,
    *,
    kinds: st.SearchStrategy[InstrumentKind] = st.sampled_from(SYMBOL_KINDS),
    issued_on: st.SearchStrategy[dt.date] = DAYS,
) -> LegalInstrument:
    """Legal instruments whose symbol, kind and year agree. Requires hypothesis."""
    kind = draw(kinds)
    day = draw(issued_on)
    return LegalInstrument(
        symbol=draw(symbol_for(kind, day.year)),
        kind=kind,
        issuer_vi=draw(texts()),
        issuer_en=draw(st.none() | texts()),
        issued_on=day,
        effective_from=draw(st.none() | st.just(day + dt.timedelta(days=draw(st.integers(0, 60))))),
        title_vi=draw(texts(max_size=80)),
        title_en=draw(st.none() | texts(max_size=80)),
    )


def _numbers() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)


@st.composite
def targets(
    draw: st.DrawFn,
    *,
    sources: st.SearchStrategy[str] = symbols(),
    years: st.SearchStrategy[int] = st.integers(2021, 2030),
) -> Target:
    """Quantified targets. Requires hypothesis."""
    by_year = draw(years)
    baseline = draw(st.none() | st.tuples(_numbers(), st.integers(by_year - 10, by_year)))
    return Target(
        code=draw(codes()),
        indicator_vi=draw(texts()),
        indicator_en=draw(st.none() | texts()),
        comparator=draw(st.sampled_from(Comparator)),
        value=draw(_numbers()),
        unit=draw(st.sampled_from(("%", "ngày", "hạng"))),
        by_year=by_year,
        baseline_value=None if baseline is None else baseline[0],
        baseline_year=None if baseline is None else baseline[1],
        reform_area=draw(st.none() | st.sampled_from(ReformArea)),
        source=draw(sources),
        verified=draw(st.booleans()),
    )


@st.composite
def solution_groups(
    draw: st.DrawFn,
    *,
    numbers: st.SearchStrategy[int] = st.integers(1, 99),
    sources: st.SearchStrategy[str] = symbols(),
) -> SolutionGroup:
    """Solution groups. Requires hypothesis."""
    return SolutionGroup(
        number=draw(numbers),
        title_vi=draw(texts()),
        title_en=draw(st.none() | texts()),
        description_vi=draw(st.none() | texts(max_size=120)),
        reform_areas=tuple(draw(st.sets(st.sampled_from(ReformArea), max_size=3))),
        source=draw(sources),
    )


def _unique(items: st.SearchStrategy[object], key: str, max_size: int) -> st.SearchStrategy[list]:  # type: ignore[type-arg]
    return st.lists(items, max_size=max_size, unique_by=lambda item: getattr(item, key))


@st.composite
def programmes(
    draw: st.DrawFn,
    *,
    levels: st.SearchStrategy[AdministrativeLevel] = st.sampled_from(AdministrativeLevel),
    start_years: st.SearchStrategy[int] = st.integers(2000, 2030),
    lengths: st.SearchStrategy[int] = st.integers(0, 10),
) -> Programme:
    """Programmes with consistent periods, phases, sources and codes. Requires hypothesis."""
    start = draw(start_years)
    end = start + draw(lengths)
    instrument = draw(
        instruments(issued_on=st.dates(dt.date(start - 1, 1, 1), dt.date(start, 12, 31)))
    )
    related = draw(_unique(instruments(), "symbol", 3))
    related = [r for r in related if r.symbol != instrument.symbol]
    sources = st.sampled_from([instrument.symbol, *(r.symbol for r in related)])
    cuts = sorted(draw(st.sets(st.integers(start + 1, end), max_size=3))) if end > start else []
    bounds = [start, *cuts, end + 1]
    phases = (
        tuple(
            Phase(code=f"p{i + 1}", start_year=a, end_year=b - 1)
            for i, (a, b) in enumerate(itertools.pairwise(bounds))
        )
        if draw(st.booleans())
        else ()
    )
    statement = st.builds(lambda c, t, s: (c, t, s), codes(), texts(max_size=120), sources)
    objectives = draw(st.lists(statement, max_size=3, unique_by=lambda x: x[0]))
    principles = draw(st.lists(statement, max_size=3, unique_by=lambda x: x[0]))
    return Programme(
        code=draw(codes()),
        title_vi=draw(texts(max_size=80)),
        title_en=draw(st.none() | texts(max_size=80)),
        level=draw(levels),
        unit=draw(codes()),
        unit_name_vi=draw(texts()),
        issuer_vi=draw(texts()),
        instrument=instrument,
        start_year=start,
        end_year=end,
        phases=phases,
        reform_areas=tuple(draw(st.sets(st.sampled_from(ReformArea), max_size=4))),
        principles=tuple(Principle(code=c, text_vi=t, source=s) for c, t, s in principles),
        objectives=tuple(Objective(code=c, text_vi=t, source=s) for c, t, s in objectives),
        solution_groups=tuple(draw(_unique(solution_groups(sources=sources), "number", 6))),
        targets=tuple(
            draw(_unique(targets(sources=sources, years=st.integers(start, end)), "code", 5))
        ),
        related_instruments=tuple(related),
    )


def _valid_to(kind: UnitKind, start: dt.date | None) -> st.SearchStrategy[dt.date | None]:
    ended = kind.level.ended_on
    low = (start or dt.date(1990, 1, 1)) + dt.timedelta(days=1)
    if ended is not None:
        return st.dates(min(low, ended), ended)
    return st.none() | st.dates(low, dt.date(2040, 12, 31))


@st.composite
def administrative_units(
    draw: st.DrawFn, *, kinds: st.SearchStrategy[UnitKind] = st.sampled_from(UnitKind)
) -> AdministrativeUnit:
    """A single unit without parent or lineage links. Requires hypothesis."""
    kind = draw(kinds)
    start = draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2024, 12, 31)))
    return AdministrativeUnit(
        code=draw(codes()),
        name_vi=draw(texts()),
        kind=kind,
        valid_from=start,
        valid_to=draw(_valid_to(kind, start)),
    )


@st.composite
def officials(draw: st.DrawFn) -> Official:
    """People. Requires hypothesis."""
    return Official(id=draw(codes()), full_name=draw(texts()))


@st.composite
def agencies(draw: st.DrawFn, *, units: st.SearchStrategy[str] = codes()) -> Agency:
    """Agencies belonging to a unit drawn from ``units`` (codes). Requires hypothesis."""
    return Agency(
        code=draw(codes()),
        name_vi=draw(texts()),
        kind=draw(st.sampled_from(AgencyKind)),
        unit=draw(units),
    )


@st.composite
def posts(draw: st.DrawFn, *, agencies: st.SearchStrategy[str] = codes()) -> Post:
    """Posts in an agency drawn from ``agencies`` (codes). Requires hypothesis."""
    return Post(
        code=draw(codes()),
        agency=draw(agencies),
        title_vi=draw(texts()),
        is_head=draw(st.booleans()),
    )


@st.composite
def tenures(
    draw: st.DrawFn,
    *,
    officials: st.SearchStrategy[str] = codes(),
    posts: st.SearchStrategy[str] = codes(),
    starts: st.SearchStrategy[dt.date] = DAYS,
) -> Tenure:
    """One tenure of an official (id) in a post (code). Requires hypothesis."""
    start = draw(starts)
    days = draw(st.none() | st.integers(1, 3650))
    return Tenure(
        official=draw(officials),
        post=draw(posts),
        start=start,
        end=None if days is None else start + dt.timedelta(days=days),
        acting=draw(st.booleans()),
    )


@st.composite
def organisations(draw: st.DrawFn, *, max_units: int = 6) -> Organisation:
    """Whole registers whose references, lineage and tenures check clean. Requires hypothesis."""
    drawn = draw(
        st.lists(administrative_units(), min_size=1, max_size=max_units, unique_by=lambda u: u.code)
    )
    units: list[AdministrativeUnit] = []
    for unit in drawn:
        earlier = [u.code for u in units]
        parent = draw(st.none() | st.sampled_from(earlier)) if earlier else None
        links: tuple[LineageLink, ...] = ()
        if len(earlier) > 0 and draw(st.booleans()):
            links = (
                LineageLink(
                    unit=draw(st.sampled_from(earlier)),
                    event=draw(st.sampled_from(LineageEvent)),
                    effective_on=draw(DAYS),
                ),
            )
        data = {**unit.model_dump(), "parent": parent, "predecessors": links}
        units.append(AdministrativeUnit.model_validate(data))
    unit_codes = st.sampled_from([u.code for u in units])
    agency_list = draw(_unique(agencies(units=unit_codes), "code", 4))
    post_list = (
        draw(_unique(posts(agencies=st.sampled_from([a.code for a in agency_list])), "code", 4))
        if agency_list
        else []
    )
    people = draw(_unique(officials(), "id", 4))
    held: list[Tenure] = []
    if post_list and people:
        for post in post_list:
            day = draw(DAYS)
            for _ in range(draw(st.integers(0, 3))):
                tenure = draw(
                    tenures(
                        officials=st.sampled_from([p.id for p in people]),
                        posts=st.just(post.code),
                        starts=st.just(day),
                    )
                )
                held.append(tenure)
                if tenure.end is None:
                    break
                day = tenure.end + dt.timedelta(days=draw(st.integers(0, 30)))
    return Organisation(
        code=draw(codes()),
        units=tuple(units),
        agencies=tuple(agency_list),
        officials=tuple(people),
        posts=tuple(post_list),
        tenures=tuple(held),
    )
