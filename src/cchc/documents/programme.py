"""Reform programmes (chương trình tổng thể CCHC): phases, objectives, solutions, targets.

Periods of programmes and phases are whole calendar years, both ends included:
a 2021–2030 programme has ``start_year=2021`` and ``end_year=2030``.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import model_validator

from cchc.documents._types import (
    Code,
    Document,
    DocumentPart,
    LongText,
    Number,
    Symbol,
    Text,
    Titled,
    Year,
    describe,
)
from cchc.documents.instrument import LegalInstrument
from cchc.errors import NotFoundError
from cchc.vocabulary import AdministrativeLevel, Comparator, ReformArea

__all__ = [
    "Objective",
    "Phase",
    "Principle",
    "Programme",
    "SolutionGroup",
    "Statement",
    "Target",
]


def _check_years(start: int, end: int, what: str) -> None:
    if end < start:
        raise ValueError(f"{what} ends in {end}, before it starts in {start}")


class Phase(DocumentPart):
    """A phase (giai đoạn) of a programme, in whole years."""

    code: Code = describe("Code", "Identifier within the programme.", "mã giai đoạn")
    start_year: Year = describe("Start year", "First year of the phase.", "năm bắt đầu")
    end_year: Year = describe("End year", "Last year of the phase (included).", "năm kết thúc")
    title_vi: Text | None = describe("Title", "Title in Vietnamese.", "tên giai đoạn", default=None)
    title_en: Text | None = describe(
        "Title (English)", "Title in English.", "tên tiếng Anh", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_years(self.start_year, self.end_year, f"phase {self.code}")
        return self


class Statement(DocumentPart):
    """A statement of a programme, with its source and whether it is quoted verbatim."""

    code: Code = describe("Code", "Identifier within the programme.", "mã")
    text_vi: LongText = describe("Text", "The statement in Vietnamese.", "nội dung")
    text_en: LongText | None = describe(
        "Text (English)", "English translation.", "bản dịch tiếng Anh", default=None
    )
    source: Symbol = describe("Source", "Symbol of the instrument that states it.", "nguồn")
    quoted: bool = describe(
        "Quoted",
        "True when text_vi is the instrument's exact wording; false for a faithful summary of it.",
        "trích nguyên văn",
        default=False,
    )


class Objective(Statement):
    """An objective (mục tiêu) stated by the programme."""


class Principle(Statement):
    """A viewpoint or rule the programme lays down (quan điểm), e.g. on accountability."""


class SolutionGroup(DocumentPart, Titled):
    """A group of solutions (nhóm giải pháp), numbered in the programme's order."""

    number: int = describe(
        "Number", "Position in the programme (1-based).", "số thứ tự", ge=1, le=99
    )
    title_vi: Text = describe("Title", "Short title in Vietnamese.", "tên giải pháp")
    title_en: Text | None = describe(
        "Title (English)", "Short title in English.", "tên tiếng Anh", default=None
    )
    description_vi: LongText | None = describe(
        "Description",
        "The solution as written, in Vietnamese.",
        "nội dung giải pháp",
        default=None,
    )
    description_en: LongText | None = describe(
        "Description (English)", "English translation.", "bản dịch tiếng Anh", default=None
    )
    reform_areas: tuple[ReformArea, ...] = describe(
        "Reform areas", "Areas the solution serves (empty: all).", "nội dung CCHC", default=()
    )
    source: Symbol = describe("Source", "Symbol of the instrument that states it.", "nguồn")
    quoted: bool = describe(
        "Quoted",
        "True when the Vietnamese texts are the instrument's exact wording.",
        "trích nguyên văn",
        default=False,
    )


