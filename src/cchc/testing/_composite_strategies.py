"""Strategies for composite indices (:mod:`cchc.composite`): a tree and its indicator data.

Requires hypothesis (``pip install "cchc[testing]"``).

>>> from hypothesis import given
>>> from cchc.composite import build_index
>>> @given(composite_indices(missing=False))
... def test_scores_in_range(drawn):
...     data, tree = drawn
...     index = build_index(data, tree).index
...     assert ((index >= 0) & (index <= 100)).all()
>>> test_scores_in_range()
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from cchc.composite import IndexTree, IndicatorData

__all__ = ["composite_indices"]

# Few distinct values, so that ties (equal floats, not only equal integers) are common.
_TIED_FLOATS = (-2.5, -0.1, 0.0, 0.1, 0.2, 0.3, 1 / 3, 0.7, 1.5, 2.5, 1e3)
_GROUP_LABELS = (None, "north", "south", "g3")


@st.composite
def composite_indices(
    draw: st.DrawFn,
    *,
    min_units: int = 3,
    max_units: int = 9,
    missing: bool = True,
    ties: bool = False,
    constant: bool = False,
    groups: bool = False,
) -> tuple[IndicatorData, IndexTree]:
    """A two-level composite index and its data.

    Requires hypothesis.

    Args:
        draw: Hypothesis' draw function (given by ``@st.composite``).
        min_units: Fewest units.
        max_units: Most units.
        missing: Some values are NaN, but each indicator keeps two distinct values
            present (one, with ``constant``).
        ties: Values are floats from a short list (so ties are common, and not all are
            whole numbers) instead of whole numbers from -50 to 50 (scaling keeps order).
        constant: Some indicators may have one value for every unit that has one (use
            it with the methods that allow that: not min-max or z-scores).
        groups: The data has a group column ``"region"`` with labels ``"north"``,
            ``"south"``, ``"g3"`` or ``None`` (no label); a label may be missing from
            the data altogether.
    """
    n_units = draw(st.integers(min_units, max_units))
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    tree_groups = {
        f"G{g + 1}": [f"G{g + 1}i{i + 1}" for i in range(k)] for g, k in enumerate(sizes)
    }
    codes = [c for members in tree_groups.values() for c in members]
    directions = {c: draw(st.sampled_from([1, -1])) for c in codes}
    weights = {c: draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])) for c in [*codes, *tree_groups]}
    tree = IndexTree.from_groups(tree_groups, directions=directions, weights=weights)
    cell = st.sampled_from(_TIED_FLOATS) if ties else st.integers(-50, 50).map(float)
    distinct = 1 if constant else 2
    columns = []
    for _ in codes:
        if constant and draw(st.booleans()):
            column = [draw(cell)] * n_units
        else:
            column = draw(
                st.lists(cell, min_size=n_units, max_size=n_units).filter(lambda v: len(set(v)) > 1)
            )
        values = np.array(column, dtype=np.float64)
        if missing:
            holes = np.array(draw(st.lists(st.booleans(), min_size=n_units, max_size=n_units)))
            if len(set(values[~holes].tolist())) >= distinct:
                values[holes] = np.nan
        columns.append(values)
    units = [f"u{i}" for i in range(n_units)]
    labels = {}
    if groups:
        labels["region"] = tuple(
            draw(st.lists(st.sampled_from(_GROUP_LABELS), min_size=n_units, max_size=n_units))
        )
    return IndicatorData(units, codes, np.column_stack(columns), groups=labels), tree
