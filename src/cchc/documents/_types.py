"""Annotated field types shared by every document, and the document base class.

One place defines what a code, a text, a year or a symbol is, so every document
validates them the same way and every text field is NFC-normalised on input.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from cchc.text import normalize, normalize_multiline

__all__ = [
    "MAX_DIGITS",
    "MAX_MAGNITUDE",
    "MAX_PLACES",
    "Code",
    "Day",
    "Document",
    "DocumentPart",
    "LongText",
    "Number",
    "Percent",
    "Symbol",
    "Text",
    "Titled",
    "Url",
    "Year",
    "bounded",
    "describe",
]


@functools.lru_cache(maxsize=4096)  # a round repeats its edition in every assessment
def _canonical_symbol(value: str) -> str:
    from cchc.symbols import parse_instrument  # noqa: PLC0415 - keeps symbols off the import path

    return str(parse_instrument(value))


def _encodable(value: str) -> str:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ValueError(f"character {error.start} is a lone surrogate, not text") from None
    return value


Text = Annotated[
    str,
    AfterValidator(_encodable),
    AfterValidator(normalize),
    StringConstraints(min_length=1, max_length=2000),
]
"""Free text on one line: NFC, trimmed, inner whitespace collapsed, not empty."""

LongText = Annotated[
    str,
    AfterValidator(_encodable),
    AfterValidator(normalize_multiline),
    StringConstraints(min_length=1, max_length=20000),
]
"""Free text that may span lines: NFC and trimmed, line breaks kept."""

Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
    ),
]
"""A stable identifier: ASCII letters, digits and ``. _ : -``, starting with a letter or digit."""

Symbol = Annotated[str, AfterValidator(_canonical_symbol), StringConstraints(max_length=100)]
"""A Vietnamese document symbol, stored in canonical form (``"6734/QĐ-UBND"``)."""

Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://\S+$")]
"""An http(s) address, kept exactly as written."""


def _not_a_number(value: object) -> object:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise ValueError(f"a date is written YYYY-MM-DD, not as the number {value}")
    return value


Day = Annotated[dt.date, BeforeValidator(_not_a_number)]
"""A calendar day, written ``YYYY-MM-DD`` (a number is refused, not read as a timestamp)."""

Year = Annotated[int, Field(ge=1945, le=2100)]
"""A calendar year between 1945 and 2100."""

MAX_DIGITS = 28
"""The most significant digits a number may have (trailing zeros do not count)."""

MAX_PLACES = 28
"""The finest decimal place a number may use: no digit below ``10**-28`` but zeros."""

MAX_MAGNITUDE = 15
"""Numbers lie strictly between ``-10**15`` and ``10**15``."""


_SHORT = MAX_DIGITS + 1  # written without an exponent in this many characters: within bounds


def bounded(value: Decimal) -> Decimal:
    """Refuse a number outside the bounds every document number keeps.

    A number has at most :data:`MAX_DIGITS` significant digits, none finer than
    ``10**-MAX_PLACES``, and lies strictly between ``±10**MAX_MAGNITUDE``: well past
    any points, rate, percentage or amount, and small enough that every sum and product
    the library takes of such numbers is exact and quick. A value written with more
    trailing zeros than :data:`MAX_DIGITS` digits is kept without the extra zeros.

    >>> bounded(Decimal("0.95"))
    Decimal('0.95')
    >>> bounded(Decimal("1E-999999999"))
    Traceback (most recent call last):
    ...
    ValueError: 1E-999999999 has digits finer than 28 decimal places
    """
    if len(shown := str(value)) <= _SHORT and "E" not in shown and value.adjusted() < MAX_MAGNITUDE:
        return value  # the usual case: few digits, no exponent, not too large
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN and infinities: refused by allow_inf_nan
        return value
    kept = len(digits)
    while kept > 1 and digits[kept - 1] == 0:
        kept -= 1
    lowest = exponent + len(digits) - kept  # the place of the last non-zero digit
    if kept == 1 and digits[0] == 0:
        return value if -MAX_PLACES <= exponent <= MAX_MAGNITUDE else Decimal(0)
    if lowest < -MAX_PLACES:
        raise ValueError(f"{value} has digits finer than {MAX_PLACES} decimal places")
    if lowest + kept > MAX_MAGNITUDE:
        raise ValueError(f"{value} is too large: numbers lie between ±10^{MAX_MAGNITUDE}")
    if kept > MAX_DIGITS:
        raise ValueError(f"{value} has more than {MAX_DIGITS} significant digits")
    if len(digits) > MAX_DIGITS:  # trailing zeros past the digits that count
        return Decimal((sign, digits[:kept], lowest))
    return value


Number = Annotated[Decimal, Field(allow_inf_nan=False), AfterValidator(bounded)]
"""An exact, finite number within the bounds :func:`bounded` sets (JSON may hold it as
a string; every digit is kept either way)."""

Percent = Annotated[Number, Field(ge=0, le=100)]
"""A percentage between 0 and 100, exact."""


def describe(title: str, description: str, vi: str, **kwargs: Any) -> Any:
    """A pydantic ``Field`` with a title, a description and its Vietnamese term.

    The Vietnamese term lands in the JSON Schema as ``"x-vi"``.
    """
    return Field(title=title, description=description, json_schema_extra={"x-vi": vi}, **kwargs)


class Titled:
    """Gives a model with ``title_vi``/``title_en`` fields its ``label_vi``/``label_en``.

    A plain mixin: the fields are the model's own, so its schema and field order stay
    as the model declares them.
    """

    if TYPE_CHECKING:
        title_vi: str
        title_en: str | None

    @property
    def label_vi(self) -> str:
        """The Vietnamese title."""
        return self.title_vi

    @property
    def label_en(self) -> str:
        """The English title (the Vietnamese one when there is no translation)."""
        return self.title_en or self.title_vi


class DocumentPart(BaseModel):
    """Base of every model: frozen, no extra fields, finite numbers, built on first use."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        validate_default=False,
        use_attribute_docstrings=False,
        defer_build=True,
        ser_json_inf_nan="strings",
        json_schema_serialization_defaults_required=True,
    )


class Document(DocumentPart):
    """Base of the self-describing documents a file can hold (each has a ``type`` tag)."""

    type_tag: ClassVar[str]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        field = cls.model_fields.get("type")
        if field is not None and field.default is not None:
            cls.type_tag = field.default
