"""The card-bills service on a real encrypted store: which bills, in what order, their status, and their rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.services.card_bills import (
    BillKind,
    BillStatus,
    CardBillsService,
    bill_status,
    last_digits,
)
from financehub_desktop.store import Store
from tests.support.card_bills_store import (
    FEBRUARY_BILL,
    GOLD,
    JANUARY_BILL,
    MARCH_BILL,
    OPEN_BILL_TOTAL,
    TODAY,
    bills_store,
)
from tests.support.sample_store import CARD, ITEM

__all__ = ["bills_store"]


@pytest.fixture
def service(bills_store: Store) -> CardBillsService:
    return CardBillsService(bills_store, today=lambda: TODAY)


def test_cards_with_last_digits_limits_and_bank(service: CardBillsService) -> None:
    cards = service.cards()
    assert [(c.name, c.last_digits) for c in cards] == [("Cartão Black", "4321"), ("Cartão Gold", "9876")]
    black = cards[0]
    assert black.institution == "Pluggy Bank"
    assert black.item_id == ITEM
    assert black.brand == "VISA"
    assert black.credit_limit == Money.of("5000.00")
    assert black.available_credit == Money.of("4760.10")
    assert cards[1].credit_limit is None  # not sent by the bank: not made up


def test_bank_accounts_and_removed_cards_are_not_cards(bills_store: Store, service: CardBillsService) -> None:
    assert CARD in {c.account_id for c in service.cards()}
    with bills_store.write() as conn:
        bills_store.repos.accounts.mark_removed(conn, [CARD])
    assert [c.account_id for c in service.cards()] == [GOLD]
    with pytest.raises(InvalidInputError):
        service.bills(CARD)


def test_bills_newest_first_after_the_open_bill(service: CardBillsService) -> None:
    views = service.bills(CARD)
    assert [v.kind for v in views] == [
        BillKind.CURRENT, BillKind.FUTURE, BillKind.CLOSED, BillKind.CLOSED, BillKind.CLOSED, BillKind.UNASSIGNED
    ]  # fmt: skip
    assert [v.bill_id for v in views if v.kind is BillKind.CLOSED] == [MARCH_BILL, FEBRUARY_BILL, JANUARY_BILL]
    march = views[2]
    assert march.total == Money.of("1234.56")
    assert march.minimum_payment == Money.of("185.18")
    assert str(march.due_date) == "2026-03-05"
    assert str(march.closing_date) == "2026-02-25"
    assert march.transaction_count == 4  # t7, t8, t9, t11: the removed t16 is not counted
    assert [(c.charge_type, c.amount) for c in march.finance_charges] == [("IOF", Money.of("4.32"))]
    assert [(p.value_type, p.payment_mode, p.amount) for p in march.payments] == [
        ("INSTALLMENT_PAYMENT", "PIX", Money.of("185.18"))
    ]


def test_status_from_payments_and_due_date(service: CardBillsService) -> None:
    status = {v.key: v.status for v in service.bills(CARD)}
    assert status[FEBRUARY_BILL] is BillStatus.PAID
    assert status[MARCH_BILL] is BillStatus.PARTIALLY_PAID  # the minimum only, due date past
    assert status[JANUARY_BILL] is BillStatus.OVERDUE
    early = CardBillsService(service.store, today=lambda: TODAY.replace(month=1, day=2))
    assert {v.key: v.status for v in early.bills(CARD)}[JANUARY_BILL] is BillStatus.OPEN


@pytest.mark.parametrize(
    ("total", "paid", "today", "expected"),
    [
        ("100", "100", "2026-02-01", BillStatus.PAID),
        ("100", "120", "2026-02-01", BillStatus.PAID),
        ("100", "0", "2026-01-10", BillStatus.OPEN),  # the due day itself is still on time
        ("100", "0", "2026-01-11", BillStatus.OVERDUE),
        ("100", "15", "2026-01-11", BillStatus.PARTIALLY_PAID),
        ("0", "0", "2026-02-01", BillStatus.NOTHING_DUE),
        ("-20", "0", "2026-02-01", BillStatus.NOTHING_DUE),
    ],
)
def test_bill_status_rules(total: str, paid: str, today: str, expected: BillStatus) -> None:
    from datetime import date

    assert bill_status(Money.of(total), Money.of(paid), date(2026, 1, 10), date.fromisoformat(today)) is expected


def test_a_bill_lists_its_own_rows_and_what_they_add_up_to(service: CardBillsService) -> None:
    bills = {v.key: v for v in service.bills(CARD)}
    february = service.statement(bills[FEBRUARY_BILL])
    assert [t.description for t in february.transactions] == ["IFOOD *RESTAURANTE", "MAGAZINE LOJA 3/10"]
    assert [t.installment for t in february.transactions] == ["", "3/10"]
    assert [t.category_name for t in february.transactions] == ["Alimentação", "Compras"]
    assert february.transactions[0].amount == Money.of("-89.90")  # as stored: a purchase is money out
    assert february.transactions_total == Money.of("239.90")
    assert february.difference.is_zero()

    march = service.statement(bills[MARCH_BILL])
    assert [t.pluggy_id for t in march.transactions] == ["t7", "t8", "t9", "t11"]  # oldest first; t16 removed
    assert march.transactions_total == Money.of("1234.56")
    assert march.transactions_total == march.bill.total

    january = service.statement(bills[JANUARY_BILL])
    assert january.transactions == ()
    assert january.difference == Money.of("310.00")  # the store has no rows for it: said, not hidden


def test_rows_without_a_bill_form_the_open_bill_and_future_installments(service: CardBillsService) -> None:
    views = service.bills(CARD)
    current, future, unassigned = views[0], views[1], views[-1]
    assert current.kind is BillKind.CURRENT and current.status is BillStatus.OPEN
    assert current.total == Money(OPEN_BILL_TOTAL)
    assert str(current.closing_date) == "2026-03-25"  # the card's next closing, as the bank reports it
    assert str(current.due_date) == "2026-04-05"
    rows = service.statement(current).transactions
    assert [t.pluggy_id for t in rows] == ["t12", "t13", "t17"]  # t17's bill is not synced yet: not lost
    assert [t.pending for t in rows] == [False, True, False]
    assert [t.installment for t in service.statement(future).transactions] == ["4/10"]
    assert future.total == Money.of("150.00")
    assert unassigned.kind is BillKind.UNASSIGNED and unassigned.status is None
    assert [t.description for t in service.statement(unassigned).transactions] == ["ANUIDADE CARTAO"]


def test_no_open_bill_when_every_row_has_a_bill(bills_store: Store, service: CardBillsService) -> None:
    with bills_store.write() as conn:
        bills_store.repos.transactions.mark_removed(conn, ["t12", "t13", "t17", "t14", "t15"])
    assert [v.kind for v in service.bills(CARD)] == [BillKind.CLOSED] * 3


def test_a_card_with_nothing_synced_has_no_bills(service: CardBillsService) -> None:
    assert service.bills(GOLD) == []


def test_a_bill_removed_at_the_bank_is_gone_and_its_statement_refused(
    bills_store: Store, service: CardBillsService
) -> None:
    march = next(v for v in service.bills(CARD) if v.key == MARCH_BILL)
    with bills_store.write() as conn:
        bills_store.repos.bills.mark_removed(conn, [MARCH_BILL])
    assert MARCH_BILL not in {v.key for v in service.bills(CARD)}
    with pytest.raises(InvalidInputError):
        service.statement(march)
    current = service.bills(CARD)[0]  # its rows now have no known bill, dated after the last closing: open bill
    assert {"t8", "t11"} <= {t.pluggy_id for t in service.statement(current).transactions}


def test_user_category_and_english_names(bills_store: Store) -> None:
    service = CardBillsService(bills_store, language="en", today=lambda: TODAY)
    february = next(v for v in service.bills(CARD) if v.key == FEBRUARY_BILL)
    statement = service.statement(february)
    assert [t.category_name for t in statement.transactions] == ["Food and drinks", "Shopping"]
    with bills_store.write() as conn:
        bills_store.repos.edits.set(conn, statement.transactions[0].transaction_id, category_id="11000000")
    assert service.statement(february).transactions[0].category_name == "Transport"


def test_foreign_currency_rows_count_in_the_card_currency(bills_store: Store, service: CardBillsService) -> None:
    from tests.support.sample_store import tx

    with bills_store.write() as conn:
        bills_store.repos.transactions.upsert(
            conn,
            [
                tx("u1", CARD, "2026-03-03", "AWS", "-20.00", "DEBIT", amount_in_account_currency=Decimal("-108.40")),
                tx("u2", CARD, "2026-03-04", "STEAM", "-5.00", "DEBIT"),
            ],
        )
        conn.exec_driver_sql("UPDATE transactions SET currency_code = 'USD' WHERE pluggy_id IN ('u1', 'u2')")
    current = service.bills(CARD)[0]
    statement = service.statement(current)
    assert statement.transactions_total == Money(OPEN_BILL_TOTAL + Decimal("108.40"))
    assert statement.unconverted == 1
    assert Money.of("-20.00", "USD") in {t.amount for t in statement.transactions}


@pytest.mark.parametrize(
    ("number", "digits"), [("4321", "4321"), ("**** **** **** 9876", "9876"), (None, ""), ("", "")]
)
def test_last_digits(number: str | None, digits: str) -> None:
    assert last_digits(number) == digits


def test_pluggy_category_text_when_categories_were_not_synced(bills_store: Store, service: CardBillsService) -> None:
    with bills_store.write() as conn:
        conn.exec_driver_sql("DELETE FROM categories")
        conn.exec_driver_sql("UPDATE transactions SET category = 'Food delivery' WHERE pluggy_id = 't3'")
    february = next(v for v in service.bills(CARD) if v.key == FEBRUARY_BILL)
    assert [t.category_name for t in service.statement(february).transactions] == ["Food delivery", ""]


def test_without_any_bill_the_open_bill_is_the_month_before_the_next_closing(
    bills_store: Store, service: CardBillsService
) -> None:
    with bills_store.write() as conn:
        conn.exec_driver_sql("UPDATE bills SET removed_at = '2026-03-09T00:00:00+00:00'")
    views = service.bills(CARD)
    assert [v.kind for v in views] == [BillKind.CURRENT, BillKind.FUTURE, BillKind.UNASSIGNED]
    current = service.statement(views[0])
    assert [t.pluggy_id for t in current.transactions] == ["t12", "t13", "t17"]  # after 25/02, up to 25/03
    assert "t11" in {t.pluggy_id for t in service.statement(views[2]).transactions}  # 20/02: not the whole history


@given(st.text(alphabet="0123456789* -./X", max_size=30))
def test_last_digits_are_the_numbers_last_four_digits(number: str) -> None:
    digits = "".join(ch for ch in number if ch.isdigit())
    result = last_digits(number)
    assert result.isdigit() or result == ""
    assert len(result) == min(4, len(digits))
    assert digits.endswith(result)
