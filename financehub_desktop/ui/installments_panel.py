"""The "Compras parceladas" tab of the card bills page: the card's purchases in installments (how many posted, what
is left), one purchase's installments (posted, announced by the bank and projected, the projected ones in grey
italics), and what future installments commit in each of the next 12 months, on this card and on every card."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.domain.money import Money
from financehub_desktop.services.installments import InstallmentsService, InstallmentView, PurchaseView

from . import formatting, palette
from .chart_data import month_label
from .pages import section_heading

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
PROJECTED = palette.MUTED
DONE = palette.SETTLED
CANCELLED = palette.WARNING
KEY_ROLE = Qt.ItemDataRole.UserRole


def _table(columns: int, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setAlternatingRowColors(True)
    return table


def _item(text: str, *, align: Qt.AlignmentFlag | None = None, colour: QColor | None = None,
          italic: bool = False) -> QTableWidgetItem:  # fmt: skip
    item = QTableWidgetItem(text)
    if align is not None:
        item.setTextAlignment(align)
    if colour is not None:
        item.setForeground(colour)
    if italic:
        font = QFont()
        font.setItalic(True)
        item.setFont(font)
    return item


class InstallmentsPanel(QWidget):
    PURCHASE_COLUMNS = 7

    def __init__(self, service: InstallmentsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.account_id: str | None = None
        self.purchases: list[PurchaseView] = []
        self.current: PurchaseView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.purchase_table = _table(
            self.PURCHASE_COLUMNS,
            [self.tr("Purchase"), self.tr("Purchase date"), self.tr("Installments"), self.tr("Installment"),
             self.tr("Total"), self.tr("Remaining"), self.tr("Last month")],
        )  # fmt: skip
        header = self.purchase_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.PURCHASE_COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.purchase_table.currentCellChanged.connect(lambda row, *_: self._show_purchase(row))

        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(8, 0, 0, 0)
        self.heading = section_heading()
        box.addWidget(self.heading)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet(f"color: {palette.NOTE_TEXT}")
        box.addWidget(self.facts)
        self.installment_table = _table(4, [self.tr("Installment"), self.tr("Date"), self.tr("Amount"),
                                            self.tr("Situation")])  # fmt: skip
        parts_header = self.installment_table.horizontalHeader()
        parts_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 2):
            parts_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        box.addWidget(self.installment_table, 1)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.purchase_table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 460])
        layout.addWidget(self.splitter, 1)

        self.empty = QLabel()
        self.empty.setObjectName("pendingNotice")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty, 1)

        self.commitment_title = QLabel(self.tr("Committed to installments in the next 12 months"))
        self.commitment_title.setStyleSheet("font-weight: 600")
        layout.addWidget(self.commitment_title)
        self.commitment = QTableWidget(2, 12)
        self.commitment.setVerticalHeaderLabels([self.tr("This card"), self.tr("All cards")])
        self.commitment.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.commitment.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.commitment.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.commitment.verticalHeader().setDefaultSectionSize(24)
        for policy in (self.commitment.setVerticalScrollBarPolicy, self.commitment.setHorizontalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.commitment.setFixedHeight(
            self.commitment.horizontalHeader().sizeHint().height() + 2 * 24 + 2 * self.commitment.frameWidth()
        )
        layout.addWidget(self.commitment)

    # ------------------------------------------------------------------ words
    def count_text(self, purchase: PurchaseView) -> str:
        return self.tr("{posted} of {total}").format(posted=purchase.posted_count, total=purchase.total_installments)

    def situation(self, purchase: PurchaseView, part: InstallmentView) -> str:
        if purchase.cancelled and not part.posted:
            return self.tr("Cancelled")
        if part.projected:
            return self.tr("Before the synced history") if part.posted else self.tr("Projected")
        if not part.posted:
            return self.tr("Announced by the bank")
        return self.tr("Pending") if part.pending else self.tr("Posted")

    def _left_text(self, purchase: PurchaseView) -> str:
        if purchase.cancelled:
            return self.tr("Cancelled")
        if purchase.finished:
            return self.tr("Paid off")
        return self._money(purchase.remaining_amount, purchase.currency)

    def _money(self, amount: Decimal, currency: str) -> str:
        return formatting.money(Money(amount, currency))

    # ------------------------------------------------------------------ filling
    def show_card(self, account_id: str | None) -> None:
        """Show one card's purchases (none when ``account_id`` is None), keeping the chosen purchase if still there."""
        chosen = self.current.key if self.current is not None else None
        self.account_id = account_id
        self.purchases = self.service.purchases(account_id) if account_id is not None else []
        self.purchase_table.blockSignals(True)
        self.purchase_table.setRowCount(len(self.purchases))
        for row, purchase in enumerate(self.purchases):
            self._fill_purchase(row, purchase)
        self.purchase_table.blockSignals(False)
        self.splitter.setVisible(bool(self.purchases))
        self.empty.setVisible(not self.purchases)
        if account_id is None:
            self.empty.setText(self.tr("No credit card synced yet. Connect a bank on the Connections page."))
        else:
            self.empty.setText(self.tr("No purchase in installments on this card. Installments arrive with the "
                                       "card's transactions at the next sync."))  # fmt: skip
        active = [p for p in self.purchases if not p.finished]
        left = sum((p.remaining_amount for p in active), Decimal(0))
        currency = self.purchases[0].currency if self.purchases else "BRL"
        if active:
            self.summary.setText(
                self.tr("%n purchase(s) with installments still to come", "", len(active))
                + " · "
                + self.tr("{amount} left to pay on this card").format(amount=self._money(left, currency))
            )
        else:
            self.summary.setText(self.tr("Every purchase in installments on this card is paid off or cancelled."))
        self.summary.setVisible(bool(self.purchases))
        self._fill_commitment()
        keys = [p.key for p in self.purchases]
        self.select_purchase(keys.index(chosen) if chosen in keys else 0)

    def _fill_purchase(self, row: int, purchase: PurchaseView) -> None:
        muted = DONE if purchase.finished else None
        cells = [
            _item(purchase.description, colour=muted),
            _item(formatting.day(purchase.purchase_date) or "—", colour=muted),
            _item(self.count_text(purchase), align=CENTRE, colour=muted),
            _item(self._money(purchase.installment_amount, purchase.currency), align=RIGHT, colour=muted),
            _item(self._money(purchase.total, purchase.currency), align=RIGHT, colour=muted,
                  italic=purchase.total_estimated),
            _item(self._left_text(purchase), align=RIGHT, colour=CANCELLED if purchase.cancelled else muted),
            _item("—" if purchase.cancelled else month_label(purchase.last_month, formatting.ui_locale()),
                  align=CENTRE, colour=muted),
        ]  # fmt: skip
        if purchase.total_estimated:
            cells[4].setToolTip(self.tr("The bank did not send the purchase total: the installments added up."))
        for column, item in enumerate(cells):
            item.setData(KEY_ROLE, purchase.key)
            self.purchase_table.setItem(row, column, item)

    def select_purchase(self, row: int) -> None:
        if 0 <= row < len(self.purchases):
            self.purchase_table.setCurrentCell(row, 0)
        self._show_purchase(row)

    def _show_purchase(self, row: int) -> None:
        if not 0 <= row < len(self.purchases):
            self.current = None
            self.installment_table.setRowCount(0)
            self.heading.setText("")
            self.facts.setText("")
            return
        purchase = self.current = self.purchases[row]
        self.heading.setText(purchase.description)
        self.facts.setText(self._facts(purchase))
        table = self.installment_table
        table.setRowCount(len(purchase.installments))
        for index, part in enumerate(purchase.installments):
            grey = PROJECTED if part.projected else None
            cells = [
                _item(f"{part.number}/{purchase.total_installments}", align=CENTRE, colour=grey, italic=part.projected),
                _item(formatting.day(part.day), colour=grey, italic=part.projected),
                _item(self._money(part.amount, purchase.currency), align=RIGHT, colour=grey, italic=part.projected),
                _item(self.situation(purchase, part), colour=grey, italic=part.projected),
            ]
            if part.projected:
                cells[3].setToolTip(self.tr("Not a transaction synced from the bank: date and amount are inferred "
                                            "from the purchase's other installments."))  # fmt: skip
            for column, item in enumerate(cells):
                table.setItem(index, column, item)

    def _facts(self, purchase: PurchaseView) -> str:
        lines = [
            self.tr("Card: {card}").format(card=purchase.card_name),
            self.tr("Bought on {day}").format(day=formatting.day(purchase.purchase_date))
            if purchase.purchase_date is not None
            else self.tr("The bank did not send the purchase date"),
            self.tr("{count} installments of {amount}, total {total}").format(
                count=purchase.total_installments,
                amount=self._money(purchase.installment_amount, purchase.currency),
                total=self._money(purchase.total, purchase.currency),
            )
            + (" " + self.tr("(estimated)") if purchase.total_estimated else ""),
        ]
        if purchase.refunds:
            lines.append(self.tr("Refunded: {amount}").format(amount=self._money(purchase.refunded, purchase.currency)))
        if purchase.cancelled:
            lines.append(self.tr("Cancelled: no more installments are expected."))
        elif purchase.next_month is not None:
            lines.append(
                self.tr("Next installment in {month}; {amount} left to pay").format(
                    month=month_label(purchase.next_month, formatting.ui_locale()),
                    amount=self._money(purchase.remaining_amount, purchase.currency),
                )
            )
        else:
            lines.append(self.tr("Paid off"))
        return "\n".join(lines)

    def _fill_commitment(self) -> None:
        every = self.service.commitment()
        mine = self.service.commitment(self.account_id) if self.account_id is not None else []
        locale = formatting.ui_locale()
        self.commitment.setHorizontalHeaderLabels([month_label(m.month, locale) for m in every])
        for column, month in enumerate(every):
            own = mine[column] if mine else None
            for row, value in enumerate((own, month)):
                text = self._money(value.amount, value.currency) if value is not None and value.amount else "—"
                item = _item(text, align=RIGHT, colour=None if text != "—" else PROJECTED)
                if value is not None and value.installments:
                    item.setToolTip(self.tr("%n installment(s)", "", value.installments))
                self.commitment.setItem(row, column, item)
        visible = any(m.amount for m in every)
        self.commitment_title.setVisible(visible)
        self.commitment.setVisible(visible)

    def month_header(self, column: int) -> str:
        item = self.commitment.horizontalHeaderItem(column)
        return item.text() if item is not None else ""
