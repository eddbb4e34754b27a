"""The sandbox Connect page in QtWebEngine: pick Pluggy Bank, fill the form by JavaScript, and read the progress the
page writes into its own URL query (events, item_id, item_status, execution_status), as the app's Connect view will."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.sandbox.server import serve_in_thread
from tests.support.webengine import choose_connector, fill_and_submit, wait_for_element

pytestmark = [pytest.mark.webengine, pytest.mark.qt_log_ignore("Failed to create RHI.*", "GPUInfo not initialized.*")]


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    with serve_in_thread(SandboxConfig(step_seconds=0.05)) as url:
        yield url


def connect_token(url: str) -> tuple[str, str]:
    with httpx.Client(base_url=url, timeout=5) as client:
        key = client.post("/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET})
        api_key = key.json()["apiKey"]
        token = client.post("/connect_token", headers={"X-API-KEY": api_key}).json()["accessToken"]
    return api_key, token


def query(view: Any) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(view.url().toString()).query).items()}


def events(view: Any) -> list[str]:
    return query(view).get("events", "").split(",")


def open_page(qtbot: Any, url: str, token: str) -> Any:
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(480, 720)
    view.load(QUrl(f"{url}/connect?connect_token={token}&with_sandbox=true&lang=pt"))
    qtbot.waitUntil(lambda: "OPEN" in events(view), timeout=15_000)
    return view


def test_login_with_user_ok_reports_success_in_the_url(qtbot: Any, sandbox_url: str) -> None:
    api_key, token = connect_token(sandbox_url)
    view = open_page(qtbot, sandbox_url, token)
    choose_connector(qtbot, view, 2)
    fill_and_submit(qtbot, view, {"user": "user-ok", "password": "password-ok"}, "submit-credentials")
    qtbot.waitUntil(lambda: events(view)[-1] in ("SUCCESS", "ERROR"), timeout=20_000)
    result = query(view)
    assert events(view)[-1] == "SUCCESS", result
    assert {"OPEN", "SELECTED_INSTITUTION", "SUBMITTED_LOGIN", "ITEM_RESPONSE", "LOGIN_SUCCESS"} <= set(events(view))
    assert (result["item_status"], result["execution_status"]) == ("UPDATED", "SUCCESS")
    assert (result["connector_id"], result["connector_name"]) == ("2", "Pluggy Bank")
    assert result["connect_token"] == token
    item = httpx.get(f"{sandbox_url}/items/{result['item_id']}", headers={"X-API-KEY": api_key}, timeout=5).json()
    assert item["status"] == "UPDATED"


def test_client_side_validation_and_mfa_step(qtbot: Any, sandbox_url: str) -> None:
    _, token = connect_token(sandbox_url)
    view = open_page(qtbot, sandbox_url, token)
    choose_connector(qtbot, view, 8)
    fill_and_submit(qtbot, view, {"user": "bob", "password": "password-ok"}, "submit-credentials")
    shown: list[Any] = []
    view.page().runJavaScript("document.getElementById('user-error').textContent", 0, shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert "user-" in shown[0]
    assert "SUBMITTED_LOGIN" not in events(view)
    fill_and_submit(qtbot, view, {"user": "user-ok"}, "submit-credentials")
    qtbot.waitUntil(lambda: query(view).get("item_status") == "WAITING_USER_INPUT", timeout=20_000)
    wait_for_element(qtbot, view, "token")
    fill_and_submit(qtbot, view, {"token": "123456"}, "submit-mfa")
    qtbot.waitUntil(lambda: events(view)[-1] in ("SUCCESS", "ERROR"), timeout=20_000)
    assert events(view)[-1] == "SUCCESS"
    assert {"SUBMITTED_MFA", "LOGIN_MFA_SUCCESS"} <= set(events(view))


def test_wrong_password_reports_error_with_message(qtbot: Any, sandbox_url: str) -> None:
    _, token = connect_token(sandbox_url)
    view = open_page(qtbot, sandbox_url, token)
    choose_connector(qtbot, view, 2)
    fill_and_submit(qtbot, view, {"user": "user-ok", "password": "wrong-one"}, "submit-credentials")
    qtbot.waitUntil(lambda: events(view)[-1] == "ERROR", timeout=20_000)
    result = query(view)
    assert result["execution_status"] == "INVALID_CREDENTIALS"
    assert result["error"] == "Invalid credentials."


def test_update_mode_patches_the_existing_item(qtbot: Any, sandbox_url: str) -> None:
    api_key, _ = connect_token(sandbox_url)
    headers = {"X-API-KEY": api_key}
    with httpx.Client(base_url=sandbox_url, timeout=5, headers=headers) as client:
        item = client.post(
            "/items", json={"connectorId": 2, "parameters": {"user": "user-ok", "password": "wrong-pass"}}
        ).json()
        qtbot.waitUntil(lambda: client.get(f"/items/{item['id']}").json()["status"] == "LOGIN_ERROR", timeout=10_000)
        token = client.post("/connect_token", json={"itemId": item["id"]}).json()["accessToken"]
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    qtbot.addWidget(view)
    view.load(QUrl(f"{sandbox_url}/connect?connect_token={token}&update_item={item['id']}"))
    wait_for_element(qtbot, view, "password")
    fill_and_submit(qtbot, view, {"user": "user-ok", "password": "password-ok"}, "submit-credentials")
    qtbot.waitUntil(lambda: events(view)[-1] in ("SUCCESS", "ERROR"), timeout=20_000)
    assert events(view)[-1] == "SUCCESS"
    assert query(view)["item_id"] == item["id"]
