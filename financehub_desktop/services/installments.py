"""Card purchases in installments (compras parceladas): the card's installment rows grouped into purchases, each
purchase's installments posted and still to come, and what future installments commit month by month.

Pluggy lists one transaction per installment ("MAGAZINE LUIZA 3/10"): those already on a bill and, for some banks,
the ones announced for later bills. The grouping rule, on the card's visible rows (removed rows never count) that carry
an installment number ``k`` and a count ``n > 1``:

- rows go together when they share the **card**, the **installment count** ``n``, the **purchase total** (when the
  bank sends it), the **purchase date** (``creditCardMetadata.purchaseDate``; when the bank does not send it, the month
  of the first installment implied by the row: its date minus ``k - 1`` months) and the **description** normalised:
  the "3/10", "03/10", "PARC 3/10" or "3 DE 10" suffix dropped, refund words ("ESTORNO", "CANCELAMENTO") dropped,
  case and spaces ignored;
- in such a group, charges (money out) are the installments; credits (money in) are refunds of the purchase. When the
  same number appears twice among the charges, the group holds as many identical purchases (two equal purchases the
  same day at the same shop) and the rows are dealt out in date order;
- a group with no charge at all (a refund whose purchase is not stored) is not a purchase and is left out.

A row dated on the purchase date with a number above 1 comes from a bank that dates every installment by the
purchase: it counts in the month of its number (the purchase date plus ``k - 1`` months).

Installments without a row are **projected**: in the month of the nearest known installment shifted by the difference
in numbers, on the latest day of the month among the rows and the purchase date (the month's last day when shorter);
their amount is what the purchase total leaves after the rows, split evenly (the cents that do not divide go to the
last one); without a total, or when the bank's total is not what its installments add up to (a principal, with the
installments carrying interest), a regular row's amount, and the installments are added up (an estimate when some
are projected). An installment counts as
posted when its date is today or earlier, whether it is a row or predates the synced history. A purchase whose refunds
give back all that was charged up to the last refund is cancelled: nothing more is expected of it (banks remove the
announced installments of a cancelled purchase).

Limits: two different purchases on the same card, day, shop, total and count are indistinguishable from one
purchase with duplicated rows (they are then shown as two purchases); a bank that renames the shop between
installments splits the purchase; rows in another currency without the amount in the card's currency are left out.
Amounts are positive (what the purchase costs), in the card's currency. Read-only and offline.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

from sqlalchemy import select

from financehub_desktop.domain.dates import shift_months
from financehub_desktop.store import Store
from financehub_desktop.store.schema import accounts, items, transactions

from .card_bills import card_label, last_digits

COMMITMENT_MONTHS = 12
CENT = Decimal("0.01")
_SUFFIX = re.compile(r"[\s\-–]*(?:PARC(?:ELA)?\.?\s*)?\(?\d{1,3}\s*(?:/|DE)\s*\d{1,3}\)?\s*$", re.IGNORECASE)
_REFUND_WORDS = re.compile(r"^\s*(?:ESTORNO|EST\.|CANCELAMENTO|CANC\.?|DEVOLUCAO|DEVOLUÇÃO)\b[\s\-:*]*", re.IGNORECASE)


def strip_installment_suffix(description: str) -> str:
    """The description without its installment marker: "MAGAZINE LUIZA 03/10" -> "MAGAZINE LUIZA"."""
    return _SUFFIX.sub("", description).strip() or description.strip()


def purchase_name(description: str) -> str:
    """The grouping form of a description: no installment marker, no refund word, case and spaces ignored."""
    bare = _REFUND_WORDS.sub("", strip_installment_suffix(description))
    return " ".join(bare.split()).casefold()


def month_of(day: date) -> date:
    return date(day.year, day.month, 1)


def split_evenly(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` installments of whole cents; the cents that do not divide go to the last one."""
    if parts <= 0:
        return []
    base = (amount / parts).quantize(CENT, rounding=ROUND_DOWN)
    return [base] * (parts - 1) + [amount - base * (parts - 1)]


