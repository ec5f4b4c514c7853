"""The score card of a nested framework: every node's numbers, refusals, tables and HTML."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _scoring_helpers import assess, leaf
from cchc import Framework, ScoreCard, ScoringError, score
from cchc._display import paragraph
from cchc.scoring import NodeScore


def nested() -> Framework:
    """Area 1 with a criterion of two sub-criteria and a leaf; area 2 is a leaf itself."""
    sub = [
        leaf("1.1.1", "2", {"kind": "proportional"}, may_be_not_applicable=True),
        leaf("1.1.2", "1", {"kind": "binary"}, may_be_not_applicable=True),
    ]
    return Framework.model_validate(
        {
            "code": "t", "title_vi": "Thử", "edition": "1/QĐ-UBND", "max_points": "10",
            "bands": [
                {"code": "A", "label_vi": "Tốt", "label_en": "Good", "min_index": "80"},
                {"code": "B", "label_vi": "Khá", "label_en": "Fair", "min_index": "0"},
            ],
            "nodes": [
                {"code": "1", "title_vi": "Lĩnh vực 1", "max_points": "6", "children": [
                    {"code": "1.1", "title_vi": "Tiêu chí 1.1", "max_points": "3", "children": sub},
                    leaf("1.2", "3", {"kind": "survey"}),
                ]},
                leaf("2", "4", {"kind": "deduction", "per_event": "1"}),
            ],
        }
    )  # fmt: skip


FRAMEWORK = nested()
INPUTS = {"1.1.1": "0.5", "1.1.2": True, "1.2": "50", "2": 1}


def scored(**fields: Any) -> ScoreCard:
    return score(FRAMEWORK, assess(FRAMEWORK, **{"inputs": INPUTS, **fields}))


def row(node: NodeScore) -> tuple[Any, ...]:
    return (node.code, node.depth, node.points, node.max_points, node.applicable_max,
            node.applicable, node.counted_from)  # fmt: skip


def test_every_node_adds_up_its_children_at_its_depth() -> None:
    result = scored()
    assert [row(n) for n in result.nodes] == [
        ("1", 0, D("3.50"), 6, 6, True, None),
        ("1.1", 1, D("2.00"), 3, 3, True, None),
        ("1.1.1", 2, D("1.00"), 2, 2, True, "rule"),
        ("1.1.2", 2, D("1.00"), 1, 1, True, "rule"),
        ("1.2", 1, D("1.50"), 3, 3, True, "rule"),
        ("2", 0, D("3.00"), 4, 4, True, "rule"),  # an area scored by its own rule
    ]
    # The total counts each area once, the leaf area included.
    assert (result.total, result.applicable_max, result.index) == (D("6.50"), D(10), D("65.00"))
    assert (result.framework, result.unit, result.year, result.band) == ("t", "u", 2024, "B")


def test_a_criterion_whose_leaves_all_do_not_apply_does_not_apply() -> None:
    result = scored(inputs={**INPUTS, "1.1.1": None, "1.1.2": None})
    assert [row(n) for n in result.nodes[:4]] == [
        ("1", 0, D("1.50"), 6, 3, True, None),
        ("1.1", 1, 0, 3, 0, False, None),
        ("1.1.1", 2, 0, 2, 0, False, None),
        ("1.1.2", 2, 0, 1, 0, False, None),
    ]
    assert (result.total, result.applicable_max, result.index) == (D("4.50"), D(7), D("64.29"))
    assert result.node("1.1.1").self_points is None
    assert [loss.criterion for loss in result.losses] == ["1.2", "2"]


def test_self_assessed_points_are_kept_and_default_to_the_rule_s() -> None:
    result = scored(self_points={"1.2": "3"}, appraisals={"2": {"points": "4"}})
    claimed, appraised = result.node("1.2"), result.node("2")
    assert (claimed.self_points, claimed.points) == (D(3), D("1.50"))
    assert claimed.self_minus_appraised is None
    assert (appraised.self_points, appraised.appraised_points) == (D("3.00"), D(4))
    assert (appraised.points, appraised.counted_from) == (D("4.00"), "appraisal")
    assert appraised.self_minus_appraised == -1  # the unit under-scored itself
    assert result.node("1.1.1").self_points == D("1.00")


def test_the_leaves_of_a_card_are_the_nodes_scored_by_a_rule_or_an_appraisal() -> None:
    result = scored(inputs={**INPUTS, "1.1.2": None}, appraisals={"2": {"points": "1"}})
    leaves = [n.code for n in result.nodes if n.counted_from is not None]
    assert leaves == ["1.1.1", "1.2", "2"]  # 1.1.2 does not apply


def test_an_unknown_node_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError) as caught:
        scored().node("9")
    assert caught.value.args == ("9",)


@pytest.mark.parametrize(
    ("fields", "criterion", "reason"),
    [
        ({"inputs": {**INPUTS, "9.9": 1}}, "9.9",
         "inputs names a criterion that is not a leaf of t"),
        ({"self_points": {"1.1": "1"}}, "1.1",
         "self_points names a criterion that is not a leaf of t"),
        ({"appraisals": {"1": {"points": "1"}}}, "1",
         "appraisals names a criterion that is not a leaf of t"),
        ({"inputs": {k: v for k, v in INPUTS.items() if k != "1.2"}}, "1.2",
         "no input: give a value, or null if it does not apply"),
        ({"inputs": {**INPUTS, "2": None}}, "2", "declared not applicable, which it may not be"),
        ({"inputs": {**INPUTS, "1.1.2": None}, "self_points": {"1.1.2": "1"}}, "1.1.2",
         "points given for a criterion declared not applicable"),
        ({"inputs": {**INPUTS, "1.1.2": None}, "appraisals": {"1.1.2": {"points": "0"}}}, "1.1.2",
         "points given for a criterion declared not applicable"),
    ],
)  # fmt: skip
def test_refusals_name_the_unit_the_criterion_and_why(
    fields: dict[str, Any], criterion: str, reason: str
) -> None:
    with pytest.raises(ScoringError) as caught:
        score(FRAMEWORK, assess(FRAMEWORK, unit="xa-a", **{"inputs": INPUTS, **fields}))
    assert (caught.value.unit, caught.value.criterion, caught.value.reason) == (
        "xa-a", criterion, reason
    )  # fmt: skip


def test_refusals_of_the_whole_assessment_name_the_unit() -> None:
    other = assess(FRAMEWORK, unit="xa-b", inputs=INPUTS).model_copy(
        update={"edition": "2/QĐ-UBND"}
    )
    with pytest.raises(ScoringError) as caught:
        score(FRAMEWORK, other)
    assert (caught.value.unit, caught.value.criterion) == ("xa-b", None)
    assert caught.value.reason == "assessed under t (2/QĐ-UBND), not t (1/QĐ-UBND)"
    optional = Framework.model_validate(
        {**FRAMEWORK.model_dump(), "max_points": "3", "nodes": [FRAMEWORK.nodes[0].children[0]]}
    )
    with pytest.raises(ScoringError) as caught:
        score(optional, assess(optional, unit="xa-c", inputs={"1.1.1": None, "1.1.2": None}))
    assert (caught.value.unit, caught.value.criterion) == ("xa-c", None)
    assert caught.value.reason == "no criterion applies: the index is undefined"


# --- Records, data frames and HTML ----------------------------------------------------------


def test_records_are_one_plain_dict_per_node() -> None:
    records = scored().records()
    assert [r["code"] for r in records] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2"]
    assert records[2] == {
        "unit": "u", "year": 2024, "code": "1.1.1", "depth": 2, "points": D("1.00"),
        "max_points": 2, "applicable_max": 2, "applicable": True, "self_points": D("1.00"),
        "appraised_points": None, "counted_from": "rule",
    }  # fmt: skip


def test_to_pandas_has_the_records_columns_as_floats_or_exact() -> None:
    frame = scored().to_pandas()
    assert list(frame.columns) == [
        "unit", "year", "code", "depth", "points", "max_points", "applicable_max",
        "applicable", "self_points", "appraised_points", "counted_from",
    ]  # fmt: skip
    assert frame["points"].tolist() == [3.5, 2.0, 1.0, 1.0, 1.5, 3.0]
    assert all(isinstance(p, float) for p in frame["points"])  # floats unless asked
    assert set(frame["unit"]) == {"u"}
    exact = scored().to_pandas(exact=True)
    assert exact["points"].tolist() == [D("3.50"), D("2.00"), D("1.00"), D("1.00"), D("1.50"), 3]
    assert all(isinstance(p, D) for p in exact["points"])


class Html(HTMLParser):
    """The text of every paragraph and table cell, in order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._open = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("p", "td", "th"):
            self._open = True
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "td", "th"):
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[-1] += data


