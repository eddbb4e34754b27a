"""Churn-free upserts: counts, zero writes on a repeat, removals, and user edits surviving re-syncs."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from financehub_desktop.store import Store
from financehub_desktop.store.records import (
    BillFinanceChargeRecord,
    BillRecord,
    LoanInstallmentRecord,
    LoanRecord,
    WebhookEventRecord,
)
from financehub_desktop.store.repositories import content_hash
from financehub_desktop.store.schema import bill_finance_charges, loan_installments, transactions

from .conftest import ACCOUNT_ID, CARD_ID, ITEM_ID, T0, seed, total_changes, transaction


def test_first_upsert_inserts_and_second_writes_nothing(store: Store) -> None:
    records = seed(store, 50)
    with store.write() as conn:
        before = total_changes(conn)
        again = store.repos.transactions.upsert(conn, records)
        assert total_changes(conn) == before
    assert again.as_dict() == {"inserted": 0, "updated": 0, "unchanged": 50, "removed": 0}
    with store.read() as conn:
        assert store.repos.transactions.count(conn) == 50


def test_counts_inserted_updated_unchanged(store: Store) -> None:
    records = seed(store, 10)
    changed = [dataclasses.replace(records[0], amount=Decimal("-99.99"), raw={"v": 2})]
    new = [transaction(100)]
    with store.write() as conn:
        before = total_changes(conn)
        result = store.repos.transactions.upsert(conn, [*changed, *records[1:], *new])
        written = total_changes(conn) - before
    assert (result.inserted, result.updated, result.unchanged) == (1, 1, 9)
    assert written >= 2  # the two rows (plus their search-index rows), nothing else
    with store.read() as conn:
        row = store.repos.transactions.get(conn, records[0].pluggy_id)
    assert row is not None
    assert row.amount == Decimal("-99.99")
    assert row.first_seen_at <= row.last_seen_at


def test_amounts_are_stored_exactly(store: Store) -> None:
    seed(store, 0)
    tricky = [Decimal("0.1"), Decimal("-1234567890123.45"), Decimal("0.30"), Decimal("1E+2")]
    records = [transaction(n, amount=a) for n, a in enumerate(tricky)]
    with store.write() as conn:
        store.repos.transactions.upsert(conn, records)
    with store.read() as conn:
        stored = {r.pluggy_id: r.amount for r in store.repos.transactions.list(conn)}
        text = conn.exec_driver_sql("SELECT amount FROM transactions ORDER BY id").scalars().all()
    assert [stored[r.pluggy_id] for r in records] == tricky
    assert text == ["0.1", "-1234567890123.45", "0.30", "100"]


def test_floats_are_refused(store: Store) -> None:
    seed(store, 0)
    with pytest.raises(TypeError, match="float"), store.write() as conn:
        store.repos.transactions.upsert(conn, [transaction(1, amount=1.5)])


def test_removed_upstream_is_hidden_not_erased_and_can_come_back(store: Store) -> None:
    records = seed(store, 6)
    account_ids = {r.pluggy_id for r in records if r.account_id == ACCOUNT_ID}
    seen = sorted(account_ids)[1:]
    with store.write() as conn:
        removed = store.repos.transactions.mark_missing_removed_in_window(conn, ACCOUNT_ID, seen)
    assert removed == 1
    gone = sorted(account_ids)[0]
    with store.read() as conn:
        visible = {r.pluggy_id for r in store.repos.transactions.list(conn)}
        everything = {r.pluggy_id for r in store.repos.transactions.list(conn, include_removed=True)}
    assert gone not in visible
    assert gone in everything
    # the card's transactions were not part of that listing and stay visible
    assert {r.pluggy_id for r in records if r.account_id == CARD_ID} <= visible
    with store.write() as conn:
        back = store.repos.transactions.upsert(conn, [r for r in records if r.pluggy_id == gone])
    assert back.updated == 1
    with store.read() as conn:
        row = store.repos.transactions.get(conn, gone)
    assert row is not None
    assert row.removed_at is None


def test_mark_removed_by_ids_counts_only_new_removals(store: Store) -> None:
    records = seed(store, 4)
    ids = [records[0].pluggy_id, records[1].pluggy_id]
    with store.write() as conn:
        assert store.repos.transactions.mark_removed(conn, ids) == 2
        assert store.repos.transactions.mark_removed(conn, ids) == 0


def test_window_limits_removal(store: Store) -> None:
    records = seed(store, 12)
    cutoff = T0 + timedelta(hours=30)
    with store.write() as conn:
        removed = store.repos.transactions.mark_missing_removed_in_window(conn, ACCOUNT_ID, [], date_from=cutoff)
    expected = [r for r in records if r.account_id == ACCOUNT_ID and r.date >= cutoff]
    assert removed == len(expected) > 0


def test_provider_refresh_never_overwrites_user_edits(store: Store) -> None:
    records = seed(store, 3)
    with store.write() as conn:
        local = store.repos.transactions.local_ids(conn, [records[0].pluggy_id])[records[0].pluggy_id]
        store.repos.edits.set(conn, local, category_id="05050000", note="presente da Ana", tags=["família"])
    refreshed = dataclasses.replace(records[0], category_id="99999999", description="CAFE PADARIA", raw={"v": 3})
    with store.write() as conn:
        assert store.repos.transactions.upsert(conn, [refreshed]).updated == 1
    with store.read() as conn:
        edit = store.repos.edits.get(conn, local)
        row = store.repos.transactions.get(conn, records[0].pluggy_id)
    assert edit is not None
    assert (edit.category_id, edit.note, edit.tags) == (
        "05050000",
        "presente da Ana",
        ("família",),
    )
    assert row is not None
    assert row.category_id == "99999999"


def test_edits_move_from_pending_to_posted(store: Store) -> None:
    seed(store, 0)
    pending = transaction(1, status="PENDING")
    posted = transaction(2, status="POSTED")
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [pending, posted])
        ids = store.repos.transactions.local_ids(conn, [pending.pluggy_id, posted.pluggy_id])
        assert [r.pluggy_id for r in store.repos.transactions.pending(conn, pending.account_id)] == [pending.pluggy_id]
        store.repos.edits.set(conn, ids[pending.pluggy_id], ignored=True, note="parcela")
        assert store.repos.edits.move(conn, ids[pending.pluggy_id], ids[posted.pluggy_id])
        store.repos.transactions.mark_removed(conn, [pending.pluggy_id])
        moved = store.repos.edits.get(conn, ids[posted.pluggy_id])
    assert moved is not None
    assert moved.ignored
    assert moved.note == "parcela"


def test_bill_children_follow_their_parent(store: Store) -> None:
    seed(store, 0)
    bill = BillRecord(
        id="bill-1",
        account_id=CARD_ID,
        due_date=T0,
        total_amount=Decimal("1500.00"),
        currency_code="BRL",
        finance_charges=(BillFinanceChargeRecord(id="c1", type="IOF", amount=Decimal("3.21"), currency_code="BRL"),),
        raw={"id": "bill-1"},
    )
    with store.write() as conn:
        assert store.repos.bills.upsert(conn, [bill]).inserted == 1
        assert store.repos.bills.upsert(conn, [bill]).unchanged == 1
        more = dataclasses.replace(
            bill,
            finance_charges=(
                *bill.finance_charges,
                BillFinanceChargeRecord(id="c2", type="LATE_PAYMENT_FEE", amount=Decimal("10"), currency_code="BRL"),
            ),
        )
        assert store.repos.bills.upsert(conn, [more]).updated == 1
        charges = conn.execute(select(bill_finance_charges.c.id, bill_finance_charges.c.amount)).all()
    assert sorted(charges) == [("c1", Decimal("3.21")), ("c2", Decimal("10"))]


def test_loan_installments(store: Store) -> None:
    seed(store, 0)
    loan = LoanRecord(
        id="loan-1",
        item_id=ITEM_ID,
        product_name="Crédito Pessoal",
        kind="LOAN",
        date=T0,
        currency_code="BRL",
        total_installments=24,
        installments=(
            LoanInstallmentRecord(kind="payment", installment_id="1", paid_date=T0, amount=Decimal("412.50")),
            LoanInstallmentRecord(kind="balloon", due_date=T0 + timedelta(days=700), amount=Decimal("2000")),
        ),
        raw={"id": "loan-1"},
    )
    with store.write() as conn:
        store.repos.loans.upsert(conn, [loan])
        rows = conn.execute(select(loan_installments).order_by(loan_installments.c.seq)).all()
    assert [(r.seq, r.kind, r.amount) for r in rows] == [
        (0, "payment", Decimal("412.50")),
        (1, "balloon", Decimal("2000")),
    ]


def test_deleting_an_item_cascades(store: Store) -> None:
    seed(store, 5)
    with store.write() as conn:
        conn.exec_driver_sql("DELETE FROM items")
        assert conn.execute(select(transactions.c.id)).all() == []
        assert conn.exec_driver_sql("SELECT count(*) FROM transactions_fts").scalar_one() == 0


def test_webhook_events_are_deduplicated(store: Store) -> None:
    event = WebhookEventRecord(event_id="evt-1", event="transactions/created", item_id=ITEM_ID, payload={"a": 1})
    with store.write() as conn:
        assert store.repos.webhook_events.record(conn, event)
        assert not store.repos.webhook_events.record(conn, event)
        assert [r.event_id for r in store.repos.webhook_events.unprocessed(conn)] == ["evt-1"]
        store.repos.webhook_events.mark_processed(conn, "evt-1")
        assert store.repos.webhook_events.unprocessed(conn) == []


def test_sync_journal_checkpoints(store: Store) -> None:
    with store.write() as conn:
        run = store.repos.journal.start_run(conn, ITEM_ID, "user")
        store.repos.journal.save_checkpoint(conn, ITEM_ID, "transactions", ACCOUNT_ID, cursor="c1", run_id=run)
        store.repos.journal.save_checkpoint(conn, ITEM_ID, "transactions", ACCOUNT_ID, cursor="c2", run_id=run)
    with store.read() as conn:
        assert [r.id for r in store.repos.journal.interrupted_runs(conn)] == [run]
        checkpoint = store.repos.journal.checkpoint(conn, ITEM_ID, "transactions", ACCOUNT_ID)
    assert checkpoint is not None
    assert checkpoint.cursor == "c2"
    with store.write() as conn:
        store.repos.journal.finish_run(conn, run, "succeeded", counts={"transactions": {"inserted": 3}})
        assert store.repos.journal.interrupted_runs(conn) == []
        store.repos.journal.clear_checkpoints(conn, ITEM_ID)
        assert store.repos.journal.checkpoint(conn, ITEM_ID, "transactions", ACCOUNT_ID) is None


def test_categorisation_rules_match_by_priority(store: Store) -> None:
    with store.write() as conn:
        store.repos.rules.add(conn, {"pattern": "uber", "category_id": "05000000", "priority": 10})
        store.repos.rules.add(conn, {"pattern": "uber eats", "category_id": "08000000", "priority": 1})
        assert store.repos.rules.category_for(conn, description="UBER EATS *PEDIDO", merchant=None) == "08000000"
        assert store.repos.rules.category_for(conn, description="Uber *Trip", merchant=None) == "05000000"
        assert store.repos.rules.category_for(conn, description="Padaria", merchant=None) is None


def test_audit_log_records_sensitive_operations(store: Store) -> None:
    with store.write() as conn:
        store.audit(conn, "item_deleted", ITEM_ID)
    with store.read() as conn:
        entries = store.repos.audit_log.entries(conn)
    assert [(e.action, e.target) for e in entries] == [("item_deleted", ITEM_ID)]
    with pytest.raises(ValueError, match="unknown audit action"), store.write() as conn:
        store.audit(conn, "something_else")


def test_delete_item_forgets_everything_it_brought_and_audits(store: Store) -> None:
    records = seed(store, 6)
    with store.write() as conn:
        local = store.repos.transactions.local_ids(conn, [records[0].pluggy_id])[records[0].pluggy_id]
        store.repos.edits.set(conn, local, note="x")
        store.repos.journal.save_checkpoint(conn, ITEM_ID, "transactions", ACCOUNT_ID, cursor="c")
    assert store.delete_item(ITEM_ID)
    assert not store.delete_item(ITEM_ID)
    with store.read() as conn:
        assert store.repos.transactions.count(conn, include_removed=True) == 0
        assert store.repos.accounts.count(conn, include_removed=True) == 0
        assert store.repos.edits.get(conn, local) is None
        assert store.repos.journal.checkpoint(conn, ITEM_ID, "transactions", ACCOUNT_ID) is None
        assert [(e.action, e.target) for e in store.repos.audit_log.entries(conn)] == [("item_deleted", ITEM_ID)]


def test_a_bug_in_a_write_keeps_row_values_out_of_the_error(store: Store) -> None:
    import sqlalchemy.exc

    seed(store, 1)
    orphan = transaction(5, account_id="no-such-account", payer_document="12345678909", payer_name="Fulano Secreto")
    with pytest.raises(sqlalchemy.exc.IntegrityError) as info, store.write() as conn:
        store.repos.transactions.upsert(conn, [orphan])
    assert "12345678909" not in str(info.value)
    assert "Fulano" not in str(info.value)
    with store.read() as conn:
        assert store.repos.transactions.count(conn) == 1


def test_content_hash_depends_on_the_values_only() -> None:
    values = ("Padaria Pão de Açúcar", None, 3, "-12.50", [("c1", "IOF", "1.20")])
    rebuilt = ("".join(["Padaria ", "Pão de Açúcar"]), None, 3, "-12.50", [("c1", sys.intern("IOF"), "1.20")])
    assert content_hash(values) == content_hash(rebuilt)  # identity and interning do not matter
    assert content_hash(("None",)) != content_hash((None,))
    assert content_hash(("1",)) != content_hash((1,))
    assert content_hash(("a", "bc")) != content_hash(("ab", "c"))


def test_content_hash_is_the_same_in_every_process() -> None:
    """A re-sync in a later run must find the rows unchanged: no per-process salt (PYTHONHASHSEED) may leak in."""
    code = (
        "from financehub_desktop.store.repositories import content_hash;"
        "print(content_hash(('Café', None, 7, [('x', '1.5')])))"
    )
    hashes = {
        subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }  # fmt: skip
    assert hashes == {content_hash(("Café", None, 7, [("x", "1.5")]))}
