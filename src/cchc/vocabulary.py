"""The fixed vocabulary of the domain, as enums with Vietnamese and English labels.

Every member's value is a stable English identifier (what JSON files hold); its
labels are data, reached through :func:`label`:

>>> from cchc import ReformArea, label
>>> ReformArea.ADMINISTRATIVE_PROCEDURES.value
'administrative_procedures'
>>> label(ReformArea.ADMINISTRATIVE_PROCEDURES)
'Cải cách thủ tục hành chính'
>>> label(ReformArea.ADMINISTRATIVE_PROCEDURES, lang="en")
'Administrative procedure reform'
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any, Literal, Protocol, Self

__all__ = [
    "AdministrativeLevel",
    "AgencyKind",
    "Comparator",
    "InstrumentKind",
    "Labelled",
    "LabelledEnum",
    "Lang",
    "LineageEvent",
    "RatingLevel",
    "ReformArea",
    "UnitKind",
    "label",
]

Lang = Literal["vi", "en"]
"""A label language: Vietnamese (``"vi"``, the default) or English (``"en"``)."""


class Labelled(Protocol):
    """Anything that has a Vietnamese and an English label."""

    @property
    def label_vi(self) -> str:
        """The Vietnamese label."""
        ...

    @property
    def label_en(self) -> str:
        """The English label."""
        ...


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry ``label_vi`` and ``label_en``.

    Members are declared as ``NAME = "value", "Vietnamese label", "English label"``.
    """

    _value_: str
    label_vi: str
    label_en: str

    if TYPE_CHECKING:
        # Members are declared as (value, label_vi, label_en) tuples; their value is the str.
        @property
        def value(self) -> str:  # noqa: D102
            ...

    else:  # type checkers should see the plain ``Enum(value)`` constructor

        def __new__(cls, value: str, label_vi: str, label_en: str) -> Self:  # noqa: D102
            member = str.__new__(cls, value)
            member._value_ = value
            member.label_vi = label_vi
            member.label_en = label_en
            return member

    def label(self, lang: Lang = "vi") -> str:
        """This member's label in ``lang``."""
        return label(self, lang)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        """Add every member's labels to the JSON Schema, as ``x-labels``."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        schema["x-labels"] = {m.value: {"vi": m.label_vi, "en": m.label_en} for m in cls}
        return schema


def label(value: Labelled, lang: Lang = "vi") -> str:
    """The label of a vocabulary member (or anything with ``label_vi``/``label_en``).

    Args:
        value: An enum member of :mod:`cchc.vocabulary`, or any object with
            ``label_vi`` and ``label_en`` attributes (documents that have titles
            expose them this way too).
        lang: ``"vi"`` (default) or ``"en"``.

    Raises:
        ValueError: ``lang`` is neither ``"vi"`` nor ``"en"``.
        TypeError: ``value`` carries no labels.
    """
    if lang not in ("vi", "en"):
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    try:
        return value.label_vi if lang == "vi" else value.label_en
    except AttributeError:
        raise TypeError(f"{value!r} has no Vietnamese/English labels") from None


class ReformArea(LabelledEnum):
    """Areas of reform: the six contents of Resolution 76/NQ-CP and two index-only areas.

    The first six are the reform contents (nội dung) of 76/NQ-CP; ``DIRECTION`` and
    ``IMPACT`` are areas that the PAR Index frameworks add.
    """

    INSTITUTIONS = "institutions", "Cải cách thể chế", "Institutional reform"
    ADMINISTRATIVE_PROCEDURES = (
        "administrative_procedures",
        "Cải cách thủ tục hành chính",
        "Administrative procedure reform",
    )
    APPARATUS = (
        "apparatus",
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "Reform of the state administrative apparatus",
    )
    CIVIL_SERVICE = "civil_service", "Cải cách chế độ công vụ", "Civil service reform"
    PUBLIC_FINANCE = "public_finance", "Cải cách tài chính công", "Public finance reform"
    DIGITAL_GOVERNMENT = (
        "digital_government",
        "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        "E-government and digital government",
    )
    DIRECTION = (
        "direction",
        "Công tác chỉ đạo, điều hành cải cách hành chính",
        "Direction and management of reform",
    )
    IMPACT = (
        "impact",
        "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
        "Impact of reform on people, organisations and socio-economic development",
    )

    @property
    def is_reform_content(self) -> bool:
        """Whether this is one of the six reform contents of 76/NQ-CP."""
        return self not in (ReformArea.DIRECTION, ReformArea.IMPACT)


DISTRICT_LEVEL_ENDED = dt.date(2025, 7, 1)
"""The district level of government ended on this day (Resolution 202/2025/QH15)."""


class AdministrativeLevel(LabelledEnum):
    """Levels of government (cấp hành chính)."""

    CENTRAL = "central", "Trung ương", "Central"
    PROVINCE = "province", "Cấp tỉnh", "Province"
    DISTRICT = "district", "Cấp huyện", "District"
    COMMUNE = "commune", "Cấp xã", "Commune"

    @property
    def ended_on(self) -> dt.date | None:
        """The first day this level no longer existed, if it has ended.

        >>> AdministrativeLevel.DISTRICT.ended_on
        datetime.date(2025, 7, 1)
        """
        return DISTRICT_LEVEL_ENDED if self is AdministrativeLevel.DISTRICT else None

    def exists_on(self, day: dt.date) -> bool:
        """Whether units of this level existed on ``day``."""
        ended = self.ended_on
        return ended is None or day < ended


class UnitKind(LabelledEnum):
    """Kinds of administrative unit (loại đơn vị hành chính)."""

    COUNTRY = "country", "Quốc gia", "Country"
    PROVINCE = "province", "Tỉnh", "Province"
    CENTRAL_CITY = (
        "central_city",
        "Thành phố trực thuộc trung ương",
        "Centrally governed city",
    )
    RURAL_DISTRICT = "rural_district", "Huyện", "Rural district"
    DISTRICT_TOWN = "district_town", "Thị xã", "District-level town"
    PROVINCIAL_CITY = "provincial_city", "Thành phố thuộc tỉnh", "Provincial city"
    URBAN_DISTRICT = "urban_district", "Quận", "Urban district"
    COMMUNE = "commune", "Xã", "Commune"
    WARD = "ward", "Phường", "Ward"
    TOWNSHIP = "township", "Thị trấn", "Township"
    SPECIAL_ZONE = "special_zone", "Đặc khu", "Special zone"

    @property
    def level(self) -> AdministrativeLevel:
        """The level of government units of this kind belong to."""
        return _KIND_LEVEL[self]


_KIND_LEVEL = {
    UnitKind.COUNTRY: AdministrativeLevel.CENTRAL,
    UnitKind.PROVINCE: AdministrativeLevel.PROVINCE,
    UnitKind.CENTRAL_CITY: AdministrativeLevel.PROVINCE,
    UnitKind.RURAL_DISTRICT: AdministrativeLevel.DISTRICT,
    UnitKind.DISTRICT_TOWN: AdministrativeLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: AdministrativeLevel.DISTRICT,
    UnitKind.URBAN_DISTRICT: AdministrativeLevel.DISTRICT,
    UnitKind.COMMUNE: AdministrativeLevel.COMMUNE,
    UnitKind.WARD: AdministrativeLevel.COMMUNE,
    UnitKind.TOWNSHIP: AdministrativeLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: AdministrativeLevel.COMMUNE,
}


class AgencyKind(LabelledEnum):
    """Kinds of agency (cơ quan, đơn vị) that plans and posts belong to."""

    GOVERNMENT = "government", "Chính phủ", "Government"
    MINISTRY = "ministry", "Bộ, cơ quan ngang bộ", "Ministry or ministry-level agency"
    PEOPLES_COUNCIL = "peoples_council", "Hội đồng nhân dân", "People's Council"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân", "People's Committee"
    DEPARTMENT = "department", "Sở, ban, ngành", "Department"
    DIVISION = "division", "Phòng chuyên môn", "Specialised division"
    OFFICE = "office", "Văn phòng", "Office"
    PUBLIC_SERVICE_UNIT = (
        "public_service_unit",
        "Đơn vị sự nghiệp công lập",
        "Public service unit",
    )
    CENTRAL_AGENCY_IN_PROVINCE = (
        "central_agency_in_province",
        "Cơ quan ngành dọc trung ương đóng trên địa bàn",
        "Central agency based in the province",
    )
    PARTY_COMMITTEE = "party_committee", "Cấp ủy Đảng", "Party committee"
    OTHER = "other", "Khác", "Other"


class LineageEvent(LabelledEnum):
    """How one administrative unit became another (sắp xếp đơn vị hành chính)."""

    MERGED = "merged", "Nhập", "Merged into a new or existing unit"
    SPLIT = "split", "Chia", "Split into several units"
    ADJUSTED = "adjusted", "Điều chỉnh địa giới", "Boundary adjusted"
    RENAMED = "renamed", "Đổi tên", "Renamed"
    RECLASSIFIED = "reclassified", "Chuyển đổi loại đơn vị", "Changed kind (e.g. commune to ward)"
    DISSOLVED = "dissolved", "Giải thể cấp hành chính", "Level of government dissolved"


class InstrumentKind(LabelledEnum):
    """Kinds of legal and administrative instrument (loại văn bản).

    ``abbreviation`` is the kind's short form in a document symbol (Decree 30/2020/NĐ-CP,
    Appendix III), or ``None`` for kinds whose symbols carry no kind marker (laws,
    official letters).
    """

    LAW = "law", "Luật", "Law"
    CODE = "code", "Bộ luật", "Code"
    ORDINANCE = "ordinance", "Pháp lệnh", "Ordinance"
    ORDER = "order", "Lệnh", "Order"
    RESOLUTION = "resolution", "Nghị quyết", "Resolution"
    JOINT_RESOLUTION = "joint_resolution", "Nghị quyết liên tịch", "Joint resolution"
    DECREE = "decree", "Nghị định", "Decree"
    DECISION = "decision", "Quyết định", "Decision"
    DIRECTIVE = "directive", "Chỉ thị", "Directive"
    CIRCULAR = "circular", "Thông tư", "Circular"
    JOINT_CIRCULAR = "joint_circular", "Thông tư liên tịch", "Joint circular"
    PLAN = "plan", "Kế hoạch", "Plan"
    PROGRAMME = "programme", "Chương trình", "Programme"
    SCHEME = "scheme", "Đề án", "Scheme"
    REGULATION = "regulation", "Quy định", "Regulation"
    RULES = "rules", "Quy chế", "Rules"
    CONCLUSION = "conclusion", "Kết luận", "Conclusion"
    NOTICE = "notice", "Thông báo", "Notice"
    GUIDANCE = "guidance", "Hướng dẫn", "Guidance"
    REPORT = "report", "Báo cáo", "Report"
    DISPATCH = "dispatch", "Công điện", "Urgent dispatch"
    OFFICIAL_LETTER = "official_letter", "Công văn", "Official letter"
    CONSOLIDATED_TEXT = "consolidated_text", "Văn bản hợp nhất", "Consolidated text"

    @property
    def abbreviation(self) -> str | None:
        """The kind's marker in a document symbol, e.g. ``"QĐ"``; ``None`` if it has none."""
        return _KIND_ABBREVIATION.get(self)


