"""Card bills on top of the sample store (``tests.support.sample_store``): three closed bills of the card, a removed
one, rows of the open bill, a future installment, an old row the bank never put on a bill, and a second card with
nothing synced yet. "Today" for these tests is ``TODAY``.

Import the fixtures into a conftest: ``from tests.support.card_bills_store import bills_store``."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from financehub_desktop.store import Store
from financehub_desktop.store.records import AccountRecord, BillFinanceChargeRecord, BillPaymentRecord, BillRecord

from .sample_store import CARD, HISTORY, ITEM, tx

TODAY = date(2026, 3, 10)
GOLD = "44444444-4444-4444-8444-444444444444"
JANUARY_BILL = "bill-2026-01"  # due 05/01, nothing paid: overdue
FEBRUARY_BILL = "bill-2026-02"  # due 05/02, paid in full
MARCH_BILL = "bill-2026-03"  # due 05/03, the minimum paid
REMOVED_BILL = "bill-2025-12"


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def _on(rows: list[str], bill: str) -> list[object]:
    return [dataclasses.replace(t, card_bill_id=bill) for t in HISTORY if t.pluggy_id in rows]


BILLS = [
    BillRecord(id=JANUARY_BILL, account_id=CARD, due_date=_at("2026-01-05"), closing_date=_at("2025-12-25"),
               total_amount=Decimal("310.00"), currency_code="BRL", minimum_payment_amount=Decimal("46.50"),
               raw={"id": JANUARY_BILL}),
    BillRecord(id=FEBRUARY_BILL, account_id=CARD, due_date=_at("2026-02-05"), closing_date=_at("2026-01-25"),
               total_amount=Decimal("239.90"), currency_code="BRL", minimum_payment_amount=Decimal("35.99"),
               allows_installments=True,
               payments=[BillPaymentRecord(id="pay-feb", value_type="FULL_PAYMENT", payment_date=_at("2026-02-05"),
                                           amount=Decimal("239.90"), currency_code="BRL",
                                           payment_mode="DEBIT_ACCOUNT")],
               raw={"id": FEBRUARY_BILL}),
    BillRecord(id=MARCH_BILL, account_id=CARD, due_date=_at("2026-03-05"), closing_date=_at("2026-02-25"),
               total_amount=Decimal("1234.56"), currency_code="BRL", minimum_payment_amount=Decimal("185.18"),
               finance_charges=[BillFinanceChargeRecord(id="iof-mar", type="IOF", amount=Decimal("4.32"),
                                                        currency_code="BRL", additional_info="IOF internacional")],
               payments=[BillPaymentRecord(id="pay-mar", value_type="INSTALLMENT_PAYMENT",
                                           payment_date=_at("2026-03-05"), amount=Decimal("185.18"),
                                           currency_code="BRL", payment_mode="PIX")],
               raw={"id": MARCH_BILL}),
    BillRecord(id=REMOVED_BILL, account_id=CARD, due_date=_at("2025-12-05"), total_amount=Decimal("99.00"),
               currency_code="BRL", raw={"id": REMOVED_BILL}),
]  # fmt: skip

CARD_ROWS = [
    # February's bill: t3 (-89,90) + t4 (-150,00 installment 3/10) = R$ 239,90, its total
    *_on(["t3", "t4"], FEBRUARY_BILL),
    # March's bill: the payment of February (+239,90), an Uber ride and its refund, a flight: R$ 1.234,56
    *_on(["t7", "t8", "t9"], MARCH_BILL),
    tx("t11", CARD, "2026-02-20", "LATAM AIRLINES", "-1474.46", "DEBIT", category_id="11000000",
       card_bill_id=MARCH_BILL),
    tx("t16", CARD, "2026-02-21", "COMPRA CANCELADA", "-999.00", "DEBIT", card_bill_id=MARCH_BILL),  # removed
    # the open bill (closes 25/03): two rows without a bill id, one with an id of a bill not synced yet
    tx("t12", CARD, "2026-03-02", "NETFLIX.COM", "-55.90", "DEBIT", category_id="09000000"),
    tx("t13", CARD, "2026-03-08", "POSTO SHELL", "-200.00", "DEBIT", category_id="11000000", status="PENDING"),
    tx("t17", CARD, "2026-03-09", "SPOTIFY", "-21.90", "DEBIT", card_bill_id="bill-2026-04"),
    # an installment the bank already announced for after the next closing
    tx("t14", CARD, "2026-04-20", "MAGAZINE LOJA 4/10", "-150.00", "DEBIT", category_id="09000000",
       card_installment_number=4, card_total_installments=10),
    # an old row the bank never put on a bill
    tx("t15", CARD, "2025-11-10", "ANUIDADE CARTAO", "-30.00", "DEBIT"),
]  # fmt: skip

OPEN_BILL_TOTAL = Decimal("277.80")  # 55,90 + 200,00 + 21,90


def seed_bills(store: Store) -> None:
    with store.write() as conn:
        r = store.repos
        card = r.accounts.get(conn, CARD)
        assert card is not None
        r.accounts.upsert(
            conn,
            [
                AccountRecord(id=CARD, item_id=ITEM, type="CREDIT", subtype="CREDIT_CARD", name="Cartão Black",
                              balance=Decimal("239.90"), currency_code="BRL", number="4321", credit_brand="VISA",
                              credit_limit=Decimal("5000.00"), available_credit_limit=Decimal("4760.10"),
                              balance_close_date=_at("2026-03-25"), balance_due_date=_at("2026-04-05"), raw={}),
                AccountRecord(id=GOLD, item_id=ITEM, type="CREDIT", subtype="CREDIT_CARD", name="Cartão Gold",
                              balance=Decimal("0"), currency_code="BRL", number="**** **** **** 9876", raw={}),
            ],
        )  # fmt: skip
        r.bills.upsert(conn, BILLS)
        r.bills.mark_removed(conn, [REMOVED_BILL])
        r.transactions.upsert(conn, CARD_ROWS)  # type: ignore[arg-type]
        r.transactions.mark_removed(conn, ["t16"])


@pytest.fixture
def bills_store(store: Store) -> Store:
    seed_bills(store)
    return store
