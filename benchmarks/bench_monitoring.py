"""Monitoring benchmark: 100,000 tasks with 5 progress updates each, as of one date.

Run: python benchmarks/bench_monitoring.py [--tasks N] [--repeat R]

Builds a synthetic plan (20 agencies; deadlines of every kind in 2024; five updates per
task in date order, some reaching 100%), then times, best of R runs each:

- validation: ``Plan.model_validate_json`` of the plan's JSON (the reference);
- monitoring: ``cchc.monitoring.monitor(plan, as_of=2024-10-15)`` on the validated plan,
  with the default calendar already built (it is built once per process).

Each timed run starts after ``gc.collect()`` (the garbage of the previous run would
otherwise be collected during the next), with the collector left on.

Targets: monitoring <= 1 s and no slower than validation (ratio <= 1). Exit 1 if missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from cchc.documents.plan import Plan
from cchc.monitoring import monitor

AS_OF = dt.date(2024, 10, 15)
AREAS = ["institutions", "administrative_procedures", "apparatus", "civil_service",
         "public_finance", "digital_government"]  # fmt: skip


def deadline(rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(["date", "date", "month", "quarter", "year", "recurring"])
    if kind == "date":
        day = dt.date(2024, 1, 1) + dt.timedelta(rng.randrange(366))
        return {"kind": "date", "date": day.isoformat()}
    if kind == "month":
        return {"kind": "month", "year": 2024, "month": rng.randint(1, 12)}
    if kind == "quarter":
        return {"kind": "quarter", "year": 2024, "quarter": rng.randint(1, 4), "day": 15}
    if kind == "year":
        return {"kind": "year", "year": 2024}
    return {"kind": "recurring", "year": 2024, "every": rng.choice(["monthly", "quarterly"])}


def plan_json(n_tasks: int, seed: int = 2024) -> bytes:
    rng = random.Random(seed)
    agencies = [f"ag-{i:02d}" for i in range(20)]
    tasks, updates = [], []
    for i in range(n_tasks):
        code = f"t-{i:06d}"
        lead = rng.choice(agencies)
        tasks.append({
            "code": code, "title_vi": f"Nhiệm vụ cải cách hành chính số {i}",
            "reform_area": rng.choice(AREAS), "solution_group": rng.randint(1, 6), "lead": lead,
            "cooperating": [a for a in rng.sample(agencies, 2) if a != lead],
            "output_vi": "Báo cáo", "deadline": deadline(rng), "cancelled": rng.random() < 0.02,
        })  # fmt: skip
        days = sorted(rng.sample(range(300), 5))
        percents = sorted(rng.choice([0, 10, 25, 50, 75, 90, 100]) for _ in range(5))
        for day, percent in zip(days, percents, strict=True):
            updates.append({
                "task": code, "date": (dt.date(2024, 1, 2) + dt.timedelta(day)).isoformat(),
                "percent": str(percent), "note": "Đã triển khai theo kế hoạch",
            })  # fmt: skip
    data = {
        "type": "plan", "code": "bench", "programme": "p", "unit": "u", "year": 2024,
        "title_vi": "Kế hoạch CCHC năm 2024", "issued_on": "2023-12-20",
        "agencies": [{"code": a, "name_vi": f"Phòng {a}", "kind": "division"} for a in agencies],
        "tasks": tasks, "progress_updates": updates,
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False).encode()


def best(repeat: int, run: Callable[[], object]) -> float:
    """Best of ``repeat`` runs; each starts after a full collection, with the GC enabled."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raw = plan_json(args.tasks)
    plan = Plan.model_validate_json(raw)  # also builds the validators
    monitor(plan, as_of=AS_OF)  # builds the default calendar once
    validate_s = best(args.repeat, lambda: Plan.model_validate_json(raw))
    monitor_s = best(args.repeat, lambda: monitor(plan, as_of=AS_OF))
    ratio = monitor_s / validate_s
    ok = monitor_s <= 1.0 and ratio <= 1.0
    n_updates = len(plan.progress_updates)
    print(f"plan         {len(plan.tasks):,} tasks, {n_updates:,} updates, {len(raw) / 1e6:.1f} MB")
    print(f"validation   Plan.model_validate_json   {validate_s * 1000:8.1f} ms")
    print(
        f"monitoring   monitor(plan, as_of=...)   {monitor_s * 1000:8.1f} ms  (target <= 1000 ms)"
    )
    print(f"ratio        monitoring / validation    {ratio:8.2f}x  (target <= 1.00x)  "
          f"{'ok' if ok else 'MISSED'}")  # fmt: skip
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
