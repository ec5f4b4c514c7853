"""``cchc validate FILE...``: every file checked together, findings by file, failures one line."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from cchc import Phase, Programme, datasets, dump, dumps
from cchc.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def no_traceback(text: str) -> None:
    assert "Traceback" not in text


def overlapping(programme: Programme) -> Programme:
    """The programme with its second phase starting inside the first (an error)."""
    first, second, *rest = programme.phases
    changed: tuple[Phase, ...] = (first, second.model_copy(update={"start_year": 2025}), *rest)
    return programme.model_copy(update={"phases": changed})


def test_validate_a_clean_file(tmp_path: Path) -> None:
    path = dump(datasets.huong_son_programme(), tmp_path / "huong-son.json")
    code, text = run("validate", str(path))
    assert code == 0
    assert text.strip() == "Kiểm tra: không có phát hiện."


def test_validate_the_cascade_in_three_files(tmp_path: Path) -> None:
    paths = [str(dump(p, tmp_path / f"{p.code}.json")) for p in datasets.programmes()]
    code, text = run("--lang", "en", "validate", *paths)
    assert code == 0
    assert text.strip() == "Check: no findings."


def test_validate_a_yaml_file(tmp_path: Path) -> None:
    path = dump(datasets.national_programme(), tmp_path / "national.yaml")
    assert path.read_text(encoding="utf-8").startswith("type: programme")
    assert run("validate", str(path))[0] == 0


def test_validate_a_file_with_errors(tmp_path: Path) -> None:
    path = dump(overlapping(datasets.huong_son_programme()), tmp_path / "bad.json")
    code, text = run("--lang", "en", "validate", str(path))
    assert code == 1
    lines = text.strip().splitlines()
    assert lines[0] == "Check: 1"
    assert lines[1].startswith(f"  - {path}: error: programme:huong-son-2021-2030 phases[1]: ")
    assert lines[1].endswith("[phase.overlap]")


def test_validate_json_output(tmp_path: Path) -> None:
    path = dump(overlapping(datasets.huong_son_programme()), tmp_path / "bad.json")
    code, text = run("validate", "--json", str(path))
    assert code == 1
    records = json.loads(text)
    assert isinstance(records, list)
    assert len(records) == 1
    (record,) = records
    assert record["file"] == str(path)
    assert record["code"] == "phase.overlap"
    assert record["severity"] == "error"
    assert record["path"] == ["phases", 1]
    assert record["document"] == "programme:huong-son-2021-2030"


def test_validate_json_output_when_clean(tmp_path: Path) -> None:
    path = dump(datasets.national_programme(), tmp_path / "national.json")
    code, text = run("validate", str(path), "--json")
    assert code == 0
    assert json.loads(text) == []


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    late = datasets.huong_son_programme().model_copy(update={"start_year": 2020})
    path = dump(late, tmp_path / "late.json")
    code, text = run("validate", str(path))
    assert code == 0
    assert "[programme.issued-late]" in text
    assert str(path) in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"a": NaN}', "not valid JSON"),
        ("", "not valid JSON"),
    ],
    ids=["broken", "nan", "empty"],
)
def test_validate_an_unparsable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, reason: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    code, text = run("validate", str(path))
    assert code == 2
    err = capsys.readouterr().err
    no_traceback(err)
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: ")
    assert reason in lines[0]
    assert text == ""


def test_validate_a_file_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"type": "programme", "title_vi": "Hà"}'.encode("latin-1"))
    assert run("validate", str(path))[0] == 2
    err = capsys.readouterr().err
    no_traceback(err)
    assert err.startswith(f"{path}: not UTF-8")


def test_validate_a_schema_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "incomplete.json"
    path.write_text('{"type": "programme", "code": "x"}', encoding="utf-8")
    code, _ = run("--lang", "en", "validate", str(path))
    assert code == 2
    err = capsys.readouterr().err
    no_traceback(err)
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{path}: ")
    assert lines[0].endswith("validation error(s)")
    assert run("validate", str(path))[0] == 2  # in Vietnamese by default
    assert capsys.readouterr().err.startswith(f"{path}: 8 lỗi dữ liệu không hợp lệ")
    assert any("title_vi" in line and "Field required" in line for line in lines[1:])


def test_validate_an_unknown_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "budget.json"
    path.write_text('{"type": "budget"}', encoding="utf-8")
    assert run("--lang", "en", "validate", str(path))[0] == 2
    err = capsys.readouterr().err
    no_traceback(err)
    assert err.startswith(f"{path}: 1 validation error(s)")


def test_validate_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing.json"
    code, text = run("validate", str(path))
    assert code == 2
    err = capsys.readouterr().err
    no_traceback(err)
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: ")
    assert "cannot read" in lines[0]
    assert text == ""


def test_validate_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate", str(tmp_path))[0] == 2
    err = capsys.readouterr().err
    no_traceback(err)
    assert err == f"{tmp_path}: not a regular file (a directory)\n"


def test_an_unreadable_file_beats_findings_but_the_rest_is_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = dump(overlapping(datasets.huong_son_programme()), tmp_path / "bad.json")
    missing = tmp_path / "missing.json"
    code, text = run("validate", str(missing), str(bad))
    assert code == 2
    assert "[phase.overlap]" in text
    assert str(missing) in capsys.readouterr().err


def test_findings_name_the_file_they_come_from(tmp_path: Path) -> None:
    programme = datasets.huong_son_programme()
    bad = dump(overlapping(programme), tmp_path / "bad.json")
    good = dump(programme, tmp_path / "good.json")
    code, text = run("validate", "--json", str(bad), str(good))
    assert code == 1
    files = {record["code"]: record["file"] for record in json.loads(text)}
    assert files == {"phase.overlap": str(bad), "code.duplicate": str(good)}


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("fifo", "not a regular file (a pipe)"),
        ("device", "not a regular file (a device)"),
        ("impossible-date", "cannot read '2024-02-30' as timestamp: day is out of range"),
        ("surrogate", "not text: character 0 is a lone surrogate"),
        ("huge-exponent", "1E-999999999 has digits finer than 28 decimal places"),
    ],
)
def test_what_cannot_be_a_document_is_named_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, reason: str
) -> None:
    """A FIFO or /dev/zero was once read for ever; a huge exponent hung the scoring."""
    path = tmp_path / ("x.json" if kind == "surrogate" else "x.yaml")
    framework = dumps(datasets.framework("illustrative-district"), format="yaml")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "impossible-date":
        path.write_text("type: framework\nyear: 2024-02-30\n", encoding="utf-8")
    elif kind == "surrogate":
        path.write_text('{"title_vi": "\\ud800"}', encoding="utf-8")
    elif kind == "huge-exponent":
        path.write_text(framework.replace("max_points: '100'", "max_points: 1E-999999999", 1))
    name = "/dev/zero" if kind == "device" else str(path)
    for argv in (["validate", name], ["score", name, name]):
        assert run(*argv)[0] == 2
        err = capsys.readouterr().err
        no_traceback(err)
        assert err.startswith(name)
        assert reason in err
        assert len(err.splitlines()) == (2 if kind == "huge-exponent" else 1)


def test_a_line_break_in_a_key_stays_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by fuzzing: a U+2028 in a key split the validation error over two lines."""
    path = tmp_path / "x.json"
    path.write_text('{"type": "framework", "\\u2028": 1, "x\\ny": 2}', encoding="utf-8")
    assert run("validate", str(path))[0] == 2
    err = capsys.readouterr().err
    assert "framework.\\u2028: Extra inputs are not permitted" in err
    assert "framework.x\\ny: Extra inputs are not permitted" in err
    assert all(line.startswith(("  - ", str(path))) for line in err.splitlines())
