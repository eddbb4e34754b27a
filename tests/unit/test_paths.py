from __future__ import annotations

import os
from pathlib import Path

import pytest

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.domain.errors import DataDirUnwritableError, InvalidInputError


def test_financehub_home_holds_each_profile_apart(isolated_home: Path) -> None:
    default = profile_paths("default")
    demo = profile_paths("demo")
    assert default.data_dir == isolated_home / "default" / "data"
    assert demo.database != default.database
    assert demo.key_file.parent == isolated_home / "demo" / "data"


def test_platform_dirs_without_financehub_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FINANCEHUB_HOME")
    paths = profile_paths("default")
    assert "financehub-desktop" in str(paths.data_dir)
    assert str(paths.data_dir).startswith(str(tmp_path))  # XDG folders point into the test's tmp


def test_ensure_creates_private_folders() -> None:
    paths = profile_paths("default").ensure()
    for folder in (paths.data_dir, paths.config_dir, paths.log_dir):
        assert folder.is_dir()
        assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_names_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("FINANCEHUB_HOME", str(locked))
    with pytest.raises(DataDirUnwritableError) as info:
        profile_paths("default").ensure()
    assert str(locked) in info.value.detail


def test_unwritable_folder_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A regular file where a folder must be: fails for root too.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("FINANCEHUB_HOME", str(blocker))
    with pytest.raises(DataDirUnwritableError) as info:
        profile_paths("default").ensure()
    assert str(blocker) in info.value.detail


@pytest.mark.parametrize("bad", ["", "../etc", "Demo", "a b", "x" * 50])
def test_profile_names_are_checked(bad: str) -> None:
    with pytest.raises(InvalidInputError):
        profile_paths(bad)
