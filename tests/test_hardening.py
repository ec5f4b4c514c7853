"""Bad input never hangs and never escapes: numbers, YAML, text, files and odd names.

Each case here was found by trying the library as a user or by fuzzing it
(``scripts/fuzz.py``); each must end as a LoadError, a ValidationError or a
ScoringError that says what and where.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import cchc
from _scoring_helpers import assess, framework_with, leaf
from cchc import datasets
from cchc.documents._types import MAX_DIGITS, MAX_MAGNITUDE, MAX_PLACES, bounded
from cchc.errors import LoadError, ScoringError
from cchc.io import validate

HUGE_EXPONENTS = ["1E-999999999", "1E+999999", "9E+999999", "-1E+999999999"]


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_a_number_is_kept_exactly_or_refused_by_its_bounds(value: D) -> None:
    try:
        kept = bounded(value)
    except ValueError as refused:
        assert str(value) in str(refused)
        written = "".join(map(str, value.as_tuple().digits))
        significant = written.rstrip("0")
        last = int(value.as_tuple().exponent) + len(written) - len(significant)
        assert significant  # zero is always kept
        assert (
            len(significant) > MAX_DIGITS
            or last < -MAX_PLACES
            or last + len(significant) > MAX_MAGNITUDE
        )
        return
    assert kept == value
    assert -(10**MAX_MAGNITUDE) < kept < 10**MAX_MAGNITUDE
    assert len(kept.as_tuple().digits) <= max(MAX_DIGITS, len(value.as_tuple().digits))


def test_a_number_written_with_many_trailing_zeros_keeps_only_its_digits() -> None:
    assert bounded(D("1." + "0" * 200)).as_tuple() == D("1").as_tuple()
    assert bounded(D("0E-999999999")) == 0


@pytest.mark.parametrize("number", HUGE_EXPONENTS)
@pytest.mark.parametrize("where", ["max_points", "input"])
def test_huge_exponents_are_refused_at_once(number: str, where: str) -> None:
    """Once, Fraction(Decimal("1E-999999999")) hung the loader, the scoring and the CLI."""
    framework = framework_with(leaf("1.1", "10", {"kind": "proportional"}))
    data = framework.model_dump(mode="json")
    data["nodes"][0]["children"][0]["max_points"] = number
    refused = r"decimal places|too large|greater than"
    with pytest.raises(ValidationError, match=refused):
        validate(data) if where == "max_points" else assess(framework, inputs={"1.1": number})


@pytest.mark.parametrize(
    "number", ["1E-999999999", "0E-999999999", "1.0000000000000000000000000001"]
)
def test_a_refused_number_is_not_read_as_an_input_date(number: str) -> None:
    """A refused number once fell through the input union to a date (1970-01-01)."""
    framework = framework_with(leaf("1.1", "1", {"kind": "timeliness", "month": 3, "day": 1}))
    data = cchc.dumps(assess(framework, inputs={"1.1": "missing"}))
    document = None
    with contextlib.suppress(ValidationError, LoadError):
        document = cchc.loads(data.replace('"missing"', number))
    assert not isinstance(document, cchc.Assessment) or not isinstance(
        document.inputs["1.1"], dt.date
    )


@pytest.mark.parametrize("number", ["0", "20211128", "1637020800.0"])
def test_a_number_is_never_read_as_a_date(number: str) -> None:
    """pydantic reads numbers as Unix timestamps: 20211128 would be 1970-08-23."""
    programme = cchc.dumps(datasets.huong_son_programme())
    with pytest.raises(ValidationError, match="a date is written YYYY-MM-DD"):
        cchc.loads(programme.replace('"2021-11-28"', number, 1))


def test_maxima_that_would_overflow_a_decimal_sum_are_refused() -> None:
    text = cchc.dumps(datasets.framework("illustrative-district"))
    with pytest.raises(ValidationError, match="too large"):
        cchc.loads(text.replace('"max_points": "100"', '"max_points": "9E+999999"'))


@pytest.mark.parametrize("number", ["1E-999999999", "0.1234567890123456789012345678901"])
def test_json_numbers_are_exact_and_bounded(number: str) -> None:
    framework = datasets.framework("illustrative-district")
    data = cchc.dumps(assess(framework, inputs={"1.1": True}))
    with pytest.raises((ValidationError, LoadError), match=r"places|significant|out of range"):
        cchc.loads(data.replace('"1.1": true', f'"1.1": {number}'))


def test_json_and_yaml_numbers_keep_every_digit() -> None:
    framework = framework_with(leaf("1.1", "1", {"kind": "proportional"}))
    rate = "0.1234567890123456789"  # past a float's 17 digits
    text = cchc.dumps(assess(framework, inputs={"1.1": D(rate)}))
    assert f'"{rate}"' in text
    for document in (
        cchc.loads(text.replace(f'"{rate}"', rate)),
        cchc.loads(cchc.dumps(cchc.loads(text), format="yaml").replace(f"'{rate}'", rate)),
    ):
        assert isinstance(document, cchc.Assessment)
        assert document.inputs["1.1"] == D(rate)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 2024-02-30", "cannot read '2024-02-30' as timestamp: day is out of range"),
        ("a: 0x_", "cannot read '0x_' as int"),
        ("a: " + "9" * 5000, "as int: more than 4300 digits"),
        ("a: !!timestamp x", "cannot read 'x' as timestamp at line 1, column 4"),
        ("a: !!bool x", "cannot read 'x' as bool"),
        ("a: !!int ''", "cannot read '' as int"),
        ("a: !!float x", "cannot read 'x' as float"),
    ],
)
def test_yaml_values_their_tag_cannot_read_are_load_errors(text: str, message: str) -> None:
    with pytest.raises(LoadError, match="not valid YAML") as refused:
        cchc.loads(text, format="yaml", name="f.yaml")
    assert message in str(refused.value)
    assert str(refused.value).startswith("f.yaml: ")


def test_yaml_merge_keys_are_supported_and_explicit_keys_override() -> None:
    framework = datasets.framework("illustrative-district")
    text = cchc.dumps(framework, format="yaml")
    title = f"title_en: {framework.title_en}\n"
    assert title in text
    # the merge brings title_en (its own line removed) and code, which the written one overrides
    merged = text.replace(title, f"<<: {{{title.strip()}, code: other}}\n")
    assert title not in merged
    assert cchc.loads(merged, format="yaml") == framework
    anchored = text.replace("bands:\n- code: A\n", "bands:\n- &a\n  code: A\n").replace(
        "- code: B\n  label_vi: Tốt\n", "- <<: *a\n  code: B\n  label_vi: Tốt\n"
    )
    assert cchc.loads(anchored, format="yaml") == framework
    twice = text.replace(title, title + title)
    with pytest.raises(LoadError, match="'title_en' appears twice"):
        cchc.loads(twice, format="yaml")


def test_lone_surrogates_are_refused_from_text_json_and_python() -> None:
    framework = datasets.framework("illustrative-district")
    with pytest.raises(LoadError, match="lone surrogate"):
        cchc.loads("a: '\ud800'", format="yaml")
    text = cchc.dumps(framework)
    with pytest.raises(LoadError, match=r"at title_vi: not text: character 0 is a lone"):
        cchc.loads(text.replace('"title_vi": "', '"title_vi": "\\ud800', 1))
    with pytest.raises(ValidationError, match="lone surrogate"):
        type(framework).model_validate({**framework.model_dump(), "note": "x\udc80"})


def test_a_failed_dump_leaves_the_existing_file_whole(tmp_path: Path) -> None:
    framework = datasets.framework("illustrative-district")
    target = cchc.dump(framework, tmp_path / "f.json")
    before = target.read_bytes()
    broken = framework.model_construct(**{**dict(framework), "note": "x\udc80"})
    with pytest.raises(UnicodeEncodeError):
        cchc.dump(broken, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_dump_keeps_permissions_and_writes_through_links(tmp_path: Path) -> None:
    framework = datasets.framework("illustrative-district")
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    cchc.dump(framework, link)
    assert link.is_symlink()
    assert cchc.load(real) == framework
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.parametrize("name", ["a\x00b", "a\ud800.json"])
def test_odd_names_are_load_errors_and_refused_writes(name: str, tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="not a valid file name"):
        cchc.load(name)
    with pytest.raises(OSError, match="not a valid file name"):
        cchc.dump(datasets.framework("illustrative-district"), tmp_path / name)


def test_what_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match=r"fifo: not a regular file \(a pipe\)"):
        cchc.load(fifo)  # would block for ever waiting for a writer
    with pytest.raises(LoadError, match=r"not a regular file \(a device\)"):
        cchc.load("/dev/zero")  # would be read for ever
    with pytest.raises(LoadError, match=r"not a regular file \(a directory\)"):
        cchc.load(tmp_path)


def test_a_file_past_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc import _files

    path = cchc.dump(datasets.framework("illustrative-district"), tmp_path / "f.json")
    monkeypatch.setattr(_files, "MAX_FILE_BYTES", 100)
    with pytest.raises(LoadError, match="more than the 100 a document may be"):
        cchc.load(path)


def test_products_are_exact_past_28_digits() -> None:
    """0.3349999999999999999999999999 × 3 is 1.0049999999999999999999999997: 1.00, not 1.01.

    In the 28-digit decimal context the product rounded to 1.005 first, then to 1.01.
    """
    rate = D("0.3349999999999999999999999999")
    for rule in (
        {"kind": "proportional"},
        {"kind": "tiers", "tiers": [{"threshold": "0", "fraction": str(rate)}]},
    ):
        framework = framework_with(leaf("1.1", "3", rule))
        value: Any = rate if rule["kind"] == "proportional" else D(1)
        card = cchc.score(framework, assess(framework, inputs={"1.1": value}))
        assert card.total == D("1.00")


@given(
    maximum=st.decimals(D("0.01"), D("99999999999"), places=2),
    rate=st.decimals(0, 1, places=9),
    rounding=st.sampled_from(["half-up", "half-even", "down", "up"]),
)
def test_card_and_batch_agree_to_the_last_digit(maximum: D, rate: D, rounding: str) -> None:
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    rules: list[dict[str, Any]] = [
        {"kind": "proportional"},
        {"kind": "tiers", "tiers": [{"threshold": "0", "fraction": str(rate)}]},
        {"kind": "survey"},
    ]
    framework = framework_with(
        *(leaf(f"1.{i}", str(maximum), rule) for i, rule in enumerate(rules, 1)),
        rounding=rounding,
    )
    inputs = {"1.1": rate, "1.2": D(1), "1.3": rate * 100}
    items = [assess(framework, inputs=inputs)]
    slow = cchc.score_round(framework, items).rows
    assert repr(score_table(RoundTable.from_assessments(framework, items)).rows) == repr(slow)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!map [1]", "expected a mapping node, but found sequence"),
        ('{"a": 1E-9999999999999999999}', "exponent is out of range"),
        ('{"type": "assessment", "year": 1E+999999999}', "at year: 1E+999999999 is out of range"),
        ('{"type": ' + "9" * 4000 + "}", "at type: a 13288-bit integer is out of range"),
        ("a: 1.0e+99999999999999999999", "numbers must be finite"),
    ],
)
def test_fuzzed_inputs_end_as_load_errors_at_once(text: str, message: str) -> None:
    """Found by scripts/fuzz.py: a TypeError, an InvalidOperation, and a year that hung."""
    with pytest.raises(LoadError) as refused:
        cchc.loads(text)
    assert message in str(refused.value)


def test_a_huge_integer_is_refused_before_pydantic_sees_it(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """pydantic-core printed "Exception ignored ... Exceeds the limit" for 10**5000."""
    with pytest.raises(LoadError, match="out of range"):
        validate({"type": 10**5000})
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    ("rate", "refused"),
    [
        ("0.1234567891", True),  # ten places that count: past the batch path's nine
        ("0.9500000000", False),  # ten places written, two that count
        ("1.0000000000000000000000000001", True),  # 29 digits: once truncated to 1
    ],
)
def test_the_batch_path_never_drops_a_digit(rate: str, refused: bool) -> None:
    """RoundTable once read 1.0000000000000000000000000001 as 1 (28-digit context)."""
    from cchc.scoring.batch import score_table
    from cchc.scoring.table import RoundTable

    framework = framework_with(leaf("1.1", "1", {"kind": "proportional"}))
    try:
        items = [assess(framework, inputs={"1.1": D(rate)})]
    except ValidationError:
        assert refused  # past 28 significant digits: refused by the document
        return
    if refused:
        with pytest.raises(ScoringError, match="more than 9 decimal places that count"):
            RoundTable.from_assessments(framework, items)
        assert cchc.score_round(framework, items).rows[0].points == D("0.12")
    else:
        rows = score_table(RoundTable.from_assessments(framework, items)).rows
        assert rows == cchc.score_round(framework, items).rows
