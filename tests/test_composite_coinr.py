"""Known answers from COINr 1.1.14 on its ASEM example, and the iData/iMeta round trip.

The answers are in ../shared/coinr (cases A and B); the tests skip without it.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _composite_helpers import COINR
from cchc.composite import (
    CoinrInputs,
    CompositeError,
    CompositeResult,
    CompositeSpec,
    IndexTree,
    IndicatorData,
    MetaRow,
    ScoreTable,
    ZScore,
    build_index,
    read_coinr,
    write_coinr,
)
from cchc.composite._coinr import TYPES, coinr_idata_csv, coinr_imeta_csv
from cchc.testing.strategies import composite_indices

pytestmark = pytest.mark.skipif(
    not COINR.is_dir(), reason="../shared/coinr not found beside the clone"
)

CASES = {
    "A_minmax_amean": CompositeSpec(),
    "B_zscore_amean": CompositeSpec(normalisation=ZScore()),
}


def _inputs() -> CoinrInputs:
    return read_coinr(COINR / "inputs" / "ASEM_iData.csv", COINR / "inputs" / "ASEM_iMeta.csv")


def _expected(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return {row["uCode"]: row for row in csv.DictReader(f)}


def _compare(table: ScoreTable, path: Path, *, exact: bool = False) -> int:
    """Assert the README's rule; return how many cells were compared."""
    compared = 0
    for unit, row in _expected(path).items():
        for column, text in row.items():
            if column == "uCode":
                continue
            got = table.value(unit, column)
            compared += 1
            if text == "NA":
                assert math.isnan(got), (unit, column, got)
            elif exact:
                assert got == float(text), (unit, column, got, text)
            else:
                want = float(text)
                assert abs(got - want) <= max(1e-9 * abs(want), 1e-12), (unit, column, got, want)
    return compared


@pytest.fixture(scope="module")
def results() -> dict[str, CompositeResult]:
    inputs = _inputs()
    return {case: build_index(inputs.data, inputs.tree, spec) for case, spec in CASES.items()}


def test_the_asem_inputs_load_as_described() -> None:
    inputs = _inputs()
    assert len(inputs.data.units) == 51
    assert len(inputs.tree.indicators) == 49
    assert int(np.isnan(inputs.data.values).sum()) == 63
    assert inputs.tree.root == "Index"
    assert inputs.tree.children("Index") == ("Conn", "Sust")
    assert len(inputs.tree.level(2)) == 8
    assert {m.type for m in inputs.metadata} == {"Group", "Denominator"}
    assert set(inputs.data.groups) == {"GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"}
    assert list(inputs.data.extra) == ["Time", "Area", "Energy", "GDP", "Population"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("name", "step"), [("normalised", "normalised"), ("aggregated", "aggregated")]
)
def test_scores_match_coinr(
    results: dict[str, CompositeResult], case: str, name: str, step: str
) -> None:
    table = getattr(results[case], step)
    compared = _compare(table, COINR / "cases" / case / f"{name}.csv")
    assert compared == 51 * (49 if name == "normalised" else 60)


@pytest.mark.parametrize("case", CASES)
def test_ranks_match_coinr_exactly(results: dict[str, CompositeResult], case: str) -> None:
    assert _compare(results[case].ranks, COINR / "cases" / case / "ranks.csv", exact=True) == 561


def test_the_rounded_results_table_matches_coinr(results: dict[str, CompositeResult]) -> None:
    path = COINR / "cases" / "A_minmax_amean" / "get_results_Aggs_nround2.csv"
    with path.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        expected = list(reader)
        header = reader.fieldnames
    rows = results["A_minmax_amean"].results_table(digits=2)
    assert [r.unit for r in rows] == [e["uCode"] for e in expected]
    assert header == ["uCode", "Rank", *rows[0].scores]
    for row, want in zip(rows, expected, strict=True):
        assert row.rank == int(want["Rank"])
        for code, value in row.scores.items():
            assert value is not None
            assert abs(value - float(want[code])) <= 0.005, (row.unit, code)