def test_html_shows_the_summary_every_node_and_the_losses() -> None:
    result = scored(inputs={**INPUTS, "1.1.2": None}, appraisals={"2": {"points": "3.5"}})
    html = result._repr_html_()
    assert html.startswith('<div class="cchc">' + paragraph("u — 2024 (t)", strong=True))
    texts = Html(html).texts
    assert texts[:2] == [
        "u — 2024 (t)",
        "Điểm / Points: 6.00/9 · Chỉ số / Index: 66.67 · Xếp loại / Band: B",
    ]
    body = texts[2 + 6 : 2 + 6 * 7]  # after the six headers: six rows of six cells
    assert [body[i : i + 6] for i in range(0, 36, 6)] == [
        ["1", "2.50", "6", "—", "—", "—"],
        ["\u2003" "1.1", "1.00", "3", "—", "—", "—"],
        ["\u2003\u2003" "1.1.1", "1.00", "2", "1.00", "—", "quy tắc"],
        ["\u2003\u2003" "1.1.2", "—", "1", "—", "—", "—"],  # not applicable: no points
        ["\u2003" "1.2", "1.50", "3", "1.50", "—", "quy tắc"],
        ["2", "3.50", "4", "3.00", "3.5", "thẩm định"],  # counted at the places
    ]  # fmt: skip
    assert texts[2 + 6 * 7] == "Điểm bị mất / Points lost"
    losses = texts[2 + 6 * 7 + 1 + 4 :]
    assert losses[:4] == ["1.1.1", "Tiêu chí 1.1.1", "1.00", "tỷ lệ 0.5 × 2 điểm"]
    assert [losses[i] for i in range(0, len(losses), 4)] == ["1.1.1", "1.2", "2"]


