"""Categorisation rules in the app: create one from a transaction's details, see it in the list, switch it off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from financehub_desktop.services.events import EventBus
from financehub_desktop.services.read_models import RuleDraft
from financehub_desktop.services.rules import RulesService
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.store import Store
from financehub_desktop.ui.background_job import running_jobs
from financehub_desktop.ui.qt_events import QtEventAdapter
from financehub_desktop.ui.rules_dialogs import RuleDialog, RulesDialog
from financehub_desktop.ui.transactions_page import CATEGORY_COLUMN, TransactionsPage

from .conftest import save_screenshot


def _page(qtbot: QtBot, store: Store, bus: EventBus) -> tuple[TransactionsPage, RulesService]:
    rules = RulesService(store, bus)
    page = TransactionsPage(TransactionsService(store, bus), rules=rules)
    QtEventAdapter(bus, page).changed.connect(page.on_change)  # as the main window: events land on the GUI thread
    qtbot.addWidget(page)
    page.resize(1200, 700)
    return page, rules


def _row_of(page: TransactionsPage, description: str) -> int:
    return next(i for i in range(page.model.rowCount()) if page.model.row_at(i).description == description)


def _saved(qtbot: QtBot, dialog: RuleDialog) -> None:
    """Saving runs on a worker thread: wait until the dialog closed (saved) or shows why not."""
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog._job is None, timeout=10_000)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)


def _settled(qtbot: QtBot, dialog: RulesDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)


@pytest.mark.usefixtures("pt_br")
def test_create_a_rule_from_a_transaction_and_see_it_applied(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page, rules = _page(qtbot, store, bus)
    page.table.selectRow(_row_of(page, "UBER *TRIP"))
    assert page.detail.rule_button.isVisibleTo(page)
    dialog = page.create_rule(page.detail.transaction_id or 0)
    assert isinstance(dialog, RuleDialog)
    qtbot.addWidget(dialog)
    assert (dialog.field.currentData(), dialog.match_type.currentData()) == ("description", "contains")
    assert dialog.pattern.text() == "UBER *TRIP"
    assert (dialog.windowTitle(), dialog.field.currentText()) == ("Criar uma regra de categorização", "Descrição")
    assert dialog.category.currentData() == "11000000"  # prefilled with its category
    dialog.pattern.setText("uber")
    dialog.category.setCurrentIndex(dialog.category.findData("08000000"))
    save_screenshot(dialog, "dialog-create-rule")
    dialog.save()
    _saved(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.changed == 2
    assert [(r.pattern, r.category_id) for r in rules.list()] == [("uber", "08000000")]
    # The list shows both uber rows in the rule's category; the detail names the rule.
    qtbot.waitUntil(lambda: page.model.row_at(_row_of(page, "UBER *TRIP")).category_id == "08000000")
    trip = _row_of(page, "UBER *TRIP")
    assert page.model.data(page.model.index(trip, CATEGORY_COLUMN)) == "Alimentação"
    assert page.model.data(page.model.index(_row_of(page, "ESTORNO UBER"), CATEGORY_COLUMN)) == "Alimentação"
    page.table.selectRow(trip)
    assert page.detail.fields["category"].text() == "Alimentação (regra: uber)"
    save_screenshot(page, "page-transactions-rule")


def test_switching_to_payment_method_offers_the_closed_list(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page, _rules = _page(qtbot, store, bus)
    page.table.selectRow(_row_of(page, "IFOOD *RESTAURANTE"))
    dialog = page.create_rule(page.detail.transaction_id or 0)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.field.setCurrentIndex(dialog.field.findData("payment_method"))
    assert dialog.pattern_choice.isVisibleTo(dialog) and not dialog.pattern.isVisibleTo(dialog)
    assert dialog.pattern_choice.currentData() == "CARD"  # a card account's purchase
    assert not dialog.match_type.isEnabled()
    dialog.field.setCurrentIndex(dialog.field.findData("document"))
    dialog.pattern.setText("")  # no document on this one: saving says why and keeps the dialog open
    dialog.save()
    assert "CPF" in dialog.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.pattern.setText("12.345.678/0001-90")
    dialog.category.setCurrentIndex(dialog.category.findData("99999999"))  # not offered: -1, no category
    dialog.save()
    assert dialog.error.text() == "Choose a category."
    dialog.category.setCurrentIndex(dialog.category.findData("09000000"))
    dialog.save()
    _saved(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.created is not None and dialog.created.pattern == "12345678000190"


def test_rules_list_shows_toggles_and_deletes(qtbot: QtBot, store: Store, bus: EventBus) -> None:
    page, rules = _page(qtbot, store, bus)
    rules.add(RuleDraft(field="merchant", match_type="contains", pattern="mercado", category_id="08000000"))
    rules.add(RuleDraft(pattern="uber", category_id="09000000", priority=5), apply_now=True)
    dialog = RulesDialog(rules, page.service, page)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text().endswith("“uber”")  # priority 5 is tried first
    assert dialog.table.item(0, 3).text() == "Compras"
    dialog.show()
    save_screenshot(dialog, "dialog-rules")
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # switch the uber rule off
    _settled(qtbot, dialog)
    assert [r.enabled for r in rules.list()] == [False, True]
    assert "2" in dialog.status.text()
    qtbot.waitUntil(lambda: page.model.row_at(_row_of(page, "UBER *TRIP")).category_id == "11000000")
    assert page.model.data(page.model.index(_row_of(page, "UBER *TRIP"), CATEGORY_COLUMN)) == "Transporte"
    dialog.table.selectRow(1)
    dialog.delete_selected()
    _settled(qtbot, dialog)
    assert [r.pattern for r in rules.list()] == ["uber"]
    assert dialog.table.rowCount() == 1
