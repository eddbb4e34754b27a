"""What happens before the main window: first run, demo sandbox, unlock."""

from __future__ import annotations

import contextlib
import json

import httpx
import pytest

from financehub_desktop import app as fh_app
from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.store.keys import DEMO_KDF, ScryptParams
from financehub_desktop.ui.start_dialogs import FirstRunDialog, UnlockDialog

pytestmark = pytest.mark.usefixtures("qapp")  # the dialogs need a QApplication


def test_first_run_choosing_the_demo_starts_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    def choose_demo(dialog: FirstRunDialog) -> int:
        dialog.choice = "demo"
        return FirstRunDialog.DialogCode.Accepted

    monkeypatch.setattr(FirstRunDialog, "exec", choose_demo)
    with contextlib.ExitStack() as stack:
        session = fh_app.choose_session("default", False, stack)
        assert session is not None
        assert session.demo
        assert session.paths.profile == "demo"
        assert session.settings.pluggy_api_url.startswith("http://127.0.0.1:")
        assert session.connect_url == f"{session.settings.pluggy_api_url}/connect"
        assert session.credentials is not None
        # the embedded sandbox answers on loopback while the session lives
        response = httpx.get(session.connect_url, params={"connect_token": "x"}, timeout=10)
        assert response.status_code in (200, 401, 403)
    with pytest.raises(httpx.ConnectError):
        httpx.get(session.connect_url, timeout=2)  # and stops with it


def test_first_run_cancelled_opens_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FirstRunDialog, "exec", lambda dialog: FirstRunDialog.DialogCode.Rejected)
    with contextlib.ExitStack() as stack:
        assert fh_app.choose_session("default", False, stack) is None


def test_an_existing_profile_skips_the_first_run(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = profile_paths("default").ensure()
    paths.database.write_bytes(b"")  # the profile has data already
    monkeypatch.setattr(FirstRunDialog, "exec", lambda dialog: pytest.fail("the first-run dialog must not open"))
    with contextlib.ExitStack() as stack:
        session = fh_app.choose_session("default", False, stack)
    assert session is not None
    assert not session.demo


@pytest.mark.usefixtures("no_keyring")
def test_the_demo_opens_without_questions_even_without_a_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(UnlockDialog, "exec", lambda dialog: pytest.fail("the demo must not ask for a passphrase"))
    session = fh_app.Session(profile_paths("demo").ensure(), Settings(), True, "http://127.0.0.1:9/connect", None)
    services = fh_app.open_services(session)
    assert services is not None
    assert services.paths.key_file.exists()  # locked with the demo's fixed passphrase, not stored in plain text
    services.store.close()
    # that passphrase is public, so the demo does not pay for key stretching at every start; real profiles do
    assert json.loads(services.paths.key_file.read_text())["kdf"]["n"] == DEMO_KDF.n < ScryptParams().n


@pytest.mark.usefixtures("no_keyring")
def test_a_real_profile_without_a_keyring_asks_for_a_new_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    def answer(dialog: UnlockDialog) -> int:
        asked.append(dialog.creating)
        dialog.passphrase.setText("uma senha mestra longa")
        return UnlockDialog.DialogCode.Accepted

    monkeypatch.setattr(UnlockDialog, "exec", answer)
    session = fh_app.Session(profile_paths("default").ensure(), Settings(), False, "https://connect.pluggy.ai/", None)
    services = fh_app.open_services(session)
    assert services is not None
    assert asked == [True]  # first time: choose one
    assert json.loads(services.paths.key_file.read_text())["kdf"]["n"] == ScryptParams().n  # full key stretching
    services.store.close()
    asked.clear()
    services = fh_app.open_services(session)
    assert services is not None
    assert asked == [False]  # then: type it to unlock
    services.store.close()
