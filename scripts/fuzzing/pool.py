"""Running inputs: the time limit per input, the workers, and a worker that hangs or dies."""

from __future__ import annotations

import argparse
import contextlib
import gc
import multiprocessing
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
import warnings
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from cchc.errors import CchcWarning

from .corpus import Corpus, build_corpus
from .outcomes import Case, Env, Recorder, exception_label, prepare_env
from .report import Example, Tally
from .targets import NAMES, TARGETS, make_case


class Timeout(BaseException):
    """Raised by the alarm: the input ran past ``--seconds``."""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


_UNRAISABLE: list[tuple[str, str]] = []


def _unraisable(info: Any) -> None:
    """Record what Python would print as "Exception ignored in ..." (a ``__del__`` failing)."""
    error = info.exc_value
    label = exception_label(error) if error is not None else str(info.exc_type)
    _UNRAISABLE.append((label, f"{info.err_msg or 'Exception ignored'}: {error!r}"[:600]))


@contextlib.contextmanager
def session(base: str | None = None) -> Iterator[tuple[Corpus, Env]]:
    """Catch the alarm and unraisable exceptions; the corpus, and a folder removed after."""
    signal.signal(signal.SIGALRM, _alarm)
    sys.unraisablehook = _unraisable
    corpus = build_corpus()
    env = prepare_env(base)
    try:
        yield corpus, env
    finally:
        shutil.rmtree(env.tmp, ignore_errors=True)


def quiet_warnings() -> None:
    """Warnings are errors (numpy overflow included), except cchc's own about the data."""
    warnings.simplefilter("error")
    warnings.simplefilter("ignore", CchcWarning)


def run_case(
    case: Case, target: str, env: Env, *, seconds: float, keep: bool = False
) -> tuple[Recorder, float]:
    """Run one input under the alarm; a hang is recorded against the stage it was in."""
    rec = Recorder(keep)
    rec.stage = target
    started = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            case.run(rec, env)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:
        rec.add(rec.stage, "hang", False, f"still running after {seconds} s")
    for label, message in _UNRAISABLE:
        rec.add(rec.stage, f"unraisable {label}", False, message)
    _UNRAISABLE.clear()
    return rec, time.perf_counter() - started


@dataclass(frozen=True)
class Options:
    """What every worker needs to know."""

    seed: int
    seconds: float
    memory_mb: int
    special: bool
    tmp: str


def _generator_failed(rec: Recorder, env: Env) -> None:
    rec.add(rec.stage, "fuzz generator error (a bug in scripts/fuzz.py)", False)


def worker(number: int, conn: Connection, beat: Any, options: Options) -> None:
    """Run the chunks the parent sends, reporting a :class:`Tally` per chunk."""
    with contextlib.suppress(ValueError, OSError):
        limit = options.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with session(options.tmp) as (corpus, env):
        quiet_warnings()
        gc.freeze()
        while True:
            job = conn.recv()
            if job is None:
                break
            target_no, low, high = job
            target = NAMES[target_no]
            tally = Tally()
            for index in range(low, high):
                beat[0], beat[1], beat[2] = target_no, index, time.monotonic()
                try:
                    case = make_case(target, index, options.seed, corpus, options.special)
                except Exception as error:  # a bug of this script: show it, do not die
                    case = Case(f"fuzz generator failed: {error!r}", None, _generator_failed)
                rec, took = run_case(case, target, env, seconds=options.seconds)
                beat[2] = 0.0
                tally.inputs[target] += 1
                tally.timed(target, took, index)
                for result in rec.results:
                    tally.counts[result.stage, result.label, result.expected] += 1
                    if not result.expected:
                        example = Example(
                            target, index, case.how, case.shown(), result.message[:600]
                        )
                        tally.note((result.stage, result.label), example)
            conn.send((number, tally))


@dataclass
class Slot:
    """A worker process, what it is doing, and its heartbeat."""

    process: BaseProcess
    conn: Connection
    beat: Any
    job: tuple[int, int, int] | None = None


def plan_jobs(
    count: int, targets: Sequence[str], chunk: int, seed: int
) -> deque[tuple[int, int, int]]:
    """Chunks ``(target, low, high)`` covering each target's share, interleaved."""
    weight = sum(TARGETS[t] for t in targets)
    jobs = []
    for target in targets:
        share = round(count * TARGETS[target] / weight)
        jobs += [
            (NAMES.index(target), low, min(low + chunk, share)) for low in range(0, share, chunk)
        ]
    random.Random(seed).shuffle(jobs)
    return deque(jobs)


