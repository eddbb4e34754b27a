"""Card bills: pick a card, see its bills (the open one first, then newest first) with their status, and one bill's
total, minimum payment, dates, payments, charges and transactions, beside what those transactions add up to."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.services.card_bills import (
    BillKind,
    BillStatement,
    BillStatus,
    BillTransactionView,
    BillView,
    CardBillsService,
    CardView,
    card_label,
)
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.installments import InstallmentsService

from . import formatting, palette
from .chart_data import month_label
from .installments_panel import InstallmentsPanel
from .paged_model import Column, PagedTableModel
from .pages import section_heading

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
NEGATIVE = palette.NEGATIVE
POSITIVE = palette.POSITIVE
MUTED = palette.MUTED
STATUS_COLOURS = {
    BillStatus.PAID: QColor("#1e8449"),
    BillStatus.OVERDUE: QColor("#c0392b"),
    BillStatus.PARTIALLY_PAID: QColor("#b9770e"),
    BillStatus.OPEN: QColor("#1f5fa8"),
}
KEY_ROLE = Qt.ItemDataRole.UserRole


class _Rows:
    """A bill's rows, already loaded (a bill is a bounded statement), served to the table model."""

    def __init__(self, rows: Sequence[BillTransactionView]) -> None:
        self.rows = list(rows)

    def fetch_page(self, after: BillTransactionView | None, limit: int) -> list[BillTransactionView]:
        start = self.rows.index(after) + 1 if after is not None else 0
        return self.rows[start : start + limit]

    def count(self) -> int:
        return len(self.rows)


def _adds(info: str, label: str) -> bool:
    """Whether the bank's note says more than the charge's name ("Juros do rotativo" beside "Juros do rotativo")."""
    return bool(info) and info.strip().casefold() != label.casefold()


