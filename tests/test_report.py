"""The HTML report: sections, content, escaping, offline, bilingual, deterministic (no browser)."""

from __future__ import annotations

import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from markupsafe import escape

from cchc import datasets
from cchc.documents import AssessmentRound, Framework
from cchc.errors import MissingExtraError
from cchc.monitoring import Monitoring, monitor
from cchc.report import build_report, write_report
from cchc.scoring import Ranking, score, score_round
from cchc.scoring.batch import TableRanking, score_table
from cchc.scoring.table import RoundTable
from cchc.surveys import SurveyResults, survey_inputs, survey_results, with_survey_inputs
from cchc.testing.strategies import assessment_rounds
from cchc.vocabulary import Lang

DAY = dt.date(2025, 3, 1)
SECTIONS = ("overview", "ranking", "areas", "movement", "cards", "tasks", "survey")
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Inputs(NamedTuple):
    framework: Framework
    round: AssessmentRound
    ranking: Ranking
    before: Ranking
    monitoring: Monitoring
    survey: SurveyResults


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    framework = datasets.framework("illustrative-district")
    survey = survey_results(
        datasets.sipas_questionnaire(), datasets.survey_round("huong-son-sipas-2024"), resamples=50
    )
    round_ = with_survey_inputs(
        datasets.assessment_round("huong-son-communes-2024"), "8.1", survey_inputs(survey)
    )
    before = score_round(framework, datasets.assessment_round("huong-son-communes-2023"))
    status = monitor(
        datasets.huong_son_plan_2022(),
        as_of=datasets.HUONG_SON_PLAN_AS_OF,
        programme=datasets.cascade(datasets.huong_son_programme()),
    )
    ranking = score_round(framework, round_, previous=before)
    return Inputs(framework, round_, ranking, before, status, survey)


def full(inputs: Inputs, lang: Lang = "vi", **options: object) -> str:
    return build_report(
        inputs.framework,
        inputs.ranking,
        assessments=inputs.round,
        monitoring=inputs.monitoring,
        survey=inputs.survey,
        lang=lang,
        generated_on=DAY,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def page_vi(inputs: Inputs) -> str:
    return full(inputs, "vi")


@pytest.fixture(scope="module")
def page_en(inputs: Inputs) -> str:
    return full(inputs, "en")


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)


def ranking_units(page: str) -> list[str]:
    return re.findall(r'<tr id="unit-([^"]+)"', page)


class TagBalance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            return
        self.stack.pop()


def test_a_complete_page_with_every_section(page_vi: str) -> None:
    assert page_vi.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert page_vi.rstrip().endswith("</html>")
    for section in SECTIONS:
        assert f'<section class="panel" id="{section}"' in page_vi
        assert f'href="#{section}"' in page_vi
    assert '<meta charset="utf-8">' in page_vi


def test_tags_are_balanced(page_vi: str) -> None:
    parser = TagBalance()
    parser.feed(page_vi)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []


def test_every_unit_is_ranked_in_order_with_its_name(inputs: Inputs, page_vi: str) -> None:
    assert ranking_units(page_vi) == [row.unit for row in inputs.ranking.rows]
    for assessment in inputs.round.assessments:
        assert assessment.unit_name_vi
        assert assessment.unit_name_vi in page_vi
    first = inputs.ranking.rows[0]
    assert f"{first.points} / {first.applicable_max}" in page_vi
    assert str(first.index) in page_vi


def test_units_show_their_codes_without_names(inputs: Inputs) -> None:
    page = build_report(inputs.framework, inputs.ranking, generated_on=DAY)
    assert ranking_units(page) == [row.unit for row in inputs.ranking.rows]
    assert "Xã Sơn Trà" not in page
    named = build_report(
        inputs.framework, inputs.ranking, unit_names={"son-tra": "Sơn Trà"}, generated_on=DAY
    )
    assert "Sơn Trà" in named


def test_charts_are_inline_svg_and_valid_xml(page_vi: str) -> None:
    charts = svgs(page_vi)
    names = [re.search(r'class="chart chart-(\w+)"', svg)[1] for svg in charts]  # type: ignore[index]
    assert names == ["bars", "heat", "move", "tasks", "survey"]
    for svg in charts:
        root = ET.fromstring(svg)  # noqa: S314 - our own output
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("viewBox")
        assert root.get("width") is None  # scales with the page
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
    ids = Counter(re.findall(r'\sid="([^"]+)"', page_vi))
    assert [key for key, count in ids.items() if count > 1] == []
    references = set(re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', page_vi))
    assert {ref for pair in references for ref in pair if ref} <= set(ids)


def test_bars_are_coloured_by_band(inputs: Inputs, page_vi: str) -> None:
    bars = svgs(page_vi)[0]
    # Five bands, green to red; the round has units in the first four.
    for colour in ("#1a9850", "#a6d96a", "#fee08b", "#f46d43"):
        assert f"fill: {colour}" in bars
    for band in inputs.framework.bands:
        assert f"{band.code} · {band.label_vi}" in bars


def test_works_offline(page_vi: str) -> None:
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]+"', "", page_vi)
    assert "http://" not in without_namespaces
    assert "https://" not in without_namespaces
    for external in ("<script", "<link", "<img", " src=", "@import", "@font-face"):
        assert external not in page_vi
    assert re.findall(r"url\((?!#)", page_vi) == []


