"""``cchc template FRAMEWORK --units CODE,... -o FILE.xlsx``: a self-assessment workbook."""

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
from cchc.documents import Framework
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
        summary="a self-assessment workbook (.xlsx) to fill in and score",
        description="Write an Excel workbook with a row per leaf criterion of the framework"
        " and a column per unit, each cell validated for its rule (Đạt / Không đạt, a rate,"
        " a count, a date or Không thực hiện; Không áp dụng where the criterion allows it)."
        " `cchc score FRAMEWORK FILE.xlsx` reads the filled workbook."
        " Needs the spreadsheet extra: pip install 'cchc[spreadsheet]'.",
        epilog="example:\n"
        "  cchc template illustrative-district --units pho-chau,tay-son --year 2025"
        " -o tu-danh-gia-2025.xlsx",
    )
    parser.add_argument(
        "framework",
        metavar="FRAMEWORK",
        help="the framework (JSON or YAML file), or a built-in one: "
        + ", ".join(datasets.FRAMEWORKS),
    )
    parser.add_argument(
        "--units",
        required=True,
        metavar="CODE[,CODE...]",
        help="the units' codes, comma-separated, one column each",
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="the year assessed (default: last year, in Asia/Ho_Chi_Minh)",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.xlsx",
        help="the workbook to write (FILE.csv: a row per unit, for data pipelines)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the workbook and say where (on stderr)."""
    from cchc.spreadsheets import write_template  # noqa: PLC0415 - openpyxl loads when used

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
    framework = read(args.framework, (Framework,), lang)
    units = [unit.strip() for unit in args.units.split(",") if unit.strip()]
    year = args.year if args.year is not None else dt.datetime.now(TIME_ZONE).year - 1
    try:
        path = write_template(framework, units, args.output, year=year, lang=lang)
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
    print(
        say(
            lang,
            f"Đã ghi {path}: {len(framework.leaves())} tiêu chí × {len(units)} đơn vị, năm {year}.",
            f"Wrote {path}: {len(framework.leaves())} criteria × {len(units)} units, {year}.",
        ),
        file=sys.stderr,  # as `cchc report -o` does: stdout stays for results
    )
    return EXIT_OK
