"""Notebook display: ``_repr_html_`` and ``to_pandas()`` of the engines' results."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pandas as pd
import pytest

from cchc import datasets
from cchc._display import Column, LazyRows, data_frame, html_table
from cchc.documents import Assessment
from cchc.errors import MissingExtraError
from cchc.monitoring import Monitoring, monitor
from cchc.scoring import Loss, Ranking, RankingRow, ScoreCard, score_round
from cchc.scoring.batch import TableRanking, score_table
from cchc.scoring.table import RoundTable
from cchc.surveys import SurveyResults, survey_results

FRAMEWORK = datasets.framework("illustrative-district")


class Cells(HTMLParser):
    """The text of every ``th`` and ``td``, and whether the tags balance."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.open: list[str] = []
        self._text: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "br":
            if self._text is not None:
                self._text.append(" ")
            return
        self.open.append(tag)
        if tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag
        if tag in ("td", "th") and self._text is not None:
            self.cells.append(" ".join("".join(self._text).split()))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def cells(html: str) -> list[str]:
    parsed = Cells(html)
    assert parsed.open == []
    return parsed.cells


def ranking(*, previous: bool = True) -> Ranking:
    before = score_round(FRAMEWORK, datasets.assessment_round("huong-son-communes-2023"))
    current = datasets.assessment_round("huong-son-communes-2024")
    return score_round(FRAMEWORK, current, previous=before if previous else None)


def table_ranking(units: int | None = None) -> TableRanking:
    """The 2024 round batch-scored, or ``units`` copies of its units under new codes."""
    base = datasets.assessment_round("huong-son-communes-2024").assessments
    items: list[Assessment] = (
        list(base)
        if units is None
        else [base[i % len(base)].model_copy(update={"unit": f"u{i:04d}"}) for i in range(units)]
    )
    return score_table(RoundTable.from_assessments(FRAMEWORK, items))


def monitoring() -> Monitoring:
    return monitor(
        datasets.huong_son_plan_2022(),
        as_of=datasets.HUONG_SON_PLAN_AS_OF,
        programme=datasets.cascade(datasets.huong_son_programme()),
    )


def survey() -> SurveyResults:
    return survey_results(
        datasets.sipas_questionnaire(), datasets.survey_round("huong-son-sipas-2024")
    )


# --- the shared table --------------------------------------------------------------------


def test_headers_are_bilingual_vietnamese_first() -> None:
    html = html_table([Column("Đơn vị", "Unit"), Column("Chỉ số", "Index", numeric=True)], [])
    assert cells(html) == ["Đơn vị Unit", "Chỉ số Index"]
    assert html.index("Đơn vị") < html.index("Unit")
    assert "text-align:right" in html


