"""A commune-level composite index and how robust its ranks are.

Run: python examples/composite_robustness.py

Builds a synthetic index of 600 communes (18 indicators in 3 pillars, some values
missing, some indicators where lower is better), shows the top of the table, then
asks how far the ranks move when the pillar weights are uncertain (±25%) and the top
level may use a geometric mean: rank intervals, the chance of staying in the top 60,
the share of replications in each band, and Sobol indices of the three inputs.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from cchc.composite import (
    CompositeSpec,
    IndexTree,
    IndicatorData,
    MinMax,
    UncertaintySpace,
    build_index,
    sobol_indices,
    uncertainty,
)
from cchc.documents.framework import Band


def main() -> None:
    rng = np.random.default_rng(2026)
    pillars = {p: [f"{p}{i + 1}" for i in range(6)] for p in ("Access", "Quality", "Voice")}
    codes = [c for members in pillars.values() for c in members]
    tree = IndexTree.from_groups(pillars, directions={c: -1 for c in codes if c.endswith("3")})
    values = rng.lognormal(0, 0.5, size=(600, len(codes))) * rng.uniform(1, 100, len(codes))
    values[rng.random(values.shape) < 0.03] = np.nan
    data = IndicatorData([f"X{i + 1:03d}" for i in range(600)], codes, values)

    result = build_index(data, tree, CompositeSpec(normalisation=MinMax(1, 100), index_digits=1))
    print(result)
    print("\nTop five:")
    for row in result.results_table(digits=1)[:5]:
        print(f"  {row.rank:>3}  {row.unit}  {row.scores}")

    space = UncertaintySpace({"Index": 0.25}, {"Index": ("arithmetic", "geometric")})
    design = space.sample(tree, 2000, seed=1)
    bands = [
        Band(code=c, label_vi=c, label_en=c, min_index=Decimal(m))
        for c, m in (("A", 40), ("B", 30), ("C", 20))
    ]
    found = uncertainty(result, design, top=60, bands=bands)
    order = np.argsort(found.nominal_rank)
    print(f"\n{design}: nominal rank, 5th-95th percentile, P(top 60), P(band A)")
    for i in order[:8]:
        print(
            f"  {found.units[i]}  {found.nominal_rank[i]:>4.0f}  "
            f"{found.p05_rank[i]:>4.0f}-{found.p95_rank[i]:<4.0f}  "
            f"{found.top_share[i]:.2f}  {found.band_share('A')[i]:.2f}"
        )
    width = found.p95_rank - found.p05_rank
    print(f"  median width of the 90% rank interval: {np.nanmedian(width):.0f} ranks")

    sensitivity = sobol_indices(
        result,
        UncertaintySpace({"Index": 0.25, "Access": 0.25}, {"Index": ("arithmetic", "geometric")}),
        samples=128,
        seed=1,
    )
    print(f"\n{sensitivity}")


if __name__ == "__main__":
    main()
