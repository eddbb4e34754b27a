"""Own transfers in a real store: the reports leave them out, the detail finds the other side."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from financehub_desktop.services.events import EventBus
from financehub_desktop.services.reports import ReportsService
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.services.transfers import TransfersService
from financehub_desktop.store import Store
from financehub_desktop.store.records import AccountRecord, IdentityRecord
from tests.support.sample_store import CHECKING, ITEM, tx

SAVINGS = "44444444-4444-4444-8444-444444444444"
ME = "123.456.789-09"
TODAY = date(2026, 2, 28)


def add_savings(store: Store) -> None:
    with store.write() as conn:
        store.repos.accounts.upsert(conn, [AccountRecord(
            id=SAVINGS, item_id=ITEM, type="BANK", subtype="SAVINGS_ACCOUNT", name="Poupança",
            balance=Decimal("5000.00"), currency_code="BRL", raw={})])  # fmt: skip
        store.repos.identities.upsert(conn, [IdentityRecord(
            id="55555555-5555-4555-8555-555555555555", item_id=ITEM, full_name="Maria da Silva", document=ME,
            document_type="CPF", raw={})])  # fmt: skip


TRANSFERS = [
    tx("p-out", CHECKING, "2026-02-06", "PIX ENVIADO - MARIA DA SILVA", "-600.00", "DEBIT", category_id="05070000",
       operation_type="PIX", payment_method="PIX", payer_name="Maria da Silva", payer_document=ME,
       receiver_name="Maria da Silva", receiver_document=ME),
    tx("p-in", SAVINGS, "2026-02-07", "PIX RECEBIDO - MARIA DA SILVA", "600.00", "CREDIT", category_id="05070000",
       operation_type="PIX", payment_method="PIX", payer_name="Maria da Silva", payer_document=ME,
       receiver_name="Maria da Silva", receiver_document=ME),
    tx("self", CHECKING, "2026-02-12", "PIX ENVIADO MARIA DA SILVA", "-1000.00", "DEBIT", category_id="05070000",
       payment_method="PIX", payer_document=ME, receiver_document="12345678909"),
]  # fmt: skip
LOOKALIKES = [
    tx("friend", CHECKING, "2026-02-16", "PIX ENVIADO JOAO SOUZA", "-45.00", "DEBIT", category_id="05070000",
       payer_document=ME, receiver_document="98765432100"),
    tx("refund", SAVINGS, "2026-02-17", "ESTORNO COMPRA", "45.00", "CREDIT", category_id="08000000"),
]  # fmt: skip


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
