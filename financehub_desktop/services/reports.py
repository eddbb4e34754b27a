"""Reports for the dashboard: monthly cash flow, spending by category, and net-worth history.

They read the transaction ``type`` (DEBIT = money out of a bank account / a card purchase; CREDIT = money in / a
card refund or payment) rather than the amount's sign, so they do not depend on how a bank signs card amounts.
A card bill paid from checking is counted once, as the card purchases it pays for: the payment itself (operation
type ``PAGAMENTO_FATURA``, or Pluggy's credit-card-payment category) is neither spending nor income. A transfer
between the user's own accounts (checking to savings, a PIX to their account at another bank; detected by
``services.transfers``, rules in ``docs/transfers.md``) is neither either: cash flow and spending by category leave it
out, net worth is unaffected. Ignored and removed transactions never count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import or_, select

from financehub_desktop.store import Store
from financehub_desktop.store.schema import accounts, transactions
from financehub_desktop.store.schema_local import transaction_edits
from financehub_desktop.store.search import effective_category

from .read_models import MonthCashFlow
from .transfers import detect_in_store

BILL_PAYMENT_OPERATIONS = ("PAGAMENTO_FATURA",)
#: Pluggy's category for paying a card bill ("Credit card payment").
BILL_PAYMENT_CATEGORIES = ("05100000",)


def month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class _Movement:
    day: date
    account_type: str
    kind: str  # DEBIT | CREDIT
    amount: Decimal  # absolute value
    category_id: str | None
    bill_payment: bool
    own_transfer: bool = False

    @property
    def excluded(self) -> bool:
        """Neither spending nor income: a card bill payment or a transfer between the user's own accounts."""
        return self.bill_payment or self.own_transfer


class ReportsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _movements(self, since: date | None = None, *, transfers: bool = True) -> list[_Movement]:
        t, a, e = transactions.c, accounts.c, transaction_edits.c
        category = effective_category(t.category_id, e)
        stmt = (
            select(
                t.id,
                t.date,
                t.amount,
                t.type,
                t.operation_type,
                category.label("category_id"),
                a.type.label("acc_type"),
            )
            .select_from(
                transactions.join(accounts, a.id == t.account_id).outerjoin(transaction_edits, e.transaction_id == t.id)
            )
            .where(t.removed_at.is_(None), or_(e.ignored.is_(None), e.ignored.is_(False)))
        )
        if since is not None:
            stmt = stmt.where(t.date >= datetime(since.year, since.month, since.day, tzinfo=UTC))
        out = []
        with self.store.read() as conn:
            own = detect_in_store(conn, since) if transfers else {}
            for r in conn.execute(stmt):
                kind = r.type or ("DEBIT" if r.amount < 0 else "CREDIT")
                out.append(
                    _Movement(
                        day=r.date.date(),
                        account_type=r.acc_type,
                        kind=kind,
                        amount=abs(r.amount),
                        category_id=r.category_id,
                        bill_payment=(r.operation_type in BILL_PAYMENT_OPERATIONS)
                        or (r.category_id in BILL_PAYMENT_CATEGORIES),
                        own_transfer=r.id in own,
                    )
                )
        return out

    def monthly_cash_flow(self, months: int = 12, today: date | None = None) -> list[MonthCashFlow]:
        today = today or datetime.now(UTC).date()
        first = add_months(month_start(today), -(months - 1))
        income: dict[date, Decimal] = defaultdict(Decimal)
        spending: dict[date, Decimal] = defaultdict(Decimal)
        for m in self._movements(first):
            if m.excluded:
                continue
            key = month_start(m.day)
            if m.kind == "DEBIT":
                spending[key] += m.amount
            elif m.account_type == "CREDIT":
                spending[key] -= m.amount  # a refund on the card gives spending back
            else:
                income[key] += m.amount
        return [
            MonthCashFlow(month, income[month], max(spending[month], Decimal(0)))
            for month in (add_months(first, i) for i in range(months))
        ]

    def spending_by_category(self, month: date) -> dict[str | None, Decimal]:
        start = month_start(month)
        end = add_months(start, 1)
        totals: dict[str | None, Decimal] = defaultdict(Decimal)
        for m in self._movements(start):
            if m.day >= end or m.excluded:
                continue
            if m.kind == "DEBIT":
                totals[m.category_id] += m.amount
            elif m.account_type == "CREDIT":
                totals[m.category_id] -= m.amount
        return {k: v for k, v in totals.items() if v > 0}

    def net_worth_history(self, months: int = 24, today: date | None = None) -> list[tuple[date, Decimal]]:
        """Net worth at the end of each month, rebuilt backwards from today's balances and the transactions."""
        today = today or datetime.now(UTC).date()
        a = accounts.c
        with self.store.read() as conn:
            rows = list(conn.execute(select(a.id, a.type, a.balance).where(a.removed_at.is_(None))))
        current = sum(((-abs(r.balance) if r.type == "CREDIT" else r.balance) for r in rows), Decimal(0))
        first = add_months(month_start(today), -(months - 1))
        effect_by_month: dict[date, Decimal] = defaultdict(Decimal)
        for m in self._movements(first, transfers=False):  # net worth counts every movement
            sign = Decimal(-1) if m.kind == "DEBIT" else Decimal(1)
            effect_by_month[month_start(m.day)] += sign * m.amount
        points: list[tuple[date, Decimal]] = []
        value = current
        month = month_start(today)
        for _ in range(months):
            points.append((month, value))  # value at the end of ``month`` (for this month: today)
            value -= effect_by_month[month]
            month = add_months(month, -1)
        return list(reversed(points))


__all__ = ["ReportsService", "add_months", "month_start"]
