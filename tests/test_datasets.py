"""Known values of the built-in programmes, taken from the instruments they cite."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import cchc
from cchc import AdministrativeLevel, ReformArea, datasets


def test_huong_son_identity() -> None:
    hs = datasets.huong_son_programme()
    assert hs.instrument.symbol == "6734/QĐ-UBND"
    assert hs.instrument.kind is cchc.InstrumentKind.DECISION
    assert hs.instrument.issued_on == dt.date(2021, 11, 28)
    assert hs.issuer_vi == "Ủy ban nhân dân huyện Hương Sơn"
    assert hs.level is AdministrativeLevel.DISTRICT
    assert (hs.start_year, hs.end_year) == (2021, 2030)
    assert [(p.start_year, p.end_year) for p in hs.phases] == [(2021, 2025), (2026, 2030)]
    assert hs.parent == datasets.ha_tinh_programme().code


def test_huong_son_solutions_in_the_seed_order() -> None:
    titles = [g.title_vi for g in datasets.huong_son_programme().solution_groups]
    assert titles == [
        "Tăng cường công tác chỉ đạo, điều hành",
        "Đẩy mạnh thông tin, tuyên truyền",
        "Bố trí đủ nguồn tài chính và nhân lực",
        "Tăng cường kỷ luật, kỷ cương hành chính",
        "Đổi mới phương pháp theo dõi, đánh giá định kỳ",
        "Đẩy mạnh ứng dụng khoa học và công nghệ",
    ]
    groups = datasets.huong_son_programme().solution_groups
    assert [g.number for g in groups] == [1, 2, 3, 4, 5, 6]
    assert all(g.title_en and g.description_en for g in groups)
    assert all(g.source == "6734/QĐ-UBND" for g in groups)


def test_huong_son_ties_reform_results_to_heads() -> None:
    principles = {p.code: p for p in datasets.huong_son_programme().principles}
    accountability = principles["heads-accountable"]
    assert "người đứng đầu" in accountability.text_vi
    assert "bổ nhiệm lại" in accountability.text_vi
    assert accountability.text_en is not None
    assert "basis for judging" in accountability.text_en
    assert not accountability.quoted  # a summary: the decision's text was not retrieved


def test_ha_tinh_identity_and_article_2() -> None:
    ht = datasets.ha_tinh_programme()
    assert ht.instrument.symbol == "3504/QĐ-UBND"
    assert ht.instrument.issued_on == dt.date(2021, 10, 22)
    assert ht.level is AdministrativeLevel.PROVINCE
    assert ht.parent_instrument == "76/NQ-CP"
    article_2 = {p.code: p for p in ht.principles}["art-2-plans"]
    assert article_2.quoted
    assert "và hàng năm" in article_2.text_vi


def test_national_reform_contents() -> None:
    national = datasets.national_programme()
    assert national.instrument.symbol == "76/NQ-CP"
    assert national.instrument.issued_on == dt.date(2021, 7, 15)
    assert national.instrument.kind is cchc.InstrumentKind.RESOLUTION
    assert national.reform_areas == tuple(a for a in ReformArea if a.is_reform_content)
    assert national.parent is None


@pytest.mark.parametrize(
    ("code", "comparator", "value", "year", "verified"),
    [
        ("business-regulations-2025", ">=", "20", 2025, True),
        ("compliance-costs-2025", ">=", "20", 2025, True),
        ("portal-integration-2025", ">=", "80", 2025, True),
        ("online-payment-2025", ">=", "80", 2025, True),
        ("online-level-3-4-2025", ">=", "80", 2025, True),
        ("online-level-3-4-2030", ">=", "90", 2030, True),
        ("national-databases-2025", ">=", "100", 2025, True),
        ("business-environment-2030", "<=", "30", 2030, True),
        ("satisfaction-2025", ">=", "90", 2025, False),
        ("satisfaction-land-2025", ">=", "85", 2025, False),
        ("satisfaction-2030", ">=", "95", 2030, False),
        ("satisfaction-land-2030", ">=", "90", 2030, False),
        ("public-service-units-2025", ">=", "10", 2025, False),
        ("budget-paid-staff-2025", ">=", "10", 2025, False),
    ],
)
def test_national_targets(
    code: str, comparator: str, value: str, year: int, verified: bool
) -> None:
    targets = {t.code: t for t in datasets.national_programme().targets}
    target = targets[code]
    assert target.comparator.value == comparator
    assert target.value == Decimal(value)
    assert target.by_year == year
    assert target.verified is verified
    assert target.source == "76/NQ-CP"
    if not verified:
        assert target.note  # says why it is not verified


def test_every_fact_cites_a_known_instrument() -> None:
    for programme in datasets.programmes():
        known = programme.instruments
        statements: tuple[
            cchc.Objective | cchc.Principle | cchc.SolutionGroup | cchc.Target, ...
        ] = (
            *programme.objectives,
            *programme.principles,
            *programme.solution_groups,
            *programme.targets,
        )
        assert all(item.source in known for item in statements), programme.code


def test_cascade_walks_up_to_the_nation() -> None:
    chain = datasets.cascade(datasets.huong_son_programme())
    assert [p.level for p in chain] == [
        AdministrativeLevel.DISTRICT,
        AdministrativeLevel.PROVINCE,
        AdministrativeLevel.CENTRAL,
    ]
    assert datasets.cascade(datasets.national_programme()) == (datasets.national_programme(),)
    assert cchc.check(*chain, strict=True) == ()


def test_cascade_names_a_missing_parent() -> None:
    with pytest.raises(cchc.NotFoundError, match="ha-tinh-2021-2030"):
        datasets.cascade(datasets.huong_son_programme(), among=[])


def test_cascade_refuses_a_cycle() -> None:
    national = datasets.national_programme().model_copy(
        update={"parent": datasets.huong_son_programme().code}
    )
    among = [*datasets.programmes()[:2], national]
    with pytest.raises(cchc.CheckError, match="cycle"):
        datasets.cascade(datasets.huong_son_programme(), among=among)


def test_unknown_dataset_lists_the_known_ones() -> None:
    with pytest.raises(cchc.NotFoundError, match="huong-son, ha-tinh, national"):
        datasets.get("nghe-an")


def test_loading_is_cached_and_documents_are_immutable() -> None:
    assert datasets.huong_son_programme() is datasets.huong_son_programme()
    with pytest.raises(ValueError, match="frozen"):
        datasets.huong_son_programme().start_year = 2020  # type: ignore[misc]


def test_solution_group_lookup() -> None:
    hs = datasets.huong_son_programme()
    assert hs.solution_group(6).reform_areas == (ReformArea.DIGITAL_GOVERNMENT,)
    with pytest.raises(cchc.NotFoundError, match="known: 1, 2, 3, 4, 5, 6"):
        hs.solution_group(7)
