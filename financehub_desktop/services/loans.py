"""Loans and financings with their installments, read-only from the local store.

What the store keeps of a loan (``store/records.py`` ``LoanRecord``): the contract (amount, dates, CET, periodicity,
amortization system), the bank's counts of installments (total, paid, due, past due), the outstanding balance, the
paid releases (``kind="payment"``), the balloon payments (``kind="balloon"``) and, in ``raw``, the interest rates.
Pluggy does not send the regular installments' schedule itself, so this service derives it: installment *k* falls
due ``k - 1`` periods after the first due date. An installment is paid when the bank counted it as paid; an unpaid
one whose due date has passed is past due. The amount of an unpaid installment is an estimate (the last regular
payment, or the Price table payment), flagged ``amount_estimated``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from financehub_desktop.domain.dates import shift_months
from financehub_desktop.domain.money import Money
from financehub_desktop.store import Store
from financehub_desktop.store.schema import loan_installments, loans

from .bank_rows import rows_still_at_the_bank

# Months (or days, negative) between two installments, by Pluggy's ``installmentPeriodicity``.
_PERIOD_MONTHS = {"MONTHLY": 1, "BIMONTHLY": 2, "QUARTERLY": 3, "SEMESTERLY": 6, "YEARLY": 12}
_PERIOD_DAYS = {"WEEKLY": 7, "FORTNIGHTLY": 15}
# Indexer types that mean "no index": the rate is the whole rate.
_NO_INDEXER = {"PRE_FIXADO", "SEM_TIPO_INDEXADOR"}
_HUNDRED = Decimal(100)


class InstallmentStatus(StrEnum):
    PAID = "paid"
    DUE = "due"  # not due yet ("a vencer")
    PAST_DUE = "past_due"  # due date passed and the bank had not counted it as paid


class EntryKind(StrEnum):
    INSTALLMENT = "installment"  # a regular installment of the schedule
    BALLOON = "balloon"  # a non-regular installment the contract lists with its own date and amount
    EXTRA = "extra"  # a payment outside the schedule (early repayment, "amortização extraordinária")


@dataclass(frozen=True, slots=True)
class InterestRate:
    """One of the contract's interest rates, as a percentage (``1.89`` = 1,89%)."""

    percent: Decimal
    periodicity: str | None  # MONTHLY | YEARLY | None when the bank did not say
    tax_type: str | None = None  # NOMINAL | EFFECTIVE
    indexer: str | None = None  # CDI, IPCA, TR... when the rate is a spread over an index; None when pre-fixed


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    number: int | None  # 1-based installment number; None for balloons and extra payments
    kind: EntryKind
    status: InstallmentStatus
    due_date: date | None = None
    paid_date: date | None = None
    amount: Money | None = None
    amount_estimated: bool = False


@dataclass(frozen=True, slots=True)
class LoanView:
    loan_id: str
    item_id: str
    bank: str
    product_name: str
    kind: str  # LOAN | FINANCING | INVOICE_FINANCING | UNARRANGED_ACCOUNT_OVERDRAFT
    type: str | None  # the Open Finance product subtype, e.g. CREDITO_PESSOAL_SEM_CONSIGNACAO
    contract_number: str
    currency: str
    contract_amount: Money | None
    outstanding_balance: Money | None
    cet_percent: Decimal | None  # Custo Efetivo Total, percent a year
    interest_rates: tuple[InterestRate, ...]
    periodicity: str | None
    amortization: str | None  # SAC | PRICE | SAM | WITHOUT_AMORTIZATION_SYSTEM | OTHERS
    contract_date: date | None
    first_due_date: date | None
    final_due_date: date | None
    total_installments: int | None
    paid_installments: int | None
    past_due_installments: int  # the bank's count at the last sync, or more when due dates passed since
    paid_total: Money | None  # the payments the bank listed (installments and extra), None when it listed none
    next_installment: ScheduleEntry | None  # the first unpaid one: past due when its date passed
    upcoming_installment: ScheduleEntry | None  # the first one not due yet
    data_date: date  # when the bank's data was collected

    @property
    def remaining_installments(self) -> int | None:
        if self.total_installments is None or self.paid_installments is None:
            return None
        return max(self.total_installments - self.paid_installments, 0)

    @property
    def progress(self) -> float | None:
        """Share of installments paid, 0..1 (for a progress bar; never used as money)."""
        if not self.total_installments or self.paid_installments is None:
            return None
        return min(self.paid_installments / self.total_installments, 1.0)


