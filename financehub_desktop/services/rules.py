"""Categorisation rules: the user's "always put X in category Y", by description pattern, merchant, the counterpart's
CPF/CNPJ or the payment method, with optional account, type and amount filters and a priority.

Precedence (one place, ``store.search.effective_category``): the user's manual category > the first matching enabled
rule (lowest priority number, then oldest) > Pluggy's category. Rule results live in
``transaction_edits.rule_category_id`` (the app's column, beside the user's ``category_id``), so a re-sync never
loses them and a rule never overwrites a manual edit. They are applied after every sync (to the transactions that
sync wrote), to everything after any change to the rules, and on demand (``apply_all``); only changed rows are
written.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.store import Store
from financehub_desktop.store.local_repos import (
    MATCH_TYPES,
    PAYMENT_METHODS,
    RULE_FIELDS,
    CategorisationRule,
    digits,
    payment_method_of,
)
from financehub_desktop.store.schema import accounts, transactions
from financehub_desktop.store.schema_local import transaction_edits
from financehub_desktop.store.search import effective_category

from .categories import load_categories
from .events import Change, EventBus, Topic
from .read_models import RuleDraft, RuleView

log = get_logger("services")

__all__ = ["MATCH_TYPES", "PAYMENT_METHODS", "RULE_FIELDS", "RulesService"]


class RulesService:
    def __init__(self, store: Store, bus: EventBus, language: str = "pt_BR") -> None:
        self.store = store
        self.bus = bus
        self.language = language

    # ------------------------------------------------------------------ reading
    def _category_names(self) -> dict[str, str]:
        return {c.category_id: c.name for c in load_categories(self.store, self.language)}

    def _view(self, rule: CategorisationRule, names: dict[str, str]) -> RuleView:
        return RuleView(
            rule_id=rule.id,
            name=rule.name,
            field=rule.field,
            match_type=rule.match_type,
            pattern=rule.pattern,
            category_id=rule.category_id,
            category_name=names.get(rule.category_id, rule.category_id),
            account_id=rule.account_id,
            transaction_type=rule.transaction_type,
            amount_min=rule.amount_min,
            amount_max=rule.amount_max,
            priority=rule.priority,
            enabled=rule.enabled,
        )

    def list(self) -> list[RuleView]:
        """Every rule, in the order they are tried (priority, then age)."""
        names = self._category_names()
        with self.store.read() as conn:
            return [self._view(r, names) for r in self.store.repos.rules.list(conn)]

    def get(self, rule_id: int) -> RuleView:
        with self.store.read() as conn:
            rule = self.store.repos.rules.get(conn, rule_id)
        if rule is None:
            raise InvalidInputError(f"rule {rule_id} does not exist")
        return self._view(rule, self._category_names())

    # ------------------------------------------------------------------ commands
    def _check_category(self, category_id: str) -> None:
        if category_id not in self._category_names():
            raise InvalidInputError(f"unknown category {category_id or '(none)'}")

    def add(self, draft: RuleDraft, *, apply_now: bool = False) -> tuple[RuleView, int]:
        """Save a rule; with ``apply_now`` re-categorise the existing transactions at once (else from the next sync
        or the next "apply rules"). Returns the rule and how many transactions changed."""
        self._check_category(draft.category_id)
        values: dict[str, Any] = asdict(draft)
        if not values["name"].strip():
            values["name"] = values["pattern"].strip()
        with self.store.write() as conn:
            rule_id = self.store.repos.rules.add(conn, values)
            if not apply_now:
                self.store.repos.rules.mark_unapplied(conn)
        log.info("categorisation rule %d added (%s %s)", rule_id, draft.field, draft.match_type)
        changed = self.apply_all() if apply_now else 0
        self.bus.publish(Change(Topic.CATEGORIES, ids=(str(rule_id),), detail={"rules": True}))
        return self.get(rule_id), changed

    def update(self, rule_id: int, **changes: Any) -> tuple[RuleView, int]:
        """Change some fields (e.g. ``enabled=False``) and re-apply the rules; returns the rule and how many
        transactions changed."""
        if "category_id" in changes:
            self._check_category(str(changes["category_id"] or ""))
        with self.store.write() as conn:
            self.store.repos.rules.update(conn, rule_id, **changes)
        changed = self.apply_all()
        self.bus.publish(Change(Topic.CATEGORIES, ids=(str(rule_id),), detail={"rules": True}))
        return self.get(rule_id), changed

    def set_enabled(self, rule_id: int, enabled: bool) -> tuple[RuleView, int]:
        return self.update(rule_id, enabled=bool(enabled))

    def delete(self, rule_id: int) -> int:
        """Delete a rule; the transactions it categorised go back to the next matching rule or Pluggy's category."""
        with self.store.write() as conn:
            if self.store.repos.rules.get(conn, rule_id) is None:
                raise InvalidInputError(f"rule {rule_id} does not exist")
            self.store.repos.rules.delete(conn, rule_id)
        changed = self.apply_all()
        self.bus.publish(Change(Topic.CATEGORIES, ids=(str(rule_id),), detail={"rules": True}))
        return changed

    def _apply(self, **scope: Any) -> int:
        with self.store.write() as conn:
            changed = self.store.repos.rules.apply(conn, **scope)
        if changed:
            self.bus.publish(Change(Topic.TRANSACTIONS, ids=tuple(str(i) for i in changed), detail={"rules": True}))
        return len(changed)

    def apply_all(self) -> int:
        """Re-apply every enabled rule to every transaction; returns how many transactions' rule result changed."""
        return self._apply()

    def apply_to_item(self, item_id: str, *, since: datetime | None = None) -> int:
        """After a sync: apply the rules to one connection's transactions, only those the sync wrote when ``since``
        (the sync's start) is given (the rest cannot have changed: every rule change re-applies everything)."""
        with self.store.read() as conn:
            if self.store.repos.rules.unapplied(conn):  # a rule saved without "apply now": apply everything once
                return self.apply_all()
            account_ids = list(conn.execute(select(accounts.c.id).where(accounts.c.item_id == item_id)).scalars())
        return self._apply(account_ids=account_ids, since=since) if account_ids else 0

    # ------------------------------------------------------------------ "create a rule from this transaction"
    def draft_from_transaction(self, transaction_id: int, field: str | None = None) -> RuleDraft:
        """A rule prefilled from a transaction: its merchant, else its counterpart's CPF/CNPJ, else its description
        (or the ``field`` asked for), with the transaction's current category."""
        if field is not None and field not in RULE_FIELDS:
            raise InvalidInputError(f"unknown rule field {field}")
        t, e, a = transactions.c, transaction_edits.c, accounts.c
        stmt = (
            select(
                t.description, t.amount, t.merchant_name, t.merchant_business_name, t.merchant_cnpj,
                t.payer_document, t.receiver_document, t.payment_method, t.operation_type,
                a.type.label("account_type"), effective_category(t.category_id, e).label("category_id"),
            )
            .select_from(
                transactions.join(accounts, a.id == t.account_id).outerjoin(transaction_edits, e.transaction_id == t.id)
            )
            .where(t.id == transaction_id)
        )  # fmt: skip
        with self.store.read() as conn:
            r = conn.execute(stmt).first()
        if r is None:
            raise InvalidInputError(f"transaction {transaction_id} does not exist")
        # The counterpart: who received money we sent, who sent money we received; else whichever is known.
        ours_out = r.amount < Decimal(0)
        first, second = (r.receiver_document, r.payer_document) if ours_out else (r.payer_document, r.receiver_document)
        patterns = {
            "description": (r.description or "").strip(),
            "merchant": (r.merchant_name or r.merchant_business_name or "").strip(),
            "document": digits(first) or digits(second) or digits(r.merchant_cnpj),
            "payment_method": payment_method_of(r.payment_method, r.operation_type, r.account_type),
        }
        if field is None:
            field = next((f for f in ("merchant", "document") if patterns[f]), "description")
        match_type = "exact" if field in ("document", "payment_method") else "contains"
        draft = RuleDraft(field=field, match_type=match_type, pattern=patterns[field], category_id=r.category_id or "")
        return replace(draft, name=draft.pattern)
