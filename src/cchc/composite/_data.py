"""Tables of numbers: the indicator data going in, and every step's scores coming out.

Values are float64 with NaN for a missing value. Arrays are copied and made read-only
on the way in, so a table cannot change after it was built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from cchc._display import import_pandas
from cchc.errors import CompositeError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["IndicatorData", "ScoreTable"]


def _frozen_matrix(values: Any, instance: Any = None) -> np.ndarray:
    try:
        array = np.array(values, dtype=np.float64, copy=True)
    except (TypeError, ValueError):
        _locate_bad_cell(values, instance)
        raise  # _locate_bad_cell always raises; this keeps type checkers content
    if array.ndim != 2:
        raise CompositeError(f"values must be a units x columns table, not {array.ndim}-D")
    array.setflags(write=False)
    return array


def _name(names: Sequence[str], i: int) -> str | None:
    return names[i] if 0 <= i < len(names) else None


def _locate_bad_cell(values: Any, instance: Any) -> None:
    """Raise a :class:`CompositeError` naming the row or cell that is not a number."""
    units: Sequence[str] = getattr(instance, "units", ())
    columns: Sequence[str] = getattr(instance, "indicators", None) or getattr(
        instance, "columns", ()
    )  # type: ignore[assignment]
    try:
        rows = list(values)
    except TypeError:
        raise CompositeError("values must be a units x columns table of numbers") from None
    width = None
    for i, row in enumerate(rows):
        try:
            cells = list(row)
        except TypeError:
            raise CompositeError(
                f"row {i + 1} is not a row of numbers", unit=_name(units, i), value=row
            ) from None
        if width is not None and len(cells) != width:
            raise CompositeError(
                f"row {i + 1} has {len(cells)} values but row 1 has {width}",
                unit=_name(units, i),
            )
        width = len(cells)
        for j, cell in enumerate(cells):
            try:
                float(cell)
            except (TypeError, ValueError):
                raise CompositeError(
                    f"row {i + 1}, column {j + 1}: not a number",
                    unit=_name(units, i),
                    node=_name(columns, j),
                    value=cell,
                ) from None
    raise CompositeError("values must be a units x columns table of numbers")


# takes_self: the converter names the unit and indicator of a bad cell
_MATRIX = attrs.Converter(_frozen_matrix, takes_self=True)


def _strings(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _codes(codes: Sequence[str], what: str) -> tuple[str, ...]:
    out = tuple(str(c) for c in codes)
    seen: set[str] = set()
    for code in out:
        if code in seen:
            raise CompositeError(
                "listed twice",
                unit=code if what == "unit" else None,
                node=code if what == "node" else None,
            )
        seen.add(code)
    return out


@attrs.frozen(eq=False, repr=False)
class ScoreTable:
    """Units × columns of float scores (NaN: missing), e.g. the normalised data set.

    Attributes:
        units: Unit codes, one per row.
        columns: Column codes (indicators or aggregates), one per column.
        values: The ``(units, columns)`` float64 array, read-only.
    """

    units: tuple[str, ...] = attrs.field(converter=_strings)
    columns: tuple[str, ...] = attrs.field(converter=_strings)
    values: np.ndarray = attrs.field(converter=_MATRIX)  # type: ignore[misc]

    def __attrs_post_init__(self) -> None:
        if self.values.shape != (len(self.units), len(self.columns)):
            raise CompositeError(
                f"values are {self.values.shape[0]} x {self.values.shape[1]} but there are "
                f"{len(self.units)} units and {len(self.columns)} columns"
            )
        _codes(self.units, "unit")
        _codes(self.columns, "node")

    def __repr__(self) -> str:
        return f"ScoreTable({len(self.units)} units x {len(self.columns)} columns)"

    def column(self, code: str) -> np.ndarray:
        """The scores of column ``code`` (read-only).

        Raises:
            CompositeError: No such column.
        """
        try:
            return self.values[:, self.columns.index(code)]
        except ValueError:
            raise CompositeError("no such column in the table", node=code) from None

    def value(self, unit: str, code: str) -> float:
        """The score of ``unit`` in column ``code`` (NaN when missing)."""
        try:
            row = self.units.index(unit)
        except ValueError:
            raise CompositeError("no such unit in the table", unit=unit) from None
        return float(self.column(code)[row])

    def select(self, columns: Sequence[str]) -> ScoreTable:
        """The table restricted to ``columns``, in that order."""
        return ScoreTable(
            self.units,
            tuple(columns),
            np.column_stack([self.column(c) for c in columns])
            if columns
            else np.empty((len(self.units), 0)),
        )

    def records(self) -> list[dict[str, Any]]:
        """One dict per unit: ``{"unit": ..., column: value or None}``."""
        return [
            {
                "unit": unit,
                **{
                    c: (None if np.isnan(v) else float(v))
                    for c, v in zip(self.columns, row, strict=True)
                },
            }
            for unit, row in zip(self.units, self.values, strict=True)
        ]

    def to_pandas(self) -> pd.DataFrame:
        """The table as a ``pandas.DataFrame`` indexed by unit (requires the ``dataframe`` extra).

        Raises:
            MissingExtraError: pandas is not installed.
        """
        pandas = import_pandas()
        frame: pd.DataFrame = pandas.DataFrame(
            np.array(self.values),
            index=pandas.Index(self.units, name="unit"),
            columns=list(self.columns),
        )
        return frame

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ScoreTable):
            return NotImplemented
        return (
            self.units == other.units
            and self.columns == other.columns
            and np.array_equal(self.values, other.values, equal_nan=True)
        )

    __hash__ = None  # type: ignore[assignment]


@attrs.frozen(eq=False, repr=False)
class IndicatorData:
    """Raw indicator values of a set of units, as in COINr's ``iData``.

    Attributes:
        units: Unit codes (``uCode``).
        indicators: Indicator codes, one per column of ``values``.
        values: ``(units, indicators)`` float64, NaN where a value is missing.
        names: Unit names (``uName``), empty strings when unknown.
        groups: Group columns (e.g. ``"Pop_group"``): name → one label per unit
            (``None``: missing).
        extra: Other numeric columns kept alongside (``Time``, denominators):
            name → one float per unit.

    >>> data = IndicatorData(["u1", "u2"], ["a", "b"], [[1.0, float("nan")], [2.0, 3.0]])
    >>> data.column("b")
    array([nan,  3.])

    Raises:
        CompositeError: A unit or indicator listed twice, a shape that does not fit,
            or an infinite value (named by unit and indicator).
    """

    units: tuple[str, ...] = attrs.field(converter=_strings)
    indicators: tuple[str, ...] = attrs.field(converter=_strings)
    values: np.ndarray = attrs.field(converter=_MATRIX)  # type: ignore[misc]
    names: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    groups: Mapping[str, tuple[str | None, ...]] = attrs.field(factory=dict)
    extra: Mapping[str, tuple[float, ...]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        _codes(self.units, "unit")
        _codes(self.indicators, "node")
        if self.values.shape != (len(self.units), len(self.indicators)):
            raise CompositeError(
                f"values are {self.values.shape[0]} x {self.values.shape[1]} but there are "
                f"{len(self.units)} units and {len(self.indicators)} indicators"
            )
        bad = np.argwhere(np.isinf(self.values))
        if bad.size:
            row, col = bad[0]
            raise CompositeError(
                f"an infinite value ({len(bad)} in all)",
                unit=self.units[row],
                node=self.indicators[col],
                value=float(self.values[row, col]),
            )
        n = len(self.units)
        if not self.names:
            object.__setattr__(self, "names", ("",) * n)
        if len(self.names) != n:
            raise CompositeError(f"{len(self.names)} names for {n} units")
        groups = {str(k): _labels(str(k), v) for k, v in self.groups.items()}
        extra = {str(k): _numbers(str(k), v, self.units) for k, v in self.extra.items()}
        for name, column in [*groups.items(), *extra.items()]:
            if len(column) != n:
                raise CompositeError(f"column {name} has {len(column)} values for {n} units")
        object.__setattr__(self, "groups", groups)
        object.__setattr__(self, "extra", extra)

    def __repr__(self) -> str:
        missing = int(np.isnan(self.values).sum())
        return (
            f"IndicatorData({len(self.units)} units x {len(self.indicators)} indicators, "
            f"{missing} missing)"
        )

    def column(self, code: str) -> np.ndarray:
        """The values of indicator ``code`` (read-only).

        Raises:
            CompositeError: No such indicator.
        """
        try:
            return self.values[:, self.indicators.index(code)]
        except ValueError:
            raise CompositeError("no such indicator in the data", node=code) from None

    def table(self, indicators: Sequence[str] | None = None) -> ScoreTable:
        """The values as a :class:`ScoreTable`, optionally restricted to ``indicators``.

        Raises:
            CompositeError: An indicator that is not in the data.
        """
        table = ScoreTable(self.units, self.indicators, self.values)
        if indicators is None:
            return table
        missing = [c for c in indicators if c not in self.indicators]
        if missing:
            raise CompositeError(
                f"the data has no column for {len(missing)} indicator(s) of the tree: "
                + ", ".join(missing),
                node=missing[0],
            )
        return table.select(indicators)

    def group(self, name: str) -> tuple[str | None, ...]:
        """The labels of group column ``name``, one per unit.

        Raises:
            CompositeError: No such group column.
        """
        try:
            return self.groups[name]
        except KeyError:
            known = ", ".join(self.groups) or "none"
            raise CompositeError(f"no group column {name!r} (known: {known})") from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndicatorData):
            return NotImplemented
        return (
            self.units == other.units
            and self.indicators == other.indicators
            and np.array_equal(self.values, other.values, equal_nan=True)
            and self.names == other.names
            and dict(self.groups) == dict(other.groups)
            and _same_extra(self.extra, other.extra)
        )

    __hash__ = None  # type: ignore[assignment]


def _labels(name: str, column: Iterable[object]) -> tuple[str | None, ...]:
    out = tuple(column)
    for i, label in enumerate(out):
        if label is not None and not isinstance(label, str):
            raise CompositeError(
                f"group column {name}, row {i + 1}: a label is text or None", value=label
            )
    return out  # type: ignore[return-value]


def _numbers(name: str, column: Iterable[object], units: Sequence[str]) -> tuple[float, ...]:
    out = []
    for i, cell in enumerate(column):
        try:
            out.append(float(cell))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise CompositeError(
                f"column {name}, row {i + 1}: not a number", unit=_name(units, i), value=cell
            ) from None
    return tuple(out)


def _same_extra(a: Mapping[str, tuple[float, ...]], b: Mapping[str, tuple[float, ...]]) -> bool:
    return list(a) == list(b) and all(
        np.array_equal(np.array(a[k]), np.array(b[k]), equal_nan=True) for k in a
    )
