"""The transactions page: filters, full-text search, a lazily paged table with inline category edit, and a detail
panel with every field. Pending rows are marked; rows removed at the bank are hidden unless asked for."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.read_models import TransactionFilter, TransactionRow
from financehub_desktop.services.rules import RulesService
from financehub_desktop.services.transactions import TransactionsService, check_filter
from financehub_desktop.services.transfers import TransfersService

from . import formatting, palette
from .paged_model import Column, PagedTableModel
from .rules_dialogs import RuleDialog, RulesDialog
from .transfer_detail import transfer_text

log = get_logger("ui")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PENDING = palette.MUTED
NEGATIVE = palette.NEGATIVE
POSITIVE = palette.POSITIVE
CATEGORY_COLUMN = 3


class _Source:
    def __init__(self, service: TransactionsService, flt: TransactionFilter) -> None:
        self.service, self.flt = service, flt

    def fetch_page(self, after: TransactionRow | None, limit: int) -> list[TransactionRow]:
        return self.service.page(self.flt, after, limit)

    def count(self) -> int:
        return self.service.count(self.flt)


class _CountSignals(QObject):
    counted = Signal(int, int)  # generation, total (-1: the count failed; the list itself is unaffected)


class CountJob(QRunnable):
    def __init__(self, service: TransactionsService, flt: TransactionFilter, generation: int) -> None:
        super().__init__()
        self.service, self.flt, self.generation = service, flt, generation
        self.signals = _CountSignals()

    def run(self) -> None:
        try:
            total = self.service.count(self.flt)
        except Exception:
            log.exception("counting transactions failed")
            total = -1
        self.signals.counted.emit(self.generation, total)


class TransactionsModel(PagedTableModel[TransactionRow]):
    """The paged model plus an editable category column (the edit goes through the service)."""

    def __init__(self, service: TransactionsService, columns: list[Column[TransactionRow]]) -> None:
        super().__init__(columns)
        self.service = service
        self.last_error: FinanceHubError | None = None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == CATEGORY_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == CATEGORY_COLUMN:
            return self.row_at(index.row()).category_id
        return super().data(index, role)

    def setData(  # noqa: N802
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != CATEGORY_COLUMN:
            return False
        row = self.row_at(index.row())
        if value == row.category_id:
            return False
        try:
            updated = self.service.recategorise(row.transaction_id, value or None)
        except FinanceHubError as exc:
            self.last_error = exc
            return False
        self.replace_row(index.row(), updated)
        return True


class CategoryDelegate(QStyledItemDelegate):
    def __init__(self, service: TransactionsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(QCoreApplication.translate("CategoryDelegate", "(automatic: a rule's or the bank's)"), "")
        for category in self.service.categories():
            combo.addItem(category.name, category.category_id)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(0, position))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class TransactionsPage(QWidget):
    REFRESH_ON = (Topic.TRANSACTIONS, Topic.ACCOUNTS, Topic.CATEGORIES, Topic.SYNC_FINISHED)

    def __init__(
        self,
        service: TransactionsService,
        parent: QWidget | None = None,
        rules: RulesService | None = None,
        transfers: TransfersService | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.rules = rules
        self.transfers = transfers
        self.filters = QHBoxLayout()
        self.filter_row = QHBoxLayout()
        self._build_filters()
        self.model = TransactionsModel(service, self._columns())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(CATEGORY_COLUMN, CategoryDelegate(service, self.table))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((88, 0, 120, 130, 56, 104, 72)):
            if width:
                self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_detail(current.row()))

        self.detail = TransactionDetailPanel(service, self)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 280])  # the list first: the description column stretches into the room

        self.count_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c0392b")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("Transactions"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addLayout(self.filters)
        layout.addLayout(self.filter_row)
        layout.addWidget(splitter, 1)
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addStretch(1)
        status.addWidget(self.error_label)
        layout.addLayout(status)
        self._count_generation = 0
        self._count_jobs: set[QObject] = set()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filters)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        self.reload_choices()
        self.apply_filters()

    # ------------------------------------------------------------------ building
    def _columns(self) -> list[Column[TransactionRow]]:
        def amount_colour(row: TransactionRow) -> QColor | None:
            if row.is_pending:
                return PENDING
            return NEGATIVE if row.amount.amount < 0 else POSITIVE

        def muted(row: TransactionRow) -> QColor | None:
            return PENDING if row.is_pending or row.ignored else None

        def italic(row: TransactionRow) -> QFont | None:
            if not (row.is_pending or row.removed):
                return None
            font = QFont()
            font.setItalic(row.is_pending)
            font.setStrikeOut(row.removed)
            return font

        status_text = {"PENDING": self.tr("Pending"), "POSTED": ""}
        return [
            Column(self.tr("Date"), lambda r: formatting.day(r.day), foreground=muted, font=italic),
            Column(
                self.tr("Description"),
                lambda r: r.description,
                foreground=muted,
                font=italic,
                tooltip=lambda r: r.note or None,
            ),
            Column(self.tr("Account"), lambda r: r.account_name, foreground=muted),
            Column(self.tr("Category"), lambda r: r.category_name, foreground=muted),
            Column(self.tr("Installment"), lambda r: r.installment, align=Qt.AlignmentFlag.AlignCenter),
            Column(
                self.tr("Amount"),
                lambda r: formatting.money(r.amount),
                align=RIGHT,
                foreground=amount_colour,
                font=italic,
            ),
            Column(self.tr("Status"), lambda r: status_text.get(r.status, r.status), foreground=muted),
        ]

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search description, merchant or note (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.account = QComboBox()
        self.category = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("Any status"), "")
        self.status.addItem(self.tr("Posted"), "POSTED")
        self.status.addItem(self.tr("Pending"), "PENDING")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setSpecialValueText(" ")
            edit.setMinimumDate(QDate(1990, 1, 1))
            edit.setDate(edit.minimumDate())  # the special value: no bound
        self.amount_min = QLineEdit()
        self.amount_max = QLineEdit()
        for line, hint in ((self.amount_min, self.tr("min R$")), (self.amount_max, self.tr("max R$"))):
            line.setPlaceholderText(hint)
            line.setMaximumWidth(90)
        self.show_removed = QCheckBox(self.tr("Show removed"))
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.clear_filters)
        for combo in (self.account, self.category, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        for line in (self.amount_min, self.amount_max):
            line.editingFinished.connect(self.apply_filters)
        self.show_removed.toggled.connect(lambda _b: self.apply_filters())
        self.filters.addWidget(self.search, 1)
        for widget in (self.account, self.category, self.status, self.date_from, QLabel("–"), self.date_to,
                       self.amount_min, self.amount_max, self.show_removed, clear):  # fmt: skip
            self.filter_row.addWidget(widget)
        self.filter_row.addStretch(1)
        self.rules_button = QPushButton(self.tr("Rules…"))
        self.rules_button.setToolTip(self.tr("Categorisation rules: always put matching transactions in a category"))
        self.rules_button.clicked.connect(self.open_rules)
        self.filter_row.addWidget(self.rules_button)

    def reload_choices(self) -> None:
        for combo, everything, items in (
            (self.account, self.tr("All accounts"), sorted(self.service.account_names().items(), key=lambda kv: kv[1])),
            (self.category, self.tr("All categories"), [(c.category_id, c.name) for c in self.service.categories()]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for key, name in items:
                combo.addItem(name, key)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    # ------------------------------------------------------------------ filtering
    def _decimal(self, edit: QLineEdit) -> Decimal | None:
        text = edit.text().strip().replace(".", "").replace(",", ".") if "," in edit.text() else edit.text().strip()
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    def _date(self, edit: QDateEdit) -> Any:
        return None if edit.date() == edit.minimumDate() else edit.date().toPython()

    def current_filter(self) -> TransactionFilter:
        return TransactionFilter(
            text=self.search.text(),
            account_ids=(self.account.currentData(),) if self.account.currentData() else (),
            category_ids=(self.category.currentData(),) if self.category.currentData() else (),
            date_from=self._date(self.date_from),
            date_to=self._date(self.date_to),
            amount_min=self._decimal(self.amount_min),
            amount_max=self._decimal(self.amount_max),
            status=self.status.currentData() or None,
            include_removed=self.show_removed.isChecked(),
        )

    def apply_filters(self) -> None:
        try:
            flt = self.current_filter()
            check_filter(flt)
        except FinanceHubError as exc:
            self.error_label.setText(formatting.error_text(exc, formatting.ui_locale()))
            return
        self.error_label.setText("")
        self.model.reset_source(_Source(self.service, flt))
        if self.model.canFetchMore():
            self.model.fetchMore()  # the first page shows at once (keyset: as fast over 500k rows as over 500)
        self._count_in_background(flt)
        self.detail.show_transaction(None)

    def _count_in_background(self, flt: TransactionFilter) -> None:
        """Counting every match of a broad filter over years of history takes a while: a worker thread does it
        and the label follows; a newer filter makes an older count's answer irrelevant."""
        self._count_generation += 1
        job = CountJob(self.service, flt, self._count_generation)
        job.signals.counted.connect(self._show_count)
        self._count_jobs.add(job.signals)
        job.signals.counted.connect(lambda *_: self._count_jobs.discard(job.signals))
        self.count_label.setText(self.tr("Counting…"))
        QThreadPool.globalInstance().start(job)

    def _show_count(self, generation: int, total: int) -> None:
        if generation == self._count_generation and total >= 0:
            self.count_label.setText(self.tr("%n transaction(s)", "", total))

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in (self.account, self.category, self.status):
            combo.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.setDate(edit.minimumDate())
        self.amount_min.clear()
        self.amount_max.clear()
        self.show_removed.setChecked(False)
        self.apply_filters()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_change(self, change: Change) -> None:
        if change.topic in (Topic.ACCOUNTS, Topic.CATEGORIES, Topic.SYNC_FINISHED):
            self.reload_choices()
            self.apply_filters()
        elif change.topic is Topic.TRANSACTIONS and change.detail.get("rules"):  # rules re-categorised rows
            self.apply_filters()

    def open_rules(self) -> None:
        if self.rules is not None:
            dialog = RulesDialog(self.rules, self.service, self)
            dialog.exec()
            dialog.deleteLater()  # a run still going on finishes on its thread; its answer is dropped

    def create_rule(self, transaction_id: int) -> RuleDialog | None:
        """The detail panel's "Create a rule…": the dialog prefilled from the transaction (modal)."""
        if self.rules is None:
            return None
        dialog = RuleDialog(self.rules, self.service, transaction_id, self)
        dialog.open()
        return dialog

    def _show_detail(self, row: int) -> None:
        if 0 <= row < self.model.loaded_rows():
            self.detail.show_transaction(self.model.row_at(row).transaction_id)


