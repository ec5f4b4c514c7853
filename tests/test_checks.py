"""Cross-record checks (cchc.checks): every finding code, strict mode, properties."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import (
    AdministrativeUnit,
    Agency,
    CchcError,
    CheckError,
    Document,
    Finding,
    Official,
    Organisation,
    Phase,
    Post,
    Programme,
    Tenure,
    check,
    datasets,
)
from cchc.testing.strategies import organisations, programmes
from cchc.vocabulary import AdministrativeLevel

HS = "programme:huong-son-2021-2030"
HT = "programme:ha-tinh-2021-2030"
NAT = "programme:vn-par-2021-2030"
ORG = "organisation:ha-tinh-register"


def huong_son(**update: Any) -> Programme:
    return datasets.huong_son_programme().model_copy(update=update)


def ha_tinh(**update: Any) -> Programme:
    return datasets.ha_tinh_programme().model_copy(update=update)


def national(**update: Any) -> Programme:
    return datasets.national_programme().model_copy(update=update)


def only(findings: Sequence[Finding], code: str) -> Finding:
    """The single finding with ``code``, failing if there is not exactly one."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


# --- a small, clean organisation register -------------------------------------------------


def unit(code: str, kind: str, parent: str | None = None, **extra: Any) -> AdministrativeUnit:
    data = {"code": code, "name_vi": f"Đơn vị {code}", "kind": kind, "parent": parent, **extra}
    return AdministrativeUnit.model_validate(data)


def link(code: str, event: str = "merged", day: str = "2025-07-01") -> dict[str, str]:
    return {"unit": code, "event": event, "effective_on": day}


def tenure(official: str, post: str, start: str, end: str | None = None) -> Tenure:
    return Tenure.model_validate({"official": official, "post": post, "start": start, "end": end})


UNITS = (
    unit("vn", "country"),
    unit("ht", "province", "vn"),
    unit("hs", "rural_district", "ht", valid_to="2025-07-01"),
    unit("sn", "commune", "ht", predecessors=[link("hs", "dissolved")]),
)
AGENCIES = (
    Agency.model_validate(
        {
            "code": "ubnd-ht",
            "name_vi": "UBND tỉnh Hà Tĩnh",
            "kind": "peoples_committee",
            "unit": "ht",
        }
    ),
    Agency.model_validate(
        {
            "code": "so-nv",
            "name_vi": "Sở Nội vụ",
            "kind": "department",
            "unit": "ht",
            "parent": "ubnd-ht",
        }
    ),
)
OFFICIALS = tuple(
    Official.model_validate({"id": i, "full_name": name})
    for i, name in (("o1", "Nguyễn Văn A"), ("o2", "Trần Thị B"), ("o3", "Lê Văn C"))
)
POSTS = (
    Post.model_validate(
        {"code": "ct", "agency": "ubnd-ht", "title_vi": "Chủ tịch UBND tỉnh", "is_head": True}
    ),
    Post.model_validate({"code": "gd", "agency": "so-nv", "title_vi": "Giám đốc Sở Nội vụ"}),
)
TENURES = (
    tenure("o1", "ct", "2016-04-01", "2021-07-01"),
    tenure("o2", "ct", "2021-07-01"),
    tenure("o3", "gd", "2020-01-01"),
)
REGISTER = Organisation(
    code="ha-tinh-register",
    units=UNITS,
    agencies=AGENCIES,
    officials=OFFICIALS,
    posts=POSTS,
    tenures=TENURES,
)


def register(**update: Any) -> Organisation:
    return REGISTER.model_copy(update=update)


def test_the_fixtures_check_clean() -> None:
    assert check(REGISTER) == ()
    assert check(huong_son()) == ()
    assert check(national()) == ()


def test_the_built_in_cascade_checks_clean() -> None:
    chain = datasets.cascade(datasets.huong_son_programme())
    assert [p.instrument.symbol for p in chain] == ["6734/QĐ-UBND", "3504/QĐ-UBND", "76/NQ-CP"]
    assert check(*chain) == ()
    assert check(*datasets.programmes()) == ()
    assert check(*chain, strict=True) == ()


