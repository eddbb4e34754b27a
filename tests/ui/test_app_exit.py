"""The real entry point opens a window holding a QWebEngineView, closes it, and exits 0 (PLATFORM.md gotcha 1:
a second aboutToQuit after a web view existed segfaults; the app must run its loop exactly once).

It runs in demo mode: the embedded sandbox starts and stops with the app, and no first-run dialog waits for a
click (a fresh profile outside demo mode asks "connect my banks or try the demo" first)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import os, sys
from financehub_desktop.app import prepare_qt_environment
prepare_qt_environment()
import PySide6.QtWebEngineWidgets
from PySide6.QtCore import QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)

def add_web_view_then_close():
    window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
    view = QWebEngineView(window)
    view.setHtml("<html><body><h1>web view</h1></body></html>")
    view.show()
    def close():
        print("closing", flush=True)
        window.close()
    view.loadFinished.connect(lambda ok: QTimer.singleShot(300, close))
    QTimer.singleShot(20000, close)  # never hang the test

QTimer.singleShot(200, add_web_view_then_close)
from financehub_desktop import app as fh_app
code = fh_app.run(profile="default", demo=True, argv=sys.argv)
print("exited", code, flush=True)
sys.exit(code)
"""


@pytest.mark.slow
@pytest.mark.webengine
def test_window_with_web_view_exits_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["FINANCEHUB_HOME"] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"exit {done.returncode}\nstdout:{done.stdout}\nstderr:{done.stderr[-3000:]}"
    assert "closing" in done.stdout
    assert "exited 0" in done.stdout
    log = (tmp_path / "home" / "demo" / "logs" / "financehub.log").read_text()
    assert "demo sandbox listening on http://127.0.0.1:" in log
    assert "window shown (profile demo, demo True)" in log
    assert "uncaught exception" not in log  # closing the session (HTTP pool, store) raised nothing
