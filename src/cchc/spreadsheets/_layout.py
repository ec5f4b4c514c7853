"""Where things sit in a self-assessment workbook, and the words typed into it.

Writer and reader share this module, so that the reader finds exactly what the
writer put: the sheet's name, the rows of the header block, the columns, and the
Vietnamese words that stand for yes, no, not applicable and "not done".
"""

from __future__ import annotations

from cchc.documents import Node
from cchc.documents.rules import (
    BinaryRule,
    CountTiersRule,
    DeductionRule,
    ManualRule,
    SurveyRule,
    TiersRule,
    TimelinessRule,
)
from cchc.errors import MissingExtraError
from cchc.text import normalize
from cchc.vocabulary import Lang

__all__ = [
    "CODE_COLUMN",
    "CODE_ROW",
    "EDITION_ROW",
    "FIRST_ROW",
    "FIRST_UNIT_COLUMN",
    "HEADER_ROW",
    "NAME_ROW",
    "NO",
    "NOT_APPLICABLE",
    "NOT_DONE",
    "SHEET",
    "TITLE_ROW",
    "YEAR_ROW",
    "YES",
    "entry_hint",
    "labels",
    "require_openpyxl",
    "word_key",
]

SHEET = "Tự đánh giá"
"""The name of the one sheet a self-assessment workbook holds."""

YES = "Đạt"
NO = "Không đạt"
NOT_APPLICABLE = "Không áp dụng"
"""Typed in a criterion that does not apply to the unit (read as ``null``)."""
NOT_DONE = "Không thực hiện"
"""Typed in a timeliness criterion whose document was never issued (read as ``"missing"``)."""

TITLE_ROW = 1
EDITION_ROW = 2
YEAR_ROW = 3
CODE_ROW = 4
HEADER_ROW = 6
"""The column headings, and each unit's code above its column."""
NAME_ROW = 7
"""Each unit's name, below its code (blank when not given)."""
FIRST_ROW = 8
"""The first criterion's row; one row per leaf criterion follows, in framework order."""

CODE_COLUMN = 1
FIRST_UNIT_COLUMN = 5
"""Column E: the first unit's inputs; one column per unit follows."""

_LABELS: dict[str, tuple[str, str]] = {
    "edition": ("Văn bản", "Edition"),
    "year": ("Năm đánh giá", "Year assessed"),
    "framework": ("Mã bộ tiêu chí", "Framework code"),
    "code": ("Mã", "Code"),
    "title": ("Tiêu chí", "Criterion"),
    "max": ("Điểm tối đa", "Max points"),
    "entry": ("Cách nhập", "What to enter"),
    "names": ("Tên đơn vị", "Unit name"),
}


def labels(lang: Lang) -> dict[str, str]:
    """The workbook's fixed labels in ``lang``."""
    return {key: vi if lang == "vi" else en for key, (vi, en) in _LABELS.items()}


def entry_hint(leaf: Node, lang: Lang = "vi") -> str:
    """What to type in a leaf's cells, by its rule (``"tỷ lệ từ 0 đến 1"``…)."""
    rule = leaf.rule
    vi: str
    en: str
    if isinstance(rule, BinaryRule):
        vi, en = f"{YES} / {NO}", f"{YES} (yes) / {NO} (no)"
    elif isinstance(rule, TiersRule) and rule.on == "value":
        vi, en = "giá trị (số)", "a value (number)"
    elif isinstance(rule, CountTiersRule | DeductionRule):
        vi, en = "số lần", "a count"
    elif isinstance(rule, TimelinessRule):
        vi = f"ngày (dd/mm/yyyy) hoặc {NOT_DONE}"
        en = f"a date (dd/mm/yyyy) or {NOT_DONE} (not done)"
    elif isinstance(rule, SurveyRule):
        vi, en = "phần trăm 0–100", "a percentage 0–100"
    elif isinstance(rule, ManualRule):
        vi, en = f"điểm 0–{leaf.max_points}", f"points 0–{leaf.max_points}"
    else:  # tiers on a rate, proportional, proportional to a target
        vi, en = "tỷ lệ từ 0 đến 1", "a rate from 0 to 1"
    if leaf.may_be_not_applicable:
        vi += f"; hoặc {NOT_APPLICABLE}"
        en += f"; or {NOT_APPLICABLE} (not applicable)"
    return vi if lang == "vi" else en


def word_key(text: str) -> str:
    """``text`` as compared with the words: NFC, spaces collapsed, case ignored."""
    return normalize(text).casefold()


def require_openpyxl() -> None:
    """Make sure openpyxl can be imported.

    Raises:
        MissingExtraError: openpyxl is not installed (the ``spreadsheet`` extra).
    """
    try:
        import openpyxl  # noqa: F401, PLC0415 - an optional dependency
    except ImportError:
        raise MissingExtraError("spreadsheet", "openpyxl") from None
