"""Computing survey results, comparing rounds, planning sample sizes."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from cchc.documents.survey import Questionnaire, Response, SurveyRound
from cchc.errors import SurveyError
from cchc.surveys._matrix import GROUPINGS as _GROUPINGS
from cchc.surveys._matrix import ResponseMatrix
from cchc.surveys._results import Estimate, GroupResult, Level, Overall, SurveyResults
from cchc.surveys._stats import (
    answered_any,
    bootstrap,
    group_rows,
    normal_p_value,
    overall_share,
    tabulate,
    wilson,
    z_value,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray


def survey_results(
    questionnaire: Questionnaire,
    responses: Sequence[Response] | SurveyRound | ResponseMatrix,
    by: Sequence[str] = ("unit",),
    confidence: float = 0.95,
    overall: Overall = "mean-of-factors",
    *,
    resamples: int = 0,
    seed: int = 0,
) -> SurveyResults:
    """Satisfaction indices per group, item and factor, with intervals.

    Args:
        questionnaire: What was asked.
        responses: Response documents, a survey round, or a :class:`ResponseMatrix`.
        by: Grouping dimensions, any of ``"unit"``, ``"service"``, ``"respondent_type"``
            (``()``: one group of all responses).
        confidence: Confidence level of every interval.
        overall: ``"mean-of-factors"`` (default) or ``"pooled"``.
        resamples: Bootstrap resamples for the overall index's interval (0: none;
            then a pooled overall index gets a Wilson interval, a mean of factors none).
        seed: Seed of the bootstrap.

    Returns:
        The results, groups sorted by key.

    Raises:
        SurveyError: The responses do not fit the questionnaire (see
            :func:`check_responses`), or an answer in the matrix is off the scale.
        ValueError: An argument is out of range.
    """
    by = tuple(by)
    unknown = [b for b in by if b not in _GROUPINGS] + [b for b in set(by) if by.count(b) > 1]
    if unknown:
        raise ValueError(f"by takes distinct names among {', '.join(_GROUPINGS)}, not {unknown}")
    if overall not in ("mean-of-factors", "pooled"):
        raise ValueError(f"overall must be 'mean-of-factors' or 'pooled', not {overall!r}")
    if resamples < 0:
        raise ValueError(f"resamples must be >= 0, not {resamples}")
    z = z_value(confidence)
    matrix = (
        responses
        if isinstance(responses, ResponseMatrix)
        else ResponseMatrix.from_responses(questionnaire, responses)
    )
    position = {item.code: k for k, item in enumerate(questionnaire.items)}
    strangers = [code for code in matrix.items if code not in position]
    if strangers:
        raise SurveyError(
            f"{strangers[0]!r} is not an item of questionnaire {questionnaire.code!r}",
            path=("items", matrix.items.index(strangers[0])),
            count=len(strangers),
        )
    groups = group_rows(matrix, by)
    item_sums = tabulate(matrix, groups, questionnaire)
    factor_codes = [f.code for f in questionnaire.factors]
    member = np.zeros((len(position), len(factor_codes)), dtype=np.int64)
    for item in questionnaire.items:
        member[position[item.code], factor_codes.index(item.factor)] = item.in_index
    factor_sums = {name: value @ member.astype(value.dtype) for name, value in item_sums.items()}
    column = {code: j for j, code in enumerate(matrix.items)}
    sets = [
        [column[i.code] for i in questionnaire.items_of(f) if i.in_index and i.code in column]
        for f in factor_codes
    ]
    per_factor, anywhere = answered_any(matrix, groups, sets)
    weighted = matrix.weights is not None
    tables: dict[Level, dict[str, NDArray[Any]]] = {
        "item": _estimates(item_sums, item_sums["valid"], z, weighted=weighted),
        "factor": _estimates(factor_sums, per_factor, z, weighted=weighted),
    }
    pooled = {name: value.sum(axis=1) for name, value in factor_sums.items()}
    tables["overall"] = _estimates(pooled, anywhere, z, weighted=weighted)
    wilson_name = "wilson-kish" if weighted else "wilson"
    overall_interval: str | None = wilson_name if overall == "pooled" else None
    if overall == "mean-of-factors":
        share = overall_share(factor_sums["w_satisfied"], factor_sums["w_valid"], pooled=False)
        with np.errstate(invalid="ignore", divide="ignore"):
            has = factor_sums["w_valid"] > 0
            scores = np.where(has, tables["factor"]["mean_score"], 0.0).sum(axis=1)
            mean_score = scores / has.sum(axis=1)
        no_interval = np.full(groups.count, np.nan)
        tables["overall"].update(
            index=share * 100, mean_score=mean_score, low=no_interval, high=no_interval.copy()
        )
    if resamples:
        low, high = bootstrap(
            matrix,
            groups,
            sets,
            questionnaire.satisfied,
            pooled=overall == "pooled",
            resamples=resamples,
            seed=seed,
            confidence=confidence,
        )
        tables["overall"].update(low=low, high=high)
        overall_interval = "bootstrap"
    for table in tables.values():
        for array in table.values():
            array.flags.writeable = False
    return SurveyResults(
        questionnaire=questionnaire,
        by=by,
        confidence=confidence,
        overall_method=overall,
        keys=groups.keys,
        responses=np.bincount(groups.ids, minlength=groups.count),
        tables=tables,
        intervals={"item": wilson_name, "factor": wilson_name, "overall": overall_interval},
    )


def _estimates(
    sums: Mapping[str, NDArray[Any]],
    respondents: NDArray[np.int64],
    z: float,
    *,
    weighted: bool,
) -> dict[str, NDArray[Any]]:
    w_valid = sums["w_valid"]
    has = w_valid > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(has, sums["w_satisfied"] / w_valid, np.nan)
        mean_score = np.where(has, sums["w_score"] / w_valid, np.nan)
        if weighted:
            n = np.where(has, w_valid * w_valid / sums["w_square"], 0.0)
        else:
            n = sums["valid"].astype(np.float64)
    low, high = wilson(p, n, z)
    return {
        "index": p * 100,
        "low": low * 100,
        "high": high * 100,
        "mean_score": mean_score,
        "effective_n": n,
        "valid": sums["valid"],
        "missing": sums["missing"],
        "respondents": np.asarray(respondents, dtype=np.int64),
    }


@attrs.frozen
class Comparison:
    """One index compared between two groups or rounds (``b`` against ``a``).

    Attributes:
        key_a: Key of the first group.
        key_b: Key of the second group.
        level: ``"item"``, ``"factor"`` or ``"overall"``.
        code: The item or factor code, or ``"overall"``.
        index_a: Index in ``a``.
        index_b: Index in ``b``.
        difference: ``index_b - index_a``, in points.
        z: The test statistic (positive when ``b`` is higher).
        p_value: Two-sided p-value.
        significant: ``p_value < alpha``.
        test: ``"two-proportion z"``, or ``"wald, mean of factors"`` for a
            mean-of-factors overall index (factors taken as independent).
    """

    key_a: tuple[str | None, ...]
    key_b: tuple[str | None, ...]
    level: Level
    code: str
    index_a: float
    index_b: float
    difference: float
    z: float
    p_value: float
    significant: bool
    test: str

    def as_dict(self) -> dict[str, object]:
        """The comparison as plain JSON-ready data."""
        return attrs.asdict(self)


def compare(
    a: GroupResult | SurveyResults, b: GroupResult | SurveyResults, *, alpha: float = 0.05
) -> tuple[Comparison, ...]:
    """Test every index of ``b`` against ``a``: items, factors and overall.

    Two groups are compared directly (two units of one round, one unit in two
    rounds); two results are compared group by group for the keys they share.
    Each share is tested with a two-proportion z-test on effective sample sizes; a
    mean-of-factors overall index with a Wald test, its variance the sum of the
    factors' binomial variances over the number of factors squared (factors taken
    as independent).

    Raises:
        ValueError: ``alpha`` is not between 0 and 1, or results are grouped differently.
        TypeError: A group is compared with a whole set of results.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, not {alpha}")
    if isinstance(a, GroupResult) and isinstance(b, GroupResult):
        pairs = [(a, b)]
    elif isinstance(a, SurveyResults) and isinstance(b, SurveyResults):
        if a.by != b.by:
            raise ValueError(f"results grouped by {a.by} and {b.by} cannot be compared")
        in_b = dict(zip(b.keys, b.groups, strict=True))
        pairs = [(group, in_b[group.key]) for group in a.groups if group.key in in_b]
    else:
        raise TypeError("compare two GroupResult values or two SurveyResults values")
    rows: list[Comparison] = []
    for left, right in pairs:
        if left.overall_method != right.overall_method:
            raise ValueError("overall indices made in different ways cannot be compared")
        levels: tuple[tuple[Level, tuple[Estimate, ...], tuple[Estimate, ...]], ...] = (
            ("item", left.items, right.items),
            ("factor", left.factors, right.factors),
            ("overall", (left.overall,), (right.overall,)),
        )
        for level, xs, ys in levels:
            others = {e.code: e for e in ys}
            for x in xs:
                y = others.get(x.code)
                if y is None or x.index is None or y.index is None:
                    continue
                if level == "overall" and left.overall_method == "mean-of-factors":
                    test = "wald, mean of factors"
                    se = math.sqrt(_factor_variance(left) + _factor_variance(right))
                    z = _ratio(y.index - x.index, 100 * se)
                else:
                    test = "two-proportion z"
                    z = _two_proportion_z(x.index, x.effective_n, y.index, y.effective_n)
                p_value = normal_p_value(z)
                rows.append(
                    Comparison(
                        key_a=left.key,
                        key_b=right.key,
                        level=level,
                        code=x.code,
                        index_a=x.index,
                        index_b=y.index,
                        difference=y.index - x.index,
                        z=z,
                        p_value=p_value,
                        significant=p_value < alpha,
                        test=test,
                    )
                )
    return tuple(rows)


