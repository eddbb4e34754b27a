"""Settings → Pluggy API usage: this session's calls per endpoint, busiest first, in the UI language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from financehub_desktop.pluggy.metrics import ClientMetrics
from financehub_desktop.ui.api_usage import ApiUsagePanel

from .conftest import save_screenshot

pytestmark = pytest.mark.usefixtures("pt_br")


def _metrics() -> ClientMetrics:
    metrics = ClientMetrics()
    for seconds in (0.050, 0.070, 0.120):
        metrics.record_attempt("GET /v2/transactions", seconds, 200)
        metrics.record_call("GET /v2/transactions", None)
    metrics.record_attempt("GET /items/{id}", 0.010, 503)
    metrics.record_retry("GET /items/{id}")
    metrics.record_attempt("GET /items/{id}", 0.012, 200)
    metrics.record_call("GET /items/{id}", None)
    metrics.record_attempt("POST /auth", 0.3, 401)
    metrics.record_call("POST /auth", RuntimeError("refused"))
    return metrics


def test_the_panel_lists_endpoints_busiest_first_with_failures_and_latency(qtbot: QtBot) -> None:
    metrics = _metrics()
    panel = ApiUsagePanel(metrics.snapshot)
    qtbot.addWidget(panel)
    panel.resize(640, 300)
    panel.show()
    rows = [[panel.table.item(r, c).text() for c in range(panel.COLUMNS)] for r in range(panel.table.rowCount())]
    assert [r[0] for r in rows] == ["GET /v2/transactions", "GET /items/{id}", "POST /auth"]
    assert rows[0][1:4] == ["3", "0", "0"] and rows[0][4] == "70,0 ms"  # p50 in pt-BR
    assert rows[1][3] == "1"  # one retry
    assert rows[2][2] == "1"  # one failure
    text = panel.summary.text()
    assert "5 chamadas" in text and "1 falhou" in text and "1 repetida" in text
    assert "renova" not in text  # no key was renewed: not mentioned
    save_screenshot(panel, "settings-api-usage")
    metrics.record_attempt("GET /accounts", 0.02, 200)
    metrics.record_call("GET /accounts", None)
    panel.refresh()
    assert panel.table.rowCount() == 4


def test_offline_and_idle_sessions_say_so(qtbot: QtBot) -> None:
    offline = ApiUsagePanel(dict)
    qtbot.addWidget(offline)
    assert "credenciais" in offline.summary.text()
    idle = ApiUsagePanel(ClientMetrics().snapshot)
    qtbot.addWidget(idle)
    assert "Nenhuma chamada" in idle.summary.text()
    assert idle.table.rowCount() == 0
