"""Monte-Carlo rank uncertainty: cchc against the numpy reference, same design, same run.

Run: python benchmarks/bench_uncertainty.py [--units U] [--replications R] [--repeat N]

The reference (``uncertainty_reference.py``) is found in ``$CCHC_BENCH_REFERENCES`` or
``../shared/bench`` next to the project. Both sides get its workload "index-mc-v1"
(default 3,300 units x 60 indicators, 1,000 replications) and its design: cchc wraps
the same arrays in ``IndicatorData`` and an ``UncertaintyDesign`` (inside the timed
call), builds the index (min-max to [1, 100], arithmetic means) and runs the design.
Timings alternate and the median of N runs is kept.

Nominal, median, 5th and 95th percentile ranks must be identical to the reference's,
except for units that the reference itself says may swap: those whose index is within
1e-9 relative of another unit's in some replication (float sums in another order). The
top-decile share must be identical too. The run fails (exit 1) on a mismatch or when
cchc is more than 2x slower.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

import numpy as np
from _references import load

from cchc.composite import (
    CompositeSpec,
    IndexTree,
    IndicatorData,
    MinMax,
    Node,
    UncertaintyDesign,
    UncertaintyResult,
    build_index,
    uncertainty,
)
from cchc.composite._montecarlo import simulate

TARGET = 2.0
TIE = 1e-9


def tree_of(ref: Any, workload: dict[str, Any]) -> IndexTree:
    per, groups = ref.PER_GROUP, ref.N_GROUPS
    nodes = [
        Node(
            f"I{i + 1:02d}",
            1,
            f"G{i // per + 1}",
            float(workload["ind_w"][i]),
            -1 if workload["negative"][i] else 1,
        )
        for i in range(ref.N_IND)
    ]
    nodes += [Node(f"G{k + 1}", 2, "Index", 1 / groups, kind="aggregate") for k in range(groups)]
    nodes.append(Node("Index", 3, None, kind="aggregate"))
    return IndexTree(nodes)


def run_cchc(
    tree: IndexTree, units: tuple[str, ...], workload: dict[str, Any]
) -> UncertaintyResult:
    data = IndicatorData(units, tree.indicators, workload["raw"])
    methods = np.where(workload["geometric"], "geometric", "arithmetic")
    design = UncertaintyDesign(len(methods), {"Index": workload["u"]}, {"Index": tuple(methods)})
    result = build_index(data, tree, CompositeSpec(normalisation=MinMax(1, 100)))
    return uncertainty(result, design)


def near_ties(index: np.ndarray) -> np.ndarray:
    """Units whose index is within TIE (relative) of another unit's in some replication."""
    flagged = np.zeros(index.shape[1], dtype=bool)
    order = np.argsort(index, axis=1)
    ordered = np.take_along_axis(index, order, axis=1)
    close = np.diff(ordered, axis=1) <= TIE * np.abs(ordered[:, 1:])
    rows, cols = np.nonzero(close)
    flagged[order[rows, cols]] = True
    flagged[order[rows, cols + 1]] = True
    return flagged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3300)
    parser.add_argument("--replications", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    ref = load("uncertainty_reference")
    workload = ref.make_workload(args.units, args.replications)
    tree = tree_of(ref, workload)
    units = tuple(f"U{u + 1:05d}" for u in range(args.units))

    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        expected = ref.run(workload)
        theirs.append(time.perf_counter() - start)
        start = time.perf_counter()
        found = run_cchc(tree, units, workload)
        ours.append(time.perf_counter() - start)

    result = build_index(
        IndicatorData(units, tree.indicators, workload["raw"]),
        tree,
        CompositeSpec(normalisation=MinMax(1, 100)),
    )
    index, _ = simulate(result, found.design)
    may_swap = near_ties(np.vstack([index, result.index[None, :]]))
    ok = True
    checks = {
        "nominal rank": (found.nominal_rank, expected["nominal_rank"]),
        "median rank": (found.median_rank, expected["median_rank"]),
        "5th pct rank": (found.p05_rank, expected["p05_rank"]),
        "95th pct rank": (found.p95_rank, expected["p95_rank"]),
        "top-10% share": (found.top_share, expected["top_decile_share"]),
    }
    for name, (got, want) in checks.items():
        differ = got != want
        unexplained = int((differ & ~may_swap).sum())
        ok &= unexplained == 0
        print(
            f"{name:14} {int(differ.sum())} of {args.units} units differ, "
            f"{unexplained} outside near-ties  {'ok' if unexplained == 0 else 'MISMATCH'}"
        )
    print(f"near-tie units (may swap by the reference's rule): {int(may_swap.sum())}")

    ours_ms = statistics.median(ours) * 1000
    theirs_ms = statistics.median(theirs) * 1000
    ratio = ours_ms / theirs_ms
    fast = ratio <= TARGET
    print(
        f"uncertainty  cchc {ours_ms:7.1f} ms / numpy reference {theirs_ms:7.1f} ms"
        f" = {ratio:4.2f}x  ({args.units:,} units x {ref.N_IND} indicators,"
        f" {args.replications:,} replications; target <= {TARGET:g}x)  {'ok' if fast else 'MISSED'}"
    )
    return 0 if ok and fast else 1


if __name__ == "__main__":
    sys.exit(main())
