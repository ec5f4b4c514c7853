"""A hand-written scorer of the synthetic round: ``json`` and numpy, nothing of cchc.

Run: python benchmarks/baseline_score.py FRAMEWORK.json ROUND.json > ranking.csv

What a analyst would write for this one round, knowing its five rule kinds: read both
files with ``json.load``, turn the inputs into integer arrays in one Python loop, score
them with the reference's vectorised numpy scorer (shared/bench/scoring_reference.py,
found by ``_references.load``), and print the ranking as ``cchc score --format
csv`` does. ``bench_cli_score.py`` times it against ``cchc score`` on the same files.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import numpy as np
from _references import load

KINDS = {"tiers": "tiered", "proportional": "proportional", "binary": "binary",
         "deduction": "deduction", "survey": "survey"}  # fmt: skip


def centi(text: str) -> int:
    """``"1.50"`` as 150: the framework's maxima have two places."""
    whole, _, part = text.partition(".")
    return int(whole) * 100 + int((part + "00")[:2])


def workload(framework: dict[str, Any], round_: dict[str, Any]) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    """The round as the reference's integer arrays (ratio in 1e-4, percent in 1e-2)."""
    leaves = [leaf for area in framework["nodes"] for leaf in area["children"]]
    codes = [leaf["code"] for leaf in leaves]
    units = [a["unit"] for a in round_["assessments"]]
    shape = (len(units), len(codes))
    ratio, percent, events = (np.zeros(shape, dtype=np.int64) for _ in range(3))
    done, na = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
    kinds = [KINDS[leaf["rule"]["kind"]] for leaf in leaves]
    for row, assessment in enumerate(round_["assessments"]):
        inputs = assessment["inputs"]
        for col, code in enumerate(codes):
            value = inputs[code]
            kind = kinds[col]
            if value is None:
                na[row, col] = True
            elif kind == "binary":
                done[row, col] = value
            elif kind == "deduction":
                events[row, col] = value
            elif kind == "survey":
                percent[row, col] = int(value.replace(".", ""))  # two places, as published
            else:
                ratio[row, col] = int(value.replace(".", ""))  # four places, as published
    max_c = np.array([centi(leaf["max_points"]) for leaf in leaves], dtype=np.int64)
    arrays = {"kind": np.array(kinds), "max_c": max_c, "ratio": ratio, "percent": percent,
              "events": events, "done": done, "na": na}  # fmt: skip
    return units, arrays


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as stream:
        framework = json.load(stream)
    with open(sys.argv[2], encoding="utf-8") as stream:
        round_ = json.load(stream)
    units, arrays = workload(framework, round_)
    result = load("scoring_reference").score(arrays)

    def number(value: int) -> str:
        return f"{value // 100}.{value % 100:02d}"

    rank = result["rank"].tolist()
    lines = ["unit,points,applicable_max,index,rank,band"]
    for i in sorted(range(len(units)), key=lambda i: (rank[i], units[i])):
        lines.append(
            f"{units[i]},{number(int(result['obtained_c'][i]))},{number(int(result['max_c'][i]))},"
            f"{number(int(result['index_c'][i]))},{rank[i]},{result['band'][i]}"
        )
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
