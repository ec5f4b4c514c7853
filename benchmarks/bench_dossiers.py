"""Decision 766 indicators of 10M dossiers against the DuckDB reference: same run, same digits.

Run: python benchmarks/bench_dossiers.py [--dossiers 10000000] [--repeat 5] [--cache DIR]

Steps, each timed and printed:
1. the workload is generated once by shared/bench/dossier_reference.py and cached in
   ~/.cache/cchc-bench (or --cache), with its two catalogue sidecars;
2. the reference query and cchc (`assess_dossiers` + `indexes` for unit-year,
   province-year and unit-month, results fetched) run on the same file, alternately, N
   times each in this process, both on DuckDB's default threads: the measured ratio is
   the median of cchc's times over the median of the reference's (wall clock; the CPU-time
   ratio is printed too, being less sensitive to other load on the machine);
3. cchc's results (`reference_json`) are compared with the reference's --json document,
   every unit, province and unit-month, digit for digit;
4. in a fresh process, one whole cchc run (catalogue, assess, indexes, JSON) gives the
   peak memory (ru_maxrss), and its time is printed as the cold-start time.

Targets: ratio <= 1.5, identical results, peak memory of the cchc process < 2 GB.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _references import load

CHILD = r"""
import json, resource, sys, time
start = time.perf_counter()
sys.path.insert(0, sys.argv[3])
from bench_dossiers import catalogue_of
from cchc.dossiers import assess_dossiers, reference_json
assessment = assess_dossiers(sys.argv[1], catalogue_of(sys.argv[1]), year=2025)
document = reference_json(assessment)
with open(sys.argv[2], "w", encoding="utf-8") as stream:
    json.dump(document, stream, ensure_ascii=False)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def catalogue_of(path: str) -> Any:
    """The reference's two sidecar tables as a cchc procedure catalogue."""
    import pyarrow.parquet as pq

    from cchc.documents import ProcedureCatalogue

    stem = path.removesuffix(".parquet")
    units = pq.read_table(stem + ".units.parquet").to_pylist()
    procedures = pq.read_table(stem + ".procedures.parquet").to_pylist()
    return ProcedureCatalogue.model_validate({
        "code": "dossiers-synthetic-v1",
        "units": [{"code": u["unit"], "province": u["province"]} for u in units],
        "procedures": [{"code": p["procedure"], "legal_days": p["legal_days"],
                        "fee_bearing": p["fee_bearing"], "online_capable": p["online_capable"]}
                       for p in procedures],
    })  # fmt: skip


def reference_session(ref: Any, path: Path) -> Any:
    import duckdb

    cal = ref.Calendar()
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    units_path, procs_path = ref.sidecars(str(path))
    con.execute("CREATE TEMP TABLE units AS SELECT * FROM read_parquet(?)", [units_path])
    con.execute("CREATE TEMP TABLE procedures AS SELECT * FROM read_parquet(?)", [procs_path])
    cal_table = cal.table()  # noqa: F841 - DuckDB reads the local by name
    con.execute("CREATE TEMP TABLE cal AS SELECT * FROM cal_table")
    return con, cal


