"""Small page widgets shared by the main window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PendingPage(QWidget):
    """A page whose feature has not landed yet. It says so plainly and shows no made-up data."""

    def __init__(self, title: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.notice = QLabel(
            QCoreApplication.translate("Pages", "This page is not available in this version yet.") + "\n" + reason
        )
        self.notice.setObjectName("pendingNotice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(heading)
        layout.addSpacing(12)
        layout.addWidget(self.notice)
        layout.addStretch(1)


def section_heading(text: str = "") -> QLabel:
    """The bold title over a page's detail panel (the selected bill, loan, purchase...)."""
    label = QLabel(text)
    font = QFont()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label
