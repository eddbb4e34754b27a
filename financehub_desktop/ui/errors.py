"""A known error, shown with its help: what happened, steps to take, where to read more."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from financehub_desktop.domain.errors import FinanceHubError

from .formatting import message_language


class ErrorDialog(QMessageBox):
    def __init__(self, error: FinanceHubError, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = message_language(language)
        info = error.help(lang)
        self.error = error
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(info.title)
        self.setText(f"<b>{html.escape(error.message(lang))}</b>")
        steps = "".join(f"<li>{html.escape(s)}</li>" for s in info.steps)
        more = QCoreApplication.translate("ErrorDialog", "More: {doc}").format(doc=html.escape(info.documentation))
        self.setInformativeText(f"{html.escape(info.what_happened)}<ul>{steps}</ul><small>{more}</small>")
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
