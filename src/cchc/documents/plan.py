"""Annual reform plans (kế hoạch CCHC năm): agencies, tasks, progress, measurements, reports.

A :class:`Plan` is what a unit issues each year to carry out its programme: tasks with
a reform area, a solution group of the programme, a lead agency, cooperating agencies,
an output and a deadline. Progress updates, measurements of the programme's targets and
periodic report submissions are recorded in the same document as the year goes on.

Deadlines are a tagged union on ``kind`` (:mod:`cchc.documents.deadlines`).
Cross-record rules (leads among the plan's agencies, deadlines in
the plan's year, updates in date order…) are checked by :func:`cchc.monitoring.check_plan`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import model_validator

from cchc.documents._types import (
    Code,
    Day,
    Document,
    DocumentPart,
    Number,
    Percent,
    Symbol,
    Text,
    Titled,
    Year,
    describe,
)
from cchc.documents.deadlines import Deadline
from cchc.documents.reporting import ReportingSchedule, ReportSubmission
from cchc.vocabulary import AgencyKind, LabelledEnum, ReformArea

__all__ = ["Measurement", "Plan", "PlanAgency", "ProgressUpdate", "Task", "UpdateStatus"]


class UpdateStatus(LabelledEnum):
    """What a progress update reports; when omitted it follows from the percentage."""

    NOT_STARTED = "not_started", "Chưa triển khai", "Not started"
    IN_PROGRESS = "in_progress", "Đang thực hiện", "In progress"
    BLOCKED = "blocked", "Gặp vướng mắc", "Blocked"
    DONE = "done", "Đã hoàn thành", "Done"


class PlanAgency(DocumentPart):
    """An agency that leads or cooperates on the plan's tasks."""

    code: Code = describe("Code", "Identifier within the plan.", "mã cơ quan")
    name_vi: Text = describe("Name", "Name in Vietnamese.", "tên cơ quan")
    name_en: Text | None = describe(
        "Name (English)", "Name in English.", "tên tiếng Anh", default=None
    )
    kind: AgencyKind = describe("Kind", "Kind of agency.", "loại cơ quan")

    @property
    def label_vi(self) -> str:
        """The Vietnamese name."""
        return self.name_vi

    @property
    def label_en(self) -> str:
        """The English name (Vietnamese if none)."""
        return self.name_en or self.name_vi


