"""Plain JSON straight into a RoundTable: the table the documents give, or none at all."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cchc
from cchc import AssessmentRound, Framework, datasets
from cchc.errors import ScoringError
from cchc.io import _check_shape
from cchc.scoring._fast_table import fast_table
from cchc.scoring.table import RoundTable
from cchc.testing.strategies import assessment_rounds


def check(part: object) -> None:
    _check_shape(part, "<data>")


def same(fast: RoundTable, slow: RoundTable) -> bool:
    return (
        fast.units == slow.units
        and fast.year == slow.year
        and fast.scales == slow.scales
        and np.array_equal(fast.values, slow.values)
        and np.array_equal(fast.state, slow.state)
        and np.array_equal(fast.appraised, slow.appraised)
    )


def compare(framework: Framework, documents: list[dict[str, Any]]) -> RoundTable | None:
    """The fast table, checked against the document path's."""
    made = fast_table(framework, documents, check)
    try:
        round_ = cchc.io.validate({"type": "assessment-round", "code": "r", "framework":
                                   framework.code, "edition": framework.edition, "year": 2024,
                                   "assessments": documents})  # fmt: skip
        assert isinstance(round_, AssessmentRound)
        slow = RoundTable.from_assessments(framework, round_)
    except (ScoringError, ValueError):  # ValidationError, LoadError
        assert made is None
        return None
    if made is None:
        return None
    table, shells = made
    assert same(table, slow)
    assert [s.unit for s in shells] == list(slow.units)
    return table


def test_the_built_in_rounds_take_the_quick_road() -> None:
    framework = datasets.framework("illustrative-district")
    for name in datasets.ROUNDS:
        documents = json.loads(cchc.dumps(datasets.assessment_round(name)))["assessments"]
        assert compare(framework, documents) is not None


@settings(max_examples=60, deadline=None)
@given(assessment_rounds())
def test_any_written_round_gives_the_documents_table(
    drawn: tuple[Framework, AssessmentRound],
) -> None:
    framework, round_ = drawn
    compare(framework, json.loads(cchc.dumps(round_))["assessments"])


odd = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.integers(), st.text(max_size=6),
    st.sampled_from(["0.5", "0.50", "1", "1.0", "2", "-0", "0.12345678901", "2024-01-31",
                     "2024-02-30", "missing", "Missing", " 0.5", "true", "1e3"]),
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_odd_inputs_give_the_documents_table_or_none(data: st.DataObject) -> None:
    framework, round_ = data.draw(assessment_rounds(max_units=3))
    documents = json.loads(cchc.dumps(round_))["assessments"]
    for document in documents:
        for code in list(document["inputs"]):
            if data.draw(st.booleans()):
                document["inputs"][code] = data.draw(odd)
    compare(framework, documents)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["inputs"].pop(next(iter(d["inputs"]))),  # an input left out
        lambda d: d.update(unit="not a code"),  # an envelope pydantic refuses
        lambda d: d.update(year=2023),  # a round of two years
        lambda d: d["inputs"].update({next(iter(d["inputs"])): [1]}),  # not a plain value
    ],
)
def test_what_the_documents_refuse_takes_their_road(change: Any) -> None:
    framework = datasets.framework("illustrative-district")
    documents = json.loads(cchc.dumps(datasets.assessment_round("huong-son-communes-2024")))
    change(documents["assessments"][0])
    assert fast_table(framework, documents["assessments"], check) is None


def test_true_and_one_in_different_columns_keep_their_kinds() -> None:
    # True == 1 and False == 0 share one number in the table of distinct values: each
    # column reads them as its own kind (yes/no for 1.5, a count of events for 1.3).
    framework = datasets.framework("illustrative-district")
    documents = json.loads(cchc.dumps(datasets.assessment_round("huong-son-communes-2024")))
    assessments = documents["assessments"]
    for row, document in enumerate(assessments):
        document["inputs"]["1.5"] = row % 2 == 0
        document["inputs"]["1.3"] = row % 2
    table = compare(framework, assessments)
    assert table is not None
    yes_no, count = table.values[:, 4], table.values[:, 2]
    assert yes_no.tolist() == [int(row % 2 == 0) for row in range(len(assessments))]
    assert count.tolist() == [row % 2 for row in range(len(assessments))]
