"""Accounts with balances, grouped by institution, and net worth."""

from __future__ import annotations

from decimal import Decimal

from financehub_desktop.domain.money import Money
from financehub_desktop.store import Store
from financehub_desktop.store.schema import accounts

from .bank_rows import rows_still_at_the_bank
from .read_models import AccountView, NetWorth

_SUBTYPE_ORDER = {"CHECKING_ACCOUNT": 0, "SAVINGS_ACCOUNT": 1, "CREDIT_CARD": 2}


class AccountsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def accounts(self) -> list[AccountView]:
        """Every account still present at the bank, by institution then checking / savings / card."""
        stmt = rows_still_at_the_bank(accounts, "institution")
        with self.store.read() as conn:
            rows = list(conn.execute(stmt))
        views = [
            AccountView(
                account_id=r.id,
                item_id=r.item_id,
                institution=r.institution or "",
                name=r.marketing_name or r.name,
                account_type=r.type,
                subtype=r.subtype,
                number=r.number or "",
                balance=Money(r.balance, r.currency_code),
                credit_limit=Money(r.credit_limit, r.currency_code) if r.credit_limit is not None else None,
                available_credit=(
                    Money(r.available_credit_limit, r.currency_code) if r.available_credit_limit is not None else None
                ),
            )
            for r in rows
        ]
        return sorted(views, key=lambda v: (v.institution, _SUBTYPE_ORDER.get(v.subtype, 9), v.name))

    def net_worth(self, currency: str = "BRL") -> NetWorth:
        """Bank balances minus what is owed on cards, in one currency (others are left out, not converted)."""
        assets = Decimal(0)
        owed = Decimal(0)
        for view in self.accounts():
            if view.balance.currency != currency:
                continue
            if view.is_card:
                owed += abs(view.balance.amount)
            else:
                assets += view.balance.amount
        return NetWorth(Money(assets, currency), Money(owed, currency))
