"""Run every benchmark in this folder, each in its own process, and summarise.

Run: python benchmarks/run.py

Each `bench_*.py` script measures cchc against its target (most of them as a ratio
to a reference implementation measured in the same run) and exits 1 when it misses.
This script prints their output and exits 1 if any of them did.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> None:
    folder = Path(__file__).resolve().parent
    failed = []
    for script in sorted(folder.glob("bench_*.py")):
        print(f"\n=== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode != 0:
            failed.append(script.name)
    print(f"\n{'missed: ' + ', '.join(failed) if failed else 'every benchmark met its target'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
