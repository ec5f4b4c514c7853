"""Built-in reform programmes, shipped as JSON package data.

The three programmes form a cascade: Hương Sơn district (6734/QĐ-UBND) implements
Hà Tĩnh province's (3504/QĐ-UBND), which implements the national master
programme (Resolution 76/NQ-CP).

>>> from cchc import datasets
>>> [p.instrument.symbol for p in datasets.cascade(datasets.huong_son_programme())]
['6734/QĐ-UBND', '3504/QĐ-UBND', '76/NQ-CP']

Rating and emulation policies: the national decrees 90/2020/NĐ-CP, 48/2023/NĐ-CP and
335/2025/NĐ-CP (details not checked against the text say ``verified: false``), and two
illustrative local policies of the shapes provinces use; with an illustrative register
of Hương Sơn's heads (placeholder names) and their 2024 records.

Every fact carries the symbol of the instrument it comes from; targets whose
figures were not checked against the instrument's text say ``verified: false``.
Loaded documents are cached and immutable, so repeated calls are cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, TypeVar

from pydantic import TypeAdapter, ValidationError

from cchc import documents
from cchc.documents import Document
from cchc.errors import CheckError, NotFoundError
from cchc.findings import Finding

if TYPE_CHECKING:  # the models are built when a dataset of theirs is read
    from cchc.documents import (
        AssessmentRound,
        Framework,
        Organisation,
        PerformanceRecord,
        Plan,
        Policy,
        Programme,
        Questionnaire,
        SurveyRound,
    )

__all__ = [
    "FRAMEWORKS",
    "HUONG_SON_PLAN_AS_OF",
    "NAMES",
    "NATIONAL_POLICIES",
    "PLANS",
    "POLICIES",
    "ROUNDS",
    "SURVEYS",
    "assessment_round",
    "cascade",
    "framework",
    "get",
    "ha_tinh_programme",
    "huong_son_heads",
    "huong_son_plan_2022",
    "huong_son_programme",
    "huong_son_records_2024",
    "illustrative_policies",
    "leaders_questionnaire",
    "national_policies",
    "national_programme",
    "plan",
    "policy",
    "programmes",
    "sipas_questionnaire",
    "survey_round",
]

_D = TypeVar("_D", bound=Document)

_FILES = {
    "huong-son": "huong-son-6734-qd-ubnd.json",
    "ha-tinh": "ha-tinh-3504-qd-ubnd.json",
    "national": "national-76-nq-cp.json",
}

NAMES: tuple[str, ...] = tuple(_FILES)
"""Names accepted by :func:`get` (and by ``cchc show``)."""

FRAMEWORKS: tuple[str, ...] = (
    "par-index-province-876",
    "par-index-province-2948",
    "ha-tinh-52-2019-departments",
    "ha-tinh-52-2019-districts",
    "ha-tinh-52-2019-communes",
    "ha-tinh-52-2019-central-agencies",
    "illustrative-district",
)
"""Names accepted by :func:`framework`: the provincial PAR Index (876/QĐ-BNV and the
previous 2948/QĐ-BNV, at the level known), Hà Tĩnh's local indexes of Decision
52/2019/QĐ-UBND (structure only), and an illustrative commune-level framework that
uses every rule kind."""

SURVEYS: tuple[str, ...] = ("huong-son-sipas-2024",)
"""Names accepted by :func:`survey_round`: an illustrative SIPAS survey of Hương Sơn's
communes (made-up answers, marked illustrative in its note)."""

PLANS: tuple[str, ...] = ("huong-son-plan-2022",)
"""Names accepted by :func:`plan`: an illustrative 2022 plan of Hương Sơn district."""

HUONG_SON_PLAN_AS_OF = dt.date(2022, 10, 14)
"""A day on which the illustrative Hương Sơn plan shows every task status (for demos)."""

ROUNDS: tuple[str, ...] = ("huong-son-communes-2023", "huong-son-communes-2024")
"""Names accepted by :func:`assessment_round`: illustrative rounds of Hương Sơn's
communes under the illustrative framework (made-up figures, marked illustrative)."""


def _load(filename: str, expected: type[_D]) -> _D:
    # Validated by the expected model itself: no need to build the union of every type.
    resource = files(__name__).joinpath("data", filename)
    try:
        return expected.model_validate_json(resource.read_bytes())
    except ValidationError as error:  # pragma: no cover - the tests load every file
        error.add_note(f"while loading cchc.datasets/{filename}")
        raise


@cache
def get(name: str) -> Programme:
    """The built-in programme called ``name`` (one of :data:`NAMES`).

    Raises:
        NotFoundError: No built-in programme has that name.
    """
    try:
        filename = _FILES[name]
    except KeyError:
        raise NotFoundError("built-in programme", name, NAMES) from None
    return _load(filename, documents.Programme)


@cache
def framework(name: str) -> Framework:
    """The built-in framework called ``name`` (one of :data:`FRAMEWORKS`).

    Raises:
        NotFoundError: No built-in framework has that name.
    """
    if name not in FRAMEWORKS:
        raise NotFoundError("built-in framework", name, FRAMEWORKS)
    return _load(f"{name}.json", documents.Framework)


@cache
def assessment_round(name: str) -> AssessmentRound:
    """The built-in (illustrative) assessment round called ``name`` (one of :data:`ROUNDS`).

    Raises:
        NotFoundError: No built-in round has that name.
    """
    if name not in ROUNDS:
        raise NotFoundError("built-in assessment round", name, ROUNDS)
    return _load(f"{name}.json", documents.AssessmentRound)


NATIONAL_POLICIES: tuple[str, ...] = ("decree-90-2020", "decree-48-2023", "decree-335-2025")
"""The national decrees, oldest first."""

POLICIES: tuple[str, ...] = (
    *NATIONAL_POLICIES,
    "illustrative-head-index",
    "illustrative-emulation-bands",
)
"""Names accepted by :func:`policy`."""


@cache
def policy(name: str) -> Policy:
    """The built-in policy called ``name`` (one of :data:`POLICIES`).

    >>> [p.instrument for p in national_policies()]
    ['90/2020/NĐ-CP', '48/2023/NĐ-CP', '335/2025/NĐ-CP']

    Raises:
        NotFoundError: No built-in policy has that name.
    """
    if name not in POLICIES:
        raise NotFoundError("built-in policy", name, POLICIES)
    return _load(f"policy-{name}.json", documents.Policy)


def national_policies() -> tuple[Policy, ...]:
    """Decrees 90/2020, 48/2023 and 335/2025 (the last in force from 2026)."""
    return tuple(policy(name) for name in NATIONAL_POLICIES)


def illustrative_policies() -> tuple[Policy, ...]:
    """The two made-up local policies (index thresholds; emulation bars by band)."""
    return tuple(policy(name) for name in POLICIES if name not in NATIONAL_POLICIES)


@cache
def huong_son_heads() -> Organisation:
    """An illustrative register of Hương Sơn's People's Committees and their heads to 2024.

    Placeholder names (Nguyễn Văn A…) and made-up tenures: not real people.
    """
    return _load("huong-son-heads-illustrative.json", documents.Organisation)


@cache
def huong_son_records_2024() -> tuple[PerformanceRecord, ...]:
    """Illustrative 2024 performance records (targets) of the heads in :func:`huong_son_heads`."""
    raw = files(__name__).joinpath("data", "huong-son-records-2024-illustrative.json")
    return TypeAdapter(tuple[documents.PerformanceRecord, ...]).validate_json(raw.read_bytes())


@cache
def plan(name: str) -> Plan:
    """The built-in plan called ``name`` (one of :data:`PLANS`).

    Raises:
        NotFoundError: No built-in plan has that name.
    """
    if name not in PLANS:
        raise NotFoundError("built-in plan", name, PLANS)
    return _load(f"{name}.json", documents.Plan)


def huong_son_plan_2022() -> Plan:
    """An illustrative 2022 reform plan of Hương Sơn district (made up, not the real plan).

    It implements the district programme (6734/QĐ-UBND), follows its six solution
    groups, and measures three national targets of 76/NQ-CP.

    >>> plan = huong_son_plan_2022()
    >>> plan.illustrative, plan.year, len(plan.tasks)
    (True, 2022, 30)
    """
    return plan("huong-son-plan-2022")


@cache
def survey_round(name: str) -> SurveyRound:
    """The built-in (illustrative) survey round called ``name`` (one of :data:`SURVEYS`).

    Raises:
        NotFoundError: No built-in survey round has that name.
    """
    if name not in SURVEYS:
        raise NotFoundError("built-in survey round", name, SURVEYS)
    return _load(f"{name}.json", documents.SurveyRound)


@cache
def sipas_questionnaire() -> Questionnaire:
    """The SIPAS questionnaire of Decision 2640/QĐ-BNV (2017-10-10).

    Five factors and the 22 satisfaction criteria for direct dealings, answered on a
    five-level scale (*rất không hài lòng* … *rất hài lòng*) of which 4 and 5 count as
    satisfied. Factors are verified; seven criteria's wording is verified; the scale and
    the satisfied answers are the standard reading of the method (unverified).

    >>> [f.code for f in sipas_questionnaire().factors]
    ['access', 'procedures', 'civil-servants', 'results', 'feedback']
    """
    return _load("sipas-2640-qd-bnv.json", documents.Questionnaire)


@cache
def leaders_questionnaire() -> Questionnaire:
    """The structure of the PAR Index survey of leaders and managers (876/QĐ-BNV).

    Worth 22 points of a province's index; the seven appraised reform areas as factors,
    with one overall rating each. Everything below the 22 points is a placeholder and
    says ``verified: false``.
    """
    return _load("leaders-survey.json", documents.Questionnaire)


def huong_son_programme() -> Programme:
    """Hương Sơn district's reform programme 2021–2030 (Decision 6734/QĐ-UBND, 2021-11-28)."""
    return get("huong-son")


