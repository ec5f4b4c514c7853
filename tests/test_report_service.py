"""The report's service section: the Decision 766 indicators of a year's dossiers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

pytest.importorskip("jinja2")
pytest.importorskip("ibis")

from _dossiers_helpers import CAL, PROCEDURES, UNITS, YEAR, catalogue, dossier, table
from cchc import datasets
from cchc.dossiers import ServiceIndex, assess_dossiers
from cchc.report import build_report
from cchc.scoring import score_round
from test_report import TagBalance

DAY = dt.date(2026, 1, 15)


def varied(i: int, unit: str, **changes: Any) -> dict[str, Any]:
    """Dossier ``i`` of ``unit``: received in month 3 to 11, half online, a third not digitised."""
    received = dt.date(YEAR, 3 + i % 9, 3)
    return dossier(i, received, unit=unit, channel=1 + i % 2, digitised=i % 3 > 0) | changes


def service(level: str = "unit", period: str = "year") -> ServiceIndex:
    rows = [varied(i, unit) for i, unit in enumerate(["X1", "X1", "X2", "X3", "X3", "X3"])]
    rows.append(varied(7, "X2", finished_on=dt.date(YEAR, 11, 28)))  # late
    assessment = assess_dossiers(table(rows), catalogue(UNITS, PROCEDURES), year=YEAR, calendar=CAL)
    return assessment.index(level, period)  # type: ignore[arg-type]


def page(index: ServiceIndex, lang: str = "vi", names: dict[str, str] | None = None) -> str:
    framework = datasets.framework("illustrative-district")
    ranking = score_round(framework, datasets.assessment_round("huong-son-communes-2024"))
    return build_report(
        framework, ranking, generated_on=DAY, service=index, lang=lang,  # type: ignore[arg-type]
        unit_names=names,
    )  # fmt: skip


def section(html: str) -> str:
    found = re.search(r'<section class="panel" id="service".*?</section>', html, re.S)
    assert found is not None
    return found.group(0)


def test_the_section_lists_every_row_in_the_index_order() -> None:
    index = service()
    html = page(index, names={"X1": "Xã Một"})
    assert 'href="#service"' in html
    part = section(html)
    assert "Quyết định 766/QĐ-TTg" in part
    assert "Từ 7 hồ sơ tiếp nhận năm 2025" in part
    labels = re.findall(r'<td class="name">([^<]*)</td>', part)
    assert labels == [{"X1": "Xã Một"}.get(row.key, row.key) for row in index.rows]
    for row in index.rows:
        assert f"<strong>{row.total}</strong>/{row.max_points}" in part
        assert str(row.rates["on_time"]) in part
    parser = TagBalance()
    parser.feed(html)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []


def test_periods_and_provinces_head_their_columns_in_english() -> None:
    index = service("province", "month")
    part = section(page(index, "en"))
    assert "<th>Province</th><th>Period</th>" in part
    assert len(re.findall(r"<tr><td", part)) == len(index.rows)
    assert {row.period for row in index.rows} <= set(re.findall(r"<td>(2025-\d\d)</td>", part))


def test_without_an_index_there_is_no_section() -> None:
    framework = datasets.framework("illustrative-district")
    ranking = score_round(framework, datasets.assessment_round("huong-son-communes-2024"))
    html = build_report(framework, ranking, generated_on=DAY)
    assert 'id="service"' not in html
    assert 'href="#service"' not in html
