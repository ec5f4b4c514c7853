"""Satisfaction indices (SIPAS-style) with confidence intervals, per group of responses.

For each group (unit, service, respondent type, or any combination) and for each
item, factor and the whole questionnaire, :func:`survey_results` gives the
**satisfaction index** — the share of valid answers that count as satisfied × 100
— with its interval, the mean score and the counts behind them.

The rules for partly answered questionnaires:

- an item counts its valid answers (values on the scale); *no answer* counts as
  missing and *not asked* counts nowhere;
- a factor pools the valid answers to its items (only items with ``in_index``);
  a response counts toward a factor's ``respondents`` when it answered at least
  one of them;
- the overall index is the mean of the factor indices, over the factors that have
  a valid answer (``overall="mean-of-factors"``), or the pooled share of all
  answers (``overall="pooled"``).

Intervals: Wilson score intervals treat each valid answer as a trial, with Kish's
effective sample size in place of *n* when responses carry design weights. The
overall index gets a percentile bootstrap over responses when ``resamples`` > 0
(seeded: the same data and seed give the same bounds). Statistics are floats.

>>> from cchc.documents.survey import Response
>>> from cchc.datasets import sipas_questionnaire
>>> sipas = sipas_questionnaire()
>>> answers = [{"1.1": 5, "2.1": 4, "3.1": 2}, {"1.1": 3, "2.1": 5, "3.1": None}]
>>> responses = [
...     Response(respondent=f"r{i}", unit="xa-a", date="2024-05-02", answers=a)
...     for i, a in enumerate(answers)
... ]
>>> results = survey_results(sipas, responses)
>>> unit = results.group("xa-a")
>>> unit.factor("access").index, unit.factor("procedures").index, unit.overall.index
(50.0, 100.0, 50.0)
>>> unit.factor("civil-servants").valid, unit.factor("civil-servants").missing
(1, 1)
"""

from __future__ import annotations

from cchc.errors import SurveyError
from cchc.surveys._engine import Comparison, compare, sample_size, survey_results, wilson_interval
from cchc.surveys._index import survey_inputs, with_survey_inputs
from cchc.surveys._matrix import NO_ANSWER_CODE, NOT_ASKED, ResponseMatrix, check_responses
from cchc.surveys._results import Estimate, GroupResult, SurveyResults
from cchc.surveys._stats import effective_sample_size

__all__ = [
    "NOT_ASKED",
    "NO_ANSWER_CODE",
    "Comparison",
    "Estimate",
    "GroupResult",
    "ResponseMatrix",
    "SurveyError",
    "SurveyResults",
    "check_responses",
    "compare",
    "effective_sample_size",
    "sample_size",
    "survey_inputs",
    "survey_results",
    "wilson_interval",
    "with_survey_inputs",
]
