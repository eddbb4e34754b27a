"""Loans and financings: what is owed, how many installments are paid, the next one, and each loan's schedule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.loans import (
    EntryKind,
    InstallmentStatus,
    InterestRate,
    LoansService,
    LoanView,
    ScheduleEntry,
)

from . import formatting, palette
from .formatting import percent
from .pages import section_heading

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PAST_DUE = palette.NEGATIVE
PAID = palette.SETTLED
TRACK = QColor("#dfe6e9")
FILL = QColor("#27ae60")
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1

# Loans table columns
NAME, KIND, BANK, CONTRACT, OUTSTANDING, PROGRESS, NEXT_DUE, NEXT_AMOUNT, CET = range(9)
# Schedule table columns
NUMBER, DUE, AMOUNT, STATUS, PAID_ON = range(5)


class _ProgressDelegate(QStyledItemDelegate):
    """The installments column: its text ("12 de 48 pagas") above a thin bar of the share paid."""

    BAR = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 140), size.height() + self.BAR + 8)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        share = index.data(PROGRESS_ROLE)
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        if share is None:
            super().paint(painter, option, index)
            return
        text_option = QStyleOptionViewItem(option)
        text_option.rect = rect.adjusted(0, 2, 0, -(self.BAR + 4))  # type: ignore[attr-defined]
        super().paint(painter, text_option, index)
        bar = QRect(rect.left() + 4, rect.bottom() - self.BAR - 1, rect.width() - 8, self.BAR)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK)
        painter.drawRoundedRect(bar, 2, 2)
        done = QRect(bar)
        done.setWidth(round(bar.width() * min(max(float(share), 0.0), 1.0)))
        if done.width() > 0:
            painter.setBrush(FILL)
            painter.drawRoundedRect(done, 2, 2)
        painter.restore()


class LoansPage(QWidget):
    REFRESH_ON = (Topic.LOANS, Topic.ITEMS, Topic.SYNC_FINISHED)

    def __init__(
        self, service: LoansService, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.today = today
        self.views: list[LoanView] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Loans"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        summary = QHBoxLayout()
        self.outstanding = QLabel()
        self.outstanding.setObjectName("netWorth")
        self.past_due = QLabel()
        self.past_due.setStyleSheet(f"color: {PAST_DUE.name()}; font-weight: bold")
        self.next_due = QLabel()
        for label in (self.outstanding, self.past_due, self.next_due):
            summary.addWidget(label)
            summary.addSpacing(16)
        summary.addStretch(1)
        layout.addLayout(summary)

        self.table = QTreeWidget()
        self.table.setColumnCount(9)
        self.table.setHeaderLabels(
            [self.tr("Loan"), self.tr("Kind"), self.tr("Bank"), self.tr("Contracted"), self.tr("Outstanding"),
             self.tr("Installments"), self.tr("Next due"), self.tr("Next amount"), self.tr("CET")]
        )  # fmt: skip
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegateForColumn(PROGRESS, _ProgressDelegate(self.table))
        # The name column is sized to its text (within limits) and never squeezed to "…" by the columns after it;
        # the last column takes what room is left.
        self.table.header().setStretchLastSection(True)
        self.table.header().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        self.table.currentItemChanged.connect(self._on_current_changed)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 8, 0, 0)
        self.detail_title = section_heading()
        details.addWidget(self.detail_title)
        body = QHBoxLayout()
        facts = QFrame()
        self.facts = QFormLayout(facts)
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        facts.setMinimumWidth(300)
        body.addWidget(facts, 0, Qt.AlignmentFlag.AlignTop)
        self.schedule = QTreeWidget()
        self.schedule.setColumnCount(5)
        self.schedule.setHeaderLabels(
            [self.tr("No."), self.tr("Due date"), self.tr("Amount"), self.tr("Status"), self.tr("Paid on")]
        )
        self.schedule.setRootIsDecorated(False)
        self.schedule.setAlternatingRowColors(True)
        body.addWidget(self.schedule, 1)
        details.addLayout(body, 1)
        self.schedule_note = QLabel()
        self.schedule_note.setObjectName("pendingNotice")
        self.schedule_note.setWordWrap(True)
        details.addWidget(self.schedule_note)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        layout.addWidget(self.splitter, 1)
        self.empty = QLabel(
            self.tr(
                "No loans or financings yet. When a connected bank shares credit operations, they appear here "
                "after a sync (Connections page)."
            )
        )
        self.empty.setObjectName("pendingNotice")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty, 1)
        self.refresh()

    # ------------------------------------------------------------------ words
    def kind_label(self, view: LoanView) -> str:
        subtype = view.type or ""
        for key, label in (
            ("CHEQUE_ESPECIAL", self.tr("Overdraft")),
            ("COM_CONSIGNACAO", self.tr("Payroll loan")),
            ("HOME_EQUITY", self.tr("Home equity")),
            ("HABITACIONAL", self.tr("Home financing")),
            ("IMOBILIARIO", self.tr("Home financing")),
            ("VEICULOS", self.tr("Vehicle financing")),
            ("CONTA_GARANTIDA", self.tr("Secured account")),
            ("CAPITAL_GIRO", self.tr("Working capital")),
        ):
            if key in subtype:
                return label
        return {
            "LOAN": self.tr("Loan"),
            "FINANCING": self.tr("Financing"),
            "INVOICE_FINANCING": self.tr("Receivables discount"),
            "UNARRANGED_ACCOUNT_OVERDRAFT": self.tr("Unarranged overdraft"),
        }.get(view.kind, view.kind)

    def periodicity_label(self, periodicity: str | None) -> str:
        return {
            "WEEKLY": self.tr("Weekly"),
            "FORTNIGHTLY": self.tr("Fortnightly"),
            "MONTHLY": self.tr("Monthly"),
            "BIMONTHLY": self.tr("Every two months"),
            "QUARTERLY": self.tr("Quarterly"),
            "SEMESTERLY": self.tr("Every six months"),
            "YEARLY": self.tr("Yearly"),
            "WITHOUT_REGULAR_PERIODICITY": self.tr("No regular periodicity"),
            "OTHERS": self.tr("Other"),
        }.get(periodicity or "", periodicity or "")

    def amortization_label(self, system: str | None) -> str:
        return {
            "PRICE": self.tr("Price table (fixed installments)"),
            "SAC": self.tr("SAC (decreasing installments)"),
            "SAM": self.tr("SAM (mixed)"),
            "WITHOUT_AMORTIZATION_SYSTEM": self.tr("No amortization system"),
            "OTHERS": self.tr("Other"),
        }.get(system or "", system or "")

    def rate_text(self, rate: InterestRate) -> str:
        suffix = {"MONTHLY": self.tr("a month"), "YEARLY": self.tr("a year")}.get(rate.periodicity or "", "")
        text = percent(rate.percent) + (" " + suffix if suffix else "")
        if rate.indexer:
            text = f"{rate.indexer.replace('_', ' ')} + {text}"
        return text

    def cet_text(self, view: LoanView) -> str:
        return "" if view.cet_percent is None else percent(view.cet_percent) + " " + self.tr("a year")

    def progress_text(self, view: LoanView) -> str:
        if view.total_installments is None or view.paid_installments is None:
            return ""
        return self.tr("{paid} of {total} paid").format(paid=view.paid_installments, total=view.total_installments)

    def status_text(self, entry: ScheduleEntry) -> str:
        return {
            InstallmentStatus.PAID: self.tr("Paid"),
            InstallmentStatus.DUE: self.tr("Open"),
            InstallmentStatus.PAST_DUE: self.tr("Past due"),
        }[entry.status]

    def amount_text(self, entry: ScheduleEntry) -> str:
        if entry.amount is None:
            return ""
        text = formatting.money(entry.amount)
        return "≈ " + text if entry.amount_estimated else text

    # ------------------------------------------------------------------ refresh
    def on_change(self, change: Change) -> None:
        if change.topic in self.REFRESH_ON:
            self.refresh()

    def refresh(self) -> None:
        today = self.today()
        selected = self.selected_loan_id()
        self.views = self.service.loans(today)
        totals = self.service.totals(today=today)
        self.outstanding.setText(self.tr("Outstanding balance: {v}").format(v=formatting.money(totals.outstanding)))
        self.past_due.setText(
            self.tr("%n installment(s) past due", "", totals.past_due_installments)
            if totals.past_due_installments
            else ""
        )
        self.past_due.setVisible(bool(totals.past_due_installments))
        nxt = totals.next_installment
        if nxt is not None and nxt.due_date is not None and totals.next_loan:
            text = self.tr("Next installment: {day} ({loan})").format(day=formatting.day(nxt.due_date),
                                                                      loan=totals.next_loan)  # fmt: skip
            if nxt.amount is not None:
                text += " " + self.amount_text(nxt)
            self.next_due.setText(text)
        else:
            self.next_due.setText("")

        self.table.blockSignals(True)
        self.table.clear()
        restore: QTreeWidgetItem | None = None
        for view in self.views:
            row = self._loan_row(view)
            self.table.addTopLevelItem(row)
            if view.loan_id == selected:
                restore = row
        self.table.blockSignals(False)
        for column in range(9):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(NAME, min(max(self.table.columnWidth(NAME), 120), 260))
        self.table.setColumnWidth(KIND, min(self.table.columnWidth(KIND), 170))
        # One bank for every loan: the column would repeat it on each row (the details' title names it).
        self.table.setColumnHidden(BANK, len({view.bank for view in self.views}) <= 1)
        self.table.setColumnWidth(PROGRESS, max(self.table.columnWidth(PROGRESS), 150))
        has_loans = bool(self.views)
        self.empty.setVisible(not has_loans)
        self.splitter.setVisible(has_loans)
        self.outstanding.setVisible(has_loans)
        self.next_due.setVisible(has_loans and bool(self.next_due.text()))
        current = restore or self.table.topLevelItem(0)
        if current is not None:
            self.table.blockSignals(True)
            self.table.setCurrentItem(current)
            self.table.blockSignals(False)
        self._show_details()

    def _loan_row(self, view: LoanView) -> QTreeWidgetItem:
        nxt = view.next_installment
        row = QTreeWidgetItem(
            [
                view.product_name,
                self.kind_label(view),
                view.bank or self.tr("(unknown bank)"),
                formatting.money(view.contract_amount),
                formatting.money(view.outstanding_balance) if view.outstanding_balance else "—",
                self.progress_text(view),
                formatting.day(nxt.due_date) if nxt else "",
                self.amount_text(nxt) if nxt else "",
                self.cet_text(view),
            ]
        )
        row.setData(NAME, Qt.ItemDataRole.UserRole, view.loan_id)
        if view.progress is not None:
            row.setData(PROGRESS, PROGRESS_ROLE, view.progress)
        if view.contract_number:
            row.setToolTip(NAME, self.tr("Contract {number}").format(number=view.contract_number))
        if view.outstanding_balance is None:
            row.setToolTip(OUTSTANDING, self.tr("The bank did not report the outstanding balance."))
        for column in (CONTRACT, OUTSTANDING, NEXT_AMOUNT, CET):
            row.setTextAlignment(column, RIGHT)
        if nxt is not None and nxt.status is InstallmentStatus.PAST_DUE:
            strong = QFont()
            strong.setBold(True)  # still visible when the row is selected and the colour is the highlight's
            for column in (NEXT_DUE, NEXT_AMOUNT):
                row.setForeground(column, QBrush(PAST_DUE))
                row.setFont(column, strong)
            row.setToolTip(NEXT_DUE, self.tr("Past due"))
        if nxt is not None and nxt.amount_estimated:
            row.setToolTip(NEXT_AMOUNT, self._estimate_hint())
        return row

    def _estimate_hint(self) -> str:
        return self.tr("Estimated: the bank does not send the amount of unpaid installments.")

    # ------------------------------------------------------------------ details
    def selected_loan_id(self) -> str | None:
        item = self.table.currentItem()
        return None if item is None else str(item.data(NAME, Qt.ItemDataRole.UserRole))

    def selected_loan(self) -> LoanView | None:
        loan_id = self.selected_loan_id()
        return next((v for v in self.views if v.loan_id == loan_id), None)

    def _on_current_changed(self, *_: object) -> None:
        self._show_details()

    def _show_details(self) -> None:
        view = self.selected_loan()
        while self.facts.rowCount():
            self.facts.removeRow(0)
        self.schedule.clear()
        self.details.setVisible(view is not None)
        if view is None:
            return
        self.detail_title.setText(f"{view.product_name} — {view.bank}" if view.bank else view.product_name)
        rates = "\n".join(self.rate_text(r) for r in view.interest_rates)
        facts = [
            (self.tr("Contract"), view.contract_number),
            (self.tr("Kind"), self.kind_label(view)),
            (self.tr("Contract date"), formatting.day(view.contract_date)),
            (self.tr("Contracted amount"), formatting.money(view.contract_amount)),
            (self.tr("Outstanding balance"), formatting.money(view.outstanding_balance)),
            (self.tr("Interest rate"), rates),
            (self.tr("CET (total cost)"), self.cet_text(view)),
            (self.tr("Amortization"), self.amortization_label(view.amortization)),
            (self.tr("Periodicity"), self.periodicity_label(view.periodicity)),
            (self.tr("Installments"), self.progress_text(view)),
            (self.tr("Remaining"), "" if view.remaining_installments is None else str(view.remaining_installments)),
            (self.tr("Past due"), str(view.past_due_installments) if view.past_due_installments else ""),
            (self.tr("Paid so far"), formatting.money(view.paid_total)),
            (self.tr("First installment"), formatting.day(view.first_due_date)),
            (self.tr("Final due date"), formatting.day(view.final_due_date)),
        ]
        for label, value in facts:
            if value:
                shown = QLabel(value)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                if label == self.tr("Past due"):
                    shown.setStyleSheet(f"color: {PAST_DUE.name()}; font-weight: bold")
                caption = QLabel(label + ":")
                self.facts.addRow(caption, shown)
                caption.show()  # the layout alone would show them only once the event loop runs
                shown.show()
        self._fill_schedule(view)

    def _fill_schedule(self, view: LoanView) -> None:
        entries = self.service.schedule(view.loan_id, self.today())
        bold = QFont()
        bold.setBold(True)
        estimated = False
        for entry in entries:
            number = {
                EntryKind.BALLOON: self.tr("Balloon"),
                EntryKind.EXTRA: self.tr("Extra payment"),
            }.get(entry.kind, str(entry.number or ""))
            row = QTreeWidgetItem(
                [number, formatting.day(entry.due_date), self.amount_text(entry), self.status_text(entry),
                 formatting.day(entry.paid_date)]
            )  # fmt: skip
            row.setTextAlignment(NUMBER, RIGHT)
            row.setTextAlignment(AMOUNT, RIGHT)
            if entry.status is InstallmentStatus.PAST_DUE:
                for column in range(5):
                    row.setForeground(column, QBrush(PAST_DUE))
            elif entry.status is InstallmentStatus.PAID:
                for column in range(5):
                    row.setForeground(column, QBrush(PAID))
            if entry == view.next_installment:
                for column in range(5):
                    row.setFont(column, bold)
            if entry.amount_estimated:
                row.setToolTip(AMOUNT, self._estimate_hint())
                estimated = True
            self.schedule.addTopLevelItem(row)
        for column in range(5):
            self.schedule.resizeColumnToContents(column)
        notes = []
        if not entries:
            notes.append(self.tr("The bank sent no installment schedule for this contract."))
        if estimated:
            notes.append(self.tr("≈ estimated amount: the bank only sends the amounts of paid installments."))
        self.schedule_note.setText(" ".join(notes))
        self.schedule_note.setVisible(bool(notes))
        index = next((i for i, e in enumerate(entries) if e == view.next_installment), None)
        item = self.schedule.topLevelItem(index) if index is not None else None
        if item is not None:
            self.schedule.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)
