"""The main window: a sidebar of pages, the page stack, a status bar, the Help menu."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from financehub_desktop import APP_NAME
from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.config.settings import Settings
from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.due_dates import DueEntry
from financehub_desktop.services.events import Change, Topic

from . import formatting
from .about import AboutDialog
from .accounts_page import AccountsPage
from .card_bills_page import CardBillsPage
from .connections_page import ConnectionsPage, sync_step_text
from .dashboard_page import DashboardPage
from .due_dates_panel import DueReminderNotifier, reveal
from .errors import ErrorDialog
from .investments_page import InvestmentsPage
from .loans_page import LoansPage
from .pages import PendingPage
from .qt_events import QtEventAdapter
from .resources import style_sheet
from .settings_page import SettingsPage
from .transactions_page import TransactionsPage


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # already translated
    pending_reason: str


def page_specs() -> list[PageSpec]:
    """The pages of the sidebar, in order. ``pending_reason`` says what brings a page that has not landed."""
    first_slice = QCoreApplication.translate(
        "Pages", "It arrives with the first slice of the app: sync, accounts, transactions and dashboard."
    )
    return [
        PageSpec("dashboard", QCoreApplication.translate("Pages", "Dashboard"), first_slice),
        PageSpec("accounts", QCoreApplication.translate("Pages", "Accounts"), first_slice),
        PageSpec("transactions", QCoreApplication.translate("Pages", "Transactions"), first_slice),
        PageSpec(
            "investments",
            QCoreApplication.translate("Pages", "Investments"),
            QCoreApplication.translate("Pages", "It arrives with investments and their transactions."),
        ),
        PageSpec(
            "bills",
            QCoreApplication.translate("Pages", "Card bills"),
            QCoreApplication.translate("Pages", "It arrives with the card view centred on bills."),
        ),
        PageSpec(
            "loans",
            QCoreApplication.translate("Pages", "Loans"),
            QCoreApplication.translate("Pages", "It arrives with loans and their installments."),
        ),
        PageSpec(
            "pix",
            QCoreApplication.translate("Pages", "PIX"),
            QCoreApplication.translate("Pages", "It arrives with PIX payment requests."),
        ),
        PageSpec("connections", QCoreApplication.translate("Pages", "Connections"), first_slice),
        PageSpec("settings", QCoreApplication.translate("Pages", "Settings"), first_slice),
    ]


class MainWindow(QMainWindow):
    closed = Signal()  # the user closed the window: the session ends

    def __init__(
        self,
        paths: ProfilePaths,
        settings: Settings,
        demo: bool = False,
        services: AppServices | None = None,
        connect_url: str | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.demo = demo
        self.services = services
        self.connect_url = connect_url or settings.pluggy_connect_url
        self.events: QtEventAdapter | None = None
        title = APP_NAME + (" — " + self.tr("Demo") if demo else "")
        self.setWindowTitle(title)
        self.setMinimumSize(QSize(960, 620))
        self.resize(1180, 760)
        self.setStyleSheet(style_sheet())

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(210)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for index, spec in enumerate(page_specs()):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if index < 9:
                item.setToolTip(f"Ctrl+{index + 1}")
            self.sidebar.addItem(item)
            page = self._build_page(spec)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.sync_state = QLabel()
        self._show_idle_state()
        self.statusBar().addWidget(self.sync_state, 1)
        profile = QLabel(
            self.tr("Profile: {name}").format(name=paths.profile) + (" (" + self.tr("demo") + ")" if demo else "")
        )
        self.statusBar().addPermanentWidget(profile)
        self._build_menus()
        self._build_shortcuts()
        self.due_reminders = self._start_due_reminders()

    # ------------------------------------------------------------------ pages
    def _build_page(self, spec: PageSpec) -> QWidget:
        services = self.services
        if services is None:
            return PendingPage(spec.title, spec.pending_reason)
        if self.events is None:
            self.events = QtEventAdapter(services.bus, self)
            self.events.changed.connect(self._on_change)
        page: QWidget
        if spec.key == "dashboard":
            page = DashboardPage(services.reports, services.transactions, due_dates=services.due_dates)
            if page.due_panel is not None:
                page.due_panel.entry_activated.connect(self.open_due_entry)
        elif spec.key == "accounts":
            page = AccountsPage(services.accounts)
        elif spec.key == "transactions":
            page = TransactionsPage(services.transactions, rules=services.rules, transfers=services.transfers)
        elif spec.key == "loans":
            page = LoansPage(services.loans)
        elif spec.key == "investments":
            page = InvestmentsPage(services.investments)
        elif spec.key == "bills":
            page = CardBillsPage(services.card_bills, services.installments)
        elif spec.key == "connections":
            page = ConnectionsPage(
                services.connections,
                self.connect_url,
                include_sandbox=self.demo,
                consent_warning_days=self.settings.consent_warning_days,
                language=self.settings.language,
            )
            page.error_raised.connect(self.show_error)
        elif spec.key == "settings":
            page = SettingsPage(services, demo=self.demo)
            page.error_raised.connect(self.show_error)
        else:
            return PendingPage(spec.title, spec.pending_reason)
        return page

    def _start_due_reminders(self) -> DueReminderNotifier | None:
        """Remind of due dates now and after each sync (``ui/due_dates_panel.py``)."""
        services = self.services
        if services is None or self.events is None:
            return None
        notifier = DueReminderNotifier(self, services.due_reminders, lambda: services.settings.due_reminder_days)
        self.events.changed.connect(notifier.on_change)
        notifier.start()
        return notifier

    def _on_change(self, change: Change) -> None:
        if change.topic is Topic.CREDENTIALS:
            connections = self.pages.get("connections")
            if isinstance(connections, ConnectionsPage) and self.services is not None:
                connections.set_service(self.services.connections)
        for page in self.pages.values():
            handler = getattr(page, "on_change", None)
            if handler is not None:
                handler(change)
        if change.topic is Topic.SYNC_PROGRESS:
            bank = self._bank_name(change.item_id)
            self.sync_state.setText(
                self.tr("Syncing {bank}: {step}").format(
                    bank=bank,
                    step=sync_step_text(str(change.detail.get("phase", "")), str(change.detail.get("message", ""))),
                )
            )
        elif change.topic is Topic.SYNC_FINISHED:
            error = change.detail.get("error")
            if isinstance(error, FinanceHubError):
                what = formatting.error_text(error, self.settings.language)
                self.sync_state.setText(self.tr("Last sync failed: {what}").format(what=what))
            else:
                self._show_idle_state()

    def _bank_name(self, item_id: str | None) -> str:
        connections = self.services.connections if self.services is not None else None
        if connections is None or item_id is None:
            return ""
        return next((v.connector_name for v in connections.connections() if v.item_id == item_id), "")

    def _show_idle_state(self) -> None:
        services = self.services
        connections = services.connections if services is not None else None
        views = connections.connections() if connections is not None else []
        if services is None:
            self.sync_state.setText(self.tr("No bank connected yet"))
        elif services.client is None:
            self.sync_state.setText(self.tr("Offline: set your Pluggy credentials in Settings to sync"))
        elif not views:
            self.sync_state.setText(self.tr("No bank connected yet"))
        else:
            synced = [v.last_synced_at for v in views if v.last_synced_at is not None]
            last = formatting.moment(max(synced)) if synced else self.tr("never")
            self.sync_state.setText(self.tr("Last sync: {when}").format(when=last))

    # ------------------------------------------------------------------ navigation
    def bring_to_front(self) -> None:
        """Another start of FinanceHub asked for this window (``ui/single_instance.py``)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_page(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                return
        raise KeyError(key)

    def open_due_entry(self, entry: DueEntry) -> None:
        """From the dashboard's due dates: the bill on the card bills page, the loan on the loans page."""
        self.show_page(entry.page)
        reveal(self.pages, entry)

    def current_page_key(self) -> str:
        return str(self.sidebar.currentItem().data(Qt.ItemDataRole.UserRole))

    def _build_shortcuts(self) -> None:
        for index in range(min(9, self.sidebar.count())):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, row=index: self.sidebar.setCurrentRow(row))
            self.addAction(action)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        logs = help_menu.addAction(self.tr("Open the &log folder"))
        logs.triggered.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.log_dir))))
        about = help_menu.addAction(self.tr("&About {app}").format(app=APP_NAME))
        about.triggered.connect(self.show_about)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.paths, self)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ errors
    def show_error(self, error: FinanceHubError) -> ErrorDialog:
        """Known errors: a message with help. The status bar keeps a one-line trace of it."""
        dialog = ErrorDialog(error, self.settings.language, self)
        self.statusBar().showMessage(formatting.error_text(error, self.settings.language), 15000)
        dialog.open()
        return dialog