def test_cards_explain_every_point_lost(inputs: Inputs, page_vi: str, page_en: str) -> None:
    assert page_vi.count('<details class="card"') == len(inputs.ranking.rows)
    last = inputs.ranking.rows[-1].unit
    assert re.search(rf'<details class="card" id="card-{last}" open>', page_vi)
    assert page_vi.count(" open>") == 1
    card = next(c for c in inputs.ranking.cards if c.unit == last)
    assert card.losses
    for loss in card.losses:
        assert escape(loss.reason_vi) in page_vi
        assert escape(loss.reason_en) in page_en
        assert escape(loss.title_en) in page_en
    assert "Điểm bị mất" in page_vi
    assert "Points lost" in page_en


def test_heat_map_has_a_cell_per_unit_and_area(inputs: Inputs, page_vi: str) -> None:
    heat = svgs(page_vi)[1]
    card = inputs.ranking.cards[0]
    area = card.nodes[0]
    percent = f"{float(area.points) * 100 / float(area.applicable_max):.0f}"
    assert f">{percent}</text>" in heat
    assert heat.count("</text>") >= len(inputs.ranking.rows) * len(inputs.framework.nodes)


def test_movement_from_the_rows_or_from_previous(inputs: Inputs, page_vi: str) -> None:
    assert "Thay đổi so với năm trước" in page_vi
    plain = score_round(inputs.framework, inputs.round)
    page = build_report(
        inputs.framework, plain, previous=inputs.before, assessments=inputs.round,
        monitoring=inputs.monitoring, survey=inputs.survey, generated_on=DAY,
    )  # fmt: skip
    assert page == page_vi
    row = inputs.ranking.rows[0]
    assert row.movement is not None
    assert f"{row.movement.index_change:+}" in page_vi
    alone = build_report(inputs.framework, plain, generated_on=DAY)
    assert 'id="movement"' not in alone


def test_plan_status(inputs: Inputs, page_vi: str, page_en: str) -> None:
    total = inputs.monitoring.total
    assert total.label_vi in page_vi
    assert total.label_en in page_en
    for task in inputs.monitoring.overdue():
        assert task.code in page_vi
        assert escape(task.title("en")) in page_en
    for progress in inputs.monitoring.targets:
        assert progress.indicator_vi in page_vi
        assert progress.status.label_en in page_en
    assert "Nhiệm vụ quá hạn" in page_vi
    assert "Overdue tasks" in page_en


def test_survey_results(inputs: Inputs, page_vi: str, page_en: str) -> None:
    for factor in inputs.survey.questionnaire.factors:
        assert factor.label_vi in page_vi
        assert factor.label_en in page_en
    group = inputs.survey.group("son-tra")
    assert group.overall.index is not None
    assert f"{group.overall.index:.1f}" in page_vi
    overall = survey_results(
        inputs.survey.questionnaire, datasets.survey_round("huong-son-sipas-2024"), by=()
    )
    page = build_report(inputs.framework, inputs.ranking, survey=overall, generated_on=DAY)
    assert "Tất cả phiếu" in page


def test_bilingual(inputs: Inputs, page_vi: str, page_en: str) -> None:
    assert '<html lang="en">' in page_en
    for vi, en in (("Bảng xếp hạng", "Ranking"), ("Xếp loại", "Band"), ("Tổng quan", "Overview")):
        assert vi in page_vi
        assert en in page_en
    for band in inputs.framework.bands:
        assert band.label_vi in page_vi
        assert band.label_en in page_en
    assert "ngày 01 tháng 3 năm 2025" in page_vi
    assert "1 March 2025" in page_en
    assert "Bảng xếp hạng" not in page_en


def test_text_is_escaped(inputs: Inputs) -> None:
    nasty = "<script>alert('x')</script> & <b>"
    page = build_report(
        inputs.framework, inputs.ranking, unit_names={"son-tra": nasty}, title=nasty,
        generated_on=DAY,
    )  # fmt: skip
    assert "<script>" not in page
    assert "<b>" not in page
    assert "&lt;script&gt;" in page
    for svg in svgs(page):
        ET.fromstring(svg)  # noqa: S314 - our own output


