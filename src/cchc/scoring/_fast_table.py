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

_KINDS = {str, bool, int}  # one of them per column (None beside it): never equal across kinds


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
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else []
    columns = columns or [[] for _ in leaves]
    shape = (len(units), len(leaves))
    values: Ints = np.zeros(shape, dtype=np.int64)
    state = np.zeros(shape, dtype=np.int8)
    scales = []
    # Shared by the columns: raw values read and their decimal places, by kind (True == 1,
    # so kinds never mix); codes by raw value, by kind and behaviour.
    reads: dict[type, tuple[dict[object, object], dict[object, int]]] = {}
    coded: dict[tuple[object, ...], tuple[dict[object, int], dict[object, int]]] = {}
    fixed: dict[tuple[int, int], int] = {}
    for col, (leaf, column) in enumerate(zip(leaves, columns, strict=True)):
        kinds = set(map(type, column)) - {type(None)}
        if len(kinds) > 1 or not kinds <= _KINDS:
            raise NotPlainError
        kind = next(iter(kinds), type(None))
        read, places = reads.setdefault(kind, ({}, {}))
        distinct = set(column)
        for raw in distinct.difference(read):
            read[raw] = _read(raw)
            places[raw] = places_of(read[raw]) or 0
        scale = 0
        if isinstance(leaf.rule, NUMBER_RULES) and distinct:
            scale = max(map(places.__getitem__, distinct))
        if scale > MAX_SCALE:
            raise NotPlainError
        behaviour = (kind, _family(leaf), leaf.may_be_not_applicable, scale, range_of(leaf, scale))
        number_of, state_of = coded.setdefault(behaviour, ({}, {}))
        fresh = distinct.difference(number_of)
        if fresh:
            cell = cell_for(leaf, scale, fixed)
            for raw in fresh:
                number_of[raw], state_of[raw] = cell(read[raw], "")
        count = len(column)
        values[:, col] = np.fromiter(map(number_of.__getitem__, column), np.int64, count)
        if any(map(state_of.__getitem__, distinct)):
            state[:, col] = np.fromiter(map(state_of.__getitem__, column), np.int8, count)
        scales.append(scale)
    years = {shell.year for shell in shells}
    if len(years) > 1:
        raise NotPlainError
    points = appraised(framework, shells, columns, column_of)
    year = years.pop() if years else 0
    return RoundTable(framework, year, tuple(units), values, tuple(scales), state, points)


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
