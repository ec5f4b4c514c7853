"""cchc — typed models, validation and scoring for public administration reform.

cchc models Vietnam's administrative reform (cải cách hành chính, CCHC): the
ten-year programmes that cascade from the national Resolution 76/NQ-CP down to
provinces and districts, their solutions and quantified targets, the legal
instruments they cite, and the units, agencies and heads they hold to account.

>>> import cchc
>>> programme = cchc.datasets.huong_son_programme()
>>> programme.instrument.symbol, programme.start_year, programme.end_year
('6734/QĐ-UBND', 2021, 2030)
>>> cchc.check(*cchc.datasets.cascade(programme))
()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cchc import datasets
    from cchc.accountability import (
        recommend,
    )
    from cchc.calendar import (
        VietnamCalendar,
    )
    from cchc.checks import (
        Finding,
        check,
    )
    from cchc.dates import (
        format_date_phrase,
        parse_date_phrase,
    )
    from cchc.documents import (
        AdministrativeUnit,
        Agency,
        AnyDocument,
        Appraisal,
        Assessment,
        AssessmentRound,
        Band,
        CalendarOverrides,
        Document,
        Framework,
        LegalInstrument,
        LineageLink,
        Measurement,
        Node,
        Objective,
        Official,
        Organisation,
        PerformanceRecord,
        Phase,
        Plan,
        Policy,
        Post,
        Principle,
        Programme,
        ProgressUpdate,
        Questionnaire,
        ReportingSchedule,
        ReportSubmission,
        Response,
        SolutionGroup,
        SurveyRound,
        Target,
        Task,
        Tenure,
    )
    from cchc.errors import (
        AccountabilityError,
        CalendarError,
        CchcError,
        CchcWarning,
        CheckError,
        CompositeError,
        DatePhraseError,
        DossierError,
        EstimatedHolidayWarning,
        InstrumentSymbolError,
        LoadError,
        MissingExtraError,
        MonitoringError,
        NotFoundError,
        ParseError,
        ScoringError,
        SurveyError,
        UnverifiedFactWarning,
    )
    from cchc.io import (
        dump,
        dumps,
        json_schema,
        load,
        loads,
    )
    from cchc.monitoring import (
        monitor,
    )
    from cchc.schedules import (
        report_timeliness,
    )
    from cchc.scoring import (
        Ranking,
        ScoreCard,
        score,
        score_round,
    )
    from cchc.surveys import (
        survey_results,
    )
    from cchc.symbols import (
        InstrumentSymbol,
        parse_instrument,
    )
    from cchc.text import (
        fold,
        normalize,
    )
    from cchc.vocabulary import (
        AdministrativeLevel,
        AgencyKind,
        Comparator,
        InstrumentKind,
        LineageEvent,
        RatingLevel,
        ReformArea,
        UnitKind,
        label,
    )

__version__ = "0.1.0.dev0"

# Public names are imported on first use (PEP 562), so `import cchc` stays as cheap as
# `import pydantic`: the documents' pydantic models are built only when asked for.
_LAZY: dict[str, str] = {
    # cchc.accountability
    "recommend": "cchc.accountability",
    # cchc.calendar
    "VietnamCalendar": "cchc.calendar",
    # cchc.checks
    "Finding": "cchc.checks",
    "check": "cchc.checks",
    # cchc.datasets
    "datasets": "cchc.datasets",
    # cchc.dates
    "format_date_phrase": "cchc.dates",
    "parse_date_phrase": "cchc.dates",
    # cchc.documents
    "AdministrativeUnit": "cchc.documents",
    "Agency": "cchc.documents",
    "AnyDocument": "cchc.documents",
    "Appraisal": "cchc.documents",
    "Assessment": "cchc.documents",
    "AssessmentRound": "cchc.documents",
    "Band": "cchc.documents",
    "CalendarOverrides": "cchc.documents",
    "Document": "cchc.documents",
    "Framework": "cchc.documents",
    "LegalInstrument": "cchc.documents",
    "LineageLink": "cchc.documents",
    "Measurement": "cchc.documents",
    "Node": "cchc.documents",
    "Objective": "cchc.documents",
    "Official": "cchc.documents",
    "Organisation": "cchc.documents",
    "PerformanceRecord": "cchc.documents",
    "Phase": "cchc.documents",
    "Plan": "cchc.documents",
    "Policy": "cchc.documents",
    "Post": "cchc.documents",
    "Principle": "cchc.documents",
    "Programme": "cchc.documents",
    "ProgressUpdate": "cchc.documents",
    "Questionnaire": "cchc.documents",
    "ReportSubmission": "cchc.documents",
    "ReportingSchedule": "cchc.documents",
    "Response": "cchc.documents",
    "SolutionGroup": "cchc.documents",
    "SurveyRound": "cchc.documents",
    "Target": "cchc.documents",
    "Task": "cchc.documents",
    "Tenure": "cchc.documents",
    # cchc.errors
    "AccountabilityError": "cchc.errors",
    "CalendarError": "cchc.errors",
    "CchcError": "cchc.errors",
    "CchcWarning": "cchc.errors",
    "CheckError": "cchc.errors",
    "CompositeError": "cchc.errors",
    "DatePhraseError": "cchc.errors",
    "DossierError": "cchc.errors",
    "EstimatedHolidayWarning": "cchc.errors",
    "InstrumentSymbolError": "cchc.errors",
    "LoadError": "cchc.errors",
    "MissingExtraError": "cchc.errors",
    "MonitoringError": "cchc.errors",
    "NotFoundError": "cchc.errors",
    "ParseError": "cchc.errors",
    "ScoringError": "cchc.errors",
    "SurveyError": "cchc.errors",
    "UnverifiedFactWarning": "cchc.errors",
    # cchc.io
    "dump": "cchc.io",
    "dumps": "cchc.io",
    "json_schema": "cchc.io",
    "load": "cchc.io",
    "loads": "cchc.io",
    # cchc.monitoring
    "monitor": "cchc.monitoring",
    # cchc.schedules
    "report_timeliness": "cchc.schedules",
    # cchc.scoring
    "Ranking": "cchc.scoring",
    "ScoreCard": "cchc.scoring",
    "score": "cchc.scoring",
    "score_round": "cchc.scoring",
    # cchc.surveys
    "survey_results": "cchc.surveys",
    # cchc.symbols
    "InstrumentSymbol": "cchc.symbols",
    "parse_instrument": "cchc.symbols",
    # cchc.text
    "fold": "cchc.text",
    "normalize": "cchc.text",
    # cchc.vocabulary
    "AdministrativeLevel": "cchc.vocabulary",
    "AgencyKind": "cchc.vocabulary",
    "Comparator": "cchc.vocabulary",
    "InstrumentKind": "cchc.vocabulary",
    "LineageEvent": "cchc.vocabulary",
    "RatingLevel": "cchc.vocabulary",
    "ReformArea": "cchc.vocabulary",
    "UnitKind": "cchc.vocabulary",
    "label": "cchc.vocabulary",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'cchc' has no attribute {name!r}")
    module = importlib.import_module(module_name)
    value = module if module_name == f"cchc.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
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
