"""The investments page: what is invested (overall and per type), every holding in a sortable table, and the
selected holding's details and transactions below it. Read-only and offline; refreshed after each sync."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.investments import (
    HoldingView,
    InvestmentsService,
    InvestmentTotals,
    InvestmentTransactionView,
)

from . import formatting
from .formatting import number, percent
from .investments_models import (
    INSTITUTION_COLUMN,
    NEGATIVE,
    POSITIVE,
    RATE_COLUMN,
    ListTableModel,
    contracted_rate,
    holding_columns,
    transaction_columns,
    unit_price,
)

log = get_logger("ui")
CARDS_PER_ROW = 4
STYLE = """
QFrame#investmentCard { background: white; border: 1px solid #dde2ea; border-radius: 8px; }
QFrame#investmentCard[total="true"] { border: 1px solid #2bb673; }
QLabel#cardTitle { color: #4a5568; font-size: 12px; border: none; }
QLabel#cardValue { color: #1f2a44; font-size: 20px; font-weight: 600; border: none; }
QLabel#cardDetail { color: #4a5568; font-size: 12px; border: none; }
QLabel#holdingTitle { color: #1f2a44; font-size: 15px; font-weight: 600; }
QLabel#holdingFacts { color: #4a5568; }
"""


class SummaryCard(QFrame):
    """One total: a title, the amount, and a line of detail (share, profit...)."""

    def __init__(self, title: str, parent: QWidget | None = None, *, total: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("investmentCard")
        self.setProperty("total", total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setObjectName("cardTitle")
        self.value = QLabel()
        self.value.setObjectName("cardValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        for label in (self.title, self.value, self.detail):
            layout.addWidget(label)
        layout.addStretch(1)


def _nowrap(text: str) -> str:
    """Rich text that never breaks inside an amount (``R$`` stays beside its number)."""
    return html.escape(text).replace(" ", "&nbsp;")


def _coloured(text: str, amount: Decimal | None) -> str:
    """Rich text: a gain in green, a loss in red."""
    text = _nowrap(text)
    if amount is None or amount == 0 or not text:
        return text
    colour = (POSITIVE if amount > 0 else NEGATIVE).name()
    return f'<span style="color:{colour}">{text}</span>'


class InvestmentsPage(QWidget):
    REFRESH_ON = (Topic.INVESTMENTS, Topic.ITEMS, Topic.SYNC_FINISHED)

    def __init__(self, service: InvestmentsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._fitted = False
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Investments"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        self.cards_box = QWidget()
        self.cards = QGridLayout(self.cards_box)
        self.cards.setContentsMargins(0, 4, 0, 4)
        self.cards.setHorizontalSpacing(10)
        self.cards.setVerticalSpacing(10)
        self.total_card = SummaryCard(self.tr("Total invested"), total=True)
        self.type_cards: dict[str, SummaryCard] = {}
        layout.addWidget(self.cards_box)
        self.currency_note = QLabel()
        self.currency_note.setObjectName("cardDetail")
        self.currency_note.setWordWrap(True)
        layout.addWidget(self.currency_note)

        self.holdings_model: ListTableModel[HoldingView] = ListTableModel(holding_columns())
        self.holdings = self._table(self.holdings_model, sortable=True)
        self.holdings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.holdings.selectionModel().currentRowChanged.connect(self._on_current_changed)

        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 8, 0, 0)
        self.holding_title = QLabel()
        self.holding_title.setObjectName("holdingTitle")
        self.holding_facts = QLabel()
        self.holding_facts.setObjectName("holdingFacts")
        self.holding_facts.setWordWrap(True)
        self.holding_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.transactions_model: ListTableModel[InvestmentTransactionView] = ListTableModel(transaction_columns())
        self.transactions = self._table(self.transactions_model, sortable=True)
        self.transactions.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.no_transactions = QLabel()
        self.no_transactions.setObjectName("pendingNotice")
        self.no_transactions.setWordWrap(True)
        for widget in (self.holding_title, self.holding_facts, self.transactions, self.no_transactions):
            below_layout.addWidget(widget)
        below_layout.setStretchFactor(self.transactions, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.holdings)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        self.empty = QLabel(
            self.tr(
                "No investments synced yet.\n\nConnect the bank or broker where you invest on the Connections page "
                "(CDBs, Tesouro Direto, funds, stocks and FIIs come with its data) and sync it: the holdings, their "
                "totals and every purchase and redemption will show here, also offline."
            )
        )
        self.empty.setObjectName("pendingNotice")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty, 1)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c0392b")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.refresh()

    def _table(self, model: ListTableModel, *, sortable: bool) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setSortingEnabled(sortable)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(26)
        table.horizontalHeader().setMinimumSectionSize(48)
        table.horizontalHeader().setSortIndicatorShown(sortable)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order first
        return table

    # ------------------------------------------------------------------ refresh
    def on_change(self, change: Change) -> None:
        if change.topic in self.REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        """Re-read holdings and totals; the selected holding stays selected while it still exists."""
        selected = self.selected_investment_id()
        try:
            holdings = self.service.holdings()
        except FinanceHubError as exc:
            log.warning("reading investments failed: %s", exc)
            self.error_label.setText(exc.message(formatting.message_language(self.service.language)))
            return
        self.error_label.clear()
        totals = self.service.totals(holdings)
        self.holdings_model.set_rows(holdings)
        header = self.holdings.horizontalHeader()
        if header.sortIndicatorSection() >= 0 and self.holdings.isSortingEnabled():
            self.holdings_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._fill_cards(totals)
        # a column that says the same on every row is noise: one institution, or no fixed-income rates at all
        self.holdings.setColumnHidden(INSTITUTION_COLUMN, len({h.institution for h in holdings}) <= 1)
        self.holdings.setColumnHidden(RATE_COLUMN, all(h.contracted.rate is None for h in holdings))
        self.holdings.resizeColumnsToContents()
        self.holdings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        has_any = bool(holdings)
        self.empty.setVisible(not has_any)
        for widget in (self.cards_box, self.splitter):
            widget.setVisible(has_any)
        self.currency_note.setVisible(has_any and totals.other_currency_holdings > 0)
        if not has_any:
            self._show_holding(None)
            return
        rows = [h.investment_id for h in self.holdings_model.rows()]
        self.select_holding(selected if selected in rows else rows[0])
        self._fit_later()

    def _fit_holdings(self) -> None:
        """Give the holdings table the height of its rows (up to 60% of the room); the transactions get the rest."""
        room = sum(self.splitter.sizes())
        if room <= 0:
            return
        header = self.holdings.horizontalHeader().sizeHint().height()
        rows = self.holdings_model.rowCount() * self.holdings.verticalHeader().defaultSectionSize()
        scroll = self.holdings.horizontalScrollBar()
        wanted = header + rows + 2 * self.holdings.frameWidth() + (scroll.height() if scroll.isVisible() else 0)
        top = min(wanted, int(room * 0.6))
        self.splitter.setSizes([top, room - top])

    def _fit_later(self) -> None:
        """After the layouts have settled (sizes are known only once the event loop has run them)."""
        QTimer.singleShot(0, self, self._fit_holdings)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """The page is built hidden (sizes unknown): fit when it first shows; later the user's splitter stays."""
        super().showEvent(event)
        if not self._fitted and self.holdings_model.rowCount():
            self._fitted = True
            self._fit_later()

    def _fill_cards(self, totals: InvestmentTotals) -> None:
        while self.cards.count():
            item = self.cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.total_card:
                widget.deleteLater()
        self.type_cards = {}
        self.total_card.value.setText(formatting.money(totals.balance))
        detail = self.tr("Invested {invested} · profit {profit}").format(
            invested=_nowrap(formatting.money(totals.invested)),
            profit=_coloured(formatting.money(totals.profit), totals.profit.amount),
        )
        if totals.profit_percent is not None:
            detail += " (" + _coloured(percent(totals.profit_percent), totals.profit_percent) + ")"
        self.total_card.detail.setText(detail)
        self.cards.addWidget(self.total_card, 0, 0)
        for n, part in enumerate(totals.by_type, start=1):
            card = SummaryCard(part.label)
            card.value.setText(formatting.money(part.balance))
            share = totals.share(part)
            lines = [self.tr("%n holding(s)", "", part.holdings)]
            if share is not None:
                lines.insert(0, self.tr("{share} of the total").format(share=percent(share, 1)))
            if part.profit_percent is not None:
                lines.append(
                    self.tr("return {profit}").format(
                        profit=_coloured(percent(part.profit_percent), part.profit_percent)
                    )
                )
            card.detail.setText(" · ".join(lines))
            self.type_cards[part.investment_type] = card
            self.cards.addWidget(card, n // CARDS_PER_ROW, n % CARDS_PER_ROW)
        for column in range(CARDS_PER_ROW):
            self.cards.setColumnStretch(column, 1)
        self.currency_note.setText(
            self.tr("%n holding(s) in another currency are listed but not added to these totals.", "",
                    totals.other_currency_holdings)
        )  # fmt: skip

    # ------------------------------------------------------------------ selection
    def selected_investment_id(self) -> str | None:
        current = self.holdings.selectionModel().currentIndex()
        if not current.isValid():
            return None
        return self.holdings_model.row_at(current.row()).investment_id

    def select_holding(self, investment_id: str) -> None:
        for row, holding in enumerate(self.holdings_model.rows()):
            if holding.investment_id == investment_id:
                self.holdings.selectRow(row)
                self.holdings.setCurrentIndex(self.holdings_model.index(row, 0))
                self._show_holding(holding)
                return

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_holding(self.holdings_model.row_at(current.row()) if current.isValid() else None)

    def _show_holding(self, holding: HoldingView | None) -> None:
        if holding is None:
            self.holding_title.clear()
            self.holding_facts.clear()
            self.transactions_model.set_rows([])
            self.no_transactions.hide()
            return
        title = holding.name if not holding.code or holding.code in holding.name else f"{holding.name} ({holding.code})"
        self.holding_title.setText(title)
        self.holding_facts.setText(self._facts(holding))
        try:
            rows = self.service.transactions(holding.investment_id)
        except FinanceHubError as exc:  # removed by a sync that has not refreshed this page yet
            log.info("transactions of an investment no longer there: %s", exc)
            rows = []
        self.transactions_model.set_rows(rows)
        self.transactions.resizeColumnsToContents()
        self.transactions.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.transactions.setVisible(bool(rows))
        self.no_transactions.setText(
            self.tr("No transactions synced for this investment. Some banks do not share them.")
        )
        self.no_transactions.setVisible(not rows)

    def _facts(self, h: HoldingView) -> str:
        facts = [h.subtype_label]
        if h.status and h.status != "ACTIVE":
            facts.append(h.status_label)
        if h.issuer:
            facts.append(self.tr("issuer {name}").format(name=h.issuer))
        facts.append(h.institution)
        rate = contracted_rate(h.contracted)
        if rate:
            facts.append(rate)
        if h.quantity is not None:
            facts.append(self.tr("quantity {n}").format(n=number(h.quantity, None)))
        if h.unit_value is not None:
            facts.append(self.tr("unit price {v}").format(v=unit_price(h.unit_value)))
        for label, value in (
            (self.tr("last month {v}"), h.last_month_rate),
            (self.tr("12 months {v}"), h.last_twelve_months_rate),
            (self.tr("annual {v}"), h.annual_rate),
        ):
            if value is not None:
                facts.append(label.format(v=percent(value)))
        if h.purchase_date is not None:
            facts.append(self.tr("since {d}").format(d=formatting.day(h.purchase_date)))
        if h.due_date is not None:
            facts.append(self.tr("matures {d}").format(d=formatting.day(h.due_date)))
        if h.taxes is not None and h.taxes.amount:
            facts.append(self.tr("estimated taxes {v}").format(v=formatting.money(h.taxes)))
        if h.net_withdrawal is not None:
            facts.append(self.tr("net if redeemed {v}").format(v=formatting.money(h.net_withdrawal)))
        if h.as_of is not None:
            facts.append(self.tr("position on {d}").format(d=formatting.day(h.as_of)))
        return " · ".join(f for f in facts if f)
