"""Batch scoring against the numpy reference: the synthetic PAR round, same run, same digits.

Run: python benchmarks/bench_scoring.py [--units 10000] [--repeat 5]

Steps, each timed and printed:
1. the reference (shared/bench/scoring_reference.py) scores the round (median of N);
2. its inputs and expected results are dumped, and rewritten as a cchc framework and an
   assessment round (JSON files in cchc's own format);
3. cchc loads them (`cchc.load`), then encodes the round into a `RoundTable` — both
   reported separately, as loading;
4. `score_table` scores, ranks and bands every unit (median of N): the measured ratio
   is this time over the reference's;
5. every unit's points, maximum, index, rank and band are compared with the reference's.

Targets: ratio <= 3, identical results, peak memory of the process < 600 MB.
Exit status 1 when a target is missed. The reference scripts are looked up in
$CCHC_BENCH_REFERENCES, else in ../shared/bench next to the repository.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from _references import load

import cchc
from cchc.scoring.batch import score_table
from cchc.scoring.table import RoundTable

RULES: dict[str, dict[str, Any]] = {
    "tiered": {
        "kind": "tiers",
        "tiers": [{"threshold": "1", "fraction": "1"}, {"threshold": "0.8", "fraction": "0.5"}],
    },
    "proportional": {"kind": "proportional"},
    "binary": {"kind": "binary"},
    "deduction": {"kind": "deduction", "per_event": "0.25"},
    "survey": {"kind": "survey"},
}
EDITION = "1/QĐ-BNV"


def to_cchc(dump: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The reference's dump as a cchc framework and assessment round (plain JSON data)."""
    areas: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in dump["criteria"]:
        areas[c["area"]].append(
            {"code": c["code"], "title_vi": c["code"], "max_points": c["max_points"],
             "may_be_not_applicable": True, "rule": RULES[c["kind"]]}
        )  # fmt: skip
    nodes: list[dict[str, Any]] = [
        {"code": area, "title_vi": area, "children": leaves,
         "max_points": str(sum(Decimal(leaf["max_points"]) for leaf in leaves))}
        for area, leaves in areas.items()
    ]  # fmt: skip
    bands = [
        {"code": code, "label_vi": code, "label_en": code, "min_index": low}
        for code, low in (("A", "90"), ("B", "80"), ("C", "70"), ("D", "0"))
    ]
    framework = {
        "type": "framework", "code": "synthetic", "title_vi": "Vòng chấm điểm tổng hợp",
        "edition": EDITION, "bands": bands, "nodes": nodes,
        "max_points": str(sum(Decimal(n["max_points"]) for n in nodes)),
    }  # fmt: skip
    round_ = {
        "type": "assessment-round", "code": "synthetic", "framework": "synthetic",
        "edition": EDITION, "year": 2024,
        "assessments": [
            {"type": "assessment", "unit": u["unit"], "year": 2024, "framework": "synthetic",
             "edition": EDITION, "inputs": u["inputs"]}
            for u in dump["units"]
        ],
    }  # fmt: skip
    return framework, round_


def timed(repeat: int, run: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:  # noqa: PLR0915 - one linear script, step by step
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ref = load("scoring_reference")
    workload = ref.make_workload(args.units)
    ref_time, expected = timed(args.repeat, lambda: ref.score(workload))

    with tempfile.TemporaryDirectory() as folder:
        dump_path = Path(folder) / "reference.json"
        ref.dump(workload, expected, str(dump_path))
        dump = json.loads(dump_path.read_text(encoding="utf-8"))
        framework_data, round_data = to_cchc(dump)
        expected_rows = {u["unit"]: u["expected"] for u in dump["units"]}
        del dump
        framework_path = Path(folder) / "framework.json"
        round_path = Path(folder) / "round.json"
        framework_path.write_text(json.dumps(framework_data), encoding="utf-8")
        round_path.write_text(json.dumps(round_data), encoding="utf-8")
        del framework_data, round_data

        start = time.perf_counter()
        framework = cchc.load(framework_path)
        round_ = cchc.load(round_path)
        load_time = time.perf_counter() - start
    if not isinstance(framework, cchc.Framework) or not isinstance(round_, cchc.AssessmentRound):
        sys.exit("the converted files did not load as a framework and a round")
    start = time.perf_counter()
    table = RoundTable.from_assessments(framework, round_)
    encode_time = time.perf_counter() - start
    del round_

    ours, ranking = timed(args.repeat, lambda: score_table(table))
    start = time.perf_counter()
    rows = ranking.rows
    rows_time = time.perf_counter() - start
    mismatches = 0
    for row in rows:
        want = expected_rows[row.unit]
        got = {"points": f"{row.points}", "max_points": f"{row.applicable_max}",
               "index": f"{row.index}", "rank": row.rank, "band": row.band}  # fmt: skip
        if got != want:
            mismatches += 1
            if mismatches <= 3:
                print(f"  mismatch {row.unit}: cchc {got} / reference {want}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = ours / ref_time
    units = len(rows)
    print(f"load JSON -> documents   {load_time * 1000:8.1f} ms  (reported, no target)")
    print(f"documents -> RoundTable  {encode_time * 1000:8.1f} ms  (reported, no target)")
    print(f"numpy reference          {ref_time * 1000:8.1f} ms")
    print(
        f"cchc score_table         {ours * 1000:8.1f} ms  = {ratio:.2f}x reference (target <= 3x)"
    )
    print(f"rows as Python objects   {rows_time * 1000:8.1f} ms  (built on first use of .rows)")
    print(f"identical results        {units - mismatches}/{units} units")
    print(f"peak memory              {peak_mb:8.1f} MB  (target < 600 MB)")
    ok = ratio <= 3 and mismatches == 0 and units == args.units and peak_mb < 600
    print("ok" if ok else "MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
