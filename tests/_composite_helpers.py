"""Shared by the composite-index tests: COINr's cases, and the uncertainty reference's inputs."""

from __future__ import annotations

from typing import Any

from _shared import SHARED
from cchc.composite import Aggregation, IndexTree, IndicatorData, Node, UncertaintyDesign

COINR = SHARED / "coinr"


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
