"""``cchc report FRAMEWORK ASSESSMENTS... -o FILE``: a round as one self-contained HTML page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from cchc import documents
from cchc.cli import _monitor, _score, _survey
from cchc.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    CommandFailed,
    Commands,
    as_of_day,
    command,
    read,
    say,
    whole_number,
    write_file,
)
from cchc.documents.rules import SurveyRule
from cchc.vocabulary import Lang

if TYPE_CHECKING:  # the models are built when a command reads one
    from cchc.documents import Assessment, Framework

if TYPE_CHECKING:
    from cchc.checks import Finding
    from cchc.monitoring import Monitoring
    from cchc.surveys import SurveyResults

__all__ = ["add_parser", "run"]


def add_parser(
    commands: Commands[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``report`` to the ``cchc`` command."""
    parser = command(
        commands,
        common,
        "report",
        summary="a scored round as one self-contained HTML page, with charts",
        description="Score and rank a round of assessments as `cchc score` does, and write"
        " one HTML file that opens offline: the ranking with a bar chart of the indices"
        " coloured by band, a heat map of area scores, the movement since the previous"
        " round, the units' score cards (every point lost and why) and, when asked, a"
        " plan's task status and a satisfaction survey's results."
        " Needs the report extra: pip install 'cchc[report]'.",
        epilog="example, from the built-in documents:\n"
        "  cchc report illustrative-district huong-son-communes-2024"
        " --previous huong-son-communes-2023 --survey sipas-2640 huong-son-sipas-2024"
        " --survey-criterion 8.1 --plan huong-son-plan-2022 --as-of 2022-10-14"
        " --programme huong-son ha-tinh national --date 2025-03-01 -o report.html",
    )
    _score.add_round_arguments(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the HTML file to write (UTF-8), or - for stdout",
    )
    parser.add_argument(
        "--survey",
        nargs=2,
        metavar=("QUESTIONNAIRE", "RESPONSES"),
        help="add a satisfaction survey's results by unit (files or built-in names, as"
        " for `cchc survey`)",
    )
    parser.add_argument(
        "--survey-criterion",
        metavar="CODE",
        help="with --survey: score this criterion from each unit's overall survey index"
        " (e.g. 8.1 of illustrative-district)",
    )
    parser.add_argument(
        "--plan",
        metavar="PLAN",
        help="add the status of a plan's tasks (file or built-in name); needs --as-of",
    )
    parser.add_argument(
        "--as-of",
        type=as_of_day,
        metavar="DATE",
        help="with --plan: the day to judge the tasks at (YYYY-MM-DD or 'today')",
    )
    parser.add_argument(
        "--programme",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="with --plan: the plan's programme (or cascade), for its targets",
    )
    parser.add_argument(
        "--date",
        type=as_of_day,
        default="today",
        metavar="DATE",
        help="the date printed on the report: YYYY-MM-DD (default: today, in Asia/Ho_Chi_Minh)",
    )
    parser.add_argument(
        "--title", metavar="TEXT", help="the page's title (default: one naming the year)"
    )
    parser.add_argument(
        "--focus", metavar="UNIT", help="a unit always featured, whose card opens first"
    )
    parser.add_argument(
        "--chart-units",
        type=whole_number(2),
        default=40,
        metavar="N",
        help="most units a chart shows; beyond, the highest and lowest (default: 40)",
    )
    parser.set_defaults(run=run)


def _usage_error(lang: Lang, vi: str, en: str) -> CommandFailed:
    return CommandFailed(EXIT_UNREADABLE, say(lang, vi, en))


