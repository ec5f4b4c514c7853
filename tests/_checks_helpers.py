"""Builders shared by the cross-record check tests: programmes, a clean register, duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cchc import (
    AdministrativeUnit,
    Agency,
    Finding,
    Official,
    Organisation,
    Post,
    Programme,
    Tenure,
    datasets,
)

HS = "programme:huong-son-2021-2030"
HT = "programme:ha-tinh-2021-2030"
NAT = "programme:vn-par-2021-2030"
ORG = "organisation:ha-tinh-register"


def huong_son(**update: Any) -> Programme:
    return datasets.huong_son_programme().model_copy(update=update)


def ha_tinh(**update: Any) -> Programme:
    return datasets.ha_tinh_programme().model_copy(update=update)


def national(**update: Any) -> Programme:
    return datasets.national_programme().model_copy(update=update)


def only(findings: Sequence[Finding], code: str) -> Finding:
    """The single finding with ``code``, failing if there is not exactly one."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


# --- a small, clean organisation register -------------------------------------------------


def unit(code: str, kind: str, parent: str | None = None, **extra: Any) -> AdministrativeUnit:
    data = {"code": code, "name_vi": f"Đơn vị {code}", "kind": kind, "parent": parent, **extra}
    return AdministrativeUnit.model_validate(data)


def link(code: str, event: str = "merged", day: str = "2025-07-01") -> dict[str, str]:
    return {"unit": code, "event": event, "effective_on": day}


def tenure(official: str, post: str, start: str, end: str | None = None) -> Tenure:
    return Tenure.model_validate({"official": official, "post": post, "start": start, "end": end})


UNITS = (
    unit("vn", "country"),
    unit("ht", "province", "vn"),
    unit("hs", "rural_district", "ht", valid_to="2025-07-01"),
    unit("sn", "commune", "ht", predecessors=[link("hs", "dissolved")]),
)
AGENCIES = (
    Agency.model_validate(
        {
            "code": "ubnd-ht",
            "name_vi": "UBND tỉnh Hà Tĩnh",
            "kind": "peoples_committee",
            "unit": "ht",
        }
    ),
    Agency.model_validate(
        {
            "code": "so-nv",
            "name_vi": "Sở Nội vụ",
            "kind": "department",
            "unit": "ht",
            "parent": "ubnd-ht",
        }
    ),
)
OFFICIALS = tuple(
    Official.model_validate({"id": i, "full_name": name})
    for i, name in (("o1", "Nguyễn Văn A"), ("o2", "Trần Thị B"), ("o3", "Lê Văn C"))
)
POSTS = (
    Post.model_validate(
        {"code": "ct", "agency": "ubnd-ht", "title_vi": "Chủ tịch UBND tỉnh", "is_head": True}
    ),
    Post.model_validate({"code": "gd", "agency": "so-nv", "title_vi": "Giám đốc Sở Nội vụ"}),
)
TENURES = (
    tenure("o1", "ct", "2016-04-01", "2021-07-01"),
    tenure("o2", "ct", "2021-07-01"),
    tenure("o3", "gd", "2020-01-01"),
)
REGISTER = Organisation(
    code="ha-tinh-register",
    units=UNITS,
    agencies=AGENCIES,
    officials=OFFICIALS,
    posts=POSTS,
    tenures=TENURES,
)


def register(**update: Any) -> Organisation:
    return REGISTER.model_copy(update=update)


# --- copies with one item changed or added ------------------------------------------------


def _with_second(items: Sequence[Any], **update: Any) -> tuple[Any, ...]:
    return (items[0], items[1].model_copy(update=update), *items[2:])


def _appended(items: Sequence[Any], **update: Any) -> tuple[Any, ...]:
    return (*items, items[0].model_copy(update=update))


# --- documents with one duplicate code ----------------------------------------------------


def _dup_phases() -> Programme:
    phases = huong_son().phases
    return huong_son(phases=_with_second(phases, code=phases[0].code))


def _dup_units() -> Organisation:
    return register(units=_appended(UNITS, name_vi="Việt Nam"))
