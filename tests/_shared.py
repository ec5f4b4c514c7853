"""The shared reference data beside the repository, for known-answer tests.

``../shared/bench`` holds the reference implementations the benchmarks compare with
(``$CCHC_BENCH_REFERENCES`` overrides it), ``../shared/coinr`` COINr's computed cases. When
they are not there (a clone elsewhere), the tests that need them skip.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

SHARED = Path(__file__).resolve().parents[2] / "shared"


def bench_reference(name: str) -> ModuleType | None:
    """The reference module ``name`` (``"calendar_reference"``…), or None when absent."""
    env = os.environ.get("CCHC_BENCH_REFERENCES")
    path = (Path(env) if env else SHARED / "bench") / f"{name}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
