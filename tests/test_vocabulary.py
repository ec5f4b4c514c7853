"""Vocabulary enums: stable values, bilingual labels, derived facts."""

from __future__ import annotations

import datetime as dt

import pytest

import cchc
from cchc.vocabulary import LabelledEnum

ENUMS: list[type[LabelledEnum]] = [
    cchc.ReformArea,
    cchc.AdministrativeLevel,
    cchc.UnitKind,
    cchc.InstrumentKind,
    cchc.RatingLevel,
    cchc.AgencyKind,
    cchc.LineageEvent,
    cchc.Comparator,
]


@pytest.mark.parametrize("enum", ENUMS)
def test_every_member_has_two_distinct_nonempty_labels(enum: type[LabelledEnum]) -> None:
    for member in enum:
        assert member.label_vi.strip()
        assert member.label_en.strip()
        assert cchc.label(member) == member.label_vi == member.label("vi")
        assert cchc.label(member, lang="en") == member.label_en
        assert enum(member.value) is member
    assert len({m.label_vi for m in enum}) == len(enum)
    assert len({m.label_en for m in enum}) == len(enum)


def test_reform_areas() -> None:
    contents = [a for a in cchc.ReformArea if a.is_reform_content]
    assert len(contents) == 6
    assert len(cchc.ReformArea) == 8
    assert cchc.label(cchc.ReformArea.INSTITUTIONS) == "Cải cách thể chế"


def test_district_level_ended_on_1_july_2025() -> None:
    district = cchc.AdministrativeLevel.DISTRICT
    assert district.ended_on == dt.date(2025, 7, 1)
    assert district.exists_on(dt.date(2025, 6, 30))
    assert not district.exists_on(dt.date(2025, 7, 1))
    assert cchc.AdministrativeLevel.COMMUNE.exists_on(dt.date(2030, 1, 1))


@pytest.mark.parametrize(
    ("kind", "vi", "level"),
    [
        (cchc.UnitKind.PROVINCE, "Tỉnh", "province"),
        (cchc.UnitKind.CENTRAL_CITY, "Thành phố trực thuộc trung ương", "province"),
        (cchc.UnitKind.RURAL_DISTRICT, "Huyện", "district"),
        (cchc.UnitKind.DISTRICT_TOWN, "Thị xã", "district"),
        (cchc.UnitKind.PROVINCIAL_CITY, "Thành phố thuộc tỉnh", "district"),
        (cchc.UnitKind.URBAN_DISTRICT, "Quận", "district"),
        (cchc.UnitKind.COMMUNE, "Xã", "commune"),
        (cchc.UnitKind.WARD, "Phường", "commune"),
        (cchc.UnitKind.TOWNSHIP, "Thị trấn", "commune"),
        (cchc.UnitKind.SPECIAL_ZONE, "Đặc khu", "commune"),
    ],
)
def test_unit_kinds(kind: cchc.UnitKind, vi: str, level: str) -> None:
    assert kind.label_vi == vi
    assert kind.level.value == level


@pytest.mark.parametrize(
    ("kind", "vi", "marker"),
    [
        (cchc.InstrumentKind.LAW, "Luật", None),
        (cchc.InstrumentKind.RESOLUTION, "Nghị quyết", "NQ"),
        (cchc.InstrumentKind.DECREE, "Nghị định", "NĐ"),
        (cchc.InstrumentKind.DECISION, "Quyết định", "QĐ"),
        (cchc.InstrumentKind.DIRECTIVE, "Chỉ thị", "CT"),
        (cchc.InstrumentKind.CIRCULAR, "Thông tư", "TT"),
        (cchc.InstrumentKind.PLAN, "Kế hoạch", "KH"),
        (cchc.InstrumentKind.OFFICIAL_LETTER, "Công văn", None),
        (cchc.InstrumentKind.CONSOLIDATED_TEXT, "Văn bản hợp nhất", "VBHN"),
    ],
)
def test_instrument_kinds(kind: cchc.InstrumentKind, vi: str, marker: str | None) -> None:
    assert kind.label_vi == vi
    assert kind.abbreviation == marker


def test_rating_levels_order_by_merit() -> None:
    r = cchc.RatingLevel
    assert sorted([r.HT, r.KHT, r.HTXS, r.HTT]) == [r.KHT, r.HT, r.HTT, r.HTXS]
    assert r.HTXS > r.HTT > r.HT > r.KHT
    assert r.HT >= r.HT
    assert r.HT <= r.HTT
    assert r.HTXS.label_vi == "Hoàn thành xuất sắc nhiệm vụ"
    assert r.KHT.label_vi == "Không hoàn thành nhiệm vụ"


def test_comparators() -> None:
    c = cchc.Comparator
    assert c.AT_LEAST.holds(80, 80)
    assert not c.AT_LEAST.holds(79.9, 80)
    assert c.AT_MOST.holds(30, 30)
    assert not c.AT_MOST.holds(31, 30)
    assert c.EQUAL.holds(1, 1)
    assert not c.EQUAL.holds(1, 2)


def test_label_refuses_unknown_language_and_unlabelled_values() -> None:
    with pytest.raises(ValueError, match="'vi' or 'en'"):
        cchc.label(cchc.ReformArea.IMPACT, "fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no Vietnamese/English labels"):
        cchc.label(42)  # type: ignore[arg-type]
