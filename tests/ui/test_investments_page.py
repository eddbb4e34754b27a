"""The investments page on a real encrypted store holding a CDB, Tesouro, a fund, stocks, a FII and a dollar stock."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.domain.money import Money, parse_brl
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.investments import ContractedRate, InvestmentsService
from financehub_desktop.store import Store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.store.records import InvestmentRecord
from financehub_desktop.ui.formatting import number, percent
from financehub_desktop.ui.investments_models import ListTableModel, contracted_rate, unit_price
from financehub_desktop.ui.investments_page import InvestmentsPage
from financehub_desktop.ui.main_window import MainWindow
from tests.support.sample_investments import APPLE, BROKER_ITEM, CDB, FII, FUND, IPCA, PETR4, seed_investments
from tests.support.sample_store import seed

from .conftest import save_screenshot

NAME, KIND, INSTITUTION, RATE, INVESTED, BALANCE, PROFIT, TWELVE, MATURITY = range(9)


@pytest.fixture
def invested(store: Store) -> Store:
    seed_investments(store)
    return store


def make_page(qtbot: QtBot, store: Store, language: str = "pt_BR") -> InvestmentsPage:
    page = InvestmentsPage(InvestmentsService(store, language))
    qtbot.addWidget(page)
    page.resize(1180, 760)
    page.show()
    return page


def plain(label: QLabel) -> str:
    """A card's rich text as a person reads it (colours and non-breaking spaces dropped)."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText().replace("\xa0", " ")


def cell(model: ListTableModel, investment_id: str, column: int) -> str:
    row = next(n for n, h in enumerate(model.rows()) if h.investment_id == investment_id)
    return str(model.data(model.index(row, column)))


@pytest.mark.usefixtures("pt_br")
def test_totals_and_holdings_in_brazilian_portuguese(qtbot: QtBot, invested: Store, qtmodeltester: object) -> None:
    page = make_page(qtbot, invested)
    assert page.total_card.value.text() == "R$ 24.116,56"
    assert plain(page.total_card.detail) == "Aplicado R$ 20.050,00 · rendimento R$ 966,56 (4,82%)"
    cards = page.type_cards
    assert [cards[k].title.text() for k in cards] == ["Renda fixa", "Fundos de investimento", "Renda variável"]
    assert cards["FIXED_INCOME"].value.text() == "R$ 15.734,56"
    assert plain(cards["FIXED_INCOME"].detail).startswith("65,2% do total · 2 investimentos")
    assert plain(cards["MUTUAL_FUND"].detail) == "12,9% do total · 1 investimento"
    assert cards["EQUITY"].value.text() == "R$ 5.282,00"
    assert page.currency_note.isVisible()
    assert page.currency_note.text().startswith("1 investimento em outra moeda")

    model = page.holdings_model
    assert model.rowCount() == 6  # the removed LCI is not there
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Investimento"
    assert cell(model, CDB, KIND) == "CDB"
    assert cell(model, CDB, INSTITUTION) == "Banco Inter"
    assert cell(model, CDB, RATE) == "110% do CDI"
    assert cell(model, CDB, INVESTED) == "R$ 10.000,00"
    assert cell(model, CDB, BALANCE) == "R$ 10.500,00"
    assert cell(model, CDB, PROFIT) == "R$ 500,00 (5,00%)"
    assert cell(model, CDB, TWELVE) == "11,80%"
    assert cell(model, CDB, MATURITY) == "15/03/2027"
    assert cell(model, IPCA, KIND) == "Tesouro Direto"
    assert cell(model, IPCA, RATE) == "IPCA + 6,12% a.a."
    assert cell(model, FUND, KIND) == "Fundo multimercado"
    assert cell(model, FUND, PROFIT) == ""  # the bank did not say: nothing is made up
    assert cell(model, FUND, TWELVE) == "-1,25%"
    assert cell(model, FII, NAME) == "CSHG LOGISTICA FII (HGLG11)"
    assert cell(model, FII, PROFIT) == "-R$ 48,00 (-2,91%)"
    assert cell(model, APPLE, BALANCE) == "US$ 1.000,00"
    fii_row = next(n for n, h in enumerate(model.rows()) if h.investment_id == FII)
    assert model.data(model.index(fii_row, PROFIT), Qt.ItemDataRole.ForegroundRole).name() == "#c0392b"
    assert model.data(model.index(fii_row, BALANCE), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert not page.holdings.isColumnHidden(INSTITUTION)  # two institutions: the column says something
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.transactions_model)  # type: ignore[attr-defined]
    save_screenshot(page, "page-investments")


