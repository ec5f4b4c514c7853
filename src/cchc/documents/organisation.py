"""Administrative units with their lineage, agencies, officials, posts and tenures.

Dates follow one convention: ``valid_from``/``start`` is the first day something
holds, ``valid_to``/``end`` the first day it no longer holds (exclusive). A district
dissolved on 2025-07-01 has ``valid_to = 2025-07-01``, the same day its successors'
links take effect.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import model_validator

from cchc.documents._types import Code, Day, Document, DocumentPart, Symbol, Text, describe
from cchc.vocabulary import AdministrativeLevel, AgencyKind, LineageEvent, UnitKind

__all__ = [
    "AdministrativeUnit",
    "Agency",
    "LineageLink",
    "Official",
    "Organisation",
    "Post",
    "Tenure",
]


def _check_interval(start: dt.date | None, end: dt.date | None, what: str) -> None:
    if start is not None and end is not None and end <= start:
        raise ValueError(f"{what} ends on {end}, not after it starts on {start}")


class LineageLink(DocumentPart):
    """A link from a unit to a predecessor or successor."""

    unit: Code = describe("Unit", "Code of the linked unit.", "đơn vị hành chính liên quan")
    event: LineageEvent = describe("Event", "What happened.", "hình thức sắp xếp")
    effective_on: Day = describe("Effective on", "Day the change took effect.", "ngày có hiệu lực")
    instrument: Symbol | None = describe(
        "Instrument", "Symbol of the instrument that made the change.", "văn bản", default=None
    )


class AdministrativeUnit(Document):
    """An administrative unit (đơn vị hành chính): a province, a district, a commune…."""

    type: Literal["unit"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="unit",
    )
    code: Code = describe("Code", "Stable identifier.", "mã đơn vị")
    name_vi: Text = describe("Name", "Name in Vietnamese, with its kind.", "tên đơn vị")
    name_en: Text | None = describe(
        "Name (English)", "Name in English.", "tên tiếng Anh", default=None
    )
    kind: UnitKind = describe("Kind", "Kind of unit.", "loại đơn vị hành chính")
    parent: Code | None = describe(
        "Parent", "Code of the unit one level up.", "đơn vị cấp trên", default=None
    )
    official_code: Text | None = describe(
        "Official code",
        "Code in the national list of administrative units, when known.",
        "mã đơn vị hành chính",
        default=None,
    )
    valid_from: Day | None = describe(
        "Valid from",
        "First day the unit existed (None: before records).",
        "ngày thành lập",
        default=None,
    )
    valid_to: Day | None = describe(
        "Valid to",
        "First day the unit no longer existed (exclusive).",
        "ngày chấm dứt",
        default=None,
    )
    predecessors: tuple[LineageLink, ...] = describe(
        "Predecessors", "Units this one came from.", "đơn vị trước sắp xếp", default=()
    )
    successors: tuple[LineageLink, ...] = describe(
        "Successors", "Units this one became.", "đơn vị sau sắp xếp", default=()
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_interval(self.valid_from, self.valid_to, f"unit {self.code}")
        if self.parent == self.code:
            raise ValueError(f"unit {self.code} is its own parent")
        return self

    @property
    def level(self) -> AdministrativeLevel:
        """The level of government, from the unit's kind."""
        return self.kind.level

    @property
    def label_vi(self) -> str:
        """The Vietnamese name."""
        return self.name_vi

    @property
    def label_en(self) -> str:
        """The English name (Vietnamese if none)."""
        return self.name_en or self.name_vi

    def exists_on(self, day: dt.date) -> bool:
        """Whether the unit existed on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


class Agency(Document):
    """An agency of a unit: its People's Committee, a department, a division…."""

    type: Literal["agency"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="agency",
    )
    code: Code = describe("Code", "Stable identifier.", "mã cơ quan")
    name_vi: Text = describe("Name", "Name in Vietnamese.", "tên cơ quan")
    name_en: Text | None = describe(
        "Name (English)", "Name in English.", "tên tiếng Anh", default=None
    )
    kind: AgencyKind = describe("Kind", "Kind of agency.", "loại cơ quan")
    unit: Code = describe(
        "Unit", "Code of the administrative unit it belongs to.", "đơn vị hành chính"
    )
    parent: Code | None = describe(
        "Parent agency", "Code of the agency it reports to.", "cơ quan cấp trên", default=None
    )
    valid_from: Day | None = describe(
        "Valid from", "First day the agency existed.", "ngày thành lập", default=None
    )
    valid_to: Day | None = describe(
        "Valid to", "First day it no longer existed (exclusive).", "ngày chấm dứt", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_interval(self.valid_from, self.valid_to, f"agency {self.code}")
        return self


class Official(Document):
    """A person who holds or held a post (cán bộ, công chức)."""

    type: Literal["official"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="official",
    )
    id: Code = describe("Identifier", "Stable identifier of the person.", "mã cán bộ")
    full_name: Text = describe("Full name", "Name as written in Vietnamese.", "họ và tên")


class Post(Document):
    """A position in an agency, such as the chair of a People's Committee."""

    type: Literal["post"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="post",
    )
    code: Code = describe("Code", "Stable identifier.", "mã chức vụ")
    agency: Code = describe("Agency", "Code of the agency the post belongs to.", "cơ quan")
    title_vi: Text = describe("Title", "Name of the post in Vietnamese.", "chức vụ")
    title_en: Text | None = describe(
        "Title (English)", "Name of the post in English.", "chức vụ (tiếng Anh)", default=None
    )
    is_head: bool = describe(
        "Head of agency",
        "Whether the holder heads the agency (người đứng đầu).",
        "người đứng đầu",
        default=False,
    )


class Tenure(Document):
    """Who held a post, from when to when, and whether as acting holder."""

    type: Literal["tenure"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="tenure",
    )
    official: Code = describe("Official", "Identifier of the person.", "cán bộ")
    post: Code = describe("Post", "Code of the post.", "chức vụ")
    start: Day = describe("Start", "First day in the post.", "ngày bắt đầu")
    end: Day | None = describe(
        "End",
        "First day no longer in the post (exclusive); None while still held.",
        "ngày thôi giữ chức vụ",
        default=None,
    )
    acting: bool = describe(
        "Acting",
        "Held as acting or in charge (quyền, phụ trách).",
        "quyền, phụ trách",
        default=False,
    )
    instrument: Symbol | None = describe(
        "Instrument", "Symbol of the appointment decision.", "quyết định bổ nhiệm", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_interval(self.start, self.end, f"tenure of {self.official} in {self.post}")
        return self

    def overlaps(self, other: Tenure) -> bool:
        """Whether the two tenures share at least one day."""
        self_end = self.end or dt.date.max
        other_end = other.end or dt.date.max
        return self.start < other_end and other.start < self_end


class Organisation(Document):
    """A register of units, agencies, officials, posts and tenures, checked as a whole."""

    type: Literal["organisation"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="organisation",
    )
    code: Code = describe("Code", "Identifier of the register.", "mã")
    units: tuple[AdministrativeUnit, ...] = describe(
        "Units", "Administrative units.", "đơn vị hành chính", default=()
    )
    agencies: tuple[Agency, ...] = describe("Agencies", "Agencies.", "cơ quan", default=())
    officials: tuple[Official, ...] = describe("Officials", "People.", "cán bộ", default=())
    posts: tuple[Post, ...] = describe("Posts", "Posts.", "chức vụ", default=())
    tenures: tuple[Tenure, ...] = describe(
        "Tenures", "Who held which post when.", "thời gian giữ chức vụ", default=()
    )
