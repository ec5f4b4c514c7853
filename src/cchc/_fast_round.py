"""A quick road from parsed JSON to an :class:`~cchc.documents.AssessmentRound`.

A round of 10,000 units × 100 criteria holds a million inputs; validating each through
pydantic's union of input kinds is most of the time it takes to load. Almost every input
is written plainly, though: ``true``, ``3``, ``"0.9523"``, ``"2024-03-01"``,
``"missing"`` or ``null``. This module validates everything else of the round with
pydantic — the round's fields and each assessment's fields but its inputs — and reads
the plain inputs itself into exactly the values pydantic would give. At the first input
that is not plain it gives up (returns ``None``) and the caller validates the whole
document the usual way, so what is accepted, what is refused and every error message
are those of the document path.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from cchc.documents._types import MAX_MAGNITUDE, bounded
from cchc.documents.assessment import Assessment, AssessmentRound
from cchc.errors import CchcError

__all__ = ["NotPlainError", "fast_round", "plain_number", "plain_text"]

# Plain forms only: what these match, pydantic reads to the same value.
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,28})?")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")  # cchc.documents.Code, unstripped
_CODES: set[str] = set()  # criterion codes already seen to be plain
_LIMIT = 10**MAX_MAGNITUDE
_TEXTS_KEPT = 200_000  # texts read, kept (their values are immutable)


class NotPlainError(Exception):
    """An input the quick road does not read; the document path will."""


def fast_round(value: Mapping[str, Any], check: Any) -> AssessmentRound | None:
    """The round ``value`` (parsed JSON) holds, or ``None`` to take the document path.

    Args:
        value: A mapping whose ``type`` is ``"assessment-round"``.
        check: Called on every part validated by pydantic here (everything but the
            inputs) before it is validated: the loader's shape checks.
    """
    assessments = value.get("assessments")
    if not isinstance(assessments, list):
        return None
    try:
        head = {key: item for key, item in value.items() if key != "assessments"}
        check(head)
        round_ = AssessmentRound.model_validate({**head, "assessments": ()})
        items = []
        for data in assessments:
            if not isinstance(data, dict) or not isinstance(data.get("inputs"), dict):
                return None
            envelope = {key: item for key, item in data.items() if key != "inputs"}
            check(envelope)
            shell = Assessment.model_validate({**envelope, "inputs": {}})
            given = data["inputs"]
            if not given.keys() <= _CODES:
                _check_codes(given)
            inputs = {
                code: _TEXTS[item]
                if type(item) is str
                else item
                if item is None or item is True or item is False
                else plain_number(item)
                for code, item in given.items()
            }
            items.append(shell.model_copy(update={"inputs": inputs}))
    except (NotPlainError, ValidationError, CchcError):
        return None
    return round_.model_copy(update={"assessments": tuple(items)})


def _check_codes(inputs: Mapping[object, object]) -> None:
    """Note the inputs' criterion codes as plain, or give up at one pydantic would change."""
    for code in inputs:
        if type(code) is not str or not _CODE.fullmatch(code):
            raise NotPlainError
        _CODES.add(code)


def plain_number(value: object) -> object:
    """A count or a JSON number read as pydantic reads it."""
    if type(value) is int:
        if -_LIMIT < value < _LIMIT:
            return value
    elif type(value) is Decimal and value.is_finite():
        try:
            return bounded(value)
        except ValueError:
            raise NotPlainError from None
    raise NotPlainError


class _Texts(dict[str, object]):
    """Plain texts already read: rates and percentages repeat, so each is read once."""

    def __missing__(self, text: str) -> object:
        read = _text(text)
        if len(self) < _TEXTS_KEPT:
            self[text] = read
        return read


def _text(text: str) -> object:
    """A plain text input read as pydantic reads it: a number, a day or ``"missing"``."""
    if _DECIMAL.fullmatch(text):
        try:
            return bounded(Decimal(text))
        except ValueError:  # more significant digits than a number may have
            raise NotPlainError from None
    if text == "missing":
        return text
    if len(text) == 10 and _DAY.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise NotPlainError from None
    raise NotPlainError


_TEXTS = _Texts()


def plain_text(text: str) -> object:
    """A plain text input read as pydantic reads it (each distinct text read once).

    Raises:
        NotPlainError: The text is not written plainly.
    """
    return _TEXTS[text]
