"""Build the documentation site with warnings as errors.

Usage: python scripts/build_docs.py [OUTPUT_DIR] [-- extra sphinx-build options]

Runs ``sphinx-build -W --keep-going -b html docs OUTPUT_DIR`` (a fresh temporary
directory by default, removed afterwards unless ``--keep`` is given) and checks that
every name of ``cchc.__all__`` appears in the reference page of the namespace.
Exits non-zero on any warning. The doctests of the pages run under pytest, not here.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _namespace_gaps() -> list[str]:
    """Names of ``cchc.__all__`` that docs/reference/api.md does not mention."""
    sys.path.insert(0, str(ROOT / "src"))
    import cchc  # noqa: PLC0415 - from the working tree, after the path is set

    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    mentioned = set(re.findall(r"`cchc\.(\w+)`", page))
    return sorted(set(cchc.__all__) - mentioned - {"__version__"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, help="output directory (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary output")
    parser.add_argument("-j", "--jobs", default="auto", help="sphinx-build -j (default: auto)")
    parser.add_argument("extra", nargs="*", help="extra sphinx-build options, after --")
    args = parser.parse_args(argv)

    gaps = _namespace_gaps()
    for name in gaps:
        print(f"docs/reference/api.md: warning: cchc.{name} is public but not listed")

    temporary = args.output is None
    output = Path(tempfile.mkdtemp(prefix="cchc-docs-")) if temporary else args.output
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-E",
        "-j", str(args.jobs), "-b", "html", *args.extra, str(DOCS), str(output),
    ]  # fmt: skip
    started = time.perf_counter()
    status = subprocess.run(command, check=False, cwd=ROOT).returncode
    elapsed = time.perf_counter() - started
    where = "a temporary directory" if temporary and not args.keep else str(output)
    verdict = "built" if status == 0 else "FAILED"
    print(f"docs {verdict} in {elapsed:.1f} s into {where}")
    if temporary and not args.keep:
        shutil.rmtree(output, ignore_errors=True)
    return 1 if status or gaps else 0


if __name__ == "__main__":
    sys.exit(main())