def test_round_trip_of_the_asem_tables(tmp_path: Path) -> None:
    inputs = _inputs()
    write_coinr(inputs, tmp_path / "iData.csv", tmp_path / "iMeta.csv")
    again = read_coinr(tmp_path / "iData.csv", tmp_path / "iMeta.csv")
    assert again.data == inputs.data
    assert again.tree == inputs.tree
    assert again.metadata == inputs.metadata
    assert coinr_idata_csv(again.data) == coinr_idata_csv(inputs.data)
    # The written iMeta has the shared file's rows, columns, order and numbers (the shared
    # file writes 17 significant digits, cchc the shortest text that reads back the same).
    with (COINR / "inputs" / "ASEM_iMeta.csv").open(encoding="utf-8") as f:
        original = list(csv.reader(f))
    written = list(csv.reader(coinr_imeta_csv(inputs.tree, inputs.metadata).splitlines()))
    assert len(written) == len(original)
    for mine, theirs in zip(written, original, strict=True):
        assert mine[:6] + mine[7:] == theirs[:6] + theirs[7:]
        assert mine[6] == theirs[6] or float(mine[6]) == float(theirs[6])
    with (COINR / "inputs" / "ASEM_iData.csv").open(encoding="utf-8") as f:
        original = list(csv.reader(f))
    written = list(csv.reader(coinr_idata_csv(inputs.data).splitlines()))
    assert written[0] == original[0]
    for mine, theirs in zip(written[1:], original[1:], strict=True):
        for a, b in zip(mine, theirs, strict=True):
            assert a == b or float(a) == float(b), (a, b)


@given(composite_indices(), st.sampled_from(["", 'Hà "Nội", VN', "Đà Nẵng"]))
def test_round_trip_of_drawn_tables(case: tuple[IndicatorData, IndexTree], name: str) -> None:
    data, tree = case
    named = IndicatorData(
        data.units,
        data.indicators,
        data.values,
        names=[name] * len(data.units),
        groups={"grp": tuple(None if i % 3 == 0 else f"g{i % 2}" for i in range(len(data.units)))},
        extra={"Time": tuple(2024.0 for _ in data.units)},
    )
    inputs = CoinrInputs(named, tree, (MetaRow("grp", "Group", "A group"),))
    text_data, text_meta = coinr_idata_csv(named), coinr_imeta_csv(tree, inputs.metadata)
    again = read_coinr(io.StringIO(text_data), io.StringIO(text_meta))
    assert again.data == named
    assert again.tree == tree
    assert again.metadata == inputs.metadata


