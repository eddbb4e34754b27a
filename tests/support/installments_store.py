"""Card purchases in installments on top of the sample store (``tests.support.sample_store``, whose card already has
"MAGAZINE LOJA 3/10" without a purchase date or total). "Today" for these tests is ``TODAY``.

Import the fixture into a conftest: ``from tests.support.installments_store import installments_store``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from financehub_desktop.store import Store
from financehub_desktop.store.records import AccountRecord, TransactionRecord

from .sample_store import CARD, ITEM, tx

TODAY = date(2026, 3, 10)
GOLD = "44444444-4444-4444-8444-444444444444"


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def part(pid: str, day: str, description: str, amount: str, number: int, count: int, *, total: str | None = None,
         bought: str | None = None, account: str = CARD, kind: str = "DEBIT") -> TransactionRecord:  # fmt: skip
    return tx(pid, account, day, description, amount, kind, card_installment_number=number,
              card_total_installments=count, card_total_amount=Decimal(total) if total else None,
              card_purchase_date=_at(bought) if bought else None, category_id="09000000")  # fmt: skip


ROWS = [
    # 10 x R$ 100,00 bought 15/12/2025: three installments posted, the 4th announced for 15/03
    part("ml1", "2025-12-15", "MAGAZINE LUIZA 01/10", "-100.00", 1, 10, total="1000.00", bought="2025-12-15"),
    part("ml2", "2026-01-15", "MAGAZINE LUIZA 02/10", "-100.00", 2, 10, total="1000.00", bought="2025-12-15"),
    part("ml3", "2026-02-15", "MAGAZINE LUIZA 03/10", "-100.00", 3, 10, total="1000.00", bought="2025-12-15"),
    part("ml4", "2026-03-15", "MAGAZINE LUIZA 04/10", "-100.00", 4, 10, total="1000.00", bought="2025-12-15"),
    # the same shop, another purchase: 3 x R$ 100,00 bought 20/02/2026
    part("mx1", "2026-02-20", "MAGAZINE LUIZA 01/03", "-100.00", 1, 3, total="300.00", bought="2026-02-20"),
    # 12 x, bought 05/07/2025, before the synced history: only the 7th and 8th are rows; R$ 1.200,01 does not divide
    part("am7", "2026-01-05", "AMAZON BR PARC 07/12", "-100.00", 7, 12, total="1200.01", bought="2025-07-05"),
    part("am8", "2026-02-05", "AMAZON BR PARC 08/12", "-100.00", 8, 12, total="1200.01", bought="2025-07-05"),
    # no purchase date, no total: 3 x R$ 33,33 (estimated)
    part("rn2", "2026-02-28", "RENNER 2/3", "-33.33", 2, 3),
    # a flight cancelled: the 1st installment refunded, the future ones removed by the bank
    part("lt1", "2026-02-01", "LATAM AIR 1/5", "-500.00", 1, 5, total="2500.00", bought="2026-02-01"),
    part(
        "lt0",
        "2026-02-10",
        "ESTORNO LATAM AIR 1/5",
        "500.00",
        1,
        5,
        total="2500.00",
        bought="2026-02-01",
        kind="CREDIT",
    ),
    part("lt2", "2026-03-01", "LATAM AIR 2/5", "-500.00", 2, 5, total="2500.00", bought="2026-02-01"),  # removed
    # two identical purchases the same day at the same shop
    part("me1", "2026-03-01", "MERCADOLIVRE 1/2", "-50.00", 1, 2, total="100.00", bought="2026-03-01"),
    part("me2", "2026-03-01", "MERCADOLIVRE 1/2", "-50.00", 1, 2, total="100.00", bought="2026-03-01"),
    # another card
    part("ap2", "2026-02-25", "APPLE STORE 2/6", "-1000.00", 2, 6, total="6000.00", bought="2026-01-25", account=GOLD),
    # not an installment
    tx("one", CARD, "2026-03-02", "NETFLIX.COM", "-55.90", "DEBIT"),
]


def seed_installments(store: Store) -> None:
    with store.write() as conn:
        r = store.repos
        r.accounts.upsert(
            conn,
            [AccountRecord(id=GOLD, item_id=ITEM, type="CREDIT", subtype="CREDIT_CARD", name="Cartão Gold",
                           balance=Decimal("0"), currency_code="BRL", number="**** **** **** 9876", raw={})],
        )  # fmt: skip
        r.transactions.upsert(conn, ROWS)
        r.transactions.mark_removed(conn, ["lt2"])


@pytest.fixture
def installments_store(store: Store) -> Store:
    seed_installments(store)
    return store
