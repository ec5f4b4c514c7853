"""Accountability: attribution of a unit's year to its heads by tenure, and successor series."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from fractions import Fraction

import pytest

from _accountability_helpers import register
from cchc.accountability import (
    AccountabilityError,
    MeanOfPredecessors,
    NamedPredecessor,
    UnitResult,
    WeightedPredecessors,
    accountable_agency,
    attribute,
    attribute_year,
    days_worked,
    successor_series,
)
from cchc.documents import Organisation

# --- attribution -----------------------------------------------------------------------


def test_change_of_head_with_acting_and_vacancy() -> None:
    org = register(
        ("x", "a-ct", "2020-01-01", "2024-03-01"),
        ("y-acting", "a-ct", "2024-03-15", "2024-05-01"),
        ("z", "a-ct", "2024-05-01", None),
    )
    result = attribute_year(org, "a-ubnd", 2024)
    assert [(s.official, s.days) for s in result.shares] == [
        ("x", 60), ("y-acting", 47), ("z", 245), (None, 14)]  # fmt: skip
    assert sum(s.share for s in result.shares) == 1
    assert result.vacancy is not None
    assert result.vacancy.share == Fraction(14, 366)
    assert result.shares[1].acting_days == 47
    assert result.share_of("z") == Fraction(245, 366)
    assert result.share_of("nobody") == 0
    assert result.records()[0]["percent"] == D("16.39")


def test_the_day_a_head_leaves_belongs_to_the_next() -> None:
    org = register(("x", "a-ct", "2024-01-01", "2024-07-01"), ("y", "a-ct", "2024-07-01", None))
    shares = attribute(org, "a-ubnd", dt.date(2024, 6, 30), dt.date(2024, 7, 2)).shares
    assert [(s.official, s.days) for s in shares] == [("x", 1), ("y", 1)]


def test_one_official_twice_is_one_share_with_its_segments() -> None:
    org = register(("x-acting", "a-ct", "2024-01-01", "2024-02-01"),
                   ("x-acting", "a-ct", "2024-02-01", None))  # fmt: skip
    (share,) = attribute_year(org, "a-ubnd", 2024).shares
    assert share.days == 366
    assert len(share.segments) == 2


def test_dissolved_district_keeps_its_attribution_until_it_ended() -> None:
    org = register(("h", "d-ct", "2021-01-01", "2025-07-01"))
    attribution = attribute_year(org, "d-ubnd", 2025)
    assert (attribution.start, attribution.end) == (dt.date(2025, 1, 1), dt.date(2025, 7, 1))
    assert [(s.official, s.share) for s in attribution.shares] == [("h", Fraction(1))]
    with pytest.raises(AccountabilityError) as raised:
        attribute_year(org, "d-ubnd", 2026)
    assert raised.value.findings[0].code == "period.empty"


def test_days_worked_counts_every_post_once() -> None:
    org = register(("x", "a-pct", "2023-01-01", "2024-10-01"), ("x", "a-ct", "2024-09-01", None))
    assert days_worked(org, "x", dt.date(2024, 1, 1), dt.date(2025, 1, 1)) == 366


def test_accountable_agency_is_resolved_or_refused() -> None:
    org = register()
    assert accountable_agency(org, UnitResult("a", 2024)) == "a-ubnd"
    assert accountable_agency(org, UnitResult("b-ubnd", 2024)) == "b-ubnd"
    with pytest.raises(AccountabilityError, match="no People's Committee"):
        accountable_agency(org, UnitResult("nowhere", 2024))
    with pytest.raises(AccountabilityError, match="no agency has code"):
        accountable_agency(org, UnitResult("a", 2024, agency="zz"))


# --- lineage ---------------------------------------------------------------------------


def merged() -> Organisation:
    return Organisation.model_validate({"code": "m", "units": [
        {"code": "a", "name_vi": "Xã A", "kind": "commune", "valid_to": "2025-07-01",
         "successors": [{"unit": "ab", "event": "merged", "effective_on": "2025-07-01"}]},
        {"code": "b", "name_vi": "Xã B", "kind": "commune", "valid_to": "2025-07-01",
         "successors": [{"unit": "ab", "event": "merged", "effective_on": "2025-07-01"}]},
        {"code": "ab", "name_vi": "Xã AB", "kind": "commune", "valid_from": "2025-07-01"},
    ]})  # fmt: skip


RESULTS = [UnitResult("a", 2023, D(70)), UnitResult("a", 2024, D(80)),
           UnitResult("b", 2024, D(90)), UnitResult("ab", 2026, D(88))]  # fmt: skip


def test_successor_series_names_its_method() -> None:
    org = merged()
    mean = successor_series(org, "ab", RESULTS, method=MeanOfPredecessors())
    assert [(p.year, p.index, p.method, p.missing) for p in mean.points] == [
        (2023, None, "mean-of-predecessors", ("b",)),
        (2024, D("85.00"), "mean-of-predecessors", ()),
        (2026, D(88), None, ()),
    ]
    by_population = WeightedPredecessors({"a": D(3), "b": D(1)}, "population")
    weighted = successor_series(org, "ab", RESULTS, method=by_population)
    assert weighted.points[1].index == D("82.50")
    assert weighted.method == "weighted-by-population"
    named = successor_series(org, "ab", RESULTS, method=NamedPredecessor("a"))
    assert [p.index for p in named.points] == [D("70.00"), D("80.00"), D(88)]
    assert named.records()[0]["derived"] is True
    with pytest.raises(LookupError):
        successor_series(org, "ab", RESULTS, method=NamedPredecessor("zz"))
    with pytest.raises(LookupError):
        successor_series(org, "ab", RESULTS, method=WeightedPredecessors({"a": D(1)}))
