"""Immutable read models the UI and the CLI show. Services build them from the store; nobody mutates them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.domain.money import Money


@dataclass(frozen=True, slots=True)
class ConnectionView:
    """One bank connection (a Pluggy item) as the Connections page shows it."""

    item_id: str
    connector_id: int
    connector_name: str
    status: str  # Pluggy item status: UPDATED, UPDATING, LOGIN_ERROR, OUTDATED, WAITING_USER_INPUT...
    execution_status: str | None
    last_synced_at: datetime | None
    next_auto_sync_at: datetime | None = None
    consent_expires_at: datetime | None = None
    error: FinanceHubError | None = None
    is_open_finance: bool = False
    can_refresh: bool = True
    syncing: bool = False

    def consent_days_left(self, today: date) -> int | None:
        if self.consent_expires_at is None:
            return None
        return (self.consent_expires_at.date() - today).days

    def consent_warning(self, today: date, warn_days: int) -> bool:
        left = self.consent_days_left(today)
        return left is not None and left <= warn_days


@dataclass(frozen=True, slots=True)
class AccountView:
    account_id: str
    item_id: str
    institution: str
    name: str
    account_type: str  # BANK | CREDIT
    subtype: str  # CHECKING_ACCOUNT | SAVINGS_ACCOUNT | CREDIT_CARD
    number: str  # as Pluggy gives it (cards: last four digits)
    balance: Money
    credit_limit: Money | None = None
    available_credit: Money | None = None

    @property
    def is_card(self) -> bool:
        return self.account_type == "CREDIT"

    @property
    def net_worth_amount(self) -> Decimal:
        """A card's balance is what is owed: it counts against net worth."""
        return -abs(self.balance.amount) if self.is_card else self.balance.amount


@dataclass(frozen=True, slots=True)
class NetWorth:
    assets: Money
    liabilities: Money  # positive number: what is owed

    @property
    def total(self) -> Money:
        return self.assets - self.liabilities


@dataclass(frozen=True, slots=True)
class TransactionRow:
    """A row of the transactions table (enough for the list; the detail panel asks for the full record)."""

    transaction_id: int  # the store's local id (stable across pending -> posted)
    pluggy_id: str
    account_id: str
    account_name: str
    moment: datetime  # Pluggy's date (UTC); the list shows its calendar day
    description: str
    amount: Money
    category_id: str | None
    category_name: str
    status: str  # POSTED | PENDING
    installment: str = ""  # "3/10" for card installments
    ignored: bool = False
    removed: bool = False
    note: str = ""

    @property
    def is_pending(self) -> bool:
        return self.status == "PENDING"

    @property
    def day(self) -> date:
        return self.moment.date()


@dataclass(frozen=True, slots=True)
class TransactionDetail:
    row: TransactionRow
    raw_description: str = ""
    transaction_type: str = ""  # DEBIT | CREDIT
    operation_type: str = ""
    payment_method: str = ""
    payer: str = ""
    receiver: str = ""
    pix_key: str = ""
    bill_id: str = ""
    merchant: str = ""
    note: str = ""
    tags: tuple[str, ...] = ()
    provider_category: str = ""
    rule_name: str = ""  # the categorisation rule that gave the category (when no manual category overrides it)
    first_seen_at: datetime | None = None
    last_seen_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TransactionFilter:
    text: str = ""
    account_ids: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    status: str | None = None  # POSTED | PENDING | None for both
    include_removed: bool = False
    include_ignored: bool = True


@dataclass(frozen=True, slots=True)
class CategoryView:
    category_id: str
    name: str  # in the UI language
    parent_id: str | None = None


@dataclass(frozen=True, slots=True)
class MonthCashFlow:
    month: date
    income: Decimal
    spending: Decimal


@dataclass(frozen=True, slots=True)
class SyncStatus:
    running: bool = False
    item_id: str | None = None
    phase: str = ""
    done: int = 0
    total: int = 0
    last_error: FinanceHubError | None = None
    last_finished_at: datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleView:
    """One categorisation rule as the rules list shows it."""

    rule_id: int
    name: str
    field: str  # description | merchant | document | payment_method
    match_type: str  # exact | contains | startsWith | endsWith
    pattern: str
    category_id: str
    category_name: str
    account_id: str | None = None
    transaction_type: str | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    priority: int = 100
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class RuleDraft:
    """A rule before it is saved (the "create a rule" dialog fills one, prefilled from a transaction)."""

    field: str = "description"
    match_type: str = "contains"
    pattern: str = ""
    category_id: str = ""
    name: str = ""
    account_id: str | None = None
    transaction_type: str | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    priority: int = 100
    enabled: bool = True
