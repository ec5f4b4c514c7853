"""Survey results into the index: percentages as inputs, points = percent / 100 × max."""

from __future__ import annotations

from decimal import Decimal

import pytest

import cchc
from cchc import datasets
from cchc.surveys import SurveyError, survey_inputs, survey_results, with_survey_inputs


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
