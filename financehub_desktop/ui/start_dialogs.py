"""Before the main window: the first run (connect my banks, or try the demo) and the unlock prompt (the master
passphrase, only when there is no keyring to hold the data key)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop import APP_NAME


class FirstRunDialog(QDialog):
    """Returns ``choice`` = ``"connect"`` or ``"demo"``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("<h2>Welcome</h2><p>{app} keeps a copy of your bank accounts, encrypted on this computer, and "
                    "lets you browse it even offline. It connects to banks through Pluggy (Open Finance).</p>").format(
                app=APP_NAME
            )
        )  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.connect_button = QPushButton(self.tr("Connect my banks (I have Pluggy credentials)"))
        self.demo_button = QPushButton(self.tr("Try the demo (a simulated bank, no account needed)"))
        self.connect_button.clicked.connect(lambda: self._choose("connect"))
        self.demo_button.clicked.connect(lambda: self._choose("demo"))
        layout.addWidget(self.connect_button)
        layout.addWidget(self.demo_button)
        note = QLabel(
            self.tr('Pluggy credentials come from <a href="https://dashboard.pluggy.ai">dashboard.pluggy.ai</a> '
                    "(Applications). You can enter them later in Settings.")
        )  # fmt: skip
        note.setOpenExternalLinks(True)
        note.setWordWrap(True)
        layout.addWidget(note)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class UnlockDialog(QDialog):
    """Asks for the master passphrase; ``creating`` asks twice (a new store), with a minimum length."""

    MIN_LENGTH = 8

    def __init__(self, creating: bool, error: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = creating
        self.setWindowTitle(self.tr("Unlock your data") if not creating else self.tr("Protect your data"))
        layout = QVBoxLayout(self)
        text = (
            self.tr("There is no system keyring here, so your data is protected by a master passphrase. Choose one: "
                    "without it the data cannot be recovered.")
            if creating
            else self.tr("Enter your master passphrase to open your data.")
        )  # fmt: skip
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if creating:
            form.addRow(self.tr("Repeat it"), self.confirm)
        layout.addLayout(form)
        self.error = QLabel(error)
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def try_accept(self) -> None:
        value = self.passphrase.text()
        if self.creating and len(value) < self.MIN_LENGTH:
            self.error.setText(self.tr("Use at least %n characters.", "", self.MIN_LENGTH))
            return
        if self.creating and value != self.confirm.text():
            self.error.setText(self.tr("The two passphrases differ."))
            return
        if not value:
            self.error.setText(self.tr("Enter the passphrase."))
            return
        self.accept()

    def value(self) -> str:
        return self.passphrase.text()