@dataclass(frozen=True, slots=True)
class InstallmentCard:
    account_id: str
    name: str
    last_digits: str
    currency: str


@dataclass(frozen=True, slots=True)
class InstallmentView:
    number: int  # 1..n
    day: date  # the row's date; for a projected installment, the expected date
    amount: Decimal  # positive: what this installment costs
    projected: bool  # not a row in the store: date and amount inferred
    posted: bool  # dated today or earlier (for a cancelled purchase: up to its last refund)
    transaction_id: int | None = None
    description: str = ""  # the row's own text ("MAGAZINE LUIZA 3/10"); "" when projected
    pending: bool = False

    @property
    def month(self) -> date:
        return month_of(self.day)


@dataclass(frozen=True, slots=True)
class RefundView:
    transaction_id: int
    day: date
    description: str
    amount: Decimal  # positive: what came back


@dataclass(frozen=True, slots=True)
class PurchaseView:
    key: str  # stable while the rows do not change: the card, the purchase, and which of identical purchases
    account_id: str
    card_name: str
    description: str  # without the "3/10"
    purchase_date: date | None  # as the bank says; None when it does not
    first_installment_date: date  # the first installment's (possibly projected) date
    total_installments: int
    installment_amount: Decimal  # a regular one: the next-to-last (banks put the odd cents on the first or last)
    total: Decimal
    total_estimated: bool  # the installments added up, some of them projected: the bank's total was missing or off
    currency: str
    installments: tuple[InstallmentView, ...]
    refunds: tuple[RefundView, ...] = ()
    cancelled: bool = False

    @property
    def posted_count(self) -> int:
        return sum(1 for i in self.installments if i.posted)

    @property
    def in_store_count(self) -> int:
        return sum(1 for i in self.installments if not i.projected)

    @property
    def remaining(self) -> tuple[InstallmentView, ...]:
        """The installments still to come (none once the purchase is cancelled)."""
        return () if self.cancelled else tuple(i for i in self.installments if not i.posted)

    @property
    def remaining_amount(self) -> Decimal:
        return sum((i.amount for i in self.remaining), Decimal(0))

    @property
    def refunded(self) -> Decimal:
        return sum((r.amount for r in self.refunds), Decimal(0))

    @property
    def next_month(self) -> date | None:
        left = self.remaining
        return left[0].month if left else None

    @property
    def last_month(self) -> date:
        return self.installments[-1].month

    @property
    def finished(self) -> bool:
        return not self.remaining


@dataclass(frozen=True, slots=True)
class CommitmentMonth:
    month: date  # the first day of the month
    amount: Decimal  # future installments dated in that month (after today)
    installments: int
    currency: str = "BRL"


@dataclass(frozen=True, slots=True)
class InstallmentRow:
    """One stored installment row of a card, as the grouping needs it."""

    id: int
    day: date
    description: str
    amount: Decimal  # signed, in the card's currency
    number: int
    count: int
    total: Decimal | None
    purchase_date: date | None
    pending: bool


def _group_key(row: InstallmentRow) -> tuple[object, ...]:
    start = row.purchase_date or month_of(shift_months(row.day, 1 - row.number))
    total = abs(row.total) if row.total is not None else None
    return (purchase_name(row.description), row.count, total, start)


