"""What the commands share: exit codes, failures, reading documents and days, writing files."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from cchc import datasets
from cchc._files import write_text
from cchc.documents import Document
from cchc.errors import CchcError
from cchc.findings import Finding
from cchc.io import load
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    from cchc.documents import Questionnaire

__all__ = [
    "BUILTINS",
    "EXIT_CODES",
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "TIME_ZONE",
    "CommandFailed",
    "Commands",
    "Formatter",
    "as_of_day",
    "command",
    "findings_text",
    "invalid",
    "one_line",
    "read",
    "say",
    "validation_lines",
    "whole_number",
    "write_file",
]

EXIT_OK = 0
"""The command did what was asked (warnings alone do not change that)."""
EXIT_FINDINGS = 1
"""The inputs were read, but hold problems: findings of severity error, or data the
engine cannot score, tabulate or monitor as it stands."""
EXIT_UNREADABLE = 2
"""A file could not be read, parsed or validated, is not the document expected, or the
command line is wrong."""

EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT, as shells report it); no file is left half-written."""

EXIT_CODES = (
    "exit codes:\n"
    "  0  done (warnings alone do not change that)\n"
    "  1  the inputs were read but hold problems: findings of severity error, or data"
    " that cannot be scored, tabulated or monitored as it stands\n"
    "  2  a file cannot be read, parsed or validated, or is not the document expected;"
    " or the command line is wrong\n"
    "  130  interrupted (Ctrl-C)"
)

_D = TypeVar("_D", bound=Document)


TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
"""The zone in which a day given as ``today`` is read."""


def as_of_day(text: str) -> dt.date:
    """A day on the command line: an ISO date, or ``today`` (in Asia/Ho_Chi_Minh).

    >>> as_of_day("2022-10-14")
    datetime.date(2022, 10, 14)
    """
    if text == "today":
        return dt.datetime.now(TIME_ZONE).date()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (write YYYY-MM-DD, or 'today')"
        ) from None


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argument type: a whole number, ``minimum`` or more.

    >>> whole_number(1)("30")
    30
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"not a whole number, {minimum} or more: {text!r}")
        return value

    return parse


