"""``cchc score`` from files, in a fresh process, against a hand-written json + numpy script.

Run: python benchmarks/bench_cli_score.py [--units 10000] [--repeat 3]

The synthetic round of ``bench_scoring.py`` is written as a cchc framework and round
(JSON files). Then, alternately and each in a fresh process:

- ``baseline_score.py``: ``json.load`` of both files, one Python loop into integer
  arrays, the reference's numpy scorer, the ranking printed as CSV;
- ``cchc score FRAMEWORK ROUND --format csv``: the whole user path, from reading and
  checking the files to the printed ranking.

Both outputs must be identical byte for byte. Measured: CPU time (user + system) and
peak memory of each process, the least of ``--repeat`` runs (with bytecode caches, as
an installed package has them); wall time is printed too.
Targets: cchc's CPU time ≤ 1.5 × the baseline's, identical output, peak < 600 MB.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _references import load
from bench_scoring import to_cchc

TARGET = 1.5
MEMORY_MB = 600
HERE = Path(__file__).resolve().parent
# As installed: modules compiled once and cached (this machine sets PYTHONDONTWRITEBYTECODE,
# which would have both processes compile every module at every start).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def measured(command: list[str], output: Path) -> tuple[float, float, float]:
    """Run ``command`` with stdout to ``output``: CPU seconds, wall seconds, peak MB."""
    start = time.perf_counter()
    with output.open("wb") as stream:
        process = subprocess.Popen(command, stdout=stream, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed with exit {process.returncode}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ref = load("scoring_reference")
    workload = ref.make_workload(args.units)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ref.dump(workload, ref.score(workload), str(folder / "reference.json"))
        framework, round_ = to_cchc(json.loads((folder / "reference.json").read_text()))
        files = [str(folder / "framework.json"), str(folder / "round.json")]
        Path(files[0]).write_text(json.dumps(framework), encoding="utf-8")
        Path(files[1]).write_text(json.dumps(round_), encoding="utf-8")
        del framework, round_
        cchc = str(Path(sys.executable).with_name("cchc"))
        commands = {
            "baseline": [sys.executable, str(HERE / "baseline_score.py"), *files],
            "cchc": [cchc, "score", *files, "--format", "csv"],
        }
        best: dict[str, tuple[float, float, float]] = {}
        for _ in range(args.repeat):
            for label, command in commands.items():
                cpu, wall, peak = measured(command, folder / f"{label}.csv")
                old = best.get(label)
                best[label] = (
                    (min(cpu, old[0]), min(wall, old[1]), max(peak, old[2])) if old else
                    (cpu, wall, peak)
                )  # fmt: skip
        same = (folder / "baseline.csv").read_bytes() == (folder / "cchc.csv").read_bytes()
        rows = (folder / "cchc.csv").read_text(encoding="utf-8").count("\n") - 1
    ratio = best["cchc"][0] / best["baseline"][0]
    print(f"round                      {args.units:,} units x 100 criteria, {rows:,} rows out")
    for label, (cpu, wall, peak) in best.items():
        print(f"{label:<10} CPU {cpu:6.2f} s   wall {wall:6.2f} s   peak {peak:7.1f} MB")
    print(f"cchc score / baseline      {ratio:.2f}x CPU (target <= {TARGET}x)")
    print(f"identical output           {'yes' if same else 'NO'}")
    ok = same and ratio <= TARGET and best["cchc"][2] < MEMORY_MB
    print("ok" if ok else "TARGET MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