# --- code.duplicate -----------------------------------------------------------------------


def _with_second(items: Sequence[Any], **update: Any) -> tuple[Any, ...]:
    return (items[0], items[1].model_copy(update=update), *items[2:])


def _dup_phases() -> Programme:
    phases = huong_son().phases
    return huong_son(phases=_with_second(phases, code=phases[0].code))


def _dup_objectives() -> Programme:
    first = huong_son().objectives[0]
    return huong_son(objectives=(first, first.model_copy(update={"text_vi": "Mục tiêu khác"})))


def _dup_principles() -> Programme:
    principles = huong_son().principles
    return huong_son(principles=_with_second(principles, code=principles[0].code))


def _dup_solution_groups() -> Programme:
    groups = huong_son().solution_groups
    return huong_son(solution_groups=_with_second(groups, number=groups[0].number))


def _dup_targets() -> Programme:
    targets = national().targets
    return national(targets=_with_second(targets, code=targets[0].code))


def _dup_related() -> Programme:
    related = national().related_instruments
    return national(related_instruments=_with_second(related, symbol=related[0].symbol))


def _appended(items: Sequence[Any], **update: Any) -> tuple[Any, ...]:
    return (*items, items[0].model_copy(update=update))


def _dup_units() -> Organisation:
    return register(units=_appended(UNITS, name_vi="Việt Nam"))


def _dup_agencies() -> Organisation:
    return register(agencies=_appended(AGENCIES, name_vi="Văn phòng UBND tỉnh"))


def _dup_officials() -> Organisation:
    return register(officials=_appended(OFFICIALS, full_name="Nguyễn Văn Á"))


def _dup_posts() -> Organisation:
    return register(posts=_appended(POSTS, title_vi="Chủ tịch"))


DUPLICATES: list[tuple[Callable[[], Document], str, tuple[str, int, str], object]] = [
    (_dup_phases, HS, ("phases", 1, "code"), "2021-2025"),
    (_dup_objectives, HS, ("objectives", 1, "code"), "general"),
    (_dup_principles, HS, ("principles", 1, "code"), "central-task"),
    (_dup_solution_groups, HS, ("solution_groups", 1, "number"), 1),
    (_dup_targets, NAT, ("targets", 1, "code"), "business-regulations-2025"),
    (_dup_related, NAT, ("related_instruments", 1, "symbol"), "23/CT-TTg"),
    (_dup_units, ORG, ("units", 4, "code"), "vn"),
    (_dup_agencies, ORG, ("agencies", 2, "code"), "ubnd-ht"),
    (_dup_officials, ORG, ("officials", 3, "id"), "o1"),
    (_dup_posts, ORG, ("posts", 2, "code"), "ct"),
]


@pytest.mark.parametrize(
    ("build", "document", "path", "value"),
    DUPLICATES,
    ids=[d[2][0] for d in DUPLICATES],
)
def test_duplicate_codes(
    build: Callable[[], Document], document: str, path: tuple[str, int, str], value: object
) -> None:
    findings = check(build())
    assert [f.code for f in findings] == ["code.duplicate"]
    (finding,) = findings
    assert finding.severity == "error"
    assert finding.document == document
    assert finding.path == path
    assert repr(value) in finding.message
    assert "2 times" in finding.message


def test_a_value_appearing_three_times_is_reported_at_each_repeat() -> None:
    first = huong_son().objectives[0]
    copies = tuple(first.model_copy(update={"text_vi": f"Bản {i}"}) for i in range(3))
    findings = check(huong_son(objectives=copies))
    assert [f.path for f in findings] == [("objectives", 1, "code"), ("objectives", 2, "code")]
    assert all("3 times" in f.message for f in findings)


# --- reference.dangling -------------------------------------------------------------------

UNKNOWN_SYMBOL = "999/QĐ-UBND"


