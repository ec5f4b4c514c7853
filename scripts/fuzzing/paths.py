"""The target ``load-path``: :func:`cchc.load` on odd paths and on files of mutated content."""

from __future__ import annotations

import random
from pathlib import Path

import cchc

from .corpus import Corpus
from .loads import as_format
from .mutate import mutate_bytes, mutate_struct, mutate_text
from .outcomes import Case, Env, Recorder
from .tree import serialise

PATHS = (
    "",
    ".",
    "..",
    "/",
    "a\x00b",
    "\x00",
    "x.json\x00.yaml",
    "\ud800.json",
    "\udfff.yaml",
    "\udcff.json",
    "x" * 255 + ".json",
    "x" * 256 + ".json",
    "x" * 5000,
    "x/" * 3000 + "f.json",
    "nonexistent.json",
    "~/nonexistent.yaml",
    "/proc/self/mem",
    "/proc/self/status",
    "/proc/self/cwd",
    "/etc/passwd",
    "/dev/null",
    "-",
    "\n",
    " ",
    "a\nb.json",
    "\u2028.json",
    "e\u0301.json",
    "file:///etc/passwd",
    "C:\\x.json",
    "<tmp>",
    "<tmp>/dir.json",
    "<tmp>/loop.json",
    "<tmp>/dangling.yaml",
    "<tmp>/nonexistent.yml",
)
"""Odd paths; ``<tmp>`` is the worker's temporary folder."""

SPECIAL_PATHS = ("/dev/zero", "/dev/urandom", "<tmp>/fifo.json")
"""Paths that never end or never open: tried only with ``--special-files``."""

SUFFIXES = (".json", ".yaml", ".yml", ".JSON", ".Yaml", ".txt", "", ".json.bak", ".yaml ")


def content_of_file(rng: random.Random, corpus: Corpus) -> tuple[str | bytes, str]:
    """What to put in a file: mutated text, bytes or data, and how it was made."""
    roll = rng.random()
    if roll < 0.5:
        seed = rng.choice(corpus.seeds)
        text, notes = mutate_text(rng, seed, seed.format)
        return text, f"{seed.name} as {seed.format}: {'; '.join(notes)}"
    if roll < 0.7:
        seed = rng.choice(corpus.seeds)
        data, notes = mutate_bytes(rng, seed.text.encode("utf-8"))
        return data, f"{seed.name} as {seed.format} bytes: {'; '.join(notes)}"
    name, doc, places = rng.choice(corpus.docs)
    data, raw, notes = mutate_struct(rng, doc, places, objects=False)
    form = rng.choice(("json", "yaml"))
    try:
        return serialise(data, form, raw), f"{name} as {form}: {'; '.join(notes)}"
    except Exception:  # too deep to write: the document unchanged
        return serialise(doc, form, None), f"{name} as {form} (change not writable)"


def make_load_path(rng: random.Random, corpus: Corpus, special: bool) -> Case:
    if rng.random() < 0.5:
        name = rng.choice(PATHS + (SPECIAL_PATHS if special else ()))
        wrap = rng.choice(("str", "str", "Path"))

        def odd(rec: Recorder, env: Env) -> None:
            where = env.resolve(name)
            rec.call("load-path", lambda: cchc.load(Path(where) if wrap == "Path" else where))

        return Case(f"odd path as {wrap}", name, odd)
    suffix = rng.choice(SUFFIXES)
    content, how = content_of_file(rng, corpus)
    form = rng.choice((None, None, None, "json", "yaml"))

    def file(rec: Recorder, env: Env) -> None:
        path = env.file(suffix, content)
        rec.call("load-path", lambda: cchc.load(path, format=as_format(form)))

    return Case(f"file *{suffix!r}, format={form}: {how}", content, file)