def compare(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    problems = []
    for part in ("period", "criteria", "units", "provinces", "unit_months"):
        if got[part] != want[part]:
            bad = [i for i, (g, w) in enumerate(zip(got[part], want[part], strict=False)) if g != w]
            problems.append(f"{part}: {len(bad)} rows differ (first {bad[:3]}), "
                            f"{len(got[part])} vs {len(want[part])} rows")  # fmt: skip
    for days in ("weekdays_off", "weekend_workdays"):
        if got["calendar"][days] != want["calendar"][days]:
            problems.append(f"calendar {days} differ")
    return problems


def main() -> None:  # noqa: PLR0915 - one linear script, step by step
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "cchc-bench")
    args = parser.parse_args()
    ref = load("dossier_reference")
    args.cache.mkdir(parents=True, exist_ok=True)
    path = args.cache / f"dossiers-{args.dossiers}.parquet"
    if not path.exists():
        start = time.perf_counter()
        ref.write_workload(str(path), args.dossiers, ref.Calendar())
        print(f"generated {args.dossiers} dossiers in {time.perf_counter() - start:.1f} s"
              f" -> {path}")  # fmt: skip

    from cchc.dossiers import assess_dossiers, reference_json
    from cchc.dossiers._read import connect

    start = time.perf_counter()
    catalogue = catalogue_of(str(path))
    catalogue_time = time.perf_counter() - start
    con, cal = reference_session(ref, path)
    ours_con = connect()
    views: Any = (("unit", "year"), ("province", "year"), ("unit", "month"))
    times: dict[str, list[float]] = {"ref": [], "ref_cpu": [], "ours": [], "ours_cpu": []}
    result: Any = None
    assessment: Any = None
    indexes: Any = None
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = ref.run_reference(con, str(path), cal)
        times["ref"].append(time.perf_counter() - start)
        times["ref_cpu"].append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        assessment = assess_dossiers(path, catalogue, year=2025, con=ours_con)
        indexes = assessment.indexes(*views)
        times["ours"].append(time.perf_counter() - start)
        times["ours_cpu"].append(time.process_time() - cpu)
    start = time.perf_counter()
    got = json.loads(json.dumps(reference_json(assessment, indexes=indexes)))
    rows_time = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        expected_path = Path(folder) / "expected.json"
        province_of = dict(con.execute("SELECT unit, province FROM units").fetchall())
        ref.dump(result, str(expected_path), args.dossiers, cal, province_of)
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        env = dict(os.environ)
        here = Path(__file__).resolve().parent
        env["PYTHONPATH"] = os.pathsep.join([str(here.parent / "src"), env.get("PYTHONPATH", "")])
        ran = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(Path(folder) / "cold.json"), str(here)],
            capture_output=True, text=True, check=False, env=env,
        )  # fmt: skip
        if ran.returncode != 0:
            sys.exit(f"cchc failed in a fresh process:\n{ran.stderr}")
        child = json.loads(ran.stdout.strip().splitlines()[-1])
        cold = json.loads((Path(folder) / "cold.json").read_text(encoding="utf-8"))

    median = statistics.median
    ref_time, ours = median(times["ref"]), median(times["ours"])
    ratio, cpu_ratio = ours / ref_time, median(times["ours_cpu"]) / median(times["ref_cpu"])
    problems = compare(got, expected) + [f"fresh process: {p}" for p in compare(cold, expected)]
    v = assessment.validation
    print(f"dossiers                 {v.rows:>12,d}  ({v.rejected} rejected)")
    print(f"DuckDB reference         {ref_time * 1000:8.1f} ms  (median of {args.repeat}:"
          f" {', '.join(f'{t:.3f}' for t in times['ref'])})")  # fmt: skip
    print(f"cchc assess + indexes    {ours * 1000:8.1f} ms  = {ratio:.2f}x reference, wall"
          f" (target <= 1.5x; runs {', '.join(f'{t:.3f}' for t in times['ours'])})")  # fmt: skip
    print(
        f"  CPU time               {cpu_ratio:8.2f} x  reference (cchc"
        f" {median(times['ours_cpu']):.3f} s, reference {median(times['ref_cpu']):.3f} s)"
    )
    print(f"catalogue document       {catalogue_time * 1000:8.1f} ms  (reported, no target)")
    print(f"rows as Python values    {rows_time * 1000:8.1f} ms  (reference_json, no target)")
    units, provinces, months = (len(got[k]) for k in ("units", "provinces", "unit_months"))
    print(
        f"identical results        {'yes' if not problems else 'NO'}: {units} units,"
        f" {provinces} provinces, {months} unit-months (and in the fresh process)"
    )
    for problem in problems:
        print(f"  {problem}")
    print(
        f"fresh process, cold      {child['seconds'] * 1000:8.1f} ms  (imports, catalogue, one run,"
        " JSON; no target)"
    )
    print(f"peak memory (cchc)       {child['peak_mb']:8.1f} MB  (fresh process; target < 2048 MB)")
    ok = ratio <= 1.5 and not problems and v.rejected == 0 and child["peak_mb"] < 2048
    print("ok" if ok else "MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