@pytest.mark.parametrize("field", ["objectives", "principles", "solution_groups", "targets"])
def test_dangling_source(field: str) -> None:
    base = national() if field == "targets" else huong_son()
    items = getattr(base, field)
    changed = (items[0].model_copy(update={"source": UNKNOWN_SYMBOL}), *items[1:])
    findings = check(base.model_copy(update={field: changed}))
    finding = only(findings, "reference.dangling")
    assert len(findings) == 1
    assert finding.severity == "error"
    assert finding.path == (field, 0, "source")
    assert repr(UNKNOWN_SYMBOL) in finding.message


def test_a_source_among_the_related_instruments_is_known() -> None:
    targets = national().targets
    related = national().related_instruments[0].symbol
    changed = (targets[0].model_copy(update={"source": related}), *targets[1:])
    assert check(national(targets=changed)) == ()


def test_unresolved_parent_programme() -> None:
    # A parent missing from the programmes checked together is a warning, not an error.
    findings = check(huong_son(), national())
    assert len(findings) == 1
    finding = only(findings, "reference.unresolved")
    assert finding.severity == "warning"
    assert finding.document == HS
    assert finding.path == ("parent",)
    assert "'ha-tinh-2021-2030'" in finding.message


def test_a_lone_programme_parent_is_not_reported() -> None:
    # Documented: the parent is looked up among the programmes given; alone, it cannot be.
    assert check(huong_son()) == ()


def _org_dangling_cases() -> list[tuple[str, Organisation, tuple[str | int, ...], str]]:
    old_link = UNITS[3].predecessors[0].model_copy(update={"unit": "gone"})
    relinked = UNITS[3].model_copy(update={"predecessors": (old_link,)})
    orphan_link = unit("ky", "commune", "ht", successors=[link("nowhere")])
    return [
        (
            "unit-parent",
            register(units=_with_second(UNITS, parent="xx")),
            ("units", 1, "parent"),
            "xx",
        ),
        (
            "lineage-predecessor",
            register(units=(*UNITS[:3], relinked)),
            ("units", 3, "predecessors", 0, "unit"),
            "gone",
        ),
        (
            "lineage-successor",
            register(units=(*UNITS, orphan_link)),
            ("units", 4, "successors", 0, "unit"),
            "nowhere",
        ),
        (
            "agency-unit",
            register(agencies=_with_second(AGENCIES, unit="qb")),
            ("agencies", 1, "unit"),
            "qb",
        ),
        (
            "agency-parent",
            register(agencies=_with_second(AGENCIES, parent="ubnd-qb")),
            ("agencies", 1, "parent"),
            "ubnd-qb",
        ),
        (
            "post-agency",
            register(posts=_with_second(POSTS, agency="so-tc")),
            ("posts", 1, "agency"),
            "so-tc",
        ),
        (
            "tenure-official",
            register(tenures=(*TENURES[:2], tenure("o9", "gd", "2020-01-01"))),
            ("tenures", 2, "official"),
            "o9",
        ),
        (
            "tenure-post",
            register(tenures=(*TENURES[:2], tenure("o3", "pgd", "2020-01-01"))),
            ("tenures", 2, "post"),
            "pgd",
        ),
    ]


ORG_DANGLING = _org_dangling_cases()


@pytest.mark.parametrize(
    ("document", "path", "value"),
    [case[1:] for case in ORG_DANGLING],
    ids=[case[0] for case in ORG_DANGLING],
)
def test_dangling_references_in_a_register(
    document: Organisation, path: tuple[str | int, ...], value: str
) -> None:
    findings = check(document)
    assert len(findings) == 1, findings
    finding = only(findings, "reference.dangling")
    assert finding.severity == "error"
    assert finding.document == ORG
    assert finding.path == path
    assert repr(value) in finding.message


# --- programme periods -------------------------------------------------------------------


@pytest.mark.parametrize("year", [2031, 2010])
def test_target_outside_period(year: int) -> None:
    targets = national().targets
    changed = (targets[0].model_copy(update={"by_year": year, "baseline_year": None}), *targets[1:])
    findings = check(national(targets=changed))
    assert len(findings) == 1
    finding = only(findings, "target.outside-period")
    assert finding.severity == "warning"
    assert finding.path == ("targets", 0, "by_year")
    assert str(year) in finding.message
    assert "2021-2030" in finding.message


