"""The rules service: precedence (manual > rule > Pluggy), on-demand application, drafts from a transaction."""

from __future__ import annotations

from decimal import Decimal

import pytest

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.services.events import Change, EventBus, Topic
from financehub_desktop.services.read_models import RuleDraft, TransactionFilter, TransactionRow
from financehub_desktop.services.reports import ReportsService
from financehub_desktop.services.rules import RulesService
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.store import Store
from financehub_desktop.store.types import utc_now
from tests.support.sample_store import CARD, CHECKING, HISTORY, ITEM, tx


def _rows(service: TransactionsService) -> dict[str, TransactionRow]:
    return {r.pluggy_id: r for r in service.page(TransactionFilter(), limit=500)}


def test_a_rule_recategorises_on_demand_and_everything_agrees(store: Store, bus: EventBus) -> None:
    seen: list[Change] = []
    bus.subscribe(seen.append)
    rules, transactions = RulesService(store, bus), TransactionsService(store, bus)
    rule, changed = rules.add(RuleDraft(pattern="uber", category_id="08000000"), apply_now=True)
    assert changed == 2  # "UBER *TRIP" and "ESTORNO UBER"
    assert (rule.name, rule.category_name, rule.field, rule.match_type) == ("uber", "Alimentação", "description",
                                                                             "contains")  # fmt: skip
    rows = _rows(transactions)
    assert rows["t8"].category_name == rows["t9"].category_name == "Alimentação"
    assert rows["t3"].category_name == "Alimentação"  # Pluggy's own, untouched
    assert transactions.detail(rows["t8"].transaction_id).rule_name == "uber"
    spending = ReportsService(store).spending_by_category(rows["t8"].moment.date())
    assert "11000000" not in spending  # the uber trip and its refund moved to food
    assert {Topic.CATEGORIES, Topic.TRANSACTIONS} <= {c.topic for c in seen}
    assert rules.apply_all() == 0  # nothing left to change
    assert [r.rule_id for r in rules.list()] == [rule.rule_id]


def test_manual_category_beats_rule_and_rule_beats_pluggy(store: Store, bus: EventBus) -> None:
    rules, transactions = RulesService(store, bus), TransactionsService(store, bus)
    trip = _rows(transactions)["t8"]
    transactions.recategorise(trip.transaction_id, "09000000")
    rules.add(RuleDraft(field="description", match_type="startsWith", pattern="UBER", category_id="08000000"),
              apply_now=True)  # fmt: skip
    assert _rows(transactions)["t8"].category_name == "Compras"  # the user's choice stays
    assert transactions.detail(trip.transaction_id).rule_name == ""
    assert transactions.recategorise(trip.transaction_id, None).category_name == "Alimentação"  # then the rule's
    assert transactions.count(TransactionFilter(category_ids=("08000000",))) == 3  # t2, t3 (Pluggy) + t8 (rule)


def test_rules_survive_a_resync_of_the_same_and_of_changed_data(store: Store, bus: EventBus) -> None:
    rules, transactions = RulesService(store, bus), TransactionsService(store, bus)
    rules.add(RuleDraft(field="description", match_type="contains", pattern="luz", category_id="09000000"),
              apply_now=True)  # fmt: skip
    with store.write() as conn:
        assert store.repos.transactions.upsert(conn, HISTORY).unchanged == len(HISTORY)
        changed = [tx("t10", CHECKING, "2026-02-20", "CONTA DE LUZ ENEL", "-181.00", "DEBIT", category_id="06000000")]
        store.repos.transactions.upsert(conn, changed)
    assert rules.apply_all() == 0
    assert _rows(transactions)["t10"].category_name == "Compras"


def test_disable_enable_and_delete(store: Store, bus: EventBus) -> None:
    rules, transactions = RulesService(store, bus), TransactionsService(store, bus)
    rule, _ = rules.add(RuleDraft(field="payment_method", pattern="card", category_id="06000000"), apply_now=True)
    card_rows = [r for r in _rows(transactions).values() if r.account_id == CARD]
    assert {r.category_name for r in card_rows} == {"Moradia"}
    view, changed = rules.set_enabled(rule.rule_id, False)
    assert (view.enabled, changed) == (False, len(card_rows))
    assert _rows(transactions)["t3"].category_name == "Alimentação"
    assert rules.set_enabled(rule.rule_id, True)[1] == len(card_rows)
    assert rules.delete(rule.rule_id) == len(card_rows)
    assert rules.list() == []
    assert _rows(transactions)["t4"].category_name == "Compras"


