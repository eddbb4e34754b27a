"""Fixtures for the store tests: an open store on the in-memory keyring, cheap scrypt, realistic records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from financehub_desktop.config.paths import ProfilePaths, profile_paths
from financehub_desktop.store import Store, open_store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.store.records import AccountRecord, ConnectorRecord, ItemRecord, TransactionRecord

FAST_KDF = ScryptParams(n=2**10, r=8, p=1)
ITEM_ID = "8c5f4a0e-1b2c-4d3e-9f00-000000000001"
ACCOUNT_ID = "a1b2c3d4-0000-4000-8000-000000000001"
CARD_ID = "a1b2c3d4-0000-4000-8000-000000000002"
T0 = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
def paths() -> ProfilePaths:
    return profile_paths("default")


@pytest.fixture
def store(paths: ProfilePaths) -> Iterator[Store]:
    opened = open_store(paths, kdf=FAST_KDF)
    yield opened
    opened.close()


def file_state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def item() -> ItemRecord:
    return ItemRecord(
        id=ITEM_ID,
        connector_id=201,
        status="UPDATED",
        execution_status="SUCCESS",
        raw={"id": ITEM_ID, "status": "UPDATED", "executionStatus": "SUCCESS"},
    )


def connector() -> ConnectorRecord:
    return ConnectorRecord(id=201, name="Banco Exemplo", type="PERSONAL_BANK", country="BR", raw={"id": 201})


def accounts() -> list[AccountRecord]:
    return [
        AccountRecord(
            id=ACCOUNT_ID,
            item_id=ITEM_ID,
            type="BANK",
            subtype="CHECKING_ACCOUNT",
            name="Conta Corrente",
            balance=Decimal("1234.56"),
            currency_code="BRL",
            raw={"id": ACCOUNT_ID, "balance": Decimal("1234.56")},
        ),
        AccountRecord(
            id=CARD_ID,
            item_id=ITEM_ID,
            type="CREDIT",
            subtype="CREDIT_CARD",
            name="Cartão Platinum",
            balance=Decimal("-500.10"),
            currency_code="BRL",
            credit_limit=Decimal("8000.00"),
            credit_brand="VISA",
            raw={"id": CARD_ID},
        ),
    ]


DESCRIPTIONS = [
    ("Café Padaria Pão de Açúcar", "Padaria Pão de Açúcar"),
    ("PIX enviado João Silva", None),
    ("Supermercado Extra", "Extra Hipermercados"),
    ("Uber *Trip", "Uber do Brasil"),
    ("Açougue Boi Gordo", "Açougue Boi Gordo LTDA"),
    ("Farmácia São João", "Farmácia São João"),
    ("Netflix.com", "Netflix"),
    ("Posto Ipiranga", "Ipiranga"),
]


def transaction(n: int, **overrides: Any) -> TransactionRecord:
    description, merchant = DESCRIPTIONS[n % len(DESCRIPTIONS)]
    amount = Decimal(-((n * 7919) % 50000 + 1)) / 100
    values: dict[str, Any] = {
        "pluggy_id": f"tx-{n:08d}",
        "account_id": ACCOUNT_ID if n % 3 else CARD_ID,
        "date": T0 + timedelta(hours=n * 5),
        "description": description,
        "amount": amount,
        "currency_code": "BRL",
        "type": "DEBIT",
        "status": "POSTED",
        "category_id": f"0{n % 9 + 1}000000",
        "merchant_name": merchant,
    }
    values.update(overrides)
    values.setdefault("raw", {"id": values["pluggy_id"], "amount": values["amount"], "description": description})
    return TransactionRecord(**values)


def seed(store: Store, count: int = 20) -> list[TransactionRecord]:
    records = [transaction(n) for n in range(count)]
    with store.write() as conn:
        store.repos.connectors.upsert(conn, [connector()])
        store.repos.items.upsert(conn, [item()])
        store.repos.accounts.upsert(conn, accounts())
        store.repos.transactions.upsert(conn, records)
    return records


def total_changes(conn: Any) -> int:
    """SQLite's count of rows this connection has written (trigger and FTS writes included)."""
    raw: Any = conn.connection.dbapi_connection
    return int(raw.total_changes)
