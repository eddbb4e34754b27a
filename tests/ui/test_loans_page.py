"""The Loans page on a real encrypted store: loans with their key numbers, a loan's schedule, past due, languages."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.loans import LoansService
from financehub_desktop.store import Store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.ui.formatting import percent
from financehub_desktop.ui.loans_page import (
    BANK,
    CET,
    CONTRACT,
    KIND,
    NAME,
    NEXT_AMOUNT,
    NEXT_DUE,
    OUTSTANDING,
    PAST_DUE,
    PROGRESS,
    LoansPage,
)
from financehub_desktop.ui.main_window import MainWindow
from tests.support.sample_loans import CAR, PERSONAL, TODAY, seed_loans
from tests.support.sample_store import seed

from .conftest import save_screenshot


def make_page(qtbot: QtBot, store: Store) -> LoansPage:
    page = LoansPage(LoansService(store), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def row_of(page: LoansPage, loan_id: str) -> QTreeWidgetItem:
    for i in range(page.table.topLevelItemCount()):
        item = page.table.topLevelItem(i)
        if item.data(NAME, Qt.ItemDataRole.UserRole) == loan_id:
            return item
    raise AssertionError(f"no row for {loan_id}")


def facts(page: LoansPage) -> dict[str, str]:
    shown: dict[str, str] = {}
    for i in range(page.facts.rowCount()):
        label = page.facts.itemAt(i, page.facts.ItemRole.LabelRole).widget()
        value = page.facts.itemAt(i, page.facts.ItemRole.FieldRole).widget()
        assert isinstance(label, QLabel) and isinstance(value, QLabel)
        shown[label.text().rstrip(":")] = value.text()
    return shown


def schedule_rows(page: LoansPage) -> list[list[str]]:
    return [[page.schedule.topLevelItem(i).text(c) for c in range(5)] for i in range(page.schedule.topLevelItemCount())]


@pytest.mark.usefixtures("pt_br")
def test_loans_listed_with_brazilian_numbers(qtbot: QtBot, store: Store) -> None:
    seed_loans(store)
    page = make_page(qtbot, store)
    assert page.table.topLevelItemCount() == 3
    # The loan with installments past due comes first.
    assert page.table.topLevelItem(0).data(NAME, Qt.ItemDataRole.UserRole) == CAR
    personal = row_of(page, PERSONAL)
    assert personal.text(NAME) == "Crédito Pessoal"
    assert personal.text(KIND) == "Empréstimo"
    assert personal.text(CONTRACT) == "R$ 12.000,00"
    assert personal.text(OUTSTANDING) == "R$ 7.812,34"
    assert personal.text(PROGRESS) == "11 de 24 pagas"
    assert personal.text(NEXT_DUE) == "15/01/2026"
    assert personal.text(NEXT_AMOUNT) == "≈ R$ 626,45"
    assert personal.text(CET) == "27,43% a.a."
    assert row_of(page, CAR).text(KIND) == "Financiamento de veículo"
    assert page.outstanding.text() == "Saldo devedor: R$ 7.812,34"
    assert page.past_due.text() == "2 parcelas em atraso"
    assert page.next_due.text() == "Próxima parcela: 15/01/2026 (Crédito Pessoal) ≈ R$ 626,45"
    assert page.empty.isHidden()
    # every loan from one bank: no column repeating its name on each row (the details' title says it)
    assert page.table.isColumnHidden(BANK)


@pytest.mark.usefixtures("pt_br")
def test_selecting_a_loan_shows_its_details_and_schedule(qtbot: QtBot, store: Store) -> None:
    seed_loans(store)
    page = make_page(qtbot, store)
    page.table.setCurrentItem(row_of(page, PERSONAL))
    assert page.detail_title.text() == "Crédito Pessoal — Pluggy Bank"
    shown = facts(page)
    assert shown["Contrato"] == "CP-0001"
    assert shown["Taxa de juros"] == "1,89% a.m."
    assert shown["CET (custo efetivo total)"] == "27,43% a.a."
    assert shown["Amortização"] == "Tabela Price (parcelas fixas)"
    assert shown["Vencimento final"] == "15/01/2027"
    assert shown["Parcelas restantes"] == "13"
    assert shown["Pago até agora"] == "R$ 7.904,60"
    assert "Em atraso" not in shown  # nothing past due: no line for it
    rows = schedule_rows(page)
    assert len(rows) == 25  # 24 installments and one extra payment
    assert rows[0] == ["1", "15/02/2025", "R$ 626,45", "Paga", "15/02/2025"]
    assert rows[1] == ["2", "15/03/2025", "R$ 640,10", "Paga", "20/03/2025"]
    assert rows[6] == ["Pagamento extra", "", "R$ 1.000,00", "Paga", "01/08/2025"]
    assert rows[12] == ["12", "15/01/2026", "≈ R$ 626,45", "A vencer", ""]
    assert page.schedule.topLevelItem(12).font(0).bold()  # the next installment stands out
    assert "estimado" in page.schedule_note.text()
    save_screenshot(page, "page-loans")


@pytest.mark.usefixtures("pt_br")
def test_past_due_installments_are_shown_as_such(qtbot: QtBot, store: Store) -> None:
    seed_loans(store)
    page = make_page(qtbot, store)
    car = row_of(page, CAR)
    assert car.text(NEXT_DUE) == "30/11/2025"
    assert car.foreground(NEXT_DUE).color() == PAST_DUE
    assert car.font(NEXT_DUE).bold()
    assert not row_of(page, PERSONAL).font(NEXT_DUE).bold()
    assert car.text(NEXT_AMOUNT) == ""  # SAC: the amount changes every month, nothing is made up
    page.table.setCurrentItem(car)
    rows = schedule_rows(page)
    assert [r[3] for r in rows[:4]] == ["Paga", "Em atraso", "Em atraso", "A vencer"]
    assert page.schedule.topLevelItem(1).foreground(3).color() == PAST_DUE
    assert rows[-1][:4] == ["Balão", "31/10/2029", "R$ 5.000,00", "A vencer"]
    assert facts(page)["Em atraso"] == "2"
    assert facts(page)["Taxa de juros"] == "CDI + 1,50% a.a."


@pytest.mark.usefixtures("english")
def test_english(qtbot: QtBot, store: Store) -> None:
    seed_loans(store)
    page = make_page(qtbot, store)
    personal = row_of(page, PERSONAL)
    assert personal.text(KIND) == "Loan"
    assert personal.text(CONTRACT) == "R$12,000.00"
    assert personal.text(PROGRESS) == "11 of 24 paid"
    assert personal.text(CET) == "27.43% a year"
    assert page.past_due.text() == "2 installment(s) past due"
    page.table.setCurrentItem(row_of(page, CAR))
    assert schedule_rows(page)[1][3] == "Past due"


@pytest.mark.usefixtures("pt_br")
def test_empty_state_then_a_sync_brings_loans(qtbot: QtBot, store: Store) -> None:
    page = make_page(qtbot, store)
    assert page.table.topLevelItemCount() == 0
    assert not page.empty.isHidden()
    assert "Nenhum empréstimo" in page.empty.text()
    assert page.splitter.isHidden()
    seed_loans(store)
    page.on_change(Change(Topic.LOANS))
    assert page.table.topLevelItemCount() == 3
    assert page.empty.isHidden()
    assert not page.splitter.isHidden()
    assert page.selected_loan_id() == CAR


@pytest.mark.usefixtures("pt_br")
def test_refresh_keeps_the_selected_loan(qtbot: QtBot, store: Store) -> None:
    seed_loans(store)
    page = make_page(qtbot, store)
    page.table.setCurrentItem(row_of(page, PERSONAL))
    page.on_change(Change(Topic.SYNC_FINISHED))
    assert page.selected_loan_id() == PERSONAL
    assert page.detail_title.text().startswith("Crédito Pessoal")


@pytest.mark.usefixtures("pt_br")
def test_main_window_shows_the_loans_page_and_refreshes_it_after_a_sync(qtbot: QtBot) -> None:
    services = AppServices.open(profile_paths("loans-window"), Settings(), passphrase="loans-page-passphrase",
                                kdf=ScryptParams(n=2**10, r=8, p=1))  # fmt: skip
    try:
        seed(services.store)
        window = MainWindow(services.paths, Settings(), False, services)
        qtbot.addWidget(window)
        window.show_page("loans")
        page = window.pages["loans"]
        assert isinstance(page, LoansPage)
        assert not page.empty.isHidden()
        seed_loans(services.store)
        services.bus.publish(Change(Topic.LOANS))
        qtbot.waitUntil(lambda: page.table.topLevelItemCount() == 3)
        assert page.empty.isHidden()
        window.close()
    finally:
        services.store.close()


@pytest.mark.usefixtures("pt_br")
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_percent_shows_any_rate_in_brazilian_form(value: Decimal) -> None:
    text = percent(value)
    assert text.endswith("%")
    if abs(value) < Decimal("1e20"):
        shown = text[:-1].replace(".", "").replace(",", ".")
        assert Decimal(shown) == value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
