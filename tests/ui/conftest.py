from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from financehub_desktop.ui.i18n import install_translator

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("FINANCEHUB_SCREENSHOTS", ROOT / "screenshots"))


@pytest.fixture
def pt_br(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "pt_BR")
    yield
    install_translator(qapp, "en")


@pytest.fixture
def english(qapp: QApplication) -> None:
    install_translator(qapp, "en")


def save_screenshot(widget: QWidget, name: str) -> Path:
    """Screenshots land in ./screenshots (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


from tests.support.sample_store import bus, store  # noqa: E402  (shared fixtures: a seeded encrypted store)

__all__ = ["bus", "english", "pt_br", "save_screenshot", "store"]
