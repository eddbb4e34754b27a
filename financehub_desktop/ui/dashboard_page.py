"""The dashboard: net worth over time, monthly income vs spending, spending by category for a chosen month, and the
upcoming due dates (``ui/due_dates_panel.py``). Redraws when a sync lands or the user edits transactions.

The charts are matplotlib canvases, and importing matplotlib takes most of a cold start (~0.7 s). The page is built
with empty panels and the charts arrive just after the window's first paint (``ensure_charts``), so the window shows
that much sooner."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from financehub_desktop.services.due_dates import DueDatesService
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.reports import ReportsService, add_months, month_start
from financehub_desktop.services.transactions import TransactionsService

from . import formatting
from .chart_data import MonthFlow, month_label
from .due_dates_panel import DueDatesPanel

if TYPE_CHECKING:
    from .charts import ChartCanvas

CHART_MIN_HEIGHT = 220


class DashboardPage(QWidget):
    REFRESH_ON = (Topic.TRANSACTIONS, Topic.ACCOUNTS, Topic.SYNC_FINISHED, Topic.CATEGORIES)

    def __init__(
        self, reports: ReportsService, transactions: TransactionsService, parent: QWidget | None = None,
        today: date | None = None, due_dates: DueDatesService | None = None,
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
        self.chart_locale = locale
        self.grid = QGridLayout()
        self.due_panel: DueDatesPanel | None = None
        if due_dates is not None:
            fixed = today
            self.due_panel = DueDatesPanel(due_dates, self, today=(lambda: fixed) if fixed is not None else None)
            self.bottom = QHBoxLayout()
            self.bottom.addWidget(self.due_panel, 6)
            self.grid.addLayout(self.bottom, 1, 0, 1, 2)
        self.net_worth_chart: ChartCanvas | None = None
        self.cash_flow_chart: ChartCanvas | None = None
        self.category_chart: ChartCanvas | None = None
        self._placeholders = [self._placeholder() for _ in range(3)]
        self._place(self._placeholders)
        self._charts_scheduled = False
        layout.addLayout(self.grid, 1)
        current = month_start(self._today())
        for offset in range(12):
            month = add_months(current, -offset)
            self.month.addItem(month_label(month, locale), month)
        self.month.currentIndexChanged.connect(lambda _i: self.draw_categories())
        self.refresh()

    def _placeholder(self) -> QWidget:
        panel = QFrame(self)
        panel.setMinimumHeight(CHART_MIN_HEIGHT)
        panel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        panel.setStyleSheet("background: white")
        return panel

    def _place(self, widgets: list[QWidget]) -> None:
        self.grid.addWidget(widgets[0], 0, 0)
        self.grid.addWidget(widgets[1], 0, 1)
        if self.due_panel is None:
            self.grid.addWidget(widgets[2], 1, 0, 1, 2)
        else:  # spending by category beside the due dates
            self.bottom.insertWidget(0, widgets[2], 5)

    @property
    def charts_ready(self) -> bool:
        return self.category_chart is not None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._charts_scheduled:  # the first paint is on screen: now bring in matplotlib
            self._charts_scheduled = True
            QTimer.singleShot(0, self.ensure_charts)

    def ensure_charts(self) -> None:
        """Build the three chart canvases (importing matplotlib) in place of the empty panels, and draw them."""
        if self.charts_ready:
            return
        from .charts import ChartCanvas

        self.net_worth_chart = ChartCanvas(self.chart_locale, self)
        self.cash_flow_chart = ChartCanvas(self.chart_locale, self)
        self.category_chart = ChartCanvas(self.chart_locale, self)
        for panel in self._placeholders:
            self.grid.removeWidget(panel)
            if self.due_panel is not None:
                self.bottom.removeWidget(panel)
            panel.deleteLater()
        self._placeholders = []
        self._place([self.net_worth_chart, self.cash_flow_chart, self.category_chart])
        self.refresh()

    def _today(self) -> date:
        return self.today or datetime.now(UTC).date()

    def on_change(self, change: Change) -> None:
        if self.due_panel is not None:
            self.due_panel.on_change(change)
        if change.topic in self.REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        if self.net_worth_chart is None or self.cash_flow_chart is None:
            return  # drawn by ensure_charts
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
        if self.category_chart is None:
            return
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