def _check_options(args: argparse.Namespace, framework: Framework, lang: Lang) -> None:
    if args.plan is None and (args.as_of is not None or args.programme):
        raise _usage_error(
            lang, "--as-of, --programme: chỉ dùng cùng --plan", "--as-of, --programme: need --plan"
        )
    if args.plan is not None and args.as_of is None:
        raise _usage_error(lang, "--plan: cần --as-of NGÀY", "--plan: needs --as-of DATE")
    criterion = args.survey_criterion
    if criterion is not None and args.survey is None:
        raise _usage_error(
            lang, "--survey-criterion: cần --survey", "--survey-criterion: needs --survey"
        )
    leaves = {leaf.code: leaf for leaf in framework.leaves()}
    if criterion is not None and criterion not in leaves:
        raise _usage_error(
            lang,
            f"--survey-criterion: bộ tiêu chí {framework.code} không có tiêu chí thành phần"
            f" {criterion}",
            f"--survey-criterion: framework {framework.code} has no leaf criterion {criterion}",
        )
    if criterion is not None and not isinstance(leaves[criterion].rule, SurveyRule):
        kind = leaves[criterion].rule.kind  # type: ignore[union-attr] # a leaf has a rule
        raise _usage_error(
            lang,
            f"--survey-criterion: tiêu chí {criterion} chấm theo quy tắc {kind},"
            " không phải theo kết quả khảo sát (quy tắc survey)",
            f"--survey-criterion: criterion {criterion} is scored by a {kind} rule,"
            " not from a survey (a survey rule)",
        )


def _survey_inputs(
    items: Sequence[tuple[str, Assessment]],
    criterion: str,
    results: SurveyResults,
    name: str,
    lang: Lang,
) -> list[tuple[str, Assessment]]:
    """Each assessment with ``criterion``'s input replaced by its unit's survey index."""
    from cchc.errors import SurveyError  # noqa: PLC0415
    from cchc.surveys import survey_inputs, with_survey_inputs  # noqa: PLC0415 - when used

    try:
        filled = with_survey_inputs([a for _, a in items], criterion, survey_inputs(results))
    except SurveyError as error:
        raise CommandFailed(EXIT_FINDINGS, f"{name}: {error.reason}") from None
    return [(file, a) for (file, _), a in zip(items, filled, strict=True)]


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Score the round and write its report."""
    from cchc.report import build_report  # noqa: PLC0415 - matplotlib loads only when used

    lang: Lang = args.lang
    framework = read(args.framework, (documents.Framework,), lang)
    _check_options(args, framework, lang)
    # Every input is read before the round is scored, so a wrong name fails at once.
    monitoring: Monitoring | None = None
    findings: tuple[Finding, ...] = ()
    if args.plan is not None:
        from cchc.monitoring import monitor  # noqa: PLC0415 - loaded when used

        plan, programmes, findings = _monitor.checked_plan(args.plan, args.programme, lang)
        monitoring = monitor(plan, as_of=args.as_of, programme=programmes or None)
    items = _score.assessments(args.assessments, lang, framework)
    if not items:
        raise CommandFailed(
            EXIT_FINDINGS,
            say(
                lang,
                f"{' '.join(args.assessments)}: không có phiếu đánh giá nào để báo cáo",
                f"{' '.join(args.assessments)}: no assessment to report on",
            ),
        )
    if args.focus is not None and all(a.unit != args.focus for _, a in items):
        raise _usage_error(
            lang,
            f"--focus: không có đơn vị {args.focus} trong đợt đánh giá",
            f"--focus: no unit {args.focus} in the round",
        )
    previous = _score.assessments(args.previous, lang, framework)
    survey = None
    if args.survey is not None:
        questionnaire_name, responses_name = args.survey
        questionnaire = read(questionnaire_name, (documents.Questionnaire,), lang)
        responses = _survey.responses_round(responses_name, questionnaire, None, lang)
        survey = _survey.tabulate(questionnaire, responses, responses_name, lang, by=["unit"])
        if args.survey_criterion is not None:
            items = _survey_inputs(items, args.survey_criterion, survey, responses_name, lang)
    # The batch path: the same rows as cchc score, and only the charted units' cards.
    before = _score.table_ranked(framework, previous, lang) if previous else None
    if before is not None:
        _score.previous_year_check(before, items, lang)
    ranking = _score.table_ranked(framework, items, lang)
    page = build_report(
        framework, ranking, generated_on=args.date, previous=before,
        assessments=[a for _, a in items],
        monitoring=monitoring, survey=survey, title=args.title, lang=lang,
        chart_units=args.chart_units, focus=args.focus,
    )  # fmt: skip
    if args.output == "-":
        out.write(page)
    else:
        write_file(args.output, page, lang)
        size = f"{len(page.encode()):,}"
        print(
            say(
                lang,
                f"Đã ghi {args.output}: {len(ranking.rows)} đơn vị, {size.replace(',', '.')} byte",
                f"Wrote {args.output}: {len(ranking.rows)} units, {size} bytes",
            ),
            file=sys.stderr,
        )
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK
