"""The dossier record: its columns, their types and the portal fields they come from.

One row per administrative-procedure dossier (hồ sơ thủ tục hành chính), named after the
fields of the National Public Service Portal's dossier-sync format (Decision 766/QĐ-TTg
data; the names as a provincial system's sync payload gives them, not checked against the
official specification).
"""

from __future__ import annotations

import attrs

__all__ = ["DOSSIER_COLUMNS", "PROBLEMS", "Column", "Problem"]


@attrs.frozen
class Column:
    """A column of the dossier table.

    Attributes:
        name: The column's name in files and tables.
        dtype: Its ibis type (``"int64"``, ``"date"``, ``"boolean"`` …).
        portal_field: The portal's sync field it holds.
        description: What it means, in plain words.
        nullable: Whether a null is allowed (only ``finished_on``: still open).
    """

    name: str
    dtype: str
    portal_field: str
    description: str
    nullable: bool = False


DOSSIER_COLUMNS: tuple[Column, ...] = (
    Column("dossier_id", "int64", "MaHoSo", "dossier id (a string code on the portal)"),
    Column("unit", "string", "DonViXuLy", "the unit that handles the dossier"),
    Column("procedure", "string", "MaTTHC", "the procedure's code"),
    Column("channel", "int8", "KenhThucHien", "1 in person, 2 online, 3 public postal service"),
    Column("received_on", "date", "NgayTiepNhan", "day the dossier was received"),
    Column("due_on", "date", "NgayHenTra", "appointment day: received_on + legal days, working"),
    Column("finished_on", "date", "NgayKetThucXuLy", "processing end; null while open", True),
    Column("supplement_days", "int16", "DanhSachHoSoBoSung",
           "working days the applicant spent supplementing the dossier"),
    Column("supplement_requests", "int8", "DanhSachHoSoBoSung", "supplement requests made"),
    Column("paid_online", "boolean", "DuocThanhToanTrucTuyen", "fee paid online"),
    Column("fee_total", "int64", "DanhSachLePhi", "fees and charges owed, VND (sum of Gia)"),
    Column("digitised", "boolean", "HoSoCoThanhPhanSoHoa", "has digitised parts"),
    Column("e_result", "boolean", "DanhSachGiayToKetQua", "electronic result issued"),
)  # fmt: skip
"""The columns a dossier file must have, in the reference's order. Other columns are not
used in any check or count; they are only carried to the rejected rows."""


@attrs.frozen
class Problem:
    """A reason a dossier is rejected.

    Attributes:
        code: Stable, machine-readable code (the rejected-rows file's ``reason`` column).
        vi: What is wrong, in Vietnamese.
        en: What is wrong, in English.
    """

    code: str
    vi: str
    en: str


PROBLEMS: tuple[Problem, ...] = (
    Problem("missing-value", "thiếu giá trị bắt buộc", "a required value is missing"),
    Problem("bad-value", "giá trị không đọc được theo kiểu của cột",
            "a value cannot be read as its column's type (the column is named)"),
    Problem("duplicate-id", "mã hồ sơ trùng", "the dossier id appears more than once"),
    Problem("unknown-unit", "đơn vị không có trong danh mục", "the unit is not in the catalogue"),
    Problem("unknown-procedure", "thủ tục không có trong danh mục",
            "the procedure is not in the catalogue"),
    Problem("bad-channel", "kênh thực hiện không phải 1, 2 hoặc 3", "the channel is not 1, 2 or 3"),
    Problem("negative-count", "số ngày, số lần bổ sung hoặc lệ phí âm",
            "supplement days, supplement requests or fee is negative"),
    Problem("received-outside-period", "ngày tiếp nhận ngoài kỳ",
            "received outside the year judged"),
    Problem("finished-before-received", "kết thúc trước ngày tiếp nhận",
            "finished before it was received"),
    Problem("finished-after-period", "kết thúc sau ngày chốt số liệu",
            "finished after the end of the period"),
    Problem("due-not-working-day", "ngày hẹn trả không phải ngày làm việc",
            "the due date is not a working day"),
    Problem("due-outside-calendar", "ngày hẹn trả ngoài lịch ngày làm việc",
            "the due date is outside the working-day calendar's years"),
    Problem("due-inconsistent", "ngày hẹn trả không khớp thời hạn giải quyết",
            "the due date is not received_on + the procedure's legal working days"),
)  # fmt: skip
"""Every reason a dossier can be rejected, in the order the ``reason`` column lists them."""
