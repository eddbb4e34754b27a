from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from financehub_desktop import __version__, cli


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("doctor", "demo"):
        assert command in out


@pytest.mark.parametrize("argv", [["--frobnicate"], ["doctor", "--nope"], ["no-such-command"]])
def test_bad_usage_exits_2_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage: financehub" in err and "error:" in err


def test_doctor_with_a_keyring(capsys: pytest.CaptureFixture[str], isolated_home: Path) -> None:
    assert cli.main(["doctor", "--no-qt"]) == 0
    out = capsys.readouterr().out
    assert __version__ in out
    assert "SQLCipher" in out and "4." in out
    assert "MemoryKeyring" in out
    assert "not needed" in out
    assert str(isolated_home / "default" / "data") in out


@pytest.mark.usefixtures("no_keyring")
def test_doctor_without_a_keyring_says_the_passphrase_is_needed(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["doctor", "--no-qt"]) == 0
    out = capsys.readouterr().out
    assert "fail.Keyring" in out
    assert "needed: no usable keyring" in out


def test_doctor_reports_qt_and_webengine(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["doctor"])
    out = capsys.readouterr().out
    assert "WebEngine importable" in out


def test_unwritable_data_dir_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("FINANCEHUB_HOME", str(blocker))
    monkeypatch.setenv("FINANCEHUB_LANGUAGE", "en")
    assert cli.main(["demo"]) == cli.EXIT_KNOWN_ERROR
    err = capsys.readouterr().err
    assert "The data folder is not writable" in err
    assert str(blocker) in err
    assert "Traceback" not in err


def test_a_bug_exits_70_without_a_traceback_on_screen(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(cli, "cmd_doctor", broken)
    assert cli.main(["doctor"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err
    log_file = isolated_home / "default" / "logs" / "financehub.log"
    assert str(log_file) in err
    logged = log_file.read_text()
    assert "Traceback" in logged and "kaboom" in logged


def test_the_console_script_runs() -> None:
    exe = Path(sys.executable).with_name("financehub")
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert __version__ in done.stdout
