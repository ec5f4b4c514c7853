"""Cross-record checks (cchc.checks): clean fixtures, duplicate codes, dangling references."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from _checks_helpers import (
    AGENCIES,
    HS,
    NAT,
    OFFICIALS,
    ORG,
    POSTS,
    REGISTER,
    TENURES,
    UNITS,
    _appended,
    _dup_phases,
    _dup_units,
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
from cchc import Document, Organisation, Programme, check, datasets


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


# --- programmes sharing a code ------------------------------------------------------------


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
