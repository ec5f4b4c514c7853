"""Batch scoring of large rounds in compact columns, with the same digits as :func:`score`.

A :class:`RoundTable` holds a round as one integer column per leaf criterion (values
in fixed point, dates as day numbers) plus masks for "not applicable" and "missing"
and the appraised points; :func:`cchc.scoring.batch.score_table` scores every unit
at once from it with exact integer arithmetic, and ranks and bands them.

>>> from cchc import datasets
>>> from cchc.scoring import score_round
>>> from cchc.scoring.batch import score_table
>>> from cchc.scoring.table import RoundTable
>>> framework = datasets.framework("illustrative-district")
>>> round_ = datasets.assessment_round("huong-son-communes-2024")
>>> fast = score_table(RoundTable.from_assessments(framework, round_.assessments))
>>> fast.rows == score_round(framework, round_).rows
True

Requires numpy (a core dependency, imported only when this module is).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

import attrs
import numpy as np
import numpy.typing as npt

from cchc.documents.assessment import Assessment, AssessmentRound
from cchc.documents.framework import Framework, Node
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    ProportionalRule,
    SurveyRule,
    TargetRule,
    TiersRule,
    TimelinessRule,
)
from cchc.errors import ScoringError
from cchc.scoring._rules import check_points

__all__ = ["MISSING", "NOT_APPLICABLE", "VALUE", "RoundTable", "fixed_point"]

Ints = npt.NDArray[np.int64]
VALUE = 0
"""A cell of :attr:`RoundTable.state`: the input is in :attr:`RoundTable.values`."""
NOT_APPLICABLE = 1
"""A cell of :attr:`RoundTable.state`: the criterion does not apply (input ``null``)."""
MISSING = 2
"""A cell of :attr:`RoundTable.state`: a timeliness criterion's document was never sent
(input ``"missing"``); it scores 0."""
_NO_APPRAISAL = -1
_HUGE = 2**62  # inputs in int64 columns, with room for the scoring's sums
_TOO_LARGE = "too large to batch-score in 64-bit columns; use cchc.score"
_ABSENT = object()  # an input not given at all (None is "not applicable")
_MAX_SCALE = 9  # finer inputs would scale their whole column past 64 bits


@attrs.frozen(eq=False)
class RoundTable:
    """A round of assessments as integer columns, one per leaf criterion.

    Attributes:
        framework: The framework the round is scored under.
        year: The year assessed.
        units: Unit codes, one per row.
        values: ``units × leaves`` inputs: numbers × ``10**scales[j]``, yes/no as 1/0,
            counts as is, dates as proleptic ordinals.
        scales: Decimal places of each column's fixed point.
        state: Per cell, :data:`VALUE`, :data:`NOT_APPLICABLE` or :data:`MISSING`.
        appraised: Appraised points × ``10**framework.places``, or −1 where none.

    Raises:
        ScoringError: A unit appears twice, or the framework's maximum in fixed point
            (``max_points × 10**places``) does not fit 64-bit columns.
    """

    framework: Framework
    year: int
    units: tuple[str, ...]
    values: Ints
    scales: tuple[int, ...]
    state: npt.NDArray[np.int8]
    appraised: Ints

    def __attrs_post_init__(self) -> None:
        _check_fits(self.framework, self.units[0] if self.units else "-")
        seen: set[str] = set()
        for unit in self.units:
            if unit in seen:
                raise ScoringError(unit, None, "assessed more than once in the round")
            seen.add(unit)

    @functools.cached_property
    def unit_order(self) -> Ints:
        """Each unit's position in code order (ties in rank are listed by unit code)."""
        order = np.empty(len(self.units), dtype=np.int64)
        order[np.argsort(np.array(self.units))] = np.arange(len(self.units))
        return order

    @classmethod
    def from_assessments(
        cls, framework: Framework, assessments: AssessmentRound | Iterable[Assessment]
    ) -> RoundTable:
        """Encode assessments into columns, checking them as :func:`score` does.

        Raises:
            ScoringError: As :func:`cchc.score` would, naming unit, criterion and value;
                or, as :func:`cchc.score_round` would, a unit is assessed twice or the
                round mixes years.
        """
        items: Sequence[Assessment] = (
            assessments.assessments
            if isinstance(assessments, AssessmentRound)
            else tuple(assessments)
        )
        if items:
            _check_fits(framework, items[0].unit)
        leaves = framework.leaves()
        codes = [leaf.code for leaf in leaves]
        column_of = {code: col for col, code in enumerate(codes)}
        scales = [_column_scale(leaf, items) for leaf in leaves]
        encoders = [_encoder(leaf, scale) for leaf, scale in zip(leaves, scales, strict=True)]
        timely = [isinstance(leaf.rule, TimelinessRule) for leaf in leaves]
        shape = (len(items), len(leaves))
        rows: list[list[int]] = []
        state = np.zeros(shape, dtype=np.int8)
        appraised = np.full(shape, _NO_APPRAISAL, dtype=np.int64)
        years = set()
        for row, assessment in enumerate(items):
            _check_envelope(framework, assessment, column_of)
            years.add(assessment.year)
            unit, inputs = assessment.unit, assessment.inputs
            encoded: list[int] = []
            for col, code in enumerate(codes):
                value = inputs.get(code, _ABSENT)
                if value is None:
                    if not leaves[col].may_be_not_applicable:
                        raise ScoringError(
                            unit, code, "declared not applicable, which it may not be"
                        )
                    state[row, col] = NOT_APPLICABLE
                    encoded.append(0)
                elif value is _ABSENT:
                    raise ScoringError(
                        unit, code, "no input: give a value, or null if it does not apply"
                    )
                elif timely[col] and value == "missing":
                    state[row, col] = MISSING
                    encoded.append(0)
                else:
                    encoded.append(encoders[col](value, unit))
            rows.append(encoded)
            for code, appraisal in assessment.appraisals.items():
                col = column_of[code]
                check_points(framework, leaves[col], appraisal.points, "appraised", unit)
                if inputs[code] is None:
                    raise ScoringError(
                        unit, code, "points given for a criterion declared not applicable"
                    )
                appraised[row, col] = fixed_point(appraisal.points, framework.places)
            for code, claimed in assessment.self_points.items():
                col = column_of[code]
                check_points(framework, leaves[col], claimed, "self-assessed", unit)
                if inputs[code] is None:
                    raise ScoringError(
                        unit, code, "points given for a criterion declared not applicable"
                    )
        values = np.array(rows, dtype=np.int64).reshape(shape)
        if len(years) > 1:
            raise ScoringError(items[0].unit, None, f"a round mixes years {sorted(years)}")
        year = years.pop() if years else 0
        table = cls(
            framework, year, tuple(a.unit for a in items), values, tuple(scales), state, appraised
        )
        _check_ranges(table)
        return table


