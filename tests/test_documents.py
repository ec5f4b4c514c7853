"""Single-record rules of the documents: what each model refuses, and why it says so."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import cchc
from cchc import (
    AdministrativeUnit,
    Agency,
    InstrumentKind,
    LegalInstrument,
    Programme,
    Target,
    Tenure,
    UnitKind,
)
from cchc.testing.strategies import texts


def _instrument(**changes: Any) -> LegalInstrument:
    data: dict[str, Any] = {
        "symbol": "90/2020/NĐ-CP",
        "kind": "decree",
        "issuer_vi": "Chính phủ",
        "issued_on": "2020-08-13",
        "title_vi": "Về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
    }
    return LegalInstrument.model_validate({**data, **changes})


def test_instrument_symbol_is_canonicalised() -> None:
    assert _instrument(symbol="90 / 2020 / ND-CP").symbol == "90/2020/NĐ-CP"


def test_instrument_kind_must_match_the_symbol() -> None:
    with pytest.raises(ValidationError, match="contradicts the symbol"):
        _instrument(kind="decision")


def test_instrument_year_must_match_the_symbol() -> None:
    with pytest.raises(ValidationError, match="not in 2020"):
        _instrument(issued_on="2021-01-05")


def test_instrument_bad_symbol_names_the_part() -> None:
    with pytest.raises(ValidationError) as caught:
        _instrument(symbol="90/2020/XX-CP")
    assert caught.value.errors()[0]["loc"] == ("symbol",)
    assert "XX" in str(caught.value)


def test_instrument_effective_dates() -> None:
    with pytest.raises(ValidationError, match="before issued_on"):
        _instrument(effective_from="2020-01-01")
    with pytest.raises(ValidationError, match="not after"):
        _instrument(effective_from="2020-10-01", effective_to="2020-10-01")
    decree = _instrument(effective_from="2020-10-01", effective_to="2023-08-01")
    assert decree.in_force_on(dt.date(2022, 1, 1))
    assert not decree.in_force_on(dt.date(2023, 8, 1))
    assert cchc.label(decree, "en").startswith("90/2020/NĐ-CP — ")


def test_official_letters_have_no_kind_marker() -> None:
    letter = LegalInstrument(
        symbol="3759/BNV-CCHC",
        kind=InstrumentKind.OFFICIAL_LETTER,
        issuer_vi="Bộ Nội vụ",
        issued_on=dt.date(2021, 8, 2),
        title_vi="Hướng dẫn",
    )
    assert letter.symbol == "3759/BNV-CCHC"


def test_units_know_their_level_and_existence() -> None:
    district = AdministrativeUnit(
        code="huong-son",
        name_vi="Huyện Hương Sơn",
        kind=UnitKind.RURAL_DISTRICT,
        valid_to=dt.date(2025, 7, 1),
    )
    assert district.level is cchc.AdministrativeLevel.DISTRICT
    assert district.exists_on(dt.date(2025, 6, 30))
    assert not district.exists_on(dt.date(2025, 7, 1))
    with pytest.raises(ValidationError, match="own parent"):
        AdministrativeUnit(code="x", name_vi="X", kind=UnitKind.COMMUNE, parent="x")
    with pytest.raises(ValidationError, match="not after it starts"):
        AdministrativeUnit(
            code="x",
            name_vi="X",
            kind=UnitKind.COMMUNE,
            valid_from=dt.date(2020, 1, 1),
            valid_to=dt.date(2019, 1, 1),
        )


def test_agencies_and_tenures_refuse_reversed_intervals() -> None:
    with pytest.raises(ValidationError, match="agency a"):
        Agency(
            code="a",
            name_vi="UBND",
            kind=cchc.AgencyKind.PEOPLES_COMMITTEE,
            unit="u",
            valid_from=dt.date(2020, 1, 1),
            valid_to=dt.date(2020, 1, 1),
        )
    with pytest.raises(ValidationError, match="tenure of o in p"):
        Tenure(official="o", post="p", start=dt.date(2020, 1, 2), end=dt.date(2020, 1, 1))


def _target(**changes: Any) -> Target:
    data: dict[str, Any] = {
        "code": "t",
        "indicator_vi": "Tỷ lệ",
        "comparator": ">=",
        "value": "80",
        "unit": "%",
        "by_year": 2025,
        "source": "76/NQ-CP",
        "verified": True,
    }
    return Target.model_validate({**data, **changes})


def test_target_baseline_comes_in_pairs() -> None:
    with pytest.raises(ValidationError, match="go together"):
        _target(baseline_value="10")
    with pytest.raises(ValidationError, match="after by_year"):
        _target(baseline_value="10", baseline_year=2026)
    assert _target(baseline_value="10.5", baseline_year=2020).baseline_value == 10.5


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", float("nan"), float("inf")])
def test_target_values_are_finite(value: object) -> None:
    with pytest.raises(ValidationError):
        _target(value=value)


def test_targets_need_an_explicit_verified_flag() -> None:
    data = _target().model_dump()
    del data["verified"]
    with pytest.raises(ValidationError, match="verified"):
        Target.model_validate(data)


@pytest.mark.parametrize("code", ["", " ", "has space", "-lead", "mã", "a" * 65])
def test_codes_are_stable_ascii_identifiers(code: str) -> None:
    with pytest.raises(ValidationError):
        _target(code=code)


def test_extra_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        _target(colour="red")


def test_programme_years() -> None:
    data = cchc.datasets.huong_son_programme().model_dump()
    with pytest.raises(ValidationError, match="before it starts"):
        Programme.model_validate({**data, "end_year": 2020})
    with pytest.raises(ValidationError, match="own parent"):
        Programme.model_validate({**data, "parent": data["code"]})


@given(texts())
def test_every_text_is_nfc_and_trimmed(text: str) -> None:
    decomposed = " " + unicodedata.normalize("NFD", text) + "\t"
    target = _target(indicator_vi=decomposed, scope_vi=decomposed)
    expected = cchc.normalize(text)
    assert target.indicator_vi == target.scope_vi == expected
    assert unicodedata.is_normalized("NFC", target.indicator_vi)


def test_blank_text_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least 1"):
        _target(indicator_vi="   ")


@given(st.from_type(Programme))
def test_documents_are_hashable_and_equal_by_value(programme: Programme) -> None:
    copy = Programme.model_validate(programme.model_dump())
    assert copy == programme
    assert hash(copy) == hash(programme)