class Pool:
    """Worker processes fed chunks; a stuck or dead one is replaced and its input recorded."""

    def __init__(self, args: argparse.Namespace, targets: Sequence[str]) -> None:
        self.context = multiprocessing.get_context("fork")
        self.tmp = tempfile.mkdtemp(prefix="cchc-fuzz-")  # killed workers leave files here
        self.options = Options(
            args.seed, args.seconds, args.memory_mb, args.special_files, self.tmp
        )
        self.jobs = plan_jobs(args.count, targets, args.chunk, args.seed)
        self.total = sum(high - low for _, low, high in self.jobs)
        self.kill_after = 2 * args.seconds + 2
        self.tally = Tally()
        self.log: list[str] = []
        self.restarts = 0
        self.done = 0
        self.slots = [self.start(n) for n in range(args.workers)]

    def start(self, number: int) -> Slot:
        parent, child = self.context.Pipe()
        beat = self.context.RawArray("d", 3)
        process = self.context.Process(
            target=worker, args=(number, child, beat, self.options), daemon=True
        )
        process.start()
        child.close()
        return Slot(process, parent, beat)

    def run(self) -> tuple[Tally, float, list[str]]:
        """Run every chunk; print progress to stderr every 15 s."""
        began = last = time.monotonic()
        try:
            while self.jobs or any(s.job for s in self.slots):
                self.dispatch()
                self.collect()
                self.check()
                if time.monotonic() - last > 15:
                    last = time.monotonic()
                    rate = self.done / (last - began)
                    bad = sum(n for (_, _, ok), n in self.tally.counts.items() if not ok)
                    print(
                        f"  {self.done:,}/{self.total:,} inputs, {rate:,.0f}/s, {bad:,} unexpected",
                        file=sys.stderr,
                        flush=True,
                    )
        finally:
            self.stop()
        return self.tally, time.monotonic() - began, self.log

    def dispatch(self) -> None:
        for slot in self.slots:
            while slot.job is None and self.jobs:
                job = self.jobs.popleft()
                if job[1] < job[2]:
                    slot.job = job
                    slot.conn.send(job)

    def collect(self) -> None:
        busy = [s.conn for s in self.slots if s.job is not None]
        for ready in wait(busy, timeout=0.5):
            slot = next(s for s in self.slots if s.conn is ready)
            try:
                _, part = slot.conn.recv()
            except (EOFError, OSError):
                continue  # check() sees the dead worker
            if slot.job is not None:
                self.done += slot.job[2] - slot.job[1]
            self.tally.merge(part)
            slot.job = None

    def check(self) -> None:
        now = time.monotonic()
        for k, slot in enumerate(self.slots):
            if slot.job is None:
                continue
            stuck = slot.beat[2] > 0 and now - slot.beat[2] > self.kill_after
            if not stuck and slot.process.is_alive():
                continue
            if stuck:
                slot.process.kill()
            slot.process.join()
            code = slot.process.exitcode or 0
            if stuck:
                label = "hang (killed)"
            elif code < 0:
                label = f"crash ({signal.Signals(-code).name})"
            else:
                label = f"crash (exit {code})"
            self.lost(slot, label)
            slot.conn.close()
            self.slots[k] = self.start(k)

    def lost(self, slot: Slot, label: str) -> None:
        """Record the input a worker died on; send the rest of its chunk out again."""
        self.restarts += 1
        if self.restarts > 200:
            raise SystemExit("fuzz: workers keep dying; giving up")
        assert slot.job is not None
        target_no, low, high = slot.job
        index = int(slot.beat[1])
        if slot.beat[2] > 0 and low <= index < high and int(slot.beat[0]) == target_no:
            target = NAMES[target_no]
            self.tally.counts[target, label, False] += 1
            self.tally.inputs[target] += 1
            self.tally.note((target, label), Example(target, index, "", "", label))
            self.done += 1
            self.jobs.appendleft((target_no, index + 1, high))
            self.jobs.appendleft((target_no, low, index))  # ran, but its tally was lost
            self.log.append(f"{target}:{index}: {label}; worker restarted")
        else:
            self.jobs.appendleft(slot.job)
        slot.job = None

    def stop(self) -> None:
        for slot in self.slots:
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        for slot in self.slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
        shutil.rmtree(self.tmp, ignore_errors=True)
