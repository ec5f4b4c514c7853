"""Survey results into the index: percentages as inputs, points = percent / 100 × max."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cchc
from cchc import datasets
from cchc.documents.survey import Questionnaire, Response
from cchc.surveys import SurveyError, survey_inputs, survey_results, with_survey_inputs

DAY = dt.date(2024, 5, 2)


def test_sipas_percentages_score_ten_points_as_percent_over_100() -> None:
    sipas = datasets.sipas_questionnaire()
    results = survey_results(sipas, datasets.survey_round("huong-son-sipas-2024"))
    percents = survey_inputs(results)
    assert len(percents) == 25
    framework = datasets.framework("illustrative-district")
    round_ = with_survey_inputs(
        datasets.assessment_round("huong-son-communes-2024"), "8.1", percents
    )
    ranking = cchc.score_round(framework, round_)
    for card in ranking.cards:
        percent = percents[card.unit]
        assert percent == percent.quantize(Decimal("0.01"))
        expected = framework.quantize(percent / 100 * 10)
        node = card.node("8.1")
        if node.counted_from == "rule":
            assert node.points == expected
        overall = results.group(card.unit).overall.index
        assert overall is not None
        assert abs(float(percent) - overall) <= 0.005


def test_factor_and_item_levels() -> None:
    sipas = datasets.sipas_questionnaire()
    results = survey_results(sipas, datasets.survey_round("huong-son-sipas-2024"))
    access = survey_inputs(results, level="factor", code="access")
    unit = next(iter(access))
    index = results.group(unit).factor("access").index
    assert index is not None
    assert access[unit] == Decimal(repr(index)).quantize(Decimal("0.01"))
    assert (
        survey_inputs(results, level="item", code="1.1", places=1)[unit].as_tuple().exponent == -1
    )


def test_bad_requests_are_refused() -> None:
    sipas = datasets.sipas_questionnaire()
    survey = datasets.survey_round("huong-son-sipas-2024")
    by_two = survey_results(sipas, survey, by=("unit", "respondent_type"))
    with pytest.raises(SurveyError, match="grouped by unit alone"):
        survey_inputs(by_two)
    results = survey_results(sipas, survey)
    with pytest.raises(SurveyError, match="give a code"):
        survey_inputs(results, level="factor")
    some = dict(list(survey_inputs(results).items())[:3])
    with pytest.raises(SurveyError, match="no survey result for unit"):
        with_survey_inputs(datasets.assessment_round("huong-son-communes-2024"), "8.1", some)


def _one_item(satisfied: int, total: int) -> tuple[Questionnaire, list[Response]]:
    questionnaire = Questionnaire.model_validate({
        "code": "q", "title_vi": "Phiếu", "source": "2640/QĐ-BNV",
        "factors": [{"code": "f", "title_vi": "Yếu tố"}],
        "items": [{"code": "i", "factor": "f", "text_vi": "Câu"}],
        "scale": [{"value": v, "label_vi": f"Mức {v}", "label_en": f"Level {v}"}
                  for v in range(1, 6)],
        "satisfied": [4, 5],
    })  # fmt: skip
    responses = [
        Response(respondent=f"r{n}", unit="u", date=DAY, answers={"i": 5 if n < satisfied else 1})
        for n in range(total)
    ]
    return questionnaire, responses


@pytest.mark.parametrize("overall", ["mean-of-factors", "pooled"])
@pytest.mark.parametrize(("level", "code"), [("overall", None), ("factor", "f"), ("item", "i")])
def test_an_exact_tie_rounds_half_up(overall: str, level: str, code: str | None) -> None:
    """23 of 160 is 14.375 % exactly (14.374999999999998 as a float): published as 14.38."""
    questionnaire, responses = _one_item(23, 160)
    results = survey_results(questionnaire, responses, overall=overall)  # type: ignore[arg-type]
    assert survey_inputs(results, level=level, code=code) == {"u": Decimal("14.38")}  # type: ignore[arg-type]


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 60)), min_size=1, max_size=4),
    st.integers(0, 3),
)
def test_unweighted_percentages_are_exact_fractions_rounded_half_up(
    counts: list[tuple[int, int]], places: int
) -> None:
    """Each factor's share is satisfied / valid; the overall one their mean; rounded once."""
    factors = [{"code": f"f{k}", "title_vi": f"Yếu tố {k}"} for k in range(len(counts))]
    items = [{"code": f"i{k}", "factor": f"f{k}", "text_vi": "Câu"} for k in range(len(counts))]
    questionnaire = Questionnaire.model_validate({
        "code": "q", "title_vi": "Phiếu", "source": "2640/QĐ-BNV", "factors": factors,
        "items": items, "satisfied": [4, 5],
        "scale": [{"value": v, "label_vi": f"Mức {v}", "label_en": f"Level {v}"}
                  for v in range(1, 6)],
    })  # fmt: skip
    responses = [
        Response(respondent=f"r{k}-{n}", unit="u", date=DAY,
                 answers={f"i{k}": 5 if n < min(s, total) else 2})
        for k, (s, total) in enumerate(counts)
        for n in range(total)
    ]  # fmt: skip
    results = survey_results(questionnaire, responses)
    shares = [Fraction(100 * min(s, total), total) for s, total in counts]
    mean = sum(shares, Fraction(0)) / len(shares)
    expected = Decimal(math.floor(mean * 10**places + Fraction(1, 2))).scaleb(-places)
    assert survey_inputs(results, places=places) == {"u": expected}


def test_assessments_without_a_round_come_back_as_a_tuple() -> None:
    sipas = datasets.sipas_questionnaire()
    percents = survey_inputs(survey_results(sipas, datasets.survey_round("huong-son-sipas-2024")))
    round_ = datasets.assessment_round("huong-son-communes-2024")
    filled = with_survey_inputs(list(round_.assessments), "8.1", percents)
    assert filled == with_survey_inputs(round_, "8.1", percents).assessments
    assert isinstance(filled, tuple)


def test_a_criterion_declared_not_applicable_is_not_overwritten() -> None:
    sipas = datasets.sipas_questionnaire()
    percents = survey_inputs(survey_results(sipas, datasets.survey_round("huong-son-sipas-2024")))
    round_ = datasets.assessment_round("huong-son-communes-2024")
    first = round_.assessments[0]
    declined = first.model_validate({**first.model_dump(), "inputs": {**first.inputs, "8.1": None}})
    with pytest.raises(SurveyError, match=f"unit {first.unit} declared criterion 8.1 not"):
        with_survey_inputs([declined, *round_.assessments[1:]], "8.1", percents)