def test_a_cell_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    inputs = _inputs()
    write_coinr(inputs, tmp_path / "iData.csv", tmp_path / "iMeta.csv")
    text = (tmp_path / "iData.csv").read_text(encoding="utf-8").splitlines()
    cells = text[2].split(",")
    cells[-1] = '"n/a"'
    text[2] = ",".join(cells)
    (tmp_path / "iData.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(CompositeError, match=r"unit BEL, node NEET: iData.csv line 3: not a"):
        read_coinr(tmp_path / "iData.csv", tmp_path / "iMeta.csv")


def test_a_column_imeta_does_not_describe_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(
        '"Level","iCode","Direction","Weight","Parent","Type"\n'
        '1,"a",1,1,"I","Indicator"\n2,"I",1,1,NA,"Aggregate"\n',
        encoding="utf-8",
    )
    (tmp_path / "d.csv").write_text('"uCode","a","b"\n"x",1,2\n', encoding="utf-8")
    with pytest.raises(CompositeError, match=r"not described in m\.csv: b"):
        read_coinr(tmp_path / "d.csv", tmp_path / "m.csv")


def test_short_rows_and_absent_indicators_are_named(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(
        '"Level","iCode","Direction","Weight","Parent","Type"\n'
        '1,"a",1,1,"I","Indicator"\n1,"b",1,1,"I","Indicator"\n2,"I",1,1,NA,"Aggregate"\n',
        encoding="utf-8",
    )
    (tmp_path / "d.csv").write_text('"uCode","a","b"\n"x",1,2\n"y",3\n', encoding="utf-8")
    with pytest.raises(CompositeError, match=r"^d\.csv line 3: 2 cells but the header has 3$"):
        read_coinr(tmp_path / "d.csv", tmp_path / "m.csv")
    (tmp_path / "d.csv").write_text('"uCode","a"\n"x",1\n', encoding="utf-8")
    with pytest.raises(CompositeError, match=r"node b: d\.csv has no column for row\(s\) of m"):
        read_coinr(tmp_path / "d.csv", tmp_path / "m.csv")


HEADER = '"Level","iCode","Direction","Weight","Parent","Type"\n'
GOOD_META = '1,"a",1,1,"I","Indicator"\n1,"b",1,1,"I","Indicator"\n2,"I",1,1,NA,"Aggregate"\n'
GOOD_DATA = '"uCode","a","b"\n"x",1,2\n"y",2,1\n'


@pytest.mark.parametrize(
    ("idata", "imeta", "message"),
    [
        (
            GOOD_DATA,
            HEADER + GOOD_META.replace('"b",1,1,"I","Indicator"', '"b",1,1,"I","indicator"'),
            r"node b: m\.csv line 3: Type must be one of Indicator, Aggregate, Group, "
            r"Denominator, Other \(value 'indicator'\)",
        ),
        (
            GOOD_DATA,
            HEADER + GOOD_META.replace('1,"b",1,1,"I","Indicator"', '1,"b"'),
            r"^m\.csv line 3: 2 cells but the header has 6$",
        ),
        (
            GOOD_DATA,
            HEADER + GOOD_META.replace('"a",1,1', '"a",1.5,1'),
            r"node a: m\.csv line 2: Direction must be 1 or -1 \(value '1\.5'\)",
        ),
        (
            GOOD_DATA,
            HEADER + GOOD_META.replace('"a",1,1', '"a",NA,1'),
            r"node a: m\.csv line 2: Direction must be 1 or -1 \(value 'NA'\)",
        ),
        (
            GOOD_DATA,
            HEADER + GOOD_META.replace('"a",1,1', '"a",1,NA'),
            r"node a: m\.csv line 2: Weight is missing",
        ),
        (
            '"uCode","a","b","a"\n"x",1,2,9\n"y",2,1,8\n',
            HEADER + GOOD_META,
            r"^d\.csv line 1: column 'a' appears twice in the header$",
        ),
        (
            '"uCode","a","b"\n"x",1,2,7\n"y",2,1\n',
            HEADER + GOOD_META,
            r"^d\.csv line 2: 4 cells but the header has 3$",
        ),
        ('"uCode","a","b"\n', HEADER + GOOD_META, r"^d\.csv: a header but no units$"),
        ('"uName","a","b"\n"x",1,2\n', HEADER + GOOD_META, r"^d\.csv line 1: no uCode column$"),
        ('"uCode","a","b"\n"",1,2\n', HEADER + GOOD_META, r"^d\.csv line 2: uCode is empty$"),
        (
            GOOD_DATA,
            HEADER + GOOD_META + 'NA,"Pop_group",NA,NA,NA,"Group"\n',
            r"node Pop_group: d\.csv has no column for row\(s\) of m\.csv: Pop_group",
        ),
        (GOOD_DATA, '"Level","iCode","Parent"\n1,"a","I"\n', r"^m\.csv: no Direction column$"),
        (GOOD_DATA, "", r"^m\.csv: the file is empty"),
    ],
)
def test_coinr_tables_that_would_lose_data_are_refused_by_file_and_line(
    tmp_path: Path, idata: str, imeta: str, message: str
) -> None:
    (tmp_path / "d.csv").write_text(idata, encoding="utf-8")
    (tmp_path / "m.csv").write_text(imeta, encoding="utf-8")
    with pytest.raises(CompositeError, match=message):
        read_coinr(tmp_path / "d.csv", tmp_path / "m.csv")


def test_the_types_are_coinrs() -> None:
    # COINr's check_iMeta: "should be one of Indicator, Aggregate, Group, Denominator, Other"
    assert TYPES == ("Indicator", "Aggregate", "Group", "Denominator", "Other")
    meta = HEADER + GOOD_META + 'NA,"Region",NA,NA,NA,"Other"\n'
    data = '"uCode","a","b","Region"\n"x",1,2,5\n"y",2,1,6\n'
    inputs = read_coinr(io.StringIO(data), io.StringIO(meta))
    assert inputs.data.extra == {"Region": (5.0, 6.0)}
    assert inputs.metadata == (MetaRow("Region", "Other"),)