class InstallmentsService:
    def __init__(self, store: Store, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today

    # ------------------------------------------------------------------ cards
    def cards(self) -> list[InstallmentCard]:
        a, i = accounts.c, items.c
        stmt = (
            select(a.id, a.name, a.marketing_name, a.number, a.currency_code)
            .select_from(accounts.join(items, i.id == a.item_id))
            .where(a.type == "CREDIT", a.removed_at.is_(None), i.removed_at.is_(None))
        )
        with self.store.read() as conn:
            rows = list(conn.execute(stmt))
        cards = [
            InstallmentCard(r.id, r.marketing_name or r.name, last_digits(r.number), r.currency_code) for r in rows
        ]
        return sorted(cards, key=lambda c: (c.name.casefold(), c.last_digits, c.account_id))

    # ------------------------------------------------------------------ purchases
    def purchases(self, account_id: str | None = None) -> list[PurchaseView]:
        """The purchases in installments of one card (every card when ``account_id`` is None): those with
        installments still to come first, by next month; then the finished ones, newest first."""
        cards = {c.account_id: c for c in self.cards()}
        if account_id is not None:
            cards = {k: v for k, v in cards.items() if k == account_id}
        today = self.today()
        with self.store.read() as conn:
            rows = {card: self._rows(conn, card, view.currency) for card, view in cards.items()}
        views = [
            view
            for card, members in rows.items()
            for view in group_purchases(cards[card], members, today)
        ]  # fmt: skip
        active = sorted(
            (v for v in views if not v.finished), key=lambda v: (v.next_month or date.max, v.description.casefold())
        )
        done = sorted((v for v in views if v.finished), key=lambda v: v.first_installment_date, reverse=True)
        return active + done

    def commitment(self, account_id: str | None = None, months: int = COMMITMENT_MONTHS) -> list[CommitmentMonth]:
        """What future installments (dated after today) add up to in each of the next ``months`` months, the current
        month first ("comprometido com parcelas"); every card's when ``account_id`` is None. Months with nothing
        are listed with zero."""
        today = self.today()
        start = month_of(today)
        slots = [month_of(shift_months(start, k)) for k in range(months)]
        sums = {m: Decimal(0) for m in slots}
        counts = {m: 0 for m in slots}
        currencies = {c.account_id: c.currency for c in self.cards()}
        currency = currencies.get(account_id or "", next(iter(currencies.values()), "BRL"))
        for purchase in self.purchases(account_id):
            if purchase.currency != currency:
                continue
            for installment in purchase.remaining:
                if installment.month in sums:
                    sums[installment.month] += installment.amount
                    counts[installment.month] += 1
        return [CommitmentMonth(m, sums[m], counts[m], currency) for m in slots]

    # ------------------------------------------------------------------ building
    def _rows(self, conn: Any, account_id: str, currency: str) -> list[InstallmentRow]:
        t = transactions.c
        stmt = (
            select(
                t.id,
                t.date,
                t.description,
                t.amount,
                t.currency_code,
                t.amount_in_account_currency,
                t.card_installment_number,
                t.card_total_installments,
                t.card_total_amount,
                t.card_purchase_date,
                t.status,
            )
            .where(t.account_id == account_id, t.removed_at.is_(None))
            .where(t.card_total_installments > 1, t.card_installment_number >= 1)
            .order_by(t.date, t.id)
        )
        out = []
        for r in conn.execute(stmt):
            day, bought = r.date.date(), r.card_purchase_date.date() if r.card_purchase_date is not None else None
            if bought is not None and day == bought and r.card_installment_number > 1:
                day = shift_months(bought, r.card_installment_number - 1)  # a bank that dates each one by the purchase
            amount = r.amount if r.currency_code == currency else r.amount_in_account_currency
            if amount is None or amount == 0 or r.card_installment_number > r.card_total_installments:
                continue
            out.append(
                InstallmentRow(
                    id=r.id,
                    day=day,
                    description=r.description,
                    amount=amount,
                    number=r.card_installment_number,
                    count=r.card_total_installments,
                    total=r.card_total_amount if r.currency_code == currency else None,
                    purchase_date=bought,
                    pending=r.status == "PENDING",
                )
            )
        return out


def group_purchases(card: InstallmentCard, rows: Iterable[InstallmentRow], today: date) -> list[PurchaseView]:
    """A card's installment rows as purchases (the rule in the module's docstring)."""
    groups: dict[tuple[object, ...], list[InstallmentRow]] = {}
    for row in rows:
        groups.setdefault(_group_key(row), []).append(row)
    views = []
    for key, members in groups.items():
        charges = [r for r in members if r.amount < 0]
        refunds = [r for r in members if r.amount > 0]
        if not charges:
            continue
        # identical purchases: the k-th row of each number belongs to the k-th purchase
        copies: list[list[InstallmentRow]] = []
        seen: dict[int, int] = {}
        for row in charges:
            index = seen.get(row.number, 0)
            seen[row.number] = index + 1
            if index == len(copies):
                copies.append([])
            copies[index].append(row)
        for index, own in enumerate(copies):
            own_refunds = refunds if index == 0 else []
            views.append(_purchase(card, key, index, own, refunds=own_refunds, today=today))
    return views


def _purchase(
    card: InstallmentCard,
    key: tuple[object, ...],
    index: int,
    rows: list[InstallmentRow],
    *,
    refunds: list[InstallmentRow],
    today: date,
) -> PurchaseView:
    count = rows[0].count
    by_number = {r.number: r for r in rows}
    known = sum((-r.amount for r in rows), Decimal(0))
    missing = [k for k in range(1, count + 1) if k not in by_number]
    stated = next((abs(r.total) for r in rows if r.total is not None), None)
    latest = max(rows, key=lambda r: (r.day, r.number))
    bought = rows[0].purchase_date
    day_of_month = max([r.day.day for r in rows] + ([bought.day] if bought else []))  # 28/02 may stand for the 31st
    middle = [r for r in rows if 1 < r.number < count]  # the odd cents fall on the first or the last installment
    typical = -max(middle, key=lambda r: (r.day, r.number)).amount if middle else min(-r.amount for r in rows)
    amounts = {k: typical for k in missing}
    # The bank's total must be the installments' sum (not a principal with interest on top), give or take the odd
    # cents: an installment differs from the even share by fewer than ``count`` cents (split_evenly), so the missing
    # ones' average may differ from a known one by that much, whichever installment carries the odd cents.
    if stated is not None:
        share = (stated - known) / len(missing) if missing else typical
        off = abs(share - typical) if missing else abs(stated - known)
        if off > CENT * count:
            stated = None  # a principal, installments with interest...: the rows are what is due
    if stated is not None and missing:
        amounts = dict(zip(missing, split_evenly(stated - known, len(missing)), strict=True))
    installments = []
    for k in range(1, count + 1):
        row = by_number.get(k)
        if row is not None:
            installments.append(
                InstallmentView(k, row.day, -row.amount, False, row.day <= today, row.id, row.description,
                                row.pending)
            )  # fmt: skip
        else:
            anchor = min(rows, key=lambda r: (abs(r.number - k), -r.number))
            moved = shift_months(anchor.day, k - anchor.number)
            day = moved.replace(day=min(day_of_month, calendar.monthrange(moved.year, moved.month)[1]))
            installments.append(InstallmentView(k, day, amounts[k], True, day <= today))
    total = stated if stated is not None else sum((i.amount for i in installments), Decimal(0))
    back = sum((r.amount for r in refunds), Decimal(0))
    until = max((r.day for r in refunds), default=today)
    charged = sum((i.amount for i in installments if i.day <= until), Decimal(0))
    cancelled = bool(refunds) and back >= charged
    if cancelled:  # what was dated after the refund was never charged
        installments = [replace(i, posted=i.day <= until) for i in installments]
    regular = installments[0].amount if count == 1 else installments[-2].amount
    return PurchaseView(
        key=f"{card.account_id}|{key[0]}|{key[1]}|{key[2]}|{key[3]}|{index}",
        account_id=card.account_id,
        card_name=card_label(card.name, card.last_digits),
        description=strip_installment_suffix(latest.description),
        purchase_date=rows[0].purchase_date,
        first_installment_date=installments[0].day,
        total_installments=count,
        installment_amount=regular,
        total=total,
        total_estimated=stated is None and bool(missing),
        currency=card.currency,
        installments=tuple(installments),
        refunds=tuple(RefundView(r.id, r.day, r.description, r.amount) for r in refunds),
        cancelled=cancelled,
    )
