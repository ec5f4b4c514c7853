"""Satisfaction surveys: questionnaires, the responses to them, and survey rounds.

A :class:`Questionnaire` says what is asked — factors (yếu tố), items grouped under
them, one ordered answer scale and which answers count as satisfied. A
:class:`Response` is one respondent's answers; a :class:`SurveyRound` is a file of
responses to one questionnaire in one year.

Answers keep apart two kinds of blank:

- **no answer** — the item was put to the respondent, who gave none: the item's
  code maps to ``null`` (:data:`NO_ANSWER` in Python). It counts as *missing*.
- **not asked** — the item's code is absent from ``answers`` (a skip rule, a
  shorter form). It counts nowhere.

>>> from cchc.datasets import sipas_questionnaire
>>> sipas = sipas_questionnaire()
>>> sipas.source, len(sipas.factors), len(sipas.items)
('2640/QĐ-BNV', 5, 22)
>>> [point.value for point in sipas.scale], sipas.satisfied
([1, 2, 3, 4, 5], (4, 5))
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Annotated, Final, Literal, Self, TypeAlias

from pydantic import Field, StrictInt, model_validator

from cchc.documents._types import (
    Code,
    Day,
    Document,
    DocumentPart,
    Symbol,
    Text,
    Titled,
    Year,
    describe,
)
from cchc.errors import NotFoundError
from cchc.vocabulary import LabelledEnum

__all__ = [
    "NO_ANSWER",
    "AnswerValue",
    "Factor",
    "Item",
    "Measure",
    "Questionnaire",
    "RespondentType",
    "Response",
    "ScalePoint",
    "ServiceChannel",
    "SurveyRound",
]

NO_ANSWER: Final = None
"""The answer of a respondent who was asked an item and gave no answer (JSON ``null``)."""

AnswerValue: TypeAlias = StrictInt | None
"""One answer: a value of the questionnaire's scale, or :data:`NO_ANSWER`."""

ScaleValue = Annotated[int, Field(ge=1, le=127)]
"""A scale value: 1 to 127 (0 and -1 mark blanks in :class:`cchc.surveys.ResponseMatrix`)."""


class Measure(LabelledEnum):
    """What an item measures: the three contents of SIPAS (2640/QĐ-BNV)."""

    PERCEPTION = "perception", "Nhận định", "Perception"
    SATISFACTION = "satisfaction", "Sự hài lòng", "Satisfaction"
    EXPECTATION = "expectation", "Sự mong đợi", "Expectation"


class RespondentType(LabelledEnum):
    """Who answers a survey: citizens and organisations (SIPAS), leaders and managers."""

    CITIZEN = "citizen", "Người dân", "Citizen"
    ORGANISATION = "organisation", "Tổ chức", "Organisation"
    LEADER = "leader", "Lãnh đạo, quản lý", "Leader or manager"


class ServiceChannel(LabelledEnum):
    """How the respondent used the service the response is about."""

    IN_PERSON = "in_person", "Trực tiếp", "In person"
    ONLINE = "online", "Trực tuyến", "Online"
    POSTAL = "postal", "Qua dịch vụ bưu chính công ích", "By public postal service"


class Factor(DocumentPart, Titled):
    """A factor (yếu tố) of the questionnaire: the items under it make its index."""

    code: Code = describe("Code", "Identifier within the questionnaire.", "mã yếu tố")
    title_vi: Text = describe("Title", "Title in Vietnamese.", "tên yếu tố")
    title_en: Text | None = describe(
        "Title (English)", "Title in English.", "tên tiếng Anh", default=None
    )
    verified: bool = describe(
        "Verified",
        "False when the factor has not been checked against the source instrument.",
        "đã kiểm chứng",
        default=True,
    )


