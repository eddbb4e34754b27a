"""The MFA dialog, built from the bank's request: a text, number or password field, a choice, or an image
(QR code / captcha) with a field to type what it shows."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.services.mfa import MfaPrompt


class MfaDialog(QDialog):
    def __init__(self, prompt: MfaPrompt, bank_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.checked_answer = ""
        self.setWindowTitle(self.tr("Verification code"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("{bank} asks for a verification code to continue.").format(bank=bank_name or self.tr("Your bank"))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if prompt.instructions:
            instructions = QLabel(prompt.instructions)
            instructions.setWordWrap(True)
            layout.addWidget(instructions)
        self.image = self._build_image(prompt)
        if self.image is not None:
            layout.addWidget(self.image)
        self.choice: QComboBox | None = None
        self.field: QLineEdit | None = None
        layout.addLayout(self._build_form(prompt))

        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.countdown = QLabel("")
        layout.addWidget(self.countdown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        if prompt.expires_at is not None:
            self._timer.start(1000)
            self._tick()

    @staticmethod
    def _build_image(prompt: MfaPrompt) -> QLabel | None:
        if not prompt.image_png:
            return None
        pixmap = QPixmap()
        if not pixmap.loadFromData(prompt.image_png):
            return None
        label = QLabel()
        label.setPixmap(pixmap.scaledToWidth(min(260, pixmap.width())))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _build_form(self, prompt: MfaPrompt) -> QFormLayout:
        form = QFormLayout()
        if prompt.field_type == "select":
            self.choice = QComboBox()
            for option in prompt.options:
                self.choice.addItem(option.label, option.value)
            form.addRow(prompt.label, self.choice)
            return form
        self.field = QLineEdit()
        self.field.setObjectName(prompt.name)
        self.field.setPlaceholderText(prompt.placeholder)
        if prompt.field_type == "password":
            self.field.setEchoMode(QLineEdit.EchoMode.Password)
        if prompt.field_type == "number":
            self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        form.addRow(prompt.label, self.field)
        return form

    def answer(self) -> str:
        if self.choice is not None:
            return str(self.choice.currentData())
        return self.field.text() if self.field is not None else ""

    def try_accept(self) -> None:
        try:
            self.checked_answer = self.prompt.check(self.answer())
        except InvalidInputError as exc:
            self.error.setText(self.tr("Check the value: {what}").format(what=exc.detail))
            return
        self.accept()

    def _tick(self) -> None:
        if self.prompt.expires_at is None:
            return
        left = int((self.prompt.expires_at - datetime.now(UTC)).total_seconds())
        if left <= 0:
            self.countdown.setText(self.tr("The code request expired. Sync again to get a new one."))
            self._timer.stop()
        else:
            self.countdown.setText(self.tr("Expires in {m}:{s:02d}").format(m=left // 60, s=left % 60))