@dataclass(frozen=True, slots=True)
class LoansTotals:
    count: int
    outstanding: Money  # the sum of the balances the banks reported, in one currency
    without_balance: int  # loans whose bank sent no outstanding balance (not in ``outstanding``)
    past_due_installments: int
    next_installment: ScheduleEntry | None  # the soonest installment not due yet, across loans
    next_loan: str | None  # product name of the loan that installment belongs to


@dataclass(frozen=True, slots=True)
class _Release:
    kind: str
    due_date: date | None
    paid_date: date | None
    amount: Decimal | None
    currency: str | None
    over_parcel: bool


class LoansService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------ reading
    def _rows(self, loan_id: str | None = None) -> tuple[list[Any], dict[str, list[_Release]]]:
        lo = loans.c
        stmt = rows_still_at_the_bank(loans, "bank")
        children = select(loan_installments).order_by(loan_installments.c.loan_id, loan_installments.c.seq)
        if loan_id is not None:
            stmt = stmt.where(lo.id == loan_id)
            children = children.where(loan_installments.c.loan_id == loan_id)
        with self.store.read() as conn:
            rows = list(conn.execute(stmt))
            releases: dict[str, list[_Release]] = {}
            for r in conn.execute(children):
                releases.setdefault(r.loan_id, []).append(
                    _Release(r.kind, _day(r.due_date), _day(r.paid_date), r.amount, r.currency_code,
                             bool(r.is_over_parcel))
                )  # fmt: skip
        return rows, releases

    def loans(self, today: date | None = None) -> list[LoanView]:
        """Every loan still present at the bank: past due first, then by next due date, then by name."""
        today = today or date.today()
        rows, releases = self._rows()
        views = [self._view(r, releases.get(r.id, []), today) for r in rows]

        def order(v: LoanView) -> tuple[bool, date, str, str]:
            due = v.next_installment.due_date if v.next_installment and v.next_installment.due_date else date.max
            return (v.past_due_installments == 0, due, v.bank, v.product_name)

        return sorted(views, key=order)

    def loan(self, loan_id: str, today: date | None = None) -> LoanView | None:
        rows, releases = self._rows(loan_id)
        return self._view(rows[0], releases.get(loan_id, []), today or date.today()) if rows else None

    def schedule(self, loan_id: str, today: date | None = None) -> list[ScheduleEntry]:
        """The loan's installments in date order (empty for an unknown or removed loan)."""
        rows, releases = self._rows(loan_id)
        if not rows:
            return []
        return _schedule(rows[0], releases.get(loan_id, []), today or date.today())

    def totals(self, currency: str = "BRL", today: date | None = None) -> LoansTotals:
        views = self.loans(today)
        outstanding = Decimal(0)
        without = 0
        for v in views:
            if v.outstanding_balance is None:
                without += 1
            elif v.outstanding_balance.currency == currency:
                outstanding += v.outstanding_balance.amount
        soonest: LoanView | None = None
        soonest_due = date.max
        for v in views:
            due = v.upcoming_installment.due_date if v.upcoming_installment else None
            if due is not None and due < soonest_due:
                soonest, soonest_due = v, due
        return LoansTotals(
            count=len(views),
            outstanding=Money(outstanding, currency),
            without_balance=without,
            past_due_installments=sum(v.past_due_installments for v in views),
            next_installment=soonest.upcoming_installment if soonest else None,
            next_loan=soonest.product_name if soonest else None,
        )

    # ------------------------------------------------------------------ building
    def _view(self, r: Any, releases: list[_Release], today: date) -> LoanView:
        entries = _schedule(r, releases, today)
        derived_past_due = sum(1 for e in entries if e.status is InstallmentStatus.PAST_DUE)
        upcoming = [e for e in entries if e.status is not InstallmentStatus.PAID]
        paid = r.paid_installments
        if paid is None and entries:
            paid = sum(1 for e in entries if e.kind is EntryKind.INSTALLMENT and e.status is InstallmentStatus.PAID)
        return LoanView(
            loan_id=r.id,
            item_id=r.item_id,
            bank=r.bank or "",
            product_name=r.product_name,
            kind=r.kind,
            type=r.type,
            contract_number=r.contract_number or "",
            currency=r.currency_code,
            contract_amount=_money(r.contract_amount, r.currency_code),
            outstanding_balance=_money(r.outstanding_balance, r.currency_code),
            cet_percent=_percent(r.cet),
            interest_rates=_interest_rates(r.raw),
            periodicity=r.installment_periodicity,
            amortization=r.amortization_scheduled,
            contract_date=_day(r.contract_date),
            first_due_date=_day(r.first_installment_due_date),
            final_due_date=_day(r.due_date),
            total_installments=_installment_count(r),
            paid_installments=paid,
            past_due_installments=max(r.past_due_installments or 0, derived_past_due),
            paid_total=_paid_total(releases, r.currency_code),
            next_installment=upcoming[0] if upcoming else None,
            upcoming_installment=next((e for e in upcoming if e.status is InstallmentStatus.DUE), None),
            data_date=_day(r.date) or today,
        )


