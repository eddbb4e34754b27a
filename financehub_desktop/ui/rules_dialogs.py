"""Categorisation rules in the app: the list of rules (enable, disable, edit, delete, apply now) and, re-exported
from ``rule_dialog``, the dialog that creates or edits one. The service (``services/rules.py``) does the work on a
worker thread (``background_job``); these dialogs only ask and show."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.read_models import RuleView
from financehub_desktop.services.rules import RulesService
from financehub_desktop.services.transactions import TransactionsService

from .background_job import BackgroundJob
from .formatting import error_text
from .qt_events import QtEventAdapter
from .rule_dialog import ERROR_STYLE, RuleDialog, field_labels, limits_text, match_labels

__all__ = ["RuleDialog", "RulesDialog", "field_labels", "match_labels"]


class RulesDialog(QDialog):
    """Every rule in the order they are tried: switch one on or off, edit it (double-click), delete it, create one,
    apply them all now. Whatever re-applies the rules runs on a worker thread while the dialog stays responsive."""

    COLUMNS = 5

    def __init__(self, rules: RulesService, transactions: TransactionsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        self.transactions = transactions
        self.views: list[RuleView] = []
        self._job: BackgroundJob | None = None
        self._rule_dialog: RuleDialog | None = None
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
        self.table.cellDoubleClicked.connect(lambda row, _column: self.edit_rule(row))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: applying reports no progress
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(10)
        self.busy.hide()
        self.new_button = QPushButton(self.tr("New rule…"))
        self.new_button.clicked.connect(self.new_rule)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_rule(self.table.currentRow()))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.apply_button = QPushButton(self.tr("Apply rules now"))
        self.apply_button.clicked.connect(self.apply_all)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.apply_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(820, 400)
        # Rules changed elsewhere (a rule dialog closed before its save ended, a sync) show up here too.
        self._events = QtEventAdapter(rules.bus, self)
        self._events.changed.connect(self._on_change)
        self.reload()

    @property
    def running(self) -> bool:
        return self._job is not None

    def reload(self) -> None:
        selected = self.selected_rule()
        self.views = self.rules.list()
        fields, matches = field_labels(), match_labels()
        accounts = self.transactions.account_names()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            enabled = QTableWidgetItem()
            enabled.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            enabled.setCheckState(Qt.CheckState.Checked if view.enabled else Qt.CheckState.Unchecked)
            enabled.setData(Qt.ItemDataRole.UserRole, view.rule_id)
            rule_text = f"{matches.get(view.match_type, view.match_type)} “{view.pattern}”"
            limits = limits_text(view, accounts)
            texts = (
                fields.get(view.field, view.field),
                f"{rule_text} · {limits}" if limits else rule_text,
                view.category_name,
                str(view.priority),
            )
            self.table.setItem(row, 0, enabled)
            for column, text in enumerate(texts, start=1):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            if view.rule_id == selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self._update_buttons()
        if not self.views and not self.running:
            self.status.setText(self.tr("No rules yet. Create one here or from a transaction's details."))

    def _on_change(self, change: Change) -> None:
        if change.topic is Topic.CATEGORIES and change.detail.get("rules") and not self.running:
            self.reload()

    def _update_buttons(self) -> None:
        idle = not self.running
        chosen = self.selected_rule() is not None
        self.new_button.setEnabled(idle)
        self.apply_button.setEnabled(idle and bool(self.views))
        self.edit_button.setEnabled(idle and chosen)
        self.delete_button.setEnabled(idle and chosen)
        self.table.setEnabled(idle)

    def _report(self, changed: int) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("%n transaction(s) re-categorised.", "", changed))

    # ------------------------------------------------------------------ background runs
    def _run(self, action: Callable[[], int]) -> None:
        """Run a service call that re-applies the rules on a worker thread; one at a time."""
        if self.running:
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Applying rules…"))
        self.busy.show()
        self._job = BackgroundJob(action, self, self._finished, self._failed)
        self._update_buttons()
        self._job.start()

    def _end_run(self) -> None:
        self._job = None
        self.busy.hide()
        self.reload()

    def _finished(self, changed: object) -> None:
        self._end_run()
        self._report(int(changed))  # type: ignore[call-overload]

    def _failed(self, error: FinanceHubError) -> None:
        self._end_run()
        self.status.setText(error_text(error, self.rules.language))
        self.status.setStyleSheet(ERROR_STYLE)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        rule_id = int(item.data(Qt.ItemDataRole.UserRole))
        enabled = item.checkState() == Qt.CheckState.Checked
        rules = self.rules
        self._run(lambda: rules.set_enabled(rule_id, enabled)[1])

    def selected_rule(self) -> int | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().isRowSelected(row) if row >= 0 else False
        return self.views[row].rule_id if selected and 0 <= row < len(self.views) else None

    def delete_selected(self) -> None:
        rule_id = self.selected_rule()
        if rule_id is not None:
            rules = self.rules
            self._run(lambda: rules.delete(rule_id))

    def apply_all(self) -> None:
        self._run(self.rules.apply_all)

    # ------------------------------------------------------------------ the rule dialog
    def new_rule(self) -> RuleDialog | None:
        return None if self.running else self._open(RuleDialog(self.rules, self.transactions, parent=self))

    def edit_rule(self, row: int) -> RuleDialog | None:
        if self.running or not 0 <= row < len(self.views):
            return None
        return self._open(RuleDialog(self.rules, self.transactions, parent=self, rule=self.views[row]))

    def _open(self, dialog: RuleDialog) -> RuleDialog:
        """Window-modal; when it is saved the list reloads and says how many transactions changed. The last one
        is kept (its answer can be read) until the next one opens or this dialog goes."""

        def closed(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.reload()
                self._report(dialog.changed)

        if self._rule_dialog is not None:
            self._rule_dialog.deleteLater()
        self._rule_dialog = dialog
        dialog.finished.connect(closed)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ closing while a run goes on
    def done(self, result: int) -> None:
        """The run finishes on its thread (the store keeps its result); this dialog just stops listening."""
        if self._job is not None:
            self._job.drop()
            self._job = None
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._job is not None:
            self._job.drop()
            self._job = None
        super().closeEvent(event)
