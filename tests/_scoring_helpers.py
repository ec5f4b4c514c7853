"""Shared by the scoring engine tests: one-area frameworks of given leaves, and assessments."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from cchc import Assessment, Framework


def framework_with(
    *leaves: dict[str, Any], places: int = 2, rounding: str = "half-up"
) -> Framework:
    total = sum((D(leaf["max_points"]) for leaf in leaves), D(0))
    return Framework.model_validate(
        {
            "code": "t",
            "title_vi": "Thử",
            "edition": "1/QĐ-UBND",
            "max_points": total,
            "places": places,
            "rounding": rounding,
            "bands": [
                {"code": "A", "label_vi": "Tốt", "label_en": "Good", "min_index": "90"},
                {"code": "B", "label_vi": "Khá", "label_en": "Fair", "min_index": "70"},
                {"code": "C", "label_vi": "Thấp", "label_en": "Low", "min_index": "0"},
            ],
            "nodes": [
                {"code": "1", "title_vi": "Lĩnh vực", "max_points": total, "children": list(leaves)}
            ],
        }
    )


def leaf(code: str, max_points: str, rule: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "title_vi": f"Tiêu chí {code}",
        "max_points": max_points,
        "rule": rule,
        **extra,
    }


def assess(framework: Framework, unit: str = "u", **fields: Any) -> Assessment:
    return Assessment.model_validate(
        {
            "unit": unit,
            "year": 2024,
            "framework": framework.code,
            "edition": framework.edition,
            **fields,
        }
    )


def two_leaves() -> Framework:
    return framework_with(
        leaf("1.1", "3", {"kind": "proportional"}),
        leaf("1.2", "1", {"kind": "binary"}, may_be_not_applicable=True),
    )
