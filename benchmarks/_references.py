"""The reference implementations the benchmarks measure cchc against, loaded by name.

They are looked up in ``$CCHC_BENCH_REFERENCES``, else in ``../shared/bench`` next to
the repository. Nothing of cchc is imported here, so that a baseline script using a
reference pays for numpy alone.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

__all__ = ["load"]


def load(name: str) -> ModuleType:
    """The module ``name`` (``"scoring_reference"``…), or exit saying where it was sought."""
    env = os.environ.get("CCHC_BENCH_REFERENCES")
    folder = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "bench"
    path = folder / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not path.is_file():
        sys.exit(f"reference not found: {path} (set CCHC_BENCH_REFERENCES)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
