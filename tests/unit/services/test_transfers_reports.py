"""Own transfers in a real store: the reports leave them out, the detail finds the other side."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from financehub_desktop.services.events import EventBus
from financehub_desktop.services.reports import ReportsService
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.services.transfers import TransfersService
from financehub_desktop.store import Store
from tests.support.own_transfers import LOOKALIKES, SAVINGS, TRANSFERS, add_savings
from tests.support.sample_store import CHECKING, tx

TODAY = date(2026, 2, 28)


def ids(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return store.repos.transactions.local_ids(conn, ["p-out", "p-in", "self", "friend", "refund", "t6"])


def test_cash_flow_and_spending_leave_own_transfers_out(store: Store) -> None:
    add_savings(store)
    reports = ReportsService(store)
    before_flow = reports.monthly_cash_flow(2, today=TODAY)
    before_spending = reports.spending_by_category(date(2026, 2, 1))
    with store.write() as conn:
        store.repos.transactions.upsert(conn, TRANSFERS)
    assert reports.monthly_cash_flow(2, today=TODAY) == before_flow
    assert reports.spending_by_category(date(2026, 2, 1)) == before_spending
    february = before_flow[-1]
    with store.write() as conn:
        store.repos.transactions.upsert(conn, LOOKALIKES)  # a payment to someone else, a refund: they do count
    after = reports.monthly_cash_flow(2, today=TODAY)[-1]
    assert after.spending == february.spending + Decimal("45.00")
    assert after.income == february.income + Decimal("45.00")
    assert reports.spending_by_category(date(2026, 2, 1))["05070000"] == Decimal("45.00")


def test_without_corroboration_the_pair_still_counts(store: Store) -> None:
    """The same two rows with no payment data, a neutral description and no transfer category are not a transfer."""
    add_savings(store)
    reports = ReportsService(store)
    before = reports.monthly_cash_flow(1, today=TODAY)[-1]
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [
            tx("a", CHECKING, "2026-02-06", "DEBITO", "-600.00", "DEBIT", category_id="08000000"),
            tx("b", SAVINGS, "2026-02-06", "CREDITO", "600.00", "CREDIT"),
        ])  # fmt: skip
    after = reports.monthly_cash_flow(1, today=TODAY)[-1]
    assert (after.spending - before.spending, after.income - before.income) == (Decimal(600), Decimal(600))


def test_net_worth_history_is_unaffected_by_a_pair(store: Store) -> None:
    add_savings(store)
    reports = ReportsService(store)
    before = reports.net_worth_history(2, today=TODAY)
    with store.write() as conn:
        store.repos.transactions.upsert(conn, TRANSFERS[:2])
    assert reports.net_worth_history(2, today=TODAY) == before


def test_the_detail_names_the_other_side(store: Store) -> None:
    add_savings(store)
    with store.write() as conn:
        store.repos.transactions.upsert(conn, TRANSFERS + LOOKALIKES)
    known = ids(store)
    service = TransfersService(store)
    out = service.transfer_for(known["p-out"])
    assert out is not None
    assert (out.direction, out.reason, out.other_transaction_id) == ("OUT", "payment-data", known["p-in"])
    assert (out.other_account_name, out.other_institution, out.other_day) == (
        "Poupança",
        "Pluggy Bank",
        date(2026, 2, 7),
    )
    into = service.transfer_for(known["p-in"])
    assert into is not None and into.other_account_name == "Conta Corrente" and into.direction == "IN"
    alone = service.transfer_for(known["self"])
    assert alone is not None and alone.reason == "self-pix" and alone.other_transaction_id is None
    assert service.transfer_for(known["friend"]) is None
    assert service.transfer_for(known["t6"]) is None  # the card bill payment is not a transfer between accounts
    assert service.transfer_for(999_999) is None


def test_ignoring_one_side_breaks_the_pair(store: Store) -> None:
    """With the money-in side ignored, the PIX out is still one to oneself (payer = receiver), with no other side."""
    add_savings(store)
    with store.write() as conn:
        store.repos.transactions.upsert(conn, TRANSFERS[:2])
    known = ids(store)
    TransactionsService(store, EventBus()).set_ignored(known["p-in"], True)
    out = TransfersService(store).transfer_for(known["p-out"])
    assert out is not None and (out.reason, out.other_transaction_id) == ("self-pix", None)
