"""A self-contained HTML report of a scored round: ranking, charts, cards, plan and survey.

:func:`build_report` renders one HTML page that needs nothing else to display —
no network, no scripts, no external style sheet or font: the style is inline and
the charts are inline SVG drawn with matplotlib. :func:`write_report` writes it to
a file. The page holds, in Vietnamese or English:

- an overview (units, mean and median index, highest and lowest, units per band);
- the ranking table (rank, unit name, points, index, band, movement) and a bar
  chart of the indices coloured by band;
- a heat map of each unit's area scores as a share of the area's maximum;
- the movement since the previous round (when there is one);
- the units' score cards: every point lost and why;
- the status of a plan's tasks (given a :class:`~cchc.monitoring.Monitoring`);
- satisfaction survey results (given :class:`~cchc.surveys.SurveyResults`);
- the Decision 766 service indicators from dossier records (given a
  :class:`~cchc.dossiers.ServiceIndex`).

Large rounds stay readable: the charts show the ``chart_units`` highest and lowest
units (and say so), while the ranking table lists every unit. For such rounds,
score with :func:`cchc.scoring.batch.score_table` and pass the ``assessments``:
only the featured units' cards are then scored.

Requires the ``report`` extra (jinja2 and matplotlib), imported when a report is built.

>>> import datetime as dt
>>> from cchc import datasets
>>> from cchc.report import build_report
>>> from cchc.scoring import score_round
>>> framework = datasets.framework("illustrative-district")
>>> ranking = score_round(framework, datasets.assessment_round("huong-son-communes-2024"))
>>> page = build_report(framework, ranking, generated_on=dt.date(2025, 3, 1), lang="en")
>>> page.startswith("<!DOCTYPE html>"), "Ranking" in page, "<svg" in page
(True, True, True)
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc._files import write_text
from cchc.errors import MissingExtraError
from cchc.report import _charts
from cchc.report._context import RoundView, breaks, round_view
from cchc.report._labels import format_day, words
from cchc.vocabulary import Lang

if TYPE_CHECKING:
    import jinja2

    from cchc.documents.assessment import Assessment, AssessmentRound
    from cchc.documents.framework import Framework
    from cchc.dossiers import ServiceIndex
    from cchc.monitoring import Monitoring
    from cchc.report._sections import MonitoringView, ServiceView, SurveyView
    from cchc.scoring.batch import TableRanking
    from cchc.scoring.card import ScoreCard
    from cchc.scoring.ranking import Ranking
    from cchc.surveys import SurveyResults

__all__ = ["build_report", "write_report"]


def _require(package: str) -> None:
    try:
        __import__(package)
    except ImportError:
        raise MissingExtraError("report", package) from None


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # noqa: PLC0415 - an optional dependency

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("cchc.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["pct"] = _pct
    return environment


def _pct(value: float | Decimal | None, digits: int = 1) -> str:
    """A float or decimal with ``digits`` places, or a dash when undefined."""
    return "—" if value is None else f"{value:.{digits}f}"


def build_report(
    framework: Framework,
    ranking: Ranking | TableRanking,
    *,
    generated_on: dt.date,
    previous: Ranking | TableRanking | None = None,
    cards: Sequence[ScoreCard] | None = None,
    assessments: AssessmentRound | Iterable[Assessment] | None = None,
    unit_names: Mapping[str, str] | None = None,
    monitoring: Monitoring | None = None,
    survey: SurveyResults | None = None,
    service: ServiceIndex | None = None,
    title: str | None = None,
    lang: Lang = "vi",
    chart_units: int = 40,
    focus: str | None = None,
) -> str:
    """Render a scored round (and optionally a plan's status and a survey) as one HTML page.

    The same inputs give the same page, byte for byte.

    Args:
        framework: The framework the round was scored under.
        ranking: The round, from :func:`cchc.scoring.score_round` or, for large rounds,
            :func:`cchc.scoring.batch.score_table`.
        generated_on: The day printed as the report's date (never "today" implicitly).
        previous: The previous round's ranking, for year-over-year movement. Without
            it, the movement the ranking's rows carry (``score_round(previous=...)``)
            is shown, if any.
        cards: Score cards to show in the heat map and the cards section; every card
            given is shown. By default, the ranking's own cards of the units featured
            in the charts.
        assessments: The round's assessments: units' names come from their
            ``unit_name_vi``, and, when there are no cards (a batch ranking), the
            featured units' cards are scored from them.
        unit_names: Names of units by code (over those of ``assessments``).
        monitoring: A plan's status as of a day, for the task section.
        survey: Satisfaction survey results, for the survey section.
        service: Decision 766 indicators from dossier records
            (:meth:`cchc.dossiers.DossierAssessment.index`), for the service section.
        title: The page's title; by default one naming the round's year.
        lang: ``"vi"`` (default) or ``"en"``.
        chart_units: Most units a chart shows; beyond it, the charts show the top and
            bottom halves of this number and say so.
        focus: A unit always featured, whose card opens; by default the card of the
            lowest-ranked featured unit opens.

    Returns:
        The page, as a string (UTF-8 when written).

    Raises:
        MissingExtraError: jinja2 or matplotlib is not installed.
        ValueError: ``lang`` is unknown, the ranking is of another framework,
            ``previous`` is not of an earlier year, a card is of a unit the ranking does
            not hold, ``focus`` is not a ranked unit, or ``chart_units`` is below 2.
        ScoringError: An assessment scored for a card cannot be scored.
    """
    text = words(lang)
    _require("jinja2")
    _require("matplotlib")
    view = round_view(
        framework, ranking, lang=lang, previous=previous, cards=cards,
        assessments=assessments, unit_names=unit_names, chart_units=chart_units, focus=focus,
    )  # fmt: skip
    names = {row.unit: row.name for row in view.rows if row.name}
    tasks: MonitoringView | None = None
    results: SurveyView | None = None
    served: ServiceView | None = None
    if monitoring is not None or survey is not None or service is not None:
        from cchc.report._sections import (  # noqa: PLC0415
            monitoring_view,
            service_view,
            survey_view,
        )

        if monitoring is not None:
            tasks = monitoring_view(monitoring, lang, text["unverified"])
        if survey is not None:
            results = survey_view(survey, lang, names, text["all_responses"], chart_units)
        if service is not None:
            level = text["unit"] if service.level == "unit" else text["province"]
            known = {**(unit_names or {}), **names}  # units outside the round too
            served = service_view(service, known, text["service_rates"], level)
    from cchc import __version__  # noqa: PLC0415 - the package imports this module lazily

    template = _environment().get_template("report.html.j2")
    return template.render(
        lang=lang,
        w=text,
        view=view,
        tasks=tasks,
        survey=results,
        service=served,
        charts=_draw(view, tasks, results, text),
        title=title or text["title"].format(year=view.year),
        generated=format_day(generated_on, lang),
        generated_iso=generated_on.isoformat(),
        version=__version__,
    )


def _draw(
    view: RoundView,
    tasks: MonitoringView | None,
    survey: SurveyView | None,
    text: Mapping[str, str],
) -> dict[str, Any]:
    """Every chart of the page, as inline SVG (marked safe for the template)."""
    from markupsafe import Markup  # noqa: PLC0415 - installed with jinja2

    charts: dict[str, Any] = {}
    grey = "#b0b7c0"
    featured = view.featured
    if featured:
        charts["bars"] = _charts.index_bars(
            [f"{v.rank}. {v.label}" for v in featured],
            [float(v.index) for v in featured],
            [v.band.colour if v.band else grey for v in featured],
            bands=[(f"{b.code} · {b.label}", float(b.min_index), b.colour) for b in view.bands],
            texts=[str(v.index) for v in featured],
            gaps=breaks([v.position for v in featured]),
            xlabel=text["index"],
            alt=text["chart_alt_bars"],
        )
    if view.cards:
        charts["heat"] = _charts.heat_map(
            [f"{c.row.rank}. {c.row.label}" for c in view.cards],
            [f"{code}. {title}" for code, title in view.areas],
            [[a.percent for a in c.areas] for c in view.cards],
            gaps=breaks([c.row.position for c in view.cards]),
            colour_label="%",
            alt=text["chart_alt_heat"],
        )
    moved = view.movement
    if moved is not None and moved.featured:
        charts["move"] = _charts.movement_bars(
            [v.label for v in moved.featured],
            [float(v.movement.index_change) if v.movement else 0.0 for v in moved.featured],
            gaps=moved.gaps,
            xlabel=text["index_change"],
            alt=text["chart_alt_move"],
        )
    if tasks is not None and tasks.agencies:
        charts["tasks"] = _charts.task_status(
            [a.label for a in tasks.agencies],
            [a.counts for a in tasks.agencies],
            [(s.label, s.colour) for s in tasks.statuses],
            xlabel=text["total_tasks"],
            alt=text["chart_alt_tasks"],
        )
    if survey is not None and survey.featured:
        charts["survey"] = _charts.survey_intervals(
            [g.label for g in survey.featured],
            [g.overall for g in survey.featured],
            [g.low for g in survey.featured],
            [g.high for g in survey.featured],
            gaps=survey.gaps,
            xlabel=text["index"],
            alt=text["chart_alt_survey"],
        )
    return {name: Markup(svg) for name, svg in charts.items()}  # noqa: S704 - our own SVG


def write_report(
    path: str | os.PathLike[str],
    framework: Framework,
    ranking: Ranking | TableRanking,
    *,
    generated_on: dt.date,
    previous: Ranking | TableRanking | None = None,
    cards: Sequence[ScoreCard] | None = None,
    assessments: AssessmentRound | Iterable[Assessment] | None = None,
    unit_names: Mapping[str, str] | None = None,
    monitoring: Monitoring | None = None,
    survey: SurveyResults | None = None,
    service: ServiceIndex | None = None,
    title: str | None = None,
    lang: Lang = "vi",
    chart_units: int = 40,
    focus: str | None = None,
) -> None:
    """Build a report (see :func:`build_report`, same arguments) and write it to ``path`` (UTF-8).

    The file is written whole or not at all (a temporary file renamed over it).

    Raises:
        MissingExtraError: jinja2 or matplotlib is not installed.
        ValueError: As :func:`build_report`.
        OSError: The file cannot be written.
    """
    page = build_report(
        framework, ranking, generated_on=generated_on, previous=previous, cards=cards,
        assessments=assessments, unit_names=unit_names, monitoring=monitoring, survey=survey,
        service=service, title=title, lang=lang, chart_units=chart_units, focus=focus,
    )  # fmt: skip
    write_text(Path(path), page)
