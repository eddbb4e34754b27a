from __future__ import annotations

import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from financehub_desktop.ui.crash import build_crash_dialog

SECRET_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.Q0FOQVJZc2lnbmF0dXJl"


def test_crash_dialog_points_to_the_log_and_hides_secrets(qtbot: QtBot, tmp_path: Path) -> None:
    try:
        raise RuntimeError(f"failed with apiKey={SECRET_JWT}")
    except RuntimeError as exc:
        box = build_crash_dialog(exc, sys.exc_info()[2], tmp_path / "financehub.log")
    qtbot.addWidget(box)
    assert str(tmp_path / "financehub.log") in box.informativeText()
    details = box.detailedText()
    assert "RuntimeError" in details
    assert "Traceback" in details
    assert SECRET_JWT not in details
