"""Fixtures every test needs: isolation from the real profile and keyring, and coroutines under Qt.

QtWebEngine must be imported before the QApplication exists (PLATFORM.md gotcha 3), so it is imported here,
before pytest-qt's ``qapp`` fixture can create one.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Child processes (the app, sync and store subprocess tests) must never reach a developer's real keyring: they see
# no keyring at all, as in CI; tests in this process use the in-memory keyring below.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import PySide6.QtWebEngineWidgets  # noqa: F401  (before any QApplication)

T = TypeVar("T")
SHARED_DIR_ENV = "FINANCEHUB_SHARED_DIR"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in memory: tests never touch the developer's real keyring."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError as exc:
            raise keyring.errors.PasswordDeleteError(username) from exc


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring) -> Iterator[None]:
    """The headless case: no usable keyring backend (``fail.Keyring``)."""
    keyring.set_keyring(fail.Keyring())
    return


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own FINANCEHUB_HOME and XDG folders; nothing leaks into the real profile."""
    home = tmp_path / "financehub-home"
    monkeypatch.setenv("FINANCEHUB_HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / var.lower()))
    for var in (
        "FINANCEHUB_PASSPHRASE",
        "FINANCEHUB_LANGUAGE",
        "PLUGGY_API_URL",
        "PLUGGY_CLIENT_ID",
        "FINANCEHUB_RELAY_URL",
        "FINANCEHUB_PROFILE",
    ):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True)
def _reset_logging() -> Iterator[None]:
    """Handlers installed by one test (files in its tmp dir, captured streams) must not outlive it."""
    yield
    from financehub_desktop.config.logs import remove_handlers

    remove_handlers()


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project (or $FINANCEHUB_SHARED_DIR); skips with a reason when absent."""
    candidate = Path(os.environ.get(SHARED_DIR_ENV, Path(__file__).resolve().parents[1].parent / "shared"))
    if not (candidate / "pluggy-openapi.json").exists():
        pytest.skip(f"pluggy-openapi.json not found in {candidate}; set {SHARED_DIR_ENV} to the shared folder")
    return candidate


# ---------------------------------------------------------------------------------------------- Qt + asyncio
@pytest.fixture(scope="session")
def _session_qloop(qapp: Any) -> asyncio.AbstractEventLoop:
    """One qasync loop for the whole session, never run/stopped/closed (PLATFORM.md gotchas 1 and 2).

    ``already_running=True`` registers it as this thread's *running* loop; left that way, every later
    pytest-asyncio test and ``asyncio.run`` refuse to start. So it is running only while a test asks for ``qloop``.
    """
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.events._set_running_loop(None)
    return loop


@pytest.fixture
def qloop(_session_qloop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    """The Qt loop, current and running for this test (Qt code that starts tasks, ``run_async``)."""
    asyncio.set_event_loop(_session_qloop)
    asyncio.events._set_running_loop(_session_qloop)
    yield _session_qloop
    asyncio.events._set_running_loop(None)


@pytest.fixture
def run_async(qtbot: Any, qloop: asyncio.AbstractEventLoop) -> Callable[..., Any]:
    """Run a coroutine on the Qt loop while pytest-qt pumps events: ``result = run_async(coro, timeout=5000)``."""

    def run(coro: Coroutine[Any, Any, T], timeout: int = 10_000) -> T:
        task = qloop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=timeout)
        return task.result()

    return run