class Formatter(argparse.HelpFormatter):
    """Help text wrapped line by line, so the epilog keeps its lines and indents.

    A line such as ``"  1  text"`` wraps under its text, not under its number. Neither
    the text nor the options' help breaks a word at its hyphens, so built-in names such
    as ``huong-son-communes-2024`` stay whole.
    """

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(
            " ".join(text.split()), width, break_on_hyphens=False, break_long_words=False
        )

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            body = line.lstrip()
            first = indent + " " * (len(line) - len(body))
            item = re.match(r"\S+\s\s+", body) if body != line else None
            rest = first + " " * item.end() if item else first
            lines.append(
                textwrap.fill(
                    body,
                    width,
                    initial_indent=first,
                    subsequent_indent=rest,
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
        return "\n".join(lines)


Commands = argparse._SubParsersAction  # argparse names no public type for it


def command(
    commands: Commands[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    name: str,
    *,
    summary: str,
    description: str,
    epilog: str = "",
) -> argparse.ArgumentParser:
    """Add the sub-command ``name``, with ``--lang`` and the exit codes in its help."""
    return commands.add_parser(
        name,
        parents=[common],
        help=summary,
        description=description,
        epilog=f"{epilog}\n\n{EXIT_CODES}" if epilog else EXIT_CODES,
        formatter_class=Formatter,
    )


def say(lang: Lang, vi: str, en: str) -> str:
    """The message in ``lang``."""
    return vi if lang == "vi" else en


class CommandFailed(Exception):  # noqa: N818 - a signal to main(), not an error to catch elsewhere
    """Stop the command: print ``message`` and ``details`` to stderr and exit with ``code``.

    Attributes:
        code: The exit code.
        message: One line saying what went wrong and where.
        details: Lines below it (findings, validation errors), indented by the caller.
    """

    def __init__(self, code: int, message: str, details: Sequence[str] = ()) -> None:
        self.code = code
        self.message = message
        self.details = tuple(details)
        super().__init__(message)


def findings_text(findings: Sequence[Finding], lang: Lang, name: str | None = None) -> str:
    """The findings as lines under a count (or a line saying there are none)."""
    if not findings:
        return say(lang, "Kiểm tra: không có phát hiện.", "Check: no findings.")
    head = say(lang, "Kiểm tra", "Check")
    prefix = f"{name}: " if name else ""
    return "\n".join([f"{head}: {len(findings)}", *(f"  - {prefix}{f}" for f in findings)])


def one_line(text: str) -> str:
    """``text`` with what is not printable escaped, so that it stays on one line.

    A key or value in a file may hold a line break (a newline, U+2028…): a message quoting
    it must still be one line.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def invalid(name: str, error: ValidationError, lang: Lang) -> CommandFailed:
    """Exit 2: file ``name`` does not validate; a line per problem pydantic found."""
    count = error.error_count()
    message = say(
        lang,
        f"{name}: {count} lỗi dữ liệu không hợp lệ",
        f"{name}: {count} validation error(s)",
    )
    return CommandFailed(EXIT_UNREADABLE, message, validation_lines(error))


def validation_lines(error: ValidationError) -> list[str]:
    """One line per problem pydantic found: where, and what."""
    lines = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "<root>"
        lines.append(one_line(f"  - {where}: {item['msg']}"))
    return lines


def _questionnaires() -> dict[str, Questionnaire]:
    return {q.code: q for q in (datasets.sipas_questionnaire(), datasets.leaders_questionnaire())}


def _named(
    names: Iterable[str], get: Callable[[str], Document]
) -> dict[str, Callable[[], Document]]:
    return {name: functools.partial(get, name) for name in names}


BUILTINS: Mapping[str, Callable[[], dict[str, Callable[[], Document]]]] = {
    "Plan": lambda: _named(datasets.PLANS, datasets.plan),
    "Programme": lambda: _named(datasets.NAMES, datasets.get),
    "Framework": lambda: _named(datasets.FRAMEWORKS, datasets.framework),
    "AssessmentRound": lambda: _named(datasets.ROUNDS, datasets.assessment_round),
    "SurveyRound": lambda: _named(datasets.SURVEYS, datasets.survey_round),
    "Questionnaire": lambda: _named(_questionnaires(), lambda code: _questionnaires()[code]),
}
"""Per document class (by name: its model is built only when used), the built-in
documents a command accepts by name instead of a file."""

_KINDS = {
    "Plan": ("kế hoạch", "plan"),
    "Programme": ("chương trình", "programme"),
    "Framework": ("bộ tiêu chí", "framework"),
    "Assessment": ("phiếu đánh giá", "assessment"),
    "AssessmentRound": ("đợt đánh giá", "assessment round"),
    "SurveyRound": ("đợt khảo sát", "survey round"),
    "Questionnaire": ("phiếu khảo sát", "questionnaire"),
}


def kind_name(kind: type[Document] | str, lang: Lang) -> str:
    """What a document class (or the class of that name) is called, in ``lang``."""
    name = kind if isinstance(kind, str) else kind.__name__
    vi, en = _KINDS.get(name, (name, name))
    return say(lang, vi, en)


def builtin_names(kinds: Sequence[type[Document]]) -> list[str]:
    """The names of the built-in documents of these classes."""
    return [name for kind in kinds if kind.__name__ in BUILTINS for name in _builtins(kind)]


def _builtins(kind: type[Document]) -> dict[str, Callable[[], Document]]:
    found = BUILTINS.get(kind.__name__)
    return found() if found is not None else {}


def read(name: str, kinds: tuple[type[_D], ...], lang: Lang) -> _D:
    """The document in file ``name``, or the built-in document called ``name``.

    A file that exists wins over a built-in of the same name.

    Raises:
        CommandFailed: Exit 2: the file cannot be read, parsed or validated, or holds
            another kind of document.
    """
    path = Path(name)
    builtin = None if path.exists() else _builtin(name, kinds)
    if builtin is None and not path.exists():
        raise CommandFailed(EXIT_UNREADABLE, _no_such(name, kinds, lang))
    try:
        document = builtin() if builtin is not None else load(path)
    except ValidationError as error:
        raise invalid(name, error, lang) from None
    except CchcError as error:
        raise CommandFailed(EXIT_UNREADABLE, str(error)) from None
    if not isinstance(document, kinds):
        wanted = say(lang, " hoặc ", " or ").join(kind_name(k, lang) for k in kinds)
        got = kind_name(type(document), lang)
        message = say(
            lang, f"{name}: là {got}, không phải {wanted}", f"{name}: a {got}, not a {wanted}"
        )
        raise CommandFailed(EXIT_UNREADABLE, message)
    return document


def _no_such(name: str, kinds: Sequence[type[Document]], lang: Lang) -> str:
    wanted = say(lang, " hoặc ", " or ").join(kind_name(k, lang) for k in kinds)
    other = next((kind for kind in BUILTINS if name in BUILTINS[kind]()), None)
    if other is not None:
        got = kind_name(other, lang)
        return say(
            lang,
            f"{name}: là {got} có sẵn, không phải {wanted}",
            f"{name}: a built-in {got}, not a {wanted}",
        )
    known = ", ".join(builtin_names(kinds))
    hint = say(lang, f"; tên có sẵn: {known}", f"; built-in names: {known}") if known else ""
    return say(
        lang,
        f"{name}: không có tệp này, cũng không có {wanted} có sẵn nào tên như vậy{hint}",
        f"{name}: no such file, nor a built-in {wanted} of that name{hint}",
    )


def _builtin(name: str, kinds: Sequence[type[Document]]) -> Callable[[], Document] | None:
    for kind in kinds:
        found = _builtins(kind).get(name)
        if found is not None:
            return found
    return None


def write_file(name: str, text: str, lang: Lang) -> None:
    """Write ``text`` to file ``name`` in UTF-8, whole or not at all.

    A regular file is written as :func:`cchc._files.write_text` does (a temporary file
    renamed over it; permissions and symbolic links kept; a file that may not be written
    refused, not replaced). Anything else (``/dev/stdout``, a pipe, a device) is written
    to directly, appending, so ``-o /dev/stdout >> log`` keeps the log.

    Raises:
        CommandFailed: Exit 2: the file cannot be written (the reason given).
    """
    path = Path(name)
    try:
        if _special(path):
            with path.open("a", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        else:
            write_text(path, text)
    except BrokenPipeError:  # -o /dev/stdout | head: the reader left, as with stdout
        raise
    except (OSError, ValueError) as error:  # ValueError: NUL or unencodable in the name
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        raise CommandFailed(
            EXIT_UNREADABLE,
            say(
                lang,
                f"{name}: không ghi được tệp: {reason}",
                f"{name}: cannot write the file: {reason}",
            ),
        ) from None


def _special(path: Path) -> bool:
    """Not a regular file to replace: under /dev or /proc, or existing but not a file."""
    try:
        inside = path.absolute().parts[1:2] in (("dev",), ("proc",))
        return inside or (path.exists() and not path.is_file())
    except OSError:
        return False
