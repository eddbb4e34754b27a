"""``financehub store ...`` end to end through ``cli.main`` (headless, passphrase files, no keyring)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from financehub_desktop.cli import main
from financehub_desktop.config.locks import ExclusiveFileLock
from financehub_desktop.config.paths import profile_paths

pytestmark = pytest.mark.usefixtures("no_keyring")


@pytest.fixture
def secrets(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, value in {
        "master": "my master passphrase",
        "backup": "backup secret pass",
        "new": "a new passphrase",
    }.items():
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_text(value + "\n")
    return out


def test_store_commands_round_trip(
    secrets: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master = ["store", "--passphrase-file", str(secrets["master"])]
    assert main([*master, "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["key"] == "passphrase"
    assert info["schema_revision"] == "0005"
    assert main([*master, "check"]) == 0
    backup = tmp_path / "out" / "store.fhbackup"
    assert main([*master, "backup", str(backup), "--backup-passphrase-file", str(secrets["backup"])]) == 0
    assert backup.exists()
    capsys.readouterr()
    assert main([*master, "restore", str(backup), "--backup-passphrase-file", str(secrets["master"])]) == 1
    assert "wrong_passphrase" in capsys.readouterr().err
    assert main([*master, "restore", str(backup), "--backup-passphrase-file", str(secrets["backup"])]) == 0
    assert main([*master, "change-passphrase", "--new-passphrase-file", str(secrets["new"])]) == 0
    assert main([*master, "info"]) == 1  # the old passphrase no longer opens it
    assert "wrong_passphrase" in capsys.readouterr().err
    assert main(["store", "--passphrase-file", str(secrets["new"]), "rotate-key"]) == 0
    assert main(["store", "--passphrase-file", str(secrets["new"]), "check"]) == 0


def test_without_passphrase_or_terminal_the_error_is_clear(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "info"]) == 1
    err = capsys.readouterr().err
    assert "FINANCEHUB_PASSPHRASE" in err


@pytest.mark.parametrize(
    "action",
    [["rotate-key"], ["restore", "BACKUP"], ["change-passphrase", "--new-passphrase-file", "NEW"], ["use-keyring"]],
)
def test_commands_that_replace_the_database_or_its_key_wait_for_the_app_to_close(
    secrets: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], action: list[str]
) -> None:
    master = ["store", "--passphrase-file", str(secrets["master"])]
    backup = tmp_path / "b.fhbackup"
    assert main([*master, "backup", str(backup)]) == 0
    paths = profile_paths("default")
    before = (paths.database.read_bytes(), paths.key_file.read_bytes())
    args = [str(backup) if a == "BACKUP" else str(secrets["new"]) if a == "NEW" else a for a in action]
    app = ExclusiveFileLock(paths.instance_lock)  # FinanceHub has the profile open
    assert app.acquire()
    try:
        capsys.readouterr()
        assert main([*master, *args]) != 0
        err = capsys.readouterr().err
        assert "perfil está aberto" in err or "profile is open" in err.lower()
        assert (paths.database.read_bytes(), paths.key_file.read_bytes()) == before  # nothing changed
    finally:
        app.release()
    if action[0] != "use-keyring":  # (no keyring in this test: that one fails for its own reason)
        assert main([*master, *args]) == 0  # once the app is closed


def test_reading_commands_run_while_the_app_is_open(secrets: dict[str, Path], tmp_path: Path) -> None:
    master = ["store", "--passphrase-file", str(secrets["master"])]
    assert main([*master, "info"]) == 0
    app = ExclusiveFileLock(profile_paths("default").instance_lock)
    assert app.acquire()
    try:
        assert main([*master, "info"]) == 0
        assert main([*master, "check"]) == 0
        assert main([*master, "backup", str(tmp_path / "while-open.fhbackup")]) == 0
    finally:
        app.release()
