"""What the sandbox holds (read straight from its API, independently of the engine) and what the store holds.

Both sides are reduced to plain tuples of the fields a user sees, so ``assert store_view(...) == sandbox_view(...)``
compares the data exactly (amounts as Decimals with the documented sign convention, dates, statuses, bill ids,
installments), and a difference prints as a readable diff.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.errors import NotFoundError
from financehub_desktop.store import Store, schema
from financehub_desktop.store.types import canonical_json
from financehub_desktop.sync.engine import SyncOptions

FAST_OPTIONS = SyncOptions(
    poll_initial_seconds=0.002,
    poll_max_seconds=0.02,
    min_refresh_interval=timedelta(0),
    max_concurrency=4,
)


def holder_sign(amount: Decimal, type_: str | None) -> Decimal:
    """docs/sync.md: negative is money out (DEBIT), positive money in (CREDIT)."""
    if type_ == "DEBIT":
        return -abs(amount)
    if type_ == "CREDIT":
        return abs(amount)
    return amount


async def sandbox_view(client: PluggyClient, item_id: str) -> dict[str, Any]:
    accounts = (await client.list_accounts(item_id)).results
    txns: set[tuple[Any, ...]] = set()
    bills: set[tuple[Any, ...]] = set()
    for account in accounts:
        async for t in client.iter_transactions(account.id):
            card = t.credit_card_metadata
            txns.add(
                (
                    t.id,
                    account.id,
                    t.date,
                    t.description,
                    holder_sign(t.amount, t.type),
                    t.status or "POSTED",
                    card.bill_id if card else None,
                    card.installment_number if card else None,
                    card.total_installments if card else None,
                )
            )
        if account.type == "CREDIT":
            async for b in client.iter_bills(account.id):
                bills.add((b.id, account.id, b.due_date, b.total_amount))
    investments = [i async for i in client.iter_investments(item_id)]
    inv_txns: set[tuple[Any, ...]] = set()
    for inv in investments:
        async for it in client.iter_investment_transactions(inv.id):
            inv_txns.add((it.id, inv.id, it.amount))
    loans = {(loan.id, loan.contract_amount) for loan in (await client.list_loans(item_id)).results}
    try:
        identity = {(await client.get_identity(item_id)).id}
    except NotFoundError:
        identity = set()
    return {
        "accounts": {(a.id, a.name, a.balance, a.type) for a in accounts},
        "transactions": txns,
        "bills": bills,
        "investments": {(i.id, i.balance) for i in investments},
        "investment_transactions": inv_txns,
        "loans": loans,
        "identity": identity,
    }


def store_view(store: Store, item_id: str) -> dict[str, Any]:
    a, t, b = schema.accounts, schema.transactions, schema.bills
    i, it, lo, idn = schema.investments, schema.investment_transactions, schema.loans, schema.identities
    with store.read() as conn:
        accounts = list(conn.execute(select(a).where(a.c.item_id == item_id, a.c.removed_at.is_(None))))
        account_ids = [row.id for row in accounts]
        txns = conn.execute(select(t).where(t.c.account_id.in_(account_ids), t.c.removed_at.is_(None)))
        bill_rows = conn.execute(select(b).where(b.c.account_id.in_(account_ids), b.c.removed_at.is_(None)))
        invs = list(conn.execute(select(i).where(i.c.item_id == item_id, i.c.removed_at.is_(None))))
        inv_txns = conn.execute(
            select(it).where(it.c.investment_id.in_([r.id for r in invs]), it.c.removed_at.is_(None))
        )
        loans = conn.execute(select(lo).where(lo.c.item_id == item_id, lo.c.removed_at.is_(None)))
        identity = conn.execute(select(idn).where(idn.c.item_id == item_id, idn.c.removed_at.is_(None)))
        return {
            "accounts": {(r.id, r.name, r.balance, r.type) for r in accounts},
            "transactions": {
                (
                    r.pluggy_id,
                    r.account_id,
                    r.date,
                    r.description,
                    r.amount,
                    r.status,
                    r.card_bill_id,
                    r.card_installment_number,
                    r.card_total_installments,
                )
                for r in txns
            },
            "bills": {(r.id, r.account_id, r.due_date, r.total_amount) for r in bill_rows},
            "investments": {(r.id, r.balance) for r in invs},
            "investment_transactions": {(r.id, r.investment_id, r.amount) for r in inv_txns},
            "loans": {(r.id, r.contract_amount) for r in loans},
            "identity": {r.id for r in identity},
        }


def _hashable(value: Any) -> Any:
    return canonical_json(value) if isinstance(value, list | dict) else value


def provider_snapshot(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    """Every visible provider row of the store, minus bookkeeping times: two stores synced from the same sandbox
    state compare equal however their syncs went (killed and resumed, or clean)."""
    skip = {"first_seen_at", "last_seen_at", "removed_at", "id"}
    out: dict[str, set[tuple[Any, ...]]] = {}
    with store.read() as conn:
        for table in schema.PROVIDER_TABLES:
            cols = [
                c for c in table.columns if c.name not in skip or (c.name == "id" and table is not schema.transactions)
            ]
            rows = conn.execute(select(*cols).where(table.c.removed_at.is_(None)))
            out[table.name] = {tuple(_hashable(v) for v in row) for row in rows}
    return out
