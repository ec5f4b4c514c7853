"""The quick road for rounds gives exactly the document the pydantic path gives, or none."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import cchc
from cchc import AssessmentRound, datasets
from cchc._fast_round import fast_round
from cchc.errors import CchcError
from cchc.io import _adapter, _check_shape, validate


def slow(value: dict[str, Any]) -> object:
    _check_shape(value, "<data>")
    return _adapter().validate_python(value)


def check(part: object) -> None:
    _check_shape(part, "<data>")


def round_with(inputs: dict[str, Any], **extra: Any) -> dict[str, Any]:
    assessment = {"unit": "u", "year": 2024, "framework": "f", "edition": "1/QĐ-UBND"}
    return {
        "type": "assessment-round",
        "code": "r",
        "framework": "f",
        "edition": "1/QĐ-UBND",
        "year": 2024,
        "assessments": [{**assessment, "inputs": inputs, **extra}],
    }


@given(st.from_type(AssessmentRound))
def test_a_written_round_reads_back_the_same_by_both_roads(document: AssessmentRound) -> None:
    value = json.loads(cchc.dumps(document))
    assert fast_round(value, check) in (None, document)
    assert validate(value) == document == slow(json.loads(cchc.dumps(document)))


def test_the_built_in_rounds_take_the_quick_road() -> None:
    for name in datasets.ROUNDS:
        document = datasets.assessment_round(name)
        assert fast_round(json.loads(cchc.dumps(document)), check) == document


odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**16), 10**16),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates().map(dt.date.isoformat),
    st.dates(),
    st.sampled_from(["missing", "Missing", " 0.5", "0.5 ", "1_000", ".5", "5.", "+1", "-0", "00.5",
                     "1e3", "2024-02-30", "2024-2-3", "20240301", "٣", "0.5\u200b", "\ud800", ""]),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
)  # fmt: skip
codes = st.one_of(st.sampled_from(["1.1", "C001", "a:b-c_d"]), st.text(max_size=5))


@given(st.dictionaries(codes, odd_values, max_size=4))
def test_any_input_is_read_as_pydantic_reads_it_or_left_to_it(inputs: dict[str, Any]) -> None:
    value = round_with(inputs)
    try:
        expected = slow(round_with(inputs))
    except (ValidationError, CchcError):
        assert fast_round(value, check) is None
        return
    fast = fast_round(value, check)
    assert fast is None or fast == expected
    if fast is not None:  # the same values, of the same types
        got = fast.assessments[0].inputs
        assert isinstance(expected, AssessmentRound)
        want = expected.assessments[0].inputs
        assert [(type(v), str(v)) for v in got.values()] == [
            (type(v), str(v)) for v in want.values()
        ]


@pytest.mark.parametrize(
    ("inputs", "extra"),
    [
        ({"1.1": "0.5"}, {"unit": "not a code"}),  # an envelope pydantic refuses
        ({"1.1": "0.5"}, {"evidence": {"1.1": ["x\udc80"]}}),  # a lone surrogate
        ({"1.1": "0.5", "1.2": [1]}, {}),  # not a plain input
        ({"1.1": "0.12345678901234567890123456789"}, {}),  # past 28 significant digits
        ({"1.1": Decimal("1E-999999999")}, {}),
        ({"1.1": Decimal("Infinity")}, {}),
        ({"1.1": Decimal("NaN")}, {}),
    ],
)
def test_what_the_quick_road_leaves_is_refused_by_the_document_path(
    inputs: dict[str, Any], extra: dict[str, Any]
) -> None:
    value = round_with(inputs, **extra)
    assert fast_round(value, check) is None
    with pytest.raises((ValidationError, CchcError)):
        validate(value)
