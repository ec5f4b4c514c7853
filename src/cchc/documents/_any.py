"""Every document class, and their tagged union: built when first needed."""

from __future__ import annotations

from typing import Annotated, TypeAlias

from pydantic import Field

from cchc.documents._types import Document
from cchc.documents.assessment import Assessment, AssessmentRound
from cchc.documents.catalogue import ProcedureCatalogue
from cchc.documents.framework import Framework
from cchc.documents.instrument import LegalInstrument
from cchc.documents.organisation import (
    AdministrativeUnit,
    Agency,
    Official,
    Organisation,
    Post,
    Tenure,
)
from cchc.documents.performance import PerformanceRecord
from cchc.documents.plan import Plan
from cchc.documents.policy import Policy
from cchc.documents.programme import Programme
from cchc.documents.reporting import CalendarOverrides, ReportingSchedule, ReportSubmission
from cchc.documents.survey import Questionnaire, SurveyRound

__all__ = ["DOCUMENT_TYPES", "AnyDocument"]

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
    | PerformanceRecord
    | ProcedureCatalogue,
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
    ProcedureCatalogue,
)
"""Every document class, in the order of :data:`AnyDocument`."""
