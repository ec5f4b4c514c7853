"""Imputation of missing indicator values (COINr ``Impute``).

Policies work on the raw data, before treatment and normalisation, and never
change a value that is present. A value that a policy cannot fill (every unit of
its group is missing, say) stays missing and is counted, so aggregation then drops it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs
import numpy as np

from cchc.composite._checks import one_of, whole
from cchc.composite._data import IndicatorData, ScoreTable
from cchc.composite._tree import IndexTree
from cchc.errors import CompositeError

__all__ = ["ByColumn", "ByGroup", "ByRow", "Imputation", "ImputationRecord", "impute"]

Statistic = Literal["mean", "median"]
STATISTICS: tuple[Statistic, ...] = ("mean", "median")


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise CompositeError(
            f"{type(instance).__name__}.{attribute.name} must be a non-empty text", value=value
        )


@attrs.frozen
class ByColumn:
    """Fill with the indicator's mean or median over all units (COINr ``i_mean``/``i_median``)."""

    statistic: Statistic = attrs.field(default="mean", validator=one_of(STATISTICS))


@attrs.frozen
class ByGroup:
    """Fill with the mean or median of the unit's group (``i_mean_grp``/``i_median_grp``).

    Attributes:
        group: The group column of the data (e.g. ``"Pop_group"``). A unit with no
            group label is left missing (and counted as unfilled), as COINr's
            ``i_mean_grp(skip_f_na = TRUE)`` does; its value does not count towards
            any group's statistic.
        statistic: ``"mean"`` or ``"median"``.
    """

    group: str = attrs.field(validator=_text)
    statistic: Statistic = attrs.field(default="mean", validator=one_of(STATISTICS))


@attrs.frozen
class ByRow:
    """Fill with the unit's mean over the other indicators of its group at ``level``.

    As COINr's ``impute_by = "row"`` with ``normalise_first = TRUE``: indicators are
    first min-max scaled to [0, 1] (direction applied), the unit's mean over the
    indicators of its group that it has is taken, and the result is scaled back to
    the indicator's units.

    Attributes:
        level: The level of the aggregates whose indicators form the groups (2: the
            indicator's parent).
    """

    level: int = attrs.field(default=2, validator=whole(2))


Imputation = ByColumn | ByGroup | ByRow
"""One of the imputation policies."""


@attrs.frozen(eq=False, repr=False)
class ImputationRecord:
    """What an imputation did.

    Attributes:
        filled: ``(units, indicators)`` booleans: True where a value was imputed.
        unfilled: Number of values still missing afterwards.
    """

    filled: np.ndarray
    unfilled: int

    def __repr__(self) -> str:
        return f"ImputationRecord(filled={self.count}, unfilled={self.unfilled})"

    @property
    def count(self) -> int:
        """Number of values imputed."""
        return int(self.filled.sum())


def impute(
    table: ScoreTable, policy: Imputation, *, data: IndicatorData, tree: IndexTree
) -> tuple[ScoreTable, ImputationRecord]:
    """Fill missing values of ``table`` (raw indicators) by ``policy``.

    Raises:
        CompositeError: An unknown group column or level.
    """
    x = np.array(table.values)
    missing = np.isnan(x)
    if isinstance(policy, ByColumn):
        fill = _stat(x, policy.statistic)
        x = np.where(missing, fill[None, :], x)
    elif isinstance(policy, ByGroup):
        labels = data.group(policy.group)
        positions = {u: i for i, u in enumerate(data.units)}
        group_of = [labels[positions[u]] for u in table.units]
        for label in dict.fromkeys(g for g in group_of if g is not None):
            members = np.array([g == label for g in group_of])
            block = x[members]
            fill = _stat(block, policy.statistic)
            x[members] = np.where(np.isnan(block), fill[None, :], block)
    elif isinstance(policy, ByRow):
        x = _by_row(x, table.columns, policy, tree)
    else:
        raise CompositeError(
            "not an imputation policy (expected ByColumn, ByGroup or ByRow)", value=policy
        )
    filled = missing & ~np.isnan(x)
    result = ScoreTable(table.units, table.columns, x)
    return result, ImputationRecord(filled, int(np.isnan(x).sum()))


def _stat(x: np.ndarray, statistic: Statistic) -> np.ndarray:
    out = np.full(x.shape[1], np.nan)
    for j in range(x.shape[1]):
        kept = x[:, j][~np.isnan(x[:, j])]
        if kept.size:
            out[j] = np.mean(kept) if statistic == "mean" else np.median(kept)
    return out


def _by_row(x: np.ndarray, columns: Sequence[str], policy: ByRow, tree: IndexTree) -> np.ndarray:
    if policy.level > tree.depth:
        raise CompositeError(f"level must be between 2 and {tree.depth}", value=policy.level)
    directions = np.array([tree.node(c).direction for c in columns], dtype=np.float64)
    xd = x * directions
    # np.fmin/fmax skip NaN without warning about columns that have no value at all
    lo = np.fmin.reduce(xd, axis=0, initial=np.inf)
    hi = np.fmax.reduce(xd, axis=0, initial=-np.inf)
    lo[np.isinf(lo)] = np.nan  # a column with no value cannot be filled from its scale
    constant = hi == lo
    span = np.where(hi > lo, hi - lo, 1.0)
    # COINr's min-max of a constant column is NaN: it has no place on a [0, 1] scale
    scaled = np.where(constant[None, :], np.nan, (xd - lo) / span)
    group = [tree.ancestor_at(c, policy.level) for c in columns]
    out = np.array(x)
    for label in dict.fromkeys(group):
        cols = [j for j, g in enumerate(group) if g == label]
        block = scaled[:, cols]
        with np.errstate(invalid="ignore"):
            counts = (~np.isnan(block)).sum(axis=1)
            means = np.where(counts > 0, np.nansum(block, axis=1) / np.maximum(counts, 1), np.nan)
        for j in cols:
            back = (means * span[j] + lo[j]) * directions[j]
            if constant[j]:
                back = np.full(len(back), lo[j] * directions[j])
            out[:, j] = np.where(np.isnan(x[:, j]), back, x[:, j])
    return out
