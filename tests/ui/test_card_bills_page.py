"""The card bills page on a real encrypted store: bills and totals in pt-BR, a bill's rows and their sum beside its
total, status words, English, the empty states and the refresh after a sync."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from financehub_desktop.services.card_bills import CardBillsService
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.store import Store
from financehub_desktop.store.records import BillRecord
from financehub_desktop.ui.card_bills_page import CardBillsPage
from tests.support.card_bills_store import GOLD, JANUARY_BILL, MARCH_BILL, TODAY, bills_store
from tests.support.sample_store import CARD

from .conftest import save_screenshot

__all__ = ["bills_store"]


def make_page(qtbot: QtBot, store: Store, language: str = "pt_BR") -> CardBillsPage:
    page = CardBillsPage(CardBillsService(store, language, today=lambda: TODAY))
    qtbot.addWidget(page)
    page.resize(1200, 680)
    return page


def column(page: CardBillsPage, index: int) -> list[str]:
    items = [page.bill_table.item(row, index) for row in range(page.bill_table.rowCount())]
    return [item.text() if item is not None else "<none>" for item in items]


def select(page: CardBillsPage, key: str) -> None:
    page.select_bill([b.key for b in page.bills].index(key))


@pytest.mark.usefixtures("pt_br")
def test_bills_of_the_card_in_pt_br(qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store)
    page.show()
    assert page.card.currentText() == "Cartão Black •••• 4321 — Pluggy Bank"
    assert "Limite: R$ 5.000,00" in page.card_summary.text()
    assert "Disponível: R$ 4.760,10" in page.card_summary.text()
    assert column(page, 0) == ["Fatura atual", "Parcelas futuras", "mar/26", "fev/26", "jan/26", "Sem fatura"]
    assert column(page, 1) == ["05/04/2026", "", "05/03/2026", "05/02/2026", "05/01/2026", ""]
    assert column(page, 2) == ["R$ 277,80", "R$ 150,00", "R$ 1.234,56", "R$ 239,90", "R$ 310,00", "R$ 30,00"]
    assert column(page, 3) == ["Em aberto", "Em aberto", "Paga parcialmente", "Paga", "Vencida", "—"]
    assert page.empty.isHidden()
    save_screenshot(page, "page-card-bills")


@pytest.mark.usefixtures("pt_br")
def test_the_latest_bill_opens_with_its_facts_and_rows(qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store)
    assert page.statement is not None and page.statement.bill.key == MARCH_BILL
    assert page.heading.text() == "Fatura com vencimento em 05/03/2026"
    fields = {key: label.text() for key, label in page.fields.items()}
    assert fields == {
        "total": "R$ 1.234,56",
        "minimum": "R$ 185,18",
        "paid": "R$ 185,18",
        "closing": "25/02/2026",
        "due": "05/03/2026",
        "status": "Paga parcialmente",
    }
    assert page.payments.text() == "05/03/2026 · Pagamento parcial · PIX · R$ 185,18"
    assert page.charges.text() == "IOF · R$ 4,32 (IOF internacional)"
    model = page.model
    assert [model.row_at(i).description for i in range(model.rowCount())] == [
        "PAGAMENTO RECEBIDO", "UBER *TRIP", "ESTORNO UBER", "LATAM AIRLINES"
    ]  # fmt: skip
    assert model.data(model.index(3, 4)) == "-R$ 1.474,46"
    assert model.data(model.index(0, 4)) == "R$ 239,90"
    assert model.data(model.index(3, 0)) == "20/02/2026"
    assert page.sum_line.text() == "4 lançamentos, somando R$ 1.234,56 · total da fatura: R$ 1.234,56"


@pytest.mark.usefixtures("pt_br")
def test_selecting_another_bill_shows_its_rows_and_an_honest_difference(qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store)
    february = next(i for i, b in enumerate(page.bills) if b.key == "bill-2026-02")
    page.bill_table.selectRow(february)  # as a click does
    assert [page.model.row_at(i).installment for i in range(page.model.rowCount())] == ["", "3/10"]
    assert page.model.data(page.model.index(1, 3)) == "3/10"
    assert page.payments.text() == "05/02/2026 · Pagamento total · débito em conta · R$ 239,90"
    assert page.charges.text() == "Nenhum"
    assert page.fields["status"].text() == "Paga"
    select(page, JANUARY_BILL)
    assert page.model.rowCount() == 0
    assert page.fields["status"].text() == "Vencida"
    assert page.payments.text() == "Nenhum informado pelo banco"
    assert page.sum_line.text().startswith(
        "Nenhum lançamento sincronizado para esta fatura · total da fatura: R$ 310,00"
    )
    assert "difere em R$ 310,00" in page.sum_line.text()


@pytest.mark.usefixtures("pt_br")
def test_the_open_bill_lists_rows_without_a_bill(qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store)
    page.select_bill(0)
    assert page.heading.text() == "Fatura atual"
    assert "25/03/2026" in page.note.text()
    assert [page.model.row_at(i).description for i in range(page.model.rowCount())] == [
        "NETFLIX.COM", "POSTO SHELL", "SPOTIFY"
    ]  # fmt: skip
    assert page.fields["due"].text() == "05/04/2026"
    assert page.fields["minimum"].text() == "—"
    assert page.sum_line.text() == "3 lançamentos, somando R$ 277,80"


@pytest.mark.usefixtures("english")
def test_english_words_and_money(qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store, language="en")
    assert column(page, 0)[:3] == ["Current bill", "Future installments", "Mar/26"]
    assert column(page, 3) == ["Open", "Open", "Partially paid", "Paid", "Overdue", "—"]
    assert column(page, 2)[2] == "R$1,234.56"
    assert page.heading.text() == "Bill due on 05/03/2026"
    assert page.sum_line.text() == "4 transaction(s), adding up to R$1,234.56 · bill total: R$1,234.56"
    assert page.model.row_at(1).category_name == "Transport"


@pytest.mark.usefixtures("pt_br")
def test_empty_states(qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store)
    page.card.setCurrentIndex(page.card.findData(GOLD))  # a card with nothing synced yet
    assert page.card.currentText() == "Cartão Gold •••• 9876 — Pluggy Bank"
    assert not page.empty.isHidden() and page.splitter.isHidden()
    assert "Nenhuma fatura" in page.empty.text()
    with bills_store.write() as conn:
        conn.exec_driver_sql("DELETE FROM items")
    page.on_change(Change(Topic.ITEMS))
    assert page.card.count() == 0 and page.card.isHidden()
    assert "Nenhum cartão" in page.empty.text() and "Conexões" in page.empty.text()
    assert page.statement is None


@pytest.mark.usefixtures("pt_br")
def test_a_sync_refreshes_and_keeps_the_chosen_bill(qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store)
    select(page, JANUARY_BILL)
    with bills_store.write() as conn:
        bills_store.repos.bills.upsert(
            conn,
            [
                BillRecord(id="bill-2026-04", account_id=CARD, due_date=datetime(2026, 4, 5, tzinfo=UTC),
                           closing_date=datetime(2026, 3, 9, tzinfo=UTC), total_amount=Decimal("277.80"),
                           currency_code="BRL", raw={"id": "bill-2026-04"})
            ],
        )  # fmt: skip
    page.on_change(Change(Topic.SYNC_PROGRESS))  # not a change of data: nothing reloads
    assert column(page, 0)[0] == "Fatura atual"
    page.on_change(Change(Topic.SYNC_FINISHED))
    assert column(page, 0)[:2] == ["Parcelas futuras", "abr/26"]  # the open bill closed
    assert column(page, 2)[1] == "R$ 277,80"
    assert page.statement is not None and page.statement.bill.key == JANUARY_BILL  # the chosen bill stays
    assert page.fields["status"].text() == "Vencida"


@pytest.mark.usefixtures("pt_br")
def test_bill_rows_model_passes_qtmodeltester(qtmodeltester: object, qtbot: QtBot, bills_store: Store) -> None:
    page = make_page(qtbot, bills_store)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.select_bill(0)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


@pytest.mark.usefixtures("pt_br")
def test_the_window_shows_the_page_and_a_sync_refreshes_it(qtbot: QtBot) -> None:
    from financehub_desktop.config.paths import profile_paths
    from financehub_desktop.config.settings import Settings
    from financehub_desktop.services.context import AppServices
    from financehub_desktop.store.keys import ScryptParams
    from financehub_desktop.ui.main_window import MainWindow
    from tests.support.card_bills_store import seed_bills
    from tests.support.sample_store import seed

    services = AppServices.open(profile_paths("default"), Settings(), kdf=ScryptParams(n=2**10, r=8, p=1))
    try:
        window = MainWindow(services.paths, services.settings, services=services)
        qtbot.addWidget(window)
        page = window.pages["bills"]
        assert isinstance(page, CardBillsPage)
        assert "Nenhum cartão" in page.empty.text()
        seed(services.store)
        seed_bills(services.store)
        services.bus.publish(Change(Topic.SYNC_FINISHED))  # what the sync engine publishes at its end
        qtbot.waitUntil(lambda: page.bill_table.rowCount() > 0)
        assert page.card.currentText() == "Cartão Black •••• 4321 — Pluggy Bank"
        assert "R$ 1.234,56" in column(page, 2)
    finally:
        services.store.close()
