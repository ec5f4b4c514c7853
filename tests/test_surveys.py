"""The survey engine: indices, intervals, grouping, comparison, sample sizes and checks.

An independent pure-Python oracle recomputes every index; laws are checked with
Hypothesis over drawn questionnaires and rounds.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.documents.survey import Questionnaire, RespondentType, Response, SurveyRound
from cchc.surveys import (
    NOT_ASKED,
    ResponseMatrix,
    SurveyError,
    SurveyResults,
    check_responses,
    compare,
    effective_sample_size,
    sample_size,
    survey_results,
    wilson_interval,
)
from cchc.testing._survey_strategies import questionnaires, survey_rounds

Z95 = 1.959963984540054
DAY = dt.date(2024, 5, 2)


def _questionnaire(**changes: Any) -> Questionnaire:
    data: dict[str, Any] = {
        "code": "q",
        "title_vi": "Phiếu khảo sát",
        "source": "2640/QĐ-BNV",
        "factors": [
            {"code": "F1", "title_vi": "Yếu tố 1", "title_en": "Factor 1"},
            {"code": "F2", "title_vi": "Yếu tố 2", "title_en": "Factor 2"},
        ],
        "items": [
            {"code": "Q1", "factor": "F1", "text_vi": "Câu 1"},
            {"code": "Q2", "factor": "F1", "text_vi": "Câu 2"},
            {"code": "Q3", "factor": "F2", "text_vi": "Câu 3"},
            {"code": "X", "factor": "F2", "text_vi": "Ghi nhận", "in_index": False},
        ],
        "scale": [
            {"value": v, "label_vi": f"Mức {v}", "label_en": f"Level {v}"} for v in range(1, 6)
        ],
        "satisfied": [4, 5],
    }
    return Questionnaire.model_validate({**data, **changes})


def _responses(*rows: tuple[str, Mapping[str, int | None]], **common: Any) -> list[Response]:
    return [
        Response(respondent=f"r{i}", unit=unit, date=DAY, answers=dict(answers), **common)
        for i, (unit, answers) in enumerate(rows)
    ]


Q = _questionnaire()
ROWS = _responses(
    ("a", {"Q1": 5, "Q2": 4, "Q3": 1, "X": 5}),
    ("a", {"Q1": 2, "Q2": None, "Q3": 4}),
    ("a", {"Q3": None}),
    ("b", {"Q1": 4}),
)


# Worked example


def test_worked_example_by_unit() -> None:
    results = survey_results(Q, ROWS)
    assert results.keys == (("a",), ("b",))
    a = results.group("a")
    assert a.responses == 3
    q1 = a.item("Q1")
    assert (q1.index, q1.valid, q1.missing, q1.respondents) == (50.0, 2, 0, 2)
    assert q1.mean_score == 3.5
    assert a.item("Q2").missing == 1
    f1 = a.factor("F1")  # Q1: 5, 2; Q2: 4 -> 2 of 3 satisfied
    assert f1.index == pytest.approx(200 / 3)
    assert (f1.valid, f1.missing, f1.respondents) == (3, 1, 2)
    f2 = a.factor("F2")  # Q3: 1, 4 (X is out of the index) -> 1 of 2
    assert (f2.index, f2.valid, f2.missing, f2.respondents) == (50.0, 2, 1, 2)
    assert a.overall.index == pytest.approx((200 / 3 + 50) / 2)
    assert a.overall.respondents == 2  # the third response answered nothing
    assert a.overall.valid == 5
    assert a.overall.low is None  # no bootstrap asked for
    assert a.item("X").index == 100.0  # reported, not counted
    b = results.group("b")
    assert b.factor("F2").index is None
    assert b.factor("F2").interval is None
    assert b.overall.index == 100.0  # only F1 has answers


def test_pooled_overall_and_wilson_bounds() -> None:
    a = survey_results(Q, ROWS, overall="pooled").group("a")
    assert a.overall.index == pytest.approx(60.0)  # 3 of 5 answers
    low, high = wilson_interval(0.6, 5)
    assert (a.overall.low, a.overall.high) == pytest.approx((low * 100, high * 100))
    assert a.overall.interval == "wilson"


def test_wilson_interval_matches_the_formula() -> None:
    p, n = 0.8, 100
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    assert wilson_interval(p, n) == pytest.approx((centre - half, centre + half), abs=1e-12)
    assert wilson_interval(0.0, 10)[0] == 0.0
    assert wilson_interval(1.0, 10)[1] == 1.0
    with pytest.raises(ValueError, match="share"):
        wilson_interval(1.5, 10)
    with pytest.raises(ValueError, match="n must"):
        wilson_interval(0.5, 0)
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(0.5, 10, confidence=1.0)


def test_grouping_by_any_combination() -> None:
    rows = [
        *_responses(("a", {"Q1": 5}), ("a", {"Q1": 1}), service="ho-tich"),
        *_responses(("a", {"Q1": 4})),
    ]
    rows = [r.model_copy(update={"respondent": f"x{i}"}) for i, r in enumerate(rows)]
    by_service = survey_results(Q, rows, by=("unit", "service"))
    assert by_service.keys == (("a", None), ("a", "ho-tich"))
    assert by_service.group("a", "ho-tich").item("Q1").index == 50.0
    everyone = survey_results(Q, rows, by=())
    assert everyone.keys == ((),)
    assert everyone.group().responses == 3
    by_type = survey_results(Q, rows, by=("respondent_type",))
    assert by_type.keys == (("citizen",),)


def test_empty_responses_make_no_groups() -> None:
    results = survey_results(Q, [])
    assert len(results) == 0
    assert results.records() == []


def test_records_and_markdown() -> None:
    results = survey_results(Q, ROWS)
    records = results.records()
    assert len(records) == 2 * 2
    assert records[0] == {
        "unit": "a",
        "level": "factor",
        "code": "F1",
        "index": pytest.approx(200 / 3),
        "low": records[0]["low"],
        "high": records[0]["high"],
        "mean_score": pytest.approx(11 / 3),
        "valid": 3,
        "missing": 1,
        "respondents": 2,
        "effective_n": 3.0,
        "interval": "wilson",
    }
    assert len(results.records("all")) == 2 * (4 + 2 + 1)
    table = results.to_markdown(lang="en")
    assert table.splitlines()[0] == "| unit | code | title | index | 95% CI | n | missing |"
    assert "| a | F1 | Factor 1 | 66.7 |" in table
    assert "| b | F2 | Factor 2 | – | – | 0 | 0 |" in table
    assert "| a | overall | Overall | 58.3 | – | 5 | 2 |" in table
    assert "| a | Q1 | Câu 1 | 50.0 |" in results.to_markdown("item")


def test_arrays_are_read_only_tables() -> None:
    arrays = survey_results(Q, ROWS).arrays("factor")
    assert arrays["index"].shape == (2, 2)
    assert np.isnan(arrays["index"][1, 1])
    with pytest.raises(ValueError, match="read-only"):
        arrays["index"][0, 0] = 1.0


def test_weighted_responses_use_kish_effective_size() -> None:
    rows = [
        Response(respondent="a", unit="u", date=DAY, weight=1.0, answers={"Q1": 5}),
        Response(respondent="b", unit="u", date=DAY, weight=3.0, answers={"Q1": 1}),
    ]
    q1 = survey_results(Q, rows).group("u").item("Q1")
    assert q1.index == pytest.approx(25.0)
    assert q1.effective_n == pytest.approx(effective_sample_size([1.0, 3.0]))
    assert q1.interval == "wilson-kish"
    low, high = wilson_interval(0.25, effective_sample_size([1.0, 3.0]))
    assert (q1.low, q1.high) == pytest.approx((low * 100, high * 100))


def test_bootstrap_is_seeded() -> None:
    rows = _responses(*(("a", {"Q1": 1 + i % 5, "Q3": 5 - i % 3}) for i in range(40)))
    first = survey_results(Q, rows, resamples=300, seed=7).group("a").overall
    again = survey_results(Q, rows, resamples=300, seed=7).group("a").overall
    other = survey_results(Q, rows, resamples=300, seed=8).group("a").overall
    assert first == again
    assert first.interval == "bootstrap"
    assert first.low is not None
    assert first.high is not None
    assert 0 <= first.low <= first.index <= first.high <= 100  # type: ignore[operator]
    assert (first.low, first.high) != (other.low, other.high)


def test_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="distinct names"):
        survey_results(Q, ROWS, by=("province",))
    with pytest.raises(ValueError, match="distinct names"):
        survey_results(Q, ROWS, by=("unit", "unit"))
    with pytest.raises(ValueError, match="overall"):
        survey_results(Q, ROWS, overall="median")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="confidence"):
        survey_results(Q, ROWS, confidence=95)
    with pytest.raises(ValueError, match="resamples"):
        survey_results(Q, ROWS, resamples=-1)


# Comparison


def test_compare_flags_significant_differences() -> None:
    good = _responses(*(("u", {"Q1": 5, "Q3": 5}) for _ in range(200)))
    mixed = _responses(*(("u", {"Q1": 5 if i % 2 else 1, "Q3": 4}) for i in range(200)))
    result = compare(survey_results(Q, good), survey_results(Q, mixed), alpha=0.01)
    q1 = next(r for r in result if r.code == "Q1")
    assert (q1.index_a, q1.index_b, q1.difference) == (100.0, 50.0, -50.0)
    assert q1.significant
    assert q1.z < 0
    assert q1.p_value < 0.01
    q3 = next(r for r in result if r.code == "Q3")
    assert not q3.significant
    assert q3.p_value == 1.0
    overall = next(r for r in result if r.level == "overall")
    assert overall.test == "wald, mean of factors"
    assert overall.significant
    assert {r.code for r in result if r.significant} == {"Q1", "F1", "overall"}
    assert q1.as_dict()["code"] == "Q1"


def test_compare_two_groups_of_one_round() -> None:
    results = survey_results(Q, ROWS, overall="pooled")
    result = compare(results.group("a"), results.group("b"))
    assert {r.code for r in result} == {"Q1", "F1", "overall"}
    assert all(r.test == "two-proportion z" for r in result)


def test_compare_refuses_mismatches() -> None:
    by_unit = survey_results(Q, ROWS)
    with pytest.raises(ValueError, match="grouped by"):
        compare(by_unit, survey_results(Q, ROWS, by=()))
    with pytest.raises(TypeError):
        compare(by_unit, by_unit.group("a"))
    with pytest.raises(ValueError, match="different ways"):
        compare(by_unit, survey_results(Q, ROWS, overall="pooled"))
    with pytest.raises(ValueError, match="alpha"):
        compare(by_unit, by_unit, alpha=0)


# Sample size


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"margin": 0.05}, 385),
        ({"margin": 0.03}, 1068),
        ({"margin": 0.05, "confidence": 0.99}, 664),
        ({"margin": 0.05, "p": 0.8}, 246),
        ({"margin": 0.05, "population": 1000}, 278),
        ({"margin": 0.05, "population": 100}, 80),
        ({"margin": 0.05, "population": 1}, 1),
    ],
)
def test_sample_size(kwargs: dict[str, Any], expected: int) -> None:
    assert sample_size(**kwargs) == expected


@given(st.floats(0.01, 0.2), st.integers(1, 10**6))
def test_sample_size_never_exceeds_population_or_infinite_case(margin: float, n: int) -> None:
    assert sample_size(margin, population=n) <= min(n, sample_size(margin))


@pytest.mark.parametrize(
    "kwargs",
    [{"margin": 0}, {"margin": 1.5}, {"margin": 0.05, "p": 1}, {"margin": 0.05, "population": 0}],
)
def test_sample_size_refuses(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must be"):
        sample_size(**kwargs)


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
    with pytest.raises(SurveyError, match="repeat"):
        _matrix(items=("Q1", "Q1"))
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
