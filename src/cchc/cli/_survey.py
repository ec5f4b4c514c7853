"""``cchc survey QUESTIONNAIRE RESPONSES``: satisfaction indices with confidence intervals."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from cchc import datasets, documents
from cchc.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    CommandFailed,
    Commands,
    command,
    findings_text,
    invalid,
    one_line,
    read,
    say,
    whole_number,
)
from cchc.cli._output import FORMATS, json_text, markdown_to_text, render_records, write
from cchc.vocabulary import Lang

if TYPE_CHECKING:  # the models are built when a command reads one
    from cchc.documents import Questionnaire, SurveyRound

if TYPE_CHECKING:
    from cchc.surveys import SurveyResults

__all__ = ["add_parser", "responses_round", "run", "tabulate"]

GROUPINGS = ("unit", "service", "respondent_type")
_LIMIT = 5  # findings listed per code; one more finding gives the total
LEVELS = ("item", "factor", "overall")


def confidence_level(text: str) -> float:
    """A ``--confidence`` value: a number strictly between 0 and 1.

    >>> confidence_level("0.9")
    0.9
    """
    from cchc.surveys._stats import z_value  # noqa: PLC0415 - numpy loads only when used

    try:
        value = float(text)
        z_value(value)  # 0.9999999999999999 is below 1, but its quantile is infinite
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a level between 0 and 1: {text!r}") from None
    return value


def add_parser(
    commands: Commands[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``survey`` to the ``cchc`` command."""
    parser = command(
        commands,
        common,
        "survey",
        summary="satisfaction indices of a survey round, with confidence intervals",
        description="Tabulate a round of survey responses (SIPAS-style): for each group,"
        " the satisfaction index of every item, factor and overall, with its interval and"
        " the counts behind it. Responses that do not fit the questionnaire are findings:"
        " errors exit 1, warnings go to stderr.",
        epilog="table and md show one row per group and code of --level (factors end with"
        " the overall row); csv and json give the same rows as records.",
    )
    parser.add_argument(
        "questionnaire",
        metavar="QUESTIONNAIRE",
        help="the questionnaire (JSON or YAML file), or a built-in one: sipas-2640,"
        " par-index-leaders-876",
    )
    parser.add_argument(
        "responses",
        metavar="RESPONSES",
        help="a survey round (JSON or YAML file), a responses workbook (.xlsx or .csv, from"
        " `cchc template QUESTIONNAIRE`), or a built-in round: " + ", ".join(datasets.SURVEYS),
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="the year a .xlsx or .csv file of responses measures (default: the year of"
        " its dates, when they share one)",
    )
    parser.add_argument(
        "--by",
        nargs="*",
        choices=GROUPINGS,
        default=["unit"],
        metavar="DIMENSION",
        help="group the responses by any of unit, service, respondent_type (default: unit;"
        " --by alone: one group of every response)",
    )
    parser.add_argument(
        "--level", choices=LEVELS, default="factor", help="which indices (default: factor)"
    )
    parser.add_argument(
        "--confidence",
        type=confidence_level,
        default=0.95,
        metavar="LEVEL",
        help="confidence level of the intervals (default: 0.95)",
    )
    parser.add_argument(
        "--overall",
        choices=("mean-of-factors", "pooled"),
        default="mean-of-factors",
        help="how the overall index is made (default: mean-of-factors)",
    )
    parser.add_argument(
        "--resamples",
        type=whole_number(0),
        default=0,
        metavar="N",
        help="bootstrap resamples for the overall index's interval (default: 0, none)",
    )
    parser.add_argument(
        "--seed",
        type=whole_number(0),
        default=0,
        metavar="N",
        help="seed of the bootstrap (default: 0)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="(default: table)")
    parser.set_defaults(run=run)


def tabulate(
    questionnaire: Questionnaire,
    responses: SurveyRound,
    name: str,
    lang: Lang,
    **options: Any,
) -> SurveyResults:
    """The responses of file ``name``, checked against the questionnaire, then tabulated.

    ``options`` go to :func:`cchc.surveys.survey_results`. Warnings go to stderr.

    Raises:
        CommandFailed: Exit 1: findings of severity error (listed, a few per code).
    """
    from cchc.surveys import check_responses, survey_results  # noqa: PLC0415 - when used

    findings = check_responses(questionnaire, responses, limit=_LIMIT)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        message = say(
            lang,
            f"{name}: câu trả lời không khớp phiếu khảo sát {questionnaire.code}",
            f"{name}: the responses do not fit questionnaire {questionnaire.code}",
        )
        lines = findings_text(errors, lang).splitlines()
        if len(errors) < len(findings):
            warned = len(findings) - len(errors)
            lines.append(say(lang, f"  (và {warned} cảnh báo)", f"  (and {warned} warning(s))"))
        raise CommandFailed(EXIT_FINDINGS, message, lines)
    if findings:
        print(findings_text(findings, lang, name), file=sys.stderr)
    return survey_results(questionnaire, responses, **options)


def responses_round(
    name: str, questionnaire: Questionnaire, year: int | None, lang: Lang
) -> SurveyRound:
    """The round in file ``name`` (or the built-in round so called).

    A name ending in ``.xlsx`` or ``.csv`` is read by
    :func:`cchc.spreadsheets.read_responses`, for ``year`` (``None``: the dates' year).

    Raises:
        CommandFailed: Exit 2: the file cannot be read or validated.
    """
    if not name.lower().endswith((".xlsx", ".csv")):
        return read(name, (documents.SurveyRound,), lang)
    from pydantic import ValidationError  # noqa: PLC0415

    from cchc.errors import CchcError  # noqa: PLC0415
    from cchc.spreadsheets import read_responses  # noqa: PLC0415 - openpyxl loads when used

    try:
        return read_responses(questionnaire, name, year=year)
    except ValidationError as error:
        raise invalid(name, error, lang) from None
    except CchcError as error:  # LoadError, MissingExtraError
        raise CommandFailed(EXIT_UNREADABLE, one_line(str(error))) from None


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Tabulate the responses and write the indices."""
    lang: Lang = args.lang
    questionnaire = read(args.questionnaire, (documents.Questionnaire,), lang)
    responses = responses_round(args.responses, questionnaire, args.year, lang)
    if len(set(args.by)) < len(args.by):
        raise CommandFailed(
            EXIT_UNREADABLE, say(lang, "--by: lặp lại một chiều", "--by: a dimension repeats")
        )
    results = tabulate(
        questionnaire,
        responses,
        args.responses,
        lang,
        by=args.by,
        confidence=args.confidence,
        overall=args.overall,
        resamples=args.resamples,
        seed=args.seed,
    )
    level = args.level
    if args.format in ("csv", "json"):
        rows: list[dict[str, Any]] = [
            dict(r)
            for r in results.records("all")
            if r["level"] == level or (level == "factor" and r["level"] == "overall")
        ]
        if args.format == "csv":
            write(render_records(rows, "csv"), out)
        else:
            whole = {
                "questionnaire": questionnaire.code,
                "round": responses.code,
                "by": list(results.by),
                "confidence": results.confidence,
                "overall_method": results.overall_method,
                "records": rows,
            }
            write(json_text(whole), out)
    else:
        markdown = results.to_markdown(level, lang=lang)
        write(markdown if args.format == "md" else markdown_to_text(markdown), out)
    return EXIT_OK
