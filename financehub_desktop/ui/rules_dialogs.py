"""Categorisation rules in the app: "Create a rule…" from a transaction, and the list of rules (enable, disable,
delete, apply now). The service (``services/rules.py``) does the work; these dialogs only ask and show."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.services.read_models import RuleDraft, RuleView
from financehub_desktop.services.rules import PAYMENT_METHODS, RulesService
from financehub_desktop.services.transactions import TransactionsService

ERROR_STYLE = "color: #c0392b"


def field_labels() -> dict[str, str]:
    return {
        "description": QCoreApplication.translate("Rules", "Description"),
        "merchant": QCoreApplication.translate("Rules", "Merchant"),
        "document": QCoreApplication.translate("Rules", "CPF/CNPJ of the other party"),
        "payment_method": QCoreApplication.translate("Rules", "Payment method"),
    }


def match_labels() -> dict[str, str]:
    return {
        "contains": QCoreApplication.translate("Rules", "contains"),
        "exact": QCoreApplication.translate("Rules", "is exactly"),
        "startsWith": QCoreApplication.translate("Rules", "starts with"),
        "endsWith": QCoreApplication.translate("Rules", "ends with"),
    }


def _error_text(error: FinanceHubError, language: str) -> str:
    return error.message("en" if language == "en" else "pt_BR")


class RuleDialog(QDialog):
    """Create a rule, prefilled from a transaction when one is given."""

    def __init__(
        self,
        rules: RulesService,
        transactions: TransactionsService,
        transaction_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rules = rules
        self.transaction_id = transaction_id
        self.created: RuleView | None = None
        self.changed = 0
        self.setWindowTitle(self.tr("Create a categorisation rule"))
        self.field = QComboBox()
        for key, label in field_labels().items():
            self.field.addItem(label, key)
        self.match_type = QComboBox()
        for key, label in match_labels().items():
            self.match_type.addItem(label, key)
        self.pattern = QLineEdit()
        self.pattern_choice = QComboBox()  # payment methods are a closed list
        for method in PAYMENT_METHODS:
            self.pattern_choice.addItem(self.tr("Card") if method == "CARD" else method, method)
        self.category = QComboBox()
        for view in transactions.categories():
            self.category.addItem(view.name, view.category_id)
        self.apply_now = QCheckBox(self.tr("Apply to existing transactions now"))
        self.apply_now.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        hint = QLabel(self.tr("Your own category choices always win over rules; rules win over the bank's category."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        form = QFormLayout()
        form.addRow(self.tr("Match on"), self.field)
        form.addRow(self.tr("How"), self.match_type)
        pattern_row = QHBoxLayout()
        pattern_row.addWidget(self.pattern, 1)
        pattern_row.addWidget(self.pattern_choice, 1)
        form.addRow(self.tr("Text"), pattern_row)
        form.addRow(self.tr("Category"), self.category)
        form.addRow("", self.apply_now)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        if transaction_id is not None:
            self._fill(rules.draft_from_transaction(transaction_id))
        else:
            self._show_kind()
        self.field.currentIndexChanged.connect(self._field_changed)

    def _fill(self, draft: RuleDraft) -> None:
        self.field.blockSignals(True)
        self.field.setCurrentIndex(max(0, self.field.findData(draft.field)))
        self.field.blockSignals(False)
        self.match_type.setCurrentIndex(max(0, self.match_type.findData(draft.match_type)))
        if draft.field == "payment_method":
            self.pattern_choice.setCurrentIndex(max(0, self.pattern_choice.findData(draft.pattern)))
        else:
            self.pattern.setText(draft.pattern)
        if draft.category_id:
            self.category.setCurrentIndex(max(0, self.category.findData(draft.category_id)))
        self._show_kind()

    def _show_kind(self) -> None:
        closed = self.field.currentData() == "payment_method"
        self.pattern.setVisible(not closed)
        self.pattern_choice.setVisible(closed)
        self.match_type.setEnabled(not closed)
        if closed:
            self.match_type.setCurrentIndex(self.match_type.findData("exact"))

    def _field_changed(self) -> None:
        field = str(self.field.currentData())
        if self.transaction_id is not None:
            draft = self.rules.draft_from_transaction(self.transaction_id, field)
            self._fill(RuleDraft(field=field, match_type=draft.match_type, pattern=draft.pattern))
        else:
            self._show_kind()

    def draft(self) -> RuleDraft:
        field = str(self.field.currentData())
        closed = field == "payment_method"
        pattern = str(self.pattern_choice.currentData()) if closed else self.pattern.text()
        return RuleDraft(
            field=field,
            match_type=str(self.match_type.currentData()),
            pattern=pattern,
            category_id=str(self.category.currentData() or ""),
        )

    def save(self) -> None:
        draft = self.draft()
        if draft.field == "document" and not any(ch.isdigit() for ch in draft.pattern):
            self.error.setText(self.tr("Enter the CPF or CNPJ to match (digits; dots and dashes are ignored)."))
            return
        if not draft.pattern.strip():
            self.error.setText(self.tr("Enter the text to match."))
            return
        if not draft.category_id:
            self.error.setText(self.tr("Choose a category."))
            return
        try:
            self.created, self.changed = self.rules.add(draft, apply_now=self.apply_now.isChecked())
        except FinanceHubError as error:
            self.error.setText(_error_text(error, self.rules.language))
            return
        self.accept()


class RulesDialog(QDialog):
    """Every rule in the order they are tried: switch one on or off, delete it, create one, apply them all now."""

    COLUMNS = 5

    def __init__(self, rules: RulesService, transactions: TransactionsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self.transactions = transactions
        self.setWindowTitle(self.tr("Categorisation rules"))
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [self.tr("On"), self.tr("Match on"), self.tr("Rule"), self.tr("Category"), self.tr("Priority")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._item_changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        new = QPushButton(self.tr("New rule…"))
        new.clicked.connect(self.new_rule)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        apply = QPushButton(self.tr("Apply rules now"))
        apply.clicked.connect(self.apply_all)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (new, self.delete_button, apply):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(720, 380)
        self.reload()

    def reload(self) -> None:
        self.views = self.rules.list()
        fields, matches = field_labels(), match_labels()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            enabled = QTableWidgetItem()
            enabled.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            enabled.setCheckState(Qt.CheckState.Checked if view.enabled else Qt.CheckState.Unchecked)
            enabled.setData(Qt.ItemDataRole.UserRole, view.rule_id)
            texts = (
                fields.get(view.field, view.field),
                f"{matches.get(view.match_type, view.match_type)} “{view.pattern}”",
                view.category_name,
                str(view.priority),
            )
            self.table.setItem(row, 0, enabled)
            for column, text in enumerate(texts, start=1):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.delete_button.setEnabled(bool(self.views))
        if not self.views:
            self.status.setText(self.tr("No rules yet. Create one here or from a transaction's details."))

    def _report(self, changed: int) -> None:
        self.status.setText(self.tr("%n transaction(s) re-categorised.", "", changed))

    def _run(self, action: Callable[[], int]) -> None:
        try:
            changed = action()
        except FinanceHubError as error:
            self.status.setText(_error_text(error, self.rules.language))
            self.status.setStyleSheet(ERROR_STYLE)
            return
        self.status.setStyleSheet("")
        self.reload()
        self._report(int(changed))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        rule_id = int(item.data(Qt.ItemDataRole.UserRole))
        enabled = item.checkState() == Qt.CheckState.Checked
        self._run(lambda: self.rules.set_enabled(rule_id, enabled)[1])

    def selected_rule(self) -> int | None:
        row = self.table.currentRow()
        return self.views[row].rule_id if 0 <= row < len(self.views) else None

    def delete_selected(self) -> None:
        rule_id = self.selected_rule()
        if rule_id is not None:
            self._run(lambda: self.rules.delete(rule_id))

    def apply_all(self) -> None:
        self._run(self.rules.apply_all)

    def new_rule(self) -> None:
        dialog = RuleDialog(self.rules, self.transactions, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self._report(dialog.changed)
