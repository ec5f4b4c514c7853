"""Shared by the survey engine tests: a small questionnaire, responses to it, constants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from cchc.documents.survey import Questionnaire, Response

Z95 = 1.959963984540054
DAY = dt.date(2024, 5, 2)


def _questionnaire(**changes: Any) -> Questionnaire:
    data: dict[str, Any] = {
        "code": "q",
        "title_vi": "Phiếu khảo sát",
        "source": "2640/QĐ-BNV",
        "factors": [
            {"code": "F1", "title_vi": "Yếu tố 1", "title_en": "Factor 1"},
            {"code": "F2", "title_vi": "Yếu tố 2", "title_en": "Factor 2"},
        ],
        "items": [
            {"code": "Q1", "factor": "F1", "text_vi": "Câu 1"},
            {"code": "Q2", "factor": "F1", "text_vi": "Câu 2"},
            {"code": "Q3", "factor": "F2", "text_vi": "Câu 3"},
            {"code": "X", "factor": "F2", "text_vi": "Ghi nhận", "in_index": False},
        ],
        "scale": [
            {"value": v, "label_vi": f"Mức {v}", "label_en": f"Level {v}"} for v in range(1, 6)
        ],
        "satisfied": [4, 5],
    }
    return Questionnaire.model_validate({**data, **changes})


def _responses(*rows: tuple[str, Mapping[str, int | None]], **common: Any) -> list[Response]:
    return [
        Response(respondent=f"r{i}", unit=unit, date=DAY, answers=dict(answers), **common)
        for i, (unit, answers) in enumerate(rows)
    ]


Q = _questionnaire()
ROWS = _responses(
    ("a", {"Q1": 5, "Q2": 4, "Q3": 1, "X": 5}),
    ("a", {"Q1": 2, "Q2": None, "Q3": 4}),
    ("a", {"Q3": None}),
    ("b", {"Q1": 4}),
)