class TransactionDetailPanel(QWidget):
    """Every field of one transaction; the note and the ignore flag are editable here."""

    def __init__(self, service: TransactionsService, page: TransactionsPage) -> None:
        super().__init__(page)
        self.service = service
        self.page = page
        self.transaction_id: int | None = None
        form = self.form = QFormLayout(self)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("description", self.tr("Description")),
            ("raw", self.tr("As the bank wrote it")),
            ("amount", self.tr("Amount")),
            ("date", self.tr("Date")),
            ("status", self.tr("Status")),
            ("account", self.tr("Account")),
            ("transfer", self.tr("Transfer")),
            ("category", self.tr("Category")),
            ("bank_category", self.tr("Bank's category")),
            ("type", self.tr("Type")),
            ("method", self.tr("Payment method")),
            ("payer", self.tr("Payer")),
            ("receiver", self.tr("Receiver")),
            ("pix", self.tr("PIX key")),
            ("installment", self.tr("Installment")),
            ("bill", self.tr("Card bill")),
            ("merchant", self.tr("Merchant")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Add a note"))
        self.note.editingFinished.connect(self._save_note)
        form.addRow(self.tr("Note"), self.note)
        self.ignored = QCheckBox(self.tr("Leave out of reports"))
        self.ignored.toggled.connect(self._save_ignored)
        form.addRow("", self.ignored)
        self.rule_button = QPushButton(self.tr("Create a rule…"))
        self.rule_button.setToolTip(self.tr("Always give transactions like this one a category"))
        self.rule_button.clicked.connect(self._create_rule)
        self.rule_button.setVisible(page.rules is not None)
        form.addRow("", self.rule_button)
        self.setMinimumWidth(280)
        self.show_transaction(None)

    def show_transaction(self, transaction_id: int | None) -> None:
        self.transaction_id = transaction_id
        self.setEnabled(transaction_id is not None)
        if transaction_id is None:
            for value in self.fields.values():
                value.setText("")
            self.note.setText("")
            self.form.setRowVisible(self.fields["transfer"], False)
            return
        d = self.service.detail(transaction_id)
        kinds = {"DEBIT": self.tr("Debit"), "CREDIT": self.tr("Credit")}
        values = {
            "description": d.row.description,
            "raw": d.raw_description,
            "amount": formatting.money(d.row.amount),
            "date": formatting.day(d.row.day),
            "status": self.tr("Pending") if d.row.is_pending else self.tr("Posted"),
            "account": d.row.account_name,
            "category": d.row.category_name
            + (" " + self.tr("(rule: {name})").format(name=d.rule_name) if d.rule_name else ""),
            "bank_category": d.provider_category,
            "type": kinds.get(d.transaction_type, d.transaction_type),
            "method": " · ".join(p for p in (d.payment_method, d.operation_type) if p),
            "payer": d.payer,
            "receiver": d.receiver,
            "pix": d.pix_key,
            "installment": d.row.installment,
            "bill": d.bill_id,
            "merchant": d.merchant,
            "transfer": transfer_text(self.page.transfers, transaction_id),
        }
        for key, text in values.items():
            self.fields[key].setText(text)
        self.form.setRowVisible(self.fields["transfer"], bool(values["transfer"]))
        self.note.setText(d.note)
        self.ignored.blockSignals(True)
        self.ignored.setChecked(d.row.ignored)
        self.ignored.blockSignals(False)

    def _create_rule(self) -> None:
        if self.transaction_id is not None:
            self.page.create_rule(self.transaction_id)

    def _save_note(self) -> None:
        if self.transaction_id is not None:
            self.service.set_note(self.transaction_id, self.note.text())

    def _save_ignored(self, checked: bool) -> None:
        if self.transaction_id is not None:
            self.service.set_ignored(self.transaction_id, checked)