@pytest.mark.usefixtures("pt_br")
def test_selecting_a_holding_shows_its_transactions(qtbot: QtBot, invested: Store) -> None:
    page = make_page(qtbot, invested)
    assert page.selected_investment_id() == CDB  # the first holding is open from the start
    assert page.transactions_model.rowCount() == 1
    row = next(n for n, h in enumerate(page.holdings_model.rows()) if h.investment_id == PETR4)
    qtbot.mouseClick(
        page.holdings.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.holdings.visualRect(page.holdings_model.index(row, 0)).center(),
    )
    assert page.selected_investment_id() == PETR4
    assert page.holding_title.text() == "PETROBRAS PN (PETR4)"
    assert "quantidade 100" in page.holding_facts.text()
    txns = page.transactions_model
    shown = [[txns.data(txns.index(r, c)) for c in range(txns.columnCount())] for r in range(txns.rowCount())]
    assert shown == [
        ["15/02/2026", "Proventos", "Dividendos PETR4", "", "", "R$ 45,00", ""],
        ["01/02/2026", "Imposto", "IR sobre venda", "", "", "R$ 5,96", ""],
        ["20/01/2026", "Venda", "Venda PETR4", "10", "R$ 39,74", "R$ 397,40", "R$ 391,44"],
        ["10/06/2025", "Compra", "Compra PETR4", "110", "R$ 34,00", "R$ 3.740,00", "R$ 3.740,00"],
    ]  # newest first; the sale the broker no longer lists is gone
    page.select_holding(FUND)
    assert "preço unitário R$ 3,4444" in page.holding_facts.text()  # a quota price keeps its decimals
    assert txns.rowCount() == 0
    assert page.no_transactions.isVisible() and "Nenhuma movimentação" in page.no_transactions.text()
    page.select_holding(CDB)
    assert "vence em 15/03/2027" in page.holding_facts.text()
    assert "impostos estimados R$ 75,00" in page.holding_facts.text()
    assert "líquido se resgatado R$ 10.425,00" in page.holding_facts.text()


@pytest.mark.usefixtures("pt_br")
def test_sorting_by_balance_keeps_the_selection(qtbot: QtBot, invested: Store) -> None:
    page = make_page(qtbot, invested)
    page.select_holding(PETR4)
    page.holdings.sortByColumn(BALANCE, Qt.SortOrder.DescendingOrder)
    order = [h.investment_id for h in page.holdings_model.rows()]
    assert order[:2] == [CDB, IPCA]  # exact amounts, not text: 10.500 before 5.234,56
    assert page.selected_investment_id() == PETR4
    page.holdings.sortByColumn(PROFIT, Qt.SortOrder.AscendingOrder)
    order = [h.investment_id for h in page.holdings_model.rows()]
    assert order[0] == FII and order[-1] == FUND  # the loss first; an unknown profit last either way
    page.holdings.sortByColumn(PROFIT, Qt.SortOrder.DescendingOrder)
    assert page.holdings_model.rows()[-1].investment_id == FUND
    page.on_change(Change(Topic.SYNC_FINISHED))  # a refresh keeps the user's sort and selection
    assert page.holdings_model.rows()[0].investment_id == CDB
    assert page.selected_investment_id() == PETR4


@pytest.mark.usefixtures("pt_br")
def test_a_sync_refreshes_the_page(qtbot: QtBot, store: Store) -> None:
    page = make_page(qtbot, store)
    assert page.empty.isVisible()
    assert page.empty.text().startswith("Nenhum investimento sincronizado")
    assert "Conexões" in page.empty.text()
    assert not page.splitter.isVisible() and not page.cards_box.isVisible()
    save_screenshot(page, "page-investments-empty")
    seed_investments(store)
    page.on_change(Change(Topic.TRANSACTIONS))  # not about investments: nothing to re-read
    assert page.empty.isVisible()
    page.on_change(Change(Topic.SYNC_FINISHED))
    assert not page.empty.isVisible()
    assert page.holdings_model.rowCount() == 6
    assert page.total_card.value.text() == "R$ 24.116,56"
    with store.write() as conn:
        store.repos.investments.upsert(
            conn,
            [InvestmentRecord(id="inv-new", item_id=BROKER_ITEM, type="ETF", subtype="ETF", name="ISHARES BOVA11",
                              code="BOVA11", balance=Decimal("1000.00"), currency_code="BRL",
                              date=datetime(2026, 2, 27, tzinfo=UTC), raw={})],
        )  # fmt: skip
    page.on_change(Change(Topic.INVESTMENTS))
    assert page.total_card.value.text() == "R$ 25.116,56"
    assert page.type_cards["ETF"].title.text() == "ETFs"


