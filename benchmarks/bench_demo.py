"""`cchc demo`, end to end, in a fresh process: the whole built-in Hương Sơn example.

Run: python benchmarks/bench_demo.py [--runs 5] [--target 3]

Each run starts a new interpreter, as a user typing `cchc demo` does, so the imports,
the built-in documents' first load, the plan's monitoring, the survey (with its
bootstrap), both scored rounds and the accountability summary all count. Reported:
the fastest and the median run, in both languages, against a target of 3 s for the
slowest run (exit status 1 when missed).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMAND = "import sys; from cchc.cli import main; sys.exit(main())"


def _once(lang: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", COMMAND, "--lang", lang, "demo"], check=True, capture_output=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target", type=float, default=3.0, help="seconds")
    args = parser.parse_args()
    _once("vi")  # warm the file cache and the bytecode, as on any second use
    slowest = 0.0
    for lang in ("vi", "en"):
        times = [_once(lang) for _ in range(args.runs)]
        slowest = max(slowest, *times)
        print(
            f"cchc --lang {lang} demo   fastest {min(times):5.2f} s   median"
            f" {statistics.median(times):5.2f} s   slowest {max(times):5.2f} s"
        )
    ok = slowest < args.target
    print(f"slowest run {slowest:.2f} s (target < {args.target:g} s)")
    print("ok" if ok else "MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