class Task(DocumentPart, Titled):
    """A task of the plan (nhiệm vụ): who leads it, who helps, what it produces, by when."""

    code: Code = describe("Code", "Identifier within the plan.", "mã nhiệm vụ")
    title_vi: Text = describe("Title", "The task in Vietnamese.", "nội dung nhiệm vụ")
    title_en: Text | None = describe(
        "Title (English)", "The task in English.", "nội dung (tiếng Anh)", default=None
    )
    reform_area: ReformArea = describe("Reform area", "Area of reform.", "nội dung CCHC")
    solution_group: int = describe(
        "Solution group", "Number of the programme's solution group it serves.", "nhóm giải pháp",
        ge=1, le=99,
    )  # fmt: skip
    lead: Code = describe("Lead agency", "Code of the agency in charge.", "cơ quan chủ trì")
    cooperating: tuple[Code, ...] = describe(
        "Cooperating agencies", "Codes of the agencies that help.", "cơ quan phối hợp", default=()
    )
    output_vi: Text | None = describe(
        "Output", "What it produces, in Vietnamese.", "sản phẩm", default=None
    )
    output_en: Text | None = describe(
        "Output (English)", "What it produces, in English.", "sản phẩm (tiếng Anh)", default=None
    )
    deadline: Deadline = describe("Deadline", "When it is due.", "thời hạn hoàn thành")
    cancelled: bool = describe(
        "Cancelled", "Withdrawn from the plan.", "dừng thực hiện", default=False
    )
    cancelled_on: Day | None = describe(
        "Cancelled on", "Day it was withdrawn (none: from the start).", "ngày dừng", default=None
    )
    note: Text | None = describe("Note", "Remarks.", "ghi chú", default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.lead in self.cooperating:
            raise ValueError(f"lead agency {self.lead!r} is also listed as cooperating")
        if len(set(self.cooperating)) < len(self.cooperating):
            twice = next(c for c in self.cooperating if self.cooperating.count(c) > 1)
            raise ValueError(f"cooperating agency {twice!r} is listed twice")
        if self.cancelled_on is not None and not self.cancelled:
            raise ValueError("cancelled_on is given but cancelled is false")
        return self

    @property
    def due_on(self) -> dt.date:
        """The last on-time day (for a recurring task, its last occurrence)."""
        return self.deadline.due_on()


class ProgressUpdate(DocumentPart):
    """What was reported about a task on a day: percentage done, status, evidence."""

    task: Code = describe("Task", "Code of the task.", "mã nhiệm vụ")
    date: Day = describe("Date", "Day of the report.", "ngày cập nhật")
    percent: Percent = describe("Percent", "Share done, 0–100.", "tỷ lệ hoàn thành (%)")
    status: UpdateStatus | None = describe(
        "Status",
        "What is reported; none: from the percentage (0 not started, 100 done, else in progress).",
        "tình trạng",
        default=None,
    )
    note: Text | None = describe("Note", "Remarks.", "ghi chú", default=None)
    evidence: tuple[Text, ...] = describe(
        "Evidence", "Symbols or addresses of the documents that prove it.", "tài liệu kiểm chứng",
        default=(),
    )  # fmt: skip

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        status, percent = self.status, self.percent
        if status is UpdateStatus.DONE and percent != 100:
            raise ValueError(f"status done needs percent 100, not {percent}")
        if status is UpdateStatus.NOT_STARTED and percent != 0:
            raise ValueError(f"status not_started needs percent 0, not {percent}")
        if status in (UpdateStatus.IN_PROGRESS, UpdateStatus.BLOCKED) and percent == 100:
            raise ValueError(f"status {status.value} contradicts percent 100")
        return self

    @property
    def state(self) -> UpdateStatus:
        """The status reported, or the one the percentage implies."""
        if self.status is not None:
            return self.status
        if self.percent == 100:
            return UpdateStatus.DONE
        return UpdateStatus.NOT_STARTED if self.percent == 0 else UpdateStatus.IN_PROGRESS


class Measurement(DocumentPart):
    """A value of a programme target's indicator, measured on a day."""

    target: Code = describe("Target", "Code of the programme's target.", "mã chỉ tiêu")
    date: Day = describe("Date", "Day the value refers to.", "ngày số liệu")
    value: Number = describe("Value", "The indicator's value, in the target's unit.", "giá trị")
    source: Text = describe("Source", "Where the figure comes from.", "nguồn số liệu")
    note: Text | None = describe("Note", "Remarks.", "ghi chú", default=None)


class Plan(Document, Titled):
    """A unit's annual reform plan with its tasks and what was reported on them."""

    type: Literal["plan"] = describe(
        "Document type", "Tag that makes the file self-describing.", "loại tài liệu",
        default="plan",
    )  # fmt: skip
    code: Code = describe("Code", "Stable identifier.", "mã kế hoạch")
    programme: Code = describe("Programme", "Code of the programme it implements.", "chương trình")
    unit: Code = describe("Unit", "Code of the administrative unit.", "đơn vị hành chính")
    year: Year = describe("Year", "The year the plan covers.", "năm kế hoạch")
    title_vi: Text = describe("Title", "Title in Vietnamese.", "tên kế hoạch")
    title_en: Text | None = describe(
        "Title (English)", "Title in English.", "tên tiếng Anh", default=None
    )
    instrument: Symbol | None = describe(
        "Instrument", "Symbol of the instrument that issued it.", "số, ký hiệu", default=None
    )
    issued_on: Day = describe("Issued on", "Day it was issued.", "ngày ban hành")
    issuing_deadline: Day | None = describe(
        "Issuing deadline", "Last day it was due to be issued.", "thời hạn ban hành", default=None
    )
    agencies: tuple[PlanAgency, ...] = describe(
        "Agencies", "Agencies that lead or help.", "cơ quan thực hiện", default=()
    )
    tasks: tuple[Task, ...] = describe("Tasks", "The tasks.", "nhiệm vụ", default=())
    progress_updates: tuple[ProgressUpdate, ...] = describe(
        "Progress updates", "What was reported on the tasks.", "tiến độ", default=()
    )
    measurements: tuple[Measurement, ...] = describe(
        "Measurements", "Values of the programme's targets.", "số liệu chỉ tiêu", default=()
    )
    reporting_schedules: tuple[ReportingSchedule, ...] = describe(
        "Reporting schedules", "Periodic reports the agencies owe.", "chế độ báo cáo", default=()
    )
    reporters: tuple[Code, ...] = describe(
        "Reporters", "Agencies that owe each periodic report (none: every agency).",
        "cơ quan báo cáo", default=(),
    )  # fmt: skip
    report_submissions: tuple[ReportSubmission, ...] = describe(
        "Report submissions", "Periodic reports sent.", "báo cáo đã gửi", default=()
    )
    illustrative: bool = describe(
        "Illustrative", "Made-up data for examples, not a real plan.", "dữ liệu minh họa",
        default=False,
    )  # fmt: skip
    note: Text | None = describe("Note", "Remarks, e.g. on sources.", "ghi chú", default=None)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.issued_on.year > self.year:
            raise ValueError(f"issued on {self.issued_on}, after the plan's year {self.year}")
        return self