def test_document_rule_and_drafts_from_a_transaction(store: Store, bus: EventBus) -> None:
    pix = tx(
        "p1",
        CHECKING,
        "2026-02-21",
        "PIX ENVIADO",
        "-50.00",
        "DEBIT",
        payment_method="PIX",
        payer_document="111.111.111-11",
        receiver_document="98.765.432/0001-10",
        category_id="01000000",
    )
    income = tx(
        "p2",
        CHECKING,
        "2026-02-22",
        "PIX RECEBIDO",
        "75.00",
        "CREDIT",
        payment_method="PIX",
        payer_document="222.222.222-22",
        receiver_document="111.111.111-11",
    )
    shop = tx("p3", CARD, "2026-02-23", "MERCADO*XYZ", "-10.00", "DEBIT", merchant_name="Mercado XYZ")
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [pix, income, shop])
    rules, transactions = RulesService(store, bus), TransactionsService(store, bus)
    rows = _rows(transactions)
    draft = rules.draft_from_transaction(rows["p1"].transaction_id)
    assert (draft.field, draft.match_type, draft.pattern, draft.category_id) == (
        "document", "exact", "98765432000110", "01000000")  # fmt: skip
    assert rules.draft_from_transaction(rows["p2"].transaction_id).pattern == "22222222222"  # who paid us
    assert rules.draft_from_transaction(rows["p3"].transaction_id).pattern == "Mercado XYZ"
    method = rules.draft_from_transaction(rows["p3"].transaction_id, "payment_method")
    assert (method.pattern, method.match_type) == ("CARD", "exact")
    assert rules.draft_from_transaction(rows["p1"].transaction_id, "description").pattern == "PIX ENVIADO"
    _, changed = rules.add(RuleDraft(field="document", pattern="98.765.432/0001-10", category_id="06000000"),
                           apply_now=True)  # fmt: skip
    assert changed == 1
    assert _rows(transactions)["p1"].category_name == "Moradia"


@pytest.mark.parametrize(
    "draft",
    [
        RuleDraft(pattern="uber", category_id="99999999"),
        RuleDraft(pattern="", category_id="08000000"),
        RuleDraft(field="document", pattern="n/a", category_id="08000000"),
        RuleDraft(field="payment_method", pattern="cheque", category_id="08000000"),
        RuleDraft(pattern="uber", category_id="08000000", amount_min=Decimal(10), amount_max=Decimal(1)),
    ],
)
def test_bad_rules_are_typed_errors_and_nothing_changes(store: Store, bus: EventBus, draft: RuleDraft) -> None:
    rules = RulesService(store, bus)
    with pytest.raises(InvalidInputError):
        rules.add(draft, apply_now=True)
    assert rules.list() == []
    with pytest.raises(InvalidInputError):
        rules.delete(12345)
    with pytest.raises(InvalidInputError):
        rules.update(12345, enabled=False)
    with pytest.raises(InvalidInputError):
        rules.draft_from_transaction(987654)


def test_after_a_sync_only_what_it_wrote_is_looked_at_unless_a_rule_waits(store: Store, bus: EventBus) -> None:
    rules, transactions = RulesService(store, bus), TransactionsService(store, bus)
    rules.add(RuleDraft(pattern="uber", category_id="08000000"), apply_now=True)
    started = utc_now()
    with store.write() as conn:  # what a sync writes: one new ride
        store.repos.transactions.upsert(conn, [tx("t11", CARD, "2026-02-25", "UBER *TRIP 2", "-18.00", "DEBIT",
                                                  category_id="11000000")])  # fmt: skip
    assert rules.apply_to_item(ITEM, since=started) == 1
    assert _rows(transactions)["t11"].category_name == "Alimentação"
    assert rules.apply_to_item(ITEM, since=started) == 0
    # A rule saved without "apply now": the next sync applies it to everything, even rows the sync did not write.
    rules.add(RuleDraft(pattern="magazine", category_id="06000000"))
    assert _rows(transactions)["t4"].category_name == "Compras"
    assert rules.apply_to_item(ITEM, since=utc_now()) == 1
    assert _rows(transactions)["t4"].category_name == "Moradia"
    assert rules.apply_to_item(ITEM, since=None) == 0
