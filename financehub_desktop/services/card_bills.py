"""Credit-card bills (faturas): each card's bills newest first, what was paid, and the transactions on each bill.

Where a transaction belongs:

- on the bill the bank assigned it to (``creditCardMetadata.billId``, column ``card_bill_id``), when that bill is
  stored and still present at the bank;
- otherwise it has no (known) bill yet. Those rows are split by date into the **current bill** (dated after the last
  closed bill's closing date, or in the month before the next closing when no bill was synced, up to the card's next
  closing date), **future installments** (dated after the next closing: installments the bank already announced) and
  **without a bill** (older rows the bank never assigned). Nothing is guessed beyond that split; no row is hidden.

A bill's status comes from the payments the bank reports for it and from its due date: paid, partially paid, open
(not yet due), overdue, or nothing to pay (a total of zero or a credit). Amounts keep the store's sign convention on
transactions (money out negative); bill totals are what the bank says is owed (positive). Read-only and offline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from financehub_desktop.domain.dates import shift_months
from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.store import Store
from financehub_desktop.store.schema import (
    accounts,
    bill_finance_charges,
    bill_payments,
    bills,
    categories,
    transactions,
)
from financehub_desktop.store.schema_local import transaction_edits
from financehub_desktop.store.search import effective_category

from .bank_rows import rows_still_at_the_bank
from .categories import localized
from .transactions import installment_label


class BillKind(StrEnum):
    CLOSED = "closed"  # a bill the bank issued (``GET /bills``)
    CURRENT = "current"  # rows with no bill yet, up to the card's next closing date
    FUTURE = "future"  # rows with no bill yet, dated after the next closing: installments still to come
    UNASSIGNED = "unassigned"  # rows with no bill, older than the last closed bill


class BillStatus(StrEnum):
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"  # past its due date, some but not all of it paid (e.g. the minimum)
    OPEN = "open"  # not yet due (or not yet closed)
    OVERDUE = "overdue"  # past its due date and nothing paid
    NOTHING_DUE = "nothing_due"  # a total of zero or a credit balance


@dataclass(frozen=True, slots=True)
class CardView:
    account_id: str
    item_id: str
    name: str
    institution: str  # the connection's bank
    last_digits: str  # "6655", from the card's number; "" when the bank sends none
    brand: str
    balance: Money  # what is owed now, as the bank reports it
    credit_limit: Money | None = None
    available_credit: Money | None = None
    next_closing_date: date | None = None
    next_due_date: date | None = None


@dataclass(frozen=True, slots=True)
class BillPaymentView:
    payment_id: str
    day: date
    amount: Money
    value_type: str  # FULL_PAYMENT | INSTALLMENT_PAYMENT | OTHER_PAYMENT
    payment_mode: str  # DEBIT_ACCOUNT | BANK_SLIP | PAYROLL_DEDUCTION | PIX | ""


@dataclass(frozen=True, slots=True)
class FinanceChargeView:
    charge_id: str
    charge_type: str  # LATE_PAYMENT_REMUNERATIVE_INTEREST | LATE_PAYMENT_FEE | LATE_PAYMENT_INTEREST | IOF | OTHER
    amount: Money
    additional_info: str = ""


@dataclass(frozen=True, slots=True)
class BillView:
    """One bill of a card, or one of the groups of rows that have no bill yet (``kind``)."""

    key: str  # the bill's id; "<kind>:<account id>" for a group without a bill
    account_id: str
    kind: BillKind
    total: Money  # owed: positive. For the groups without a bill, what their rows add up to
    status: BillStatus | None  # None for old rows without a bill: there is nothing to pay or not pay
    paid: Money
    transaction_count: int
    due_date: date | None = None
    closing_date: date | None = None
    minimum_payment: Money | None = None
    allows_installments: bool | None = None
    payments: tuple[BillPaymentView, ...] = ()
    finance_charges: tuple[FinanceChargeView, ...] = ()

    @property
    def bill_id(self) -> str | None:
        return self.key if self.kind is BillKind.CLOSED else None


@dataclass(frozen=True, slots=True)
class BillTransactionView:
    transaction_id: int
    pluggy_id: str
    day: date
    description: str
    category_name: str
    amount: Money  # signed as stored: a purchase is negative, a payment or a refund positive
    installment: str = ""  # "3/10"
    pending: bool = False


@dataclass(frozen=True, slots=True)
class BillStatement:
    """A bill with its transactions, and what they add up to beside what the bank says the bill is."""

    bill: BillView
    transactions: tuple[BillTransactionView, ...]
    transactions_total: Money  # in the bill's sign: purchases add to it, payments and refunds take from it
    unconverted: int = 0  # rows in another currency with no amount in the card's currency: not in the total

    @property
    def difference(self) -> Money:
        """Bill total minus the rows' total: a previous balance, interest or fees not listed as rows, for example."""
        return self.bill.total - self.transactions_total


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    pluggy_id: str
    day: date
    description: str
    amount: Decimal
    currency: str
    in_card_currency: Decimal | None
    bill_id: str | None
    category: str  # the effective category's name; Pluggy's own text when the categories were not synced
    installment_number: int | None
    total_installments: int | None
    status: str


