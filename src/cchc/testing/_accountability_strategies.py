"""Strategies for policies, performance records, registers of heads and unit results.

Requires hypothesis.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cchc.accountability import UnitResult
from cchc.documents import AdministrativeUnit, Agency, Band, Official, Organisation, Post, Tenure
from cchc.documents.performance import ManagedUnit, PerformanceRecord, Product, TargetTally
from cchc.documents.policy import (
    BandBarRule,
    BandFallRule,
    IndexThreshold,
    IndexThresholdRule,
    LeaderConditionsRule,
    ListedViolation,
    ManagedShare,
    MinimumServiceRule,
    PointsLevel,
    PointsRule,
    PointsWeights,
    Policy,
    PolicyRule,
    QuotaBasis,
    QuotaRule,
    ViolationRule,
)
from cchc.vocabulary import AgencyKind, RatingLevel, UnitKind

__all__ = [
    "BANDS",
    "VIOLATIONS",
    "head_registers",
    "performance_records",
    "policies",
    "policy_rules",
    "products",
    "unit_results",
]

BANDS: tuple[Band, ...] = tuple(
    Band(code=code, label_vi=f"Mức {code}", label_en=f"Level {code}", min_index=Decimal(low))
    for code, low in (("A", 90), ("B", 80), ("C", 70), ("D", 50), ("E", 0))
)
"""The bands results and band rules are drawn with (highest first)."""

VIOLATIONS: tuple[str, ...] = ("discipline", "degradation")
"""Violation codes that drawn violation rules list and drawn records may carry."""

_SYMBOL = "1/QĐ-UBND"
_LEVELS = (RatingLevel.HTXS, RatingLevel.HTT, RatingLevel.HT, RatingLevel.KHT)
_RATES = st.decimals(0, 1, places=2)


def _descending_ratings(draw: st.DrawFn, count: int) -> list[RatingLevel]:
    picks = sorted(draw(st.lists(st.integers(0, 3), min_size=count, max_size=count)))
    return [_LEVELS[i] for i in picks]


@st.composite
def policy_rules(draw: st.DrawFn, *, code: str = "r") -> PolicyRule:
    """One rule of any kind, valid and monotone, citing a made-up symbol. Requires hypothesis."""
    kind = draw(st.integers(0, 7))
    base: dict[str, Any] = {"code": code, "instrument": _SYMBOL}
    if kind == 0:
        bounds = sorted(draw(st.sets(st.integers(1, 99), min_size=1, max_size=3)), reverse=True)
        ratings = _descending_ratings(draw, len(bounds) + 1)
        thresholds = tuple(
            IndexThreshold(min_index=Decimal(b), rating=r, inclusive=draw(st.booleans()))
            for b, r in zip(bounds, ratings, strict=False)
        )
        return IndexThresholdRule(**base, thresholds=thresholds, otherwise=ratings[-1])
    if kind == 1:
        band = draw(st.sampled_from(BANDS)).code
        return BandBarRule(
            **base,
            band=band,
            at_or_below=draw(st.booleans()),
            cap=draw(st.none() | st.sampled_from(_LEVELS)),
        )
    if kind == 2:
        return BandFallRule(**base, steps=draw(st.integers(1, 3)))
    if kind == 3:
        return MinimumServiceRule(**base, months=draw(st.integers(1, 12)))
    if kind == 4:
        managed = tuple(
            ManagedShare(
                at_least=draw(st.sampled_from(_LEVELS)),
                min_share=draw(
                    st.sampled_from([Decimal("0.2"), Decimal("0.5"), Decimal(1)]) | _RATES
                ),
            )
            for _ in range(draw(st.integers(0, 2)))
        )
        return LeaderConditionsRule(
            **base,
            rating=draw(st.sampled_from(_LEVELS[:3])),
            min_targets_met=draw(_RATES),
            min_targets_exceeded=draw(_RATES),
            managed=managed,
        )
    if kind == 5:
        listed = tuple(ListedViolation(code=c, text_vi=f"Vi phạm {c}") for c in VIOLATIONS)
        return ViolationRule(**base, violations=listed, rating=draw(st.sampled_from(_LEVELS)))
    if kind == 6:
        bounds = sorted(draw(st.sets(st.integers(1, 100), min_size=1, max_size=3)), reverse=True)
        ratings = _descending_ratings(draw, len(bounds))
        levels = tuple(
            PointsLevel(rating=r, min_points=Decimal(b))
            for b, r in zip(bounds, ratings, strict=True)
        )
        weights = PointsWeights(
            quantity=draw(st.integers(1, 3)),
            quality=draw(st.integers(0, 3)),
            progress=draw(st.integers(0, 3)),
        )
        return PointsRule(**base, levels=levels, weights=weights)
    bases: list[QuotaBasis] = ["rated", "next-level", "next-level-or-better"]
    basis = draw(st.sampled_from(bases))
    return QuotaRule(
        **base,
        rating=draw(st.sampled_from(_LEVELS[:3])),
        share=draw(st.sampled_from([Decimal("0.2"), Decimal("0.5"), Decimal(1)]) | _RATES),
        basis=basis,
        applies_to=("official",),
    )


@st.composite
def policies(
    draw: st.DrawFn, *, rules: st.SearchStrategy[int] = st.integers(1, 5), code: str = "p"
) -> Policy:
    """Policies of 1–5 drawn rules with distinct codes. Requires hypothesis."""
    count = draw(rules)
    drawn = tuple(draw(policy_rules(code=f"r{i}")) for i in range(count))
    return Policy(code=code, title_vi="Chính sách", instrument=_SYMBOL, rules=drawn)


@st.composite
def products(draw: st.DrawFn, *, code: str = "p") -> Product:
    """A product, completed or not, with errors and delays. Requires hypothesis."""
    return Product(
        code=code,
        weight=draw(st.decimals(Decimal("0.5"), 3, places=1)),
        completed=draw(st.booleans()),
        quality_errors=draw(st.integers(0, 5)),
        delays=draw(st.integers(0, 5)),
    )


@st.composite
def performance_records(
    draw: st.DrawFn,
    *,
    subject: st.SearchStrategy[str] = st.just("o1"),
    year: int = 2024,
    violations: st.SearchStrategy[tuple[str, ...]] = st.just(()),
) -> PerformanceRecord:
    """Records with general points (0–30), 1–6 products, targets, managed units.

    Requires hypothesis.
    """
    assigned = draw(st.integers(0, 12))
    met = draw(st.integers(0, assigned))
    managed = draw(st.none() | st.lists(st.sampled_from(_LEVELS), max_size=4))
    return PerformanceRecord(
        subject=draw(subject),
        year=year,
        general_points=draw(st.decimals(0, 30, places=2)),
        products=tuple(draw(products(code=f"p{i}")) for i in range(draw(st.integers(1, 6)))),
        targets=TargetTally(assigned=assigned, met=met, exceeded=draw(st.integers(0, met))),
        managed_units=None
        if managed is None
        else tuple(ManagedUnit(unit=f"m{i}", rating=r) for i, r in enumerate(managed)),
        violations=draw(violations),
    )


@st.composite
def head_registers(
    draw: st.DrawFn, *, communes: st.SearchStrategy[int] = st.integers(1, 4), year: int = 2024
) -> Organisation:
    """A district with communes, each a People's Committee with one head post.

    Each post has a chain of tenures that never overlap (gaps and acting heads
    drawn), reaching into ``year``; officials are distinct per commune, so nobody
    heads two agencies at once. Requires hypothesis.
    """
    count = draw(communes)
    units = [
        AdministrativeUnit(
            code="d", name_vi="Huyện D", kind=UnitKind.RURAL_DISTRICT, valid_to=dt.date(2025, 7, 1)
        )
    ]
    agencies = [
        Agency(code="d-ubnd", name_vi="UBND huyện D", kind=AgencyKind.PEOPLES_COMMITTEE, unit="d")
    ]
    officials, posts, tenures = [], [], []
    for c in range(count):
        unit = f"x{c}"
        units.append(
            AdministrativeUnit(code=unit, name_vi=f"Xã {c}", kind=UnitKind.COMMUNE, parent="d")
        )
        agencies.append(
            Agency(
                code=f"{unit}-ubnd",
                name_vi=f"UBND xã {c}",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                unit=unit,
                parent="d-ubnd",
            )
        )
        posts.append(
            Post(code=f"{unit}-ct", agency=f"{unit}-ubnd", title_vi="Chủ tịch", is_head=True)
        )
        day = dt.date(year - 1, 1, 1) + dt.timedelta(days=draw(st.integers(0, 500)))
        for t in range(draw(st.integers(1, 4))):
            person = f"{unit}-o{t}"
            officials.append(Official(id=person, full_name=f"Người {c}.{t}"))
            length = draw(st.none() | st.integers(1, 400))
            end = None if length is None else day + dt.timedelta(days=length)
            tenures.append(
                Tenure(
                    official=person,
                    post=f"{unit}-ct",
                    start=day,
                    end=end,
                    acting=draw(st.booleans()),
                )
            )
            if end is None:
                break
            day = end + dt.timedelta(days=draw(st.integers(0, 40)))
    return Organisation(
        code="reg",
        units=tuple(units),
        agencies=tuple(agencies),
        officials=tuple(officials),
        posts=tuple(posts),
        tenures=tuple(tenures),
    )


def _band_of(index: Decimal) -> str:
    return next(b.code for b in BANDS if index >= b.min_index)


@st.composite
def unit_results(
    draw: st.DrawFn, *, unit: str = "x0", year: int = 2024, agency: str | None = None
) -> UnitResult:
    """A unit's result whose band fits its index under :data:`BANDS`. Requires hypothesis."""
    index = draw(st.decimals(0, 100, places=2))
    return UnitResult(
        unit=unit,
        year=year,
        index=index,
        band=_band_of(index),
        rank=draw(st.integers(1, 30)),
        ranked=30,
        band_steps=draw(st.none() | st.integers(-4, 4)),
        task_completion=draw(st.none() | _RATES),
        satisfaction=draw(st.none() | st.floats(0, 100)),
        agency=agency,
    )
