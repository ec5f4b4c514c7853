"""Accountability: results attributed to heads by tenure, ratings and emulation by policy.

Reform results are the basis for judging whether heads completed their tasks
(Decision 6734/QĐ-UBND of Hương Sơn, and the provincial and national rules it follows).
This package makes that explicit, with pure functions and explicit dates:

- :func:`attribute` / :func:`attribute_year` — a head post's period split between the
  officials who held it (acting heads included), pro-rated by days, with the vacancy
  stated; shares are exact and sum to 1;
- :func:`recommend` — for each official and agency, the highest rating the policies
  allow, emulation eligibility, every reason with its rule and instrument, and each
  group's quota outcome; :func:`check_accountability` lists every problem first;
- :func:`accountability_report` — per head: tasks gone overdue on their watch, index,
  band, rank, satisfaction, the cap and why (Markdown and records);
- :func:`successor_series` — a successor unit's series across a merger, derived by a
  named method, never merged silently.

Policies are documents (:class:`cchc.documents.policy.Policy`); the built-in ones are
in :mod:`cchc.datasets`. See ``docs/accountability.md``.
"""

from __future__ import annotations

from cchc.accountability._outcome import Recommendation, Recommendations, UnitOutcome
from cchc.accountability._quota import QuotaCandidate, QuotaOutcome, counted_for, places
from cchc.accountability._rules import PointsBreakdown, months_in_days, points_for
from cchc.accountability._values import (
    Attribution,
    Reason,
    Segment,
    Share,
    UnitResult,
)
from cchc.accountability.attribution import (
    accountable_agency,
    attribute,
    attribute_year,
    days_worked,
    head_findings,
    head_tenures,
    results_from_ranking,
)
from cchc.accountability.demo import accountability_summary, huong_son_recommendations
from cchc.accountability.engine import check_accountability, recommend
from cchc.accountability.lineage import (
    DerivedSeries,
    MeanOfPredecessors,
    MergeMethod,
    NamedPredecessor,
    SeriesPoint,
    WeightedPredecessors,
    predecessors_of,
    successor_series,
)
from cchc.accountability.report import (
    AccountabilityReport,
    HeadReport,
    OverdueTask,
    accountability_report,
)
from cchc.errors import AccountabilityError

__all__ = [
    "AccountabilityError",
    "AccountabilityReport",
    "Attribution",
    "DerivedSeries",
    "HeadReport",
    "MeanOfPredecessors",
    "MergeMethod",
    "NamedPredecessor",
    "OverdueTask",
    "PointsBreakdown",
    "QuotaCandidate",
    "QuotaOutcome",
    "Reason",
    "Recommendation",
    "Recommendations",
    "Segment",
    "SeriesPoint",
    "Share",
    "UnitOutcome",
    "UnitResult",
    "WeightedPredecessors",
    "accountability_report",
    "accountability_summary",
    "accountable_agency",
    "attribute",
    "attribute_year",
    "check_accountability",
    "counted_for",
    "days_worked",
    "head_findings",
    "head_tenures",
    "huong_son_recommendations",
    "months_in_days",
    "places",
    "points_for",
    "predecessors_of",
    "recommend",
    "results_from_ranking",
    "successor_series",
]
