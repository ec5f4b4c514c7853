"""A progress bar on stderr for the commands' long runs."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from typing import TextIO, TypeVar

__all__ = ["Progress"]

_T = TypeVar("_T")


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal.

    It stays hidden for the first :attr:`DELAY` seconds, so quick runs print nothing, and
    is wiped when done, so what is left on the terminal is the command's output.

    >>> import io
    >>> with Progress(3, "scoring", stream=io.StringIO()) as bar:  # not a terminal: silent
    ...     bar.advance()
    """

    WIDTH = 28
    DELAY = 0.5
    """Seconds before the bar first shows."""
    INTERVAL = 0.1
    """Seconds between redraws."""

    def __init__(self, total: int, label: str, *, stream: TextIO | None = None) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self._enabled = total > 0 and _is_terminal(self.stream)
        self._start = time.monotonic()
        self._delay = self.DELAY
        self._interval = self.INTERVAL
        self._drawn_at: float | None = None
        self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def advance(self, step: int = 1) -> None:
        """Count ``step`` more done, and redraw when it is time."""
        self.done += step
        if not self._enabled:
            return
        now = time.monotonic()
        if now - self._start < self._delay:
            return
        recent = self._drawn_at is not None and now - self._drawn_at < self._interval
        if recent and self.done < self.total:
            return
        self._draw(now)

    def _draw(self, now: float) -> None:
        filled = self.WIDTH * self.done // self.total
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        line = f"{self.label} {bar} {self.done}/{self.total}"
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(line))
        self._drawn_at = now

    def close(self) -> None:
        """Wipe the bar, if it was drawn."""
        if self._drawn_at is not None:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._drawn_at = None

    def iterate(self, items: Sequence[_T]) -> Iterator[_T]:
        """Each of ``items``, counting it done after the caller is through with it."""
        for item in items:
            yield item
            self.advance()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False
