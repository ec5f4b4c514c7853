"""Assessments: one unit's inputs, self-assessed points and appraisals for one year.

An assessment is kept compact — one plain value per criterion — so that a whole
round of thousands of units loads without a per-cell object graph. The value's
meaning comes from the criterion's rule:

- a rate ("0.9523") or value for ``tiers``, ``proportional``, ``proportional-to-target``;
- a count (``3``) for ``count-tiers`` and ``deduction``;
- yes/no (``true``) for ``binary``;
- a date ("2021-12-20") or ``"missing"`` for ``timeliness``;
- a percentage ("87.25") for ``survey``; points ("1.5") for ``manual``;
- ``null``: the criterion does not apply to this unit (*không áp dụng*).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal, TypeAlias

from pydantic import AfterValidator, Field, StrictBool, StrictInt

from cchc.documents._types import (
    MAX_MAGNITUDE,
    Code,
    Document,
    DocumentPart,
    Number,
    Symbol,
    Text,
    Year,
    bounded,
    describe,
)

__all__ = ["Appraisal", "Assessment", "AssessmentRound", "InputValue"]

Count = Annotated[StrictInt, Field(gt=-(10**MAX_MAGNITUDE), lt=10**MAX_MAGNITUDE)]

InputValue: TypeAlias = (
    StrictBool
    | Count
    | Annotated[Decimal, Field(allow_inf_nan=False)]
    | dt.date
    | Literal["missing"]
    | None
)
"""One criterion's input; see the module notes for which rule takes which. Numbers keep
the bounds of :data:`~cchc.documents._types.Number` (checked on the whole mapping)."""


def _bounded_inputs(inputs: dict[str, InputValue]) -> dict[str, InputValue]:
    """Hold every number of the mapping to the bounds of ``Number``, naming the criterion.

    The bounds are checked here, once the union has chosen, rather than inside it: a
    number the union's ``Number`` member refused would fall through to the ``date``
    member, read as a Unix timestamp (``1E-999999999`` was 1970-01-01). One pass over
    the mapping is also much cheaper than a validator call per value.
    """
    for code, value in inputs.items():
        if isinstance(value, Decimal):
            try:
                inputs[code] = bounded(value)
            except ValueError as error:
                raise ValueError(f"input of {code}: {error}") from None
    return inputs


class Appraisal(DocumentPart):
    """The appraiser's score of one criterion (thẩm định), with the reason for any change."""

    points: Number = describe("Points", "Points the appraiser gives.", "điểm thẩm định", ge=0)
    reason: Text | None = describe(
        "Reason", "Why the self-assessed score was changed.", "lý do điều chỉnh", default=None
    )
    appraiser: Text | None = describe(
        "Appraiser", "Who appraised.", "người/cơ quan thẩm định", default=None
    )


class Assessment(Document):
    """A unit's assessment for one year under one framework edition."""

    type: Literal["assessment"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="assessment",
    )
    unit: Code = describe("Unit", "Code of the assessed unit or agency.", "đơn vị được đánh giá")
    unit_name_vi: Text | None = describe(
        "Unit name", "Name of the unit in Vietnamese.", "tên đơn vị", default=None
    )
    year: Year = describe("Year", "The year assessed.", "năm đánh giá")
    framework: Code = describe("Framework", "Code of the framework.", "bộ tiêu chí")
    edition: Symbol = describe("Edition", "Symbol of the framework's edition.", "văn bản")
    inputs: Annotated[dict[Code, InputValue], AfterValidator(_bounded_inputs)] = describe(
        "Inputs", "Per leaf criterion, its input (null: not applicable).", "số liệu đầu vào"
    )
    self_points: dict[Code, Annotated[Number, Field(ge=0)]] = describe(
        "Self-assessed points",
        "Points the unit gave itself, per leaf.",
        "điểm tự đánh giá",
        default_factory=dict,
    )
    appraisals: dict[Code, Appraisal] = describe(
        "Appraisals",
        "The appraiser's score, per leaf, where there is one.",
        "thẩm định",
        default_factory=dict,
    )
    evidence: dict[Code, tuple[Text, ...]] = describe(
        "Evidence",
        "References to supporting documents, per leaf.",
        "tài liệu kiểm chứng",
        default_factory=dict,
    )

    @property
    def label_vi(self) -> str:
        """``"unit year"``, with the unit's name when known."""
        return f"{self.unit_name_vi or self.unit} ({self.year})"

    @property
    def label_en(self) -> str:
        """Same as :attr:`label_vi`."""
        return self.label_vi


class AssessmentRound(Document):
    """Every unit's assessment for one year under one framework: a round to rank."""

    type: Literal["assessment-round"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="assessment-round",
    )
    code: Code = describe("Code", "Identifier of the round.", "mã đợt đánh giá")
    framework: Code = describe("Framework", "Code of the framework.", "bộ tiêu chí")
    edition: Symbol = describe("Edition", "Symbol of the framework's edition.", "văn bản")
    year: Year = describe("Year", "The year assessed.", "năm đánh giá")
    illustrative: bool = describe(
        "Illustrative", "True for made-up example data.", "minh họa", default=False
    )
    assessments: tuple[Assessment, ...] = describe(
        "Assessments", "One per unit.", "kết quả đánh giá", default=()
    )