def _check_fits(framework: Framework, unit: str) -> None:
    """Every unit's points (at most the framework's maximum) must fit 64-bit columns."""
    if fixed_point(framework.max_points, framework.places) >= _HUGE:
        raise ScoringError(
            unit,
            None,
            f"the framework's maximum of {framework.max_points} points at"
            f" {framework.places} places is {_TOO_LARGE}",
        )


def _check_envelope(framework: Framework, assessment: Assessment, codes: Mapping[str, int]) -> None:
    unit = assessment.unit
    if (assessment.framework, assessment.edition) != (framework.code, framework.edition):
        raise ScoringError(
            unit,
            None,
            f"assessed under {assessment.framework}"
            f" ({assessment.edition}), not {framework.code} ({framework.edition})",
        )
    for field, given in (
        ("inputs", assessment.inputs),
        ("appraisals", assessment.appraisals),
        ("self_points", assessment.self_points),
    ):
        for code in given:
            if code not in codes:
                raise ScoringError(
                    unit, code, f"{field} names a criterion that is not a leaf of {framework.code}"
                )


def _column_scale(leaf: Node, items: Sequence[Assessment]) -> int:
    if not isinstance(
        leaf.rule, TiersRule | ProportionalRule | TargetRule | SurveyRule | ManualRule
    ):
        return 0
    scale, finest = 0, ""
    for assessment in items:
        value = assessment.inputs.get(leaf.code)
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > _MAX_SCALE:
                exponent = value.normalize().as_tuple().exponent  # 0.9500000000 is 0.95
            if isinstance(exponent, int) and -exponent > scale:
                scale, finest = -exponent, assessment.unit
    if scale > _MAX_SCALE:
        raise ScoringError(
            finest,
            leaf.code,
            f"inputs with more than {_MAX_SCALE} decimal places that count"
            " cannot be batch-scored; use cchc.score",
        )
    return scale


