"""``cchc score FRAMEWORK ASSESSMENTS...``: score a round, rank it, explain the points."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from cchc import datasets
from cchc.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    CommandFailed,
    Commands,
    command,
    invalid,
    read,
    say,
)
from cchc.cli._output import FORMATS, json_text, markdown_to_text, render_records, write
from cchc.cli._progress import Progress
from cchc.cli._quick import QuickRound, quick_round
from cchc.documents import Assessment, AssessmentRound, Framework
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    from cchc.errors import ScoringError
    from cchc.scoring import Ranking, ScoreCard
    from cchc.scoring.batch import TableRanking

__all__ = [
    "add_parser",
    "add_round_arguments",
    "assessments",
    "previous_year_check",
    "ranked",
    "run",
    "scored_round",
    "table_ranked",
]

RECORDS = ("ranking", "inflation", "nodes")


def add_round_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``FRAMEWORK ASSESSMENTS... [--previous FILE...]``, as ``score`` and ``report`` take."""
    parser.add_argument(
        "framework",
        metavar="FRAMEWORK",
        help="the framework (JSON or YAML file), or a built-in one: "
        + ", ".join(datasets.FRAMEWORKS),
    )
    parser.add_argument(
        "assessments",
        nargs="+",
        metavar="ASSESSMENTS",
        help="assessment or assessment-round files, self-assessment workbooks (.xlsx, .csv"
        " or .parquet; see `cchc template`) or built-in rounds ("
        + ", ".join(datasets.ROUNDS)
        + "), scored together as one round",
    )
    parser.add_argument(
        "--previous",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="the previous round's assessments, for each unit's movement since then",
    )


