"""Findings: what a cross-record check reports, and the helpers checks share.

Every check in cchc (documents, plans, surveys…) reports :class:`Finding` values
rather than raising, so a caller sees every problem at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import Literal

import attrs

from cchc.errors import format_path

__all__ = ["Finding", "Path", "Severity", "dangling", "duplicates"]

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]


@attrs.frozen
class Finding:
    """One problem found by a check such as :func:`cchc.check`.

    Attributes:
        code: Stable machine-readable code, e.g. ``"reference.dangling"``.
        severity: ``"error"`` (the data is wrong) or ``"warning"`` (legal but suspicious).
        path: Where, as keys and indices from the document's root.
        message: What is wrong, in plain words.
        document: The ``type:code`` of the document the path starts from.
    """

    code: str
    severity: Severity
    path: Path
    message: str
    document: str = ""

    def __str__(self) -> str:
        where = f"{self.document} {format_path(self.path)}".strip()
        return f"{self.severity}: {where}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, object]:
        """The finding as plain JSON-ready data."""
        return {
            "code": self.code,
            "severity": self.severity,
            "path": list(self.path),
            "message": self.message,
            "document": self.document,
        }


def duplicates(items: Sequence[object], key: str, where: str, what: str) -> Iterator[Finding]:
    """A ``code.duplicate`` finding at every repeat of ``item.<key>`` after its first."""
    counts = Counter(getattr(item, key) for item in items)
    seen: set[Hashable] = set()
    for index, item in enumerate(items):
        value = getattr(item, key)
        if counts[value] > 1 and value in seen:
            yield Finding(
                "code.duplicate",
                "error",
                (where, index, key),
                f"{what} {value!r} appears {counts[value]} times",
            )
        seen.add(value)


def dangling(code: str, known: Iterable[str], path: Path, what: str) -> Iterator[Finding]:
    """A ``reference.dangling`` finding when ``code`` is not among ``known``."""
    if code not in known:
        yield Finding("reference.dangling", "error", path, f"no {what} has code {code!r}")
