"""Hypothesis entry point: teaches ``st.from_type`` to build valid cchc documents.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point declared in cchc's package metadata. The hook imports
:mod:`cchc.testing.strategies`, which calls :func:`register` as its last statement.

Registering from the strategies module, not from the hook, keeps either import order
working: when a program imports ``cchc.testing.strategies`` before Hypothesis, that
module's own ``from hypothesis import ...`` runs the hook while the module is still
half-built; the hook's import then finds it in ``sys.modules`` and returns, and the
module registers once it is complete.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    import cchc.testing.strategies  # noqa: F401, PLC0415 - registers at the end of its import


def register() -> None:
    """Register a strategy for every document class with ``st.from_type``."""
    from hypothesis import strategies as st  # noqa: PLC0415

    from cchc import documents  # noqa: PLC0415
    from cchc.testing import strategies as cs  # noqa: PLC0415

    registry: dict[type, st.SearchStrategy[object]] = {
        documents.LegalInstrument: cs.instruments(),
        documents.AdministrativeUnit: cs.administrative_units(),
        documents.Agency: cs.agencies(),
        documents.Official: cs.officials(),
        documents.Post: cs.posts(),
        documents.Tenure: cs.tenures(),
        documents.Organisation: cs.organisations(),
        documents.Programme: cs.programmes(),
        documents.SolutionGroup: cs.solution_groups(),
        documents.Target: cs.targets(),
        documents.Framework: cs.frameworks(),
        documents.Assessment: cs.frameworks().flatmap(cs.assessments),
        documents.AssessmentRound: cs.assessment_rounds().map(lambda pair: pair[1]),
        documents.CalendarOverrides: cs.calendar_overrides(),
        documents.ReportingSchedule: cs.reporting_schedules(),
        documents.ReportSubmission: cs.report_submissions(),
        documents.Questionnaire: cs.questionnaires(),
        documents.SurveyRound: cs.survey_rounds(),
        documents.Response: cs.responses(questionnaire=cs.questionnaires()),
        documents.Plan: cs.plans(),
        documents.Task: cs.tasks(),
        documents.ProgressUpdate: cs.progress_updates(),
        documents.Measurement: cs.measurements(),
        documents.PlanAgency: cs.plan_agencies(),
        documents.Policy: cs.policies(),
        documents.PerformanceRecord: cs.performance_records(),
    }
    for cls, strategy in registry.items():
        st.register_type_strategy(cls, strategy)