def card_label(name: str, digits: str) -> str:
    """How a card is named on screen: "Cartão Black •••• 4321" (the name alone when the bank sends no number)."""
    return name + (f" •••• {digits}" if digits else "")


def last_digits(number: str | None) -> str:
    """The card number's last four digits ("**** 6655" -> "6655")."""
    digits = "".join(ch for ch in number or "" if ch.isdigit())
    return digits[-4:]


def bill_status(total: Money, paid: Money, due: date | None, today: date) -> BillStatus:
    if total.amount <= 0:
        return BillStatus.NOTHING_DUE
    if paid.amount >= total.amount:
        return BillStatus.PAID
    if due is None or today <= due:
        return BillStatus.OPEN
    return BillStatus.PARTIALLY_PAID if paid.amount > 0 else BillStatus.OVERDUE


def _day(value: Any) -> date | None:
    return value.date() if value is not None else None


def _closing(bill: Any) -> date:
    """When a stored bill closed (its due date when the bank does not say)."""
    moment: datetime = bill.closing_date if bill.closing_date is not None else bill.due_date
    return moment.date()


class CardBillsService:
    def __init__(self, store: Store, language: str = "pt_BR", today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.language = language
        self.today = today

    # ------------------------------------------------------------------ cards
    def cards(self) -> list[CardView]:
        """Every credit card still present at the bank, by bank then name."""
        stmt = rows_still_at_the_bank(accounts, "institution").where(accounts.c.type == "CREDIT")
        with self.store.read() as conn:
            rows = list(conn.execute(stmt))

        def money(value: Decimal | None, currency: str) -> Money | None:
            return Money(value, currency) if value is not None else None

        views = [
            CardView(
                account_id=r.id,
                item_id=r.item_id,
                name=r.marketing_name or r.name,
                institution=r.institution or "",
                last_digits=last_digits(r.number),
                brand=r.credit_brand or "",
                balance=Money(r.balance, r.currency_code),
                credit_limit=money(r.credit_limit, r.currency_code),
                available_credit=money(r.available_credit_limit, r.currency_code),
                next_closing_date=_day(r.balance_close_date),
                next_due_date=_day(r.balance_due_date),
            )
            for r in rows
        ]
        return sorted(views, key=lambda v: (v.institution.casefold(), v.name.casefold(), v.last_digits))

    def card(self, account_id: str) -> CardView:
        for view in self.cards():
            if view.account_id == account_id:
                return view
        raise InvalidInputError(f"there is no credit card {account_id}")

    # ------------------------------------------------------------------ bills
    def bills(self, account_id: str) -> list[BillView]:
        """The card's current bill and future installments (when it has such rows), then its bills newest first,
        then the rows without a bill (when there are any)."""
        card = self.card(account_id)
        today = self.today()
        with self.store.read() as conn:
            stored = list(
                conn.execute(
                    select(bills)
                    .where(bills.c.account_id == account_id, bills.c.removed_at.is_(None))
                    .order_by(bills.c.due_date.desc(), bills.c.id)
                )
            )
            ids = [b.id for b in stored]
            payments = list(
                conn.execute(
                    select(bill_payments)
                    .where(bill_payments.c.bill_id.in_(ids))
                    .order_by(bill_payments.c.payment_date, bill_payments.c.id)
                )
            )
            charges = list(
                conn.execute(
                    select(bill_finance_charges)
                    .where(bill_finance_charges.c.bill_id.in_(ids))
                    .order_by(bill_finance_charges.c.id)
                )
            )
            rows = self._rows(conn, account_id)
        currency = card.balance.currency
        counts: dict[str | None, int] = {}
        for row in rows:
            counts[row.bill_id] = counts.get(row.bill_id, 0) + 1
        closed = [self._closed_bill(b, payments, charges, counts.get(b.id, 0), today) for b in stored]
        known = set(ids)
        last_closing = max((_closing(b) for b in stored), default=None)
        groups = self._groups(card, last_closing, [r for r in rows if r.bill_id not in known], today, currency)
        current = [g for g in groups if g.kind in (BillKind.CURRENT, BillKind.FUTURE)]
        unassigned = [g for g in groups if g.kind is BillKind.UNASSIGNED]
        return sorted(current, key=lambda g: g.kind is BillKind.CURRENT, reverse=True) + closed + unassigned

    def _closed_bill(
        self, b: Any, payments: Iterable[Any], charges: Iterable[Any], count: int, today: date
    ) -> BillView:
        pays = tuple(
            BillPaymentView(
                payment_id=p.id,
                day=p.payment_date.date(),
                amount=Money(p.amount, p.currency_code),
                value_type=p.value_type,
                payment_mode=p.payment_mode or "",
            )
            for p in payments
            if p.bill_id == b.id
        )
        fees = tuple(
            FinanceChargeView(
                charge_id=c.id,
                charge_type=c.type,
                amount=Money(c.amount, c.currency_code),
                additional_info=c.additional_info or "",
            )
            for c in charges
            if c.bill_id == b.id
        )
        total = Money(b.total_amount, b.currency_code)
        paid = Money(sum((p.amount.amount for p in pays if p.amount.currency == total.currency), Decimal(0)),
                     total.currency)  # fmt: skip
        due = b.due_date.date()
        return BillView(
            key=b.id,
            account_id=b.account_id,
            kind=BillKind.CLOSED,
            total=total,
            status=bill_status(total, paid, due, today),
            paid=paid,
            transaction_count=count,
            due_date=due,
            closing_date=_day(b.closing_date),
            minimum_payment=Money(b.minimum_payment_amount, b.currency_code)
            if b.minimum_payment_amount is not None
            else None,
            allows_installments=b.allows_installments,
            payments=pays,
            finance_charges=fees,
        )

    def _groups(
        self, card: CardView, last_closing: date | None, rows: Sequence[_Row], today: date, currency: str
    ) -> list[BillView]:
        """The rows without a (stored) bill, as pseudo-bills: current, future installments, without a bill."""
        buckets: dict[BillKind, list[_Row]] = {}
        for row in rows:
            buckets.setdefault(self._kind(card, last_closing, row.day, today), []).append(row)
        views = []
        for kind, members in buckets.items():
            total, _ = _owed(members, currency)
            current = kind is BillKind.CURRENT
            due = card.next_due_date if current else None
            views.append(
                BillView(
                    key=f"{kind.value}:{card.account_id}",
                    account_id=card.account_id,
                    kind=kind,
                    total=total,
                    status=None if kind is BillKind.UNASSIGNED else BillStatus.OPEN,
                    paid=Money(Decimal(0), currency),
                    transaction_count=len(members),
                    due_date=due,
                    closing_date=self._next_closing(card, today) if current else None,
                )
            )
        return views

    def _next_closing(self, card: CardView, today: date) -> date | None:
        """The card's next closing date as the bank reports it, when it is not already past."""
        closing = card.next_closing_date
        return closing if closing is not None and closing >= today else None

    def _kind(self, card: CardView, last_closing: date | None, day: date, today: date) -> BillKind:
        """Where a row without a (stored) bill goes. With no closed bill at all, the current bill is taken to cover
        the month up to the next closing date: a card's billing cycle, not the card's whole history."""
        cutoff = self._next_closing(card, today) or today
        start = last_closing if last_closing is not None else shift_months(cutoff, -1)
        if day <= start:
            return BillKind.UNASSIGNED
        return BillKind.FUTURE if day > cutoff else BillKind.CURRENT

    # ------------------------------------------------------------------ one bill's transactions
    def statement(self, bill: BillView) -> BillStatement:
        """The bill's transactions, oldest first as on a printed bill, and what they add up to."""
        card = self.card(bill.account_id)
        today = self.today()
        with self.store.read() as conn:
            rows = self._rows(conn, bill.account_id, bill.bill_id)
            stored = {
                r.id: _closing(r)
                for r in conn.execute(
                    select(bills.c.id, bills.c.closing_date, bills.c.due_date).where(
                        bills.c.account_id == bill.account_id, bills.c.removed_at.is_(None)
                    )
                )
            }
        if bill.kind is BillKind.CLOSED:
            if bill.key not in stored:
                raise InvalidInputError(f"the bill {bill.key} is no longer stored")
            members = [r for r in rows if r.bill_id == bill.key]
        else:
            last_closing = max(stored.values(), default=None)
            members = [
                r for r in rows if r.bill_id not in stored and self._kind(card, last_closing, r.day, today) is bill.kind
            ]
        total, unconverted = _owed(members, bill.total.currency)
        views = tuple(
            BillTransactionView(
                transaction_id=r.id,
                pluggy_id=r.pluggy_id,
                day=r.day,
                description=r.description,
                category_name=r.category,
                amount=Money(r.amount, r.currency),
                installment=installment_label(r.installment_number, r.total_installments),
                pending=r.status == "PENDING",
            )
            for r in members
        )
        return BillStatement(bill=bill, transactions=views, transactions_total=total, unconverted=unconverted)

    def _rows(self, conn: Any, account_id: str, bill_id: str | None = None) -> list[_Row]:
        """The card's visible rows, oldest first; only one bill's when ``bill_id`` is given."""
        t = transactions.c
        category = effective_category(t.category_id, transaction_edits.c)
        stmt = (
            select(
                t.id,
                t.pluggy_id,
                t.date,
                t.description,
                t.amount,
                t.currency_code,
                t.amount_in_account_currency,
                t.card_bill_id,
                t.card_installment_number,
                t.card_total_installments,
                t.status,
                t.category_id,
                t.category,
                category.label("effective_category"),
                categories.c.name_pt,
                categories.c.name_en,
            )
            .select_from(
                transactions.outerjoin(transaction_edits, transaction_edits.c.transaction_id == t.id).outerjoin(
                    categories, categories.c.id == category
                )
            )
            .where(t.account_id == account_id, t.removed_at.is_(None))
            .where(*([t.card_bill_id == bill_id] if bill_id is not None else []))
            .order_by(t.date, t.id)
        )
        return [
            _Row(
                id=r.id,
                pluggy_id=r.pluggy_id,
                day=r.date.date(),
                description=r.description,
                amount=r.amount,
                currency=r.currency_code,
                in_card_currency=r.amount_in_account_currency,
                bill_id=r.card_bill_id,
                category=localized(r.name_pt, r.name_en, self.language)
                or (r.category or "" if r.effective_category == r.category_id else ""),
                installment_number=r.card_installment_number,
                total_installments=r.card_total_installments,
                status=r.status,
            )
            for r in conn.execute(stmt)
        ]


def _owed(rows: Iterable[_Row], currency: str) -> tuple[Money, int]:
    """What rows add up to on a bill (purchases positive), in the card's currency; and how many could not count."""
    total = Decimal(0)
    unconverted = 0
    for row in rows:
        if row.currency == currency:
            total -= row.amount
        elif row.in_card_currency is not None:
            total -= row.in_card_currency
        else:
            unconverted += 1
    return Money(total, currency), unconverted