def test_deterministic(inputs: Inputs, page_vi: str) -> None:
    assert full(inputs, "vi") == page_vi
    other = build_report(
        inputs.framework, inputs.ranking, assessments=inputs.round, monitoring=inputs.monitoring,
        survey=inputs.survey, generated_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    changed = [a != b for a, b in zip(page_vi.splitlines(), other.splitlines(), strict=True)]
    assert sum(changed) == 1


def large_round(units_per_commune: int) -> tuple[Framework, AssessmentRound]:
    base = datasets.assessment_round("huong-son-communes-2024")
    items = tuple(
        a.model_copy(update={"unit": f"{a.unit}-{i}", "unit_name_vi": f"{a.unit_name_vi} {i}"})
        for i in range(units_per_commune)
        for a in base.assessments
    )
    return datasets.framework("illustrative-district"), base.model_copy(
        update={"assessments": items}
    )


@pytest.fixture(scope="module")
def batch() -> tuple[Framework, AssessmentRound, TableRanking]:
    framework, round_ = large_round(5)
    return framework, round_, score_table(RoundTable.from_assessments(framework, round_))


def test_large_round_from_the_batch_path(
    batch: tuple[Framework, AssessmentRound, TableRanking],
) -> None:
    framework, round_, ranking = batch
    page = build_report(
        framework, ranking, assessments=round_, chart_units=20, lang="en", generated_on=DAY
    )
    assert len(ranking_units(page)) == 125
    assert ranking_units(page) == [row.unit for row in ranking.rows]
    assert "The chart shows the 20 highest and lowest of 125 units" in page
    assert "The heat map shows 20 of 125 units" in page
    assert page.count('<details class="card"') == 20
    featured = [row.unit for row in (*ranking.rows[:10], *ranking.rows[-10:])]
    assert re.findall(r'<details class="card" id="card-([^"]+)"', page) == featured
    bars, heat = svgs(page)[:2]
    assert "⋮" in bars
    assert "⋮" in heat
    assert "Xã Sơn Trà 3" in page


def test_focus_is_featured_and_open(
    batch: tuple[Framework, AssessmentRound, TableRanking],
) -> None:
    framework, round_, ranking = batch
    middle = ranking.rows[60].unit
    page = build_report(
        framework, ranking, assessments=round_, chart_units=10, focus=middle, generated_on=DAY
    )
    assert re.search(rf'<details class="card" id="card-{middle}" open>', page)
    assert page.count('<details class="card"') == 11


def test_explicit_cards_are_all_shown(inputs: Inputs) -> None:
    chosen = [c for c in inputs.ranking.cards if c.unit in ("son-tra", "tay-son")]
    page = build_report(inputs.framework, inputs.ranking, cards=chosen, generated_on=DAY)
    assert re.findall(r'<details class="card" id="card-([^"]+)"', page) == ["son-tra", "tay-son"]
    assert len(svgs(page)) == 3


def test_without_cards_the_heat_map_says_why(
    batch: tuple[Framework, AssessmentRound, TableRanking],
) -> None:
    framework, _, ranking = batch
    page = build_report(framework, ranking, lang="en", generated_on=DAY)
    assert "No detailed score cards" in page
    assert 'id="cards"' not in page
    assert len(svgs(page)) == 1
    for absent in ("tasks", "survey", "movement"):
        assert f'id="{absent}"' not in page


def test_write_report(inputs: Inputs, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_report(path, inputs.framework, inputs.ranking, lang="en", generated_on=DAY)
    text = path.read_bytes().decode("utf-8")
    assert text == build_report(inputs.framework, inputs.ranking, lang="en", generated_on=DAY)


def test_wrong_arguments(inputs: Inputs) -> None:
    framework, ranking = inputs.framework, inputs.ranking
    with pytest.raises(ValueError, match="lang"):
        build_report(framework, ranking, lang="fr", generated_on=DAY)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="focus"):
        build_report(framework, ranking, focus="nowhere", generated_on=DAY)
    with pytest.raises(ValueError, match="chart_units"):
        build_report(framework, ranking, chart_units=1, generated_on=DAY)
    with pytest.raises(ValueError, match="not par-index"):
        build_report(datasets.framework("par-index-province-876"), ranking, generated_on=DAY)
    stranger = score(framework, inputs.round.assessments[0].model_copy(update={"unit": "x"}))
    with pytest.raises(ValueError, match="'x'"):
        build_report(framework, ranking, cards=[stranger], generated_on=DAY)


@pytest.mark.parametrize("package", ["jinja2", "matplotlib"])
def test_missing_extra(inputs: Inputs, monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    monkeypatch.setitem(sys.modules, package, None)
    with pytest.raises(MissingExtraError) as raised:
        build_report(inputs.framework, inputs.ranking, generated_on=DAY)
    assert raised.value.extra == "report"
    assert raised.value.package == package
    assert isinstance(raised.value, ImportError)
    assert 'pip install "cchc[report]"' in str(raised.value)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessment_rounds(max_units=8))
def test_any_valid_round_renders(generated: tuple[Framework, AssessmentRound]) -> None:
    framework, round_ = generated
    ranking = score_round(framework, round_)
    for lang in ("vi", "en"):
        page = build_report(framework, ranking, lang=lang, chart_units=4, generated_on=DAY)
        assert ranking_units(page) == [row.unit for row in ranking.rows]
        for svg in svgs(page):
            ET.fromstring(svg)  # noqa: S314 - our own output
        parser = TagBalance()
        parser.feed(page)
        assert parser.errors == []
