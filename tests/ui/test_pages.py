"""The accounts, transactions and dashboard pages on a real encrypted store with a small history."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from financehub_desktop.services.accounts import AccountsService
from financehub_desktop.services.events import Change, EventBus, Topic
from financehub_desktop.services.reports import ReportsService
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.store import Store
from financehub_desktop.ui.accounts_page import AccountsPage
from financehub_desktop.ui.dashboard_page import DashboardPage
from financehub_desktop.ui.transactions_page import CATEGORY_COLUMN, TransactionsPage

from .conftest import save_screenshot

pytestmark = pytest.mark.usefixtures("pt_br")


def test_accounts_page_shows_balances_limits_and_net_worth(qtbot: QtBot, store: Store) -> None:
    page = AccountsPage(AccountsService(store))
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    bank = page.tree.topLevelItem(0)
    assert bank.text(0) == "Pluggy Bank"
    checking, card = bank.child(0), bank.child(1)
    assert checking.text(3) == "R$ 10.000,00"
    assert card.text(1) == "Cartão de crédito"
    assert card.text(4) == "R$ 5.000,00"
    assert card.text(5) == "R$ 4.760,10"
    assert page.total.text() == "Patrimônio líquido: R$ 9.760,10"
    save_screenshot(page, "page-accounts")


def test_accounts_page_empty_state(qtbot: QtBot, store: Store) -> None:
    with store.write() as conn:
        conn.exec_driver_sql("DELETE FROM items")
    page = AccountsPage(AccountsService(store))
    qtbot.addWidget(page)
    assert not page.empty.isHidden()
    assert "Conexões" in page.empty.text()


def test_transactions_page_lists_searches_and_marks_pending(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page = TransactionsPage(TransactionsService(store, bus))
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    model = page.model
    assert model.rowCount() == 10
    qtbot.waitUntil(lambda: page.count_label.text() == "10 transações")  # counted in a worker thread
    first = model.row_at(0)
    assert first.is_pending
    assert model.data(model.index(0, 6)) == "Pendente"
    assert model.data(model.index(0, 5)) == "-R$ 180,00"
    assert model.data(model.index(0, 0)) == "20/02/2026"
    purchase = next(i for i in range(model.rowCount()) if model.row_at(i).installment)
    assert model.data(model.index(purchase, 5)) == "-R$ 150,00"  # a card purchase is money out
    refund = next(i for i in range(model.rowCount()) if model.row_at(i).description == "ESTORNO UBER")
    assert model.data(model.index(refund, 5)) == "R$ 23,40"
    save_screenshot(page, "page-transactions")
    qtbot.keyClicks(page.search, "cafe")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert "Café" in model.row_at(0).description


def test_selecting_a_row_fills_the_detail_panel(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page = TransactionsPage(TransactionsService(store, bus))
    qtbot.addWidget(page)
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).installment)
    page.table.selectRow(row)
    assert page.detail.fields["installment"].text() == "3/10"
    assert page.detail.fields["account"].text() == "Cartão Black"
    page.detail.note.setText("presente de aniversário")
    page.detail.note.editingFinished.emit()
    page.search.setText("aniversario")
    page.apply_filters()
    assert page.model.rowCount() == 1


def test_inline_category_edit_survives_and_shows(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    service = TransactionsService(store, bus)
    page = TransactionsPage(service)
    qtbot.addWidget(page)
    index = page.model.index(2, CATEGORY_COLUMN)  # the Uber ride
    assert page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.model.setData(index, "08000000")
    assert page.model.data(index) == "Alimentação"
    assert not page.model.setData(index, "not-a-category")
    assert page.model.last_error is not None
    assert service.page(page.current_filter())[2].category_name == "Alimentação"


def test_bad_filter_input_is_reported_not_fatal(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page = TransactionsPage(TransactionsService(store, bus))
    qtbot.addWidget(page)
    page.amount_min.setText("500")
    page.amount_max.setText("10")
    page.apply_filters()
    assert page.error_label.text()
    assert page.model.rowCount() == 10  # the last good list stays


def test_dashboard_draws_and_redraws_on_sync(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page = DashboardPage(ReportsService(store), TransactionsService(store, bus), today=date(2026, 2, 28))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    assert not page.charts_ready  # matplotlib waits for the first paint: the window shows sooner
    page.show()
    qtbot.waitUntil(lambda: page.charts_ready)
    assert page.month.currentText() == "fev/26"
    page.month.setCurrentIndex(1)  # January
    labels = [t.get_text() for t in page.category_chart.axes.get_yticklabels()]
    assert set(labels) == {"Alimentação", "Compras"}
    save_screenshot(page, "page-dashboard")
    page.cash_flow_chart.draw()
    ticks = [t.get_text() for t in page.cash_flow_chart.axes.get_yticklabels() if t.get_text()]
    assert ticks and all(t.startswith("R$") for t in ticks), ticks
    assert any("." in t for t in ticks) and not any("," in t for t in ticks), ticks  # R$ 1.500, pt-BR grouping
    drawn = []
    page.net_worth_chart.draw_idle = lambda: drawn.append(1)  # type: ignore[method-assign]
    page.on_change(Change(Topic.SYNC_FINISHED))
    assert drawn


def test_transactions_model_passes_qtmodeltester(qtmodeltester: object, store: Store, bus: EventBus) -> None:
    page = TransactionsPage(TransactionsService(store, bus))
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.search.setText("uber")
    page.apply_filters()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
