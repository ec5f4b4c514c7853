"""Annotated field types shared by every document, and the document base class.

One place defines what a code, a text, a year or a symbol is, so every document
validates them the same way and every text field is NFC-normalised on input.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from cchc.text import normalize, normalize_multiline

__all__ = [
    "Code",
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
    "describe",
]


def _canonical_symbol(value: str) -> str:
    from cchc.symbols import parse_instrument  # noqa: PLC0415 - keeps symbols off the import path

    return str(parse_instrument(value))


Text = Annotated[str, AfterValidator(normalize), StringConstraints(min_length=1, max_length=2000)]
"""Free text on one line: NFC, trimmed, inner whitespace collapsed, not empty."""

LongText = Annotated[
    str, AfterValidator(normalize_multiline), StringConstraints(min_length=1, max_length=20000)
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

Year = Annotated[int, Field(ge=1945, le=2100)]
"""A calendar year between 1945 and 2100."""

Number = Annotated[Decimal, Field(allow_inf_nan=False)]
"""An exact, finite number (JSON holds it as a string to keep every digit)."""

Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]
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
