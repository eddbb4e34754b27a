"""The "Compras parceladas" tab of the card bills page on a real encrypted store: the card's purchases in pt-BR,
one purchase's installments with the projected ones in grey italics, the 12-month commitment, English, the empty
state and the refresh after a sync."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from financehub_desktop.services.card_bills import CardBillsService
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.installments import InstallmentsService
from financehub_desktop.store import Store
from financehub_desktop.ui.card_bills_page import CardBillsPage
from financehub_desktop.ui.installments_panel import PROJECTED
from tests.support.installments_store import GOLD, TODAY, installments_store, seed_installments

from .conftest import save_screenshot

__all__ = ["installments_store"]


def make_page(qtbot: QtBot, store: Store) -> CardBillsPage:
    page = CardBillsPage(CardBillsService(store, today=lambda: TODAY), InstallmentsService(store, today=lambda: TODAY))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.tabs.setCurrentWidget(page.installments)
    return page


def row_texts(page: CardBillsPage, description: str, day: str = "") -> list[str]:
    table = page.installments.purchase_table
    for row in range(table.rowCount()):
        cells = [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]
        if cells[0] == description and (not day or cells[1] == day):
            return cells
    raise AssertionError(f"no purchase {description} {day}")


def select(page: CardBillsPage, description: str, day: str = "") -> None:
    panel = page.installments
    rows = [i for i, p in enumerate(panel.purchases) if p.description == description]
    for row in rows:
        if not day or panel.purchase_table.item(row, 1).text() == day:  # type: ignore[union-attr]
            panel.select_purchase(row)
            return
    raise AssertionError(description)


@pytest.mark.usefixtures("pt_br")
def test_purchases_of_the_card_in_pt_br(qtbot: QtBot, installments_store: Store) -> None:
    page = make_page(qtbot, installments_store)
    page.show()
    assert page.tabs.tabText(1) == "Compras parceladas"
    assert row_texts(page, "MAGAZINE LUIZA", "15/12/2025") == [
        "MAGAZINE LUIZA", "15/12/2025", "3 de 10", "R$ 100,00", "R$ 1.000,00", "R$ 700,00", "set/26",
    ]  # fmt: skip
    assert row_texts(page, "AMAZON BR")[2:6] == ["9 de 12", "R$ 100,00", "R$ 1.200,01", "R$ 300,01"]
    assert row_texts(page, "RENNER")[1] == "—"  # the bank sent no purchase date
    assert page.installments.purchases[-1].finished  # finished purchases last, paid off or cancelled
    assert row_texts(page, "LATAM AIR")[2:] == ["1 de 5", "R$ 500,00", "R$ 2.500,00", "Cancelada", "—"]
    assert "APPLE STORE" not in [p.description for p in page.installments.purchases]  # another card
    assert page.installments.summary.text() == "7 compras com parcelas a vencer · R$ 2.233,34 a pagar neste cartão"
    assert page.installments.empty.isHidden()
    save_screenshot(page, "page-card-installments")


@pytest.mark.usefixtures("pt_br")
def test_a_purchase_shows_posted_announced_and_projected_installments(qtbot: QtBot, installments_store: Store) -> None:
    page = make_page(qtbot, installments_store)
    select(page, "MAGAZINE LUIZA", "15/12/2025")
    table = page.installments.installment_table
    assert table.rowCount() == 10
    situations = [table.item(r, 3).text() for r in range(10)]  # type: ignore[union-attr]
    assert situations == ["Lançada"] * 3 + ["Anunciada pelo banco"] + ["Prevista"] * 6
    projected = table.item(9, 2)
    assert projected is not None and projected.text() == "R$ 100,00"
    assert projected.font().italic() and projected.foreground().color() == PROJECTED
    posted = table.item(0, 2)
    assert posted is not None and not posted.font().italic()
    assert "Compra em 15/12/2025" in page.installments.facts.text()
    assert "Próxima parcela em mar/26; R$ 700,00 a pagar" in page.installments.facts.text()
    select(page, "AMAZON BR")
    assert page.installments.installment_table.item(0, 3).text() == "Antes do histórico sincronizado"  # type: ignore[union-attr]


@pytest.mark.usefixtures("pt_br")
def test_commitment_of_the_next_twelve_months(qtbot: QtBot, installments_store: Store) -> None:
    page = make_page(qtbot, installments_store)
    table = page.installments.commitment
    assert page.installments.month_header(0) == "mar/26" and page.installments.month_header(11) == "fev/27"
    assert table.item(0, 0).text() == "R$ 383,33"  # type: ignore[union-attr]  # this card
    assert table.item(1, 0).text() == "R$ 1.383,33"  # type: ignore[union-attr]  # every card
    assert table.item(0, 11).text() == "—"  # type: ignore[union-attr]
    page.card.setCurrentIndex(page.card.findData(GOLD))
    assert [p.description for p in page.installments.purchases] == ["APPLE STORE"]
    assert table.item(0, 0).text() == "R$ 1.000,00"  # type: ignore[union-attr]


@pytest.mark.usefixtures("english")
def test_english(qtbot: QtBot, installments_store: Store) -> None:
    page = make_page(qtbot, installments_store)
    assert page.tabs.tabText(1) == "Purchases in installments"
    assert row_texts(page, "MAGAZINE LUIZA", "15/12/2025")[2] == "3 of 10"


@pytest.mark.usefixtures("pt_br")
def test_empty_state_then_a_sync_brings_purchases(qtbot: QtBot, store: Store) -> None:
    with store.write() as conn:
        store.repos.transactions.mark_removed(conn, ["t4"])  # the sample card's only installment
    page = make_page(qtbot, store)
    page.show()
    panel = page.installments
    assert panel.purchase_table.rowCount() == 0 and panel.splitter.isHidden()
    assert "Nenhuma compra parcelada neste cartão" in panel.empty.text() and not panel.empty.isHidden()
    assert panel.commitment.isHidden()
    seed_installments(store)
    page.on_change(Change(Topic.TRANSACTIONS))
    assert panel.purchase_table.rowCount() > 0 and panel.empty.isHidden() and not panel.commitment.isHidden()


@pytest.mark.usefixtures("pt_br")
def test_once_every_installment_is_past_the_purchases_are_paid_off(qtbot: QtBot, installments_store: Store) -> None:
    later = TODAY.replace(year=2028)
    page = CardBillsPage(CardBillsService(installments_store, today=lambda: later),
                         InstallmentsService(installments_store, today=lambda: later))  # fmt: skip
    qtbot.addWidget(page)
    assert row_texts(page, "AMAZON BR")[2] == "12 de 12"
    assert row_texts(page, "AMAZON BR")[5] == "Quitada"
    assert row_texts(page, "LATAM AIR")[5] == "Cancelada"
    assert "Quitada" in page.installments.facts.text()
    assert page.installments.summary.text() == "Todas as compras parceladas deste cartão estão quitadas ou canceladas."
    assert page.installments.commitment.isHidden()
