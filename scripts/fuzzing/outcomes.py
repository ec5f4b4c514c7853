"""An input (:class:`Case`), where it runs (:class:`Env`) and its outcomes (:class:`Recorder`)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import ValidationError

from cchc.errors import CchcError

T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    """One stage's outcome for one input."""

    stage: str
    label: str
    expected: bool
    message: str


@dataclass
class Attempt(Generic[T]):
    """What a call gave: its value, or the exception it raised."""

    value: T | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def exception_label(error: BaseException) -> str:
    """The exception's class as ``module.Qualname`` (builtins bare)."""
    if isinstance(error, ValidationError):
        return "pydantic.ValidationError"
    kind = type(error)
    if kind.__module__ == "builtins":
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"


def classify(error: BaseException) -> tuple[str, bool, str]:
    """Label, whether expected, and message of an exception."""
    label = exception_label(error)
    try:
        message = str(error)
        message.encode("utf-8")
    except Exception as problem:
        return f"{label} [message: {exception_label(problem)}]", False, repr(error)[:2000]
    return label, isinstance(error, CchcError | ValidationError), message


class Recorder:
    """Collects the outcomes of one input's stages."""

    def __init__(self, keep: bool = False) -> None:
        self.results: list[Result] = []
        self.stage = ""
        self.keep = keep
        self.errors: list[tuple[str, BaseException]] = []

    def add(self, stage: str, label: str, expected: bool, message: str = "") -> None:
        self.results.append(Result(stage, label, expected, message))

    def fail(self, stage: str, error: BaseException, *, escaped: bool = False) -> None:
        """Record the exception; one that ``escaped`` is unexpected whatever its kind."""
        label, expected, message = classify(error)
        if escaped:
            label, expected = f"escaped: {label}", False
        self.add(stage, label, expected, message)
        if self.keep and not expected:
            self.errors.append((stage, error))

    def call(self, stage: str, run: Callable[[], T]) -> Attempt[T]:
        """Run ``run``, recording ``ok`` or the exception it raised."""
        self.stage = stage
        try:
            value = run()
        except (Exception, SystemExit) as error:
            self.fail(stage, error)
            return Attempt(error=error)
        self.add(stage, "ok", True)
        return Attempt(value=value)


@dataclass
class Env:
    """What a worker sets up once: a temporary folder with odd entries in it."""

    tmp: Path
    counter: int = 0

    def resolve(self, name: str) -> str:
        return name.replace("<tmp>", str(self.tmp))

    def fresh(self, suffix: str) -> Path:
        self.counter += 1
        return self.tmp / f"f{self.counter % 64}{suffix}"

    def file(self, suffix: str, content: str | bytes) -> Path:
        """A fresh file in the folder with ``content`` in it."""
        path = self.fresh(suffix)
        write(path, content)
        return path


def write(path: Path, content: str | bytes) -> None:
    """Write text as UTF-8, lone surrogates included, or bytes as they are."""
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)


def prepare_env(base: str | None = None) -> Env:
    """A temporary folder with a directory named like a file, a symlink loop, a FIFO."""
    tmp = Path(tempfile.mkdtemp(prefix="cchc-fuzz-", dir=base))
    (tmp / "dir.json").mkdir()
    (tmp / "loop.json").symlink_to(tmp / "loop.json")
    (tmp / "dangling.yaml").symlink_to(tmp / "nowhere")
    with contextlib.suppress(OSError):
        os.mkfifo(tmp / "fifo.json")
    return Env(tmp)


def _repr(value: object) -> str:
    """``repr``, also of ints past Python's 4300-digit limit and of very deep lists."""
    limit = sys.get_int_max_str_digits()
    for digits in (limit, 0):
        sys.set_int_max_str_digits(digits)
        try:
            return repr(value)
        except ValueError:  # an int of more than 4300 digits, somewhere inside
            continue
        except RecursionError:
            break
        finally:
            sys.set_int_max_str_digits(limit)
    return f"<{type(value).__name__} nested too deeply to show>"


def short(value: object, limit: int = 80) -> str:
    """``repr`` of ``value``, its middle cut out where it is longer than ``limit``."""
    text = _repr(value)
    return text if len(text) <= limit else f"{text[: limit - 20]}…{text[-12:]} ({len(text)} chars)"


@dataclass
class Case:
    """One input: how it was made, what to show of it, and how to run it."""

    how: str
    data: object
    run: Callable[[Recorder, Env], None]

    def shown(self, limit: int = 400) -> str:
        return short(self.data, limit)


def stage(name: str, call: Callable[[], object]) -> Callable[[Recorder, Env], None]:
    """A :attr:`Case.run` that makes one call as stage ``name``."""

    def run(rec: Recorder, env: Env) -> None:
        rec.call(name, call)

    return run
