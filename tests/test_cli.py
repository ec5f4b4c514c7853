"""The ``cchc`` command (cchc.cli)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from cchc import Phase, Programme, datasets, dump
from cchc.cli import main

SYMBOLS = ("6734/QĐ-UBND", "3504/QĐ-UBND", "76/NQ-CP")


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


# --- demo and show ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "heading", "clean"),
    [
        ("vi", "# Chuỗi chương trình", "Kiểm tra: không có phát hiện."),
        ("en", "# Programme cascade", "Check: no findings."),
    ],
)
def test_demo(lang: str, heading: str, clean: str) -> None:
    code, text = run("--lang", lang, "demo")
    assert code == 0
    assert text.startswith(heading + "\n")
    for symbol in SYMBOLS:
        assert f"- {symbol}: " in text
    groups = datasets.huong_son_programme().solution_groups
    assert len(groups) == 6
    for group in groups:
        title = group.label_vi if lang == "vi" else group.label_en
        assert f"{group.number}. {title}" in text
    assert f"\n{clean}\n" in text
    ranking_head = "| Hạng | Đơn vị |" if lang == "vi" else "| Rank | Unit |"
    assert ranking_head in text
    plan_head = "# Kế hoạch huong-son-2022" if lang == "vi" else "# Plan huong-son-2022"
    assert plan_head in text
    assert "KH-05" in text  # an overdue task of the illustrative plan
    heads = "# Trách nhiệm người đứng đầu" if lang == "vi" else "# Accountability of heads"
    assert heads in text
    assert text.count("\n| ") >= 25 + 1  # a row per commune, below the header


def test_demo_defaults_to_vietnamese() -> None:
    assert run("demo") == run("--lang", "vi", "demo")


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "demo"],
        ["demo", "--lang", "en"],
        ["--lang", "vi", "demo", "--lang", "en"],
    ],
    ids=["before", "after", "after-wins"],
)
def test_lang_before_or_after_the_command(argv: list[str]) -> None:
    code, text = run(*argv)
    assert code == 0
    assert text.startswith("# Programme cascade\n")
    assert "Chuỗi chương trình" not in text


@pytest.mark.parametrize("name", ["huong-son", "ha-tinh", "national"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_show(name: str, lang: str) -> None:
    programme = datasets.get(name)
    code, text = run("show", name, "--lang", lang)
    assert code == 0
    title = programme.title_vi if lang == "vi" else programme.label_en
    assert text.startswith(f"# {title}\n")
    assert programme.instrument.symbol in text
    assert f"{programme.start_year}–{programme.end_year}" in text


def test_show_an_unknown_programme(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["show", "quang-binh"], out=io.StringIO())
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "quang-binh" in err
    assert "huong-son" in err


# --- schema -------------------------------------------------------------------------------


def test_schema_to_stdout() -> None:
    code, text = run("schema")
    assert code == 0
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "Programme" in schema["$defs"]


def test_schema_validates_a_dumped_programme(tmp_path: Path) -> None:
    schema = json.loads(run("schema")[1])
    path = dump(datasets.huong_son_programme(), tmp_path / "hs.json")
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == []
    assert list(validator.iter_errors({"type": "programme"})) != []


def test_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "cchc.schema.json"
    code, text = run("schema", "-o", str(target))
    assert code == 0
    assert text == ""
    written = target.read_text(encoding="utf-8")
    assert written.endswith("\n")
    schema = json.loads(written)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json.loads(run("schema")[1])


def test_schema_to_an_unwritable_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-dir" / "schema.json"
    code, _ = run("schema", "-o", str(target))
    assert code == 2
    err = capsys.readouterr().err
    assert str(target) in err
    assert len(err.strip().splitlines()) == 1


# --- validate -----------------------------------------------------------------------------


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
    assert err.startswith(f"{tmp_path}: cannot read")


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


# --- usage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["demo", "--help"],
        ["show", "--help"],
        ["validate", "--help"],
        ["schema", "--help"],
        ["monitor", "--help"],
        ["score", "--help"],
        ["survey", "--help"],
        ["report", "--help"],
    ],
    ids=["cchc", "demo", "show", "validate", "schema", "monitor", "score", "survey", "report"],
)
def test_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv, out=io.StringIO())
    assert caught.value.code == 0
    out = capsys.readouterr().out
    command = " ".join(argv[:-1])
    assert out.startswith(f"usage: cchc {command}".rstrip())
    assert "--lang" in out
    # Every help page ends with the exit codes, one per line.
    codes = out[out.index("exit codes:") :].splitlines()
    assert [line.split()[0] for line in codes[1:] if line[:3].strip()] == ["0", "1", "2", "130"]


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "required"),
        (["validate"], "required"),
        (["--lang", "fr", "demo"], "invalid choice: 'fr'"),
        (["demo", "--verbose"], "unrecognized arguments"),
        (["monitor", "huong-son-plan-2022"], "--as-of"),
        (["score", "illustrative-district"], "required"),
        (["survey", "sipas-2640"], "required"),
        (["score", "x", "y", "--format", "xml"], "invalid choice: 'xml'"),
    ],
    ids=[
        "unknown-command",
        "no-command",
        "no-files",
        "bad-lang",
        "bad-option",
        "monitor-no-date",
        "score-no-assessments",
        "survey-no-responses",
        "bad-format",
    ],
)
def test_bad_usage_exits_2(
    argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv, out=io.StringIO())
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: cchc")
    assert complaint in err
    no_traceback(err)


def test_the_installed_console_script(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "cchc"
    assert script.exists()
    env = {**os.environ, "PYTHONUTF8": "1"}
    result = subprocess.run(
        [str(script), "--lang", "en", "demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for symbol in SYMBOLS:
        assert symbol in result.stdout
    assert "\nCheck: no findings.\n" in result.stdout
    assert result.stderr == ""


def test_the_console_script_exit_code_on_findings(tmp_path: Path) -> None:
    path = dump(overlapping(datasets.huong_son_programme()), tmp_path / "bad.json")
    script = Path(sys.executable).parent / "cchc"
    result = subprocess.run(
        [str(script), "validate", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1"},
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "[phase.overlap]" in result.stdout