def test_html_of_a_card_without_losses_or_band() -> None:
    framework = Framework.model_validate({**FRAMEWORK.model_dump(), "bands": []})
    full = {"1.1.1": "1", "1.1.2": True, "1.2": "100", "2": 0}
    result = score(framework, assess(framework, inputs=full))
    html = result._repr_html_()
    assert "Points lost" not in html
    assert html.endswith("</tbody></table></div>")  # nothing after the table of nodes
    assert (
        Html(html).texts[1]
        == "Điểm / Points: 10.00/10 · Chỉ số / Index: 100.00 · Xếp loại / Band: —"
    )


# --- Laws -----------------------------------------------------------------------------------

inputs = st.fixed_dictionaries(
    {
        "1.1.1": st.none() | st.decimals(min_value=0, max_value=1, places=3),
        "1.1.2": st.none() | st.booleans(),
        "1.2": st.decimals(min_value=0, max_value=100, places=2),
        "2": st.integers(0, 6),
    }
)


@given(values=inputs)
def test_totals_index_and_losses_agree_with_the_leaves(values: dict[str, object]) -> None:
    result = score(FRAMEWORK, assess(FRAMEWORK, inputs=values))
    leaves = [n for n in result.nodes if n.counted_from is not None]
    assert result.total == sum(n.points for n in leaves)
    assert result.applicable_max == sum(n.max_points for n in leaves)
    assert 0 <= result.total <= result.applicable_max
    exact = Fraction(result.total) * 100 / Fraction(result.applicable_max)
    assert result.index == FRAMEWORK.quantize(exact)
    assert result.band == ("A" if result.index >= 80 else "B")
    assert [loss.criterion for loss in result.losses] == [
        n.code for n in leaves if n.points < n.max_points
    ]
    assert all(loss.lost == loss.max_points - loss.points > 0 for loss in result.losses)
    for node in result.nodes:
        children = [c for c in result.nodes if c.code.rpartition(".")[0] == node.code]
        if children:
            assert node.points == sum(c.points for c in children)
            assert node.applicable == any(c.applicable for c in children)
            assert all(c.depth == node.depth + 1 for c in children)
