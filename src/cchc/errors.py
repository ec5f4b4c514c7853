"""Errors and warnings raised by cchc.

Every error cchc raises on purpose derives from :class:`CchcError` and also from
the builtin exception it is, so ``except ValueError`` keeps working for callers
that do not know cchc. Each keeps what went wrong as attributes (``code``,
``path``, ``value`` …) and says it in plain words.

The tree::

    CchcError                                   catch-all for cchc's own errors
    ├── ParseError (ValueError)                 text that is not what it claims to be
    │   ├── InstrumentSymbolError               a document symbol such as "6734/QĐ-UBND"
    │   └── DatePhraseError                     a date such as "ngày 28 tháng 11 năm 2021"
    ├── LoadError (ValueError)                  a file or value that cannot become a document
    ├── CheckError (ValueError)                 ``check(..., strict=True)`` found problems
    ├── ScoringError (ValueError)               an assessment that cannot be scored as it is
    ├── SurveyError (ValueError)                survey responses that cannot be tabulated
    ├── MonitoringError (ValueError)            a plan that cannot be monitored as asked
    ├── AccountabilityError (ValueError)        results that cannot be attributed or rated
    ├── CalendarError (ValueError)              out-of-range dates, contradictory day overrides
    ├── CompositeError (ValueError)             composite-index data, trees or methods unfit for use
    ├── DossierError (ValueError)               dossier records that cannot be assessed as they are
    ├── NotFoundError (LookupError)             an unknown dataset, code or reference
    └── MissingExtraError (ImportError)         an optional dependency is not installed

    CchcWarning (UserWarning)                   legal but suspicious data
    ├── UnverifiedFactWarning                   a fact marked ``verified: false`` was used
    └── EstimatedHolidayWarning                 an answer rests on an estimated (lunar) holiday

Pydantic's own :class:`pydantic.ValidationError` is *not* wrapped: a document that
breaks a single-record rule raises it unchanged, and the loaders add the file name
to it with :meth:`BaseException.add_note`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

    from cchc.checks import Finding

__all__ = [
    "CalendarError",
    "CchcError",
    "CchcWarning",
    "CheckError",
    "CompositeError",
    "DatePhraseError",
    "DossierError",
    "EstimatedHolidayWarning",
    "InstrumentSymbolError",
    "LoadError",
    "MissingExtraError",
    "MonitoringError",
    "NotFoundError",
    "ParseError",
    "ScoringError",
    "SurveyError",
    "UnverifiedFactWarning",
]


class CchcError(Exception):
    """Base of every error cchc raises on purpose.

    Attributes:
        code: A short, stable, machine-readable code such as ``"instrument.kind"``.
    """

    code: str = "cchc"


class ParseError(CchcError, ValueError):
    """Text could not be read as the value it should be.

    Attributes:
        text: The text as given.
        part: The part that could not be read (may equal ``text``).
        reason: Why that part was refused, in plain words.
    """

    code = "parse"

    def __init__(self, text: str, part: str, reason: str) -> None:
        self.text = text
        self.part = part
        self.reason = reason
        super().__init__(f"cannot read {part!r} in {text!r}: {reason}")


class InstrumentSymbolError(ParseError):
    """A Vietnamese document symbol (số, ký hiệu) is malformed."""

    code = "instrument-symbol"


class DatePhraseError(ParseError):
    """A Vietnamese date phrase is malformed or names a day that does not exist."""

    code = "date-phrase"


class LoadError(CchcError, ValueError):
    """A file or value could not be turned into a cchc document.

    Attributes:
        source: The file name, or ``"<bytes>"``/``"<data>"`` for in-memory input.
        path: Where inside the data the problem is, as a tuple of keys and indices.
        reason: What was wrong, in plain words.
    """

    code = "load"

    def __init__(self, source: str, reason: str, path: Sequence[str | int] = ()) -> None:
        self.source = source
        self.path = tuple(path)
        self.reason = reason
        where = f" at {format_path(self.path)}" if self.path else ""
        super().__init__(f"{source}{where}: {reason}")


class CheckError(CchcError, ValueError):
    """Raised by ``check(..., strict=True)`` when a document has findings.

    Attributes:
        findings: Every finding, in the order ``check`` reported them.
    """

    code = "check"

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        lines = "\n".join(f"  - {finding}" for finding in self.findings)
        super().__init__(f"{len(self.findings)} finding(s):\n{lines}")


class ScoringError(CchcError, ValueError):
    """An assessment cannot be scored under a framework as it stands.

    Attributes:
        unit: The assessed unit.
        criterion: The criterion concerned (``None`` for the whole assessment).
        value: The offending value, as given.
        reason: What was wrong, in plain words.
    """

    code = "scoring"

    def __init__(self, unit: str, criterion: str | None, reason: str, value: object = None) -> None:
        self.unit = unit
        self.criterion = criterion
        self.value = value
        self.reason = reason
        where = f"unit {unit}" + (f", criterion {criterion}" if criterion else "")
        shown = f" (value {value!r})" if value is not None else ""
        super().__init__(f"{where}: {reason}{shown}")


class CalendarError(CchcError, ValueError):
    """The working-day calendar cannot answer for a date, or its overrides contradict each other.

    Raised for a date (given, or reached by counting) outside the years the
    calendar supports, and for overrides that make one day both a day off and a
    working day.

    Attributes:
        reason: What was wrong, in plain words (names the supported years when
            that is the problem).
        day: The date concerned, or ``None``.
        years: The first and last year the calendar supports, or ``None``.
    """

    code = "calendar"

    def __init__(
        self, reason: str, *, day: dt.date | None = None, years: tuple[int, int] | None = None
    ) -> None:
        self.reason = reason
        self.day = day
        self.years = years
        super().__init__(reason)


class SurveyError(CchcError, ValueError):
    """Survey data that cannot be tabulated as it is.

    Attributes:
        reason: What was wrong, in plain words.
        path: Where the first problem is, e.g. ``("responses", 17, "answers", "Q3")``.
        value: The offending value, if one.
        count: How many places have this problem.
        findings: The findings of :func:`check_responses`, when it found the problems.
    """

    code = "survey"

    def __init__(
        self,
        reason: str,
        *,
        path: Sequence[str | int] = (),
        value: object = None,
        count: int = 1,
        findings: Sequence[Finding] = (),
    ) -> None:
        self.reason = reason
        self.path = tuple(path)
        self.value = value
        self.count = count
        self.findings = tuple(findings)
        where = f"{format_path(self.path)}: " if self.path else ""
        more = f" ({count} places in all)" if count > 1 else ""
        super().__init__(f"{where}{reason}{more}")


class MonitoringError(CchcError, ValueError):
    """A plan cannot be monitored as asked, e.g. as of a day before it was issued.

    Attributes:
        plan: Code of the plan.
        as_of: The day asked for.
        reason: What was wrong, in plain words.
    """

    code = "monitoring"

    def __init__(self, plan: str, as_of: dt.date, reason: str) -> None:
        self.plan = plan
        self.as_of = as_of
        self.reason = reason
        super().__init__(f"plan {plan} as of {as_of}: {reason}")


class AccountabilityError(CchcError, ValueError):
    """Inputs that cannot be attributed or rated as they are: nothing is guessed.

    Raised for overlapping tenures of one head post, an official heading two
    agencies at once, a rating year without results, a policy citing an unknown
    band… Catch it as ``ValueError`` if you do not know cchc.

    Attributes:
        findings: Every problem found, each with its path.
    """

    code = "accountability"

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        lines = "\n".join(f"  - {finding}" for finding in self.findings)
        super().__init__(f"cannot attribute or rate: {len(self.findings)} problem(s):\n{lines}")


class CompositeError(CchcError, ValueError):
    """Indicator data, an index tree or a method that cannot be used as given.

    Raised, for example, for a parent that is not in the tree, a unit listed twice,
    an infinite value, a geometric mean over a zero score or a design whose shape
    does not fit the tree. Catch it as ``ValueError`` if you do not know cchc.

    Attributes:
        reason: What was wrong, in plain words.
        node: The indicator or aggregate concerned, or ``None``.
        unit: The unit concerned, or ``None``.
        value: The offending value, if one.
    """

    code = "composite"

    def __init__(
        self,
        reason: str,
        *,
        node: str | None = None,
        unit: str | None = None,
        value: object = None,
    ) -> None:
        self.reason = reason
        self.node = node
        self.unit = unit
        self.value = value
        where = ", ".join(
            part
            for part in (f"unit {unit}" if unit else "", f"node {node}" if node else "")
            if part
        )
        shown = f" (value {value!r})" if value is not None else ""
        super().__init__(f"{where}: {reason}{shown}" if where else f"{reason}{shown}")


class DossierError(CchcError, ValueError):
    """Dossier data that cannot be assessed as it is.

    Raised for a table without the dossier columns, a column that cannot take its type,
    a backend that fails on the query, or (``strict=True``) rejected dossiers.

    Attributes:
        reason: What was wrong, in plain words, naming the file, column or row.
        where: The file or table concerned.
    """

    code = "dossiers"

    def __init__(self, reason: str, *, where: str = "") -> None:
        self.reason = reason
        self.where = where
        super().__init__(reason)


class NotFoundError(CchcError, LookupError):
    """A name, code or reference does not exist where it was looked for.

    Attributes:
        kind: What was looked for (``"dataset"``, ``"programme"`` …).
        key: The name or code that was asked for.
        known: The names that do exist, when there are few enough to list.
    """

    code = "not-found"

    def __init__(self, kind: str, key: str, known: Sequence[str] = ()) -> None:
        self.kind = kind
        self.key = key
        self.known = tuple(known)
        hint = f"; known: {', '.join(self.known)}" if self.known else ""
        super().__init__(f"no {kind} named {key!r}{hint}")

    def __str__(self) -> str:
        # LookupError.__str__ would repr() the message, quoting it twice.
        return str(self.args[0])


class MissingExtraError(CchcError, ImportError):
    """An optional dependency is needed but not installed.

    Attributes:
        extra: The name of the cchc extra that installs it (``pip install "cchc[extra]"``).
        package: The missing package.
    """

    code = "missing-extra"

    def __init__(self, extra: str, package: str) -> None:
        self.extra = extra
        self.package = package
        super().__init__(
            f'{package} is not installed; install it with: pip install "cchc[{extra}]"',
            name=package,
        )


class CchcWarning(UserWarning):
    """Base of cchc's warnings: the data is legal but probably not what you meant."""


class UnverifiedFactWarning(CchcWarning):
    """A fact carried with ``verified: false`` was used as if it were settled."""


class EstimatedHolidayWarning(CchcWarning):
    """An answer depends on a holiday whose date is only estimated.

    Lunar holidays (Tết, Hùng Kings' day) are computed, and the ``holidays``
    package labels a date it could not confirm as estimated; confirm such dates
    against the government's announcement for the year, or override them.
    """


def format_path(path: Sequence[str | int]) -> str:
    """Render a location inside a document as ``targets[2].value``.

    >>> format_path(("targets", 2, "value"))
    'targets[2].value'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "<root>"
