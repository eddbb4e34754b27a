"""The dashboard: net worth over time, monthly income vs spending, spending by category for a chosen month.
Redraws when a sync lands or the user edits transactions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.reports import ReportsService, add_months, month_start
from financehub_desktop.services.transactions import TransactionsService

from . import formatting
from .charts import ChartCanvas, MonthFlow, month_label


class DashboardPage(QWidget):
    REFRESH_ON = (Topic.TRANSACTIONS, Topic.ACCOUNTS, Topic.SYNC_FINISHED, Topic.CATEGORIES)

    def __init__(
        self, reports: ReportsService, transactions: TransactionsService, parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.reports = reports
        self.transactions = transactions
        self.today = today
        locale = formatting.ui_locale()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        header = QHBoxLayout()
        title = QLabel(self.tr("Dashboard"))
        title.setObjectName("pageTitle")
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(QLabel(self.tr("Month:")))
        self.month = QComboBox()
        header.addWidget(self.month)
        layout.addLayout(header)
        grid = QGridLayout()
        self.net_worth_chart = ChartCanvas(locale, self)
        self.cash_flow_chart = ChartCanvas(locale, self)
        self.category_chart = ChartCanvas(locale, self)
        grid.addWidget(self.net_worth_chart, 0, 0)
        grid.addWidget(self.cash_flow_chart, 0, 1)
        grid.addWidget(self.category_chart, 1, 0, 1, 2)
        layout.addLayout(grid, 1)
        current = month_start(self._today())
        for offset in range(12):
            month = add_months(current, -offset)
            self.month.addItem(month_label(month, locale), month)
        self.month.currentIndexChanged.connect(lambda _i: self.draw_categories())
        self.refresh()

    def _today(self) -> date:
        return self.today or datetime.now(UTC).date()

    def on_change(self, change: Change) -> None:
        if change.topic in self.REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        history = self.reports.net_worth_history(months=24, today=self._today())
        has_data = any(v != 0 for _, v in history)
        self.net_worth_chart.plot_net_worth(
            history if has_data else [],
            self.tr("Net worth"),
            self.tr("Connect a bank on the Connections page (Ctrl+8) to see your net worth"),
        )
        flows = [MonthFlow(f.month, f.income, f.spending) for f in self.reports.monthly_cash_flow(12, self._today())]
        has_flow = any(f.income or f.spending for f in flows)
        self.cash_flow_chart.plot_cash_flow(
            flows if has_flow else [],
            self.tr("Income and spending"),
            (self.tr("Income"), self.tr("Spending")),
            self.tr("No transactions yet"),
        )
        self.draw_categories()

    def draw_categories(self) -> None:
        month = self.month.currentData() or month_start(self._today())
        totals = self.reports.spending_by_category(month)
        names = self.transactions.category_names()
        uncategorised = self.tr("Uncategorised")
        by_name: dict[str, Decimal] = {}
        for key, value in totals.items():
            name = names.get(key or "", uncategorised) if key else uncategorised
            by_name[name] = by_name.get(name, Decimal(0)) + value
        items = list(by_name.items())
        self.category_chart.plot_spending_by_category(
            items,
            self.tr("Spending by category — {month}").format(month=self.month.currentText()),
            self.tr("No spending in this month"),
            others=self.tr("Others"),
        )
