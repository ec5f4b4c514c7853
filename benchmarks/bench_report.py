"""The HTML report of a 1,000-unit round, end to end: score (batch path) and report.

Run: python benchmarks/bench_report.py [--units 1000] [--target 10]

A synthetic round is made from the built-in Hương Sơn communes (illustrative
framework, every rule kind): each unit copies one commune's assessment and moves its
inputs at random (seeded), for the year scored and the year before. Timed, in a fresh
process so that the first import of matplotlib and the template compilation count:

1. both rounds encoded into a `RoundTable` and scored with `score_table`;
2. `build_report` with the previous ranking, the assessments (the featured units'
   cards are scored from them) and the status of the built-in plan;
3. the page written to a temporary file.

Then the same through the command line: both rounds written to JSON files, and
`cchc report FRAMEWORK ROUND --previous ROUND --plan ... -o FILE` run in a fresh
process (reading and validating the files, scoring every card, the report).

Target: each of the two in under 10 s (exit status 1 when either misses). Also printed:
the size of the page and, for comparison, the time `score_round` (one card per unit) takes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from cchc import datasets, dump
from cchc.documents import Assessment, AssessmentRound, Framework
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    SurveyRule,
    TiersRule,
    TimelinessRule,
)
from cchc.scoring import score_round

FRAMEWORK = "illustrative-district"


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _number(value: object) -> float:
    if not isinstance(value, Decimal | int):
        raise TypeError(f"expected a number, not {value!r}")
    return float(value)


def _move(
    framework: Framework, base: Assessment, rng: random.Random, year: int
) -> dict[str, object]:
    inputs: dict[str, object] = {}
    for leaf in framework.leaves():
        value, rule = base.inputs[leaf.code], leaf.rule
        if value is None:
            inputs[leaf.code] = None
        elif isinstance(rule, BinaryRule):
            inputs[leaf.code] = rng.random() < 0.8
        elif isinstance(rule, CountTiersRule | DeductionRule):
            inputs[leaf.code] = rng.randint(0, 5)
        elif isinstance(rule, TimelinessRule):
            deadline = rule.deadline(year)
            inputs[leaf.code] = deadline + dt.timedelta(days=rng.randint(-40, 15))
        elif isinstance(rule, SurveyRule):
            inputs[leaf.code] = Decimal(f"{_clamp(_number(value) + rng.gauss(0, 6), 0, 100):.2f}")
        elif isinstance(rule, ManualRule):
            inputs[leaf.code] = Decimal(f"{rng.uniform(0, float(leaf.max_points)):.2f}")
        elif isinstance(rule, TiersRule) and rule.on == "value":
            inputs[leaf.code] = Decimal(f"{max(_number(value) + rng.gauss(0, 8), 0):.1f}")
        else:
            inputs[leaf.code] = Decimal(f"{_clamp(_number(value) + rng.gauss(0, 0.08), 0, 1):.4f}")
    return inputs


def synthetic_round(framework: Framework, units: int, year: int, seed: int) -> AssessmentRound:
    """``units`` assessments for ``year``, each a built-in commune's with its inputs moved."""
    rng = random.Random(seed)
    bases = datasets.assessment_round("huong-son-communes-2024").assessments
    items = []
    for i in range(units):
        base = bases[i % len(bases)]
        items.append(
            Assessment(
                unit=f"xa-{i:04d}", unit_name_vi=f"Xã Thử Nghiệm {i:04d}", year=year,
                framework=framework.code, edition=framework.edition,
                inputs=_move(framework, base, rng, year),  # type: ignore[arg-type]
                appraisals=base.appraisals,
            )
        )  # fmt: skip
    return AssessmentRound(
        code=f"synthetic-{year}", framework=framework.code, edition=framework.edition,
        year=year, illustrative=True, assessments=tuple(items),
    )  # fmt: skip


def _command_line(folder: Path, current: AssessmentRound, before: AssessmentRound) -> float:
    """Seconds `cchc report` takes, in a fresh process, on the rounds written as JSON."""
    now_file, before_file = folder / "now.json", folder / "before.json"
    dump(current, now_file)
    dump(before, before_file)
    argv = [
        sys.executable, "-c", "import sys; from cchc.cli import main; sys.exit(main())",
        "report", FRAMEWORK, str(now_file), "--previous", str(before_file),
        "--plan", "huong-son-plan-2022", "--as-of", datasets.HUONG_SON_PLAN_AS_OF.isoformat(),
        "--programme", "huong-son", "ha-tinh", "national",
        "--date", "2025-03-01", "-o", str(folder / "cli.html"),
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--target", type=float, default=10.0, help="seconds")
    args = parser.parse_args()
    framework = datasets.framework(FRAMEWORK)
    start = time.perf_counter()
    current = synthetic_round(framework, args.units, 2024, seed=1)
    before = synthetic_round(framework, args.units, 2023, seed=2)
    made = time.perf_counter() - start
    plan = datasets.huong_son_plan_2022()
    programme = datasets.cascade(datasets.huong_son_programme())

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.html"
        start = time.perf_counter()
        # Everything timed is imported inside the timed block: a cold run, as `cchc report`.
        from cchc.monitoring import monitor
        from cchc.report import write_report
        from cchc.scoring.batch import score_table
        from cchc.scoring.table import RoundTable

        previous = score_table(RoundTable.from_assessments(framework, before))
        ranking = score_table(RoundTable.from_assessments(framework, current))
        scored = time.perf_counter() - start
        status = monitor(plan, as_of=datasets.HUONG_SON_PLAN_AS_OF, programme=programme)
        write_report(
            path, framework, ranking, previous=previous, assessments=current,
            monitoring=status, lang="vi", generated_on=dt.date(2025, 3, 1),
        )  # fmt: skip
        total = time.perf_counter() - start
        size = path.stat().st_size
        start = time.perf_counter()
        write_report(
            path, framework, ranking, previous=previous, assessments=current,
            monitoring=status, lang="en", generated_on=dt.date(2025, 3, 1),
        )  # fmt: skip
        warm = time.perf_counter() - start
        cli = _command_line(Path(folder), current, before)

    start = time.perf_counter()
    score_round(framework, current)
    cards_time = time.perf_counter() - start
    print(f"synthetic rounds          {made:8.2f} s  (2 x {args.units} units, not timed)")
    print(f"encode + score_table x2   {scored:8.2f} s")
    print(f"report (cold), to a file {total - scored:9.2f} s  ({size / 1e6:.2f} MB of HTML)")
    print(f"end to end (cold)         {total:8.2f} s  (target < {args.target:g} s)")
    print(f"second report (warm)      {warm:8.2f} s")
    print(f"score_round, all cards    {cards_time:8.2f} s  (reported, no target)")
    print(f"cchc report (a process)   {cli:8.2f} s  (target < {args.target:g} s)")
    ok = total < args.target and cli < args.target
    print("ok" if ok else "MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
