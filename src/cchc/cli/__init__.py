"""The ``cchc`` command.

Commands: ``demo``, ``show``, ``validate``, ``schema`` (documents and the built-in
example), ``monitor`` (a plan as of a day), ``score`` (a round of assessments),
``survey`` (satisfaction indices), ``report`` (a scored round as an HTML page),
``template`` (a self-assessment workbook that ``score`` reads back) and ``dossiers``
(Decision 766 indicators from dossier records).
Each takes ``--lang vi|en``.

Exit codes: 0 done (warnings alone do not change that); 1 the inputs were read but
hold problems — findings of severity error, or data the engine cannot score, tabulate
or monitor as it stands; 2 a file cannot be read, parsed or validated, is not the
document expected, or the command line is wrong; 130 interrupted (Ctrl-C). Errors are
printed to stderr as one line plus the findings, never as a traceback.

A command is a module with ``add_parser(commands, common)``, which adds its parser
and sets its ``run(args, out) -> int`` as the parser's default ``run``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from pydantic import ValidationError

from cchc.cli import _documents, _dossiers, _monitor, _report, _score, _survey, _template
from cchc.cli._common import (
    EXIT_CODES,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    CommandFailed,
    Formatter,
    one_line,
    say,
    validation_lines,
)
from cchc.errors import (
    CalendarError,
    CchcError,
    CheckError,
    MonitoringError,
    ScoringError,
    SurveyError,
)

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_UNREADABLE", "main"]

_LANG_HELP = "language of labels and messages (default: vi)"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cchc",
        description="Vietnam's public administration reform (cải cách hành chính) as data.",
        epilog=EXIT_CODES,
        formatter_class=Formatter,
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help=_LANG_HELP)
    # Each command accepts --lang too, so it may come before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help=_LANG_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _documents.add_parsers(commands, common)
    for module in (_monitor, _score, _survey, _report, _template, _dossiers):
        module.add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Args:
        argv: The arguments, without the program name.
        out: Where results go (default: stdout); errors and findings go to stderr.
    """
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    try:
        return _run(args, out)
    except BrokenPipeError:  # `cchc demo | head` closed our stdout: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C: a line, not a traceback; nothing half-written
        print(file=sys.stderr)
        _complain(say(args.lang, "đã dừng", "interrupted"))
        return EXIT_INTERRUPTED


def _complain(message: str, details: Sequence[str] = ()) -> None:
    """Print each message on one line: a line break in a file's key or value is escaped."""
    for line in (message, *details):
        print(one_line(line), file=sys.stderr)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    try:
        code: int = args.run(args, out)
    except CommandFailed as failure:
        _complain(failure.message, failure.details)
        return failure.code
    except BrokenPipeError:
        raise
    except ValidationError as error:
        count = error.error_count()
        _complain(
            say(
                args.lang,
                f"{error.title}: {count} lỗi dữ liệu không hợp lệ",
                f"{error.title}: {count} validation error(s)",
            ),
            validation_lines(error),
        )
        return EXIT_UNREADABLE
    except (ScoringError, SurveyError, MonitoringError, CheckError, CalendarError) as error:
        findings = getattr(error, "findings", ())
        _complain(str(error).splitlines()[0], [f"  - {f}" for f in findings])
        return EXIT_FINDINGS
    except CchcError as error:
        _complain(str(error))
        return EXIT_UNREADABLE
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _complain(f"{where}{error.strerror or error}")
        return EXIT_UNREADABLE
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
