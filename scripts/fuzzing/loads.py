"""The targets ``loads-text``, ``loads-bytes`` and ``loads-struct``: :func:`cchc.io.loads`."""

from __future__ import annotations

import random
from collections.abc import Callable

import cchc.io
from cchc.io import Format

from .corpus import Corpus
from .mutate import mutate_bytes, mutate_struct, mutate_text, other_form
from .outcomes import Case, stage
from .tree import serialise


def as_format(form: str | None) -> Format | None:
    """The ``format=`` argument for ``form``: ``None``, ``"json"`` or ``"yaml"``."""
    if form is None:
        return None
    return "json" if form == "json" else "yaml"


def format_option(rng: random.Random, form: str) -> str | None:
    """No format (60%), the text's own (30%) or the other one (10%)."""
    roll = rng.random()
    if roll < 0.6:
        return None
    if roll < 0.9:
        return form
    return other_form(form)


def _loads(text: str | bytes, form: str | None) -> Callable[[], object]:
    return lambda: cchc.io.loads(text, format=as_format(form))


def make_loads_text(rng: random.Random, corpus: Corpus) -> Case:
    seed = rng.choice(corpus.seeds)
    form = "yaml" if seed.format == "json" and rng.random() < 0.15 else seed.format
    text, notes = mutate_text(rng, seed, form)
    option = format_option(rng, form)
    how = f"{seed.name} as {seed.format}, format={option}: " + "; ".join(notes)
    return Case(how, text, stage("loads-text", _loads(text, option)))


def make_loads_bytes(rng: random.Random, corpus: Corpus) -> Case:
    seed = rng.choice(corpus.seeds)
    notes: list[str] = []
    text = seed.text
    if rng.random() < 0.3:
        text, notes = mutate_text(rng, seed, seed.format)
    data, more = mutate_bytes(rng, text.encode("utf-8", "surrogatepass"))
    option = format_option(rng, seed.format)
    how = f"{seed.name} as {seed.format} bytes, format={option}: " + "; ".join(notes + more)
    return Case(how, data, stage("loads-bytes", _loads(data, option)))


def make_loads_struct(rng: random.Random, corpus: Corpus) -> Case:
    name, doc, places = rng.choice(corpus.docs)
    direct = rng.random() < 0.4
    data, raw, notes = mutate_struct(rng, doc, places, objects=direct)
    if direct and raw is None:
        how = f"{name} as data"
    else:
        form = rng.choice(("json", "yaml"))
        try:
            text = serialise(data, form, raw)
        except Exception:  # too deep, or not JSON: hand it over as data instead
            how = f"{name} as data (not writable as {form})"
        else:
            option = format_option(rng, form)
            how = f"{name} as {form}, format={option}: " + "; ".join(notes)
            return Case(how, text, stage("loads-struct", _loads(text, option)))
    how += ": " + "; ".join(notes)
    return Case(how, data, stage("validate-struct", lambda: cchc.io.validate(data)))
