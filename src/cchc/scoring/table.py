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

import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from cchc.documents.assessment import Assessment, AssessmentRound
from cchc.documents.framework import Framework
from cchc.errors import ScoringError
from cchc.scoring import _encode
from cchc.scoring._encode import (
    ABSENT,
    appraised,
    check_envelope,
    check_fits,
    encode_columns,
    first_error,
    fixed_point,
)

__all__ = ["MISSING", "NOT_APPLICABLE", "VALUE", "RoundTable", "fixed_point"]

Ints = npt.NDArray[np.int64]
VALUE = _encode.VALUE
"""A cell of :attr:`RoundTable.state`: the input is in :attr:`RoundTable.values`."""
NOT_APPLICABLE = _encode.NOT_APPLICABLE
"""A cell of :attr:`RoundTable.state`: the criterion does not apply (input ``null``)."""
MISSING = _encode.MISSING
"""A cell of :attr:`RoundTable.state`: a timeliness criterion's document was never sent
(input ``"missing"``); it scores 0."""


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
        check_fits(self.framework, self.units[0] if self.units else "-")
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
        leaves = framework.leaves()
        codes = [leaf.code for leaf in leaves]
        every = operator.itemgetter(*codes) if len(codes) > 1 else None
        rows = [_row(a.inputs, codes, every) for a in items]
        columns = [list(column) for column in zip(*rows, strict=True)] if rows else []
        if not rows:
            columns = [[] for _ in leaves]
        return cls._encoded(framework, items, columns)

    @classmethod
    def _encoded(
        cls, framework: Framework, items: Sequence[Assessment], columns: list[list[object]]
    ) -> RoundTable:
        """The table of ``items`` whose inputs are ``columns`` (one list per leaf).

        The items' own ``inputs`` are not read: a loader may hand over assessments with
        empty inputs and the inputs as columns.
        """
        if items:
            check_fits(framework, items[0].unit)
        leaves = framework.leaves()
        column_of = {leaf.code: col for col, leaf in enumerate(leaves)}
        units = [a.unit for a in items]
        try:
            for assessment in items:
                check_envelope(framework, assessment, column_of)
            values, scales, state = encode_columns(leaves, units, columns)
            points = appraised(framework, items, lambda row, col: columns[col][row], column_of)
        except ScoringError:
            first_error(framework, items, columns, column_of)  # the card path's order
            raise
        years = {a.year for a in items}
        if len(years) > 1:
            raise ScoringError(items[0].unit, None, f"a round mixes years {sorted(years)}")
        year = years.pop() if years else 0
        return cls(framework, year, tuple(units), values, tuple(scales), state, points)


def _row(
    inputs: Mapping[str, object], codes: Sequence[str], every: Callable[..., Any] | None
) -> Sequence[object]:
    """One assessment's inputs in leaf order, :data:`ABSENT` where none is given."""
    if every is not None:
        try:
            return every(inputs)  # type: ignore[no-any-return]
        except KeyError:
            pass
    return [inputs.get(code, ABSENT) for code in codes]
