"""Mutation testing of the scoring rules, the score card and the working-day calendar.

Usage (from the repository root, in the dev environment, after ``pip install mutmut``;
written for mutmut 3.8)::

    python scripts/mutation.py                      # all three files, 3–5 minutes on 2 cores
    python scripts/mutation.py --only calendar      # rules, card or calendar
    python scripts/mutation.py --keep /tmp/mutants  # keep mutmut's folders, for `mutmut show`

Not run in CI: it takes minutes, and mutmut is not a dependency of the project.

It mutates exactly ``src/cchc/scoring/_rules.py``, ``src/cchc/scoring/card.py`` and
``src/cchc/calendar.py``, one file per mutmut run, each against only the test files about
it (``TARGETS``; mutmut then runs, for each mutant, only the tests that call the mutated
function). mutmut reads its settings from the ``pyproject.toml`` of the folder it runs in,
so each run works in a temporary copy of ``src/`` and ``tests/`` whose ``pyproject.toml``
gets a ``[tool.mutmut]`` table: the repository's own files are left alone.

The score of a file is killed / (mutants - known equivalent). A timeout counts as killed;
a mutant that no selected test reaches ("no tests") counts as survived. A survivor that
matches ``EQUIVALENT`` (same function, same changed lines) is a mutant no test can kill and
leaves the count; each entry says why. Every survivor is listed with its change. The exit
status is 1 when a file scores below ``--fail-under`` (default 90).

mutmut's trampolines add stack frames, so the test of the warnings' stack level
(``Target.deselect``) is left out here: the mutants of ``stacklevel`` in calendar.py survive
this script although that test, run by plain pytest, kills them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    """One source file, the test files that are about it, and tests mutmut cannot run."""

    source: str
    tests: tuple[str, ...]
    deselect: tuple[str, ...] = ()


_SCORING_TESTS = (
    "tests/test_scoring_rules.py",
    "tests/test_scoring_cards.py",
    "tests/test_scoring_rule_edges.py",
    "tests/test_scoring_explanations.py",
    "tests/test_scoring_card_views.py",
)

TARGETS = {
    "rules": Target("src/cchc/scoring/_rules.py", _SCORING_TESTS),
    "card": Target("src/cchc/scoring/card.py", _SCORING_TESTS),
    "calendar": Target(
        "src/cchc/calendar.py",
        ("tests/test_calendar.py", "tests/test_periods.py", "tests/test_calendar_edges.py"),
        # It checks the warning's stack level, and mutmut's trampolines add stack frames.
        deselect=("tests/test_calendar_edges.py::test_the_warning_points_at_the_caller_s_line",),
    ),
}


@dataclass(frozen=True)
class Equivalent:
    """A mutant no test can tell from the original: where, what changes, and why."""

    where: str  # "function" or "Class.method"
    removed: str  # the changed source lines, stripped, joined by newlines
    added: str
    reason: str


def _same(where: str, removed: str, reason: str, *added: str) -> tuple[Equivalent, ...]:
    return tuple(Equivalent(where, removed, new, reason) for new in added)


_SUM = "sum() starts from 0 and adds Decimals: the same Decimal; there is always a term"
_PLACEHOLDER = "the inner node's placeholder is replaced by its score before score() returns"
_PLACEHOLDER_LINE = (
    "scores.append(NodeScore(node.code, depth, _ZERO, node.max_points, _ZERO, False))"
)
_COLUMNS = "without columns, data_frame takes the records' keys: the same names, in order"
_BULK = "return data_frame(self.records(), columns=columns, exact=exact)"
_RULE_KIND = 'rule = node.rule.kind if node.rule is not None else ""'
_PERIOD_END = 'pos = self._pos(nominal, "the period\'s end")'
_RANK_NOTE = "  # rank: working days up to and including"
_ESTIMATE_FLAGS = "only whether a prefix difference is above 0 is read, exact in any dtype"

# Per target: the surviving mutants that are equivalent to the original.
EQUIVALENT: dict[str, tuple[Equivalent, ...]] = {
    "rules": (
        Equivalent(
            "evaluate",
            'raise fail(f"leaf {node.code} has no rule")  # pragma: no cover - Node forbids it',
            "raise fail(None)  # pragma: no cover - Node forbids it",
            "unreachable: a leaf always has one of the rules tested above",
        ),
    ),
    "card": (
        Equivalent(
            "score",
            "total = sum((a.points for a in areas), _ZERO)",
            "total = sum((a.points for a in areas), )",
            _SUM,
        ),
        Equivalent(
            "score",
            "applicable_max = sum((a.applicable_max for a in areas), _ZERO)",
            "applicable_max = sum((a.applicable_max for a in areas), )",
            _SUM,
        ),
        Equivalent(
            "_score_node",
            "points=sum((c.points for c in children), _ZERO),",
            "points=sum((c.points for c in children), ),",
            _SUM,
        ),
        Equivalent(
            "_score_node",
            "applicable_max=sum((c.applicable_max for c in children), _ZERO),",
            "applicable_max=sum((c.applicable_max for c in children), ),",
            _SUM,
        ),
        *_same(
            "_score_node",
            _PLACEHOLDER_LINE,
            _PLACEHOLDER,
            "scores.append(None)",
            "scores.append(NodeScore(None, depth, _ZERO, node.max_points, _ZERO, False))",
            "scores.append(NodeScore(node.code, None, _ZERO, node.max_points, _ZERO, False))",
            "scores.append(NodeScore(node.code, depth, None, node.max_points, _ZERO, False))",
            "scores.append(NodeScore(node.code, depth, _ZERO, None, _ZERO, False))",
            "scores.append(NodeScore(node.code, depth, _ZERO, node.max_points, None, False))",
            "scores.append(NodeScore(node.code, depth, _ZERO, node.max_points, _ZERO, None))",
            "scores.append(NodeScore(node.code, depth, _ZERO, node.max_points, _ZERO, True))",
        ),
        Equivalent(
            "_score_leaf",
            "outcome = evaluate(framework, node, value, unit=unit, year=assessment.year)",
            "outcome = evaluate(None, node, value, unit=unit, year=assessment.year)",
            "evaluate() does not read its framework argument",
        ),
        *_same(
            "_score_leaf",
            _RULE_KIND,
            "every leaf has a rule (a Node without children and rule is refused)",
            'rule = node.rule.kind if (node.rule is not None) or True else ""',
            'rule = node.rule.kind if node.rule is not None else "XXXX"',
        ),
        Equivalent(
            "ScoreCard.to_pandas",
            'columns = ["unit", "year", *(f.name for f in attrs.fields(NodeScore))]',
            "columns = None",
            _COLUMNS,
        ),
        *_same(
            "ScoreCard.to_pandas",
            _BULK,
            _COLUMNS,
            "return data_frame(self.records(), columns=None, exact=exact)",
            "return data_frame(self.records(), exact=exact)",
        ),
        Equivalent(
            "ScoreCard._repr_html_",
            '{"appraisal": "thẩm định", "rule": "quy tắc"}.get(n.counted_from or ""),',
            '{"appraisal": "thẩm định", "rule": "quy tắc"}.get(n.counted_from or "XXXX"),',
            "neither key is in the mapping: both give None",
        ),
    ),
    "calendar": (
        Equivalent(
            "VietnamCalendar.__init__",
            'self._first64 = np.datetime64(self._first, "D")',
            "self._first64 = np.datetime64(self._first, )",
            "a datetime.date converts at day precision anyway",
        ),
        *_same(
            "VietnamCalendar._build",
            "working[positions(self._facts.names)] = False",
            "numpy stores None as False in a boolean array",
            "working[positions(self._facts.names)] = None",
        ),
        *_same(
            "VietnamCalendar._build",
            "working[positions(self._off)] = False",
            "numpy stores None as False in a boolean array",
            "working[positions(self._off)] = None",
        ),
        *_same(
            "VietnamCalendar._build",
            "working.flags.writeable = False",
            "the array is private and never handed out (the bulk answer indexes a copy)",
            "working.flags.writeable = None",
            "working.flags.writeable = True",
        ),
        *_same(
            "VietnamCalendar._build",
            "self._cum = np.cumsum(working, dtype=np.int64)" + _RANK_NOTE,
            "a boolean cumsum is already int64 here, and ranks stay far below 2**31",
            "self._cum = np.cumsum(working, dtype=None)" + _RANK_NOTE,
            "self._cum = np.cumsum(working, )" + _RANK_NOTE,
        ),
        *_same(
            "VietnamCalendar._build",
            'self._work_days = np.concatenate((np.array(["NaT"], dtype="datetime64[D]"), by_rank))',
            "numpy reads NaT in any case, and entry 0 is never read (rank 0 is refused first)",
            'self._work_days = np.concatenate((np.array(["nat"], dtype="datetime64[D]"), by_rank))',
            'self._work_days = np.concatenate((np.array(["NAT"], dtype="datetime64[D]"), by_rank))',
        ),
        *_same(
            "VietnamCalendar._build",
            "flags = np.zeros(size, dtype=np.int64)",
            _ESTIMATE_FLAGS,
            "flags = np.zeros(size, dtype=None)",
            "flags = np.zeros(size, )",
        ),
        *_same(
            "VietnamCalendar._build",
            "flags[self._est_positions] = 1",
            _ESTIMATE_FLAGS,
            "flags[self._est_positions] = 2",
        ),
        *_same(
            "VietnamCalendar._positions",
            'raise self._outside(f"{day} is", None if np.isnat(day) else day.astype(dt.date))',
            "NaT converted to a date is None already",
            'raise self._outside(f"{day} is", None if (np.isnat(day)) and False else'
            " day.astype(dt.date))",
        ),
        *_same(
            "VietnamCalendar.period_end",
            _PERIOD_END,
            "the nominal end is always a date, so as_day never shows the argument's name",
            "pos = self._pos(nominal, None)",
            "pos = self._pos(nominal, )",
            'pos = self._pos(nominal, "XXthe period\'s endXX")',
            'pos = self._pos(nominal, "THE PERIOD\'S END")',
        ),
    ),
}

# Statuses as `mutmut results --all true` prints them.
_KILLED = {"killed", "timeout"}


@dataclass
class Mutant:
    """One mutant of a run: its name, status and change."""

    name: str
    status: str
    removed: str = ""
    added: str = ""
    equivalent: Equivalent | None = None

    @property
    def where(self) -> str:
        """The mutated function, as ``function`` or ``Class.method``."""
        match = re.search(r"\.x(?:ǁ([^ǁ]+)ǁ|_)(.+)__mutmut_\d+$", self.name)
        if match is None:
            return self.name
        cls, function = match.groups()
        return f"{cls}.{function}" if cls else function


@dataclass
class Report:
    """The mutants of one source file."""

    name: str
    source: str
    mutants: list[Mutant] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def killed(self) -> int:
        """Killed or timed out."""
        return sum(m.status in _KILLED for m in self.mutants)

    @property
    def equivalent(self) -> int:
        """Survivors known to be equivalent, left out of the score."""
        return sum(m.equivalent is not None for m in self.mutants)

    @property
    def scored(self) -> int:
        """Mutants that count: all but the known equivalent."""
        return len(self.mutants) - self.equivalent

    @property
    def survivors(self) -> list[Mutant]:
        """Mutants not killed and not known to be equivalent."""
        return [m for m in self.mutants if m.status not in _KILLED and m.equivalent is None]


# mutmut's command line, imported as mutmut.__main__ (as its own script does); given
# "show-many NAME…", one `mutmut show NAME` after the other, each after a marker line.
_CLI = """
import sys
from mutmut.__main__ import cli
if sys.argv[1:2] == ["show-many"]:
    for name in sys.argv[2:]:
        print("@@mutant " + name, flush=True)
        cli(["show", name], standalone_mode=False)
        sys.stdout.flush()
