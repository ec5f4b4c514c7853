"""Shared by the accountability tests: a small register of heads, policies and their rules."""

from __future__ import annotations

from typing import Any

from cchc.documents import Organisation
from cchc.documents.policy import Policy
from cchc.vocabulary import RatingLevel

HTXS, HTT, HT, KHT = RatingLevel.HTXS, RatingLevel.HTT, RatingLevel.HT, RatingLevel.KHT


def register(*tenures: tuple[str, str, str, str | None], **extra: Any) -> Organisation:
    """Communes a and b under district d; tenures are (official, post, start, end)."""
    people = sorted({t[0] for t in tenures})
    data: dict[str, Any] = {
        "code": "t",
        "units": [
            {"code": "d", "name_vi": "Huyện D", "kind": "rural_district", "valid_to": "2025-07-01"},
            {"code": "a", "name_vi": "Xã A", "kind": "commune", "parent": "d"},
            {"code": "b", "name_vi": "Xã B", "kind": "commune", "parent": "d"},
        ],
        "agencies": [
            {"code": "d-ubnd", "name_vi": "UBND huyện D", "kind": "peoples_committee", "unit": "d",
             "valid_to": "2025-07-01"},
            {"code": "a-ubnd", "name_vi": "UBND xã A", "kind": "peoples_committee", "unit": "a",
             "parent": "d-ubnd"},
            {"code": "b-ubnd", "name_vi": "UBND xã B", "kind": "peoples_committee", "unit": "b",
             "parent": "d-ubnd"},
        ],
        "officials": [{"id": p, "full_name": f"Người {p}"} for p in people],
        "posts": [
            {"code": f"{x}-ct", "agency": f"{x}-ubnd", "title_vi": "Chủ tịch", "is_head": True}
            for x in ("d", "a", "b")
        ] + [{"code": "a-pct", "agency": "a-ubnd", "title_vi": "Phó Chủ tịch"}],
        "tenures": [
            {"official": o, "post": p, "start": s, "end": e, "acting": o.endswith("acting")}
            for o, p, s, e in tenures
        ],
    }  # fmt: skip
    data.update(extra)
    return Organisation.model_validate(data)


def policy(*rules: dict[str, Any], code: str = "p") -> Policy:
    return Policy.model_validate(
        {"code": code, "title_vi": "Thử", "instrument": "1/QĐ-UBND",
         "rules": [{"instrument": "1/QĐ-UBND", **r} for r in rules]}
    )  # fmt: skip


CAP = {"kind": "index-thresholds", "code": "cap", "otherwise": "KHT", "thresholds": [
    {"min_index": "90", "rating": "HTXS"}, {"min_index": "80", "rating": "HTT"},
    {"min_index": "50", "rating": "HT"}]}  # fmt: skip
BAR = {"kind": "band-bar", "code": "bar", "band": "D"}