class Target(DocumentPart):
    """A quantified target (chỉ tiêu): indicator, comparator, value, deadline year."""

    code: Code = describe("Code", "Identifier within the programme.", "mã chỉ tiêu")
    indicator_vi: Text = describe("Indicator", "What is measured, in Vietnamese.", "chỉ tiêu")
    indicator_en: Text | None = describe(
        "Indicator (English)", "What is measured, in English.", "chỉ tiêu (tiếng Anh)", default=None
    )
    comparator: Comparator = describe(
        "Comparator", "How the value is compared: >=, <= or =.", "so sánh"
    )
    value: Number = describe("Value", "Target value.", "giá trị mục tiêu")
    unit: Text = describe("Unit", "Unit of the value, e.g. '%' or 'rank'.", "đơn vị tính")
    by_year: Year = describe("By year", "Year by whose end the target applies.", "năm đạt")
    baseline_value: Number | None = describe(
        "Baseline value", "Value at the baseline date.", "giá trị gốc", default=None
    )
    baseline_year: Year | None = describe(
        "Baseline year", "Year of the baseline value.", "năm gốc", default=None
    )
    scope_vi: Text | None = describe(
        "Scope", "Qualifier of what the target covers, in Vietnamese.", "phạm vi", default=None
    )
    scope_en: Text | None = describe(
        "Scope (English)", "Qualifier, in English.", "phạm vi (tiếng Anh)", default=None
    )
    reform_area: ReformArea | None = describe(
        "Reform area", "Area the target belongs to.", "nội dung CCHC", default=None
    )
    source: Symbol = describe("Source", "Symbol of the instrument that sets it.", "nguồn")
    verified: bool = describe(
        "Verified",
        "False when the figure has not been checked against the instrument's text.",
        "đã kiểm chứng",
    )
    note: Text | None = describe(
        "Note", "Remarks, e.g. what could not be verified.", "ghi chú", default=None
    )

    @property
    def requirement(self) -> str:
        """The comparator, value and unit as one phrase, e.g. ``">= 80%"`` or ``"<= 30 hạng"``."""
        unit = self.unit if self.unit == "%" else f" {self.unit}"
        return f"{self.comparator.value} {self.value}{unit}"

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.baseline_value is None) != (self.baseline_year is None):
            raise ValueError("baseline_value and baseline_year go together: give both or neither")
        if self.baseline_year is not None and self.baseline_year > self.by_year:
            raise ValueError(f"baseline_year {self.baseline_year} is after by_year {self.by_year}")
        return self


class Programme(Document, Titled):
    """A reform programme of one level of government, with its phases, solutions and targets."""

    type: Literal["programme"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="programme",
    )
    code: Code = describe("Code", "Stable identifier.", "mã chương trình")
    title_vi: Text = describe("Title", "Title in Vietnamese.", "tên chương trình")
    title_en: Text | None = describe(
        "Title (English)", "Title in English.", "tên tiếng Anh", default=None
    )
    level: AdministrativeLevel = describe("Level", "Level of government.", "cấp hành chính")
    unit: Code = describe("Unit", "Code of the administrative unit it covers.", "đơn vị hành chính")
    unit_name_vi: Text = describe(
        "Unit name", "Name of the unit in Vietnamese.", "tên đơn vị hành chính"
    )
    issuer_vi: Text = describe(
        "Issuing agency", "Agency that issued the programme.", "cơ quan ban hành"
    )
    issuer_en: Text | None = describe(
        "Issuing agency (English)", "In English.", "cơ quan ban hành (tiếng Anh)", default=None
    )
    instrument: LegalInstrument = describe(
        "Instrument", "The instrument that issued it.", "văn bản ban hành"
    )
    start_year: Year = describe("Start year", "First year of the programme.", "năm bắt đầu")
    end_year: Year = describe("End year", "Last year (included).", "năm kết thúc")
    parent: Code | None = describe(
        "Parent programme",
        "Code of the programme of the level above that this one implements.",
        "chương trình cấp trên",
        default=None,
    )
    parent_instrument: Symbol | None = describe(
        "Parent instrument",
        "Symbol of the parent programme's instrument.",
        "văn bản cấp trên",
        default=None,
    )
    phases: tuple[Phase, ...] = describe("Phases", "Phases, in order.", "giai đoạn", default=())
    reform_areas: tuple[ReformArea, ...] = describe(
        "Reform areas", "Reform contents the programme covers.", "nội dung CCHC", default=()
    )
    principles: tuple[Principle, ...] = describe(
        "Principles", "Viewpoints and rules it lays down.", "quan điểm", default=()
    )
    objectives: tuple[Objective, ...] = describe(
        "Objectives", "Objectives.", "mục tiêu", default=()
    )
    solution_groups: tuple[SolutionGroup, ...] = describe(
        "Solution groups", "Solutions, in the programme's order.", "giải pháp", default=()
    )
    targets: tuple[Target, ...] = describe("Targets", "Quantified targets.", "chỉ tiêu", default=())
    related_instruments: tuple[LegalInstrument, ...] = describe(
        "Related instruments",
        "Other instruments the programme's facts cite.",
        "văn bản liên quan",
        default=(),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_years(self.start_year, self.end_year, f"programme {self.code}")
        if self.parent == self.code:
            raise ValueError(f"programme {self.code} is its own parent")
        return self

    @property
    def instruments(self) -> dict[str, LegalInstrument]:
        """The programme's own instrument and its related ones, by symbol."""
        return {i.symbol: i for i in (self.instrument, *self.related_instruments)}

    def solution_group(self, number: int) -> SolutionGroup:
        """The solution group with this number.

        Raises:
            NotFoundError: There is none.
        """
        for group in self.solution_groups:
            if group.number == number:
                return group
        raise NotFoundError(
            "solution group", str(number), [str(g.number) for g in self.solution_groups]
        )
