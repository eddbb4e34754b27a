"""Accounts by institution with balances (card limit and available credit for cards) and net worth."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from financehub_desktop.services.accounts import AccountsService
from financehub_desktop.services.events import Change, Topic

from . import formatting, palette

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NEGATIVE = palette.NEGATIVE


class AccountsPage(QWidget):
    REFRESH_ON = (Topic.ACCOUNTS, Topic.ITEMS, Topic.SYNC_FINISHED)

    def __init__(self, service: AccountsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Accounts"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        summary = QHBoxLayout()
        self.assets = QLabel()
        self.liabilities = QLabel()
        self.total = QLabel()
        self.total.setObjectName("netWorth")
        for label in (self.assets, self.liabilities, self.total):
            summary.addWidget(label)
        summary.addStretch(1)
        layout.addLayout(summary)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels(
            [self.tr("Account"), self.tr("Type"), self.tr("Number"), self.tr("Balance"), self.tr("Limit"),
             self.tr("Available")]
        )  # fmt: skip
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        self.empty = QLabel(self.tr("No accounts yet. Connect a bank on the Connections page."))
        self.empty.setObjectName("pendingNotice")
        layout.addWidget(self.empty)
        self.refresh()

    def on_change(self, change: Change) -> None:
        if change.topic in self.REFRESH_ON:
            self.refresh()

    def _type_label(self, subtype: str) -> str:
        return {
            "CHECKING_ACCOUNT": self.tr("Checking"),
            "SAVINGS_ACCOUNT": self.tr("Savings"),
            "CREDIT_CARD": self.tr("Credit card"),
        }.get(subtype, subtype)

    def refresh(self) -> None:
        views = self.service.accounts()
        worth = self.service.net_worth()
        self.assets.setText(self.tr("Assets: {v}").format(v=formatting.money(worth.assets)))
        self.liabilities.setText(self.tr("Card debt: {v}").format(v=formatting.money(worth.liabilities)))
        self.total.setText(self.tr("Net worth: {v}").format(v=formatting.money(worth.total)))
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for view in views:
            group = groups.get(view.institution)
            if group is None:
                group = QTreeWidgetItem([view.institution or self.tr("(unknown bank)")])
                group.setFont(0, bold)
                self.tree.addTopLevelItem(group)
                groups[view.institution] = group
            row = QTreeWidgetItem(
                [
                    view.name,
                    self._type_label(view.subtype),
                    view.number,
                    formatting.money(view.balance),
                    formatting.money(view.credit_limit),
                    formatting.money(view.available_credit),
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, view.account_id)
            for column in (3, 4, 5):
                row.setTextAlignment(column, RIGHT)
            if view.net_worth_amount < 0:
                row.setForeground(3, NEGATIVE)
            group.addChild(row)
        self.tree.expandAll()
        for column in range(1, 6):
            self.tree.resizeColumnToContents(column)
        self.empty.setVisible(not views)
        self.tree.setVisible(bool(views))
