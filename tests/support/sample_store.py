"""A real encrypted store with a small, hand-made history: one bank, a checking account and a card.

Import the fixtures into a conftest: ``from tests.support.sample_store import bus, store``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.services.events import EventBus
from financehub_desktop.store import Store, open_store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.store.records import (
    AccountRecord,
    CategoryRecord,
    ConnectorRecord,
    ItemRecord,
    TransactionRecord,
)

ITEM = "11111111-1111-4111-8111-111111111111"
CHECKING = "22222222-2222-4222-8222-222222222222"
CARD = "33333333-3333-4333-8333-333333333333"


def tx(
    pid: str, account: str, day: str, description: str, amount: str, kind: str, **extra: object
) -> TransactionRecord:
    return TransactionRecord(
        pluggy_id=pid,
        account_id=account,
        date=datetime.fromisoformat(day).replace(tzinfo=UTC),
        description=description,
        amount=Decimal(amount),
        currency_code="BRL",
        type=kind,
        raw={"id": pid},
        **extra,  # type: ignore[arg-type]
    )


HISTORY = [
    tx("t1", CHECKING, "2026-01-05", "SALARIO EMPRESA X", "8500.00", "CREDIT", category_id="01000000"),
    tx("t2", CHECKING, "2026-01-10", "PIX ENVIADO Padaria Café Bom", "-32.50", "DEBIT", category_id="08000000"),
    tx("t3", CARD, "2026-01-12", "IFOOD *RESTAURANTE", "89.90", "DEBIT", category_id="08000000"),
    tx("t4", CARD, "2026-01-20", "MAGAZINE LOJA 3/10", "150.00", "DEBIT", category_id="09000000",
       card_installment_number=3, card_total_installments=10),
    tx("t5", CHECKING, "2026-02-05", "SALARIO EMPRESA X", "8500.00", "CREDIT", category_id="01000000"),
    tx("t6", CHECKING, "2026-02-08", "PAGAMENTO FATURA CARTAO", "-239.90", "DEBIT", operation_type="PAGAMENTO_FATURA",
       category_id="05100000"),
    tx("t7", CARD, "2026-02-08", "PAGAMENTO RECEBIDO", "-239.90", "CREDIT", operation_type="PAGAMENTO_FATURA",
       category_id="05100000"),
    tx("t8", CARD, "2026-02-14", "UBER *TRIP", "23.40", "DEBIT", category_id="11000000"),
    tx("t9", CARD, "2026-02-15", "ESTORNO UBER", "-23.40", "CREDIT", category_id="11000000"),
    tx("t10", CHECKING, "2026-02-20", "CONTA DE LUZ ENEL", "-180.00", "DEBIT", category_id="06000000",
       status="PENDING"),
]  # fmt: skip

CATEGORIES = [
    CategoryRecord(id="01000000", name_en="Income", name_pt="Renda", raw={}),
    CategoryRecord(id="05100000", name_en="Credit card payment", name_pt="Pagamento de cartão", raw={}),
    CategoryRecord(id="06000000", name_en="Housing", name_pt="Moradia", raw={}),
    CategoryRecord(id="08000000", name_en="Food and drinks", name_pt="Alimentação", raw={}),
    CategoryRecord(id="09000000", name_en="Shopping", name_pt="Compras", raw={}),
    CategoryRecord(id="11000000", name_en="Transport", name_pt="Transporte", raw={}),
]


def seed(store: Store) -> None:
    with store.write() as conn:
        r = store.repos
        r.connectors.upsert(conn, [ConnectorRecord(id=2, name="Pluggy Bank", raw={"id": 2})])
        r.items.upsert(conn, [ItemRecord(id=ITEM, connector_id=2, status="UPDATED", execution_status="SUCCESS",
                                         raw={"id": ITEM})])  # fmt: skip
        r.accounts.upsert(
            conn,
            [
                AccountRecord(id=CHECKING, item_id=ITEM, type="BANK", subtype="CHECKING_ACCOUNT", name="Conta Corrente",
                              balance=Decimal("10000.00"), currency_code="BRL", number="0001/12345-0", raw={}),
                AccountRecord(id=CARD, item_id=ITEM, type="CREDIT", subtype="CREDIT_CARD", name="Cartão Black",
                              balance=Decimal("239.90"), currency_code="BRL", number="4321",
                              credit_limit=Decimal("5000.00"), available_credit_limit=Decimal("4760.10"), raw={}),
            ],
        )  # fmt: skip
        r.categories.upsert(conn, CATEGORIES)
        r.transactions.upsert(conn, HISTORY)


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store(profile_paths("default"), kdf=ScryptParams(n=2**10, r=8, p=1))
    seed(opened)
    yield opened
    opened.close()


@pytest.fixture
def bus() -> EventBus:
    return EventBus()
