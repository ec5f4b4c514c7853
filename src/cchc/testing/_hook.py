"""Hypothesis entry point: teaches ``st.from_type`` to build valid cchc documents.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point declared in cchc's package metadata.

Each class is registered with a deferred strategy that imports
:mod:`cchc.testing.strategies` only when first drawn from. The hook itself imports
nothing of :mod:`cchc.testing`, so any import order works: a program whose first
import is a module of :mod:`cchc.testing` runs this hook from inside that module's own
``import hypothesis``, when the strategies cannot be imported yet.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415

    from cchc import documents  # noqa: PLC0415

    builders: dict[type, Callable[[ModuleType], SearchStrategy[Any]]] = {
        documents.LegalInstrument: lambda cs: cs.instruments(),
        documents.AdministrativeUnit: lambda cs: cs.administrative_units(),
        documents.Agency: lambda cs: cs.agencies(),
        documents.Official: lambda cs: cs.officials(),
        documents.Post: lambda cs: cs.posts(),
        documents.Tenure: lambda cs: cs.tenures(),
        documents.Organisation: lambda cs: cs.organisations(),
        documents.Programme: lambda cs: cs.programmes(),
        documents.SolutionGroup: lambda cs: cs.solution_groups(),
        documents.Target: lambda cs: cs.targets(),
        documents.Framework: lambda cs: cs.frameworks(),
        documents.Assessment: lambda cs: cs.frameworks().flatmap(cs.assessments),
        documents.AssessmentRound: lambda cs: cs.assessment_rounds().map(lambda pair: pair[1]),
        documents.CalendarOverrides: lambda cs: cs.calendar_overrides(),
        documents.ReportingSchedule: lambda cs: cs.reporting_schedules(),
        documents.ReportSubmission: lambda cs: cs.report_submissions(),
        documents.Questionnaire: lambda cs: cs.questionnaires(),
        documents.SurveyRound: lambda cs: cs.survey_rounds(),
        documents.Response: lambda cs: cs.responses(questionnaire=cs.questionnaires()),
        documents.Plan: lambda cs: cs.plans(),
        documents.Task: lambda cs: cs.tasks(),
        documents.ProgressUpdate: lambda cs: cs.progress_updates(),
        documents.Measurement: lambda cs: cs.measurements(),
        documents.PlanAgency: lambda cs: cs.plan_agencies(),
        documents.Policy: lambda cs: cs.policies(),
        documents.PerformanceRecord: lambda cs: cs.performance_records(),
        documents.ProcedureCatalogue: lambda cs: cs.procedure_catalogues(),
        documents.CatalogueProcedure: lambda cs: cs.catalogue_procedures(),
        documents.CatalogueUnit: lambda cs: cs.catalogue_units(),
    }
    for cls, build in builders.items():
        st.register_type_strategy(cls, st.deferred(_lazy(build)))


def _lazy(
    build: Callable[[ModuleType], SearchStrategy[Any]],
) -> Callable[[], SearchStrategy[Any]]:
    def strategy() -> SearchStrategy[Any]:
        from cchc.testing import strategies  # noqa: PLC0415 - only once drawn from

        return build(strategies)

    return strategy