@pytest.mark.parametrize("year", [2021, 2030])
def test_target_years_inside_the_period(year: int) -> None:
    targets = national().targets
    changed = (targets[0].model_copy(update={"by_year": year, "baseline_year": None}), *targets[1:])
    assert check(national(targets=changed)) == ()


def test_programme_issued_after_its_first_year() -> None:
    findings = check(huong_son(start_year=2020))
    assert len(findings) == 1
    finding = only(findings, "programme.issued-late")
    assert finding.severity == "warning"
    assert finding.path == ("instrument", "issued_on")
    assert "2021" in finding.message
    assert "2020" in finding.message


def test_phase_outside_period() -> None:
    phases = huong_son().phases
    findings = check(huong_son(phases=_with_second(phases, end_year=2031)))
    assert len(findings) == 1
    finding = only(findings, "phase.outside-period")
    assert finding.severity == "error"
    assert finding.path == ("phases", 1)
    assert "2026-2031" in finding.message
    assert "2021-2030" in finding.message


def test_phase_starting_before_the_programme() -> None:
    phases = huong_son().phases
    changed = (phases[0].model_copy(update={"start_year": 2019}), phases[1])
    finding = only(check(huong_son(phases=changed)), "phase.outside-period")
    assert finding.path == ("phases", 0)
    assert "2019-2025" in finding.message


def test_phase_overlap() -> None:
    phases = huong_son().phases
    findings = check(huong_son(phases=_with_second(phases, start_year=2025)))
    assert len(findings) == 1
    finding = only(findings, "phase.overlap")
    assert finding.severity == "error"
    assert finding.path == ("phases", 1)
    assert "2025-2030" in finding.message
    assert "2021-2025" in finding.message


def test_phase_overlap_is_found_whatever_the_listed_order() -> None:
    phases = huong_son().phases
    changed = (phases[1].model_copy(update={"start_year": 2025}), phases[0])
    finding = only(check(huong_son(phases=changed)), "phase.overlap")
    assert finding.path == ("phases", 0)


def _phase(code: str, start: int, end: int) -> Phase:
    return Phase(code=code, start_year=start, end_year=end)


def test_phase_overlap_with_a_non_adjacent_phase() -> None:
    # The long phase overlaps both later ones; the middle one does not overlap the third.
    phases = (_phase("all", 2021, 2030), _phase("early", 2022, 2023), _phase("late", 2024, 2025))
    findings = check(huong_son(phases=phases))
    assert [f.code for f in findings] == ["phase.overlap", "phase.overlap"]
    assert [f.path for f in findings] == [("phases", 1), ("phases", 2)]
    assert "phase late (2024-2025) overlaps phase all (2021-2030)" in findings[1].message


# --- programme parents --------------------------------------------------------------------


def test_programme_outside_parent() -> None:
    findings = check(huong_son(end_year=2031), ha_tinh(), national())
    assert len(findings) == 1
    finding = only(findings, "programme.outside-parent")
    assert finding.severity == "error"
    assert finding.document == HS
    assert finding.path == ("end_year",)
    assert "2021-2031" in finding.message
    assert "2021-2030" in finding.message


def test_programme_parent_level() -> None:
    findings = check(huong_son(level=AdministrativeLevel.PROVINCE), ha_tinh(), national())
    assert len(findings) == 1
    finding = only(findings, "programme.parent-level")
    assert finding.severity == "error"
    assert finding.document == HS
    assert finding.path == ("parent",)
    assert "a province programme cannot implement a province one" in finding.message


def test_a_programme_may_skip_a_level() -> None:
    commune = huong_son(level=AdministrativeLevel.COMMUNE)
    assert check(commune, ha_tinh(), national()) == ()


def test_parent_instrument_mismatch() -> None:
    findings = check(huong_son(parent_instrument="76/NQ-CP"), ha_tinh(), national())
    assert len(findings) == 1
    finding = only(findings, "reference.mismatch")
    assert finding.severity == "error"
    assert finding.document == HS
    assert finding.path == ("parent_instrument",)
    assert "'76/NQ-CP'" in finding.message
    assert "'3504/QĐ-UBND'" in finding.message


