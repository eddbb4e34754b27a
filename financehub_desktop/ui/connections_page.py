"""The Connections page: each bank with status, last sync, consent expiry (warned ahead), errors with help,
reconnect, delete, and sync now with a progress bar. New banks are connected through the embedded Connect widget."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.services.connections import ConnectionsService
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.mfa import MfaPrompt
from financehub_desktop.services.read_models import ConnectionView

from . import async_tasks, formatting, palette
from .connect.dialog import ConnectDialog
from .connect.url_events import ConnectOptions
from .mfa_dialog import MfaDialog

WARNING = palette.WARNING
ERROR = palette.NEGATIVE
OK = palette.POSITIVE


def sync_step_text(phase: str, message: str) -> str:
    """What a sync is doing, in the UI language (the engine's own messages are English, for the log)."""
    steps = {
        "refresh": QCoreApplication.translate("SyncSteps", "Asking the bank for fresh data"),
        "waiting": QCoreApplication.translate("SyncSteps", "Waiting for the bank"),
        "mfa": QCoreApplication.translate("SyncSteps", "Waiting for your verification code"),
        "accounts": QCoreApplication.translate("SyncSteps", "Reading accounts"),
        "transactions": QCoreApplication.translate("SyncSteps", "Reading transactions"),
        "bills": QCoreApplication.translate("SyncSteps", "Reading card bills"),
        "investments": QCoreApplication.translate("SyncSteps", "Reading investments"),
        "investment_transactions": QCoreApplication.translate("SyncSteps", "Reading investment transactions"),
        "loans": QCoreApplication.translate("SyncSteps", "Reading loans"),
        "identity": QCoreApplication.translate("SyncSteps", "Reading your registration data"),
        "consents": QCoreApplication.translate("SyncSteps", "Reading consents"),
        "finished": QCoreApplication.translate("SyncSteps", "Finishing"),
    }
    return steps.get(phase, message)


class ConnectionsPage(QWidget):
    """``error_raised`` carries known errors to the main window, which shows them with their help."""

    error_raised = Signal(object)
    REFRESH_ON = (Topic.ITEMS, Topic.SYNC_FINISHED, Topic.CREDENTIALS)

    def __init__(
        self,
        service: ConnectionsService | None,
        connect_url: str,
        *,
        include_sandbox: bool = False,
        consent_warning_days: int = 14,
        language: str = "pt_BR",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.connect_url = connect_url
        self.include_sandbox = include_sandbox
        self.consent_warning_days = consent_warning_days
        self.language = language
        self.connect_dialog: ConnectDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Connections"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Connect a bank…"))
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.reconnect_button = QPushButton(self.tr("Reconnect…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.help_button = QPushButton(self.tr("What happened?"))
        for button in (self.add_button, self.sync_button, self.reconnect_button, self.delete_button, self.help_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.open_connect(None))
        self.sync_button.clicked.connect(self.sync_selected)
        self.reconnect_button.clicked.connect(lambda: self.open_connect(self.selected_item()))
        self.delete_button.clicked.connect(self.delete_selected)
        self.help_button.clicked.connect(self.explain_selected)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Bank"), self.tr("Status"), self.tr("Last sync"), self.tr("Consent until"), self.tr("Problem")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        self.views: list[ConnectionView] = []
        self.set_service(service)

    # ------------------------------------------------------------------ state
    def set_service(self, service: ConnectionsService | None) -> None:
        self.service = service
        if service is not None:
            service.set_mfa_answerer(self.ask_mfa)  # scheduled and event-driven syncs ask here too
        self.refresh()

    def selected_item(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.views[rows[0].row()].item_id if rows else None

    def _selected_view(self) -> ConnectionView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.views[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        view = self._selected_view()
        online = self.service is not None
        self.add_button.setEnabled(online)
        for button in (self.sync_button, self.reconnect_button, self.delete_button):
            button.setEnabled(online and view is not None and not view.syncing)
        self.help_button.setEnabled(view is not None and view.error is not None)

    def _status_text(self, view: ConnectionView) -> str:
        if view.syncing:
            return self.tr("Syncing…")
        return {
            "UPDATED": self.tr("Up to date"),
            "UPDATING": self.tr("Updating at the bank"),
            "LOGIN_ERROR": self.tr("Login failed"),
            "OUTDATED": self.tr("Out of date"),
            "WAITING_USER_INPUT": self.tr("Waiting for your code"),
            "WAITING_USER_ACTION": self.tr("Waiting for you at the bank"),
            "MERGING": self.tr("Updating at the bank"),
        }.get(view.status, view.status)

    def refresh(self) -> None:
        if self.service is None:
            self.views = []
            self.notice.setText(
                self.tr("Pluggy credentials are not set: enter them in Settings to connect banks. Data already on this "
                        "computer stays available.")
            )  # fmt: skip
        else:
            self.views = self.service.connections()
            self.notice.setText("" if self.views else self.tr("No bank connected yet. Click “Connect a bank…”."))
        today = datetime.now(UTC).date()
        lang = formatting.message_language(self.language)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            consent = formatting.day(view.consent_expires_at)
            warn = view.consent_warning(today, self.consent_warning_days)
            left = view.consent_days_left(today)
            if warn and left is not None:
                consent += " " + (self.tr("(expired)") if left <= 0 else self.tr("(%n day(s) left)", "", left))
            cells = [
                view.connector_name,
                self._status_text(view),
                formatting.moment(view.last_synced_at) or self.tr("never"),
                consent,
                view.error.message(lang) if view.error else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setForeground(ERROR if view.error else OK if view.status == "UPDATED" else WARNING)
                if column == 3 and warn:
                    item.setForeground(ERROR if (left or 0) <= 0 else WARNING)
                if column == 4 and view.error:
                    item.setForeground(ERROR)
                    item.setToolTip(view.error.help(lang).what_happened)
                item.setData(Qt.ItemDataRole.UserRole, view.item_id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def on_change(self, change: Change) -> None:
        if change.topic is Topic.SYNC_PROGRESS:
            detail = change.detail
            total, done = int(str(detail.get("total", 0))), int(str(detail.get("done", 0)))
            self.progress.setVisible(True)
            self.progress.setRange(0, max(total, 0))
            self.progress.setValue(min(done, total) if total else 0)
            self.progress_label.setText(sync_step_text(str(detail.get("phase", "")), str(detail.get("message", ""))))
        elif change.topic is Topic.SYNC_FINISHED:
            self.progress.setVisible(False)
            self.progress_label.setText("")
            self.refresh()
        elif change.topic in self.REFRESH_ON:
            self.refresh()

    # ------------------------------------------------------------------ actions
    def _report(self, error: FinanceHubError) -> None:
        self.error_raised.emit(error)

    async def ask_mfa(self, prompt: MfaPrompt) -> str | None:
        """The MFA answerer the sync engine awaits: a dialog built from the bank's request."""
        name = next((v.connector_name for v in self.views if v.item_id == prompt.item_id), "")
        dialog = MfaDialog(prompt, name, self)
        future: asyncio.Future[str | None] = asyncio.get_event_loop().create_future()

        def finished(result: int) -> None:
            if not future.done():
                future.set_result(dialog.checked_answer if result == QDialog.DialogCode.Accepted else None)

        dialog.finished.connect(finished)
        dialog.open()
        return await future

    def sync_item(self, item_id: str) -> asyncio.Task[object] | None:
        if self.service is None:
            return None
        return async_tasks.start(self._sync(item_id), on_error=self._report)

    async def _sync(self, item_id: str) -> object:
        assert self.service is not None
        report = await self.service.sync(item_id, answer_mfa=self.ask_mfa)
        if report.error is not None and report.error.is_known:
            self._report(report.error)
        return report

    def sync_selected(self) -> None:
        item_id = self.selected_item()
        if item_id:
            self.sync_item(item_id)

    def open_connect(self, item_id: str | None) -> None:
        if self.service is None:
            return
        async_tasks.start(self._open_connect(item_id), on_error=self._report)

    async def _open_connect(self, item_id: str | None) -> None:
        assert self.service is not None
        token = await self.service.connect_token(item_id)
        options = ConnectOptions(
            connect_token=token,
            include_sandbox=self.include_sandbox,
            update_item=item_id,
            language="en" if self.language == "en" else "pt",
        )
        dialog = ConnectDialog(self.connect_url, options, self)
        dialog.succeeded.connect(lambda new_id: async_tasks.start(self._connected(new_id), on_error=self._report))
        dialog.failed.connect(
            lambda message, failed_id: async_tasks.start(self._connect_failed(failed_id), on_error=self._report)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.connect_dialog = dialog
        dialog.open()

    async def _connected(self, item_id: str) -> None:
        assert self.service is not None
        await self.service.add_from_connect(item_id)
        self.refresh()
        await self._sync(item_id)

    async def _connect_failed(self, item_id: str) -> None:
        """The page reported an error: keep the item (so it can be reconnected) and show its typed error with
        help — the page's own message is only one line of text."""
        if not item_id or self.service is None:
            return
        view = await self.service.add_from_connect(item_id)
        self.refresh()
        if view.error is not None:
            self._report(view.error)

    def delete_selected(self) -> None:
        view = self._selected_view()
        if view is None or self.service is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete connection"),
            self.tr("Delete {bank} and all its data from this computer? Its access at Pluggy (and any Open Finance "
                    "consent) ends too.").format(bank=view.connector_name),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            async_tasks.start(self.service.delete(view.item_id), on_error=self._report)

    def explain_selected(self) -> None:
        view = self._selected_view()
        if view is not None and view.error is not None:
            self._report(view.error)
