"""A savings account, the holder's identity and own transfers (plus look-alikes) on top of ``sample_store``."""

from __future__ import annotations

from decimal import Decimal

from financehub_desktop.store import Store
from financehub_desktop.store.records import AccountRecord, IdentityRecord
from tests.support.sample_store import CHECKING, ITEM, tx

SAVINGS = "44444444-4444-4444-8444-444444444444"
ME = "123.456.789-09"


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
