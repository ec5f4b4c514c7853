"""``cchc monitor PLAN --as-of DATE``: where a plan's tasks, targets and reports stand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cchc import datasets, documents
from cchc.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    CommandFailed,
    Commands,
    as_of_day,
    command,
    findings_text,
    invalid,
    read,
    say,
    whole_number,
)
from cchc.cli._output import FORMATS, json_text, markdown_to_text, render_records, write
from cchc.vocabulary import Lang

if TYPE_CHECKING:  # the models are built when a command reads one
    from cchc.documents import Plan, Programme

if TYPE_CHECKING:
    from cchc.checks import Finding

__all__ = ["add_parser", "checked_plan", "run"]

RECORDS = ("tasks", "agency", "area", "group", "plan", "targets", "reports")


def add_parser(
    commands: Commands[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``monitor`` to the ``cchc`` command."""
    parser = command(
        commands,
        common,
        "monitor",
        summary="where a plan's tasks, targets and reports stand on a day",
        description="Judge every task of an annual plan as of a day (done on time, late,"
        " overdue, due soon, stale…), roll the statuses up by lead agency, and show the"
        " programme targets' progress and the periodic reports' timeliness. The plan's"
        " cross-record findings go to stderr; findings of severity error exit 1.",
        epilog="table and md show the situation report; csv and json give records"
        " (csv: one row per task unless --records says otherwise; json: everything).",
    )
    parser.add_argument(
        "plan",
        metavar="PLAN",
        help=f"a plan (JSON or YAML file), or a built-in one: {', '.join(datasets.PLANS)}",
    )
    parser.add_argument(
        "--as-of",
        required=True,
        type=as_of_day,
        metavar="DATE",
        help="the day to judge at: YYYY-MM-DD, or 'today' (in Asia/Ho_Chi_Minh)",
    )
    parser.add_argument(
        "--programme",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="the plan's programme, or its cascade up to the nation, for solution groups and"
        f" targets (files or built-in names: {', '.join(datasets.NAMES)})",
    )
    parser.add_argument(
        "--updates",
        metavar="FILE",
        help="a progress file (.xlsx or .csv) written by `cchc template PLAN` and filled by"
        " the lead agencies: its updates are added to the plan's before it is monitored",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="(default: table)")
    parser.add_argument(
        "--records",
        choices=RECORDS,
        help="write one table of records: tasks, a roll-up (agency, area, group, plan),"
        " targets or reports",
    )
    parser.add_argument(
        "--due-soon-days",
        type=whole_number(0),
        default=5,
        metavar="N",
        help="working days ahead that count as due soon (default: 5)",
    )
    parser.add_argument(
        "--stale-days",
        type=whole_number(1),
        default=30,
        metavar="N",
        help="calendar days without an update that make a task stale (default: 30)",
    )
    parser.set_defaults(run=run)


def checked_plan(
    plan_name: str, programme_names: Sequence[str], lang: Lang, updates: str | None = None
) -> tuple[Plan, list[Programme], tuple[Finding, ...]]:
    """The plan in ``plan_name``, its programmes, and its cross-record findings.

    With ``updates``, a progress file (see :func:`cchc.spreadsheets.read_plan_updates`)
    whose updates are added to the plan first. The findings are also printed to stderr.
    """
    from cchc.monitoring import check_plan  # noqa: PLC0415 - loaded when used

    plan = read(plan_name, (documents.Plan,), lang)
    if updates is not None:
        plan = _updated(plan, updates, lang)
    programmes = [read(name, (documents.Programme,), lang) for name in programme_names]
    findings = check_plan(plan, programmes or None)
    if findings:
        print(findings_text(findings, lang, plan_name), file=sys.stderr)
    return plan, programmes, findings


def _updated(plan: Plan, name: str, lang: Lang) -> Plan:
    """``plan`` with the updates of the progress file ``name``."""
    from pydantic import ValidationError  # noqa: PLC0415

    from cchc.errors import CchcError  # noqa: PLC0415
    from cchc.spreadsheets import read_plan_updates  # noqa: PLC0415 - openpyxl loads when used

    if not Path(name).is_file():
        raise CommandFailed(
            EXIT_UNREADABLE,
            say(lang, f"--updates: {name}: không có tệp này", f"--updates: {name}: no such file"),
        )
    try:
        return read_plan_updates(plan, name)
    except ValidationError as error:
        raise invalid(name, error, lang) from None
    except CchcError as error:  # LoadError, MissingExtraError
        raise CommandFailed(EXIT_UNREADABLE, str(error)) from None


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Monitor the plan and write the result."""
    from cchc.monitoring import monitor  # noqa: PLC0415 - loaded when used

    lang: Lang = args.lang
    plan, programmes, findings = checked_plan(args.plan, args.programme, lang, args.updates)
    result = monitor(
        plan,
        as_of=args.as_of,
        due_soon_days=args.due_soon_days,
        stale_days=args.stale_days,
        programme=programmes or None,
    )
    tables = {
        "tasks": result.records,
        "targets": result.target_records,
        "reports": result.report_records,
    }
    if args.records is not None:
        chosen = args.records
        records = tables[chosen]() if chosen in tables else result.rollup_records(chosen)
        write(render_records(records, args.format), out)
    elif args.format == "csv":
        write(render_records(result.records(), "csv"), out)
    elif args.format == "json":
        whole = {
            "plan": result.plan,
            "year": result.year,
            "as_of": result.as_of,
            "total": result.total.as_record(),
            "tasks": result.records(),
            "agencies": result.rollup_records("agency"),
            "areas": result.rollup_records("area"),
            "groups": result.rollup_records("group"),
            "targets": result.target_records(),
            "reports": result.report_records(),
            "findings": [f.as_dict() for f in findings],
        }
        write(json_text(whole), out)
    else:
        markdown = result.to_markdown(lang)
        write(markdown if args.format == "md" else markdown_to_text(markdown), out)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK
