"""Survey documents: questionnaires, responses, rounds, and the built-in questionnaires."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cchc.datasets import leaders_questionnaire, sipas_questionnaire
from cchc.documents.survey import (
    NO_ANSWER,
    Measure,
    Questionnaire,
    RespondentType,
    Response,
    SurveyRound,
)
from cchc.errors import NotFoundError
from cchc.surveys import check_responses
from cchc.testing._survey_strategies import questionnaires, responses, survey_rounds


def _questionnaire(**changes: Any) -> Questionnaire:
    data: dict[str, Any] = {
        "code": "q",
        "title_vi": "Phiếu khảo sát",
        "source": "2640/QĐ-BNV",
        "factors": [{"code": "F1", "title_vi": "Yếu tố 1"}, {"code": "F2", "title_vi": "Yếu tố 2"}],
        "items": [
            {"code": "Q1", "factor": "F1", "text_vi": "Câu 1"},
            {"code": "Q2", "factor": "F2", "text_vi": "Câu 2"},
        ],
        "scale": [
            {"value": v, "label_vi": f"Mức {v}", "label_en": f"Level {v}"} for v in (1, 2, 3)
        ],
        "satisfied": [3],
    }
    return Questionnaire.model_validate({**data, **changes})


def _response(**changes: Any) -> Response:
    data: dict[str, Any] = {"respondent": "r1", "unit": "u", "date": "2024-05-02", "answers": {}}
    return Response.model_validate({**data, **changes})


def test_questionnaire_defaults() -> None:
    q = _questionnaire()
    assert q.type == "questionnaire"
    assert q.respondent_types == (RespondentType.CITIZEN, RespondentType.ORGANISATION)
    assert q.scale_values == (1, 2, 3)
    assert q.items[0].measures is Measure.SATISFACTION
    assert q.items[0].in_index
    assert q.label_en == "Phiếu khảo sát"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"factors": [{"code": "F1", "title_vi": "a"}, {"code": "F1", "title_vi": "b"}]}, "F1"),
        (
            {
                "items": [
                    {"code": "Q1", "factor": "F1", "text_vi": "a"},
                    {"code": "Q1", "factor": "F2", "text_vi": "b"},
                ]
            },
            "item codes repeat: Q1",
        ),
        ({"items": [{"code": "Q1", "factor": "F9", "text_vi": "a"}]}, "factor 'F9'"),
        (
            {
                "scale": [
                    {"value": 2, "label_vi": "a", "label_en": "a"},
                    {"value": 1, "label_vi": "b", "label_en": "b"},
                ]
            },
            "strictly increasing",
        ),
        ({"satisfied": [4]}, "not on the scale"),
        ({"satisfied": [3, 3]}, "satisfied value codes repeat"),
        ({"satisfied": []}, "at least 1"),
        ({"scale": [{"value": 0, "label_vi": "a", "label_en": "a"}] * 2}, "greater than or equal"),
        ({"items": []}, "at least 1"),
        ({"colour": "red"}, "Extra inputs"),
    ],
)
def test_questionnaire_refuses(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _questionnaire(**changes)


def test_questionnaire_lookups() -> None:
    q = _questionnaire()
    assert q.item("Q2").factor == "F2"
    assert q.factor("F1").label_en == "Yếu tố 1"
    assert [i.code for i in q.items_of("F1")] == ["Q1"]
    with pytest.raises(NotFoundError, match="no item named 'Q9'"):
        q.item("Q9")
    with pytest.raises(NotFoundError, match="no factor named 'F9'"):
        q.factor("F9")


def test_questionnaire_is_frozen() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        _questionnaire().code = "other"  # type: ignore[misc]


def test_no_answer_and_not_asked_stay_apart_through_json() -> None:
    response = _response(answers={"Q1": 3, "Q2": NO_ANSWER})
    again = Response.model_validate_json(response.model_dump_json())
    assert again.answers == {"Q1": 3, "Q2": None}
    assert "Q3" not in again.answers
    assert json.loads(response.model_dump_json())["answers"] == {"Q1": 3, "Q2": None}


@pytest.mark.parametrize("weight", [0, -1, float("nan"), float("inf")])
def test_response_weight_must_be_positive_and_finite(weight: float) -> None:
    with pytest.raises(ValidationError):
        _response(weight=weight)


@pytest.mark.parametrize("answer", ["3", 3.0, True])
def test_response_answers_are_strict_integers(answer: object) -> None:
    with pytest.raises(ValidationError):
        _response(answers={"Q1": answer})


def test_response_text_is_normalised_and_codes_stripped() -> None:
    response = _response(unit=" u ", respondent="r1")
    assert response.unit == "u"
    assert response.weight == 1.0
    assert response.respondent_type is RespondentType.CITIZEN


def test_survey_round_tag_and_defaults() -> None:
    round_ = SurveyRound(code="r", questionnaire="q", year=2024)
    assert round_.type == "survey-round"
    assert round_.responses == ()
    assert SurveyRound.type_tag == "survey-round"
    assert Questionnaire.type_tag == "questionnaire"


def test_schema_carries_titles_and_vietnamese_terms() -> None:
    for model in (Questionnaire, SurveyRound):
        schema = model.model_json_schema()
        for name, field in schema["properties"].items():
            assert "title" in field, name
            assert "x-vi" in field, name
            assert "description" in field, name


@given(questionnaires())
def test_questionnaire_json_round_trip(q: Questionnaire) -> None:
    assert Questionnaire.model_validate_json(q.model_dump_json()) == q


@given(responses(questionnaire=questionnaires(), weights=st.floats(0.01, 100)))
def test_response_json_round_trip(response: Response) -> None:
    assert Response.model_validate_json(response.model_dump_json()) == response


@given(survey_rounds(sizes=st.integers(0, 5)))
def test_survey_round_json_round_trip(round_: SurveyRound) -> None:
    assert SurveyRound.model_validate_json(round_.model_dump_json()) == round_


@given(st.data())
def test_strategies_draw_rounds_without_errors(data: st.DataObject) -> None:
    q = data.draw(questionnaires())
    round_ = data.draw(survey_rounds(questionnaire=st.just(q)))
    assert round_.questionnaire == q.code
    assert not [f for f in check_responses(q, round_) if f.severity == "error"]


# Built-in questionnaires


def _raw(filename: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        files("cchc.datasets").joinpath("data", filename).read_text(encoding="utf-8")
    )
    return data


def test_sipas_has_the_five_factors_of_2640() -> None:
    sipas = sipas_questionnaire()
    assert sipas.source == "2640/QĐ-BNV"
    assert [f.title_vi for f in sipas.factors] == [
        "Tiếp cận dịch vụ hành chính công của cơ quan hành chính nhà nước",
        "Thủ tục hành chính",
        "Công chức trực tiếp giải quyết công việc",
        "Kết quả cung ứng dịch vụ hành chính công",
        "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
    ]
    assert all(f.verified and f.title_en for f in sipas.factors)


def test_sipas_items_are_the_22_criteria() -> None:
    sipas = sipas_questionnaire()
    assert len(sipas.items) == 22
    assert all(i.measures is Measure.SATISFACTION and i.text_en for i in sipas.items)
    assert {i.factor for i in sipas.items} == {f.code for f in sipas.factors}
    verified = {i.code for i in sipas.items if i.verified}
    assert verified == {"2.1", "2.5", "3.1", "3.3", "3.4", "3.6", "5.4"}
    assert not sipas.verified  # the scale and the satisfied rule are the standard reading
    assert sipas.satisfied == (4, 5)
    assert sipas.scale[0].label_vi == "Rất không hài lòng"


@pytest.mark.parametrize("filename", ["sipas-2640-qd-bnv.json", "leaders-survey.json"])
def test_builtin_data_states_every_verified_flag(filename: str) -> None:
    data = _raw(filename)
    assert "verified" in data
    assert data["note"]
    for part in (*data["factors"], *data["items"]):
        assert "verified" in part, part["code"]


def test_leaders_survey_is_structure_only() -> None:
    leaders = leaders_questionnaire()
    assert leaders.source == "876/QĐ-BNV"
    assert leaders.respondent_types == (RespondentType.LEADER,)
    assert len(leaders.factors) == 7
    assert not leaders.verified
    assert not any(f.verified for f in leaders.factors)
    assert not any(i.verified for i in leaders.items)
    assert "22" in (leaders.note or "")


def test_builtins_are_cached() -> None:
    assert sipas_questionnaire() is sipas_questionnaire()


def test_check_runs_the_response_checks_with_the_questionnaire() -> None:
    import cchc
    from cchc.documents import SurveyRound

    sipas = cchc.datasets.sipas_questionnaire()
    item = sipas.items[0].code
    survey = SurveyRound.model_validate(
        {
            "code": "r",
            "questionnaire": sipas.code,
            "year": 2024,
            "responses": [
                {"respondent": "a", "unit": "u", "date": "2024-05-02", "answers": {item: 9}},
                {"respondent": "a", "unit": "u", "date": "2024-05-02", "answers": {item: 4}},
            ],
        }
    )
    codes = {f.code for f in cchc.check(sipas, survey)}
    assert {"answer.off-scale", "respondent.duplicate"} <= codes
    assert cchc.check(survey) == ()  # without its questionnaire there is nothing to check against
