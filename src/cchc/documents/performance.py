"""Performance records: what rating rules need to know about one official or agency in a year.

General points, products assigned and completed (quantity, quality errors, delays),
targets met and exceeded, the units a leader manages and their ratings, violations.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Self

from pydantic import model_validator

from cchc.documents._types import (
    Code,
    Document,
    DocumentPart,
    Number,
    Text,
    Year,
    describe,
)
from cchc.vocabulary import RatingLevel

__all__ = ["ManagedUnit", "PerformanceRecord", "Product", "TargetTally"]


class Product(DocumentPart):
    """A product or piece of work assigned in the year (sản phẩm, công việc), converted."""

    code: Code = describe("Code", "Identifier within the record.", "mã sản phẩm")
    title_vi: Text | None = describe("Title", "What it is.", "tên sản phẩm", default=None)
    weight: Number = describe("Weight", "Converted size (quy đổi); 1 for a standard product.",
                              "hệ số quy đổi", gt=0, default=Decimal(1))  # fmt: skip
    completed: bool = describe("Completed", "Whether it was delivered.", "đã hoàn thành")
    quality_errors: int = describe("Quality errors", "Assessments that found a major error.",
                                   "số lần lỗi chất lượng", ge=0, default=0)  # fmt: skip
    delays: int = describe("Delays", "Times it was late.", "số lần chậm", ge=0, default=0)


class TargetTally(DocumentPart):
    """How many targets (chỉ tiêu, nhiệm vụ) were assigned, met and exceeded."""

    assigned: int = describe("Assigned", "Targets assigned.", "chỉ tiêu được giao", ge=0)
    met: int = describe("Met", "Targets met or exceeded.", "chỉ tiêu hoàn thành", ge=0)
    exceeded: int = describe("Exceeded", "Targets exceeded.", "chỉ tiêu vượt mức", ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.exceeded <= self.met <= self.assigned:
            raise ValueError(f"needs exceeded ≤ met ≤ assigned, got {self.exceeded}, {self.met},"
                             f" {self.assigned}")  # fmt: skip
        return self


class ManagedUnit(DocumentPart):
    """A unit the leader manages directly, with its rating for the year."""

    unit: Code = describe("Unit", "Code of the unit or agency.", "đơn vị")
    rating: RatingLevel = describe("Rating", "Its rating for the year.", "mức xếp loại")


class PerformanceRecord(Document):
    """What the rules need to know about one official or agency in one year."""

    type: Literal["performance-record"] = describe(
        "Document type", "Tag that makes the file self-describing.", "loại tài liệu",
        default="performance-record")  # fmt: skip
    subject: Code = describe("Subject", "Official id or agency code.", "đối tượng đánh giá")
    subject_kind: Literal["official", "agency"] = describe(
        "Subject kind", "An official or an agency.", "loại đối tượng", default="official"
    )
    year: Year = describe("Year", "The rating year.", "năm đánh giá")
    general_points: Number | None = describe("General points", "Points of the general criteria.",
                                             "điểm tiêu chí chung", ge=0, default=None)  # fmt: skip
    products: tuple[Product, ...] = describe("Products", "Products assigned in the year.",
                                             "sản phẩm được giao", default=())  # fmt: skip
    targets: TargetTally | None = describe("Targets", "Targets of the area led (None: unknown).",
                                           "chỉ tiêu", default=None)  # fmt: skip
    managed_units: tuple[ManagedUnit, ...] | None = describe(
        "Managed units", "Units managed directly, rated (None: unknown; empty: none).",
        "đơn vị thuộc quyền quản lý", default=None)  # fmt: skip
    violations: tuple[Code, ...] = describe("Violations", "Codes of listed violations in the year.",
                                            "vi phạm", default=())  # fmt: skip
    days_worked: int | None = describe("Days worked", "In the year (None: from the tenures).",
                                       "số ngày công tác", ge=0, le=366, default=None)  # fmt: skip
    quota_group: Code | None = describe("Quota group", "Group whose quota it counts against.",
                                        "nhóm tính tỷ lệ", default=None)  # fmt: skip
    note: Text | None = describe("Note", "Remarks.", "ghi chú", default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        codes = [p.code for p in self.products]
        if len(set(codes)) < len(codes):
            raise ValueError("product codes appear more than once")
        return self
