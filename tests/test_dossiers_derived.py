"""Leaves that say ``derived_from: dossier-…`` take their input from a unit's dossier rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from _dossiers_helpers import CAL, PROCEDURES, UNITS, YEAR, catalogue, dossier, table
from cchc import datasets, monitor
from cchc.documents import Framework
from cchc.dossiers import assess_dossiers, dossier_inputs
from cchc.scoring.derived import derived_inputs


def framework(first: str | None, second: str | None, rule: str = "proportional") -> Framework:
    def leaf(code: str, source: str | None, kind: str) -> dict[str, Any]:
        found: dict[str, Any] = {"code": code, "title_vi": code, "max_points": "5",
                                 "rule": {"kind": kind}}  # fmt: skip
        return found | ({"derived_from": source} if source else {})

    return Framework.model_validate({
        "type": "framework", "code": "local", "title_vi": "Bộ chỉ số", "edition": "1/QĐ-UBND",
        "max_points": "10",
        "bands": [{"code": "A", "label_vi": "Tốt", "label_en": "Good", "min_index": "0"}],
        "nodes": [{"code": "2", "title_vi": "Thủ tục", "max_points": "10", "children": [
            leaf("2.1", first, rule), leaf("2.2", second, "proportional"),
        ]}],
    })  # fmt: skip


def test_the_leaves_name_their_rates() -> None:
    # two of three on time (the third finished weeks late), two of three online
    rows = [dossier(1), dossier(2), dossier(3, finished_on=dt.date(YEAR, 4, 30), channel=1)]
    assessment = assess_dossiers(table(rows), catalogue(UNITS, PROCEDURES), year=YEAR, calendar=CAL)
    row = assessment.index().row("X1")
    marked = framework("dossier-on-time-rate", "dossier-online-rate")
    assert dossier_inputs(marked, row) == {"2.1": Decimal("0.6667"), "2.2": Decimal("0.6667")}
    unmarked = framework(None, None)
    assert dossier_inputs(marked, row) == dossier_inputs(
        unmarked, row, {"2.1": "on_time", "2.2": "online"}
    )
    assert dossier_inputs(unmarked, row) == {}  # nothing derived, nothing given


def test_the_plan_derivation_leaves_dossier_leaves_alone() -> None:
    plan = datasets.huong_son_plan_2022()
    status = monitor(plan, as_of=dt.date(2022, 12, 31))
    marked = framework("dossier-e-result-rate", "dossier-digitised-rate")
    assert derived_inputs(marked, plan, status) == {}


def test_a_dossier_rate_feeds_only_rules_that_take_a_rate() -> None:
    with pytest.raises(ValidationError, match="dossier-online-payment-rate gives input for"):
        framework("dossier-online-payment-rate", None, rule="binary")


def test_every_dossier_source_of_a_framework_names_a_rate() -> None:
    from typing import get_args

    from cchc.documents.framework import DerivedSource
    from cchc.dossiers._feed import _FROM_SOURCE

    sources = {s for s in get_args(DerivedSource) if s.startswith("dossier-")}
    assert sources == set(_FROM_SOURCE)
