"""The corpus: the built-in documents as text, data and scoring material."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import cchc.io
from cchc import datasets
from cchc.documents import Framework

from .tree import Json, Where, get, places, serialise

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "src" / "cchc" / "datasets" / "data"

_JSON_SCALAR = re.compile(r'"(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null')
_YAML_SCALAR = re.compile(r"(?<=: )[^\n]+$|(?<=- )[^\n]+$|^ *[^\s:#-][^:\n]*(?=:)", re.MULTILINE)


@dataclass(frozen=True)
class Seed:
    """A document's text, with the spans of its scalars (and keys)."""

    name: str
    format: str
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Rounds:
    """Scoring material for one framework: its data, model and assessments (as data)."""

    name: str
    data: Json
    model: Framework
    leaves: tuple[Where, ...]
    assessments: tuple[Json, ...]


@dataclass
class Corpus:
    """Everything the generators draw from, built once per process."""

    docs: list[tuple[str, Json, tuple[Where, ...]]] = field(default_factory=list)
    seeds: list[Seed] = field(default_factory=list)
    rounds: list[Rounds] = field(default_factory=list)

    def add_doc(self, name: str, data: Json) -> None:
        self.docs.append((name, data, tuple(places(data))))


def _trim(value: Json, keep: int = 3) -> Json:
    if isinstance(value, dict):
        return {k: _trim(v, keep) for k, v in value.items()}
    if isinstance(value, list):
        return [_trim(v, keep) for v in value[:keep]]
    return value


def _leaf_places(framework: Json) -> list[Where]:
    found: list[Where] = []

    def walk(node: Json, here: Where) -> None:
        if node.get("children"):
            for i, child in enumerate(node["children"]):
                walk(child, (*here, "children", i))
        else:
            found.append(here)

    for i, node in enumerate(framework["nodes"]):
        walk(node, ("nodes", i))
    return found


def _made_up_input(rule: Json, maximum: str) -> Json:
    kind = rule["kind"]
    if kind == "binary":
        return True
    if kind in ("count-tiers", "deduction"):
        return 1
    if kind == "timeliness":
        return "2024-01-10"
    if kind == "survey":
        return "87.5"
    if kind == "manual":
        return str(Decimal(maximum) / 2)
    return "0.85"


def _made_up_assessments(data: Json, leaves: tuple[Where, ...]) -> tuple[Json, ...]:
    """Three assessments of the framework with the same plausible input for each leaf."""
    inputs = {}
    for place in leaves:
        node = get(data, place)
        inputs[node["code"]] = _made_up_input(node["rule"], node["max_points"])
    return tuple(
        {
            "unit": f"unit-{k}",
            "year": 2024,
            "framework": data["code"],
            "edition": data["edition"],
            "inputs": inputs,
        }
        for k in range(3)
    )


def _read(name: str) -> Json:
    return json.loads((DATA / f"{name}.json").read_bytes())


def build_corpus() -> Corpus:
    """The built-in documents, trimmed to a few list items where that keeps them valid."""
    corpus = Corpus()
    for path in sorted(DATA.glob("*.json")):
        raw = path.read_bytes()
        data = json.loads(raw)
        trimmed = _trim(data)
        try:
            cchc.io.validate(copy.deepcopy(trimmed))
        except Exception:
            if len(raw) < 20_000:
                trimmed = data
        corpus.add_doc(path.stem, trimmed)
        if isinstance(data, dict) and data.get("type") == "assessment-round":
            corpus.add_doc(f"{path.stem}[0]", {"type": "assessment", **data["assessments"][0]})
        if isinstance(data, list):
            corpus.add_doc(f"{path.stem}[0]", data[0])
    for name, data, _ in corpus.docs:
        for form, text in (
            ("json", serialise(data, "json")),
            ("json", json.dumps(data, ensure_ascii=False)),
            ("yaml", serialise(data, "yaml")),
        ):
            pattern = _JSON_SCALAR if form == "json" else _YAML_SCALAR
            spans = tuple(m.span() for m in pattern.finditer(text))
            corpus.seeds.append(Seed(name, form, text, spans))
    round_data = [_read(name)["assessments"] for name in datasets.ROUNDS]
    for name in datasets.FRAMEWORKS:
        data = _read(name)
        leaves = tuple(_leaf_places(data))
        if name == "illustrative-district":
            items = tuple(a for assessments in round_data for a in assessments)
        else:
            items = _made_up_assessments(data, leaves)
        corpus.rounds.append(Rounds(name, data, datasets.framework(name), leaves, items))
    return corpus
