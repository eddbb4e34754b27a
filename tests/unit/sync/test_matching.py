"""Pending -> posted with a new id: one transaction, not two; the user's edits follow it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.store import Store, open_store, schema
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.store.records import AccountRecord, ItemRecord, TransactionRecord
from financehub_desktop.sync.matching import descriptions_match, normalise, supersede_pending

ITEM = "8c5f4a0e-1b2c-4d3e-9f00-000000000001"
ACCOUNT = "a1b2c3d4-0000-4000-8000-000000000001"
DAY = datetime(2026, 3, 10, tzinfo=UTC)


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store(profile_paths("matching"), kdf=ScryptParams(n=2**10, r=8, p=1))
    with opened.write() as conn:
        opened.repos.items.upsert(conn, [ItemRecord(id=ITEM, connector_id=2, status="UPDATED", execution_status="")])
        opened.repos.accounts.upsert(
            conn,
            [
                AccountRecord(
                    id=ACCOUNT,
                    item_id=ITEM,
                    type="BANK",
                    subtype="CHECKING_ACCOUNT",
                    name="Conta",
                    balance=Decimal(0),
                    currency_code="BRL",
                )
            ],
        )
    yield opened
    opened.close()


def tx(
    pluggy_id: str, status: str, *, amount: str = "-42.50", days: int = 0, text: str = "PADARIA SAO JOSE"
) -> TransactionRecord:
    return TransactionRecord(
        pluggy_id=pluggy_id,
        account_id=ACCOUNT,
        date=DAY + timedelta(days=days),
        description=text,
        amount=Decimal(amount),
        currency_code="BRL",
        status=status,
    )


def visible(store: Store) -> set[str]:
    t = schema.transactions
    with store.read() as conn:
        return {r.pluggy_id for r in conn.execute(select(t.c.pluggy_id).where(t.c.removed_at.is_(None)))}


def test_posted_successor_replaces_its_pending_row_and_keeps_the_edits(store: Store) -> None:
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [tx("pending-1", "PENDING")])
        local = store.repos.transactions.local_ids(conn, ["pending-1"])["pending-1"]
        store.repos.edits.set(conn, local, category_id="01010000", note="pão")
    posted = tx("posted-9", "POSTED", days=2, text="PADARIA SAO JOSE 1234")
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [posted])
        removed = supersede_pending(store.repos, conn, ACCOUNT, [posted], ["posted-9"])
    assert removed == 1
    assert visible(store) == {"posted-9"}
    with store.read() as conn:
        new_local = store.repos.transactions.local_ids(conn, ["posted-9"])["posted-9"]
        edit = store.repos.edits.get(conn, new_local)
    assert edit is not None and edit.note == "pão" and edit.category_id == "01010000"


@pytest.mark.parametrize(
    "posted",
    [
        tx("p", "POSTED", amount="-42.51"),  # another amount
        tx("p", "POSTED", days=8),  # too far apart
        tx("p", "POSTED", text="MERCADO CENTRAL"),  # another merchant
    ],
    ids=["amount", "days", "description"],
)
def test_different_transactions_are_not_merged(store: Store, posted: TransactionRecord) -> None:
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [tx("pending-1", "PENDING"), posted])
        assert supersede_pending(store.repos, conn, ACCOUNT, [posted], [posted.pluggy_id]) == 0
    assert visible(store) == {"pending-1", "p"}


def test_a_pending_row_still_listed_upstream_is_not_a_candidate(store: Store) -> None:
    posted = tx("posted-1", "POSTED")
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [tx("pending-1", "PENDING"), posted])
        assert supersede_pending(store.repos, conn, ACCOUNT, [posted], ["pending-1", "posted-1"]) == 0


def test_two_identical_pendings_pair_with_two_posted_rows_one_each(store: Store) -> None:
    first, second = tx("posted-1", "POSTED", days=1), tx("posted-2", "POSTED", days=1)
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [tx("pending-1", "PENDING"), tx("pending-2", "PENDING", days=1)])
        store.repos.transactions.upsert(conn, [first, second])
        assert supersede_pending(store.repos, conn, ACCOUNT, [first, second], ["posted-1", "posted-2"]) == 2
    assert visible(store) == {"posted-1", "posted-2"}


def test_description_normalisation() -> None:
    assert normalise("Pão de Açúcar 123*") == "pao de acucar"
    assert descriptions_match("UBER *TRIP", "UBER TRIP 0912")
    assert not descriptions_match("", "UBER")
