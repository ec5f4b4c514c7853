"""Run every check of the project: lint, types, tests with doctests, examples.

Usage: python scripts/check.py   (from the repository root, in the dev environment)
Exits non-zero on the first failing step.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def step(name: str, *command: str) -> None:
    print(f"\n=== {name}: {' '.join(command)}", flush=True)
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        print(f"=== {name} failed (exit {result.returncode})", flush=True)
        sys.exit(result.returncode)


def main() -> None:
    step("ruff", PY, "-m", "ruff", "check", ".")
    step("ruff format", PY, "-m", "ruff", "format", "--check", ".")
    step("mypy", PY, "-m", "mypy")
    step("pytest", PY, "-m", "pytest")
    step("docs", PY, "scripts/build_docs.py")
    for example in sorted((ROOT / "examples").glob("*.py")):
        step(f"example {example.name}", PY, str(example))
    print("\nAll checks passed.")


if __name__ == "__main__":
    main()
