"""The rule dialog's "More conditions" (account, money in/out, amount range, priority), editing a rule from the
list, and re-applying the rules on a worker thread while the dialogs stay responsive."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
import shiboken6
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import parse_brl
from financehub_desktop.services.events import EventBus
from financehub_desktop.services.read_models import RuleDraft, TransactionFilter
from financehub_desktop.services.rules import RulesService
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.store import Store
from financehub_desktop.ui.background_job import running_jobs
from financehub_desktop.ui.rule_dialog import amount_text
from financehub_desktop.ui.rules_dialogs import RuleDialog, RulesDialog
from tests.support.sample_store import CARD, CHECKING

from .conftest import save_screenshot

WAIT_MS = 10_000


def _categories(service: TransactionsService) -> dict[str, str | None]:
    """Each transaction's shown category (user > rule > Pluggy), by description."""
    return {row.description: row.category_id for row in service.page(TransactionFilter(), None, 100)}


def _saved(qtbot: QtBot, dialog: RuleDialog) -> None:
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog._job is None, timeout=WAIT_MS)


def _settled(qtbot: QtBot, dialog: RulesDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT_MS)


class BlockingRules(RulesService):
    """The real service, whose apply waits for the test to let it go and notes the thread it runs on."""

    def __init__(self, store: Store, bus: EventBus) -> None:
        super().__init__(store, bus)
        self.started, self.release = threading.Event(), threading.Event()
        self.threads: list[threading.Thread] = []
        self.fail_with: Exception | None = None

    def apply_all(self) -> int:
        self.threads.append(threading.current_thread())
        self.started.set()
        assert self.release.wait(WAIT_MS / 1000), "the test never released the apply"
        if self.fail_with is not None:
            raise self.fail_with
        return super().apply_all()


