"""``financehub store ...`` end to end through ``cli.main`` (headless, passphrase files, no keyring)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from financehub_desktop.cli import main

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
