"""Reading the cells of a responses file: codes, dates, weights, respondent types, channels."""

from __future__ import annotations

import math
from collections.abc import Callable

from cchc.documents.survey import RespondentType, ServiceChannel
from cchc.spreadsheets._layout import word_key
from cchc.spreadsheets._read import NoValueError, quoted, read_day
from cchc.vocabulary import LabelledEnum

__all__ = ["FIELDS", "blank"]


def blank(value: object) -> object:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _code(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise NoValueError(f"{quoted(value)} is not a code")
    return str(value).strip()


def _weight(value: object) -> float:
    text = value.strip().replace(",", ".") if isinstance(value, str) else value
    try:
        number = float(text) if isinstance(text, str | int | float) and text is not True else -1.0
    except ValueError:
        number = -1.0
    if isinstance(value, bool) or not math.isfinite(number) or number <= 0:
        raise NoValueError(f"{quoted(value)} is not a weight (a number above 0)")
    return number


def _member(kind: type[LabelledEnum]) -> Callable[[object], str]:
    def read(value: object) -> str:
        key = word_key(str(value))
        for member in kind:
            if key in (member.value, word_key(member.label_vi), word_key(member.label_en)):
                return member.value
        words = ", ".join(m.value for m in kind)
        raise NoValueError(f"{quoted(value)} is not one of {words}")

    return read


FIELDS: dict[str, Callable[[object], object]] = {
    "respondent": _code,
    "unit": _code,
    "service": _code,
    "date": read_day,
    "weight": _weight,
    "respondent_type": _member(RespondentType),
    "channel": _member(ServiceChannel),
}
