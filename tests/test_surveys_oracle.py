"""The survey engine: an independent pure-Python oracle, and Hypothesis laws over drawn rounds."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from _surveys_helpers import Z95
from cchc.documents.survey import Questionnaire, Response, SurveyRound
from cchc.surveys import NOT_ASKED, ResponseMatrix, SurveyResults, survey_results, wilson_interval
from cchc.testing._survey_strategies import questionnaires, survey_rounds

# The oracle: an independent pure-Python computation


def _wilson(p: float, n: float) -> tuple[float, float]:
    denom = 1 + Z95 * Z95 / n
    centre = (p + Z95 * Z95 / (2 * n)) / denom
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95 * Z95 / (4 * n * n)) / denom
    return max(0.0, min(centre - half, p)) * 100, min(1.0, max(centre + half, p)) * 100


def _oracle(q: Questionnaire, rows: Sequence[Response], pooled: bool) -> dict[Any, Any]:
    groups: dict[str, list[Response]] = defaultdict(list)
    for row in rows:
        groups[row.unit].append(row)
    out: dict[Any, Any] = {}
    for unit, members in groups.items():
        factor_index: list[float] = []
        totals = [0.0, 0.0]
        for factor in q.factors:
            codes = [i.code for i in q.items_of(factor.code) if i.in_index]
            pairs = [
                (r.answers[c], r.weight)
                for r in members
                for c in codes
                if r.answers.get(c) is not None
            ]
            w = sum(weight for _, weight in pairs)
            s = sum(weight for v, weight in pairs if v in q.satisfied)
            n_eff = w * w / sum(weight * weight for _, weight in pairs) if pairs else 0
            respondents = sum(any(r.answers.get(c) is not None for c in codes) for r in members)
            index = s / w * 100 if pairs else None
            bounds = _wilson(s / w, n_eff) if pairs else (None, None)
            out[unit, factor.code] = (index, *bounds, len(pairs), respondents)
            if pairs:
                factor_index.append(s / w * 100)
                totals[0] += s
                totals[1] += w
        if pooled:
            out[unit, "overall"] = totals[0] / totals[1] * 100 if totals[1] else None
        else:
            out[unit, "overall"] = sum(factor_index) / len(factor_index) if factor_index else None
    return out


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (
        a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    )


WEIGHTS = st.sampled_from([1.0, 0.5, 2.0, 3.25])
UNWEIGHTED = st.just(1.0)


@st.composite
def _surveys(
    draw: st.DrawFn, weights: st.SearchStrategy[float] = UNWEIGHTED
) -> tuple[Questionnaire, SurveyRound]:
    q = draw(questionnaires())
    return q, draw(survey_rounds(questionnaire=st.just(q), weights=weights))


@given(_surveys(WEIGHTS), st.booleans())
def test_engine_agrees_with_the_oracle(
    drawn: tuple[Questionnaire, SurveyRound], pooled: bool
) -> None:
    q, round_ = drawn
    results = survey_results(q, round_, overall="pooled" if pooled else "mean-of-factors")
    expected = _oracle(q, round_.responses, pooled)
    for group in results.groups:
        (unit,) = group.key
        for factor in group.factors:
            got = (factor.index, factor.low, factor.high, factor.valid, factor.respondents)
            want = expected[unit, factor.code]
            assert all(_close(x, y) for x, y in zip(got, want, strict=True)), (got, want)
        assert _close(group.overall.index, expected[unit, "overall"])


def _arrays_matrix(q: Questionnaire, rows: Sequence[Response], weights: bool) -> ResponseMatrix:
    """A matrix built by hand from raw arrays, without ResponseMatrix.from_responses."""
    units = sorted({r.unit for r in rows})
    items = [i.code for i in q.items][::-1]  # another column order on purpose
    answers = np.full((len(rows), len(items)), NOT_ASKED, dtype=np.int8)
    for r, row in enumerate(rows):
        for j, code in enumerate(items):
            if code in row.answers:
                answers[r, j] = row.answers[code] or 0
    return ResponseMatrix(
        items=tuple(items),
        answers=answers,
        units=np.array([units.index(r.unit) for r in rows], dtype=np.int32),
        unit_labels=tuple(units),
        weights=np.array([r.weight for r in rows]) if weights else None,
    )


def _same(a: SurveyResults, b: SurveyResults, exact: bool = False) -> None:
    ra, rb = a.records("all"), b.records("all")
    assert len(ra) == len(rb)
    for x, y in zip(ra, rb, strict=True):
        assert x.keys() == y.keys()
        for key, value in x.items():
            other = y[key]
            if isinstance(value, float) and isinstance(other, float) and not exact:
                assert _close(value, other), (key, value, other)
            else:
                assert value == y[key], (key, value, y[key])


@given(_surveys(WEIGHTS))
def test_object_path_equals_columnar_path(drawn: tuple[Questionnaire, SurveyRound]) -> None:
    q, round_ = drawn
    weighted = any(r.weight != 1.0 for r in round_.responses)
    columnar = survey_results(q, _arrays_matrix(q, round_.responses, weighted))
    _same(survey_results(q, round_), columnar)


@given(_surveys())
def test_all_weights_one_equals_unweighted(drawn: tuple[Questionnaire, SurveyRound]) -> None:
    q, round_ = drawn
    plain = survey_results(q, _arrays_matrix(q, round_.responses, weights=False))
    ones = survey_results(q, _arrays_matrix(q, round_.responses, weights=True))
    for x, y in zip(plain.records("all"), ones.records("all"), strict=True):
        assert {k: v for k, v in x.items() if k != "interval"} == {
            k: v for k, v in y.items() if k != "interval"
        }


@given(_surveys(WEIGHTS), st.randoms(use_true_random=False), st.booleans())
def test_results_do_not_depend_on_response_order(
    drawn: tuple[Questionnaire, SurveyRound], rnd: random.Random, pooled: bool
) -> None:
    q, round_ = drawn
    shuffled = list(round_.responses)
    rnd.shuffle(shuffled)
    overall = "pooled" if pooled else "mean-of-factors"
    kwargs: dict[str, Any] = {"by": ("unit", "service"), "overall": overall, "resamples": 30}
    _same(survey_results(q, round_, **kwargs), survey_results(q, shuffled, **kwargs))


@given(_surveys(WEIGHTS), st.booleans())
def test_indices_and_bounds_lie_in_0_100(
    drawn: tuple[Questionnaire, SurveyRound], pooled: bool
) -> None:
    q, round_ = drawn
    results = survey_results(
        q, round_, overall="pooled" if pooled else "mean-of-factors", resamples=20
    )
    for record in results.records("all"):
        for key in ("index", "low", "high"):
            assert record[key] is None or 0 <= record[key] <= 100  # type: ignore[operator]
        if record["index"] is not None and record["interval"] in ("wilson", "wilson-kish"):
            assert record["low"] <= record["index"] <= record["high"]  # type: ignore[operator]


@given(_surveys(WEIGHTS), st.data())
def test_a_satisfied_answer_never_lowers_an_index(
    drawn: tuple[Questionnaire, SurveyRound], data: st.DataObject
) -> None:
    q, round_ = drawn
    if not round_.responses:
        return
    r = data.draw(st.integers(0, len(round_.responses) - 1))
    item = data.draw(st.sampled_from(q.items))
    best = data.draw(st.sampled_from(q.satisfied))
    rows = list(round_.responses)
    rows[r] = rows[r].model_copy(update={"answers": {**rows[r].answers, item.code: best}})
    methods: tuple[Literal["pooled", "mean-of-factors"], ...] = ("pooled", "mean-of-factors")
    for overall in methods:
        before = survey_results(q, round_, overall=overall).records("all")
        after = {
            (x["unit"], x["level"], x["code"]): x["index"]
            for x in survey_results(q, rows, overall=overall).records("all")
        }
        for x in before:
            old, new = x["index"], after[x["unit"], x["level"], x["code"]]
            assert old is None or new >= old - 1e-9  # type: ignore[operator]


@given(st.floats(0.01, 0.99), st.integers(1, 5000), st.integers(1, 5000))
def test_wilson_contains_the_share_and_narrows_as_n_grows(p: float, n: int, m: int) -> None:
    small, large = sorted((n, m))
    low, high = wilson_interval(p, small)
    assert 0 <= low <= p <= high <= 1
    low2, high2 = wilson_interval(p, large)
    assert high2 - low2 <= high - low + 1e-15