def _ratio(numerator: float, denominator: float) -> float:
    if denominator > 0:
        return numerator / denominator
    return 0.0 if numerator == 0 else math.copysign(math.inf, numerator)


def _two_proportion_z(index_a: float, n_a: float, index_b: float, n_b: float) -> float:
    p_a, p_b = index_a / 100, index_b / 100
    pooled = (p_a * n_a + p_b * n_b) / (n_a + n_b)
    return _ratio(p_b - p_a, math.sqrt(max(pooled * (1 - pooled), 0.0) * (1 / n_a + 1 / n_b)))


def _factor_variance(group: GroupResult) -> float:
    used = [(f.index / 100, f.effective_n) for f in group.factors if f.index is not None]
    if not used:
        return 0.0
    return sum(p * (1 - p) / n for p, n in used) / len(used) ** 2


def sample_size(
    margin: float, confidence: float = 0.95, p: float = 0.5, population: int | None = None
) -> int:
    """Responses needed to estimate a share within ``± margin`` at ``confidence``.

    Cochran's ``n0 = z² p (1 - p) / margin²``, with the finite-population correction
    ``n0 / (1 + (n0 - 1) / population)`` when ``population`` is given; rounded up.

    >>> sample_size(0.05)
    385
    >>> sample_size(0.05, population=1000)
    278

    Raises:
        ValueError: ``margin`` or ``p`` is not strictly between 0 and 1, or
            ``population`` is not a positive whole number.
    """
    if not 0 < margin < 1:
        raise ValueError(f"margin must be between 0 and 1, not {margin}")
    if not 0 < p < 1:
        raise ValueError(f"p must be between 0 and 1, not {p}")
    z = z_value(confidence)
    needed = z * z * p * (1 - p) / (margin * margin)
    if population is not None:
        if isinstance(population, bool) or not isinstance(population, int) or population < 1:
            raise ValueError(f"population must be a positive whole number, not {population!r}")
        needed = needed / (1 + (needed - 1) / population)
    return max(1, math.ceil(round(needed, 9)))


def wilson_interval(share: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a share (both in [0, 1]) from ``n`` trials.

    ``n`` may be an effective (non-integer) sample size.

    >>> low, high = wilson_interval(0.8, 100)
    >>> round(low, 4), round(high, 4)
    (0.7112, 0.8666)

    Raises:
        ValueError: ``share`` is outside [0, 1] or ``n`` is not > 0.
    """
    if not 0 <= share <= 1:
        raise ValueError(f"share must be between 0 and 1, not {share}")
    if not n > 0:
        raise ValueError(f"n must be > 0, not {n}")
    low, high = wilson(np.array([share]), np.array([float(n)]), z_value(confidence))
    return float(low[0]), float(high[0])
