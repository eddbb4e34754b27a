"""Upcoming due dates (vencimentos): card bills, loan installments and scheduled PIX payments, from the local store.

What counts as due, and from where:

- **Card bills** (``CardBillsService``): a closed bill that is open (not due yet) or overdue with nothing paid; a bill
  past its due date with part of it paid is still listed (what is left) unless at least the minimum was paid, in
  which case the bank carries the rest to the next bill (rotativo) and there is nothing more due on this one. The
  card's current bill (rows with no closed bill yet, due on the card's next due date) is listed with what its rows
  add up to so far, flagged as an estimate, unless a closed bill already falls due that day. Paid bills and bills
  with nothing to pay are not listed.
- **Loan installments** (``LoansService.schedule``): every installment (and balloon payment) the bank has not
  counted as paid. Their amounts are estimates when the bank does not send them (``amount_estimated``).
- **Scheduled PIX payments** (``scheduled_payments``, status ``SCHEDULED``) on a day not yet past, with the
  payment request's amount. One whose day passed while still ``SCHEDULED`` is the bank's to run or fail, not the
  user's to pay, so it is not listed as overdue. Payment requests themselves carry no due date and are not listed.

Overdue entries come first (oldest first), then the rest by date. Read-only and offline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.store import Store
from financehub_desktop.store.schema import payment_requests, scheduled_payments

from .card_bills import BillKind, BillStatus, BillView, CardBillsService, CardView, bill_status, card_label
from .loans import EntryKind, InstallmentStatus, LoansService, LoanView

DEFAULT_WINDOW_DAYS = 30
DEFAULT_OVERDUE_DAYS: int | None = None  # every unpaid overdue obligation, however old
MAX_WINDOW_DAYS = 366


class DueKind(StrEnum):
    CARD_BILL = "card_bill"  # a closed bill of a credit card
    CURRENT_BILL = "current_bill"  # the card's bill that has not closed yet: its amount so far
    LOAN_INSTALLMENT = "loan_installment"
    LOAN_BALLOON = "loan_balloon"  # a non-regular installment with its own date and amount
    SCHEDULED_PIX = "scheduled_pix"


class DueStatus(StrEnum):
    OVERDUE = "overdue"  # vencida
    DUE_TODAY = "due_today"  # vence hoje
    UPCOMING = "upcoming"  # a vencer


@dataclass(frozen=True, slots=True)
class DueEntry:
    """One obligation. ``subject`` names what it belongs to (the card "Cartão Black •••• 4321", the loan's product
    name, the PIX description); the UI words it per ``kind`` ("Fatura ...", "Parcela 12/24 · ...")."""

    key: str  # stable across syncs: "bill:<id>", "current:<card>:<due>", "loan:<id>:<n>", "pix:<id>"
    kind: DueKind
    due_date: date
    subject: str
    amount: Money | None
    amount_estimated: bool
    status: DueStatus
    days_left: int  # negative when overdue
    owner_id: str  # the card's account id, the loan's id or the scheduled payment's id
    bill_key: str = ""  # for bills: the ``BillView.key`` on the card bills page
    number: int | None = None  # for installments: 12 in "12/24"
    total: int | None = None  # for installments: 24 in "12/24"

    @property
    def page(self) -> str:
        """The sidebar page that holds it."""
        if self.kind in (DueKind.CARD_BILL, DueKind.CURRENT_BILL):
            return "bills"
        if self.kind in (DueKind.LOAN_INSTALLMENT, DueKind.LOAN_BALLOON):
            return "loans"
        return "pix"


def due_status(due: date, today: date) -> DueStatus:
    if due < today:
        return DueStatus.OVERDUE
    return DueStatus.DUE_TODAY if due == today else DueStatus.UPCOMING


def card_subject(card: CardView) -> str:
    return card_label(card.name, card.last_digits)


def _owes(bill: BillView, closed_due: set[date | None], today: date) -> bool:
    """Whether the bill is still to be paid (see the module's docstring)."""
    if bill.due_date is None:
        return False
    if bill.kind is BillKind.CURRENT:  # not closed yet: listed until its day, unless a closed bill has that day
        return bill.total.amount > 0 and bill.due_date >= today and bill.due_date not in closed_due
    if bill.kind is not BillKind.CLOSED:
        return False
    status = bill_status(bill.total, bill.paid, bill.due_date, today)
    if status in (BillStatus.PAID, BillStatus.NOTHING_DUE):
        return False
    minimum = bill.minimum_payment
    # at least the minimum paid: the rest is carried to the next bill (rotativo)
    return not (status is BillStatus.PARTIALLY_PAID and minimum is not None and bill.paid.amount >= minimum.amount)


def _order(entry: DueEntry) -> tuple[bool, date, str, int]:
    return (entry.status is not DueStatus.OVERDUE, entry.due_date, entry.subject.casefold(), entry.number or 0)


class DueDatesService:
    def __init__(
        self,
        store: Store,
        card_bills: CardBillsService,
        loans: LoansService,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.card_bills = card_bills
        self.loans = loans
        self.today = today

    def upcoming(
        self,
        window_days: int = DEFAULT_WINDOW_DAYS,
        *,
        today: date | None = None,
        overdue_days: int | None = DEFAULT_OVERDUE_DAYS,
    ) -> list[DueEntry]:
        """What falls due from ``today`` to ``today + window_days`` (inclusive), and what is overdue and unpaid
        (due at most ``overdue_days`` ago; ``None`` for no limit). Overdue first, then by date."""
        if not 0 <= window_days <= MAX_WINDOW_DAYS:
            raise InvalidInputError(f"the window must be between 0 and {MAX_WINDOW_DAYS} days")
        if overdue_days is not None and overdue_days < 0:
            raise InvalidInputError("overdue_days must not be negative")
        today = today or self.today()
        last = today + timedelta(days=window_days)
        first = today - timedelta(days=overdue_days) if overdue_days is not None else date.min
        entries = [
            *self._bills(today),
            *self._installments(today),
            *self._scheduled_pix(today),
        ]
        kept = [e for e in entries if first <= e.due_date <= last]
        return sorted(kept, key=_order)

    # ------------------------------------------------------------------ card bills
    def _bills(self, today: date) -> Iterable[DueEntry]:
        # the same service, on the day asked for: which rows are on the current bill depends on it
        service = CardBillsService(self.card_bills.store, self.card_bills.language, today=lambda: today)
        for card in service.cards():
            bills = service.bills(card.account_id)
            closed_due = {b.due_date for b in bills if b.kind is BillKind.CLOSED}
            for bill in bills:
                entry = self._bill_entry(card, bill, closed_due, today)
                if entry is not None:
                    yield entry

    def _bill_entry(self, card: CardView, bill: BillView, closed_due: set[date | None], today: date) -> DueEntry | None:
        due = bill.due_date
        if due is None or not _owes(bill, closed_due, today):
            return None
        current = bill.kind is BillKind.CURRENT
        amount = (
            bill.total if current else Money(max(bill.total.amount - bill.paid.amount, Decimal(0)), bill.total.currency)
        )
        return DueEntry(
            key=f"current:{card.account_id}:{due.isoformat()}" if current else f"bill:{bill.key}",
            kind=DueKind.CURRENT_BILL if current else DueKind.CARD_BILL,
            due_date=due,
            subject=card_subject(card),
            amount=amount,
            amount_estimated=current,
            status=due_status(due, today),
            days_left=(due - today).days,
            owner_id=card.account_id,
            bill_key=bill.key,
        )

    # ------------------------------------------------------------------ loans
    def _installments(self, today: date) -> Iterable[DueEntry]:
        for loan in self.loans.loans(today):
            yield from self._loan_entries(loan, today)

    def _loan_entries(self, loan: LoanView, today: date) -> Iterable[DueEntry]:
        for item in self.loans.schedule(loan.loan_id, today):
            if item.status is InstallmentStatus.PAID or item.due_date is None or item.kind is EntryKind.EXTRA:
                continue
            due = item.due_date
            balloon = item.kind is EntryKind.BALLOON
            yield DueEntry(
                key=f"loan:{loan.loan_id}:" + (f"balloon:{due.isoformat()}" if balloon else str(item.number)),
                kind=DueKind.LOAN_BALLOON if balloon else DueKind.LOAN_INSTALLMENT,
                due_date=due,
                subject=loan.product_name,
                amount=item.amount,
                amount_estimated=item.amount_estimated,
                status=due_status(due, today),
                days_left=(due - today).days,
                owner_id=loan.loan_id,
                number=None if balloon else item.number,
                total=None if balloon else loan.total_installments,
            )

    # ------------------------------------------------------------------ scheduled PIX
    def _scheduled_pix(self, today: date) -> Iterable[DueEntry]:
        s, p = scheduled_payments.c, payment_requests.c
        stmt = (
            select(s.id, s.scheduled_date, s.description, p.amount, p.description.label("request_description"))
            .select_from(scheduled_payments.outerjoin(payment_requests, p.id == s.payment_request_id))
            .where(s.status == "SCHEDULED", s.removed_at.is_(None), s.scheduled_date >= today)
        )
        with self.store.read() as conn:
            rows = list(conn.execute(stmt))
        for r in rows:
            due: date = r.scheduled_date
            yield DueEntry(
                key=f"pix:{r.id}", kind=DueKind.SCHEDULED_PIX, due_date=due,
                subject=r.description or r.request_description or "",
                amount=Money(r.amount, "BRL") if r.amount is not None else None, amount_estimated=False,
                status=due_status(due, today), days_left=(due - today).days, owner_id=r.id,
            )  # fmt: skip
