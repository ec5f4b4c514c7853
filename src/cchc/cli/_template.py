"""``cchc template FRAMEWORK|QUESTIONNAIRE|PLAN -o FILE.xlsx``: a workbook to fill in.

A framework gives a self-assessment workbook (a column per unit of ``--units``); a
questionnaire gives a survey responses workbook (a row per respondent); a plan gives a
progress workbook (a row per task, for its lead agency's update).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TextIO

from cchc import datasets
from cchc.cli._common import (
    EXIT_OK,
    EXIT_UNREADABLE,
    TIME_ZONE,
    CommandFailed,
    Commands,
    command,
    read,
    say,
)
from cchc.vocabulary import Lang

__all__ = ["add_parser", "run"]


def add_parser(
    commands: Commands[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``template`` to the ``cchc`` command."""
    parser = command(
        commands,
        common,
        "template",
        summary="a workbook (.xlsx) of self-assessments, survey responses or task progress to fill",
        description="For a framework: write an Excel workbook with a row per leaf criterion"
        " and a column per unit, each cell validated for its rule (Đạt / Không đạt, a rate,"
        " a count, a date or Không thực hiện; Không áp dụng where the criterion allows it);"
        " `cchc score FRAMEWORK FILE.xlsx` reads the filled workbook. For a questionnaire:"
        " a sheet with a row per respondent and a column per item, answers chosen from the"
        " scale's labels or Không trả lời (asked, no answer; empty: not asked);"
        " `cchc survey QUESTIONNAIRE FILE.xlsx` reads it. For a plan: a row per task (code,"
        " title, lead agency, due day) and its progress update to fill (date, percent,"
        " status, note, evidence); `cchc monitor PLAN --as-of DATE --updates FILE.xlsx`"
        " reads it (--units and --year are not used)."
        " Needs the spreadsheet extra: pip install 'cchc[spreadsheet]' (not for .csv).",
        epilog="examples:\n"
        "  cchc template illustrative-district --units pho-chau,tay-son --year 2025"
        " -o tu-danh-gia-2025.xlsx\n"
        "  cchc template sipas-2640 --year 2025 -o khao-sat-2025.xlsx\n"
        "  cchc template huong-son-plan-2022 -o tien-do.xlsx",
    )
    parser.add_argument(
        "framework",
        metavar="FRAMEWORK|QUESTIONNAIRE|PLAN",
        help="the framework, questionnaire or plan (JSON or YAML file), or a built-in one: "
        + ", ".join([*datasets.FRAMEWORKS, "sipas-2640", "par-index-leaders-876", *datasets.PLANS]),
    )
    parser.add_argument(
        "--units",
        metavar="CODE[,CODE...]",
        help="the units' codes, comma-separated: one column each (a framework, required),"
        " or the unit column's drop-down list (a questionnaire, optional)",
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="the year assessed or surveyed (default: last year, in Asia/Ho_Chi_Minh)",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.xlsx",
        help="the workbook to write (FILE.csv: the same columns as CSV, for data pipelines)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the workbook and say where (on stderr)."""
    from cchc.spreadsheets import (  # noqa: PLC0415 - openpyxl loads when used
        write_plan_template,
        write_responses_template,
        write_template,
    )

    lang: Lang = args.lang
    if not args.output.lower().endswith((".xlsx", ".csv")):
        raise CommandFailed(
            EXIT_UNREADABLE,
            say(
                lang,
                f"-o: {args.output}: tên tệp phải kết thúc bằng .xlsx hoặc .csv",
                f"-o: {args.output}: the file name must end in .xlsx or .csv",
            ),
        )
    from cchc.documents import Framework, Plan, Questionnaire  # noqa: PLC0415 - when used

    kinds: tuple[type[Framework | Questionnaire | Plan], ...] = (Framework, Questionnaire, Plan)
    document = read(args.framework, kinds, lang)
    units = [unit.strip() for unit in (args.units or "").split(",") if unit.strip()]
    year = args.year if args.year is not None else dt.datetime.now(TIME_ZONE).year - 1
    if isinstance(document, Plan) and (args.units is not None or args.year is not None):
        raise CommandFailed(
            EXIT_UNREADABLE,
            say(
                lang,
                "--units/--year: một kế hoạch đã có các nhiệm vụ và năm của nó",
                "--units/--year: a plan has its own tasks and year",
            ),
        )
    try:
        if isinstance(document, Plan):
            path = write_plan_template(document, args.output, lang=lang)
        elif isinstance(document, Questionnaire):
            path = write_responses_template(
                document, args.output, year=year, units=units, lang=lang
            )
        elif args.units is None:
            raise CommandFailed(
                EXIT_UNREADABLE,
                say(
                    lang,
                    "--units: cần mã các đơn vị (mỗi đơn vị một cột)",
                    "--units: give the units' codes (one column each)",
                ),
            )
        else:
            path = write_template(document, units, args.output, year=year, lang=lang)
    except ValueError as error:
        raise CommandFailed(EXIT_UNREADABLE, f"--units/--year: {error}") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise CommandFailed(
            EXIT_UNREADABLE,
            say(
                lang,
                f"{args.output}: không ghi được tệp: {reason}",
                f"{args.output}: cannot write the file: {reason}",
            ),
        ) from None
    if isinstance(document, Plan):
        count = len(document.tasks)
        vi, en = (
            f"{count} nhiệm vụ, kế hoạch {document.code}",
            f"{count} tasks, plan {document.code}",
        )
    elif isinstance(document, Questionnaire):
        count = len(document.items)
        vi, en = f"{count} câu hỏi, năm {year}", f"{count} items, {year}"
    else:
        count = len(document.leaves())
        vi = f"{count} tiêu chí × {len(units)} đơn vị, năm {year}"
        en = f"{count} criteria × {len(units)} units, {year}"
    print(
        say(lang, f"Đã ghi {path}: {vi}.", f"Wrote {path}: {en}."),
        file=sys.stderr,  # as `cchc report -o` does: stdout stays for results
    )
    return EXIT_OK
