"""The dialog that creates or edits one categorisation rule: what to match (description, merchant, CPF/CNPJ, payment
method) and the category, plus optional limits under "More conditions" (account, money in/out, amount range,
priority). Saving runs on a worker thread (``background_job``): saving with "apply now", or any edit, re-applies the
rules to every transaction, which takes seconds over years of history."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.domain.money import Money, MoneyError, format_money, parse_brl
from financehub_desktop.services.read_models import RuleDraft, RuleView
from financehub_desktop.services.rules import PAYMENT_METHODS, RulesService
from financehub_desktop.services.transactions import TransactionsService

from . import formatting
from .background_job import BackgroundJob

ERROR_STYLE = "color: #c0392b"
HINT_STYLE = "color: #666"
PRIORITY_RANGE = (-99_999, 99_999)  # the store takes any whole number; lower is tried first
DEFAULT_PRIORITY = 100
TWO_PLACES = Decimal("0.01")


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


def type_labels() -> dict[str, str]:
    """The store's transaction types: the app signs every amount (money out negative), CREDIT is money in."""
    return {
        "": QCoreApplication.translate("Rules", "Money in or out"),
        "CREDIT": QCoreApplication.translate("Rules", "Money in (credits)"),
        "DEBIT": QCoreApplication.translate("Rules", "Money out (debits)"),
    }


def amount_text(amount: Decimal) -> str:
    """An amount as a person types it in the dialog (pt-BR, no symbol): ``-1.234,56``; exact, never rounded."""
    if amount == amount.quantize(TWO_PLACES):
        return format_money(amount, "BRL", "pt_BR").replace("R$", "").replace(" ", "")
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}"


def limits_text(view: RuleView, account_names: dict[str, str]) -> str:
    """A rule's optional limits in the UI language, for the rules list: ``conta Cartão · saídas · até R$ 50,00``."""
    parts: list[str] = []
    if view.account_id:
        name = account_names.get(view.account_id) or QCoreApplication.translate("Rules", "a removed account")
        parts.append(QCoreApplication.translate("Rules", "account %1").replace("%1", name))
    if view.transaction_type == "CREDIT":
        parts.append(QCoreApplication.translate("Rules", "money in"))
    elif view.transaction_type == "DEBIT":
        parts.append(QCoreApplication.translate("Rules", "money out"))
    low, high = view.amount_min, view.amount_max
    money = formatting.money
    if low is not None and high is not None:
        text = QCoreApplication.translate("Rules", "from %1 to %2")
        parts.append(text.replace("%1", money(Money(low))).replace("%2", money(Money(high))))
    elif low is not None:
        parts.append(QCoreApplication.translate("Rules", "from %1 up").replace("%1", money(Money(low))))
    elif high is not None:
        parts.append(QCoreApplication.translate("Rules", "up to %1").replace("%1", money(Money(high))))
    return " · ".join(parts)


