"""The transaction detail panel names the other side of a transfer between the user's own accounts."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from financehub_desktop.services.events import EventBus
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.services.transfers import TransferSide, TransfersService
from financehub_desktop.store import Store
from financehub_desktop.ui.transactions_page import TransactionsPage
from financehub_desktop.ui.transfer_detail import describe
from tests.support.own_transfers import LOOKALIKES, TRANSFERS, add_savings
from tests.ui.conftest import save_screenshot


def _page(qtbot: QtBot, store: Store, bus: EventBus) -> TransactionsPage:
    add_savings(store)
    with store.write() as conn:
        store.repos.transactions.upsert(conn, TRANSFERS + LOOKALIKES)
    page = TransactionsPage(TransactionsService(store, bus), transfers=TransfersService(store))
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    return page


def _select(page: TransactionsPage, description: str) -> None:
    row = next(i for i in range(page.model.rowCount()) if page.model.row_at(i).description == description)
    page.table.selectRow(row)


def test_detail_names_the_savings_side_in_portuguese(qtbot: QtBot, store: Store, bus: EventBus, pt_br: None) -> None:
    page = _page(qtbot, store, bus)
    transfer = page.detail.fields["transfer"]
    _select(page, "PIX ENVIADO - MARIA DA SILVA")
    assert transfer.text() == (
        "Transferência entre suas contas: para Poupança (Pluggy Bank) em 07/02/2026\n"
        "Não conta como gasto nem como receita."
    )
    assert transfer.isVisible()
    save_screenshot(page, "page-transactions-own-transfer")
    _select(page, "PIX RECEBIDO - MARIA DA SILVA")
    assert transfer.text().startswith("Transferência entre suas contas: de Conta Corrente (Pluggy Bank) em 06/02/2026")
    _select(page, "PIX ENVIADO MARIA DA SILVA")
    assert "PIX para você mesmo; a outra conta não está conectada" in transfer.text()
    _select(page, "PIX ENVIADO JOAO SOUZA")  # a payment to someone else: no transfer row at all
    assert transfer.text() == ""
    assert not transfer.isVisible()


def test_without_the_service_the_row_stays_hidden(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page = TransactionsPage(TransactionsService(store, bus))
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    assert page.detail.fields["transfer"].text() == ""
    assert not page.detail.fields["transfer"].isVisible()


def test_english_text(english: None) -> None:
    side = TransferSide(1, "IN", "category", 2, "Conta Corrente", None, date(2026, 3, 1))
    assert describe(side) == (
        "Transfer between your accounts: from Conta Corrente on 01/03/2026\nNot counted as spending or income."
    )
    assert describe(None) == ""
