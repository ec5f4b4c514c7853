"""The documents cchc reads and writes: pydantic models, frozen, self-describing.

Every document has a ``type`` tag, so a file says what it holds and
:func:`cchc.load` can pick the right model. :data:`AnyDocument` is the tagged
union of them all.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Field

from cchc.documents._types import Document
from cchc.documents.assessment import Appraisal, Assessment, AssessmentRound, InputValue
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

AnyDocument: TypeAlias = Annotated[
    LegalInstrument
    | AdministrativeUnit
    | Agency
    | Official
    | Post
    | Tenure
    | Organisation
    | Programme
    | Framework
    | Assessment
    | AssessmentRound
    | CalendarOverrides
    | ReportingSchedule
    | ReportSubmission
    | Questionnaire
    | SurveyRound
    | Plan
    | Policy
    | PerformanceRecord,
    Field(discriminator="type"),
]
"""Any document a file can hold, told apart by its ``type`` tag."""

DOCUMENT_TYPES: tuple[type[Document], ...] = (
    LegalInstrument,
    AdministrativeUnit,
    Agency,
    Official,
    Post,
    Tenure,
    Organisation,
    Programme,
    Framework,
    Assessment,
    AssessmentRound,
    CalendarOverrides,
    ReportingSchedule,
    ReportSubmission,
    Questionnaire,
    SurveyRound,
    Plan,
    Policy,
    PerformanceRecord,
)
"""Every document class, in the order of :data:`AnyDocument`."""
