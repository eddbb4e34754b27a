"""End to end in demo mode: the real main window, the sandbox on loopback, Pluggy Bank connected through the
embedded Connect page in QtWebEngine (form filled and submitted), the sync, and the data on screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.domain import bank_errors
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.sandbox.server import serve_in_thread
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import PluggyCredentials
from financehub_desktop.services.read_models import TransactionFilter
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.sync.engine import SyncEngine
from financehub_desktop.ui.accounts_page import AccountsPage
from financehub_desktop.ui.connections_page import ConnectionsPage
from financehub_desktop.ui.main_window import MainWindow
from financehub_desktop.ui.transactions_page import TransactionsPage
from tests.integration.sync.expect import FAST_OPTIONS
from tests.support.webengine import choose_connector, fill_and_submit, wait_for_element

from .conftest import save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.webengine, pytest.mark.slow, pytest.mark.usefixtures("pt_br")]


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    with serve_in_thread(SandboxConfig(seed=1, step_seconds=0.01, rate_limits=False)) as url:
        yield url


@pytest.fixture
def demo_window(qtbot: QtBot, qloop: Any, sandbox_url: str) -> Iterator[MainWindow]:
    settings = Settings().replace(pluggy_api_url=sandbox_url, pluggy_connect_url=f"{sandbox_url}/connect")
    services = AppServices.open(
        profile_paths("demo"),
        settings,
        credentials=PluggyCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        kdf=ScryptParams(n=2**10, r=8, p=1),
    )
    assert services.connections is not None and services.client is not None
    services.connections.engine = SyncEngine(services.client, services.store, options=FAST_OPTIONS)
    window = MainWindow(services.paths, settings, True, services, f"{sandbox_url}/connect")
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    yield window
    closing = qloop.create_task(services.aclose())  # the pooled HTTP connections and the store
    qtbot.waitUntil(closing.done, timeout=10_000)


def test_connect_pluggy_bank_through_the_embedded_page(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    services = window.services
    assert services is not None and services.connections is not None
    window.show_page("connections")
    page = window.pages["connections"]
    assert isinstance(page, ConnectionsPage)
    assert page.add_button.isEnabled()
    page.add_button.click()
    qtbot.waitUntil(lambda: page.connect_dialog is not None, timeout=10_000)
    dialog = page.connect_dialog
    assert dialog is not None
    events: list[str] = []
    dialog.event_received.connect(lambda e: events.append(e.event))

    wait_for_element(qtbot, dialog.page, "connector-2")
    save_screenshot(dialog, "e2e-connect-list")
    choose_connector(qtbot, dialog.page, 2)
    save_screenshot(dialog, "e2e-connect-form")
    fill_and_submit(qtbot, dialog.page, {"user": "user-ok", "password": "password-ok"}, "submit-credentials")

    qtbot.waitUntil(lambda: bool(services.connections and services.connections.last_reports), timeout=60_000)
    (report,) = services.connections.last_reports.values()
    assert report.status == "succeeded", report.error
    assert events[0] == "OPEN"
    assert "SUBMITTED_LOGIN" in events
    assert events[-1] == "SUCCESS"

    # The data is on screen: the connection, its accounts, its transactions.
    qtbot.waitUntil(page.progress.isHidden, timeout=10_000)  # the sync has landed on the page
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.table.item(0, 1).text() == "Atualizada", timeout=10_000)
    assert "Última sincronização" in window.sync_state.text()
    assert page.table.item(0, 0).text() == "Pluggy Bank"
    save_screenshot(window, "e2e-connections")
    window.show_page("accounts")
    accounts = window.pages["accounts"]
    assert isinstance(accounts, AccountsPage)
    qtbot.waitUntil(lambda: accounts.tree.topLevelItemCount() >= 1, timeout=10_000)  # refreshed when the sync lands
    assert accounts.tree.topLevelItem(0).childCount() >= 2
    save_screenshot(window, "e2e-accounts")
    window.show_page("transactions")
    transactions = window.pages["transactions"]
    assert isinstance(transactions, TransactionsPage)
    assert transactions.model.rowCount() > 0
    assert services.transactions.count(TransactionFilter()) > 100
    qtbot.waitUntil(
        lambda: "transações" in transactions.count_label.text() and "…" not in transactions.count_label.text()
    )
    save_screenshot(window, "e2e-transactions")
    window.show_page("dashboard")
    save_screenshot(window, "e2e-dashboard")


def test_a_wrong_password_in_the_page_shows_the_typed_error(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.show_page("connections")
    page = window.pages["connections"]
    assert isinstance(page, ConnectionsPage)
    errors: list[object] = []
    page.error_raised.connect(errors.append)
    page.add_button.click()
    qtbot.waitUntil(lambda: page.connect_dialog is not None, timeout=10_000)
    dialog = page.connect_dialog
    assert dialog is not None
    choose_connector(qtbot, dialog.page, 2)
    fill_and_submit(qtbot, dialog.page, {"user": "user-locked", "password": "password-ok"}, "submit-credentials")
    qtbot.waitUntil(lambda: bool(errors), timeout=60_000)
    (error,) = errors
    assert isinstance(error, bank_errors.AccountLockedError)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert "bloque" in page.table.item(0, 4).text().lower()  # the problem column: "Conta bloqueada no banco"