else:
    cli()
"""


def _mutmut_command(*args: str) -> tuple[list[str], dict[str, str]]:
    """The command running ``mutmut ARGS``, and its environment."""
    command = [sys.executable, "-c", _CLI, *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CI", None)  # the tests' Hypothesis profile: the quicker "dev" one
    return command, env


def _mutmut(workdir: Path, *args: str) -> str:
    """Run ``mutmut ARGS`` in ``workdir``; its standard output."""
    command, env = _mutmut_command(*args)
    done = subprocess.run(
        command, cwd=workdir, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"mutmut {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def _mutmut_logged(workdir: Path, log: Path, *args: str) -> None:
    """Run ``mutmut ARGS`` in ``workdir``, its output (a progress spinner) to ``log``."""
    command, env = _mutmut_command(*args)
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=workdir, env=env, stdout=out, stderr=out, check=False)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
        sys.exit(f"mutmut {' '.join(args)} failed (exit {done.returncode}); log {log}:\n{tail}")


def _prepare(workdir: Path, target: Target) -> list[str]:
    """Copy src/ and tests/ to ``workdir`` and configure mutmut there; the tests selected."""
    shutil.copytree(ROOT / "src", workdir / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", workdir / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    tests = [test for test in target.tests if (ROOT / test).is_file()]
    for missing in sorted(set(target.tests) - set(tests)):
        print(f"  (no {missing}: left out)")

    deselect = [f"--deselect={test}" for test in target.deselect]

    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject += (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = {toml_list([target.source])}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
        f"pytest_add_cli_args = {toml_list(['-p', 'no:cacheprovider', *deselect])}\n"
        "use_git_change_detection = false\n"
    )
    (workdir / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return tests


def _changed_lines(diff: str) -> tuple[str, str]:
    removed, added = [], []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(line[1:].strip())
        elif line.startswith("+"):
            added.append(line[1:].strip())
    return "\n".join(removed), "\n".join(added)


def _run_target(name: str, target: Target, workdir: Path, max_children: int) -> Report:
    workdir.mkdir(parents=True)
    print(f"== {name}: {target.source}", flush=True)
    tests = _prepare(workdir, target)
    print(f"  against {', '.join(tests)}", flush=True)
    started = time.monotonic()
    log = workdir / "mutmut-run.log"
    _mutmut_logged(workdir, log, "run", "--max-children", str(max_children))
    report = Report(name, target.source, seconds=time.monotonic() - started)
    for line in _mutmut(workdir, "results", "--all", "true").splitlines():
        mutant_name, sep, status = line.strip().rpartition(": ")
        if sep:
            report.mutants.append(Mutant(mutant_name, status))
    if not report.mutants:
        sys.exit(f"mutmut found no mutants in {target.source}; see {workdir}")
    alive = {m.name: m for m in report.mutants if m.status not in _KILLED}
    shown = _mutmut(workdir, "show-many", *alive) if alive else ""
    for chunk in shown.split("@@mutant ")[1:]:
        mutant_name, _, diff = chunk.partition("\n")
        mutant = alive[mutant_name]
        mutant.removed, mutant.added = _changed_lines(diff)
        mutant.equivalent = next(
            (
                e
                for e in EQUIVALENT[name]
                if (e.where, e.removed, e.added) == (mutant.where, mutant.removed, mutant.added)
            ),
            None,
        )
    return report


def _percent(killed: int, scored: int) -> str:
    return f"{100 * killed / scored:.1f}%" if scored else "n/a"


def _print(reports: list[Report]) -> None:
    for report in reports:
        statuses = Counter(m.status for m in report.mutants)
        print(f"\n--- {report.source} ({report.seconds:.0f} s): {dict(sorted(statuses.items()))}")
        for mutant in report.survivors:
            print(f"  {mutant.status}: {mutant.name}  [{mutant.where}]")
            for line in mutant.removed.splitlines():
                print(f"      - {line}")
            for line in mutant.added.splitlines():
                print(f"      + {line}")
    print("\nfile                           killed / scored  score   (mutants, known equivalent)")
    for report in reports:
        print(
            f"{report.source:30} {report.killed:6} / {report.scored:<6} "
            f"{_percent(report.killed, report.scored):>6}   ({len(report.mutants)}, "
            f"{report.equivalent})"
        )
    killed = sum(r.killed for r in reports)
    scored = sum(r.scored for r in reports)
    print(f"{'overall':30} {killed:6} / {scored:<6} {_percent(killed, scored):>6}")
    for report in reports:
        matched = {m.equivalent for m in report.mutants}
        for entry in EQUIVALENT[report.name]:
            if entry not in matched:  # killed now, or the source changed: review the entry
                print(f"note: no survivor of {report.source} matches the known equivalent")
                print(f"      [{entry.where}] -{entry.removed!r} +{entry.added!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(TARGETS), action="append", help="a file to run")
    parser.add_argument("--keep", type=Path, help="keep mutmut's folders here (must not exist)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fail-under", type=float, default=90.0)
    args = parser.parse_args()
    names = args.only or list(TARGETS)
    if args.keep is not None and args.keep.exists():
        parser.error(f"{args.keep} exists")
    base = args.keep or Path(tempfile.mkdtemp(prefix="cchc-mutation-"))
    try:
        reports = [
            _run_target(name, TARGETS[name], base / name, args.max_children) for name in names
        ]
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    _print(reports)
    low = [r.source for r in reports if r.scored and 100 * r.killed / r.scored < args.fail_under]
    if low:
        sys.exit(f"below {args.fail_under}%: {', '.join(low)}")


if __name__ == "__main__":
    main()
