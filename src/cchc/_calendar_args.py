"""What the working-day calendar is given, checked: days, counts of days, and arrays of both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

__all__ = ["as_count", "as_count_array", "as_date_array", "as_day"]

DateArray: TypeAlias = NDArray[np.datetime64]


def as_day(value: object, what: str = "day") -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        kind = type(value).__name__
        raise TypeError(f"{what} must be a datetime.date (not a datetime), got {kind}: {value!r}")
    return value


def as_count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"the number of working days must be an int, got {value!r}")
    return int(value)


def as_date_array(values: Sequence[dt.date] | DateArray) -> DateArray:
    if isinstance(values, np.ndarray):
        if values.dtype.kind != "M":
            raise TypeError(f"dates must be a datetime64 array, not {values.dtype}")
        return values.astype("datetime64[D]", copy=False)
    return np.array([as_day(value, "each date") for value in values], dtype="datetime64[D]")


def as_count_array(values: int | Sequence[int] | NDArray[np.integer]) -> NDArray[np.int64]:
    array = np.asarray(values)
    if array.dtype.kind not in "iu" and array.size:
        raise TypeError(f"the numbers of working days must be integers, not {array.dtype}")
    return array.astype(np.int64, copy=False)