class RuleDialog(QDialog):
    """Create a rule (prefilled from a transaction when one is given) or, given ``rule``, edit that rule."""

    def __init__(
        self,
        rules: RulesService,
        transactions: TransactionsService,
        transaction_id: int | None = None,
        parent: QWidget | None = None,
        rule: RuleView | None = None,
    ) -> None:
        super().__init__(parent)
        self.rules = rules
        self.transaction_id = transaction_id
        self.editing = rule
        self.created: RuleView | None = None
        self.changed = 0
        self._job: BackgroundJob | None = None
        self.setWindowTitle(self.tr("Edit categorisation rule") if rule else self.tr("Create a categorisation rule"))
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
        self.apply_now.setVisible(rule is None)  # saving an edit always re-applies the rules
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        hint = QLabel(self.tr("Your own category choices always win over rules; rules win over the bank's category."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Match on"), self.field)
        form.addRow(self.tr("How"), self.match_type)
        pattern_row = QHBoxLayout()
        pattern_row.addWidget(self.pattern, 1)
        pattern_row.addWidget(self.pattern_choice, 1)
        form.addRow(self.tr("Text"), pattern_row)
        form.addRow(self.tr("Category"), self.category)
        form.addRow("", self.apply_now)
        self._build_conditions(transactions)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: the store reports no progress while applying
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(10)
        self.busy.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.more_toggle)
        layout.addWidget(self.more)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(500)
        if rule is not None:
            self._fill(RuleDraft(field=rule.field, match_type=rule.match_type, pattern=rule.pattern,
                                 category_id=rule.category_id))  # fmt: skip
            self._fill_conditions(rule)
        elif transaction_id is not None:
            self._fill(rules.draft_from_transaction(transaction_id))
        else:
            self._show_kind()
        self.field.currentIndexChanged.connect(self._field_changed)

    # ------------------------------------------------------------------ "More conditions"
    def _build_conditions(self, transactions: TransactionsService) -> None:
        self.more_toggle = QToolButton()
        self.more_toggle.setText(self.tr("More conditions"))
        self.more_toggle.setCheckable(True)
        self.more_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.more_toggle.setAutoRaise(True)
        self.more_toggle.toggled.connect(self.show_conditions)
        self.more = QWidget()
        self.account = QComboBox()
        self.account.addItem(self.tr("Any account"), "")
        for account_id, name in sorted(transactions.account_names().items(), key=lambda kv: kv[1]):
            self.account.addItem(name, account_id)
        self.transaction_type = QComboBox()
        for key, label in type_labels().items():
            self.transaction_type.addItem(label, key)
        self.amount_min = QLineEdit()
        self.amount_max = QLineEdit()
        self.amount_min.setPlaceholderText(self.tr("no minimum"))
        self.amount_max.setPlaceholderText(self.tr("no maximum"))
        amounts = QHBoxLayout()
        amounts.addWidget(QLabel("R$"))
        amounts.addWidget(self.amount_min, 1)
        amounts.addWidget(QLabel(self.tr("to")))
        amounts.addWidget(QLabel("R$"))
        amounts.addWidget(self.amount_max, 1)
        amount_hint = QLabel(
            self.tr(
                "As in the list, money out is negative: spending between R$ 10,00 and R$ 50,00 is -50,00 to -10,00."
            )
        )
        amount_hint.setWordWrap(True)
        amount_hint.setStyleSheet(HINT_STYLE)
        self.priority = QSpinBox()
        self.priority.setRange(*PRIORITY_RANGE)
        self.priority.setValue(DEFAULT_PRIORITY)
        priority_help = self.tr(
            "When several rules match a transaction, the one with the lowest number wins (then the oldest rule)."
        )
        self.priority.setToolTip(priority_help)
        priority_hint = QLabel(self.tr("Lower numbers are tried first."))
        priority_hint.setStyleSheet(HINT_STYLE)
        priority_hint.setToolTip(priority_help)
        priority_row = QHBoxLayout()
        priority_row.addWidget(self.priority)
        priority_row.addWidget(priority_hint, 1)
        form = QFormLayout(self.more)
        form.setContentsMargins(18, 0, 0, 0)
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Type"), self.transaction_type)
        form.addRow(self.tr("Amount"), amounts)
        form.addRow("", amount_hint)
        form.addRow(self.tr("Priority"), priority_row)
        self.more.hide()

    def show_conditions(self, shown: bool) -> None:
        if self.more_toggle.isChecked() != shown:
            self.more_toggle.setChecked(shown)  # comes back here through ``toggled``
            return
        self.more_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.more.setVisible(shown)
        self.adjustSize()

    def _fill_conditions(self, rule: RuleView) -> None:
        if rule.account_id and self.account.findData(rule.account_id) < 0:  # its account is gone: keep the limit
            self.account.addItem(QCoreApplication.translate("Rules", "a removed account"), rule.account_id)
        self.account.setCurrentIndex(max(0, self.account.findData(rule.account_id or "")))
        self.transaction_type.setCurrentIndex(max(0, self.transaction_type.findData(rule.transaction_type or "")))
        self.amount_min.setText("" if rule.amount_min is None else amount_text(rule.amount_min))
        self.amount_max.setText("" if rule.amount_max is None else amount_text(rule.amount_max))
        self.priority.setValue(min(max(rule.priority, PRIORITY_RANGE[0]), PRIORITY_RANGE[1]))
        amounts = (rule.amount_min, rule.amount_max)
        self.show_conditions(bool(rule.account_id or rule.transaction_type) or amounts != (None, None)
                             or rule.priority != DEFAULT_PRIORITY)  # fmt: skip

    # ------------------------------------------------------------------ what to match
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

    def _amount(self, edit: QLineEdit, which: str) -> Decimal | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_brl(text)
        except MoneyError:
            raise ValueError(which) from None

    def draft(self) -> RuleDraft:
        """The rule as filled in; ``ValueError`` with the text to show when an amount or the range is wrong."""
        field = str(self.field.currentData())
        closed = field == "payment_method"
        pattern = str(self.pattern_choice.currentData()) if closed else self.pattern.text()
        low = self._amount(self.amount_min, self.tr("Type the minimum amount like 1.234,56 or -50,00."))
        high = self._amount(self.amount_max, self.tr("Type the maximum amount like 1.234,56 or -50,00."))
        kind = str(self.transaction_type.currentData() or "")
        if low is not None and high is not None and low > high:
            raise ValueError(self.tr("The minimum amount is larger than the maximum."))
        if kind == "DEBIT" and low is not None and low > 0:
            raise ValueError(self.tr("Money out is negative: type the range like -50,00 to -10,00."))
        if kind == "CREDIT" and high is not None and high < 0:
            raise ValueError(self.tr("Money in is positive: type the range like 10,00 to 50,00."))
        return RuleDraft(
            field=field,
            match_type=str(self.match_type.currentData()),
            pattern=pattern,
            category_id=str(self.category.currentData() or ""),
            account_id=str(self.account.currentData() or "") or None,
            transaction_type=kind or None,
            amount_min=low,
            amount_max=high,
            priority=self.priority.value(),
        )

    # ------------------------------------------------------------------ saving (on a worker thread)
    def save(self) -> None:
        if self._job is not None:
            return
        try:
            draft = self.draft()
        except ValueError as bad:
            self.show_conditions(True)
            self.error.setText(str(bad))
            return
        if draft.field == "document" and not any(ch.isdigit() for ch in draft.pattern):
            self.error.setText(self.tr("Enter the CPF or CNPJ to match (digits; dots and dashes are ignored)."))
            return
        if not draft.pattern.strip():
            self.error.setText(self.tr("Enter the text to match."))
            return
        if not draft.category_id:
            self.error.setText(self.tr("Choose a category."))
            return
        rules, editing, apply_now = self.rules, self.editing, self.apply_now.isChecked()
        if editing is None:
            job = BackgroundJob(lambda: rules.add(draft, apply_now=apply_now), self, self._saved, self._failed)
        else:
            changes = {
                "field": draft.field, "match_type": draft.match_type, "pattern": draft.pattern,
                "category_id": draft.category_id, "account_id": draft.account_id,
                "transaction_type": draft.transaction_type, "amount_min": draft.amount_min,
                "amount_max": draft.amount_max, "priority": draft.priority,
            }  # fmt: skip
            if editing.name.strip() in ("", editing.pattern):  # a name that was the old pattern follows the new one
                changes["name"] = draft.pattern.strip()
            job = BackgroundJob(lambda: rules.update(editing.rule_id, **changes), self, self._saved, self._failed)
        self.error.setText(self.tr("Applying rules…") if apply_now or editing else self.tr("Saving…"))
        self.error.setStyleSheet("")
        self._set_busy(True)
        self._job = job.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not busy)
        for widget in (self.field, self.match_type, self.pattern, self.pattern_choice, self.category, self.more):
            widget.setEnabled(not busy)
        if not busy:
            self._show_kind()

    def _saved(self, result: object) -> None:
        self._job = None
        self._set_busy(False)
        assert isinstance(result, tuple)
        self.created, self.changed = result
        self.error.setText("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.accept()

    def _failed(self, error: FinanceHubError) -> None:
        self._job = None
        self._set_busy(False)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(formatting.error_text(error, self.rules.language))

    def done(self, result: int) -> None:
        """Closing while saving: the save finishes on its thread (the store keeps it) and its answer is dropped."""
        if self._job is not None:
            self._job.drop()
            self._job = None
        super().done(result)
