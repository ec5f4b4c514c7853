"""Cross-record checks (cchc.checks): programme periods and parents, units, tenures."""

from __future__ import annotations

import datetime as dt

import pytest

from _checks_helpers import (
    HS,
    HT,
    NAT,
    UNITS,
    _with_second,
    ha_tinh,
    huong_son,
    link,
    national,
    only,
    register,
    tenure,
    unit,
)
from cchc import Organisation, Phase, check
from cchc.vocabulary import AdministrativeLevel

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


def test_programme_starting_before_its_parent_points_at_start_year() -> None:
    findings = check(huong_son(start_year=2020), ha_tinh(), national())
    finding = only(findings, "programme.outside-parent")
    assert finding.path == ("start_year",)


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
