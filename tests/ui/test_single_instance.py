"""One FinanceHub per profile: a second start brings the first window to the front and opens nothing itself."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from financehub_desktop import app as fh_app
from financehub_desktop.config.locks import ExclusiveFileLock
from financehub_desktop.config.paths import profile_paths
from financehub_desktop.ui.single_instance import InstanceGuard, already_open_text

pytestmark = pytest.mark.usefixtures("qapp")


def test_a_second_guard_on_the_same_profile_is_refused_and_asks_the_first_to_show(qtbot: QtBot, tmp_path: Path) -> None:
    first = InstanceGuard(tmp_path / "financehub.lock")
    assert first.acquire()
    second = InstanceGuard(tmp_path / "financehub.lock")
    assert not second.acquire()
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        assert second.ask_running_instance_to_show()
    first.release()
    assert second.acquire()  # free again once the first app has gone
    second.release()


def test_other_profiles_are_independent(tmp_path: Path) -> None:
    one = InstanceGuard(tmp_path / "a" / "financehub.lock")
    other = InstanceGuard(tmp_path / "b" / "financehub.lock")
    assert one.acquire() and other.acquire()
    one.release()
    other.release()


def test_the_lock_of_a_killed_app_is_taken_over(tmp_path: Path) -> None:
    lock = tmp_path / "financehub.lock"
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from financehub_desktop.config.locks import ExclusiveFileLock\n"
        "lock = ExclusiveFileLock(Path(sys.argv[1]))\n"
        "assert lock.acquire()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(lock)], check=False, timeout=60)
    assert done.returncode == -9
    assert lock.exists()  # the dead app's lock file is still on disk
    guard = InstanceGuard(lock)
    assert guard.acquire()
    guard.release()


def test_a_store_command_holding_the_profile_keeps_the_app_out(tmp_path: Path) -> None:
    command = ExclusiveFileLock(tmp_path / "financehub.lock")  # e.g. `financehub store restore` running
    assert command.acquire()
    guard = InstanceGuard(tmp_path / "financehub.lock")
    assert not guard.acquire()
    assert not guard.ask_running_instance_to_show(timeout_ms=200)  # nobody to answer: the user is told instead
    command.release()
    assert guard.acquire()
    guard.release()


def test_starting_the_app_twice_on_a_profile_shows_the_first_window(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = profile_paths("default").ensure()
    monkeypatch.setattr(QMessageBox, "information", lambda *a: pytest.fail("the first app answered: no message"))
    with contextlib.ExitStack() as running, contextlib.ExitStack() as second_start:
        guard = fh_app.claim_profile(paths, running)
        assert guard is not None
        with qtbot.waitSignal(guard.activation_requested, timeout=5000):
            assert fh_app.claim_profile(paths, second_start) is None
    with contextlib.ExitStack() as later:  # closed: the profile can be opened again
        assert fh_app.claim_profile(paths, later) is not None


def test_when_the_first_app_does_not_answer_the_user_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = profile_paths("default").ensure()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(InstanceGuard, "ask_running_instance_to_show", lambda self: False)
    with contextlib.ExitStack() as running, contextlib.ExitStack() as second_start:
        assert fh_app.claim_profile(paths, running) is not None
        assert fh_app.claim_profile(paths, second_start) is None
    assert shown == [already_open_text("default")]
    assert "default" in shown[0]


FIRST_APP = r"""
import sys
from financehub_desktop.app import prepare_qt_environment
prepare_qt_environment()
import PySide6.QtWebEngineWidgets
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from financehub_desktop.ui.main_window import MainWindow
app = QApplication(sys.argv)
shown = MainWindow.bring_to_front
def bring_to_front(self):
    shown(self)
    print("brought to front", flush=True)
    QTimer.singleShot(100, self.close)
MainWindow.bring_to_front = bring_to_front
QTimer.singleShot(60000, lambda: [w.close() for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow"])
from financehub_desktop import app as fh_app
print("exited", fh_app.run(profile="default", demo=True, argv=sys.argv), flush=True)
"""
SECOND_APP = r"""
import sys
from financehub_desktop import app as fh_app
print("exited", fh_app.run(profile="default", demo=True, argv=sys.argv), flush=True)
"""


@pytest.mark.slow
@pytest.mark.webengine
def test_a_second_start_of_the_real_app_shows_the_first_window_and_exits(tmp_path: Path) -> None:
    env = dict(os.environ, FINANCEHUB_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    log = tmp_path / "home" / "demo" / "logs" / "financehub.log"
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_APP], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not (log.exists() and "window shown" in log.read_text()):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the first app never showed its window"
            time.sleep(0.1)
        second = subprocess.run(
            [sys.executable, "-c", SECOND_APP], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert second.returncode == 0, second.stderr[-3000:]
        assert "exited 0" in second.stdout
        out, err = first.communicate(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err[-3000:]
    assert "brought to front" in out and "exited 0" in out
    text = log.read_text()
    assert "profile demo is already open in another process" in text
    assert text.count("window shown") == 1  # the second start opened nothing
    assert text.count("demo sandbox listening") == 1
