"""``cchc dossiers DOSSIERS --catalogue FILE --year YEAR``: the Decision 766 indicators."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cchc import documents
from cchc.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    CommandFailed,
    Commands,
    command,
    read,
    say,
    whole_number,
    write_file,
)
from cchc.cli._output import json_text, markdown_to_text, render_records, write
from cchc.vocabulary import Lang

if TYPE_CHECKING:  # the models are built when the command runs
    from cchc.documents import ProcedureCatalogue
    from cchc.dossiers import DossierAssessment, ServiceIndex

__all__ = ["add_parser", "run"]

FORMATS = ("table", "md", "csv", "json")
_FIRST_YEAR, _LAST_YEAR = 2000, 2100
"""The years of the default working-day calendar (``cchc.calendar.DEFAULT_YEARS``, pinned by
a test; not imported, to keep numpy out of the command line's start)."""
_REFERENCE_VIEWS = (("unit", "year"), ("province", "year"), ("unit", "month"))


def add_parser(
    commands: Commands[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``dossiers`` to the ``cchc`` command."""
    parser = command(
        commands,
        common,
        "dossiers",
        summary="check dossier records and compute the Decision 766 indicators",
        description="Read dossier records (Parquet, CSV or JSON lines, the portal's sync"
        " fields), check every row against the procedure catalogue and the working-day"
        " calendar, and compute the Decision 766/QĐ-TTg indicators per unit or province,"
        " by year, quarter or month of receipt, judged as of 31 December of --year:"
        " counts, on-time, online, online-payment, digitised and e-result rates, points,"
        " total and rank. Rejected rows are counted by reason on stderr (and written to"
        " --rejected), never dropped silently; the command then exits with 1.",
        epilog="table and md show the ranking; csv gives one row per unit (or province) and"
        " period; json gives the validation and the rows. --json FILE writes the results in"
        " the layout of the benchmark reference's --json (shared/bench/dossier_reference.py).",
    )
    parser.add_argument(
        "dossiers", metavar="DOSSIERS", help="the dossiers: .parquet, .csv or .jsonl"
    )
    parser.add_argument(
        "--catalogue",
        required=True,
        metavar="FILE",
        help="the procedure catalogue (a procedure-catalogue document, JSON or YAML)",
    )
    parser.add_argument(
        "--year",
        required=True,
        type=_year,
        help=f"the year of receipt judged ({_FIRST_YEAR}-{_LAST_YEAR}, the working-day"
        " calendar's years)",
    )
    parser.add_argument(
        "--period", choices=("year", "quarter", "month"), default="year", help="(default: year)"
    )
    parser.add_argument(
        "--level", choices=("unit", "province"), default="unit", help="(default: unit)"
    )
    parser.add_argument(
        "--rejected", metavar="FILE", help="write every rejected row, with its reason, there"
    )
    parser.add_argument(
        "--strict", action="store_true", help="write no results, exit 1, when any row is rejected"
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="(default: table)")
    parser.add_argument(
        "--limit",
        type=whole_number(1),
        metavar="N",
        help="show only the first N rows, in every format (the rank is the full ranking's)",
    )
    parser.add_argument(
        "--json", metavar="FILE", dest="json_file", help="also write the reference's layout there"
    )
    parser.set_defaults(run=run)


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = _FIRST_YEAR - 1
    if not _FIRST_YEAR <= value <= _LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"not a year of the working-day calendar ({_FIRST_YEAR}-{_LAST_YEAR}): {text!r}"
        )
    return value


def _check_output(name: str) -> None:
    """Refuse, before any work, an output file that could not be written (exit 2)."""
    path = Path(name)
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        return  # /dev/stdout, a pipe: written to directly
    problem = None
    if not target.parent.is_dir():
        problem = f"no folder {target.parent}"
    elif (target.exists() and not os.access(target, os.W_OK)) or not os.access(
        target.parent, os.W_OK
    ):
        problem = "permission denied"
    if problem:
        raise CommandFailed(EXIT_UNREADABLE, f"{name}: cannot write the file: {problem}")


def _assessed(args: argparse.Namespace, catalogue: ProcedureCatalogue) -> DossierAssessment:
    from cchc.dossiers import assess_dossiers  # noqa: PLC0415 - ibis loads when used
    from cchc.errors import CchcError  # noqa: PLC0415

    try:
        return assess_dossiers(
            args.dossiers, catalogue, year=args.year, rejected_file=args.rejected
        )
    except CchcError as error:  # LoadError, DossierError, MissingExtraError, CalendarError
        raise CommandFailed(EXIT_UNREADABLE, str(error)) from None


def _validation_record(assessment: DossierAssessment) -> dict[str, Any]:
    v = assessment.validation
    return {
        "source": v.source,
        "rows": v.rows,
        "accepted": v.accepted,
        "rejected": v.rejected,
        "problems": v.problems,
        "first_rows": list(v.first_rows),
        "rejected_file": v.rejected_file,
    }


def _render(index: ServiceIndex, assessment: DossierAssessment, args: argparse.Namespace) -> str:
    lang: Lang = args.lang
    records = index.records()[: args.limit]
    if args.format == "csv":
        return render_records(records, "csv", None)
    if args.format == "json":
        whole = {
            "year": index.year,
            "level": index.level,
            "period": index.period,
            "validation": _validation_record(assessment),
            "rows": records,
        }
        return json_text(whole)
    title = say(
        lang, "Chỉ số phục vụ (Quyết định 766/QĐ-TTg)", "Service index (Decision 766/QĐ-TTg)"
    )
    markdown = f"## {title}: {index.year}\n\n{index.to_markdown(lang, limit=args.limit)}"
    return markdown if args.format == "md" else markdown_to_text(markdown)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Check the dossiers, compute the indicators and write them."""
    from cchc.dossiers import reference_json  # noqa: PLC0415

    lang: Lang = args.lang
    if args.json_file:
        _check_output(args.json_file)
    catalogue = read(args.catalogue, (documents.ProcedureCatalogue,), lang)
    assessment = _assessed(args, catalogue)
    if args.strict and not assessment.validation.ok:
        lines = assessment.validation.summary(lang).splitlines()
        raise CommandFailed(EXIT_FINDINGS, "; ".join(line.strip() for line in lines))
    wanted = (args.level, args.period)
    views: list[tuple[Any, Any]] = [wanted]
    if args.json_file:
        views += [v for v in _REFERENCE_VIEWS if v != wanted]
    indexes = dict(zip(views, assessment.indexes(*views), strict=True))
    write(_render(indexes[wanted], assessment, args), out)
    if args.json_file:
        unit_year, province_year, unit_month = (indexes[v] for v in _REFERENCE_VIEWS)
        trio = (unit_year, province_year, unit_month)
        document = reference_json(assessment, indexes=trio)
        write_file(args.json_file, json.dumps(document, ensure_ascii=False) + "\n", lang)
    if not assessment.validation.ok:
        print(assessment.validation.summary(lang), file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK
