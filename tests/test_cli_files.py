"""Files the commands write are whole or absent; Ctrl-C is a line and exit 130."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.cli import _documents, main
from cchc.cli._common import EXIT_INTERRUPTED, EXIT_UNREADABLE, CommandFailed, write_file


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    write_file(str(target), "Hương Sơn\n", "en")
    assert target.read_bytes() == "Hương Sơn\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask()
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    write_file(str(target), "new", "en")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_debris(
    failure: BaseException, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def fail(self: Path, other: Path) -> Path:
        raise failure

    monkeypatch.setattr(Path, "replace", fail)
    if isinstance(failure, OSError):
        with pytest.raises(CommandFailed) as raised:
            write_file(str(target), "new", "en")
        assert raised.value.code == EXIT_UNREADABLE
        assert raised.value.message == f"{target}: cannot write the file: No space left on device"
    else:
        with pytest.raises(KeyboardInterrupt):
            write_file(str(target), "new", "en")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_written_to_not_replaced() -> None:
    write_file("/dev/null", "text", "en")
    assert Path("/dev/null").is_char_device()


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(CommandFailed, match="cannot write the file"):
        write_file(str(tmp_path), "text", "en")
    assert tmp_path.is_dir()


@pytest.mark.parametrize(("lang", "said"), [("en", "interrupted"), ("vi", "đã dừng")])
def test_ctrl_c_is_one_line_and_exit_130(
    lang: str, said: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_documents, "show", interrupted)
    assert main(["--lang", lang, "show", "huong-son"], out=io.StringIO()) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == f"\n{said}\n"


def test_a_symlink_is_written_through_and_modes_are_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_file(str(link), "new", "en")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_schema_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert main(["schema", "-o", "-"], out=out) == 0
    assert out.getvalue().startswith("{")
    assert list(tmp_path.iterdir()) == []


def test_dev_stdout_appends_to_a_redirected_log(tmp_path: Path) -> None:
    """``cchc schema -o /dev/stdout >> log`` keeps what the log held."""
    log = tmp_path / "log.txt"
    log.write_text("before\n", encoding="utf-8")
    command = "import sys; from cchc.cli import main; sys.exit(main())"
    with log.open("a", encoding="utf-8") as handle:
        ran = subprocess.run(
            [sys.executable, "-c", command, "schema", "-o", "/dev/stdout"],
            stdout=handle,
            check=False,
        )
    assert ran.returncode == 0
    text = log.read_text(encoding="utf-8")
    assert text.startswith("before\n{")


def test_a_read_only_file_is_refused_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o444)
    monkeypatch.setattr(os, "access", lambda *_: False)  # as for any user but root
    with pytest.raises(CommandFailed, match="Permission denied"):
        write_file(str(target), "new", "en")
    assert target.read_text(encoding="utf-8") == "old"
