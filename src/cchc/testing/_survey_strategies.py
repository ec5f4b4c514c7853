"""Hypothesis strategies for questionnaires, responses and survey rounds.

Requires hypothesis (``pip install "cchc[testing]"``).

Arguments are keyword-only and take strategies. Questionnaires validate;
responses answer only items of their questionnaire, with values on its scale,
*no answer* (``None``) or *not asked* (the item left out):

>>> from hypothesis import given, strategies as st
>>> from cchc.surveys import check_responses
>>> from cchc.testing._survey_strategies import questionnaires, survey_rounds
>>> @given(st.data())
... def test_rounds_check_clean(data):
...     questionnaire = data.draw(questionnaires())
...     round_ = data.draw(survey_rounds(questionnaire=st.just(questionnaire)))
...     found = check_responses(questionnaire, round_)
...     assert all(f.severity == "warning" for f in found)
>>> test_rounds_check_clean()
"""

from __future__ import annotations

import datetime as dt

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised without the extra
    from cchc.errors import MissingExtraError

    raise MissingExtraError("testing", "hypothesis") from error

from cchc.documents.survey import (
    Factor,
    Item,
    Measure,
    Questionnaire,
    RespondentType,
    Response,
    ScalePoint,
    ServiceChannel,
    SurveyRound,
)
from cchc.testing._basic import codes, symbols, texts

__all__ = ["questionnaires", "responses", "survey_rounds"]

_COUNTS = st.integers(1, 4)
_SCALE_SIZES = st.integers(2, 7)
_UNITS = st.sampled_from(("xa-a", "xa-b", "phuong-c"))
_SERVICES = st.none() | st.sampled_from(("ho-tich", "dat-dai"))
_WEIGHTS = st.just(1.0)
_DATES = st.dates(dt.date(2017, 1, 1), dt.date(2030, 12, 31))
_NOT_ASKED = object()


@st.composite
def questionnaires(
    draw: st.DrawFn,
    *,
    factor_counts: st.SearchStrategy[int] = _COUNTS,
    item_counts: st.SearchStrategy[int] = _COUNTS,
    scale_sizes: st.SearchStrategy[int] = _SCALE_SIZES,
) -> Questionnaire:
    """Valid questionnaires: unique codes, items under their factors. Requires hypothesis.

    ``item_counts`` is the number of items per factor; at least one item in all is
    counted in the index.
    """
    count = max(1, draw(factor_counts))
    factor_codes = draw(st.lists(codes(), min_size=count, max_size=count, unique=True))
    factors = [
        Factor(code=code, title_vi=draw(texts()), title_en=draw(st.none() | texts()))
        for code in factor_codes
    ]
    items: list[Item] = []
    for factor in factors:
        for k in range(draw(item_counts)):
            items.append(
                Item(
                    code=f"{factor.code}.q{k + 1}",
                    factor=factor.code,
                    text_vi=draw(texts()),
                    measures=draw(st.sampled_from(Measure)),
                    in_index=draw(st.sampled_from((True, True, True, False))),
                    verified=draw(st.booleans()),
                )
            )
    if not any(item.in_index for item in items):
        items[0] = items[0].model_copy(update={"in_index": True})
    size = draw(scale_sizes)
    values = sorted(draw(st.sets(st.integers(1, 20), min_size=size, max_size=size)))
    return Questionnaire(
        code=draw(codes()),
        title_vi=draw(texts()),
        source=draw(symbols()),
        factors=tuple(factors),
        items=tuple(items),
        scale=tuple(
            ScalePoint(value=v, label_vi=f"Mức {v}", label_en=f"Level {v}") for v in values
        ),
        satisfied=tuple(sorted(draw(st.sets(st.sampled_from(values), min_size=1)))),
        respondent_types=tuple(draw(st.sets(st.sampled_from(RespondentType), min_size=1))),
        verified=draw(st.booleans()),
    )


@st.composite
def responses(
    draw: st.DrawFn,
    *,
    questionnaire: st.SearchStrategy[Questionnaire],
    respondents: st.SearchStrategy[str] | None = None,
    units: st.SearchStrategy[str] = _UNITS,
    services: st.SearchStrategy[str | None] = _SERVICES,
    weights: st.SearchStrategy[float] = _WEIGHTS,
) -> Response:
    """Responses to a questionnaire drawn from ``questionnaire``. Requires hypothesis.

    Each item is answered with a scale value, left unanswered (``None``) or not
    asked (absent); the respondent type is one the questionnaire is for.
    """
    survey = draw(questionnaire)
    values = st.sampled_from(survey.scale_values)
    answers: dict[str, int | None] = {}
    for item in survey.items:
        answer = draw(st.one_of(values, values, st.none(), st.just(_NOT_ASKED)))
        if answer is None or isinstance(answer, int):
            answers[item.code] = answer
    return Response(
        respondent=draw(respondents if respondents is not None else codes()),
        unit=draw(units),
        service=draw(services),
        date=draw(_DATES),
        channel=draw(st.none() | st.sampled_from(ServiceChannel)),
        weight=draw(weights),
        respondent_type=draw(st.sampled_from(survey.respondent_types)),
        answers=answers,
    )


@st.composite
def survey_rounds(
    draw: st.DrawFn,
    *,
    questionnaire: st.SearchStrategy[Questionnaire] | None = None,
    sizes: st.SearchStrategy[int] = st.integers(0, 30),
    weights: st.SearchStrategy[float] = _WEIGHTS,
) -> SurveyRound:
    """Rounds of responses with unique respondent ids. Requires hypothesis."""
    survey = draw(questionnaire if questionnaire is not None else questionnaires())
    count = draw(sizes)
    rows = [
        draw(
            responses(questionnaire=st.just(survey), respondents=st.just(f"r{i}"), weights=weights)
        )
        for i in range(count)
    ]
    return SurveyRound(
        code=draw(codes()),
        questionnaire=survey.code,
        year=draw(st.integers(2017, 2030)),
        responses=tuple(rows),
    )
