"""Próximos vencimentos: the dashboard's panel of what falls due in the next 30 days (and what is overdue), and the
reminders the main window shows when the app opens and after each sync (``services/due_reminders.py``).

Clicking a bill opens it on the card bills page, an installment its loan on the loans page. Scheduled PIX payments
have no page to open yet."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSystemTrayIcon,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.services.due_dates import (
    DEFAULT_WINDOW_DAYS,
    DueDatesService,
    DueEntry,
    DueKind,
    DueStatus,
)
from financehub_desktop.services.due_reminders import DueReminders
from financehub_desktop.services.events import Change, Topic

from . import formatting, palette
from .card_bills_page import CardBillsPage
from .loans_page import NAME as LOAN_NAME_COLUMN
from .loans_page import LoansPage

log = get_logger("ui")

OVERDUE = palette.NEGATIVE
DUE_TODAY = palette.WARNING
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ENTRY_ROLE = Qt.ItemDataRole.UserRole
DATE, WHAT, AMOUNT, STATUS = range(4)
PAGES_WITH_ENTRIES = ("bills", "loans")
REMINDER_MESSAGE_MS = 30_000
MAX_LISTED_IN_REMINDER = 2  # the rest as "and N more": the status bar has room for about two


def describe(entry: DueEntry) -> str:
    """ "Fatura Cartão Black •••• 4321", "Parcela 12/24 · Crédito Pessoal"..."""
    if entry.kind is DueKind.CARD_BILL:
        return QCoreApplication.translate("DueDates", "Bill {card}").format(card=entry.subject)
    if entry.kind is DueKind.CURRENT_BILL:
        return QCoreApplication.translate("DueDates", "Current bill {card} (so far)").format(card=entry.subject)
    if entry.kind is DueKind.LOAN_INSTALLMENT:
        number = f"{entry.number}/{entry.total}" if entry.total else str(entry.number)
        return QCoreApplication.translate("DueDates", "Installment {number} · {loan}").format(
            number=number, loan=entry.subject
        )
    if entry.kind is DueKind.LOAN_BALLOON:
        return QCoreApplication.translate("DueDates", "Balloon payment · {loan}").format(loan=entry.subject)
    return QCoreApplication.translate("DueDates", "Scheduled PIX · {what}").format(
        what=entry.subject or QCoreApplication.translate("DueDates", "no description")
    )


def status_text(entry: DueEntry) -> str:
    if entry.status is DueStatus.OVERDUE:
        return QCoreApplication.translate("DueDates", "Overdue (%n day(s))", "", -entry.days_left)
    if entry.status is DueStatus.DUE_TODAY:
        return QCoreApplication.translate("DueDates", "Due today")
    return QCoreApplication.translate("DueDates", "In %n day(s)", "", entry.days_left)


def amount_text(entry: DueEntry) -> str:
    if entry.amount is None:
        return "—"
    text = formatting.money(entry.amount)
    return "≈ " + text if entry.amount_estimated else text


def status_colour(entry: DueEntry) -> QColor | None:
    return {DueStatus.OVERDUE: OVERDUE, DueStatus.DUE_TODAY: DUE_TODAY}.get(entry.status)


class DueDatesPanel(QFrame):
    """The next due dates, overdue first. ``entry_activated(DueEntry)`` when the user clicks one that has a page."""

    entry_activated = Signal(object)
    REFRESH_ON = (Topic.SYNC_FINISHED, Topic.BILLS, Topic.LOANS, Topic.PAYMENTS, Topic.ACCOUNTS, Topic.TRANSACTIONS)

    def __init__(
        self,
        service: DueDatesService,
        parent: QWidget | None = None,
        *,
        window_days: int = DEFAULT_WINDOW_DAYS,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.window_days = window_days
        self.today = today
        self.entries: list[DueEntry] = []
        self.setObjectName("dueDatesPanel")
        self.setStyleSheet("#dueDatesPanel { background: white; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.title = QLabel(self.tr("Upcoming due dates"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.summary = QLabel()
        layout.addWidget(self.summary)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Due"), self.tr("What"), self.tr("Amount"), self.tr("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for column in (DATE, AMOUNT, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        layout.addWidget(self.table, 1)

        self.empty = QLabel()
        self.empty.setObjectName("pendingNotice")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)
        self.refresh()

    def on_change(self, change: Change) -> None:
        if change.topic in self.REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        today = self.today() if self.today is not None else None
        self.entries = self.service.upcoming(self.window_days, today=today)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            self._fill(row, entry)
        has = bool(self.entries)
        self.table.setVisible(has)
        self.empty.setVisible(not has)
        self.empty.setText(self.tr("Nothing due in the next %n day(s)", "", self.window_days))
        overdue = sum(1 for e in self.entries if e.status is DueStatus.OVERDUE)
        self.summary.setText(
            self.tr("%n overdue", "", overdue) + " · " + self.tr("next %n day(s)", "", self.window_days)
            if overdue
            else self.tr("Next %n day(s)", "", self.window_days)
        )
        self.summary.setStyleSheet(f"color: {OVERDUE.name()}" if overdue else "color: #5d6d7e")

    def _fill(self, row: int, entry: DueEntry) -> None:
        linked = entry.page in PAGES_WITH_ENTRIES
        hint = self.tr("Click to open it") if linked else ""
        if entry.amount_estimated:
            hint = (self.tr("Estimated amount.") + " " + hint).strip()
        elif entry.amount is None:
            hint = (self.tr("The bank does not send this amount.") + " " + hint).strip()
        cells = [formatting.day(entry.due_date), describe(entry), amount_text(entry), status_text(entry)]
        colour = status_colour(entry)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ENTRY_ROLE, row)
            tip = f"{text}\n{hint}" if column == WHAT and hint else text if column == WHAT else hint
            if tip:
                item.setToolTip(tip)
            if column == AMOUNT:
                item.setTextAlignment(RIGHT)
            if column == STATUS and colour is not None:
                item.setForeground(colour)
            self.table.setItem(row, column, item)

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return
        entry = self.entries[index.row()]
        if entry.page in PAGES_WITH_ENTRIES:
            self.entry_activated.emit(entry)


def reveal(pages: Mapping[str, QWidget], entry: DueEntry) -> None:
    """Select the entry's bill or loan on its page (the caller has switched to that page)."""
    page = pages.get(entry.page)
    if isinstance(page, CardBillsPage):
        index = page.card.findData(entry.owner_id)
        if index >= 0:
            page.card.setCurrentIndex(index)
        keys = [b.key for b in page.bills]
        if entry.bill_key in keys:
            page.select_bill(keys.index(entry.bill_key))
    elif isinstance(page, LoansPage):
        for row in range(page.table.topLevelItemCount()):
            item = page.table.topLevelItem(row)
            if item is not None and item.data(LOAN_NAME_COLUMN, Qt.ItemDataRole.UserRole) == entry.owner_id:
                page.table.setCurrentItem(item)
                break