# ---------------------------------------------------------------------- schedule
def _schedule(r: Any, releases: Sequence[_Release], today: date) -> list[ScheduleEntry]:
    currency = r.currency_code
    regular = sorted(
        (x for x in releases if x.kind == "payment" and not x.over_parcel), key=lambda x: x.paid_date or date.min
    )
    extras = [
        ScheduleEntry(None, EntryKind.EXTRA, InstallmentStatus.PAID, paid_date=x.paid_date,
                      amount=_money(x.amount, x.currency or currency))
        for x in releases
        if x.kind == "payment" and x.over_parcel
    ]  # fmt: skip
    stored_past_due = r.past_due_installments or 0
    balloons = [
        ScheduleEntry(
            None,
            EntryKind.BALLOON,
            _balloon_status(x.due_date, today, stored_past_due),
            due_date=x.due_date,
            amount=_money(x.amount, x.currency or currency),
        )
        for x in releases
        if x.kind == "balloon"
    ]
    first = _day(r.first_installment_due_date)
    total = _installment_count(r)
    if first is not None and total and _is_regular(r.installment_periodicity):
        paid_count = r.paid_installments if r.paid_installments is not None else len(regular)
        estimate = _estimated_installment(r, regular)
        entries: list[ScheduleEntry] = []
        for number in range(1, total + 1):
            due = _nth_due_date(first, r.installment_periodicity, number - 1)
            if number <= paid_count:
                release = regular[number - 1] if number - 1 < len(regular) else None
                entries.append(
                    ScheduleEntry(
                        number, EntryKind.INSTALLMENT, InstallmentStatus.PAID, due_date=due,
                        paid_date=release.paid_date if release else None,
                        amount=_money(release.amount, release.currency or currency) if release else None,
                    )
                )  # fmt: skip
            else:
                status = InstallmentStatus.PAST_DUE if due < today else InstallmentStatus.DUE
                entries.append(
                    ScheduleEntry(
                        number, EntryKind.INSTALLMENT, status, due_date=due,
                        amount=_money(estimate, currency), amount_estimated=estimate is not None,
                    )
                )  # fmt: skip
    else:
        # No regular schedule to derive: what the bank reported, the payments numbered in order.
        entries = [
            ScheduleEntry(n, EntryKind.INSTALLMENT, InstallmentStatus.PAID, paid_date=x.paid_date,
                          amount=_money(x.amount, x.currency or currency))
            for n, x in enumerate(regular, start=1)
        ]  # fmt: skip
    return sorted(entries + balloons + extras, key=_entry_order)


def _paid_total(releases: Sequence[_Release], currency: str) -> Money | None:
    amounts = [
        abs(x.amount)
        for x in releases
        if x.kind == "payment" and x.amount is not None and (x.currency or currency) == currency
    ]
    return Money(sum(amounts, Decimal(0)), currency) if amounts else None


def _entry_order(e: ScheduleEntry) -> tuple[date, int]:
    when = e.due_date or e.paid_date or date.max
    return (when, e.number if e.number is not None else 0)


def _balloon_status(due: date | None, today: date, stored_past_due: int) -> InstallmentStatus:
    if due is None or due >= today:
        return InstallmentStatus.DUE
    # A balloon whose date passed: the bank's count says whether anything was left unpaid.
    return InstallmentStatus.PAST_DUE if stored_past_due else InstallmentStatus.PAID


