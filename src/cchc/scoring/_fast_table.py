"""Parsed JSON of plainly written assessments straight into a :class:`RoundTable`.

:func:`cchc.io.load` builds a document per assessment, reading a million inputs one by
one; scoring then encodes them again into integer columns. When every input of a round
is written plainly (see :mod:`cchc._fast_round`) and each criterion's column holds one
kind of value, the columns can be read directly: each distinct text once (a round
repeats its rates and percentages), the rest mapped in C. Everything but the inputs —
each assessment's unit, year, framework, appraisals… — is still validated by pydantic.

Anything else — a value not written plainly, a column of mixed kinds, any input or
assessment the scoring would refuse — gives ``None``, and the caller takes the document
path, which accepts, refuses and names errors as it always does. What this returns is
the table :meth:`RoundTable.from_assessments` makes of the same documents.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from functools import partial
from itertools import chain
from typing import Any

import numpy as np
from pydantic import ValidationError

from cchc._fast_round import NotPlainError, plain_number, plain_text
from cchc.documents.assessment import Assessment
from cchc.documents.framework import Framework, Node
from cchc.documents.rules import BinaryRule, CountTiersRule, DeductionRule, TimelinessRule
from cchc.errors import CchcError
from cchc.scoring._encode import (
    MAX_SCALE,
    NUMBER_RULES,
    Ints,
    appraised,
    cell_for,
    check_envelope,
    check_fits,
    places_of,
    range_of,
)
from cchc.scoring.table import RoundTable

__all__ = ["fast_table"]

# The kinds of value read here, coded; one of them per column (None beside it).
_NONE = 0
_KINDS: tuple[type, ...] = (type(None), str, bool, int)
_KIND = {kind: code for code, kind in enumerate(_KINDS)}


def fast_table(
    framework: Framework, documents: Sequence[object], check: Callable[[object], None]
) -> tuple[RoundTable, list[Assessment]] | None:
    """The table of the assessments ``documents`` (parsed JSON), or ``None``.

    Args:
        framework: The framework the round is scored under.
        documents: Each assessment as parsed JSON (a round's ``assessments``).
        check: The loader's shape checks, run on each assessment but its inputs.

    Returns:
        The table, and each assessment validated with empty inputs (its unit, year,
        appraisals…), in order; ``None`` to take the document path.
    """
    leaves = framework.leaves()
    codes = [leaf.code for leaf in leaves]
    wanted = set(codes)
    shells: list[Assessment] = []
    rows: list[tuple[object, ...]] = []
    every: Callable[[Any], Any] = operator.itemgetter(*codes)
    try:
        for data in documents:
            if type(data) is not dict or data.get("type", "assessment") != "assessment":
                return None
            inputs = data.get("inputs")
            if type(inputs) is not dict or inputs.keys() != wanted:
                return None
            envelope = {key: value for key, value in data.items() if key != "inputs"}
            if not _simple(envelope):
                check(envelope)
            shells.append(Assessment.model_validate({**envelope, "inputs": {}}))
            given = every(inputs)
            rows.append(given if len(codes) > 1 else (given,))
        return _table(framework, leaves, shells, rows), shells
    except (NotPlainError, ValidationError, CchcError):
        return None


def _table(
    framework: Framework,
    leaves: Sequence[Node],
    shells: Sequence[Assessment],
    rows: Sequence[tuple[object, ...]],
) -> RoundTable:
    units = [shell.unit for shell in shells]
    if units:
        check_fits(framework, units[0])
    column_of = {leaf.code: col for col, leaf in enumerate(leaves)}
    for shell in shells:
        check_envelope(framework, shell, column_of)
    shape = (len(units), len(leaves))
    # Cells are read in the order the parser made them (row by row: a column's values lie
    # far apart in memory): each cell's kind, and the number of its distinct value.
    size = shape[0] * shape[1]
    try:
        kinds = np.fromiter(map(_KIND.__getitem__, map(type, chain(*rows))), np.int8, size)
    except KeyError:  # a kind of value not read here
        raise NotPlainError from None
    seen = _Distinct()
    ids = np.fromiter(map(seen.__getitem__, chain(*rows)), np.intp, size).reshape(shape)
    kinds = kinds.reshape(shape)
    column_kinds = kinds.max(axis=0, initial=_NONE)
    if (np.where(kinds == _NONE, column_kinds, kinds) != column_kinds).any():
        raise NotPlainError  # a column of mixed kinds
    values: Ints = np.zeros(shape, dtype=np.int64)
    state = np.zeros(shape, dtype=np.int8)
    scales = []
    coded: dict[tuple[object, ...], _Codes] = {}
    fixed: dict[tuple[int, int], int] = {}
    for col, leaf in enumerate(leaves):
        column = ids[:, col]
        kind = _KINDS[column_kinds[col]]
        present = seen.present(column)
        scale = 0
        if isinstance(leaf.rule, NUMBER_RULES) and len(present):
            scale = int(seen.read(kind, present)[1][present].max())
        if scale > MAX_SCALE:
            raise NotPlainError
        behaviour = (kind, _family(leaf), leaf.may_be_not_applicable, scale, range_of(leaf, scale))
        codes = coded.setdefault(behaviour, _Codes(seen, kind))
        number, states = codes.of(present, partial(cell_for, leaf, scale, fixed))
        values[:, col] = number[column]
        if states[present].any():
            state[:, col] = states[column]
        scales.append(scale)
    years = {shell.year for shell in shells}
    if len(years) > 1:
        raise NotPlainError
    points = appraised(framework, shells, lambda row, col: rows[row][col], column_of)
    year = years.pop() if years else 0
    return RoundTable(framework, year, tuple(units), values, tuple(scales), state, points)


class _Distinct(dict[object, int]):
    """Distinct raw values, numbered as they are met.

    ``True == 1`` and ``False == 0``: a number may stand for values of two kinds, so
    what it reads as is asked with the kind of the column it is in (:meth:`read`).
    """

    def __init__(self) -> None:
        super().__init__()
        self.raw: list[object] = []
        self._kinds: dict[type, tuple[list[object], Ints, Ints]] = {}

    def __missing__(self, raw: object) -> int:
        number = self[raw] = len(self.raw)
        self.raw.append(raw)
        return number

    def present(self, ids: Ints) -> Ints:
        """The numbers that occur in ``ids``, ascending."""
        seen = np.zeros(len(self.raw), dtype=bool)
        seen[ids] = True
        result: Ints = np.flatnonzero(seen)
        return result

    def read(self, kind: type, present: Ints) -> tuple[list[object], Ints]:
        """What each value reads as in a column of ``kind``, and its decimal places.

        Both by number, once every value is numbered; only those ``present`` (and those
        asked before) are read.
        """
        size = len(self.raw)
        read, places, done = self._kinds.setdefault(
            kind, ([None] * size, np.zeros(size, dtype=np.int64), np.zeros(size, dtype=bool))
        )
        for number in present[~done[present]].tolist():
            raw = self.raw[number]
            value = read[number] = None if raw is None else _read(kind(raw))
            places[number] = places_of(value) or 0
        done[present] = True
        return read, places


class _Codes:
    """Each distinct raw value's cell (integer and state) under one behaviour, by number."""

    def __init__(self, seen: _Distinct, kind: type) -> None:
        self.seen, self.kind = seen, kind
        self.number: Ints = np.zeros(len(seen.raw), dtype=np.int64)
        self.state: Ints = np.zeros(len(seen.raw), dtype=np.int8)
        self.done: Ints = np.zeros(len(seen.raw), dtype=bool)

    def of(
        self, present: Ints, make: Callable[[], Callable[[object, str], tuple[int, int]]]
    ) -> tuple[Ints, Ints]:
        """The cells of every value numbered, those ``present`` computed."""
        fresh = present[~self.done[present]]
        if len(fresh):
            cell = make()
            read = self.seen.read(self.kind, fresh)[0]
            for number in fresh.tolist():
                self.number[number], self.state[number] = cell(read[number], "")
            self.done[fresh] = True
        return self.number, self.state


def _simple(envelope: dict[str, object]) -> bool:
    """Whether the loader's shape checks could find nothing in ``envelope``.

    Text UTF-8 can encode, small numbers and empty mappings pass them all; they are then
    not run, which saves a walk per unit.
    """
    for value in envelope.values():
        kind = type(value)
        if kind is str:
            if not value.isascii():  # type: ignore[attr-defined]
                try:
                    value.encode()  # type: ignore[attr-defined]
                except UnicodeEncodeError:  # a lone surrogate: the checks refuse it
                    return False
        elif kind is int:
            if not -(10**15) < value < 10**15:  # type: ignore[operator]
                return False
        elif value is not None and kind is not bool and value not in ({}, []):
            return False
    return True


def _family(leaf: Node) -> str:
    """How a leaf's cells are encoded: columns of one family, and alike, share codes."""
    rule = leaf.rule
    if isinstance(rule, BinaryRule):
        return "yes/no"
    if isinstance(rule, CountTiersRule | DeductionRule):
        return "count"
    if isinstance(rule, TimelinessRule):
        return "day"
    return "number"


def _read(raw: object) -> object:
    """The value pydantic gives a plainly written input (``NotPlainError`` otherwise)."""
    if raw is None or raw is True or raw is False:
        return raw
    if type(raw) is str:
        return plain_text(raw)
    return plain_number(raw)
