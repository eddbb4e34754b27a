"""The Connect dialog turns a page's URL rewrites into signals, and sends foreign links to the system browser.

A tiny page served on 127.0.0.1 plays the Connect widget's standalone mode (history.replaceState of its query).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from financehub_desktop.ui.connect.dialog import ConnectDialog
from financehub_desktop.ui.connect.url_events import ConnectOptions, ConnectUrlEvent

from .conftest import save_screenshot

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Fake Connect</title></head>
<body style="font-family: sans-serif"><h2>Pluggy Connect (test double)</h2><div id="state">loading</div>
<a id="external" href="https://bank.example.com/help">help</a>
<script>
const params = new URLSearchParams(location.search);
const scenario = params.get("scenario") || "success";
let history = [];
function report(event, extra) {
  history.push(event);
  const q = new URLSearchParams(location.search);
  q.set("events", history.join(","));
  q.set("timestamp", String(Date.now() + history.length));
  for (const [k, v] of Object.entries(extra || {})) q.set(k, v);
  window.history.replaceState(null, "", location.pathname + "?" + q.toString());
  document.getElementById("state").textContent = history.join(" > ");
}
report("OPEN");
setTimeout(() => report("SELECTED_INSTITUTION", {connector_id: "2", connector_name: "Pluggy Bank"}), 50);
setTimeout(() => report("SUBMITTED_LOGIN"), 100);
if (scenario === "success") {
  setTimeout(() => report("SUCCESS", {item_id: "item-123", item_status: "UPDATED", execution_status: "SUCCESS"}), 150);
} else {
  setTimeout(() => report("ERROR", {item_id: "item-9", error: "Usuário ou senha inválidos"}), 150);
}
</script></body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def connect_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.handle_error = lambda *args: None  # type: ignore[method-assign]  # the browser may drop connections
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/connect"
    server.shutdown()
    server.server_close()


@pytest.mark.webengine
def test_success_is_reported_with_the_item_id(qtbot: QtBot, connect_server: str, tmp_path: Path) -> None:
    dialog = ConnectDialog(connect_server, ConnectOptions(connect_token="tok", include_sandbox=True))
    qtbot.addWidget(dialog)
    events: list[ConnectUrlEvent] = []
    dialog.event_received.connect(events.append)
    dialog.show()
    with qtbot.waitSignal(dialog.succeeded, timeout=20_000) as blocker:
        pass
    assert blocker.args == ["item-123"]
    names = [e.event for e in events]
    assert names[0] == "OPEN"
    assert names[-1] == "SUCCESS"
    assert "SUBMITTED_LOGIN" in names
    assert len(names) == len(set(names))  # each event delivered once
    assert dialog.item_id == "item-123"


@pytest.mark.webengine
def test_error_is_reported_with_its_message(qtbot: QtBot, connect_server: str) -> None:
    dialog = ConnectDialog(connect_server + "?scenario=error", ConnectOptions(connect_token="tok"))
    # build_connect_url replaces the query; put the scenario back through the page's own params
    dialog.view.load(QUrl(connect_server + "?scenario=error&connect_token=tok"))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as blocker:
        pass
    assert blocker.args == ["Usuário ou senha inválidos", "item-9"]
    qtbot.waitUntil(lambda: "inválidos" in dialog.status.text())
    save_screenshot(dialog, "connect-dialog-error")


@pytest.mark.webengine
def test_foreign_links_open_in_the_system_browser(
    qtbot: QtBot, connect_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True))
    dialog = ConnectDialog(connect_server, ConnectOptions(connect_token="tok"))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.page.loadFinished, timeout=20_000):
        pass
    dialog.page.runJavaScript("document.getElementById('external').click()")
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert opened == ["https://bank.example.com/help"]
    assert dialog.page.url().host() == "127.0.0.1"  # the view stayed on Connect