class DueReminderNotifier(QObject):
    """Shows what is due soon or overdue in the window's status bar and, where there is a system tray, as a tray
    message: when the app opens and after each sync, each obligation at most once a day. Names and amounts only,
    never anything secret."""

    shown = Signal(str)  # the message, for tests

    def __init__(self, window: QMainWindow, reminders: DueReminders, reminder_days: Callable[[], int]) -> None:
        super().__init__(window)
        self.window = window
        self.reminders = reminders
        self.reminder_days = reminder_days
        self.tray: QSystemTrayIcon | None = None

    def start(self) -> None:
        """Check once the window is up."""
        QTimer.singleShot(0, self.check)

    def on_change(self, change: Change) -> None:
        if change.topic is Topic.SYNC_FINISHED:
            self.check()

    def check(self) -> str:
        """Show what is to be reminded of now; returns the message ("" when there is nothing)."""
        try:
            entries = self.reminders.take(self.reminder_days())
        except FinanceHubError as exc:  # the store cannot be read now: no reminder rather than an error at start-up
            log.warning("due-date reminders skipped: %s", type(exc).__name__)
            return ""
        if not entries:
            return ""
        message = reminder_message(entries)
        self.window.statusBar().showMessage(message, REMINDER_MESSAGE_MS)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(self.window.windowIcon(), self)
            self.tray.show()
            self.tray.showMessage(self.tr("Due dates"), message, QSystemTrayIcon.MessageIcon.Information)
        self.shown.emit(message)
        return message


def reminder_line(entry: DueEntry) -> str:
    """ "Fatura Cartão Black •••• 4321: vencida (64 dias), R$ 310,00" (no amount when the bank sent none)."""
    what, status = describe(entry), status_text(entry).lower()
    if entry.amount is None:
        return QCoreApplication.translate("DueDates", "{what}: {status}").format(what=what, status=status)
    return QCoreApplication.translate("DueDates", "{what}: {status}, {amount}").format(
        what=what, status=status, amount=amount_text(entry)
    )


def reminder_message(entries: list[DueEntry]) -> str:
    listed = [reminder_line(e) for e in entries[:MAX_LISTED_IN_REMINDER]]
    more = len(entries) - len(listed)
    text = "; ".join(listed)
    if more:
        text += " " + QCoreApplication.translate("DueDates", "and %n more", "", more)
    return QCoreApplication.translate("DueDates", "Due dates: {list}").format(list=text)
