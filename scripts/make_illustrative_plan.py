"""Regenerate the illustrative 2022 reform plan of Hương Sơn district.

The plan is made up — NOT the district's real 2022 plan — to exercise plans and
monitoring end to end. Its agencies are the district's divisions of the time, its
tasks follow the six solution groups of Decision 6734/QĐ-UBND and the six reform
contents of Resolution 76/NQ-CP, and its progress updates, measurements and report
submissions are invented so that, as of 14 October 2022, every task status shows up.
Run from the repository root:

    python scripts/make_illustrative_plan.py
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc import datasets, dumps
from cchc.documents.plan import Measurement, Plan, PlanAgency, ProgressUpdate, Task
from cchc.documents.reporting import ReportingSchedule, ReportSubmission
from cchc.monitoring import check_plan
from cchc.vocabulary import AgencyKind, ReformArea

OUT = Path(__file__).resolve().parent.parent / "src" / "cchc" / "datasets" / "data"
D = AgencyKind.DIVISION
AGENCIES = [
    ("hs-ubnd", "Ủy ban nhân dân huyện Hương Sơn", "People's Committee of Hương Sơn district",
     AgencyKind.PEOPLES_COMMITTEE),
    ("hs-noi-vu", "Phòng Nội vụ", "Division of Home Affairs", D),
    ("hs-vp", "Văn phòng HĐND và UBND huyện", "Office of the People's Council and Committee",
     AgencyKind.OFFICE),
    ("hs-tu-phap", "Phòng Tư pháp", "Division of Justice", D),
    ("hs-tc-kh", "Phòng Tài chính - Kế hoạch", "Division of Finance and Planning", D),
    ("hs-vh-tt", "Phòng Văn hóa và Thông tin", "Division of Culture and Information", D),
    ("hs-kt-ht", "Phòng Kinh tế - Hạ tầng", "Division of Economy and Infrastructure", D),
    ("hs-tn-mt", "Phòng Tài nguyên và Môi trường", "Division of Natural Resources and Environment",
     D),
    ("hs-ld-tbxh", "Phòng Lao động - Thương binh và Xã hội",
     "Division of Labour, Invalids and Social Affairs", D),
    ("hs-nn-ptnt", "Phòng Nông nghiệp và Phát triển nông thôn",
     "Division of Agriculture and Rural Development", D),
    ("hs-gd-dt", "Phòng Giáo dục và Đào tạo", "Division of Education and Training", D),
    ("hs-thanh-tra", "Thanh tra huyện", "District Inspectorate", D),
    ("hs-xa-tt", "UBND các xã, thị trấn", "People's Committees of the communes and townships",
     AgencyKind.PEOPLES_COMMITTEE),
]  # fmt: skip

INS, AP, APP = ReformArea.INSTITUTIONS, ReformArea.ADMINISTRATIVE_PROCEDURES, ReformArea.APPARATUS
CS, PF, DG = ReformArea.CIVIL_SERVICE, ReformArea.PUBLIC_FINANCE, ReformArea.DIGITAL_GOVERNMENT


def month(m: int, day: int | None = None) -> dict[str, Any]:
    return {"kind": "month", "year": 2022, "month": m, "day": day}


def quarter(q: int) -> dict[str, Any]:
    return {"kind": "quarter", "year": 2022, "quarter": q}


def on(m: int, d: int) -> dict[str, Any]:
    return {"kind": "date", "date": dt.date(2022, m, d)}


YEAR = {"kind": "year", "year": 2022}
Q_END = ((3, 31), (6, 30), (9, 30))

# code, vi, en, area, group, lead, cooperating, output (vi, en), deadline, updates
# updates: (month, day, percent[, status]); a note and evidence are added to done ones.
TASKS: list[tuple[Any, ...]] = [
    ("KH-01", "Phân công nhiệm vụ CCHC năm 2022 cho các cơ quan, đơn vị",
     "Assign the 2022 reform tasks to agencies", APP, 1, "hs-noi-vu", ["hs-vp"],
     ("Quyết định phân công", "Assignment decision"), month(2), [(1, 28, 50), (2, 21, 100)]),
    ("KH-02", "Tổ chức hội nghị triển khai công tác CCHC năm 2022",
     "Hold the conference launching the 2022 reform work", APP, 1, "hs-vp", ["hs-noi-vu"],
     ("Hội nghị", "Conference"), quarter(1), [(3, 4, 100)]),
    ("KH-03", "Rà soát, sửa đổi Quy chế làm việc của UBND huyện nhiệm kỳ 2021-2026",
     "Revise the working rules of the district People's Committee", INS, 1, "hs-vp",
     ["hs-tu-phap"], ("Quy chế làm việc", "Working rules"), quarter(2),
     [(3, 31, 20), (6, 30, 80), (7, 15, 100)]),
    ("KH-04", "Kiện toàn Tổ công tác giúp việc Ban Chỉ đạo CCHC huyện",
     "Reconstitute the working group of the district reform steering committee", APP, 1,
     "hs-noi-vu", [], ("Quyết định kiện toàn", "Decision"), month(3), [(3, 18, 100)]),
    ("KH-05", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND huyện ban hành",
     "Review and systematise the legal documents issued by the district", INS, 1, "hs-tu-phap",
     ["hs-vp"], ("Báo cáo rà soát", "Review report"), month(9),
     [(3, 31, 20), (6, 30, 50), (9, 30, 80)]),
    ("KH-06", "Tuyên truyền CCHC trên Đài Truyền thanh - Truyền hình và Cổng thông tin huyện",
     "Communicate the reform on district radio, television and web portal", AP, 2, "hs-vh-tt",
     ["hs-noi-vu"], ("Tin, bài, phóng sự", "News items and reports"),
     {"kind": "recurring", "year": 2022, "every": "quarterly"},
     [(3, 31, 25), (6, 30, 50), (9, 30, 75)]),
    ("KH-07", "Tổ chức Cuộc thi tìm hiểu về CCHC năm 2022",
     "Hold the 2022 reform knowledge contest", CS, 2, "hs-noi-vu", ["hs-vh-tt", "hs-gd-dt"],
     ("Cuộc thi", "Contest"), quarter(3), [(6, 30, 30), (9, 30, 90), (10, 5, 100)]),
    ("KH-08", "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa huyện và xã",
     "Post administrative procedures at the district and commune one-stop shops", AP, 2, "hs-vp",
     ["hs-xa-tt"], ("Bảng niêm yết", "Notice boards"), month(4), [(3, 31, 60), (4, 22, 100)]),
    ("KH-09", "Phổ biến, giáo dục pháp luật cho cán bộ, công chức và nhân dân",
     "Legal education for civil servants and residents", INS, 2, "hs-tu-phap", ["hs-xa-tt"],
     ("Hội nghị phổ biến pháp luật", "Legal education sessions"), YEAR,
     [(3, 31, 20), (6, 30, 45), (9, 30, 70)]),
    ("KH-10", "Tuyên truyền dịch vụ công trực tuyến và thanh toán trực tuyến đến người dân",
     "Promote online public services and online payment to residents", DG, 2, "hs-vh-tt",
     ["hs-xa-tt"], ("Tài liệu tuyên truyền", "Leaflets and broadcasts"), on(10, 20),
     [(6, 30, 40), (9, 30, 85)]),
    ("KH-11", "Bố trí kinh phí thực hiện CCHC năm 2022 trong dự toán ngân sách huyện",
     "Budget the 2022 reform work in the district estimates", PF, 3, "hs-tc-kh", [],
     ("Dự toán được giao", "Approved estimates"), month(1), [(1, 25, 100)]),
    ("KH-12", "Thực hiện cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập",
     "Financial autonomy of public service units", PF, 3, "hs-tc-kh", ["hs-gd-dt"],
     ("Phương án tự chủ", "Autonomy schemes"), quarter(4), [(6, 30, 30), (9, 30, 60)]),
    ("KH-13", "Rà soát vị trí việc làm và cơ cấu ngạch công chức",
     "Review job positions and civil service grades", CS, 3, "hs-noi-vu", [],
     ("Đề án vị trí việc làm", "Job position scheme"), quarter(3),
     [(6, 30, 40), (9, 30, 90), (10, 10, 100)]),
    ("KH-14", "Tinh giản biên chế theo Nghị định số 108/2014/NĐ-CP và 113/2018/NĐ-CP",
     "Downsize staff under Decrees 108/2014 and 113/2018", APP, 3, "hs-noi-vu", ["hs-tc-kh"],
     ("Danh sách tinh giản", "Downsizing list"), YEAR, [(6, 30, 50), (9, 30, 70)]),
    ("KH-15", "Tổ chức đoàn học tập kinh nghiệm CCHC ngoài tỉnh",
     "Study visit on reform outside the province", CS, 3, "hs-noi-vu", ["hs-vp"],
     ("Báo cáo kết quả học tập", "Study visit report"), quarter(2), [(3, 31, 0)]),
    ("KH-16", "Quyết toán kinh phí giao tự chủ tại các cơ quan hành chính",
     "Settle the autonomous budgets of administrative agencies", PF, 3, "hs-tc-kh", [],
     ("Báo cáo quyết toán", "Settlement report"), month(11), [(6, 30, 20), (8, 20, 40)]),
    ("KH-17", "Kiểm tra công tác CCHC tại các cơ quan, đơn vị và UBND các xã, thị trấn",
     "Inspect reform work in agencies and communes", CS, 4, "hs-noi-vu",
     ["hs-tu-phap", "hs-vp"], ("Thông báo kết luận kiểm tra", "Inspection conclusions"),
     quarter(4), [(6, 30, 30), (9, 30, 60)]),
    ("KH-18", "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính, đạo đức công vụ",
     "Check administrative discipline and public-service ethics", CS, 4, "hs-thanh-tra",
     ["hs-noi-vu"], ("Báo cáo kiểm tra", "Inspection report"), month(11),
     [(9, 30, 0, "not_started")]),
    ("KH-19", "Đánh giá, xếp loại cán bộ, công chức năm 2022",
     "Rate civil servants for 2022", CS, 4, "hs-noi-vu", [],
     ("Quyết định xếp loại", "Rating decisions"), month(12, 15), [(9, 30, 0)]),
    ("KH-20", "Xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn",
     "Apologise to applicants for late dossiers", AP, 4, "hs-vp", ["hs-xa-tt"],
     ("Phiếu xin lỗi", "Apology slips"), {"kind": "recurring", "year": 2022, "every": "monthly"},
     [(m, 28 if m == 2 else 30, 8 * m) for m in range(1, 10)]),
    ("KH-21", "Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền của UBND huyện",
     "Review and simplify the district's administrative procedures", AP, 4, "hs-vp",
     ["hs-tu-phap", "hs-nn-ptnt"], ("Phương án đơn giản hóa", "Simplification proposals"),
     quarter(3), [(6, 30, 30), (9, 30, 60, "blocked")]),
    ("KH-22", "Tự đánh giá, chấm điểm Chỉ số CCHC năm 2022 của huyện",
     "Self-assess the district's 2022 reform index", APP, 5, "hs-noi-vu", ["hs-vp"],
     ("Báo cáo tự đánh giá", "Self-assessment report"), on(12, 15), []),
    ("KH-23", "Khảo sát sự hài lòng của người dân, tổ chức đối với cơ quan hành chính",
     "Survey satisfaction of residents and organisations", AP, 5, "hs-noi-vu",
     ["hs-vp", "hs-xa-tt"], ("Báo cáo khảo sát", "Survey report"), quarter(4),
     [(6, 30, 10), (9, 30, 40)]),
    ("KH-24", "Xây dựng tiêu chí đánh giá, xếp loại kết quả CCHC của các cơ quan và UBND xã",
     "Criteria to rate the reform results of agencies and communes", APP, 5, "hs-noi-vu", [],
     ("Bộ tiêu chí", "Criteria"), quarter(2), [(3, 31, 50), (6, 20, 100)]),
    ("KH-25", "Đánh giá thời gian giải quyết thủ tục cấp giấy phép xây dựng",
     "Evaluate the time taken to issue building permits", AP, 5, "hs-kt-ht", ["hs-vp"],
     ("Báo cáo đánh giá", "Evaluation report"), month(11), [(6, 30, 25), (9, 30, 55)]),
    ("KH-26", "Nâng cấp Bộ phận Một cửa hiện đại cấp huyện",
     "Upgrade the district's modern one-stop shop", DG, 6, "hs-vp", ["hs-kt-ht", "hs-tc-kh"],
     ("Bộ phận Một cửa hiện đại", "Modern one-stop shop"), quarter(3),
     [(3, 31, 20), (6, 30, 70), (9, 16, 100)]),
    ("KH-27", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
     "Digitise dossiers and results of administrative procedures", DG, 6, "hs-vp", ["hs-xa-tt"],
     ("Hồ sơ số hóa", "Digitised dossiers"), YEAR, [(3, 31, 15), (6, 30, 35), (9, 30, 55)]),
    ("KH-28", "Ứng dụng chữ ký số trong gửi, nhận văn bản điện tử",
     "Use digital signatures for electronic documents", DG, 6, "hs-vh-tt", ["hs-noi-vu"],
     ("Chứng thư số được cấp", "Digital certificates issued"), on(10, 18),
     [(6, 30, 50), (9, 30, 90)]),
    ("KH-29", "Cập nhật dữ liệu đất đai vào cơ sở dữ liệu địa chính",
     "Load land records into the cadastral database", DG, 6, "hs-tn-mt", ["hs-xa-tt"],
     ("Cơ sở dữ liệu địa chính", "Cadastral database"), quarter(3),
     [(3, 31, 10), (6, 30, 30), (9, 30, 45)]),
    ("KH-30", "Cung cấp dịch vụ công trực tuyến mức độ 3, 4 lĩnh vực lao động, người có công",
     "Online services at levels 3 and 4 for labour and social affairs", DG, 6, "hs-ld-tbxh",
     ["hs-vp"], ("Dịch vụ công trực tuyến", "Online services"), month(6),
     [(3, 31, 40), (6, 30, 90), (7, 5, 100)]),
]  # fmt: skip

MEASUREMENTS = {  # national targets (76/NQ-CP) measured in the district; made-up figures
    "portal-integration-2025": ("72.0", "78.5", "81.2"),
    "online-level-3-4-2025": ("38.5", "44.2", "51.0"),
    "online-payment-2025": ("12.0", "14.0", "16.5"),
}
REPORTERS = ["hs-vp", "hs-tu-phap", "hs-tc-kh", "hs-vh-tt", "hs-kt-ht", "hs-tn-mt",
             "hs-ld-tbxh", "hs-nn-ptnt", "hs-gd-dt", "hs-thanh-tra"]  # fmt: skip
# Quarterly reports are due on the 10th of the quarter's last month: (quarter, agency) -> day
# sent, in the last month of the quarter; a missing key is a report never sent.
LATE = {(1, "hs-tn-mt"): 14, (2, "hs-tn-mt"): 17, (2, "hs-kt-ht"): 13, (3, "hs-gd-dt"): 12}
MISSING = {(3, "hs-tn-mt")}


def build() -> Plan:
    agencies = [PlanAgency(code=c, name_vi=vi, name_en=en, kind=k) for c, vi, en, k in AGENCIES]
    tasks, updates = [], []
    for code, vi, en, area, group, lead, coop, output, deadline, progress in TASKS:
        cancelled = code == "KH-15"
        tasks.append(Task.model_validate({
            "code": code, "title_vi": vi, "title_en": en, "reform_area": area,
            "solution_group": group, "lead": lead, "cooperating": coop,
            "output_vi": output[0], "output_en": output[1], "deadline": deadline,
            "cancelled": cancelled, "cancelled_on": dt.date(2022, 5, 16) if cancelled else None,
            "note": "Dừng do điều chỉnh kinh phí" if cancelled else None,
        }))  # fmt: skip
        for m, d, percent, *status in progress:
            done = percent == 100
            updates.append(ProgressUpdate(
                task=code, date=dt.date(2022, m, d), percent=Decimal(percent),
                status=status[0] if status else None,
                note="Vướng mắc do chờ hướng dẫn của tỉnh" if status == ["blocked"] else None,
                evidence=(f"Báo cáo của {lead} ngày {d:02d}/{m:02d}/2022",) if done else (),
            ))  # fmt: skip
    updates.sort(key=lambda u: (u.date, u.task))
    measurements = [
        Measurement(target=target, date=dt.date(2022, m, d), value=Decimal(value),
                    source="Cổng Dịch vụ công tỉnh Hà Tĩnh (số liệu minh họa)")
        for target, values in MEASUREMENTS.items()
        for (m, d), value in zip(Q_END, values, strict=True)
    ]  # fmt: skip
    quarterly = ReportingSchedule.model_validate({
        "code": "hs-cchc-quy", "title_vi": "Báo cáo CCHC quý",
        "title_en": "Quarterly reform report", "frequency": "quarterly",
        "due": {"kind": "day-of-last-month", "day": 10},
    })  # fmt: skip
    submissions = [
        ReportSubmission(schedule="hs-cchc-quy", agency=agency, period=f"2022-Q{q}",
                         submitted_on=dt.date(2022, 3 * q, LATE.get((q, agency), 8)))
        for q in (1, 2, 3)
        for agency in REPORTERS
        if (q, agency) not in MISSING
    ]  # fmt: skip
    return Plan(
        code="huong-son-2022",
        programme="huong-son-2021-2030",
        unit="huong-son",
        year=2022,
        title_vi="Kế hoạch cải cách hành chính năm 2022 của UBND huyện Hương Sơn (minh họa)",
        title_en="Hương Sơn district reform plan 2022 (illustrative)",
        issued_on=dt.date(2021, 12, 28),
        issuing_deadline=dt.date(2021, 12, 31),
        agencies=tuple(agencies),
        tasks=tuple(tasks),
        progress_updates=tuple(updates),
        measurements=tuple(measurements),
        reporting_schedules=(quarterly,),
        reporters=tuple(REPORTERS),
        report_submissions=tuple(submissions),
        illustrative=True,
        note=(
            "Illustrative data, not the district's real 2022 plan: tasks, dates, progress,"
            " figures and reports are made up. The agencies are the district's divisions"
            " before the 2025 reorganisation; the solution groups are those of 6734/QĐ-UBND."
        ),
    )


def main() -> None:
    plan = build()
    problems = check_plan(plan, datasets.cascade(datasets.huong_son_programme()))
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    path = OUT / "huong-son-plan-2022.json"
    path.write_text(dumps(plan), encoding="utf-8")
    print(f"wrote {path} ({len(plan.tasks)} tasks, {len(plan.progress_updates)} updates)")


if __name__ == "__main__":
    main()
