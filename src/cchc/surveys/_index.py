"""Survey results into the index: satisfaction percentages as inputs of survey criteria.

A survey-score criterion earns ``percent / 100 × max`` (SIPAS is worth 10 points of a
province's PAR Index this way). :func:`survey_inputs` turns results grouped by unit
into those percentages, rounded half-up to the places the index is published with
(2 by default, as in "85.48%"), and :func:`with_survey_inputs` puts them into a round,
so a round can be scored straight from raw responses:

>>> import cchc
>>> from cchc import datasets
>>> from cchc.surveys import survey_results, survey_inputs, with_survey_inputs
>>> sipas = datasets.sipas_questionnaire()
>>> responses = datasets.survey_round("huong-son-sipas-2024")
>>> percents = survey_inputs(survey_results(sipas, responses))
>>> round_ = with_survey_inputs(datasets.assessment_round("huong-son-communes-2024"), "8.1",
...                             percents)
>>> round_.assessments[0].inputs["8.1"] == percents[round_.assessments[0].unit]
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal, overload

from cchc.documents.assessment import Assessment, AssessmentRound
from cchc.errors import SurveyError
from cchc.surveys._results import Estimate, SurveyResults

__all__ = ["survey_inputs", "with_survey_inputs"]


def survey_inputs(
    results: SurveyResults,
    *,
    level: Literal["overall", "factor", "item"] = "overall",
    code: str | None = None,
    places: int = 2,
) -> dict[str, Decimal]:
    """Per unit, the satisfaction index as a percentage input, rounded half-up once.

    Without weights the percentage is the exact fraction of the counts (the mean of the
    factors' fractions for a mean-of-factors overall index), so ties round as the
    published figures do: 23 satisfied of 160 is 14.375 %, input 14.38. With weights it
    is rounded from the float index.

    Args:
        results: Results grouped by unit alone (``by=("unit",)``).
        level: Which index: the overall one (default), a factor's or an item's.
        code: The factor or item code, for those levels.
        places: Decimal places of the percentage (2, as indices are published).

    Raises:
        SurveyError: The results are not grouped by unit alone, ``code`` is missing or
            unknown, or a unit's index is undefined (no valid answer).
    """
    if results.by != ("unit",):
        raise SurveyError(f"survey inputs need results grouped by unit alone, not {results.by}")
    if (level == "overall") != (code is None):
        raise SurveyError(f"give a code for level {level!r}, and none for the overall index")
    quantum = Decimal(1).scaleb(-places)
    inputs: dict[str, Decimal] = {}
    for group in results.groups:
        unit = group.key[0]
        if unit is None:
            continue
        if level == "overall":
            estimate = group.overall
        elif level == "factor":
            estimate = group.factor(code or "")
        else:
            estimate = group.item(code or "")
        if estimate.index is None or math.isnan(estimate.index):
            raise SurveyError(
                f"unit {unit}: no valid answer, so no satisfaction index", path=("groups", unit)
            )
        exact = (
            _mean([_exact(f) for f in group.factors if f.valid])
            if level == "overall" and results.overall_method == "mean-of-factors"
            else _exact(estimate)
        )
        if exact is None:  # weighted: the float is all there is
            inputs[unit] = Decimal(repr(estimate.index)).quantize(quantum, rounding=ROUND_HALF_UP)
        else:  # half-up, exactly
            inputs[unit] = Decimal(math.floor(exact * 10**places + Fraction(1, 2))).scaleb(-places)
    return inputs


def _mean(shares: list[Fraction | None]) -> Fraction | None:
    exact = [share for share in shares if share is not None]
    return sum(exact, Fraction(0)) / len(exact) if exact and len(exact) == len(shares) else None


def _exact(estimate: Estimate) -> Fraction | None:
    """The index as an exact fraction of counts, or ``None`` when unequal weights make it a float.

    An unweighted index is ``100 × satisfied / valid``; the satisfied count is recovered
    from the float, so that a tie such as 23 of 160 (14.375 %) rounds up, as exact
    arithmetic does, and not down, as its float 14.374999999999998 would.
    """
    if estimate.index is None or not estimate.valid or estimate.effective_n != estimate.valid:
        return None  # unequal weights (Kish's n below the count): no fraction of counts
    satisfied = round(estimate.index * estimate.valid / 100)
    exact = Fraction(100 * satisfied, estimate.valid)
    return exact if abs(float(exact) - estimate.index) <= 1e-9 else None


@overload
def with_survey_inputs(
    assessments: AssessmentRound, criterion: str, inputs: Mapping[str, Decimal]
) -> AssessmentRound: ...


@overload
def with_survey_inputs(
    assessments: Iterable[Assessment], criterion: str, inputs: Mapping[str, Decimal]
) -> tuple[Assessment, ...]: ...


def with_survey_inputs(
    assessments: AssessmentRound | Iterable[Assessment],
    criterion: str,
    inputs: Mapping[str, Decimal],
) -> AssessmentRound | tuple[Assessment, ...]:
    """The assessments with ``criterion``'s input of every unit replaced by its percentage.

    Args:
        assessments: A round (a round comes back) or assessments (a tuple comes back).
        criterion: The survey-score criterion to fill.
        inputs: Percentages by unit, from :func:`survey_inputs`.

    Raises:
        SurveyError: A unit assessed has no survey result, or declared the criterion not
            applicable (nothing is overwritten or dropped silently).
    """
    items = (
        assessments.assessments if isinstance(assessments, AssessmentRound) else tuple(assessments)
    )
    declined = [a.unit for a in items if criterion in a.inputs and a.inputs[criterion] is None]
    if declined:  # the unit said it does not apply: the survey does not overrule that silently
        raise SurveyError(
            f"unit {declined[0]} declared criterion {criterion} not applicable (null);"
            " give it an input, or score it without the survey",
            path=("assessments", declined[0], "inputs", criterion),
            count=len(declined),
        )
    missing = [a.unit for a in items if a.unit not in inputs]
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        raise SurveyError(
            f"no survey result for unit(s) {shown}", path=("assessments",), count=len(missing)
        )
    filled = tuple(
        Assessment.model_validate(
            {**a.model_dump(), "inputs": {**a.inputs, criterion: inputs[a.unit]}}
        )
        for a in items
    )
    if not isinstance(assessments, AssessmentRound):
        return filled
    return AssessmentRound.model_validate({**assessments.model_dump(), "assessments": filled})