def fixed_point(value: Decimal | int, scale: int) -> int:
    """``value × 10**scale`` as an exact integer (the value has at most ``scale`` places)."""
    return int(Decimal(value).scaleb(scale))


def _encoder(leaf: Node, scale: int) -> Callable[[object, str], int]:
    """How a leaf's input becomes an integer, checked as :func:`cchc.score` checks it."""
    rule, code = leaf.rule, leaf.code
    if isinstance(rule, BinaryRule):

        def binary(value: object, unit: str) -> int:
            if value is True or value is False:
                return int(value)
            raise ScoringError(unit, code, "a yes/no rule needs true or false", value)

        return binary
    if isinstance(rule, CountTiersRule | DeductionRule):

        def count(value: object, unit: str) -> int:
            if type(value) is int and 0 <= value < _HUGE:
                return value
            if isinstance(value, bool):
                raise ScoringError(unit, code, "this rule needs a count", value)
            number: int | None = None
            if isinstance(value, int):
                number = value
            elif isinstance(value, Decimal) and value == value.to_integral_value():
                number = int(value)
            if number is None or number < 0:
                raise ScoringError(unit, code, "this rule needs a whole count of 0 or more", value)
            if number >= _HUGE:
                raise ScoringError(unit, code, _TOO_LARGE, value)
            return number

        return count
    if isinstance(rule, TimelinessRule):

        def day(value: object, unit: str) -> int:
            if isinstance(value, dt.date):
                return value.toordinal()
            raise ScoringError(unit, code, 'a timeliness rule needs a date or "missing"', value)

        return day

    factor: int = 10**scale

    def number(value: object, unit: str) -> int:
        if isinstance(value, Decimal):
            encoded = int(value.scaleb(scale))
        elif type(value) is int:
            encoded = value * factor
        else:
            raise ScoringError(unit, code, "this rule needs a number", value)
        if -_HUGE < encoded < _HUGE:
            return encoded
        raise ScoringError(unit, code, _TOO_LARGE, value)

    return number


def _check_ranges(table: RoundTable) -> None:
    """Rates in [0, 1], percentages in [0, 100], manual points in [0, max], as score() does."""
    framework = table.framework
    for col, leaf in enumerate(framework.leaves()):
        rule = leaf.rule
        one = 10 ** table.scales[col]
        if (isinstance(rule, TiersRule) and rule.on == "rate") or isinstance(
            rule, ProportionalRule | TargetRule
        ):
            high, what = one, "rate"
        elif isinstance(rule, SurveyRule):
            high, what = 100 * one, "percentage"
        elif isinstance(rule, ManualRule):
            high, what = fixed_point(leaf.max_points, table.scales[col]), "points"
        else:
            continue
        column = table.values[:, col]
        bad = (table.state[:, col] == VALUE) & ((column < 0) | (column > high))
        if bad.any():
            row = int(np.argmax(bad))
            value = Decimal(int(column[row])).scaleb(-table.scales[col])
            limit = f"{Decimal(high).scaleb(-table.scales[col]).normalize():f}"
            raise ScoringError(
                table.units[row], leaf.code, f"the {what} must lie in [0, {limit}]", value
            )
