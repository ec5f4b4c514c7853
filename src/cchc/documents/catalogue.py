"""The procedure catalogue: what dossier records are judged against (danh mục thủ tục hành chính).

Decision 766/QĐ-TTg scores agencies from the dossiers synchronised to the National Public
Service Portal; each dossier names its procedure (``MaTTHC``) and its handling unit
(``DonViXuLy``). The catalogue says, for every procedure, its legal time limit in working
days (thời hạn giải quyết), whether it bears a fee or charge (có thu phí, lệ phí) and whether
it is offered online (dịch vụ công trực tuyến); and, for every unit, the province it belongs
to. :mod:`cchc.dossiers` refuses a dossier whose procedure or unit the catalogue lacks.

>>> catalogue = ProcedureCatalogue(
...     code="demo",
...     procedures=[{"code": "TT0001", "legal_days": 5, "fee_bearing": True}],
...     units=[{"code": "X0001", "province": "P01"}],
... )
>>> catalogue.procedures[0].online_capable, catalogue.province_of("X0001")
(False, 'P01')
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import model_validator

from cchc.documents._types import Code, Document, DocumentPart, Text, describe
from cchc.errors import NotFoundError

__all__ = ["CatalogueProcedure", "CatalogueUnit", "ProcedureCatalogue"]


class CatalogueProcedure(DocumentPart):
    """One administrative procedure (thủ tục hành chính) of the catalogue."""

    code: Code = describe("Code", "Procedure code, as dossiers give it (MaTTHC).", "mã TTHC")
    title_vi: Text | None = describe(
        "Title", "Name of the procedure, in Vietnamese.", "tên thủ tục", default=None
    )
    legal_days: int = describe(
        "Legal time limit",
        "Working days the law gives to resolve a dossier, counted from the day after receipt.",
        "thời hạn giải quyết (ngày làm việc)",
        ge=0,
        le=1000,
    )
    fee_bearing: bool = describe(
        "Fee-bearing", "Whether the procedure carries a fee or charge.", "có thu phí, lệ phí",
        default=False,
    )  # fmt: skip
    online_capable: bool = describe(
        "Online", "Whether the procedure is offered as an online public service.",
        "dịch vụ công trực tuyến", default=False,
    )  # fmt: skip


class CatalogueUnit(DocumentPart):
    """A unit that handles dossiers (đơn vị xử lý), with its province."""

    code: Code = describe("Code", "Unit code, as dossiers give it (DonViXuLy).", "mã đơn vị")
    name_vi: Text | None = describe(
        "Name", "Name of the unit, in Vietnamese.", "tên đơn vị", default=None
    )
    province: Code = describe(
        "Province", "Code of the province the unit belongs to.", "tỉnh, thành phố"
    )


class ProcedureCatalogue(Document):
    """Procedures and units that dossier records are checked and scored against.

    Codes are unique within ``procedures`` and within ``units``.
    """

    type: Literal["procedure-catalogue"] = describe(
        "Document type", "Tag that makes the file self-describing.", "loại tài liệu",
        default="procedure-catalogue",
    )  # fmt: skip
    code: Code = describe("Code", "Identifier of the catalogue.", "mã danh mục")
    title_vi: Text | None = describe(
        "Title", "What the catalogue covers, in Vietnamese.", "tên danh mục", default=None
    )
    procedures: tuple[CatalogueProcedure, ...] = describe(
        "Procedures", "The administrative procedures.", "danh mục thủ tục hành chính"
    )
    units: tuple[CatalogueUnit, ...] = describe(
        "Units", "The units that handle dossiers.", "đơn vị xử lý hồ sơ"
    )

    @model_validator(mode="after")
    def _unique(self) -> Self:
        for what, codes in (
            ("procedure", [p.code for p in self.procedures]),
            ("unit", [u.code for u in self.units]),
        ):
            seen: set[str] = set()
            for position, code in enumerate(codes):
                if code in seen:
                    raise ValueError(f"{what} {code} appears twice (again at position {position})")
                seen.add(code)
        return self

    def province_of(self, unit: str) -> str:
        """The province of ``unit``.

        Raises:
            NotFoundError: The catalogue has no such unit.
        """
        for item in self.units:
            if item.code == unit:
                return item.province
        raise NotFoundError("unit", unit)
