"""The report's fixed wording, in Vietnamese and English.

Every piece of text the page shows that does not come from the data is here, so a
Vietnamese and an English report differ only by the table they read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cchc.dates import format_date_phrase
from cchc.vocabulary import Lang

__all__ = ["LABELS", "format_day", "words"]

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

LABELS: Mapping[Lang, Mapping[str, str]] = {
    "vi": {
        "html_lang": "vi",
        "title": "Báo cáo kết quả Chỉ số cải cách hành chính năm {year}",
        "framework": "Bộ tiêu chí",
        "edition": "Văn bản",
        "generated": "Lập",
        "illustrative": "Dữ liệu minh họa, không phải kết quả chính thức.",
        "contents": "Nội dung",
        "overview": "Tổng quan",
        "units": "Số đơn vị",
        "mean": "Chỉ số bình quân",
        "median": "Trung vị",
        "highest": "Cao nhất",
        "lowest": "Thấp nhất",
        "bands": "Xếp loại",
        "ranking": "Bảng xếp hạng",
        "rank": "Hạng",
        "unit": "Đơn vị",
        "points": "Điểm",
        "index": "Chỉ số",
        "band": "Xếp loại",
        "movement": "Thay đổi",
        "new": "mới",
        "indices": "Chỉ số theo đơn vị",
        "bar_note": "Biểu đồ thể hiện {shown} đơn vị cao nhất và thấp nhất trong {total} đơn vị"
        "{also}; bảng xếp hạng có đủ các đơn vị.",
        "bar_also": ", cùng {name}",
        "areas": "Điểm theo lĩnh vực",
        "heat_caption": "Tỷ lệ điểm đạt được so với điểm tối đa của lĩnh vực (%); ô xám: không"
        " áp dụng.",
        "heat_note": "Bản đồ nhiệt thể hiện {shown} trong {total} đơn vị.",
        "no_cards": "Không có phiếu điểm chi tiết: truyền cards hoặc assessments để có phần này.",
        "area": "Lĩnh vực",
        "max": "Tối đa",
        "year_over_year": "Thay đổi so với năm trước",
        "moved_up": "Tăng hạng",
        "moved_down": "Giảm hạng",
        "unchanged": "Giữ nguyên",
        "new_units": "Mới tham gia",
        "band_up": "Lên xếp loại",
        "band_down": "Xuống xếp loại",
        "index_change": "Thay đổi chỉ số (điểm)",
        "movement_note": "Biểu đồ thể hiện {shown} đơn vị tăng, giảm nhiều nhất trong {total}"
        " đơn vị.",
        "previous": "Năm trước",
        "cards": "Phiếu điểm đơn vị",
        "cards_note": "Nhấn vào tên đơn vị để xem điểm bị mất và lý do.",
        "cards_shown": "Hiển thị phiếu điểm của {shown} trong {total} đơn vị.",
        "lost": "Điểm bị mất",
        "criterion": "Tiêu chí",
        "lost_points": "Mất",
        "reason": "Lý do",
        "no_losses": "Đạt điểm tối đa ở mọi tiêu chí áp dụng.",
        "not_applicable": "không áp dụng",
        "losses_count": "{count} tiêu chí chưa đạt tối đa",
        "tasks": "Tình hình thực hiện kế hoạch",
        "plan": "Kế hoạch",
        "as_of": "tính đến",
        "total_tasks": "Tổng số nhiệm vụ",
        "done": "Đã hoàn thành",
        "overdue": "Quá hạn",
        "completion": "Tỷ lệ hoàn thành",
        "on_time": "Tỷ lệ đúng hạn",
        "by_agency": "Theo cơ quan chủ trì",
        "agency": "Cơ quan chủ trì",
        "total": "Tổng",
        "overdue_tasks": "Nhiệm vụ quá hạn",
        "code": "Mã",
        "task": "Nhiệm vụ",
        "due": "Hạn",
        "days_late": "Số ngày trễ",
        "progress": "Tiến độ",
        "none": "Không có.",
        "targets": "Chỉ tiêu",
        "requirement": "Yêu cầu",
        "actual": "Số liệu",
        "trajectory": "Lộ trình",
        "status": "Đánh giá",
        "unverified": "chưa kiểm chứng",
        "survey": "Kết quả khảo sát sự hài lòng",
        "responses": "Số phiếu",
        "overall": "Chung",
        "ci": "Khoảng tin cậy {level}",
        "survey_chart": "Chỉ số hài lòng chung và khoảng tin cậy {level}",
        "survey_note": "Biểu đồ thể hiện {shown} trong {total} nhóm.",
        "group": "Nhóm",
        "all_responses": "Tất cả phiếu",
        "footer": "Báo cáo do cchc {version} lập từ dữ liệu được cung cấp. Điểm là số thập phân"
        " chính xác; chỉ số khảo sát là số thực.",
        "chart_alt_bars": "Biểu đồ cột chỉ số của các đơn vị, tô màu theo xếp loại",
        "chart_alt_heat": "Bản đồ nhiệt tỷ lệ điểm theo lĩnh vực của các đơn vị",
        "chart_alt_move": "Biểu đồ thay đổi chỉ số so với năm trước",
        "chart_alt_tasks": "Biểu đồ tình trạng nhiệm vụ theo cơ quan chủ trì",
        "chart_alt_survey": "Biểu đồ chỉ số hài lòng theo nhóm",
        "service": "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)",
        "service_note": "Từ {received} hồ sơ tiếp nhận năm {year}, đánh giá đến ngày 31/12; điểm"
        " các tiêu chí có số liệu trên tổng điểm tối đa của chúng.",
        "province": "Tỉnh",
        "period": "Kỳ",
        "received": "Hồ sơ",
        "service_rates": "Đúng hạn %|Trực tuyến %|Thanh toán trực tuyến %|Số hoá %"
        "|Kết quả điện tử %",
        "service_points": "Điểm",
    },
    "en": {
        "html_lang": "en",
        "title": "Administrative reform index {year}: results",
        "framework": "Framework",
        "edition": "Instrument",
        "generated": "Generated",
        "illustrative": "Illustrative data, not official results.",
        "contents": "Contents",
        "overview": "Overview",
        "units": "Units",
        "mean": "Mean index",
        "median": "Median",
        "highest": "Highest",
        "lowest": "Lowest",
        "bands": "Bands",
        "ranking": "Ranking",
        "rank": "Rank",
        "unit": "Unit",
        "points": "Points",
        "index": "Index",
        "band": "Band",
        "movement": "Change",
        "new": "new",
        "indices": "Index by unit",
        "bar_note": "The chart shows the {shown} highest and lowest of {total} units{also}; the"
        " ranking lists them all.",
        "bar_also": ", and {name}",
        "areas": "Scores by area",
        "heat_caption": "Points obtained as a share of the area's maximum (%); grey: not"
        " applicable.",
        "heat_note": "The heat map shows {shown} of {total} units.",
        "no_cards": "No detailed score cards: pass cards or assessments to get this section.",
        "area": "Area",
        "max": "Max",
        "year_over_year": "Year-over-year movement",
        "moved_up": "Moved up",
        "moved_down": "Moved down",
        "unchanged": "Unchanged",
        "new_units": "New",
        "band_up": "Band up",
        "band_down": "Band down",
        "index_change": "Index change (points)",
        "movement_note": "The chart shows the {shown} largest rises and falls of {total} units.",
        "previous": "Previous",
        "cards": "Unit score cards",
        "cards_note": "Open a unit to see the points it lost and why.",
        "cards_shown": "Score cards of {shown} of {total} units.",
        "lost": "Points lost",
        "criterion": "Criterion",
        "lost_points": "Lost",
        "reason": "Reason",
        "no_losses": "Full points on every applicable criterion.",
        "not_applicable": "not applicable",
        "losses_count": "{count} criteria below their maximum",
        "tasks": "Plan implementation",
        "plan": "Plan",
        "as_of": "as of",
        "total_tasks": "Tasks",
        "done": "Done",
        "overdue": "Overdue",
        "completion": "Completion rate",
        "on_time": "On-time rate",
        "by_agency": "By lead agency",
        "agency": "Lead agency",
        "total": "Total",
        "overdue_tasks": "Overdue tasks",
        "code": "Code",
        "task": "Task",
        "due": "Due",
        "days_late": "Days late",
        "progress": "Progress",
        "none": "None.",
        "targets": "Targets",
        "requirement": "Requirement",
        "actual": "Actual",
        "trajectory": "Trajectory",
        "status": "Status",
        "unverified": "unverified",
        "survey": "Satisfaction survey",
        "responses": "Responses",
        "overall": "Overall",
        "ci": "{level} CI",
        "survey_chart": "Overall satisfaction index with its {level} confidence interval",
        "survey_note": "The chart shows {shown} of {total} groups.",
        "group": "Group",
        "all_responses": "All responses",
        "footer": "Report generated by cchc {version} from the data given. Points are exact"
        " decimals; survey indices are floating-point statistics.",
        "chart_alt_bars": "Bar chart of the units' indices, coloured by band",
        "chart_alt_heat": "Heat map of each unit's share of points by area",
        "chart_alt_move": "Chart of index changes since the previous round",
        "chart_alt_tasks": "Chart of task statuses by lead agency",
        "chart_alt_survey": "Chart of satisfaction indices by group",
        "service": "Service to citizens and businesses (Decision 766/QĐ-TTg)",
        "service_note": "From {received} dossiers received in {year}, judged as of 31 December;"
        " points of the criteria with data, out of their maxima.",
        "province": "Province",
        "period": "Period",
        "received": "Dossiers",
        "service_rates": "On time %|Online %|Paid online %|Digitised %|E-result %",
        "service_points": "Points",
    },
}
"""The report's wording: ``LABELS[lang][key]``, some with ``{placeholders}``."""


def words(lang: Lang) -> Mapping[str, str]:
    """The wording of one language.

    Raises:
        ValueError: ``lang`` is neither ``"vi"`` nor ``"en"``.
    """
    try:
        return LABELS[lang]
    except KeyError:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}") from None


def format_day(day: dt.date, lang: Lang) -> str:
    """A day written out: ``ngày 05 tháng 3 năm 2025`` or ``5 March 2025`` (no locale used).

    >>> format_day(dt.date(2025, 3, 5), "en")
    '5 March 2025'
    """
    if lang == "vi":
        return format_date_phrase(day)
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
