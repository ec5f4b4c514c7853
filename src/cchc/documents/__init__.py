"""The documents cchc reads and writes: pydantic models, frozen, self-describing.

Every document has a ``type`` tag, so a file says what it holds and
:func:`cchc.load` can pick the right model. :data:`AnyDocument` is the tagged
union of them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cchc.documents._any import DOCUMENT_TYPES, AnyDocument
    from cchc.documents._types import Document
    from cchc.documents.assessment import Appraisal, Assessment, AssessmentRound, InputValue
    from cchc.documents.catalogue import CatalogueProcedure, CatalogueUnit, ProcedureCatalogue
    from cchc.documents.framework import Band, Framework, Method, Node
    from cchc.documents.instrument import LegalInstrument
    from cchc.documents.organisation import (
        AdministrativeUnit,
        Agency,
        LineageLink,
        Official,
        Organisation,
        Post,
        Tenure,
    )
    from cchc.documents.performance import ManagedUnit, PerformanceRecord, Product, TargetTally
    from cchc.documents.plan import Measurement, Plan, PlanAgency, ProgressUpdate, Task
    from cchc.documents.policy import Policy, PolicyRule
    from cchc.documents.programme import (
        Objective,
        Phase,
        Principle,
        Programme,
        SolutionGroup,
        Target,
    )
    from cchc.documents.reporting import (
        CalendarOverrides,
        DayOfLastMonth,
        DayOverride,
        DaysAfterPeriod,
        DueRule,
        FixedDate,
        ReportFrequency,
        ReportingSchedule,
        ReportSubmission,
    )
    from cchc.documents.rules import (
        BinaryRule,
        CountTier,
        CountTiersRule,
        DeductionRule,
        ManualRule,
        ProportionalRule,
        Rule,
        SurveyRule,
        TargetRule,
        Tier,
        TiersRule,
        TimelinessRule,
    )
    from cchc.documents.survey import Questionnaire, Response, SurveyRound

__all__ = [
    "DOCUMENT_TYPES",
    "AdministrativeUnit",
    "Agency",
    "AnyDocument",
    "Appraisal",
    "Assessment",
    "AssessmentRound",
    "Band",
    "BinaryRule",
    "CalendarOverrides",
    "CatalogueProcedure",
    "CatalogueUnit",
    "CountTier",
    "CountTiersRule",
    "DayOfLastMonth",
    "DayOverride",
    "DaysAfterPeriod",
    "DeductionRule",
    "Document",
    "DueRule",
    "FixedDate",
    "Framework",
    "InputValue",
    "LegalInstrument",
    "LineageLink",
    "ManagedUnit",
    "ManualRule",
    "Measurement",
    "Method",
    "Node",
    "Objective",
    "Official",
    "Organisation",
    "PerformanceRecord",
    "Phase",
    "Plan",
    "PlanAgency",
    "Policy",
    "PolicyRule",
    "Post",
    "Principle",
    "ProcedureCatalogue",
    "Product",
    "Programme",
    "ProgressUpdate",
    "ProportionalRule",
    "Questionnaire",
    "ReportFrequency",
    "ReportSubmission",
    "ReportingSchedule",
    "Response",
    "Rule",
    "SolutionGroup",
    "SurveyRound",
    "SurveyRule",
    "Target",
    "TargetRule",
    "TargetTally",
    "Task",
    "Tenure",
    "Tier",
    "TiersRule",
    "TimelinessRule",
]

# Each name is imported from its module on first use (PEP 562): a command that reads a
# framework does not build the models of plans, policies and surveys.
_WHERE: dict[str, str] = {
    "AdministrativeUnit": "organisation",
    "Agency": "organisation",
    "Appraisal": "assessment",
    "Assessment": "assessment",
    "AssessmentRound": "assessment",
    "Band": "framework",
    "BinaryRule": "rules",
    "CalendarOverrides": "reporting",
    "CatalogueProcedure": "catalogue",
    "CatalogueUnit": "catalogue",
    "CountTier": "rules",
    "CountTiersRule": "rules",
    "DayOfLastMonth": "reporting",
    "DayOverride": "reporting",
    "DaysAfterPeriod": "reporting",
    "DeductionRule": "rules",
    "Document": "_types",
    "DueRule": "reporting",
    "FixedDate": "reporting",
    "Framework": "framework",
    "InputValue": "assessment",
    "LegalInstrument": "instrument",
    "LineageLink": "organisation",
    "ManagedUnit": "performance",
    "ManualRule": "rules",
    "Measurement": "plan",
    "Method": "framework",
    "Node": "framework",
    "Objective": "programme",
    "Official": "organisation",
    "Organisation": "organisation",
    "PerformanceRecord": "performance",
    "Phase": "programme",
    "Plan": "plan",
    "PlanAgency": "plan",
    "Policy": "policy",
    "PolicyRule": "policy",
    "Post": "organisation",
    "Principle": "programme",
    "ProcedureCatalogue": "catalogue",
    "Product": "performance",
    "Programme": "programme",
    "ProgressUpdate": "plan",
    "ProportionalRule": "rules",
    "Questionnaire": "survey",
    "ReportFrequency": "reporting",
    "ReportSubmission": "reporting",
    "ReportingSchedule": "reporting",
    "Response": "survey",
    "Rule": "rules",
    "SolutionGroup": "programme",
    "SurveyRound": "survey",
    "SurveyRule": "rules",
    "Target": "programme",
    "TargetRule": "rules",
    "TargetTally": "performance",
    "Task": "plan",
    "Tenure": "organisation",
    "Tier": "rules",
    "TiersRule": "rules",
    "TimelinessRule": "rules",
    "AnyDocument": "_any",
    "DOCUMENT_TYPES": "_any",
}

_TAGS: dict[str, str] = {
    "instrument": "LegalInstrument",
    "unit": "AdministrativeUnit",
    "agency": "Agency",
    "official": "Official",
    "post": "Post",
    "tenure": "Tenure",
    "organisation": "Organisation",
    "programme": "Programme",
    "framework": "Framework",
    "assessment": "Assessment",
    "assessment-round": "AssessmentRound",
    "calendar-overrides": "CalendarOverrides",
    "reporting-schedule": "ReportingSchedule",
    "report-submission": "ReportSubmission",
    "questionnaire": "Questionnaire",
    "survey-round": "SurveyRound",
    "plan": "Plan",
    "policy": "Policy",
    "performance-record": "PerformanceRecord",
    "procedure-catalogue": "ProcedureCatalogue",
}
"""Each document class's name by its ``type`` tag (for loaders: no model is built)."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