def test_everything_is_escaped() -> None:
    html = html_table(
        [Column("<th>", "&en")], [["<script>alert('x')</script>"]], caption="<b>caption</b>"
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;th&gt;" in html
    assert "&amp;en" in html
    assert "&lt;b&gt;caption" in html


def test_long_tables_are_cut_in_the_middle() -> None:
    made: list[int] = []

    def row(i: int) -> list[object]:
        made.append(i)
        return [i]

    html = html_table([Column("n", "n", numeric=True)], LazyRows(10_000, row), max_rows=60)
    shown = cells(html)[1:]
    assert shown[:2] == ["0", "1"]
    assert shown[-1] == "9999"
    assert "… 9940 dòng nữa / 9940 more rows …" in shown
    assert len(shown) == 50 + 1 + 10
    assert len(made) == 60  # only the rows shown were built


def test_cell_values() -> None:
    row = [None, 2.345, Decimal("7.50"), dt.date(2024, 5, 2), True, float("nan")]
    html = html_table([Column(str(i), "") for i in range(len(row))], [row])
    assert cells(html)[len(row) :] == ["—", "2.3", "7.50", "2024-05-02", "✓", "—"]


# --- each result class --------------------------------------------------------------------


def test_ranking_html() -> None:
    result = ranking()
    html = result._repr_html_()
    shown = cells(html)
    assert shown[:7] == [
        "Hạng Rank", "Đơn vị Unit", "Điểm Points", "Chỉ số Index", "Xếp loại Band",
        "Thay đổi hạng Rank change", "Thay đổi chỉ số Index change",
    ]  # fmt: skip
    top = result.rows[0]
    assert shown[7:10] == ["1", top.unit, f"{top.points}/{top.applicable_max}"]
    assert top.movement is not None
    assert shown[12] == f"▲{top.movement.rank_change}"
    assert "illustrative-district — 2024: 25 đơn vị / units" in html
    assert "self-assessed criteria differ" in html


def test_ranking_html_escapes_codes() -> None:
    row = RankingRow("<b>&", Decimal(1), Decimal(2), Decimal(50), 1, "<A>")
    html = Ranking("<fw>", 2024, (row,))._repr_html_()
    assert "<b>" not in html
    assert "&lt;b&gt;&amp;" in html
    assert "&lt;A&gt;" in html
    assert "&lt;fw&gt;" in html


def test_score_card_html() -> None:
    card = ranking().cards[0]
    html = card._repr_html_()
    shown = cells(html)
    assert "Mã Code" in shown
    assert "Điểm bị mất / Points lost" in html
    assert f"Chỉ số / Index: {card.index}" in html
    assert card.losses[0].criterion in shown
    assert card.losses[0].reason_vi in shown


def test_score_card_html_escapes_reasons() -> None:
    card = ranking().cards[0]
    loss = Loss("1.1", "<i>t</i>", "t", "binary", None, Decimal(0), Decimal(1), "<x>", "<y>")
    html = ScoreCard(
        card.framework, card.unit, card.year, card.nodes, card.total, card.applicable_max,
        card.index, card.band, (loss,),
    )._repr_html_()  # fmt: skip
    assert "<i>" not in html
    assert "<x>" not in html
    assert "&lt;x&gt;" in html


def test_table_ranking_html_matches_the_ranking() -> None:
    fast = cells(table_ranking()._repr_html_())
    slow = cells(ranking(previous=False)._repr_html_())
    assert fast[:7] == slow[:7]
    # Same units, ranks, indices and bands (points may show trailing zeros: 100.00 = 100).
    for column in (0, 1, 3, 4):
        assert fast[7 + column :: 7] == slow[7 + column :: 7]


def test_a_large_table_ranking_shows_its_ends() -> None:
    fast = table_ranking(2000)
    shown = cells(fast._repr_html_())
    assert "… 1940 dòng nữa / 1940 more rows …" in shown
    assert fast.rows[0].unit in shown
    assert fast.rows[-1].unit in shown


def test_monitoring_html() -> None:
    result = monitoring()
    html = result._repr_html_()
    shown = cells(html)
    assert "Kế hoạch / Plan huong-son-2022 — tính đến ngày / as of 2022-10-14" in html
    assert "Quá hạn Overdue" in shown
    assert "Nhiệm vụ quá hạn / Overdue tasks" in html
    assert "KH-05" in shown
    assert "Chỉ tiêu / Targets" in html
    assert result.total.label_vi in shown


def test_monitoring_html_escapes_titles() -> None:
    plan = datasets.huong_son_plan_2022()
    tasks = tuple(
        t.model_copy(update={"title_vi": "<b>Rà soát</b> & sửa"}) if t.code == "KH-05" else t
        for t in plan.tasks
    )
    result = monitor(plan.model_copy(update={"tasks": tasks}), as_of=datasets.HUONG_SON_PLAN_AS_OF)
    html = result._repr_html_()
    assert "<b>Rà soát" not in html
    assert "&lt;b&gt;Rà soát&lt;/b&gt; &amp; sửa" in html


def test_survey_html() -> None:
    result = survey()
    html = result._repr_html_()
    shown = cells(html)
    assert "Đơn vị Unit" in shown
    assert "Chung Overall" in shown
    assert "Khoảng tin cậy 95% 95% CI" in shown
    factor = datasets.sipas_questionnaire().factors[0]
    assert f"{factor.label_vi} {factor.label_en}" in shown
    first = result.groups[0]
    at = shown.index(str(first.key[0]))
    assert shown[at + 1] == str(first.responses)
    assert shown[at + 2] == f"{first.overall.index:.1f}"


def test_survey_html_of_one_group() -> None:
    result = survey_results(
        datasets.sipas_questionnaire(), datasets.survey_round("huong-son-sipas-2024"), by=()
    )
    shown = cells(result._repr_html_())
    assert shown[0] == "Số phiếu Responses"
    columns = 3 + len(datasets.sipas_questionnaire().factors)
    assert len(shown) == 2 * columns
    assert shown[columns] == "1000"


# --- data frames -------------------------------------------------------------------------


def test_ranking_to_pandas() -> None:
    result = ranking()
    frame = result.to_pandas()
    assert list(frame["unit"]) == [r.unit for r in result.rows]
    assert frame["index"].dtype == "float64"
    assert frame["rank"].dtype == "int64"
    assert frame.loc[0, "index"] == float(result.rows[0].index)
    assert "movement_rank_change" in frame.columns
    exact = result.to_pandas(exact=True)
    assert exact.loc[0, "index"] == result.rows[0].index
    assert isinstance(exact.loc[0, "index"], Decimal)


def test_ranking_without_movement_has_no_movement_columns() -> None:
    frame = ranking(previous=False).to_pandas()
    assert list(frame.columns) == ["unit", "points", "applicable_max", "index", "rank", "band"]


def test_table_ranking_to_pandas_equals_the_rankings() -> None:
    fast = table_ranking().to_pandas()
    slow = ranking(previous=False).to_pandas()
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False)
    assert fast["points"].dtype == "float64"
    exact = table_ranking().to_pandas(exact=True)
    assert list(exact["index"]) == [r.index for r in ranking(previous=False).rows]


