"""The tally of outcomes, and the table and examples printed from it."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .corpus import Corpus, build_corpus
from .targets import NAMES, make_case

Key = tuple[str, str, bool]
"""(stage, label, expected)."""


@dataclass(frozen=True)
class Example:
    """The first input that gave an outcome."""

    target: str
    index: int
    how: str
    shown: str
    message: str


@dataclass
class Tally:
    """Counts of outcomes, first examples of unexpected ones, inputs and the slowest."""

    counts: Counter[Key] = field(default_factory=Counter)
    examples: dict[tuple[str, str], Example] = field(default_factory=dict)
    inputs: Counter[str] = field(default_factory=Counter)
    slowest: dict[str, tuple[float, int]] = field(default_factory=dict)

    def note(self, key: tuple[str, str], example: Example) -> None:
        known = self.examples.get(key)
        if known is None or (known.target, known.index) > (example.target, example.index):
            self.examples[key] = example

    def timed(self, target: str, seconds: float, index: int) -> None:
        """Keep the input as the target's slowest if it is."""
        if seconds > self.slowest.get(target, (0.0, 0))[0]:
            self.slowest[target] = (seconds, index)

    def merge(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.inputs.update(other.inputs)
        for key, example in other.examples.items():
            self.note(key, example)
        for target, (seconds, index) in other.slowest.items():
            self.timed(target, seconds, index)


def _stage_order(stage: str) -> tuple[int, str]:
    target = stage.split(":", maxsplit=1)[0]
    if stage == "validate-struct":
        target = "loads-struct"
    return (NAMES.index(target) if target in NAMES else 99, stage)


def report(tally: Tally, seconds: float, args: argparse.Namespace, log: Sequence[str]) -> int:
    """Print the table and the unexpected outcomes' examples; the exit status."""
    inputs = sum(tally.inputs.values())
    print(
        f"cchc fuzz: seed {args.seed}, {inputs:,} inputs in {seconds:,.1f} s"
        f" ({inputs / max(seconds, 1e-9):,.0f} inputs/s, {args.workers} worker(s),"
        f" {args.seconds:g} s limit per input)\n"
    )
    print("inputs per target: " + ", ".join(f"{t} {n:,}" for t, n in tally.inputs.items()))
    print()
    print(f"  {'stage':<16} {'outcome':<52} {'count':>9}")
    previous = ""
    for (stage, label, expected), count in sorted(
        tally.counts.items(), key=lambda item: (_stage_order(item[0][0]), -item[1])
    ):
        mark = " " if expected else "!"
        shown = stage if stage != previous else ""
        previous = stage
        print(f"{mark} {shown:<16} {label:<52} {count:>9,}")
    print()
    for target, (took, index) in sorted(tally.slowest.items(), key=lambda t: _stage_order(t[0])):
        print(f"  slowest {target}: {took:.3f} s (--replay {target}:{index})")
    for line in log:
        print(f"  {line}")
    unexpected = {
        (stage, label): count
        for (stage, label, expected), count in tally.counts.items()
        if not expected
    }
    if not unexpected:
        print("\nEvery outcome was expected.")
        return 0
    corpus: Corpus | None = None
    print(f"\nUNEXPECTED outcomes ({len(unexpected)} kinds; first example of each):")
    for (stage, label), count in sorted(unexpected.items(), key=lambda i: _stage_order(i[0][0])):
        example = tally.examples[stage, label]
        how, shown = example.how, example.shown
        if not how:  # killed or crashed in a worker: make the input again here
            corpus = corpus or build_corpus()
            case = make_case(example.target, example.index, args.seed, corpus, args.special_files)
            how, shown = case.how, case.shown()
        print(f"\n! {stage} · {label}  ({count:,} inputs)")
        print(f"    made by: {how[:600]}")
        print(f"    input:   {shown}")
        message = " ".join(example.message.split())
        print(f"    message: {message[:600]}")
        print(
            f"    replay:  python scripts/fuzz.py --seed {args.seed}"
            f" --replay {example.target}:{example.index}"
        )
    return 1
