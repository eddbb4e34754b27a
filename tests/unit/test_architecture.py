"""The import contract in pyproject.toml is live: a planted violation makes lint-imports fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(exe), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "financehub_desktop", tmp_path / "financehub_desktop",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.slow
def test_the_real_tree_keeps_the_contract(tree: Path) -> None:
    done = _lint(tree)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("services/qt_leak.py", "import PySide6.QtWidgets\n", "Qt only in ui"),
        ("domain/upward.py", "from financehub_desktop.services import doctor\n", "Layers"),
        ("config/upward.py", "import financehub_desktop.ui.pages\n", "Layers"),
    ],
)
def test_a_planted_violation_is_caught(tree: Path, module: str, line: str, broken: str) -> None:
    (tree / "financehub_desktop" / module).write_text(line)
    done = _lint(tree)
    assert done.returncode != 0
    assert broken in done.stdout
    assert "BROKEN" in done.stdout