def test_programme_cycle() -> None:
    looped = national(parent="huong-son-2021-2030")
    findings = check(huong_son(), ha_tinh(), looped)
    cycles = [f for f in findings if f.code == "programme.cycle"]
    assert [f.document for f in cycles] == [HS, HT, NAT]
    assert all(f.severity == "error" and f.path == ("parent",) for f in cycles)
    assert all("cycle through" in f.message for f in cycles)
    assert "'huong-son-2021-2030'" in cycles[0].message
    # A central programme implementing a district one is wrong on its own, too.
    assert only(findings, "programme.parent-level").document == NAT


# --- units --------------------------------------------------------------------------------


@pytest.mark.parametrize("valid_to", [None, dt.date(2025, 7, 2)])
def test_unit_of_an_ended_level(valid_to: dt.date | None) -> None:
    units = (*UNITS[:2], UNITS[2].model_copy(update={"valid_to": valid_to}), UNITS[3])
    findings = check(register(units=units))
    assert len(findings) == 1
    finding = only(findings, "unit.level-ended")
    assert finding.severity == "warning"
    assert finding.path == ("units", 2, "valid_to")
    assert "district" in finding.message
    assert "2025-07-01" in finding.message


def test_lineage_cycle_through_successors() -> None:
    units = (
        *UNITS,
        unit("ky", "commune", "ht", successors=[link("kt")]),
        unit("kt", "commune", "ht", successors=[link("ky")]),
    )
    findings = check(register(units=units))
    assert len(findings) == 1
    finding = only(findings, "lineage.cycle")
    assert finding.severity == "error"
    assert finding.path == ("units", 4)
    assert finding.message.endswith("through 'kt', 'ky'")


def test_lineage_cycle_through_predecessors() -> None:
    # ky came from kt and kt came from ky.
    units = (
        *UNITS,
        unit("ky", "commune", "ht", predecessors=[link("kt")]),
        unit("kt", "commune", "ht", predecessors=[link("ky")]),
    )
    finding = only(check(register(units=units)), "lineage.cycle")
    assert finding.path == ("units", 4)
    assert "'ky'" in finding.message


def test_consistent_links_both_ways_are_not_a_cycle() -> None:
    units = (
        *UNITS,
        unit("ky", "commune", "ht", successors=[link("kt")]),
        unit("kt", "commune", "ht", predecessors=[link("ky")]),
    )
    assert check(register(units=units)) == ()


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (1, 2, 0), (2, 1, 0)])
def test_lineage_cycle_is_reported_once_at_its_first_member(order: tuple[int, ...]) -> None:
    members = (
        unit("a", "commune", successors=[link("b")]),
        unit("b", "commune", successors=[link("a")]),
        unit("c", "commune", successors=[link("a")]),  # leads into the cycle, is not on it
    )
    units = tuple(members[i] for i in order)
    findings = check(Organisation(code="o", units=units))
    assert len(findings) == 1
    finding = only(findings, "lineage.cycle")
    first_member = next(i for i, u in enumerate(units) if u.code in ("a", "b"))
    assert finding.path == ("units", first_member)
    assert finding.message.endswith("'a', 'b'")


def test_unit_parent_cycle() -> None:
    units = (UNITS[0], UNITS[1].model_copy(update={"parent": "hs"}), *UNITS[2:])
    findings = check(register(units=units))
    assert len(findings) == 1
    finding = only(findings, "unit.parent-cycle")
    assert finding.severity == "error"
    assert finding.path == ("units", 1, "parent")
    assert "ht -> hs -> ht" in finding.message


def test_a_unit_below_a_parent_cycle_is_not_itself_reported() -> None:
    units = (UNITS[0], UNITS[1].model_copy(update={"parent": "sn"}), *UNITS[2:])
    findings = check(register(units=units))
    # ht -> sn -> ht is the cycle; hs merely hangs below it.
    assert [f.code for f in findings] == ["unit.parent-cycle"]
    assert "ht -> sn -> ht" in findings[0].message


