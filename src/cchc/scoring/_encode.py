"""How a round's inputs become the integer columns of a :class:`~cchc.scoring.table.RoundTable`.

Every cell is checked as :func:`cchc.score` checks it. Columns are encoded one leaf at a
time (quick); when anything is wrong, the round is gone through again unit by unit, so
the error named is the one scoring the units in order would meet first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import partial

import numpy as np
import numpy.typing as npt

from cchc.documents.assessment import Assessment
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
from cchc.scoring._rules import check_envelope, check_points

__all__ = [
    "ABSENT",
    "HUGE",
    "MAX_SCALE",
    "MISSING",
    "NOT_APPLICABLE",
    "NUMBER_RULES",
    "VALUE",
    "appraised",
    "cell_for",
    "check_envelope",
    "check_fits",
    "encode_columns",
    "first_error",
    "fixed_point",
    "places_of",
    "range_of",
]

Ints = npt.NDArray[np.int64]
# The states of a cell (documented in cchc.scoring.table, which exports them).
VALUE, NOT_APPLICABLE, MISSING = 0, 1, 2
NO_APPRAISAL = -1
HUGE = 2**62  # inputs in int64 columns, with room for the scoring's sums
TOO_LARGE = "too large to batch-score in 64-bit columns; use cchc.score"
_NO_INPUT = "no input: give a value, or null if it does not apply"
ABSENT: object = object()  # an input not given at all (None is "not applicable")
MAX_SCALE = 9  # finer inputs would scale their whole column past 64 bits
NUMBER_RULES = (TiersRule, ProportionalRule, TargetRule, SurveyRule, ManualRule)
"""The rules whose inputs are numbers in fixed point (a scale per column)."""


def encode_columns(
    leaves: Sequence[Node], units: Sequence[str], columns: Sequence[Sequence[object]]
) -> tuple[Ints, list[int], npt.NDArray[np.int8]]:
    """The inputs as ``units × leaves`` integers, each column's scale, and the cell states.

    Raises:
        ScoringError: A cell cannot be scored (not necessarily the first in unit order:
            see :func:`first_error`).
    """
    shape = (len(units), len(leaves))
    values = np.zeros(shape, dtype=np.int64)
    state = np.zeros(shape, dtype=np.int8)
    scales = []
    exponents: dict[int, int | None] = {}  # shared by the columns, by object identity
    for col, (leaf, column) in enumerate(zip(leaves, columns, strict=True)):
        # Each distinct object once: loaders share the objects of repeated values.
        ids = list(map(id, column))
        distinct = dict(zip(ids, column, strict=True))
        scale = _column_scale(leaf, units, column, distinct, exponents)
        cell = cell_for(leaf, scale)
        number_of: dict[int, int] = {}
        state_of: dict[int, int] = {}
        for key, value in distinct.items():
            try:
                number_of[key], state_of[key] = cell(value, "")
            except ScoringError as error:  # name the first unit that gave the value
                row = next(r for r, given in enumerate(column) if given is value)
                raise ScoringError(units[row], error.criterion, error.reason, error.value) from None
        values[:, col] = list(map(number_of.__getitem__, ids))
        if any(state_of.values()):
            state[:, col] = list(map(state_of.__getitem__, ids))
        scales.append(scale)
    return values, scales, state


def first_error(
    framework: Framework,
    items: Sequence[Assessment],
    columns: Sequence[Sequence[object]],
    column_of: Mapping[str, int],
) -> None:
    """Raise the error that scoring ``items`` one by one, in order, meets first (if any)."""
    leaves = framework.leaves()
    units = [a.unit for a in items]
    exponents: dict[int, int | None] = {}
    cells = [
        cell_for(leaf, _column_scale(leaf, units, column, {id(v): v for v in column}, exponents))
        for leaf, column in zip(leaves, columns, strict=True)
    ]
    for row, assessment in enumerate(items):
        check_envelope(framework, assessment, column_of)
        for col, cell in enumerate(cells):
            cell(columns[col][row], assessment.unit)
        appraised(framework, [assessment], partial(_value_at, columns, row), column_of)


def _value_at(columns: Sequence[Sequence[object]], row: int, _: int, col: int) -> object:
    return columns[col][row]


def appraised(
    framework: Framework,
    items: Sequence[Assessment],
    value_at: Callable[[int, int], object],
    column_of: Mapping[str, int],
) -> Ints:
    """Appraised points × ``10**places`` (−1 where none), self-assessed points checked.

    ``value_at(row, column)`` is the input of ``items[row]`` in that column.
    """
    leaves = framework.leaves()
    out = np.full((len(items), len(leaves)), NO_APPRAISAL, dtype=np.int64)
    for row, assessment in enumerate(items):
        unit = assessment.unit
        for code, appraisal in assessment.appraisals.items():
            col = column_of[code]
            check_points(framework, leaves[col], appraisal.points, "appraised", unit)
            if value_at(row, col) is None:
                raise ScoringError(
                    unit, code, "points given for a criterion declared not applicable"
                )
            out[row, col] = fixed_point(appraisal.points, framework.places)
        for code, claimed in assessment.self_points.items():
            col = column_of[code]
            check_points(framework, leaves[col], claimed, "self-assessed", unit)
            if value_at(row, col) is None:
                raise ScoringError(
                    unit, code, "points given for a criterion declared not applicable"
                )
    return out


def cell_for(
    leaf: Node, scale: int, fixed: dict[tuple[int, int], int] | None = None
) -> Callable[[object, str], tuple[int, int]]:
    """One cell's integer and state, checked as :func:`cchc.score` checks it.

    ``fixed``: see :func:`_encoder`.
    """
    encode = _encoder(leaf, scale, fixed)
    code, optional = leaf.code, leaf.may_be_not_applicable
    timely = isinstance(leaf.rule, TimelinessRule)
    bounds = range_of(leaf, scale)

    def cell(value: object, unit: str) -> tuple[int, int]:
        if value is None:
            if not optional:
                raise ScoringError(unit, code, "declared not applicable, which it may not be")
            return 0, NOT_APPLICABLE
        if value is ABSENT:
            raise ScoringError(unit, code, _NO_INPUT)
        if timely and value == "missing":
            return 0, MISSING
        encoded = encode(value, unit)
        if bounds is not None and not 0 <= encoded <= bounds[0]:
            raise _out_of_range(leaf, scale, value, unit)
        return encoded, VALUE

    return cell


def range_of(leaf: Node, scale: int) -> tuple[int, str] | None:
    """The largest input in fixed point and its name, for rules whose inputs are bounded.

    Rates lie in [0, 1], percentages in [0, 100] and manual points in [0, max], as
    :func:`cchc.score` checks.
    """
    rule, one = leaf.rule, 10**scale
    if (isinstance(rule, TiersRule) and rule.on == "rate") or isinstance(
        rule, ProportionalRule | TargetRule
    ):
        return one, "rate"
    if isinstance(rule, SurveyRule):
        return 100 * one, "percentage"
    if isinstance(rule, ManualRule):
        return fixed_point(leaf.max_points, scale), "points"
    return None


def _out_of_range(leaf: Node, scale: int, value: object, unit: str) -> ScoringError:
    high, what = range_of(leaf, scale) or (0, "input")
    limit = f"{Decimal(high).scaleb(-scale).normalize():f}"
    return ScoringError(unit, leaf.code, f"the {what} must lie in [0, {limit}]", value)


def check_fits(framework: Framework, unit: str) -> None:
    """Every unit's points (at most the framework's maximum) must fit 64-bit columns."""
    if fixed_point(framework.max_points, framework.places) >= HUGE:
        raise ScoringError(
            unit,
            None,
            f"the framework's maximum of {framework.max_points} points at"
            f" {framework.places} places is {TOO_LARGE}",
        )


def _column_scale(
    leaf: Node,
    units: Sequence[str],
    column: Sequence[object],
    distinct: Mapping[int, object],
    exponents: dict[int, int | None],
) -> int:
    """The decimal places a number column's fixed point needs (those that count).

    ``distinct`` holds the column's objects by identity; ``exponents`` remembers each
    number's places across columns.
    """
    if not isinstance(leaf.rule, NUMBER_RULES):
        return 0
    scale, finest = 0, None
    for key, value in distinct.items():
        places = exponents.get(key)
        if places is None and key not in exponents:
            places = exponents[key] = places_of(value)
        if places is not None and places > scale:
            scale, finest = places, value
    if scale > MAX_SCALE:
        row = next(r for r, given in enumerate(column) if given is finest)
        raise ScoringError(
            units[row],
            leaf.code,
            f"inputs with more than {MAX_SCALE} decimal places that count"
            " cannot be batch-scored; use cchc.score",
        )
    return scale


def places_of(value: object) -> int | None:
    """The decimal places of a number that count (``None`` for what is not a decimal)."""
    if not isinstance(value, Decimal):
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_SCALE:
        exponent = value.normalize().as_tuple().exponent  # 0.9500000000 is 0.95
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def fixed_point(value: Decimal | int, scale: int) -> int:
    """``value × 10**scale`` as an exact integer (the value has at most ``scale`` places)."""
    return int(Decimal(value).scaleb(scale))


def _encoder(
    leaf: Node, scale: int, fixed: dict[tuple[int, int], int] | None = None
) -> Callable[[object, str], int]:
    """How a leaf's input becomes an integer, checked as :func:`cchc.score` checks it.

    ``fixed`` remembers decimals in fixed point by identity and scale, across columns:
    the caller keeps the decimals alive while it is used.
    """
    rule, code = leaf.rule, leaf.code
    if isinstance(rule, BinaryRule):

        def binary(value: object, unit: str) -> int:
            if value is True or value is False:
                return int(value)
            raise ScoringError(unit, code, "a yes/no rule needs true or false", value)

        return binary
    if isinstance(rule, CountTiersRule | DeductionRule):

        def count(value: object, unit: str) -> int:
            if type(value) is int and 0 <= value < HUGE:
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
            if number >= HUGE:
                raise ScoringError(unit, code, TOO_LARGE, value)
            return number

        return count
    if isinstance(rule, TimelinessRule):

        def day(value: object, unit: str) -> int:
            if isinstance(value, dt.date):
                return value.toordinal()
            raise ScoringError(unit, code, 'a timeliness rule needs a date or "missing"', value)

        return day

    factor: int = 10**scale
    known = fixed if fixed is not None else {}

    def number(value: object, unit: str) -> int:
        if isinstance(value, Decimal):
            key = (id(value), scale)
            encoded = known.get(key)
            if encoded is None:
                encoded = known[key] = int(value.scaleb(scale))
        elif type(value) is int:
            encoded = value * factor
        else:
            raise ScoringError(unit, code, "this rule needs a number", value)
        if -HUGE < encoded < HUGE:
            return encoded
        raise ScoringError(unit, code, TOO_LARGE, value)

    return number
