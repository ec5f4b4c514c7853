"""The survey engine: indices, intervals, grouping, comparison and sample sizes on known cases."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _surveys_helpers import DAY, ROWS, Z95, Q, _responses
from cchc.documents.survey import Response
from cchc.surveys import (
    compare,
    effective_sample_size,
    sample_size,
    survey_results,
    wilson_interval,
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