class Item(DocumentPart):
    """One question (câu hỏi, tiêu chí) answered on the questionnaire's scale."""

    code: Code = describe("Code", "Identifier within the questionnaire.", "mã câu hỏi")
    factor: Code = describe("Factor", "Code of the factor it belongs to.", "yếu tố")
    text_vi: Text = describe("Text", "The question or criterion, in Vietnamese.", "nội dung")
    text_en: Text | None = describe(
        "Text (English)", "English translation.", "bản dịch tiếng Anh", default=None
    )
    measures: Measure = describe(
        "Measures", "What the item measures.", "nội dung đo lường", default=Measure.SATISFACTION
    )
    in_index: bool = describe(
        "In the index",
        "Whether its answers count toward its factor's index and the overall index"
        " (false for, say, a question whose answers are only reported).",
        "tính vào chỉ số",
        default=True,
    )
    verified: bool = describe(
        "Verified",
        "False when the wording has not been checked against the source instrument.",
        "đã kiểm chứng",
        default=True,
    )

    @property
    def label_vi(self) -> str:
        """The Vietnamese text."""
        return self.text_vi

    @property
    def label_en(self) -> str:
        """The English text (Vietnamese if none)."""
        return self.text_en or self.text_vi


class ScalePoint(DocumentPart):
    """One answer of the scale, e.g. ``4`` = *hài lòng* (satisfied)."""

    value: ScaleValue = describe("Value", "Integer stored for this answer.", "giá trị")
    label_vi: Text = describe("Label", "The answer as worded, in Vietnamese.", "mức trả lời")
    label_en: Text = describe(
        "Label (English)", "The answer in English.", "mức trả lời (tiếng Anh)"
    )


