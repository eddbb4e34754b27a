"""The crash dialog for bugs: apologise, say where the log is, offer the (redacted) details to copy."""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from financehub_desktop.config.logs import redact
from financehub_desktop.domain.errors import FinanceHubError


def crash_details(exc: BaseException, tb: TracebackType | None) -> str:
    return redact("".join(traceback.format_exception(type(exc), exc, tb)))


def build_crash_dialog(exc: BaseException, tb: TracebackType | None, log_file: Path) -> QMessageBox:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("CrashDialog", "FinanceHub hit a bug"))
    box.setText(
        QCoreApplication.translate(
            "CrashDialog", "Something went wrong that should not have. Your stored data is safe."
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "CrashDialog", "The details were written to the log:\n{path}\nPlease include them when you report this."
        ).format(path=log_file)
    )
    box.setDetailedText(crash_details(exc, tb))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_crash_dialog(exc: BaseException, tb: TracebackType | None, log_file: Path) -> None:
    """Called by the excepthook. Known errors that escaped a handler are still shown as a crash: they are bugs
    in how we handled them, but the user also gets their help text."""
    if QApplication.instance() is None or QApplication.closingDown():
        return  # nothing can be shown any more; the traceback is in the log
    box = build_crash_dialog(exc, tb, log_file)
    if isinstance(exc, FinanceHubError) and exc.is_known:
        box.setText(exc.message())
    box.exec()