def _installment_count(r: Any) -> int | None:
    """How many installments the contract has. Pluggy's ``totalNumberOfInstallments`` is the term in the unit of
    ``typeNumberOfInstallments`` (DAY, WEEK, MONTH, YEAR): a count of installments only when that unit matches the
    periodicity (24 MONTH paid MONTHLY = 24 installments; 24 MONTH paid QUARTERLY = 8). Otherwise unknown."""
    total: int | None = r.total_installments
    if not total or total < 0:
        return None
    plan = r.raw.get("installments") if isinstance(r.raw, dict) else None
    unit = plan.get("typeNumberOfInstallments") if isinstance(plan, dict) else None
    periodicity = r.installment_periodicity
    if unit is None:
        return total
    if unit == "MONTH" and periodicity in _PERIOD_MONTHS:
        months = _PERIOD_MONTHS[periodicity]
        return total // months if total % months == 0 else None
    if (unit, periodicity) in {("WEEK", "WEEKLY"), ("YEAR", "YEARLY")}:
        return total
    if unit == "MONTH" and periodicity is None:
        return total
    return None


def _is_regular(periodicity: str | None) -> bool:
    return periodicity in _PERIOD_MONTHS or periodicity in _PERIOD_DAYS


def _nth_due_date(first: date, periodicity: str, n: int) -> date:
    """The due date ``n`` periods after ``first``; monthly dates keep the first one's day (31 -> 30/28...)."""
    if periodicity in _PERIOD_DAYS:
        return first + timedelta(days=_PERIOD_DAYS[periodicity] * n)
    return shift_months(first, _PERIOD_MONTHS[periodicity] * n)


def _estimated_installment(r: Any, regular: Sequence[_Release]) -> Decimal | None:
    """What an unpaid installment probably costs: the last regular payment when the installments are constant
    (Price table, or any system when the bank reported no amortization system), else the Price payment."""
    amortization = r.amortization_scheduled
    if amortization not in (None, "PRICE"):
        return None  # SAC and others change every installment: an estimate would mislead
    if regular and regular[-1].amount is not None:
        return abs(regular[-1].amount)
    count = _installment_count(r)
    if amortization != "PRICE" or r.contract_amount is None or not count:
        return None
    rate = _monthly_rate(_interest_rates(r.raw))
    if rate is None or r.installment_periodicity != "MONTHLY":
        return None
    principal: Decimal = r.contract_amount
    payment = principal / count if rate == 0 else principal * rate / (1 - (1 + rate) ** -count)
    return payment.quantize(Decimal("0.01"))


def _monthly_rate(rates: Sequence[InterestRate]) -> Decimal | None:
    for rate in rates:
        if rate.indexer is not None:
            continue
        fraction = rate.percent / _HUNDRED
        if rate.periodicity == "MONTHLY":
            return fraction
        if rate.periodicity == "YEARLY":
            return (1 + fraction) ** (Decimal(1) / 12) - 1
    return None


# ---------------------------------------------------------------------- values
def _day(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _money(value: Decimal | None, currency: str) -> Money | None:
    return None if value is None else Money(value, currency)


def _percent(fraction: Decimal | None) -> Decimal | None:
    """Pluggy sends rates as fractions (``0.29`` = 29%, ``1`` = 100%)."""
    return None if fraction is None else fraction * _HUNDRED


def _interest_rates(raw: Any) -> tuple[InterestRate, ...]:
    listed = raw.get("interestRates") if isinstance(raw, dict) else None
    rates: list[InterestRate] = []
    for item in listed if isinstance(listed, list) else []:
        if not isinstance(item, dict):
            continue
        value = item.get("preFixedRate")
        if value is None or isinstance(value, bool | float | dict | list):
            continue
        try:
            fraction = Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            continue
        if not fraction.is_finite():
            continue
        percent = fraction * _HUNDRED
        kind = item.get("referentialRateIndexerType")
        indexer = None
        if isinstance(kind, str) and kind and kind not in _NO_INDEXER:
            indexer = _text(item.get("referentialRateIndexerSubType")) or kind
        rates.append(InterestRate(percent, _text(item.get("taxPeriodicity")), _text(item.get("taxType")), indexer))
    return tuple(rates)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
