"""Everything one sandbox item knows about its holder: accounts, transactions, bills, investments, loan, identity,
consent. ``ItemBook.sync`` is what a (re)fresh does: generate the days since the last one, post what was pending,
delete what the bank dropped, and report the ids created/updated/deleted per account for the webhooks.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ..wire import iso, iso_day, money
from .documents import cpf, person_name, pix_key
from .generator import CLOSING_DAY, DUE_DAY, Accounts, BillBook, DayGenerator, Holder
from .ledger import Txn, add_months, stable_id
from .portfolio import Investment, LoanPlan, build_investments, identity_wire, loan_wire, plan_loan

HISTORY_DAYS = 730


@dataclass(frozen=True, slots=True)
class BankProfile:
    key: str
    bank_name: str
    ispb: str
    compe: str
    card_brand: str
    card_level: str


BANKS: dict[str, BankProfile] = {
    "pluggy": BankProfile("pluggy", "Pluggy Bank", "00000000", "001", "MASTERCARD", "BLACK"),
    "openfinance": BankProfile("openfinance", "Banco Open Finance", "60701190", "341", "VISA", "PLATINUM"),
}


@dataclass(slots=True)
class SyncChanges:
    created: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)
    deleted: dict[str, list[str]] = field(default_factory=dict)
    created_from: datetime | None = None

    def add(self, kind: dict[str, list[str]], txn: Txn) -> None:
        kind.setdefault(txn.account_id, []).append(txn.id)


def holder_for(seed: int, username: str) -> Holder:
    rng = random.Random(f"{seed}:holder:{username}")
    name = person_name(rng)
    document = cpf(rng)
    return Holder(name, document, pix_key(rng, name, document))


class ItemBook:
    def __init__(
        self,
        *,
        seed: int,
        item_id: str,
        bank: BankProfile,
        username: str,
        perf: int = 1,
        two_checking: bool = False,
        perf_cap: int = 5000,
    ) -> None:
        self.item_id = item_id
        self.bank = bank
        self.seed_key = f"{seed}:{bank.key}:{username}"
        self.ns = item_id
        self.holder = holder_for(seed, username)
        self.perf = perf
        self.perf_cap = perf_cap
        rng = random.Random(f"{self.seed_key}:accounts")
        last4 = f"{rng.randint(1000, 9999)}"
        self.accounts = Accounts(
            checking=stable_id(self.ns, "account", "checking"),
            savings=stable_id(self.ns, "account", "savings"),
            card=stable_id(self.ns, "account", "card"),
            card_last4=last4,
            extra_checking=stable_id(self.ns, "account", "checking-2") if two_checking else None,
        )
        self.account_numbers = {
            self.accounts.checking: f"{rng.randint(10000, 99999)}-{rng.randint(0, 9)}",
            self.accounts.savings: f"{rng.randint(10000, 99999)}-{rng.randint(0, 9)}",
            self.accounts.card: last4,
        }
        if self.accounts.extra_checking:
            self.account_numbers[self.accounts.extra_checking] = f"{rng.randint(10000, 99999)}-{rng.randint(0, 9)}"
        self.opening = {
            self.accounts.checking: money(Decimal(rng.randrange(800_000, 2_500_000)) / 100),
            self.accounts.savings: money(Decimal(rng.randrange(1_000_000, 4_000_000)) / 100),
            self.accounts.card: Decimal("0.00"),
        }
        if self.accounts.extra_checking:
            self.opening[self.accounts.extra_checking] = Decimal("350.00")
        self.ledger: dict[str, Txn] = {}
        self.bills = BillBook(self.ledger)
        self.generator = DayGenerator(
            seed_key=self.seed_key,
            namespace=self.ns,
            accounts=self.accounts,
            holder=self.holder,
            bank_ispb=bank.ispb,
            perf=perf,
        )
        self.last_day: date | None = None
        self.created_at: datetime | None = None
        self.synced_at: datetime | None = None
        self.investments: list[Investment] = []
        self.loan: LoanPlan | None = None
        self.identity: dict[str, Any] | None = None
        self._sorted: dict[str, list[Txn]] = {}
        self._keys: dict[str, list[tuple[date, str]]] = {}
        self.sync_count = 0

    # -------------------------------------------------------------------------------------------- sync
    def sync(self, now: datetime) -> SyncChanges:
        today = now.date()
        changes = SyncChanges(created_from=now)
        if self.last_day is None:
            self.created_at = now
            self.loan = plan_loan(self.seed_key, self.ns, today)
            self.generator.loan_installment = self.loan.installment
            self.generator.loan_first_due = self.loan.first_due
            self.generator.loan_total = self.loan.total_installments
            self.investments = build_investments(self.seed_key, self.ns, self.item_id, today, now)
            self.identity = identity_wire(self.holder, self.ns, self.item_id, self.seed_key, now)
            start = today - timedelta(days=HISTORY_DAYS)
            # Bills need the previous closing: start generating on a closing day.
            start = start.replace(day=CLOSING_DAY)
            self.bills.last_closing = start
            day = start + timedelta(days=1)
        else:
            day = self.last_day + timedelta(days=1)
        unbilled = {t.id for t in self.ledger.values() if t.card_meta is not None and not t.card_meta.get("billId")}
        new_days = day <= today
        while day <= today:
            for txn in self.generator.generate_day(day, now=now, horizon=today, book=self.bills):
                if txn.id in self.ledger:
                    continue
                self.ledger[txn.id] = txn
                changes.add(changes.created, txn)
            day += timedelta(days=1)
        self.last_day = today
        created_ids = {i for ids in changes.created.values() for i in ids}
        for txn in self.ledger.values():
            if txn.id in created_ids:
                continue
            if txn.status == "PENDING" and txn.day <= today:
                txn.status = "POSTED"
                txn.touch(now)
                changes.add(changes.updated, txn)
            elif txn.id in unbilled and txn.card_meta and txn.card_meta.get("billId"):
                txn.touch(now)
                changes.add(changes.updated, txn)
        if self.sync_count == 0 and self.perf > 1:
            self._apply_perf_cap()
            changes.created = {}
            for txn in self.ledger.values():
                changes.add(changes.created, txn)
        elif self.sync_count > 0 and new_days:
            self._drop_one(today, changes)
        for inv in self.investments:
            inv.as_of = today
            inv.updated_at = now
        self.sync_count += 1
        self.synced_at = now
        self._sorted.clear()
        self._keys.clear()
        return changes

    def _apply_perf_cap(self) -> None:
        by_account: dict[str, list[Txn]] = {}
        for txn in self.ledger.values():
            by_account.setdefault(txn.account_id, []).append(txn)
        for rows in by_account.values():
            if len(rows) > self.perf_cap:
                rows.sort(key=lambda t: t.sort_key)
                for txn in rows[: len(rows) - self.perf_cap]:
                    del self.ledger[txn.id]

    def _drop_one(self, today: date, changes: SyncChanges) -> None:
        """The bank reverses one recent PIX (a duplicate it had shown): the transaction disappears upstream."""
        candidates = sorted(
            (
                t
                for t in self.ledger.values()
                if t.account_id == self.accounts.checking
                and t.category_id == "05070000"
                and t.status == "POSTED"
                and today - t.day <= timedelta(days=30)
            ),
            key=lambda t: t.sort_key,
        )
        if not candidates:
            return
        victim = random.Random(f"{self.seed_key}:drop:{today.isoformat()}").choice(candidates)
        del self.ledger[victim.id]
        changes.add(changes.deleted, victim)

    # -------------------------------------------------------------------------------------------- reads
    def account_ids(self) -> list[str]:
        ids = [self.accounts.checking, self.accounts.savings, self.accounts.card]
        if self.accounts.extra_checking:
            ids.insert(1, self.accounts.extra_checking)
        return ids

    def transactions(self, account_id: str) -> list[Txn]:
        rows = self._sorted.get(account_id)
        if rows is None:
            rows = sorted((t for t in self.ledger.values() if t.account_id == account_id), key=lambda t: t.sort_key)
            self._sorted[account_id] = rows
            self._keys[account_id] = [t.sort_key for t in rows]
        return rows

    def position_after(self, account_id: str, key: tuple[date, str]) -> int:
        self.transactions(account_id)
        keys = self._keys[account_id]
        index = bisect_left(keys, key)
        return index + 1 if index < len(keys) and keys[index] == key else index

    def balance(self, account_id: str) -> Decimal:
        posted = sum(
            (t.amount for t in self.ledger.values() if t.account_id == account_id and t.status == "POSTED"),
            Decimal("0.00"),
        )
        if account_id == self.accounts.card:
            return money(self.open_card_amount())
        return money(self.opening[account_id] + posted)

    def open_card_amount(self) -> Decimal:
        latest = self.bills.latest()
        since = latest.closing_day if latest else date.min
        unpaid = latest.total - latest.paid if latest and latest.payments else (latest.total if latest else Decimal(0))
        current = sum(
            (
                t.amount
                for t in self.ledger.values()
                if t.account_id == self.accounts.card and t.status == "POSTED" and t.day > since
            ),
            Decimal("0.00"),
        )
        return unpaid + current if latest and not latest.payments else current + self.bills.carry

    def account_wire(self, account_id: str, now: datetime) -> dict[str, Any]:
        acc = self.accounts
        created = iso(self.created_at or now)
        updated = iso(self.synced_at or now)
        base: dict[str, Any] = {
            "id": account_id,
            "itemId": self.item_id,
            "currencyCode": "BRL",
            "taxNumber": self.holder.cpf,
            "owner": self.holder.name,
            "number": self.account_numbers[account_id],
            "balance": self.balance(account_id),
            "createdAt": created,
            "updatedAt": updated,
            "bankData": None,
            "creditData": None,
        }
        if account_id == acc.card:
            limit = Decimal("15000.00")
            future = sum(
                (t.amount for t in self.ledger.values() if t.account_id == acc.card and t.status == "PENDING"),
                Decimal(0),
            )
            today = self.last_day or now.date()
            close = (
                today.replace(day=CLOSING_DAY)
                if today.day <= CLOSING_DAY
                else add_months(today.replace(day=CLOSING_DAY), 1)
            )
            latest = self.bills.latest()
            base.update(
                type="CREDIT",
                subtype="CREDIT_CARD",
                name=f"{self.bank.bank_name} {self.bank.card_brand} {self.bank.card_level.title()}",
                marketingName=f"{self.bank.bank_name} {self.bank.card_level.title()}",
            )
            base["creditData"] = {
                "level": self.bank.card_level,
                "brand": self.bank.card_brand,
                "brandAdditionalInfo": None,
                "balanceCloseDate": iso_day(close),
                "balanceDueDate": iso_day(close.replace(day=DUE_DAY)),
                "availableCreditLimit": money(max(limit - base["balance"] - future, Decimal(0))),
                "balanceForeignCurrency": None,
                "minimumPayment": latest.minimum if latest else None,
                "creditLimit": limit,
                "isLimitFlexible": False,
                "status": "ACTIVE",
                "holderType": "MAIN",
                "disaggregatedCreditLimits": None,
                "additionalCards": None,
            }
            return base
        savings = account_id == acc.savings
        base.update(
            type="BANK",
            subtype="SAVINGS_ACCOUNT" if savings else "CHECKING_ACCOUNT",
            name="Conta Poupança" if savings else "Conta Corrente",
            marketingName=f"{self.bank.bank_name} {'Poupança' if savings else 'Conta Corrente'}",
        )
        base["bankData"] = {
            "transferNumber": f"{self.bank.compe}/0001/{self.account_numbers[account_id]}",
            "closingBalance": base["balance"],
            "automaticallyInvestedBalance": Decimal("0.00"),
            "overdraftContractedLimit": None if savings else Decimal("2000.00"),
            "overdraftUsedLimit": None if savings else Decimal("0.00"),
            "unarrangedOverdraftAmount": None,
        }
        return base

    def loan_wire(self) -> dict[str, Any] | None:
        if self.loan is None:
            return None
        return loan_wire(self.loan, self.item_id, self.last_day or date.today())
