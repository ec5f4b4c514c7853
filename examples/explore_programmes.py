"""Explore the built-in reform programmes: cascade, targets, checks, files.

Run: python examples/explore_programmes.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import cchc
from cchc import datasets


def main() -> None:
    huong_son = datasets.huong_son_programme()

    print("Cascade, from the district up:")
    for programme in datasets.cascade(huong_son):
        instrument = programme.instrument
        print(f"  {instrument.symbol:<14} {instrument.issued_on}  {programme.label_en}")

    print("\nHương Sơn's six solutions:")
    for group in huong_son.solution_groups:
        print(f"  {group.number}. {group.title_vi} — {group.title_en}")

    print("\nNational targets of 76/NQ-CP (unverified figures flagged):")
    for target in datasets.national_programme().targets:
        flag = "" if target.verified else "  [unverified]"
        scope = f" ({target.scope_en})" if target.scope_en else ""
        print(f"  by {target.by_year}: {target.indicator_en}{scope} {target.requirement}{flag}")

    # A copy with a phase running past the programme's end: check() says what and where.
    broken = huong_son.model_copy(
        update={
            "phases": (
                *huong_son.phases[:1],
                huong_son.phases[1].model_copy(update={"end_year": 2031}),
            )
        }
    )
    print("\nFindings in a broken copy:")
    for finding in cchc.check(broken):
        print(f"  {finding}")

    with tempfile.TemporaryDirectory() as folder:
        path = cchc.dump(huong_son, Path(folder) / "huong-son.yaml")
        same = cchc.load(path) == huong_son
        print(f"\nWrote and re-read {path.name}: {path.stat().st_size} bytes, identical: {same}.")


if __name__ == "__main__":
    main()
