"""JSON-like data: its places, reading and changing one, and writing it as JSON or YAML."""

from __future__ import annotations

import json
from typing import Any

import yaml

Json = Any
Where = tuple[str | int, ...]
"""A place in JSON-like data: the keys and indices that lead to it."""

DELETE = object()
"""Passed to :func:`put` for "remove the place"."""

SENTINEL = "FUZZSENTINEL"
"""A plain YAML/JSON string standing for a raw token, swapped in after writing."""


def get(value: Json, where: Where) -> Json:
    for part in where:
        value = value[part]
    return value


def reachable(data: Json, where: Where) -> bool:
    try:
        get(data, where)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def put(value: Json, where: Where, new: Json) -> Json:
    """``value`` with the place ``where`` set to ``new`` (or removed), copying only the path."""
    if not where:
        return new
    head, rest = where[0], where[1:]
    if isinstance(value, dict):
        out = dict(value)
        if not rest and new is DELETE:
            out.pop(head, None)
        else:
            out[head] = put(value[head], rest, new) if head in value else new
        return out
    if isinstance(value, list) and isinstance(head, int) and head < len(value):
        items = list(value)
        if not rest and new is DELETE:
            del items[head]
        else:
            items[head] = put(value[head], rest, new)
        return items
    return value


def places(value: Json, here: Where = ()) -> list[Where]:
    """Every place in ``value``, itself first."""
    found = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            found += places(child, (*here, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += places(child, (*here, i))
    return found


def serialise(data: Json, form: str, raw: str | None = None) -> str:
    """``data`` as JSON or YAML, with the sentinel (if any) replaced by the raw token."""
    if form == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2)
        return text if raw is None else text.replace(json.dumps(SENTINEL), raw, 1)
    text = str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return text if raw is None else text.replace(SENTINEL, raw, 1)
