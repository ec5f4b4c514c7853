"""Small attrs validators that refuse bad settings with a :class:`CompositeError`.

Each names the class and field it guards, what it expected and what it got, so a
misspelt method or a setting of the wrong type fails where it is made, not later.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection
from typing import Any

import attrs

from cchc.errors import CompositeError

__all__ = ["as_float", "flag", "is_number", "is_whole", "one_of", "real", "whole"]


def _owner(instance: object) -> str:
    return type(instance).__name__


def is_number(value: object) -> bool:
    """Whether ``value`` is a real number (``bool`` is not one)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def is_whole(value: object) -> bool:
    """Whether ``value`` is an integer (``bool`` is not one)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


@attrs.frozen(repr=False)
class real:  # noqa: N801 - used like attrs' own lower-case validators
    """A finite real number, at least ``minimum`` when given."""

    minimum: float | None = None

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not is_number(value) or not math.isfinite(float(value)):  # type: ignore[arg-type]
            raise CompositeError(
                f"{_owner(instance)}.{attribute.name} must be a finite number", value=value
            )
        if self.minimum is not None and float(value) < self.minimum:  # type: ignore[arg-type]
            raise CompositeError(
                f"{_owner(instance)}.{attribute.name} must be at least {self.minimum:g}",
                value=value,
            )

    def __repr__(self) -> str:
        return f"<real number validator, minimum {self.minimum}>"


@attrs.frozen(repr=False)
class whole:  # noqa: N801
    """An integer, at least ``minimum``."""

    minimum: int

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not is_whole(value):
            raise CompositeError(
                f"{_owner(instance)}.{attribute.name} must be a whole number", value=value
            )
        if int(value) < self.minimum:  # type: ignore[call-overload]
            raise CompositeError(
                f"{_owner(instance)}.{attribute.name} must be at least {self.minimum}",
                value=value,
            )

    def __repr__(self) -> str:
        return f"<whole number validator, minimum {self.minimum}>"


@attrs.frozen(repr=False)
class one_of:  # noqa: N801
    """One of a fixed set of values (a misspelt name is refused, listing the right ones)."""

    options: Collection[object]

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or value not in self.options:
            shown = ", ".join(repr(o) for o in self.options)
            raise CompositeError(
                f"{_owner(instance)}.{attribute.name} must be one of {shown}", value=value
            )

    def __repr__(self) -> str:
        return f"<one-of validator {list(self.options)}>"


def flag(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise CompositeError(
            f"{_owner(instance)}.{attribute.name} must be True or False", value=value
        )


def as_float(value: object) -> object:
    """Converter: a real number as ``float`` (so that ``1`` and ``1.0`` are the same setting).

    Anything else is passed on for the validator to refuse with a clear message.
    """
    return float(value) if is_number(value) else value  # type: ignore[arg-type]
