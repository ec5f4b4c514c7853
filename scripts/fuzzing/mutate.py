"""Changes to a document's text, bytes or data, each with a note of what was done."""

from __future__ import annotations

import random
from collections.abc import Sequence

from .corpus import Seed
from .outcomes import short
from .tokens import BYTE_TOKENS, ENCODINGS, JSON_TOKENS, RAW_TOKENS, YAML_TOKENS
from .tree import DELETE, SENTINEL, Json, Where, get, put, reachable
from .values import PY_OBJECTS, PY_VALUES


def other_form(form: str) -> str:
    """YAML for JSON, JSON for YAML."""
    return "yaml" if form == "json" else "json"


def pick_token(rng: random.Random, form: str) -> str:
    roll = rng.random()
    if roll < 0.1:
        return rng.choice(RAW_TOKENS)
    if roll < 0.25:
        form = other_form(form)
    return rng.choice(JSON_TOKENS if form == "json" else YAML_TOKENS)


def mutate_text(rng: random.Random, seed: Seed, form: str) -> tuple[str, list[str]]:
    """The seed's text with 1-4 changes, and a note of each."""
    text, notes = seed.text, []
    picks = rng.choice((0, 1, 1, 1, 2, 3)) if seed.spans else 0
    for start, end in sorted(rng.sample(seed.spans, min(picks, len(seed.spans))), reverse=True):
        token = pick_token(rng, form)
        notes.append(f"@{start} {short(text[start:end], 30)}→{short(token, 60)}")
        text = text[:start] + token + text[end:]
    for _ in range(rng.choice((0, 0, 1, 1, 2)) if picks else rng.choice((1, 1, 2, 3))):
        roll, at = rng.random(), rng.randrange(len(text) + 1)
        if roll < 0.45:
            token = pick_token(rng, form)
            notes.append(f"insert @{at} {short(token, 60)}")
            text = text[:at] + token + text[at:]
        elif roll < 0.6:
            size = rng.randint(1, 20)
            notes.append(f"delete @{at}+{size}")
            text = text[:at] + text[at + size :]
        elif roll < 0.75:
            token = rng.choice(RAW_TOKENS)
            notes.append(f"replace char @{at} with {short(token)}")
            text = text[:at] + token + text[at + 1 :]
        elif roll < 0.85:
            size = rng.randint(1, 200)
            notes.append(f"duplicate @{at}+{size}")
            text = text[: at + size] + text[at : at + size] + text[at + size :]
        elif roll < 0.93:
            notes.append(f"truncate @{at}")
            text = text[:at]
        else:
            size = rng.randint(1, 80)
            other = rng.randrange(len(text) + 1)
            notes.append(f"copy @{other}+{size} to @{at}")
            text = text[:at] + text[other : other + size] + text[at:]
    return text, notes


def mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """``data`` with 1-3 byte-level changes, and a note of each."""
    notes = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        roll, at = rng.random(), rng.randrange(len(data) + 1)
        if roll < 0.25 and data:
            at = min(at, len(data) - 1)
            bit = 1 << rng.randrange(8)
            notes.append(f"flip bit {bit:#x} @{at}")
            data = data[:at] + bytes([data[at] ^ bit]) + data[at + 1 :]
        elif roll < 0.4 and data:
            at, byte = min(at, len(data) - 1), rng.randrange(256)
            notes.append(f"set byte @{at} to {byte:#x}")
            data = data[:at] + bytes([byte]) + data[at + 1 :]
        elif roll < 0.75:
            token = rng.choice(BYTE_TOKENS)
            notes.append(f"insert @{at} {token!r}")
            data = data[:at] + token + data[at:]
        elif roll < 0.85:
            notes.append(f"truncate @{at}")
            data = data[:at]
        else:
            encoding = rng.choice(ENCODINGS)
            if rng.random() < 0.7:
                notes.append(f"re-encode as {encoding}")
                data = data.decode("utf-8", "replace").encode(encoding, "replace")
            else:
                notes.append(f"prefix {encoding} BOM")
                data = "\ufeff".encode(encoding, "replace") + data
    return data, notes


def py_value(rng: random.Random, objects: bool) -> Json:
    roll = rng.random()
    if objects and roll < 0.1:
        return rng.choice(PY_OBJECTS)
    if roll < 0.15:
        digits = rng.randint(29, 60)
        return f"0.{rng.randrange(10 ** (digits - 1), 10**digits)}"
    if roll < 0.2:
        return f"{rng.randint(-5, 10005):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}"
    if roll < 0.22:
        loop: list[Json] = []
        loop.append(loop)
        return loop
    return rng.choice(PY_VALUES)


_DOC_TYPES = (
    "framework",
    "assessment",
    "assessment-round",
    "programme",
    "plan",
    "policy",
    "survey-round",
    "questionnaire",
    "organisation",
    "nonsense",
    "",
)


def mutate_struct(
    rng: random.Random, data: Json, places: Sequence[Where], objects: bool
) -> tuple[Json, str | None, list[str]]:
    """``data`` with 1-2 places changed: returns the data, a raw token (if any), notes."""
    raw: str | None = None
    notes = []
    for _ in range(rng.choice((1, 1, 1, 2))):
        where = rng.choice(places)
        roll = rng.random()
        if roll < 0.45:
            value = py_value(rng, objects)
            notes.append(f"{list(where)} = {short(value)}")
            data = put(data, where, value)
        elif roll < 0.7 and raw is None:
            raw = pick_token(rng, rng.choice(("json", "yaml")))
            notes.append(f"{list(where)} = raw {short(raw)}")
            data = put(data, where, SENTINEL)
        elif roll < 0.78 and where:
            notes.append(f"delete {list(where)}")
            data = put(data, where, DELETE)
        elif roll < 0.85:
            target = get(data, where) if reachable(data, where) else None
            if isinstance(target, dict):
                notes.append(f"{list(where)} gets an extra key")
                data = put(data, (*where, "zz_extra"), py_value(rng, objects))
            elif isinstance(target, list) and target:
                notes.append(f"{list(where)} repeats its first item")
                data = put(data, where, [*target, target[0]])
        elif roll < 0.9 and isinstance(data, dict):
            kind = rng.choice(_DOC_TYPES)
            notes.append(f"type = {kind!r}")
            data = put(data, ("type",), kind)
        else:
            other = rng.choice(places)
            if reachable(data, other) and reachable(data, where):
                notes.append(f"{list(where)} = value of {list(other)}")
                data = put(data, where, get(data, other))
    return data, raw, notes