def ha_tinh_programme() -> Programme:
    """Hà Tĩnh province's reform programme 2021–2030 (Decision 3504/QĐ-UBND, 2021-10-22)."""
    return get("ha-tinh")


def national_programme() -> Programme:
    """The national master programme 2021–2030 (Resolution 76/NQ-CP, 2021-07-15)."""
    return get("national")


def programmes() -> tuple[Programme, ...]:
    """Every built-in programme, from the district up to the nation."""
    return tuple(get(name) for name in NAMES)


def cascade(
    programme: Programme, among: Iterable[Programme] | None = None
) -> tuple[Programme, ...]:
    """The programme followed by its parent, grandparent… up to the top.

    Args:
        programme: Where to start.
        among: Where to look for parents; the built-in programmes by default.

    Raises:
        NotFoundError: A parent is not among the programmes given.
        CheckError: The parents form a cycle.
    """
    pool = {p.code: p for p in (programmes() if among is None else among)}
    chain = [programme]
    while (parent := chain[-1].parent) is not None:
        if parent not in pool:
            raise NotFoundError("parent programme", parent, sorted(pool))
        if any(p.code == parent for p in chain):
            message = f"programme parents form a cycle through {parent!r}"
            cycle = Finding(
                "programme.cycle",
                "error",
                ("parent",),
                message,
                document=f"programme:{chain[-1].code}",
            )
            raise CheckError([cycle])
        chain.append(pool[parent])
    return tuple(chain)