class Questionnaire(Document, Titled):
    """A survey instrument: factors, items, one answer scale and what counts as satisfied.

    Raises:
        pydantic.ValidationError: Codes repeat, an item names an unknown factor, the
            scale is not strictly increasing, or a satisfied value is not on the scale.
    """

    type: Literal["questionnaire"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="questionnaire",
    )
    code: Code = describe("Code", "Stable identifier.", "mã phiếu khảo sát")
    title_vi: Text = describe("Title", "Title in Vietnamese.", "tên phiếu khảo sát")
    title_en: Text | None = describe(
        "Title (English)", "Title in English.", "tên tiếng Anh", default=None
    )
    source: Symbol = describe(
        "Source", "Symbol of the instrument that sets the questionnaire.", "văn bản quy định"
    )
    factors: tuple[Factor, ...] = describe(
        "Factors", "Factors, in the instrument's order.", "các yếu tố", min_length=1
    )
    items: tuple[Item, ...] = describe(
        "Items", "Questions, in the questionnaire's order.", "câu hỏi", min_length=1
    )
    scale: tuple[ScalePoint, ...] = describe(
        "Scale",
        "Answers from worst to best; values strictly increasing.",
        "thang đo",
        min_length=2,
    )
    satisfied: tuple[ScaleValue, ...] = describe(
        "Satisfied answers",
        "Scale values that count as satisfied.",
        "mức được tính là hài lòng",
        min_length=1,
    )
    respondent_types: tuple[RespondentType, ...] = describe(
        "Respondent types",
        "Who answers it.",
        "đối tượng khảo sát",
        default=(RespondentType.CITIZEN, RespondentType.ORGANISATION),
        min_length=1,
    )
    verified: bool = describe(
        "Verified",
        "False when the scale, the satisfied answers or the method of computing the"
        " index have not been checked against the source instrument.",
        "đã kiểm chứng",
        default=True,
    )
    note: Text | None = describe(
        "Note", "Remarks, e.g. what could not be verified.", "ghi chú", default=None
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _unique("factor", [f.code for f in self.factors])
        _unique("item", [i.code for i in self.items])
        _unique("respondent type", [t.value for t in self.respondent_types])
        _unique("satisfied value", [str(v) for v in self.satisfied])
        known = {f.code for f in self.factors}
        for item in self.items:
            if item.factor not in known:
                raise ValueError(
                    f"item {item.code} names factor {item.factor!r}, which is not defined"
                )
        values = [p.value for p in self.scale]
        if any(b <= a for a, b in itertools.pairwise(values)):
            raise ValueError(f"scale values must be strictly increasing, not {values}")
        off = [v for v in self.satisfied if v not in values]
        if off:
            raise ValueError(f"satisfied values {off} are not on the scale {values}")
        return self

    @property
    def scale_values(self) -> tuple[int, ...]:
        """The scale's values, worst first."""
        return tuple(p.value for p in self.scale)

    def item(self, code: str) -> Item:
        """The item with this code.

        Raises:
            NotFoundError: There is none.
        """
        for item in self.items:
            if item.code == code:
                return item
        raise NotFoundError("item", code, [i.code for i in self.items][:30])

    def factor(self, code: str) -> Factor:
        """The factor with this code.

        Raises:
            NotFoundError: There is none.
        """
        for factor in self.factors:
            if factor.code == code:
                return factor
        raise NotFoundError("factor", code, [f.code for f in self.factors])

    def items_of(self, factor: str) -> tuple[Item, ...]:
        """The items of one factor, in order (all measures)."""
        return tuple(i for i in self.items if i.factor == factor)


def _unique(what: str, codes: list[str]) -> None:
    repeated = sorted(code for code, count in Counter(codes).items() if count > 1)
    if repeated:
        raise ValueError(f"{what} codes repeat: {', '.join(repeated)}")


Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Response(DocumentPart):
    """One respondent's answers about one unit (and, optionally, one service).

    ``answers`` maps item codes to scale values; ``null`` (:data:`NO_ANSWER`) means the
    respondent was asked and did not answer; an absent code means not asked. Whether
    the values are on the scale and the codes in the questionnaire is checked by
    :func:`cchc.surveys.check_responses`, which sees both.

    >>> Response(respondent="r1", unit="ha-tinh", date="2024-05-02",
    ...          answers={"Q1": 5, "Q2": NO_ANSWER}).answers
    {'Q1': 5, 'Q2': None}
    """

    respondent: Code = describe("Respondent", "Identifier of the respondent.", "mã người trả lời")
    unit: Code = describe("Unit", "Code of the unit or agency served.", "đơn vị được đánh giá")
    service: Code | None = describe(
        "Service",
        "Code of the service or administrative procedure used.",
        "dịch vụ, thủ tục hành chính",
        default=None,
    )
    date: Day = describe("Date", "Day the answers were given.", "ngày khảo sát")
    channel: ServiceChannel | None = describe(
        "Channel", "How the service was used.", "hình thức giao dịch", default=None
    )
    weight: Weight = describe(
        "Design weight",
        "Sampling weight, > 0 (1 in a self-weighting sample).",
        "trọng số",
        default=1.0,
    )
    respondent_type: RespondentType = describe(
        "Respondent type", "Citizen or organisation.", "đối tượng", default=RespondentType.CITIZEN
    )
    answers: dict[Code, AnswerValue] = describe(
        "Answers",
        "Per item code, the scale value given; null: asked, no answer; absent: not asked.",
        "câu trả lời",
    )


class SurveyRound(Document):
    """The responses of one survey round (đợt khảo sát) to one questionnaire."""

    type: Literal["survey-round"] = describe(
        "Document type",
        "Tag that makes the file self-describing.",
        "loại tài liệu",
        default="survey-round",
    )
    code: Code = describe("Code", "Stable identifier.", "mã đợt khảo sát")
    questionnaire: Code = describe(
        "Questionnaire", "Code of the questionnaire answered.", "phiếu khảo sát"
    )
    year: Year = describe("Year", "The year the round measures.", "năm đánh giá")
    title_vi: Text | None = describe("Title", "Title in Vietnamese.", "tên đợt", default=None)
    responses: tuple[Response, ...] = describe(
        "Responses", "The responses, in any order.", "phiếu trả lời", default=()
    )
    note: Text | None = describe("Note", "Remarks.", "ghi chú", default=None)