class CardBillsPage(QWidget):
    REFRESH_ON = (Topic.ACCOUNTS, Topic.ITEMS, Topic.BILLS, Topic.TRANSACTIONS, Topic.CATEGORIES, Topic.SYNC_FINISHED)
    BILL_COLUMNS = 4

    def __init__(
        self, service: CardBillsService, installments: InstallmentsService | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.installments_service = installments or InstallmentsService(service.store, service.today)
        self.bills: list[BillView] = []
        self.statement: BillStatement | None = None
        self._cards: dict[str, CardView] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Card bills"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        top = QHBoxLayout()
        self.card_label = QLabel(self.tr("Card:"))
        top.addWidget(self.card_label)
        self.card = QComboBox()
        self.card.setMinimumWidth(320)
        self.card.currentIndexChanged.connect(lambda _i: self._show_card())
        top.addWidget(self.card)
        self.card_summary = QLabel()
        top.addWidget(self.card_summary, 1)
        layout.addLayout(top)

        self.bill_table = QTableWidget(0, self.BILL_COLUMNS)
        self.bill_table.setHorizontalHeaderLabels([self.tr("Bill"), self.tr("Due date"), self.tr("Total"),
                                                   self.tr("Status")])  # fmt: skip
        self.bill_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.bill_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.bill_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bill_table.verticalHeader().setVisible(False)
        self.bill_table.verticalHeader().setDefaultSectionSize(26)
        self.bill_table.setAlternatingRowColors(True)
        header = self.bill_table.horizontalHeader()
        # Every column as wide as its text ("Fatura atual" was cut to "Fatura …"); the status takes what is left.
        for column in range(self.BILL_COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.bill_table.setMinimumWidth(390)  # room for "mar/26 · 05/03/2026 · R$ 1.234,56 · Paga parcialmente"
        self.bill_table.currentCellChanged.connect(lambda row, *_: self._show_bill(row))

        self.detail = self._build_detail()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.bill_table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 720])
        bills_tab = QWidget()
        bills_box = QVBoxLayout(bills_tab)
        bills_box.setContentsMargins(0, 8, 0, 0)
        bills_box.addWidget(self.splitter, 1)

        self.empty = QLabel()
        self.empty.setObjectName("pendingNotice")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        bills_box.addWidget(self.empty, 1)
        self.installments = InstallmentsPanel(self.installments_service)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(bills_tab, self.tr("Bills"))
        self.tabs.addTab(self.installments, self.tr("Purchases in installments"))
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build_detail(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(8, 0, 0, 0)
        self.heading = section_heading()
        box.addWidget(self.heading)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {palette.NOTE_TEXT}")
        box.addWidget(self.note)
        facts = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for form, entries in (
            (
                left,
                (
                    ("total", self.tr("Total")),
                    ("minimum", self.tr("Minimum payment")),
                    ("paid", self.tr("Amount paid")),
                ),
            ),
            (
                right,
                (("closing", self.tr("Closing date")), ("due", self.tr("Due date")), ("status", self.tr("Status"))),
            ),
        ):
            for key, label in entries:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.fields[key] = value
                form.addRow(label, value)
            facts.addLayout(form, 1)
        box.addLayout(facts)
        self.payments = QLabel()
        self.payments.setWordWrap(True)
        self.charges = QLabel()
        self.charges.setWordWrap(True)
        extra = QFormLayout()
        extra.addRow(self.tr("Payments"), self.payments)
        extra.addRow(self.tr("Charges"), self.charges)
        box.addLayout(extra)

        self.model: PagedTableModel[BillTransactionView] = PagedTableModel(self._columns(), page_size=500)
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.verticalHeader().setVisible(False)
        self.rows.verticalHeader().setDefaultSectionSize(24)
        self.rows.setAlternatingRowColors(True)
        rows_header = self.rows.horizontalHeader()
        for column, width in enumerate((84, 0, 140, 64, 100)):
            if width:
                self.rows.setColumnWidth(column, width)
        rows_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        rows_header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.rows, 1)
        self.sum_line = QLabel()
        self.sum_line.setWordWrap(True)
        box.addWidget(self.sum_line)
        return panel

    def _columns(self) -> list[Column[BillTransactionView]]:
        def colour(row: BillTransactionView) -> QColor:
            if row.pending:
                return MUTED
            return NEGATIVE if row.amount.amount < 0 else POSITIVE

        def italic(row: BillTransactionView) -> QFont | None:
            if not row.pending:
                return None
            font = QFont()
            font.setItalic(True)
            return font

        return [
            Column(self.tr("Date"), lambda r: formatting.day(r.day)),
            Column(
                self.tr("Description"),
                lambda r: r.description,
                font=italic,
                tooltip=lambda r: self.tr("Pending") if r.pending else None,
            ),
            Column(self.tr("Category"), lambda r: r.category_name),
            Column(self.tr("Installment"), lambda r: r.installment, align=Qt.AlignmentFlag.AlignCenter),
            Column(
                self.tr("Amount"), lambda r: formatting.money(r.amount), align=RIGHT, foreground=colour, font=italic
            ),
        ]

    # ------------------------------------------------------------------ words
    def status_text(self, status: BillStatus | None) -> str:
        return {
            BillStatus.PAID: self.tr("Paid"),
            BillStatus.PARTIALLY_PAID: self.tr("Partially paid"),
            BillStatus.OPEN: self.tr("Open"),
            BillStatus.OVERDUE: self.tr("Overdue"),
            BillStatus.NOTHING_DUE: self.tr("Nothing to pay"),
            None: "—",
        }[status]

    def bill_name(self, bill: BillView) -> str:
        if bill.kind is BillKind.CURRENT:
            return self.tr("Current bill")
        if bill.kind is BillKind.FUTURE:
            return self.tr("Future installments")
        if bill.kind is BillKind.UNASSIGNED:
            return self.tr("Without a bill")
        return month_label(bill.due_date, formatting.ui_locale()) if bill.due_date else ""

    def _payment_text(self, value_type: str, mode: str) -> str:
        kinds = {
            "FULL_PAYMENT": self.tr("Full payment"),
            "INSTALLMENT_PAYMENT": self.tr("Partial payment"),
            "OTHER_PAYMENT": self.tr("Other payment"),
        }
        modes = {
            "DEBIT_ACCOUNT": self.tr("account debit"),
            "BANK_SLIP": self.tr("boleto"),
            "PAYROLL_DEDUCTION": self.tr("payroll deduction"),
            "PIX": "PIX",
        }
        return " · ".join(p for p in (kinds.get(value_type, value_type), modes.get(mode, mode)) if p)

    def _charge_text(self, charge_type: str) -> str:
        return {
            "LATE_PAYMENT_REMUNERATIVE_INTEREST": self.tr("Revolving credit interest"),
            "LATE_PAYMENT_FEE": self.tr("Late payment fee"),
            "LATE_PAYMENT_INTEREST": self.tr("Late payment interest"),
            "IOF": "IOF",
            "OTHER": self.tr("Other charge"),
        }.get(charge_type, charge_type)

    # ------------------------------------------------------------------ filling
    def on_change(self, change: Change) -> None:
        if change.topic in self.REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        """Reload the cards, keeping the chosen card and bill when they are still there."""
        chosen = self.card.currentData()
        cards = self.service.cards()
        self.card.blockSignals(True)
        self.card.clear()
        for view in cards:
            self.card.addItem(self._card_label(view), view.account_id)
        self.card.setCurrentIndex(max(0, self.card.findData(chosen)))
        self.card.blockSignals(False)
        self._cards = {view.account_id: view for view in cards}
        self._show_card()

    def _card_label(self, card: CardView) -> str:
        parts = [card_label(card.name, card.last_digits)]
        if card.institution:
            parts.append(card.institution)
        return " — ".join(parts)

    def current_card(self) -> CardView | None:
        return self._cards.get(self.card.currentData() or "")

    def _show_card(self) -> None:
        card = self.current_card()
        chosen = self.statement.bill.key if self.statement is not None else None
        self.bills = self.service.bills(card.account_id) if card is not None else []
        self.card_summary.setText(self._summary(card) if card is not None else "")
        for widget in (self.card_label, self.card):
            widget.setVisible(card is not None)
        if card is None:
            self.empty.setText(self.tr("No credit card synced yet. Connect a bank on the Connections page."))
        else:
            self.empty.setText(self.tr("No bill of this card was synced yet. Bills arrive with the next sync."))
        self.empty.setVisible(not self.bills)
        self.splitter.setVisible(bool(self.bills))
        self.bill_table.blockSignals(True)
        self.bill_table.setRowCount(len(self.bills))
        for row, bill in enumerate(self.bills):
            self._fill_bill_row(row, bill)
        self.bill_table.blockSignals(False)
        keys = [b.key for b in self.bills]
        self.select_bill(keys.index(chosen) if chosen in keys else self._default_row())
        self.installments.show_card(card.account_id if card is not None else None)

    def _default_row(self) -> int:
        """The latest closed bill (what people open the page for), else the first row."""
        closed = [i for i, b in enumerate(self.bills) if b.kind is BillKind.CLOSED]
        return closed[0] if closed else 0

    def _summary(self, card: CardView) -> str:
        parts = []
        if card.credit_limit is not None:
            parts.append(self.tr("Limit: {v}").format(v=formatting.money(card.credit_limit)))
        if card.available_credit is not None:
            parts.append(self.tr("Available: {v}").format(v=formatting.money(card.available_credit)))
        if card.brand:
            parts.append(card.brand.title())
        return "    ".join(parts)

    def _fill_bill_row(self, row: int, bill: BillView) -> None:
        muted = bill.kind is not BillKind.CLOSED
        cells = [
            self.bill_name(bill),
            formatting.day(bill.due_date),
            formatting.money(bill.total),
            self.status_text(bill.status),
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(KEY_ROLE, bill.key)
            if column == 2:
                item.setTextAlignment(RIGHT)
            if muted and column == 0:
                font = QFont()
                font.setItalic(True)
                item.setFont(font)
            colour = STATUS_COLOURS.get(bill.status) if bill.status is not None else None
            if column == 3 and colour is not None:
                item.setForeground(colour)
            self.bill_table.setItem(row, column, item)

    def select_bill(self, row: int) -> None:
        if 0 <= row < len(self.bills):
            self.bill_table.setCurrentCell(row, 0)
            self._show_bill(row)
        else:
            self._show_bill(-1)

    def _show_bill(self, row: int) -> None:
        if not 0 <= row < len(self.bills):
            self.statement = None
            self.model.reset_source(None)
            return
        statement = self.service.statement(self.bills[row])
        self.statement = statement
        bill = statement.bill
        self.heading.setText(self._heading(bill))
        self.note.setText(self._note(bill))
        self.note.setVisible(bool(self.note.text()))
        closed = bill.kind is BillKind.CLOSED
        values = {
            "total": formatting.money(bill.total),
            "minimum": formatting.money(bill.minimum_payment) or "—",
            "paid": formatting.money(bill.paid) if closed else "—",
            "closing": formatting.day(bill.closing_date) or "—",
            "due": formatting.day(bill.due_date) or "—",
            "status": self.status_text(bill.status),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        colour = STATUS_COLOURS.get(bill.status) if bill.status is not None else None
        self.fields["status"].setStyleSheet(f"color: {colour.name()}; font-weight: 600" if colour else "")
        self.payments.setText(
            "\n".join(
                f"{formatting.day(p.day)} · {self._payment_text(p.value_type, p.payment_mode)} · "
                f"{formatting.money(p.amount)}"
                for p in bill.payments
            )
            or (self.tr("None reported by the bank") if closed else "—")
        )
        self.charges.setText(
            "\n".join(
                f"{self._charge_text(c.charge_type)} · {formatting.money(c.amount)}"
                + (f" ({c.additional_info})" if _adds(c.additional_info, self._charge_text(c.charge_type)) else "")
                for c in bill.finance_charges
            )
            or (self.tr("None") if closed else "—")
        )
        self.model.reset_source(_Rows(statement.transactions))
        while self.model.canFetchMore():
            self.model.fetchMore()
        self.sum_line.setText(self._sum_text(statement))

    def _heading(self, bill: BillView) -> str:
        if bill.kind is BillKind.CLOSED:
            return self.tr("Bill due on {day}").format(day=formatting.day(bill.due_date))
        return self.bill_name(bill)

    def _note(self, bill: BillView) -> str:
        if bill.kind is BillKind.CURRENT:
            if bill.closing_date is not None:
                return self.tr("Transactions the bank has not put on a bill yet. This bill closes on {day}.").format(
                    day=formatting.day(bill.closing_date)
                )
            return self.tr("Transactions the bank has not put on a bill yet.")
        if bill.kind is BillKind.FUTURE:
            return self.tr("Installments the bank has already announced for after the next closing date.")
        if bill.kind is BillKind.UNASSIGNED:
            return self.tr("Older transactions of this card that the bank did not put on any bill.")
        return ""

    def _sum_text(self, statement: BillStatement) -> str:
        count = len(statement.transactions)
        if count:
            text = self.tr("%n transaction(s), adding up to {sum}", "", count).format(
                sum=formatting.money(statement.transactions_total)
            )
        else:
            text = self.tr("No transactions synced for this bill")
        if statement.bill.kind is BillKind.CLOSED:
            text += " · " + self.tr("bill total: {total}").format(total=formatting.money(statement.bill.total))
            if not statement.difference.is_zero():
                text += "\n" + self.tr(
                    "The bank's total differs by {difference}: a previous balance, interest or fees the bank does "
                    "not list as transactions, or transactions not synced."
                ).format(difference=formatting.money(statement.difference))
        if statement.unconverted:
            text += "\n" + self.tr(
                "%n transaction(s) in another currency without the amount in the card's currency are not in the sum.",
                "",
                statement.unconverted,
            )
        return text
