"""Shared by the composite-index tests: where the shared references are, and drawn indices."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from cchc.composite import Aggregation, IndexTree, IndicatorData, Node, UncertaintyDesign

SHARED = Path(__file__).resolve().parents[2] / "shared"
COINR = SHARED / "coinr"


def bench_reference(name: str) -> ModuleType | None:
    """A reference module of ``../shared/bench`` (or ``$CCHC_BENCH_REFERENCES``), if there."""
    env = os.environ.get("CCHC_BENCH_REFERENCES")
    folder = Path(env) if env else SHARED / "bench"
    path = folder / f"{name}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_inputs(
    dumped: dict[str, Any],
) -> tuple[IndicatorData, IndexTree, UncertaintyDesign]:
    """cchc's data, tree and design from the JSON the uncertainty reference dumps."""
    nodes = [
        Node(i["code"], 1, i["group"], i["weight"], i["direction"]) for i in dumped["indicators"]
    ]
    nodes += [Node(g["code"], 2, "Index", g["weight"], kind="aggregate") for g in dumped["groups"]]
    nodes.append(Node("Index", 3, None, kind="aggregate"))
    tree = IndexTree(nodes)
    units = [u["unit"] for u in dumped["units"]]
    data = IndicatorData(units, tree.indicators, [u["values"] for u in dumped["units"]])
    found = dumped["design"]
    switches: tuple[Aggregation, ...] = tuple(
        "geometric" if g else "arithmetic" for g in found["geometric"]
    )
    factors = found["group_weight_factors"]
    design = UncertaintyDesign(len(factors), {"Index": factors}, {"Index": switches})
    return data, tree, design
