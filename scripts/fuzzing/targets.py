"""The targets, their shares of ``--count``, and input ``index`` of one made for a seed."""

from __future__ import annotations

import random

from .cli import make_cli
from .corpus import Corpus
from .loads import make_loads_bytes, make_loads_struct, make_loads_text
from .outcomes import Case
from .paths import make_load_path
from .score import make_score

TARGETS: dict[str, float] = {
    "loads-text": 0.35,
    "loads-bytes": 0.12,
    "loads-struct": 0.20,
    "score": 0.28,
    "load-path": 0.045,
    "cli": 0.005,
}
"""Each target's share of ``--count``."""

NAMES = tuple(TARGETS)
"""The targets in order: a target's number is its place here."""


def make_case(target: str, index: int, seed: int, corpus: Corpus, special: bool) -> Case:
    """The input ``index`` of ``target``: the same for the same seed, always."""
    rng = random.Random((seed << 40) | (NAMES.index(target) << 32) | index)
    if target == "loads-text":
        return make_loads_text(rng, corpus)
    if target == "loads-bytes":
        return make_loads_bytes(rng, corpus)
    if target == "loads-struct":
        return make_loads_struct(rng, corpus)
    if target == "score":
        return make_score(rng, corpus)
    if target == "load-path":
        return make_load_path(rng, corpus, special)
    return make_cli(rng, corpus)
