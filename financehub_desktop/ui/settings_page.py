"""Settings: Pluggy credentials (checked before saving), relay URL and token, sync interval, language."""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.config.settings import (
    MAX_DUE_REMINDER_DAYS,
    MIN_SYNC_INTERVAL_HOURS,
    Settings,
    save_settings,
)
from financehub_desktop.domain.errors import FinanceHubError, InvalidInputError
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import KEYRING_SERVICE

from . import async_tasks, formatting
from .api_usage import ApiUsagePanel

PLUGGY_DASHBOARD = "https://dashboard.pluggy.ai"


class SettingsPage(QWidget):
    error_raised = Signal(object)
    saved = Signal(object)  # the new Settings

    def __init__(self, services: AppServices, *, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Settings"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        pluggy = QGroupBox(self.tr("Pluggy credentials"))
        form = QFormLayout(pluggy)
        help_text = QLabel(
            self.tr('Create an application at <a href="{url}">Pluggy\'s dashboard</a> and copy its clientId and '
                    "clientSecret here. The secret is kept in your system keyring, never in a file.").format(
                url=PLUGGY_DASHBOARD
            )
        )  # fmt: skip
        help_text.setOpenExternalLinks(True)
        help_text.setWordWrap(True)
        form.addRow(help_text)
        self.client_id = QLineEdit(services.settings.pluggy_client_id)
        self.client_id.setPlaceholderText("00000000-0000-0000-0000-000000000000")
        self.client_secret = QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_secret.setPlaceholderText(self.tr("unchanged") if services.client else "")
        self.save_credentials_button = QPushButton(self.tr("Check and save"))
        self.save_credentials_button.clicked.connect(self.save_credentials)
        self.credentials_status = QLabel()
        form.addRow("clientId", self.client_id)
        form.addRow("clientSecret", self.client_secret)
        form.addRow(self.save_credentials_button, self.credentials_status)
        if demo:
            pluggy.setEnabled(False)
            pluggy.setToolTip(self.tr("Demo mode uses the embedded sandbox's credentials."))
        layout.addWidget(pluggy)

        general = QGroupBox(self.tr("Sync and display"))
        general_form = QFormLayout(general)
        self.interval = QDoubleSpinBox()
        self.interval.setRange(MIN_SYNC_INTERVAL_HOURS, 168)
        self.interval.setSuffix(" h")
        self.interval.setValue(services.settings.sync_interval_hours)
        self.consent_days = QSpinBox()
        self.consent_days.setRange(0, 365)
        self.consent_days.setValue(services.settings.consent_warning_days)
        self.due_reminder_days = QSpinBox()
        self.due_reminder_days.setRange(0, MAX_DUE_REMINDER_DAYS)
        self.due_reminder_days.setSpecialValueText(self.tr("Off"))
        self.due_reminder_days.setToolTip(
            self.tr("Bills and installments due within this many days, or overdue, are reminded of once a day.")
        )
        self.due_reminder_days.setValue(services.settings.due_reminder_days)
        self.language = QComboBox()
        self.language.addItem("Português (Brasil)", "pt_BR")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(services.settings.language)))
        self.relay_url = QLineEdit(services.settings.relay_url)
        self.relay_url.setPlaceholderText("https://relay.example.com")
        self.relay_token = QLineEdit()
        self.relay_token.setEchoMode(QLineEdit.EchoMode.Password)
        general_form.addRow(self.tr("Sync every"), self.interval)
        general_form.addRow(self.tr("Warn about consents (days ahead)"), self.consent_days)
        general_form.addRow(self.tr("Remind of due dates (days ahead)"), self.due_reminder_days)
        general_form.addRow(self.tr("Language (after a restart)"), self.language)
        general_form.addRow(self.tr("Webhook relay URL"), self.relay_url)
        general_form.addRow(self.tr("Relay token"), self.relay_token)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        general_form.addRow(self.save_button, self.status)
        layout.addWidget(general)
        self.api_usage = ApiUsagePanel(services.api_usage, self)
        layout.addWidget(self.api_usage, 1)

    def _relay_username(self) -> str:
        return f"relay-token:{self.services.paths.profile}"

    def save(self) -> Settings | None:
        try:
            new = self.services.settings.replace(
                sync_interval_hours=float(self.interval.value()),
                consent_warning_days=int(self.consent_days.value()),
                due_reminder_days=int(self.due_reminder_days.value()),
                language=str(self.language.currentData()),
                relay_url=self.relay_url.text().strip(),
            )
        except ValueError as exc:
            self.error_raised.emit(InvalidInputError(str(exc)))
            return None
        try:
            save_settings(self.services.paths.settings_file, new)
            token = self.relay_token.text().strip()
            if token:
                keyring.set_password(KEYRING_SERVICE, self._relay_username(), token)
                self.relay_token.clear()
            elif not new.relay_url:
                with contextlib.suppress(keyring.errors.KeyringError):
                    keyring.delete_password(KEYRING_SERVICE, self._relay_username())
        except FinanceHubError as exc:
            self.error_raised.emit(exc)
            return None
        except keyring.errors.KeyringError:
            self.status.setText(self.tr("Saved, but the relay token could not be stored: no keyring."))
            self.services.settings = new
            self.saved.emit(new)
            return new
        self.services.settings = new
        self.status.setText(self.tr("Saved."))
        self.saved.emit(new)
        return new

    def save_credentials(self) -> None:
        self.credentials_status.setText(self.tr("Checking with Pluggy…"))
        self.save_credentials_button.setEnabled(False)

        def done(_: object) -> None:
            self.save_credentials_button.setEnabled(True)
            self.client_secret.clear()
            self.credentials_status.setText(self.tr("Pluggy accepted the credentials."))

        def failed(error: FinanceHubError) -> None:
            self.save_credentials_button.setEnabled(True)
            self.credentials_status.setText(formatting.error_text(error, self.services.settings.language))
            self.error_raised.emit(error)

        async_tasks.start(
            self.services.save_credentials(self.client_id.text(), self.client_secret.text()),
            on_done=done,
            on_error=failed,
        )