_KIND_ABBREVIATION = {
    InstrumentKind.ORDER: "L",
    InstrumentKind.RESOLUTION: "NQ",
    InstrumentKind.JOINT_RESOLUTION: "NQLT",
    InstrumentKind.DECREE: "NĐ",
    InstrumentKind.DECISION: "QĐ",
    InstrumentKind.DIRECTIVE: "CT",
    InstrumentKind.CIRCULAR: "TT",
    InstrumentKind.JOINT_CIRCULAR: "TTLT",
    InstrumentKind.PLAN: "KH",
    InstrumentKind.PROGRAMME: "CTr",
    InstrumentKind.SCHEME: "ĐA",
    InstrumentKind.REGULATION: "QyĐ",
    InstrumentKind.RULES: "QC",
    InstrumentKind.CONCLUSION: "KL",
    InstrumentKind.NOTICE: "TB",
    InstrumentKind.GUIDANCE: "HD",
    InstrumentKind.REPORT: "BC",
    InstrumentKind.DISPATCH: "CĐ",
    InstrumentKind.CONSOLIDATED_TEXT: "VBHN",
}


class RatingLevel(LabelledEnum):
    """Rating levels for cadres, civil servants and agencies (mức xếp loại).

    Members compare by merit: ``RatingLevel.HTXS > RatingLevel.HT``.
    """

    HTXS = "HTXS", "Hoàn thành xuất sắc nhiệm vụ", "Excellently completed tasks"
    HTT = "HTT", "Hoàn thành tốt nhiệm vụ", "Well completed tasks"
    HT = "HT", "Hoàn thành nhiệm vụ", "Completed tasks"
    KHT = "KHT", "Không hoàn thành nhiệm vụ", "Did not complete tasks"

    @property
    def rank(self) -> int:
        """3 for HTXS down to 0 for KHT."""
        return _RATING_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RatingLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, RatingLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, RatingLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, RatingLevel):
            return NotImplemented
        return self.rank >= other.rank


_RATING_RANK = {RatingLevel.KHT: 0, RatingLevel.HT: 1, RatingLevel.HTT: 2, RatingLevel.HTXS: 3}


class Comparator(LabelledEnum):
    """How a target's indicator is compared with its value."""

    AT_LEAST = ">=", "Tối thiểu", "At least"
    AT_MOST = "<=", "Tối đa", "At most"
    EQUAL = "=", "Bằng", "Equal to"

    def holds(self, actual: float, target: float) -> bool:
        """Whether ``actual`` meets ``target`` under this comparator.

        >>> Comparator.AT_LEAST.holds(82, 80)
        True
        """
        if self is Comparator.AT_LEAST:
            return actual >= target
        if self is Comparator.AT_MOST:
            return actual <= target
        return actual == target