# --- tenures ------------------------------------------------------------------------------


def test_tenure_overlap() -> None:
    tenures = (tenure("o1", "ct", "2016-04-01", "2021-08-01"), tenure("o2", "ct", "2021-07-01"))
    findings = check(register(tenures=tenures))
    assert len(findings) == 1
    finding = only(findings, "tenure.overlap")
    assert finding.severity == "error"
    assert finding.path == ("tenures", 1)
    assert "o2 starts in post ct on 2021-07-01" in finding.message
    assert "o1 holds it from 2016-04-01 until 2021-08-01" in finding.message


def test_tenure_overlap_with_an_open_ended_tenure() -> None:
    tenures = (tenure("o2", "ct", "2021-07-01"), tenure("o1", "ct", "2016-04-01"))
    finding = only(check(register(tenures=tenures)), "tenure.overlap")
    assert finding.path == ("tenures", 0)
    assert "o2 starts in post ct on 2021-07-01" in finding.message
    assert "with no end date" in finding.message


def test_tenure_overlap_with_a_non_adjacent_tenure() -> None:
    # The long tenure overlaps both later ones; the middle one does not overlap the third.
    tenures = (
        tenure("o1", "ct", "2010-01-01", "2020-01-01"),
        tenure("o2", "ct", "2011-01-01", "2012-01-01"),
        tenure("o3", "ct", "2013-01-01", "2014-01-01"),
    )
    findings = check(register(tenures=tenures))
    assert [f.code for f in findings] == ["tenure.overlap", "tenure.overlap"]
    assert [f.path for f in findings] == [("tenures", 1), ("tenures", 2)]
    assert "o2 starts" in findings[0].message
    assert "o3 starts" in findings[1].message
    assert all("o1 holds it from 2010-01-01 until 2020-01-01" in f.message for f in findings)


def test_tenures_that_only_touch_or_hold_other_posts_do_not_overlap() -> None:
    tenures = (
        tenure("o1", "ct", "2016-04-01", "2021-07-01"),
        tenure("o2", "ct", "2021-07-01", "2026-01-01"),
        tenure("o1", "gd", "2016-04-01"),
    )
    assert check(register(tenures=tenures)) == ()


# --- strict, ordering, Finding ------------------------------------------------------------


def _error_and_warning() -> Programme:
    phases = huong_son().phases
    return huong_son(start_year=2020, phases=_with_second(phases, start_year=2025))


def test_strict_raises_check_error_with_only_the_errors() -> None:
    document = _error_and_warning()
    assert {f.severity for f in check(document)} == {"error", "warning"}
    with pytest.raises(CheckError) as caught:
        check(document, strict=True)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, CchcError)
    assert [f.code for f in error.findings] == ["phase.overlap"]
    assert all(f.severity == "error" for f in error.findings)
    message = str(error)
    assert "1 finding(s)" in message
    assert str(error.findings[0]) in message
    assert "issued-late" not in message


def test_strict_with_warnings_only_returns_them() -> None:
    findings = check(huong_son(start_year=2020), strict=True)
    assert [f.code for f in findings] == ["programme.issued-late"]


def test_findings_come_in_document_order() -> None:
    findings = check(national(), _dup_phases(), _dup_units(), ha_tinh())
    assert [f.document for f in findings] == [HS, ORG]


def test_finding_str_and_as_dict() -> None:
    finding = only(check(_error_and_warning()), "phase.overlap")
    text = str(finding)
    assert text.startswith(f"error: {HS} phases[1]: ")
    assert text.endswith(" [phase.overlap]")
    assert finding.message in text
    data = finding.as_dict()
    assert data == {
        "code": "phase.overlap",
        "severity": "error",
        "path": ["phases", 1],
        "message": finding.message,
        "document": HS,
    }
    assert json.loads(json.dumps(data)) == data


def test_finding_str_without_document_or_path() -> None:
    bare = Finding("x.y", "warning", ("targets", 2, "value"), "too high")
    assert str(bare) == "warning: targets[2].value: too high [x.y]"
    root = Finding("x.z", "error", (), "broken", document="programme:p")
    assert str(root) == "error: programme:p <root>: broken [x.z]"
    assert root.as_dict()["path"] == []