@pytest.mark.usefixtures("pt_br")
def test_a_rule_limited_by_account_type_amount_and_priority(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    rules, service = RulesService(store, bus), TransactionsService(store, bus)
    rules.add(RuleDraft(pattern="padaria", category_id="06000000"), apply_now=True)  # older, default priority 100
    assert _categories(service)["PIX ENVIADO Padaria Café Bom"] == "06000000"
    listing = RulesDialog(rules, service)
    qtbot.addWidget(listing)
    listing.show()
    dialog = listing.new_rule()
    assert dialog is not None
    assert not dialog.more.isVisibleTo(dialog)  # the simple case stays simple
    qtbot.mouseClick(dialog.more_toggle, Qt.MouseButton.LeftButton)
    assert dialog.more.isVisibleTo(dialog)
    assert dialog.more_toggle.text() == "Mais condições"
    assert "menor número" in dialog.priority.toolTip()
    dialog.pattern.setText("a")  # almost every description: the limits do the choosing
    dialog.category.setCurrentIndex(dialog.category.findData("09000000"))
    dialog.account.setCurrentIndex(dialog.account.findData(CHECKING))
    dialog.transaction_type.setCurrentIndex(dialog.transaction_type.findData("DEBIT"))
    assert dialog.transaction_type.currentText() == "Saídas (débitos)"
    dialog.amount_min.setText("-100,00")
    dialog.amount_max.setText("-20,00")
    dialog.priority.setValue(5)
    save_screenshot(dialog, "dialog-rule-more-conditions")
    dialog.save()
    assert dialog.error.text() == "Aplicando regras…"
    _saved(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert dialog.changed == 1
    saved = next(r for r in rules.list() if r.pattern == "a")
    assert (saved.account_id, saved.transaction_type, saved.priority) == (CHECKING, "DEBIT", 5)
    assert (saved.amount_min, saved.amount_max) == (Decimal("-100.00"), Decimal("-20.00"))
    shown = _categories(service)
    assert shown["PIX ENVIADO Padaria Café Bom"] == "09000000"  # checking, -32,50, out: priority 5 beats "padaria"
    assert shown["IFOOD *RESTAURANTE"] == "08000000"  # the card: another account
    assert shown["CONTA DE LUZ ENEL"] == "06000000"  # -180,00: below the minimum
    assert shown["SALARIO EMPRESA X"] == "01000000"  # money in
    assert shown["PAGAMENTO FATURA CARTAO"] == "05100000"  # -239,90
    # The list tries it first and names its limits in the UI language, money as R$.
    qtbot.waitUntil(lambda: listing.table.rowCount() == 2)
    assert listing.table.item(0, 2).text() == "contém “a” · conta Conta Corrente · saídas · de -R$ 100,00 a -R$ 20,00"
    assert listing.table.item(0, 4).text() == "5"
    assert listing.status.text() == "1 transação recategorizada."
    save_screenshot(listing, "dialog-rules-with-limits")


@pytest.mark.usefixtures("pt_br")
def test_bad_amounts_say_why_and_save_nothing(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    rules, service = RulesService(store, bus), TransactionsService(store, bus)
    dialog = RuleDialog(rules, service)
    qtbot.addWidget(dialog)
    dialog.pattern.setText("uber")
    dialog.category.setCurrentIndex(dialog.category.findData("08000000"))
    for low, high, kind, message in (
        ("abc", "", "", "Digite o valor mínimo como 1.234,56 ou -50,00."),
        ("", "10.5", "", "Digite o valor máximo como 1.234,56 ou -50,00."),  # a misplaced thousands dot
        ("50,00", "10,00", "", "O valor mínimo é maior que o máximo."),
        ("10,00", "50,00", "DEBIT", "Saídas são negativas: digite a faixa como -50,00 a -10,00."),
        ("", "-5,00", "CREDIT", "Entradas são positivas: digite a faixa como 10,00 a 50,00."),
    ):
        dialog.amount_min.setText(low)
        dialog.amount_max.setText(high)
        dialog.transaction_type.setCurrentIndex(dialog.transaction_type.findData(kind))
        dialog.save()
        assert dialog.error.text() == message
        assert dialog._job is None and dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.more.isVisibleTo(dialog)  # the section with the problem opens
    assert rules.list() == []
    dialog.transaction_type.setCurrentIndex(dialog.transaction_type.findData(""))
    dialog.amount_min.setText("R$ 1.234,56")
    dialog.amount_max.setText("")
    assert (dialog.draft().amount_min, dialog.draft().amount_max) == (Decimal("1234.56"), None)


@given(
    st.integers(0, 6).flatmap(
        lambda places: st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=places)
    )
)
def test_amounts_shown_in_the_dialog_read_back_exactly(amount: Decimal) -> None:
    assert parse_brl(amount_text(amount)) == amount


@pytest.mark.usefixtures("pt_br")
def test_edit_a_rule_and_the_transactions_follow(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    rules, service = RulesService(store, bus), TransactionsService(store, bus)
    rules.add(RuleDraft(pattern="uber", category_id="08000000", transaction_type="DEBIT", amount_max=Decimal("-10"),
                        account_id=CARD), apply_now=True)  # fmt: skip
    assert _categories(service)["UBER *TRIP"] == "08000000"
    assert _categories(service)["ESTORNO UBER"] == "11000000"  # money in: not the rule's
    listing = RulesDialog(rules, service)
    qtbot.addWidget(listing)
    listing.show()
    assert listing.table.item(0, 2).text() == "contém “uber” · conta Cartão Black · saídas · até -R$ 10,00"
    assert not listing.edit_button.isEnabled()  # nothing chosen yet
    cell = listing.table.visualItemRect(listing.table.item(0, 2)).center()
    qtbot.mouseClick(listing.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert listing.edit_button.isEnabled()
    qtbot.mouseDClick(listing.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = next(w for w in listing.findChildren(RuleDialog) if w.isVisible())
    assert dialog.windowTitle() == "Editar regra de categorização"
    assert not dialog.apply_now.isVisibleTo(dialog)  # an edit always re-applies
    assert (dialog.pattern.text(), dialog.category.currentData()) == ("uber", "08000000")
    assert dialog.more.isVisibleTo(dialog)  # it has limits: shown at once
    assert (dialog.account.currentData(), dialog.transaction_type.currentData()) == (CARD, "DEBIT")
    assert (dialog.amount_min.text(), dialog.amount_max.text()) == ("", "-10,00")
    dialog.pattern.setText("ifood")
    dialog.category.setCurrentIndex(dialog.category.findData("09000000"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    _saved(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    assert [(r.name, r.pattern, r.category_id, r.amount_max) for r in rules.list()] == [
        ("ifood", "ifood", "09000000", Decimal("-10"))
    ]
    shown = _categories(service)
    assert (shown["IFOOD *RESTAURANTE"], shown["UBER *TRIP"]) == ("09000000", "11000000")  # back to Pluggy's
    assert dialog.changed == 2
    qtbot.waitUntil(lambda: listing.status.text() == "2 transações recategorizadas.")
    assert listing.table.item(0, 2).text().startswith("contém “ifood”")
    assert listing.table.item(0, 3).text() == "Compras"


@pytest.mark.usefixtures("pt_br")
def test_applying_runs_off_the_gui_thread_and_reports_the_count(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    rules = BlockingRules(store, bus)
    rules.add(RuleDraft(pattern="uber", category_id="08000000"))  # saved without "apply now"
    listing = RulesDialog(rules, TransactionsService(store, bus))
    qtbot.addWidget(listing)
    listing.show()
    qtbot.mouseClick(listing.apply_button, Qt.MouseButton.LeftButton)
    assert rules.started.wait(WAIT_MS / 1000)
    assert rules.threads[0] is not threading.main_thread()
    assert listing.status.text() == "Aplicando regras…"
    assert listing.busy.isVisible()
    starters = (listing.apply_button, listing.new_button, listing.edit_button, listing.delete_button, listing.table)
    assert not any(widget.isEnabled() for widget in starters)
    listing.apply_all()  # a second run cannot start meanwhile
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))  # the GUI thread keeps handling events while the apply waits
    qtbot.waitUntil(lambda: ticks == [1], timeout=WAIT_MS)
    assert not rules.release.is_set() and listing.running
    rules.release.set()
    _settled(qtbot, listing)
    assert listing.status.text() == "2 transações recategorizadas."
    assert not listing.busy.isVisible()
    assert listing.apply_button.isEnabled() and listing.new_button.isEnabled() and listing.table.isEnabled()
    assert len(rules.threads) == 1


@pytest.mark.usefixtures("pt_br")
def test_an_error_while_applying_shows_in_the_status(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    rules = BlockingRules(store, bus)
    rules.add(RuleDraft(pattern="uber", category_id="08000000"))
    rules.fail_with, rules.release = InvalidInputError("rule 7 does not exist"), threading.Event()
    rules.release.set()
    listing = RulesDialog(rules, TransactionsService(store, bus))
    qtbot.addWidget(listing)
    listing.apply_all()
    _settled(qtbot, listing)
    assert listing.status.text() == "Valor inválido: rule 7 does not exist"
    assert "#c0392b" in listing.status.styleSheet()
    rules.fail_with = RuntimeError("a bug")  # not a FinanceHubError: logged, shown as the unexpected error
    listing.apply_all()
    _settled(qtbot, listing)
    assert listing.status.text() == "Ocorreu um erro inesperado: RuntimeError"


@pytest.mark.usefixtures("pt_br")
def test_closing_the_list_while_applying_is_safe(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    rules, service = BlockingRules(store, bus), TransactionsService(store, bus)
    rules.add(RuleDraft(pattern="uber", category_id="08000000"))
    listing = RulesDialog(rules, service)
    listing.show()
    listing.apply_all()
    assert rules.started.wait(WAIT_MS / 1000)
    listing.close()
    listing.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(listing), timeout=WAIT_MS)  # gone while the apply still runs
    rules.release.set()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=WAIT_MS)
    qtbot.wait(20)  # the queued "done" (now without a receiver) would be delivered here
    assert _categories(service)["UBER *TRIP"] == "08000000"  # the work itself was done


@pytest.mark.usefixtures("pt_br")
def test_closing_the_rule_dialog_while_saving_is_safe(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    rules, service = BlockingRules(store, bus), TransactionsService(store, bus)
    dialog = RuleDialog(rules, service)
    dialog.show()
    dialog.pattern.setText("uber")
    dialog.category.setCurrentIndex(dialog.category.findData("08000000"))
    dialog.save()  # "apply now" is on: the save waits in apply_all
    assert rules.started.wait(WAIT_MS / 1000)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.reject()
    rules.release.set()
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=WAIT_MS)
    qtbot.wait(20)
    assert dialog.created is None and dialog.result() == QDialog.DialogCode.Rejected  # its answer was dropped
    assert [r.pattern for r in rules.list()] == ["uber"]  # the store kept the rule, applied
    assert _categories(service)["UBER *TRIP"] == "08000000"
    dialog.deleteLater()
