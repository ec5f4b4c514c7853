"""cchc benchmarks: each prints its measurement next to its target.

Run: python benchmarks/bench_import.py [--repeat N]

- import: `import cchc` against `import pydantic`, each in a fresh interpreter, alternated,
  median of N runs; target ratio <= 1.5.
- full API (informational): importing every document model, `from cchc import Programme,
  datasets`, against `from pydantic import BaseModel`; no target.
- datasets: loading the three built-in programmes in a fresh interpreter after importing
  `cchc.datasets` (first load, so it includes building the models' validators), median of N
  runs; target < 50 ms.

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

TIMER = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"


def fresh(stmt: str, setup: str = "") -> float:
    """Seconds ``stmt`` takes in a new interpreter, after ``setup``."""
    code = (setup + "; " if setup else "") + TIMER.format(stmt=stmt)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def bench_import(repeat: int) -> bool:
    cchc_times, pydantic_times = [], []
    for _ in range(repeat):
        pydantic_times.append(fresh("import pydantic"))
        cchc_times.append(fresh("import cchc"))
    cchc_ms = statistics.median(cchc_times) * 1000
    pydantic_ms = statistics.median(pydantic_times) * 1000
    ratio = cchc_ms / pydantic_ms
    ok = ratio <= 1.5
    print(
        f"import       cchc {cchc_ms:6.1f} ms / pydantic {pydantic_ms:6.1f} ms"
        f" = {ratio:4.2f}x  (target <= 1.5x)  {'ok' if ok else 'MISSED'}"
    )
    return ok


def bench_full_api(repeat: int) -> None:
    ours, theirs = [], []
    for _ in range(repeat):
        theirs.append(fresh("from pydantic import BaseModel"))
        ours.append(fresh("from cchc import Programme, datasets"))
    ours_ms = statistics.median(ours) * 1000
    theirs_ms = statistics.median(theirs) * 1000
    print(
        f"full API     cchc {ours_ms:6.1f} ms / pydantic.BaseModel {theirs_ms:6.1f} ms"
        f" = {ours_ms / theirs_ms:4.2f}x  (informational)"
    )


def bench_datasets(repeat: int) -> bool:
    setup = "import cchc.datasets"
    times = [fresh("cchc.datasets.programmes()", setup=setup) for _ in range(repeat)]
    ms = statistics.median(times) * 1000
    ok = ms < 50
    print(
        f"datasets     3 programmes, first load {ms:6.1f} ms  (target < 50 ms)  "
        f"{'ok' if ok else 'MISSED'}"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    results = [bench_import(args.repeat), bench_datasets(args.repeat)]
    bench_full_api(args.repeat)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
