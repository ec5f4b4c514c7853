"""The CLI's output helpers: aligned tables, Markdown to text, CSV/JSON values, progress."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from cchc.cli._output import (
    json_text,
    markdown_to_text,
    plain,
    records_csv,
    records_markdown,
    records_table,
    text_table,
    width,
)
from cchc.cli._progress import Progress
from cchc.monitoring import TaskStatus


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_width_counts_what_a_terminal_shows() -> None:
    decomposed = "Hoa\u0300 Bi\u0300nh"  # tone marks as combining characters
    assert width(decomposed) == width("Hoà Bình") == 8
    assert width("") == 0


def test_text_table_aligns_vietnamese_and_numbers() -> None:
    table = text_table(
        ["Đơn vị", "Chỉ số"],
        [["Sơn Trà", "91.87"], ["Hoa\u0300 Bi\u0300nh", "9.5"], ["x", "—"]],
    )
    lines = table.splitlines()
    assert lines[1] == "--------  ------"
    assert [width(line) for line in lines[2:]] == [16, 16, 16]
    assert lines[3].endswith("   9.5")  # numbers to the right


def test_text_table_keeps_text_columns_left() -> None:
    lines = text_table(["a", "b"], [["1", "x"], ["22", "yy"]]).splitlines()
    assert lines[2] == " 1  x"
    assert lines[3] == "22  yy"


def test_text_table_without_rows() -> None:
    assert text_table(["code", "title"], []) == "code  title\n----  -----"


def test_markdown_to_text() -> None:
    markdown = "\n".join(
        [
            "## Kế hoạch",
            "",
            "### Tổng hợp",
            "",
            "| Mã | Nhiệm vụ \\| ghi chú |",
            "|---|:---:|",
            "| KH-05 | Rà soát |",
            "",
            "Không có.",
        ]
    )
    assert markdown_to_text(markdown).splitlines() == [
        "Kế hoạch",
        "========",
        "",
        "Tổng hợp",
        "--------",
        "",
        "Mã     Nhiệm vụ | ghi chú",
        "-----  ------------------",
        "KH-05  Rà soát",
        "",
        "Không có.",
    ]


def test_plain_values() -> None:
    value = {
        "points": Decimal("7.50"),
        "day": dt.date(2024, 5, 2),
        "status": TaskStatus.OVERDUE,
        "nan": float("nan"),
        "many": (1, 2.5, None, True),
    }
    assert plain(value) == {
        "points": "7.50",
        "day": "2024-05-02",
        "status": "overdue",
        "nan": None,
        "many": [1, 2.5, None, True],
    }
    assert json.loads(json_text(value))["points"] == "7.50"
    assert "Hương Sơn" in json_text({"name": "Hương Sơn"})  # not \\u-escaped


def test_records_in_csv_markdown_and_table() -> None:
    records = [
        {"unit": "a|b", "index": Decimal("80.00"), "ok": True, "note": None},
        {"unit": "c", "index": Decimal("70.5"), "ok": False},
    ]
    assert records_csv(records) == "unit,index,ok,note\na|b,80.00,true,\nc,70.5,false,\n"
    markdown = records_markdown(records).splitlines()
    assert markdown[2] == "| a\\|b | 80.00 | true |  |"
    table = records_table(records).splitlines()
    assert table[0].split() == ["unit", "index", "ok", "note"]
    assert table[3].startswith("c    ")


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(10, "x", stream=stream) as bar:
        for _ in bar.iterate(range(10)):
            pass
    assert stream.getvalue() == ""


def test_progress_waits_before_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Progress, "DELAY", 60.0)
    stream = Terminal()
    with Progress(10, "x", stream=stream) as bar:
        bar.advance(10)
    assert stream.getvalue() == ""


def test_progress_draws_and_wipes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Progress, "DELAY", 0.0)
    monkeypatch.setattr(Progress, "INTERVAL", 0.0)
    stream = Terminal()
    with Progress(4, "Scoring", stream=stream) as bar:
        bar.advance()
        assert stream.getvalue() == "\rScoring " + "█" * 7 + "░" * 21 + " 1/4"
        bar.advance(3)
    frames = stream.getvalue().split("\r")
    assert frames[-3] == "Scoring " + "█" * 28 + " 4/4"
    assert frames[-2] == " " * len(frames[-3])  # wiped…
    assert frames[-1] == ""  # …and back at the start of the line


def test_progress_redraws_at_most_every_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Progress, "DELAY", 0.0)
    monkeypatch.setattr(Progress, "INTERVAL", 60.0)
    stream = Terminal()
    with Progress(1000, "x", stream=stream) as bar:
        for _ in range(1000):
            bar.advance()
    drawn = [frame for frame in stream.getvalue().split("\r") if frame.strip()]
    assert [frame.split()[-1] for frame in drawn] == ["1/1000", "1000/1000"]