def add_parser(
    commands: Commands[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``score`` to the ``cchc`` command."""
    parser = command(
        commands,
        common,
        "score",
        summary="score and rank a round of assessments",
        description="Score every assessment under the framework, exactly, rank the units"
        " (ties share the better rank), band them, and compare with a previous round."
        " A unit that cannot be scored stops the command with exit 1, naming its file.",
        epilog="table and md show the ranking (and, with --explain, every point lost);"
        " csv gives one row per unit; json gives the ranking, the self-assessment"
        " inflation and, with --explain, each unit's card.",
    )
    add_round_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, default="table", help="(default: table)")
    parser.add_argument(
        "--records",
        choices=RECORDS,
        help="write one table of records: ranking (a row per unit), inflation (self-assessed"
        " against appraised points) or nodes (every unit's points per criterion)",
    )
    parser.add_argument(
        "--explain",
        nargs="*",
        metavar="UNIT",
        help="explain the points lost, of the units named (none named: of every unit)",
    )
    parser.set_defaults(run=run)


def assessments(
    names: Sequence[str], lang: Lang, framework: Framework | None = None
) -> list[tuple[str, Assessment]]:
    """Every assessment in the files (or built-in rounds) ``names``, with its file's name.

    A name ending in ``.xlsx`` or ``.csv`` is a self-assessment workbook (see
    :func:`cchc.spreadsheets.read_round`), read under ``framework``.

    Raises:
        CommandFailed: Exit 2: a file cannot be read or validated, or a workbook is given
            without a framework to read it by.
    """
    found: list[tuple[str, Assessment]] = []
    with Progress(len(names), say(lang, "Đọc tệp", "Reading")) as bar:
        for name in bar.iterate(names):
            if name.lower().endswith((".xlsx", ".csv", ".parquet")):
                found.extend((name, a) for a in _workbook(name, framework, lang).assessments)
                continue
            document = read(name, (Assessment, AssessmentRound), lang)
            if isinstance(document, AssessmentRound):
                found.extend((name, a) for a in document.assessments)
            elif isinstance(document, Assessment):  # as read() checked
                found.append((name, document))
    return found


def _workbook(name: str, framework: Framework | None, lang: Lang) -> AssessmentRound:
    """The round typed into the workbook ``name``, read under ``framework``."""
    from pydantic import ValidationError  # noqa: PLC0415

    from cchc.errors import CchcError  # noqa: PLC0415
    from cchc.spreadsheets import read_round  # noqa: PLC0415 - openpyxl loads when used

    if framework is None:
        raise CommandFailed(
            EXIT_UNREADABLE,
            say(
                lang,
                f"{name}: cần bộ tiêu chí để đọc bảng tính",
                f"{name}: a workbook is read under a framework, and none was given",
            ),
        )
    try:
        return read_round(framework, name)
    except ValidationError as error:
        raise invalid(name, error, lang) from None
    except CchcError as error:  # LoadError, MissingExtraError
        raise CommandFailed(EXIT_UNREADABLE, str(error)) from None


def _cards(
    framework: Framework, items: Sequence[tuple[str, Assessment]], lang: Lang
) -> list[ScoreCard]:
    from cchc.errors import ScoringError  # noqa: PLC0415
    from cchc.scoring import score  # noqa: PLC0415 - the engine loads only when used

    cards = []
    with Progress(len(items), say(lang, "Chấm điểm", "Scoring")) as bar:
        for name, assessment in bar.iterate(items):
            try:
                cards.append(score(framework, assessment))
            except ScoringError as error:
                raise CommandFailed(EXIT_FINDINGS, f"{name}: {error}") from None
    return cards


def _located(
    error: ScoringError, items: Sequence[tuple[str, Assessment]], lang: Lang
) -> CommandFailed:
    """Exit 1, the error prefixed with the files that hold its unit."""
    files = list(dict.fromkeys(name for name, a in items if a.unit == error.unit))
    where = say(lang, " và ", " and ").join(files)
    return CommandFailed(EXIT_FINDINGS, f"{where}: {error}" if where else str(error))


def ranked(
    framework: Framework,
    items: Sequence[tuple[str, Assessment]],
    lang: Lang,
    previous: Ranking | None = None,
) -> Ranking:
    """The assessments scored one by one (a failure names its file), then ranked.

    Raises:
        CommandFailed: Exit 1: an assessment cannot be scored, or a unit is assessed twice.
    """
    from cchc.errors import ScoringError  # noqa: PLC0415
    from cchc.scoring.ranking import ranking_from_cards  # noqa: PLC0415

    cards = _cards(framework, items, lang)
    try:
        return ranking_from_cards(framework, cards, previous)
    except ScoringError as error:
        raise _located(error, items, lang) from None


def table_ranked(
    framework: Framework, items: Sequence[tuple[str, Assessment]], lang: Lang
) -> Ranking | TableRanking:
    """The assessments scored together on the batch path: the same rows, no cards.

    What the batch path cannot take (inputs past 64 bits or 9 decimal places) is scored
    card by card instead, so this refuses exactly what :func:`ranked` refuses.

    Raises:
        CommandFailed: Exit 1: an assessment cannot be scored (named with its files).
    """
    from cchc.errors import ScoringError  # noqa: PLC0415
    from cchc.scoring.batch import score_table  # noqa: PLC0415 - the engine loads when used
    from cchc.scoring.table import RoundTable  # noqa: PLC0415

    try:
        return score_table(RoundTable.from_assessments(framework, [a for _, a in items]))
    except ScoringError:  # the card path names the error, or scores it
        return ranked(framework, items, lang)


def previous_year_check(
    before: Ranking | TableRanking, items: Sequence[tuple[str, Assessment]], lang: Lang
) -> None:
    """Refuse a ``--previous`` round that is not of an earlier year than the assessments.

    Raises:
        CommandFailed: Exit 2, naming both years.
    """
    year = items[0][1].year if items else None
    if before.rows and year is not None and before.year >= year:
        raise CommandFailed(
            EXIT_UNREADABLE,
            say(
                lang,
                f"--previous: đợt đánh giá năm {before.year} không trước năm {year}",
                f"--previous: the round of {before.year} is not before {year}",
            ),
        )


def _explained(
    framework: Framework,
    ranking: Ranking,
    items: Sequence[tuple[str, Assessment]],
    units: Sequence[str] | None,
    lang: Lang,
    *,
    quick: QuickRound | None = None,
) -> list[ScoreCard]:
    """The cards of the units ``--explain`` names (none named: every unit), by rank."""
    if units is None:
        return []
    ranked_units = [row.unit for row in ranking.rows]
    known = set(ranked_units)
    unknown = [unit for unit in units if unit not in known]
    if unknown:
        message = say(
            lang,
            f"--explain: không có đơn vị {', '.join(unknown)} trong đợt đánh giá",
            f"--explain: no unit {', '.join(unknown)} in the round",
        )
        raise CommandFailed(EXIT_UNREADABLE, message)
    wanted = list(units) if units else ranked_units
    by_unit = {card.unit: card for card in ranking.cards}
    missing = set(wanted) - set(by_unit)
    if missing:
        scored = _cards(framework, _whole([i for i in items if i[1].unit in missing], quick), lang)
        by_unit.update((card.unit, card) for card in scored)
    return [by_unit[unit] for unit in wanted]


def scored_round(
    framework: Framework,
    items: Sequence[tuple[str, Assessment]],
    lang: Lang,
    previous: Ranking | TableRanking | None = None,
    *,
    quick: QuickRound | None = None,
) -> Ranking:
    """The round ranked on the batch path, with movement and self-assessment inflation.

    Cards are scored only where they are needed: for the units with appraisals (whose
    inflation they give). The rows are those :func:`ranked` gives, digit for digit.
    With ``quick``, the round read on the quick road (``items`` are its assessments).

    Raises:
        CommandFailed: Exit 1: an assessment cannot be scored, or a unit is assessed twice.
    """
    from cchc.scoring.batch import score_table  # noqa: PLC0415
    from cchc.scoring.ranking import Ranking, inflation_of, with_movement  # noqa: PLC0415

    table = score_table(quick.table) if quick else table_ranked(framework, items, lang)
    cards = table.cards if isinstance(table, Ranking) else ()
    if not isinstance(table, Ranking):
        appraised = _whole([(name, a) for name, a in items if a.appraisals], quick)
        cards = tuple(_cards(framework, appraised, lang)) if appraised else ()
    rows = table.rows
    if previous is not None:
        rows = with_movement(framework, rows, previous.rows)
    return Ranking(framework.code, table.year, rows, cards, tuple(inflation_of(cards)))


def _whole(
    items: Sequence[tuple[str, Assessment]], quick: QuickRound | None
) -> list[tuple[str, Assessment]]:
    """``items`` with their inputs (the quick road reads them only when a card is needed)."""
    return [(name, quick.full(a) if quick else a) for name, a in items]


def _card_record(card: ScoreCard) -> dict[str, Any]:
    losses = [
        {
            "criterion": loss.criterion,
            "title_vi": loss.title_vi,
            "title_en": loss.title_en,
            "rule": loss.rule,
            "input": loss.input,
            "points": loss.points,
            "max_points": loss.max_points,
            "lost": loss.lost,
            "reason_vi": loss.reason_vi,
            "reason_en": loss.reason_en,
        }
        for loss in card.losses
    ]
    return {
        "unit": card.unit,
        "year": card.year,
        "total": card.total,
        "applicable_max": card.applicable_max,
        "index": card.index,
        "band": card.band,
        "losses": losses,
    }


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Score the round and write the ranking."""
    from cchc.scoring.ranking import RECORD_COLUMNS, Ranking  # noqa: PLC0415 - when used

    lang: Lang = args.lang
    framework = read(args.framework, (Framework,), lang)
    previous = assessments(args.previous, lang, framework) if args.previous else []
    quick = quick_round(framework, args.assessments) if args.records != "nodes" else None
    items = quick.items if quick else assessments(args.assessments, lang, framework)
    before = table_ranked(framework, previous, lang) if previous else None
    if before is not None:
        previous_year_check(before, items, lang)
    if args.records == "nodes":  # every unit's card, so card by card
        prior = (
            before.ranking() if before is not None and not isinstance(before, Ranking) else before
        )
        ranking = ranked(framework, items, lang, prior)
    else:
        ranking = scored_round(framework, items, lang, before, quick=quick)
    explained = _explained(framework, ranking, items, args.explain, lang, quick=quick)
    if args.records is not None:
        columns: Sequence[str] | None = None
        if args.records == "ranking":
            records = ranking.records()
            columns = None if records else RECORD_COLUMNS  # with no unit, still the header
        elif args.records == "inflation":
            records = ranking.inflation_records()
        else:
            records = [record for card in ranking.cards for record in card.records()]
        write(render_records(records, args.format, columns), out)
    elif args.format == "csv":
        rows = ranking.records()  # with no unit, still the header
        write(render_records(rows, "csv", columns=None if rows else RECORD_COLUMNS), out)
    elif args.format == "json":
        whole: dict[str, Any] = {
            "framework": ranking.framework,
            "year": ranking.year,
            "ranking": ranking.records(),
            "inflation": ranking.inflation_records(),
        }
        if args.explain is not None:
            whole["cards"] = [_card_record(card) for card in explained]
        write(json_text(whole), out)
    else:
        markdown = ranking.to_markdown(lang)
        if explained:
            heading = say(lang, "Giải trình điểm", "Points explained")
            cards = "\n\n".join(card.explain(lang) for card in explained)
            markdown += f"\n\n## {heading}\n\n{cards}"
        write(markdown if args.format == "md" else markdown_to_text(markdown), out)
    return EXIT_OK
