"""The dashboard's "Próximos vencimentos" panel and the due-date reminders, on a real encrypted store (offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.services.card_bills import CardBillsService
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.due_dates import DueDatesService, DueEntry, DueKind
from financehub_desktop.services.due_reminders import DueReminders
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.loans import LoansService
from financehub_desktop.store import Store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.ui.card_bills_page import CardBillsPage
from financehub_desktop.ui.dashboard_page import DashboardPage
from financehub_desktop.ui.due_dates_panel import (
    AMOUNT,
    DATE,
    DUE_TODAY,
    OVERDUE,
    STATUS,
    WHAT,
    DueDatesPanel,
    DueReminderNotifier,
)
from financehub_desktop.ui.loans_page import LoansPage
from financehub_desktop.ui.main_window import MainWindow
from tests.support.card_bills_store import JANUARY_BILL
from tests.support.due_dates_store import TODAY, due_store, seed_due_dates
from tests.support.sample_loans import PERSONAL
from tests.support.sample_store import CARD, seed

from .conftest import save_screenshot

__all__ = ["due_store"]


def service_for(store: Store) -> DueDatesService:
    return DueDatesService(store, CardBillsService(store), LoansService(store), today=lambda: TODAY)


def make_panel(qtbot: QtBot, store: Store) -> DueDatesPanel:
    panel = DueDatesPanel(service_for(store), today=lambda: TODAY)
    qtbot.addWidget(panel)
    panel.resize(620, 360)
    return panel


def cell(panel: DueDatesPanel, row: int, column: int) -> str:
    item = panel.table.item(row, column)
    assert item is not None
    return item.text()


@pytest.mark.usefixtures("pt_br")
def test_entries_in_portuguese_with_dates_amounts_and_coloured_status(qtbot: QtBot, due_store: Store) -> None:
    panel = make_panel(qtbot, due_store)
    assert panel.title.text() == "Próximos vencimentos"
    rows = [[cell(panel, r, c) for c in (DATE, WHAT, AMOUNT, STATUS)] for r in range(panel.table.rowCount())]
    assert rows[2] == ["05/01/2026", "Fatura Cartão Black •••• 4321", "R$ 310,00", "Vencida (64 dias)"]
    assert rows[7][:2] == ["15/03/2026", "Parcela 14/24 · Crédito Pessoal"]
    assert rows[7][2].startswith("≈ R$ ") and rows[7][3] == "Em 5 dias"
    assert rows[8] == ["20/03/2026", "PIX agendado · Aluguel", "R$ 450,00", "Em 10 dias"]
    assert rows[10] == ["05/04/2026", "Fatura atual Cartão Black •••• 4321 (até agora)", "≈ R$ 277,80", "Em 26 dias"]
    status = panel.table.item(2, STATUS)
    assert status is not None and status.foreground().color() == OVERDUE
    upcoming = panel.table.item(7, STATUS)
    assert upcoming is not None and upcoming.foreground().color() not in (OVERDUE, DUE_TODAY)
    assert panel.summary.text() == "7 vencidas · próximos 30 dias"
    save_screenshot(panel, "due-dates-panel")


@pytest.mark.usefixtures("pt_br")
def test_due_today_is_amber(qtbot: QtBot, due_store: Store) -> None:
    panel = DueDatesPanel(service_for(due_store), today=lambda: TODAY + timedelta(days=5))
    qtbot.addWidget(panel)
    row = next(r for r in range(panel.table.rowCount()) if cell(panel, r, STATUS) == "Vence hoje")
    assert cell(panel, row, WHAT) == "Parcela 14/24 · Crédito Pessoal"
    item = panel.table.item(row, STATUS)
    assert item is not None and item.foreground().color() == DUE_TODAY


@pytest.mark.usefixtures("pt_br")
def test_an_honest_empty_state_then_entries_after_a_sync(qtbot: QtBot, store: Store) -> None:
    panel = make_panel(qtbot, store)
    panel.show()
    assert panel.table.isHidden() and panel.empty.text() == "Nada vencendo nos próximos 30 dias"
    seed_due_dates(store)
    panel.on_change(Change(Topic.SYNC_FINISHED))
    assert not panel.table.isHidden() and panel.empty.isHidden()
    assert panel.table.rowCount() == 11


@pytest.mark.usefixtures("english")
def test_english_and_clicks_only_on_entries_with_a_page(qtbot: QtBot, due_store: Store) -> None:
    panel = make_panel(qtbot, due_store)
    panel.show()
    assert cell(panel, 2, WHAT) == "Bill Cartão Black •••• 4321" and cell(panel, 2, STATUS) == "Overdue (64 day(s))"
    with qtbot.waitSignal(panel.entry_activated) as signal:
        panel.table.clicked.emit(panel.table.model().index(2, WHAT))
    assert signal.args[0].key == f"bill:{JANUARY_BILL}"
    pix_row = next(r for r, e in enumerate(panel.entries) if e.kind is DueKind.SCHEDULED_PIX)
    with qtbot.assertNotEmitted(panel.entry_activated):
        panel.table.clicked.emit(panel.table.model().index(pix_row, WHAT))


@pytest.fixture
def window_services() -> Iterator[AppServices]:
    services = AppServices.open(profile_paths("due-window"), Settings(), passphrase="due-dates-passphrase",
                                kdf=ScryptParams(n=2**10, r=8, p=1))  # fmt: skip
    seed(services.store)
    seed_due_dates(services.store)
    services.due_dates.today = lambda: TODAY
    services.due_reminders.today = lambda: TODAY
    try:
        yield services
    finally:
        services.store.close()


@pytest.mark.usefixtures("pt_br")
def test_the_dashboard_opens_the_bill_and_the_loan_of_an_entry(qtbot: QtBot, window_services: AppServices) -> None:
    window = MainWindow(window_services.paths, Settings(), False, window_services)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage) and dashboard.due_panel is not None
    panel = dashboard.due_panel
    qtbot.waitUntil(lambda: dashboard.charts_ready)
    qtbot.wait(300)  # the canvases paint
    save_screenshot(window, "due-dates-dashboard")
    january = next(r for r, e in enumerate(panel.entries) if e.key == f"bill:{JANUARY_BILL}")
    panel.table.clicked.emit(panel.table.model().index(january, WHAT))
    bills = window.pages["bills"]
    assert window.current_page_key() == "bills" and isinstance(bills, CardBillsPage)
    assert bills.card.currentData() == CARD and bills.statement is not None
    assert bills.statement.bill.key == JANUARY_BILL
    window.show_page("dashboard")
    fourteen = next(r for r, e in enumerate(panel.entries) if e.key == f"loan:{PERSONAL}:14")
    panel.table.clicked.emit(panel.table.model().index(fourteen, WHAT))
    loans = window.pages["loans"]
    assert window.current_page_key() == "loans" and isinstance(loans, LoansPage)
    assert loans.selected_loan_id() == PERSONAL


@pytest.mark.usefixtures("pt_br")
def test_the_window_reminds_once_when_it_opens_and_not_again_after_a_sync(
    qtbot: QtBot, window_services: AppServices
) -> None:
    window = MainWindow(window_services.paths, Settings(), False, window_services)
    qtbot.addWidget(window)
    notifier = window.due_reminders
    assert notifier is not None
    with qtbot.waitSignal(notifier.shown) as signal:
        window.show()
    message = signal.args[0]
    assert message == (
        "Vencimentos: Parcela 2/48 · CDC Veículos: vencida (100 dias); Parcela 3/48 · CDC Veículos: vencida (69 dias)"
        " e mais 5"
    )
    assert window.statusBar().currentMessage() == message
    with qtbot.assertNotEmitted(notifier.shown):
        window_services.bus.publish(Change(Topic.SYNC_FINISHED))
        qtbot.wait(50)
    assert window_services.paths.due_reminders_file.exists()


def test_zero_days_turns_reminders_off(qtbot: QtBot, due_store: Store, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    reminders = DueReminders(service_for(due_store), tmp_path / "due-reminders.json", today=lambda: TODAY)
    days = [0]
    notifier = DueReminderNotifier(window, reminders, lambda: days[0])
    assert notifier.check() == "" and window.statusBar().currentMessage() == ""
    days[0] = 3
    assert notifier.check() != ""
    assert notifier.check() == ""  # once a day


@pytest.mark.usefixtures("pt_br")
def test_the_settings_page_turns_reminders_off_and_the_notifier_follows(
    qtbot: QtBot, window_services: AppServices
) -> None:
    from financehub_desktop.config.settings import load_settings
    from financehub_desktop.ui.settings_page import SettingsPage

    page = SettingsPage(window_services)
    qtbot.addWidget(page)
    assert page.due_reminder_days.value() == 3
    page.due_reminder_days.setValue(0)
    assert page.due_reminder_days.text() == "Desligado"
    with qtbot.waitSignal(page.saved):
        page.save()
    assert load_settings(window_services.paths.settings_file, {}).settings.due_reminder_days == 0
    assert window_services.settings.due_reminder_days == 0
    window = MainWindow(window_services.paths, window_services.settings, False, window_services)
    qtbot.addWidget(window)
    assert window.due_reminders is not None
    assert window.due_reminders.check() == ""
    assert not window_services.paths.due_reminders_file.exists()


def test_a_store_that_cannot_be_read_skips_the_reminder(qtbot: QtBot, due_store: Store, tmp_path: Path) -> None:
    from financehub_desktop.domain.errors import DiskFullError

    class Failing(DueReminders):
        def take(self, reminder_days: int) -> list[DueEntry]:
            raise DiskFullError("/data")

    window = QMainWindow()
    qtbot.addWidget(window)
    notifier = DueReminderNotifier(window, Failing(service_for(due_store), tmp_path / "r.json"), lambda: 3)
    with qtbot.assertNotEmitted(notifier.shown):
        assert notifier.check() == ""