def test_documents_without_cross_record_rules_check_clean() -> None:
    lone: list[Document] = [
        datasets.national_programme().instrument,
        UNITS[2].model_copy(update={"valid_to": None}),
        AGENCIES[1],
        OFFICIALS[0],
        POSTS[0],
        TENURES[0],
    ]
    assert check(*lone) == ()


def test_programmes_sharing_a_code() -> None:
    findings = check(huong_son(), ha_tinh(), national(), huong_son(title_vi="Bản khác"))
    assert len(findings) == 1
    finding = only(findings, "code.duplicate")
    assert finding.severity == "error"
    assert finding.document == HS
    assert finding.path == ("code",)
    assert "2 programmes share the code 'huong-son-2021-2030'" in finding.message


def test_an_ambiguous_parent_is_not_resolved() -> None:
    findings = check(huong_son(), ha_tinh(), ha_tinh(start_year=2022))
    assert [f.code for f in findings] == ["code.duplicate"]


def test_programmes_sharing_a_code_do_not_make_findings_order_dependent() -> None:
    docs = [huong_son(), ha_tinh(), national(), national(start_year=2022)]
    forward = Counter(check(*docs))
    assert Counter(check(*reversed(docs))) == forward
    assert [f.code for f in forward] == ["code.duplicate"]


# --- properties ---------------------------------------------------------------------------


@given(programmes())
def test_drawn_programmes_have_no_errors(programme: Programme) -> None:
    errors = [f for f in check(programme) if f.severity == "error"]
    assert errors == []
    assert check(programme, strict=True) == check(programme)


@given(organisations())
def test_drawn_organisations_have_no_errors(organisation: Organisation) -> None:
    errors = [f for f in check(organisation) if f.severity == "error"]
    assert errors == []


@st.composite
def messy_documents(draw: st.DrawFn) -> list[Document]:
    """Programmes, some linked (rightly or wrongly) to each other or sharing a code, and registers.

    Many carry findings: bad parents, levels, cycles, duplicate codes, overlapping tenures.
    """
    drawn = draw(st.lists(programmes(), min_size=1, max_size=4, unique_by=lambda p: p.code))
    if draw(st.booleans()):
        # A second, different programme under the same code.
        drawn.append(drawn[0].model_copy(update={"end_year": drawn[0].end_year + 1}))
    codes = sorted({p.code for p in drawn})
    documents: list[Document] = []
    for programme in drawn:
        others = [c for c in codes if c != programme.code] + ["missing-parent"]
        parent = draw(st.none() | st.sampled_from(others))
        documents.append(programme.model_copy(update={"parent": parent}))
    for organisation in draw(st.lists(organisations(max_units=4), max_size=2)):
        tenures = organisation.tenures
        twice: bool = draw(st.booleans())
        if tenures and twice:
            tenures = (*tenures, tenures[0])  # the same tenure twice overlaps itself
        documents.append(organisation.model_copy(update={"tenures": tenures}))
    return documents


@given(messy_documents(), st.randoms(use_true_random=False))
def test_check_is_deterministic_and_ignores_document_order(
    documents: list[Document], rnd: random.Random
) -> None:
    first = check(*documents)
    assert check(*documents) == first
    shuffled = list(documents)
    rnd.shuffle(shuffled)
    assert Counter(check(*shuffled)) == Counter(first)


def test_programme_starting_before_its_parent_points_at_start_year() -> None:
    findings = check(huong_son(start_year=2020), ha_tinh(), national())
    finding = only(findings, "programme.outside-parent")
    assert finding.path == ("start_year",)


def test_check_each_keeps_findings_apart_by_position() -> None:
    from cchc.checks import check_each

    programme = huong_son()
    bad = huong_son(end_year=2031)
    per_document = check_each(bad, programme)
    assert [f.code for f in per_document[0]] == []
    assert [f.code for f in per_document[1]] == ["code.duplicate"]
    assert sum(per_document, ()) == check(bad, programme)
