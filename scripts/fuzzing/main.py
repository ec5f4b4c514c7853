"""The command line: a run of the pool and its report, or ``--replay`` of one input here."""

from __future__ import annotations

import argparse
import os
import traceback
from collections.abc import Sequence
from pathlib import Path

from .outcomes import write
from .pool import Pool, quiet_warnings, run_case, session
from .report import report
from .targets import TARGETS, make_case


def replay(args: argparse.Namespace) -> int:
    """Make one input again, run it here, print its outcomes with tracebacks."""
    target, _, number = args.replay.partition(":")
    if target not in TARGETS or not number.isdigit():
        raise SystemExit(f"--replay wants TARGET:INDEX with TARGET one of {', '.join(TARGETS)}")
    with session() as (corpus, env):
        case = make_case(target, int(number), args.seed, corpus, args.special_files)
        print(f"made by: {case.how}")
        print(f"input:   {case.shown(4000)}")
        if args.write and isinstance(case.data, str | bytes):
            write(Path(args.write), case.data)
            print(f"written to {args.write}")
        quiet_warnings()
        rec, took = run_case(case, target, env, seconds=args.seconds, keep=True)
        print(f"took:    {took:.3f} s")
        for result in rec.results:
            mark = " " if result.expected else "!"
            print(f"{mark} {result.stage}: {result.label}: {result.message[:2000]}")
        for stage, error in rec.errors:
            print(f"\n--- {stage}")
            traceback.print_exception(error)
        return 0 if all(r.expected for r in rec.results) else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Fuzz cchc's loaders, scoring and CLI; count outcomes by exception type."
    )
    parser.add_argument("--count", type=int, default=1_000_000, help="inputs in all")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=2.0, help="time limit per input")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--targets", default=",".join(TARGETS), help=f"comma-separated: {', '.join(TARGETS)}"
    )
    parser.add_argument("--chunk", type=int, default=200, help="inputs per job sent to a worker")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address space per worker")
    parser.add_argument(
        "--special-files",
        action="store_true",
        help="also load /dev/zero, /dev/urandom and a FIFO (never end or never open)",
    )
    parser.add_argument("--replay", metavar="TARGET:INDEX", help="rerun one input here")
    parser.add_argument("--write", metavar="FILE", help="with --replay: write the input there")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args)
    targets = [t for t in args.targets.split(",") if t]
    unknown = [t for t in targets if t not in TARGETS]
    if unknown or not targets or args.workers < 1:
        parser.error(f"unknown targets {unknown}" if unknown else "nothing to run")
    tally, seconds, log = Pool(args, targets).run()
    return report(tally, seconds, args, log)
