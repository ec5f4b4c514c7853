"""The public namespace is a promise: pin it."""

from __future__ import annotations

import cchc
import cchc.documents
import cchc.errors
import cchc.testing.strategies
import cchc.vocabulary

PUBLIC = [
    "AccountabilityError",
    "AdministrativeLevel",
    "AdministrativeUnit",
    "Agency",
    "AgencyKind",
    "AnyDocument",
    "Appraisal",
    "Assessment",
    "AssessmentRound",
    "Band",
    "CalendarError",
    "CalendarOverrides",
    "CchcError",
    "CchcWarning",
    "CheckError",
    "Comparator",
    "CompositeError",
    "DatePhraseError",
    "Document",
    "DossierError",
    "EstimatedHolidayWarning",
    "Finding",
    "Framework",
    "InstrumentKind",
    "InstrumentSymbol",
    "InstrumentSymbolError",
    "LegalInstrument",
    "LineageEvent",
    "LineageLink",
    "LoadError",
    "Measurement",
    "MissingExtraError",
    "MonitoringError",
    "Node",
    "NotFoundError",
    "Objective",
    "Official",
    "Organisation",
    "ParseError",
    "PerformanceRecord",
    "Phase",
    "Plan",
    "Policy",
    "Post",
    "Principle",
    "Programme",
    "ProgressUpdate",
    "Questionnaire",
    "Ranking",
    "RatingLevel",
    "ReformArea",
    "ReportSubmission",
    "ReportingSchedule",
    "Response",
    "ScoreCard",
    "ScoringError",
    "SolutionGroup",
    "SurveyError",
    "SurveyRound",
    "Target",
    "Task",
    "Tenure",
    "UnitKind",
    "UnverifiedFactWarning",
    "VietnamCalendar",
    "__version__",
    "check",
    "datasets",
    "dump",
    "dumps",
    "fold",
    "format_date_phrase",
    "json_schema",
    "label",
    "load",
    "loads",
    "monitor",
    "normalize",
    "parse_date_phrase",
    "parse_instrument",
    "recommend",
    "report_timeliness",
    "score",
    "score_round",
    "survey_results",
]


def test_all_is_pinned_and_sorted() -> None:
    assert cchc.__all__ == PUBLIC
    assert sorted(cchc.__all__) == cchc.__all__


def test_every_public_name_exists() -> None:
    for module in (cchc, cchc.documents, cchc.errors, cchc.vocabulary, cchc.testing.strategies):
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert missing == [], module.__name__


def test_public_objects_are_documented() -> None:
    undocumented = [
        name
        for name in cchc.__all__
        if not name.startswith("__") and not (getattr(cchc, name).__doc__ or "").strip()
    ]
    assert undocumented == []


def test_the_cli_is_not_imported_by_the_core() -> None:
    import subprocess
    import sys

    code = "import sys, cchc; print('cchc.cli' in sys.modules, 'hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_every_error_is_also_a_builtin() -> None:
    concrete = [
        cchc.ParseError,
        cchc.InstrumentSymbolError,
        cchc.DatePhraseError,
        cchc.LoadError,
        cchc.CheckError,
        cchc.NotFoundError,
        cchc.MissingExtraError,
        cchc.ScoringError,
        cchc.CalendarError,
        cchc.SurveyError,
        cchc.MonitoringError,
        cchc.AccountabilityError,
        cchc.CompositeError,
        cchc.DossierError,
    ]
    for error in concrete:
        assert issubclass(error, cchc.CchcError)
        assert any(base in error.__mro__ for base in (ValueError, LookupError, ImportError)), error
    assert issubclass(cchc.UnverifiedFactWarning, cchc.CchcWarning)
    assert issubclass(cchc.EstimatedHolidayWarning, cchc.CchcWarning)
    assert issubclass(cchc.CchcWarning, UserWarning)


def test_the_spreadsheets_api_is_pinned_and_openpyxl_loads_only_when_used() -> None:
    import subprocess
    import sys

    import cchc.spreadsheets

    assert cchc.spreadsheets.__all__ == [
        "NO", "NOT_ANSWERED", "NOT_APPLICABLE", "NOT_DONE", "PLAN_SHEET", "SHEET",
        "SURVEY_SHEET", "YES", "read_plan_updates", "read_responses", "read_round",
        "write_plan_template", "write_responses_template", "write_template",
    ]  # fmt: skip
    assert all(hasattr(cchc.spreadsheets, name) for name in cchc.spreadsheets.__all__)
    code = "import sys, cchc.spreadsheets; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