@pytest.mark.usefixtures("english")
def test_english(qtbot: QtBot, invested: Store) -> None:
    page = make_page(qtbot, invested, "en")
    assert page.total_card.title.text() == "Total invested"
    assert page.total_card.value.text() == "R$24,116.56"
    model = page.holdings_model
    assert model.headerData(PROFIT, Qt.Orientation.Horizontal) == "Profit"
    assert cell(model, CDB, RATE) == "110% of CDI"
    assert cell(model, CDB, PROFIT) == "R$500.00 (5.00%)"
    assert cell(model, IPCA, KIND) == "Treasury bonds (Tesouro Direto)"
    assert cell(model, IPCA, RATE) == "IPCA + 6.12% a.y."
    assert page.type_cards["EQUITY"].title.text() == "Equities"
    assert plain(page.type_cards["FIXED_INCOME"].detail).startswith("65.2% of the total · 2 holding(s)")
    page.select_holding(PETR4)
    assert page.transactions_model.data(page.transactions_model.index(3, 1)) == "Buy"
    save_screenshot(page, "page-investments-en")


@pytest.mark.usefixtures("pt_br")
def test_rates_and_numbers_read_as_written() -> None:
    assert contracted_rate(ContractedRate(Decimal("92.50"), "CDI", None)) == "92,5% do CDI"
    assert contracted_rate(ContractedRate(Decimal(100), "SELIC", None)) == "100% da Selic"
    assert contracted_rate(ContractedRate(Decimal("12.5"), "PRE_FIXADO", None)) == "12,5% a.a."
    assert contracted_rate(ContractedRate(Decimal("5.5"), "IPCA", Decimal("5.5"))) == "IPCA + 5,5% a.a."
    assert contracted_rate(ContractedRate(None, "IPCA", None)) == "IPCA"
    assert contracted_rate(ContractedRate(Decimal(3), "IGPM", None)) == "3% IGPM"
    assert contracted_rate(ContractedRate(None, "", None)) == ""
    assert number(Decimal("1234567.891"), 2) == "1.234.567,89"
    assert number(Decimal("0.00012345"), None) == "0,00012345"
    assert number(Decimal("-0.001"), 2) == "0,00"
    assert percent(Decimal("-1.005")) == "-1,00%"  # half-even, as money
    assert unit_price(Money.of("36.80")) == "R$ 36,80"
    assert unit_price(Money.of("1234.56789")) == "R$ 1.234,56789"


@pytest.mark.usefixtures("pt_br")
def test_the_main_window_builds_the_page(qtbot: QtBot) -> None:
    services = AppServices.open(profile_paths("invest-window"), Settings(), kdf=ScryptParams(n=2**10, r=8, p=1))
    try:
        seed(services.store)
        seed_investments(services.store)
        window = MainWindow(services.paths, Settings(), False, services)
        qtbot.addWidget(window)
        page = window.pages["investments"]
        assert isinstance(page, InvestmentsPage)
        window.show_page("investments")
        assert page.holdings_model.rowCount() == 6
        services.bus.publish(Change(Topic.SYNC_FINISHED))  # the window passes sync changes to the page
        assert page.total_card.value.text() == "R$ 24.116,56"
    finally:
        services.store.close()


@pytest.mark.usefixtures("pt_br")
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=8, allow_nan=False))
def test_numbers_and_prices_read_back_exactly(value: Decimal) -> None:
    """What the page shows, typed back as a Brazilian amount, is the very value stored (no float on the way)."""
    assert parse_brl(number(value, None)) == value
    assert parse_brl(unit_price(Money(value))) == value
    assert parse_brl(number(value, 2)) == value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
