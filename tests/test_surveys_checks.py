"""The survey engine: checks of responses, the errors they raise, and the response matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from _surveys_helpers import DAY, ROWS, Q, _responses
from cchc.documents.survey import RespondentType, Response, SurveyRound
from cchc.surveys import ResponseMatrix, SurveyError, check_responses, survey_results

# Checks and errors


def test_check_responses_reports_each_problem_with_its_path() -> None:
    rows = [
        *_responses(("a", {"Q1": 7, "Q9": 4})),
        *_responses(("a", {"Q1": None})),
        Response(
            respondent="r5",
            unit="a",
            date=DAY,
            answers={},
            respondent_type=RespondentType.LEADER,
        ),
    ]
    found = {(f.code, f.path) for f in check_responses(Q, rows)}
    assert ("answer.off-scale", ("responses", 0, "answers", "Q1")) in found
    assert ("answer.unknown-item", ("responses", 0, "answers", "Q9")) in found
    assert ("respondent.duplicate", ("responses", 1, "respondent")) in found
    assert ("response.empty", ("responses", 1, "answers")) in found
    assert ("respondent-type.unexpected", ("responses", 2, "respondent_type")) in found
    bad = Response.model_construct(**{**rows[0].__dict__, "respondent": "w", "weight": 0.0})
    assert ("weight.not-positive", ("responses", 0, "weight")) in {
        (f.code, f.path) for f in check_responses(Q, [bad])
    }


def test_check_responses_caps_the_list_and_counts_the_rest() -> None:
    rows = _responses(*(("a", {"Q1": 9}) for _ in range(30)))
    found = [f for f in check_responses(Q, rows, limit=5) if f.code == "answer.off-scale"]
    assert len(found) == 6
    assert found[-1].path == ("responses",)
    assert "25 more" in found[-1].message
    assert "30 in all" in found[-1].message


def test_check_a_round_of_another_questionnaire() -> None:
    round_ = SurveyRound(code="r2024", questionnaire="other", year=2024, responses=tuple(ROWS))
    found = check_responses(Q, round_)
    assert found[0].code == "round.questionnaire"
    assert found[0].document == "survey-round:r2024"


def test_object_path_raises_with_findings() -> None:
    rows = _responses(("a", {"Q1": 7}), ("a", {"Q2": 0}))
    with pytest.raises(SurveyError) as caught:
        survey_results(Q, rows)
    assert caught.value.path == ("responses", 0, "answers", "Q1")
    assert caught.value.count == 2
    assert len(caught.value.findings) == 2
    assert "not on the scale" in str(caught.value)


def _matrix(**changes: Any) -> ResponseMatrix:
    data: dict[str, Any] = {
        "items": ("Q1", "Q2"),
        "answers": np.array([[5, 0], [4, -1], [1, 2]], dtype=np.int8),
        "units": np.array([0, 0, 1]),
        "unit_labels": ("a", "b"),
    }
    return ResponseMatrix(**{**data, **changes})


def test_matrix_refuses_bad_arrays() -> None:
    with pytest.raises(SurveyError, match="matrix"):
        _matrix(items=("Q1",))
    with pytest.raises(SurveyError, match="item codes repeat: Q1"):
        _matrix(items=("Q1", "Q1"))
    # One label under two codes would split its group in two, and survey_inputs keep one half.
    with pytest.raises(SurveyError, match="unit_labels repeat: a"):
        _matrix(unit_labels=("a", "a"))
    with pytest.raises(SurveyError, match="service_labels repeat: s"):
        _matrix(services=np.array([0, 1, -1]), service_labels=("s", "s"))
    with pytest.raises(SurveyError, match="respondent_type_labels repeat: citizen"):
        _matrix(respondent_types=np.array([0, 1, 0]), respondent_type_labels=("citizen",) * 2)
    with pytest.raises(SurveyError, match=r"units\[2\].*between 0 and 1"):
        _matrix(units=np.array([0, 0, 2]))
    with pytest.raises(SurveyError, match=r"weights\[1\].*> 0") as caught:
        _matrix(weights=np.array([1.0, 0.0, -2.0]))
    assert caught.value.count == 2
    with pytest.raises(SurveyError, match="between -1 and 127"):
        _matrix(answers=np.array([[500, 0], [4, 1], [1, 2]]))
    with pytest.raises(SurveyError, match="integers"):
        _matrix(answers=np.zeros((3, 2)))


def test_matrix_answers_off_the_scale_name_row_and_item() -> None:
    matrix = _matrix(answers=np.array([[5, 0], [4, -1], [1, 9]], dtype=np.int8))
    with pytest.raises(SurveyError, match=r"answers\[2\]\.Q2: answer 9") as caught:
        survey_results(Q, matrix)
    assert caught.value.value == 9
    strange = _matrix(items=("Q1", "Z"))
    with pytest.raises(SurveyError, match="'Z' is not an item"):
        survey_results(Q, strange)


def test_matrix_columns_may_be_a_subset_in_any_order() -> None:
    matrix = _matrix(items=("Q3", "Q1"))
    group = survey_results(Q, matrix).group("a")
    assert group.item("Q2").valid == 0
    assert group.item("Q2").index is None
    assert group.item("Q1").valid == 0
    assert group.item("Q1").missing == 1
    assert group.item("Q3").index == 100.0
    assert group.item("Q3").valid == 2


def test_matrix_is_read_only_and_sized() -> None:
    matrix = _matrix()
    assert len(matrix) == 3
    with pytest.raises(ValueError, match="read-only"):
        matrix.answers[0, 0] = 1