def test_score_card_to_pandas() -> None:
    card = ranking().cards[0]
    frame = card.to_pandas()
    assert len(frame) == len(card.nodes)
    assert list(frame.columns[:4]) == ["unit", "year", "code", "depth"]
    assert frame["points"].sum() == pytest.approx(float(sum(n.points for n in card.nodes)))


def test_monitoring_to_pandas() -> None:
    result = monitoring()
    tasks = result.to_pandas()
    assert len(tasks) == 30
    assert str(tasks["due_on"].dtype).startswith("datetime64")
    assert tasks["percent"].dtype == "float64"
    assert result.to_pandas(exact=True).loc[0, "due_on"] == result.tasks[0].due_on
    assert len(result.to_pandas("agency")) == len(result.by_agency)
    assert len(result.to_pandas("plan")) == 1
    assert list(result.to_pandas("targets")["target"]) == [t.target for t in result.targets]
    assert len(result.to_pandas("reports")) == len(result.reports)
    with pytest.raises(ValueError, match="no table 'people'"):
        result.to_pandas("people")  # type: ignore[arg-type]


def test_survey_to_pandas() -> None:
    result = survey()
    frame = result.to_pandas()
    assert list(frame.columns[:3]) == ["unit", "level", "code"]
    assert set(frame["level"]) == {"factor"}
    assert len(result.to_pandas("all")) == len(result.records("all"))
    assert frame["index"].dtype == "float64"


def test_empty_records_keep_their_columns() -> None:
    frame = data_frame([], columns=["a", "b"])
    assert list(frame.columns) == ["a", "b"]
    assert len(frame) == 0


def first_card() -> ScoreCard:
    return ranking().cards[0]


@pytest.mark.parametrize(
    "make",
    [ranking, first_card, table_ranking, monitoring, survey],
    ids=["ranking", "card", "table-ranking", "monitoring", "survey"],
)
def test_without_pandas(monkeypatch: pytest.MonkeyPatch, make: Callable[[], Any]) -> None:
    result = make()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError) as caught:
        result.to_pandas()
    assert caught.value.extra == "dataframe"
    assert caught.value.package == "pandas"
    assert isinstance(caught.value, ImportError)
    assert re.search(r'pip install "cchc\[dataframe\]"', str(caught.value))
