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
