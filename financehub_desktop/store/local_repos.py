"""Repositories for what the app and the user own: edits, rules, webhook events, the sync journal, the audit log.

All functions take the caller's connection (one transaction per use case). Nothing here is written by a provider
refresh, which is how a re-sync never clobbers a user's category, note, tags or ignore flag.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Connection, bindparam, delete, insert, literal, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from financehub_desktop.domain.errors import InvalidInputError

from .records import WebhookEventRecord
from .schema import accounts, transactions
from .schema_local import (
    audit_log,
    categorisation_rules,
    store_meta,
    sync_checkpoints,
    sync_runs,
    transaction_edits,
    webhook_events,
)
from .types import utc_now

_UNSET: Any = object()


# ---------------------------------------------------------------------------------------------- user edits
@dataclass(frozen=True, slots=True)
class TransactionEdit:
    transaction_id: int
    category_id: str | None
    note: str | None
    tags: tuple[str, ...]
    ignored: bool
    updated_at: datetime
    rule_category_id: str | None = None  # kept by the rules (``CategorisationRules.apply``), not the user
    rule_id: int | None = None

    @property
    def by_user(self) -> bool:
        """Whether the user changed anything (a row may exist only to hold a rule's result)."""
        return self.category_id is not None or self.note is not None or bool(self.tags) or self.ignored


class TransactionEdits:
    """The user's changes to a transaction, kept apart from the provider's columns."""

    def get(self, conn: Connection, transaction_id: int) -> TransactionEdit | None:
        row = conn.execute(
            select(transaction_edits).where(transaction_edits.c.transaction_id == transaction_id)
        ).first()
        if row is None:
            return None
        return TransactionEdit(
            row.transaction_id,
            row.category_id,
            row.note,
            tuple(row.tags or ()),
            bool(row.ignored),
            row.updated_at,
            row.rule_category_id,
            row.rule_id,
        )

    def set(
        self,
        conn: Connection,
        transaction_id: int,
        *,
        category_id: str | None = _UNSET,
        note: str | None = _UNSET,
        tags: Sequence[str] | None = _UNSET,
        ignored: bool = _UNSET,
    ) -> TransactionEdit:
        """Change only the fields given; ``None`` clears a field (the provider's value shows again)."""
        values: dict[str, Any] = {"updated_at": utc_now()}
        if category_id is not _UNSET:
            values["category_id"] = category_id
        if note is not _UNSET:
            values["note"] = (note.strip() or None) if note is not None else None
        if tags is not _UNSET:
            values["tags"] = sorted({t.strip() for t in tags if t.strip()}) if tags else None
        if ignored is not _UNSET:
            values["ignored"] = bool(ignored)
        stmt = sqlite_insert(transaction_edits).values(transaction_id=transaction_id, **values)
        conn.execute(stmt.on_conflict_do_update(index_elements=["transaction_id"], set_=values))
        edit = self.get(conn, transaction_id)
        assert edit is not None
        return edit

    def clear(self, conn: Connection, transaction_id: int) -> None:
        conn.execute(delete(transaction_edits).where(transaction_edits.c.transaction_id == transaction_id))

    def move(self, conn: Connection, from_id: int, to_id: int) -> bool:
        """Carry the user's edits of a pending transaction over to its posted successor (unless it has its own).
        Rule results are not carried: the rules are applied to the successor after the sync."""
        source = self.get(conn, from_id)
        target = self.get(conn, to_id)
        if source is None or not source.by_user or (target is not None and target.by_user):
            return False
        self.set(
            conn,
            to_id,
            category_id=source.category_id,
            note=source.note,
            tags=list(source.tags) or None,
            ignored=source.ignored,
        )
        self.clear(conn, from_id)
        return True


# ---------------------------------------------------------------------------------------------- rules
MatchType = Literal["exact", "contains", "startsWith", "endsWith"]
RuleField = Literal["description", "merchant", "document", "payment_method"]
RULE_FIELDS: tuple[str, ...] = ("description", "merchant", "document", "payment_method")
MATCH_TYPES: tuple[str, ...] = ("exact", "contains", "startsWith", "endsWith")
#: What a payment-method rule can ask for: Pluggy's ``paymentData.paymentMethod`` values, plus CARD for card spending.
PAYMENT_METHODS: tuple[str, ...] = ("PIX", "TED", "DOC", "TEV", "TEF", "BOLETO", "CARD")
_OPERATION_METHODS = {"PIX": "PIX", "TED": "TED", "DOC": "DOC", "TEV": "TEV", "TEF": "TEF", "BOLETO": "BOLETO",
                      "CARTAO": "CARD", "CARTAO_CREDITO": "CARD", "CARTAO_DEBITO": "CARD"}  # fmt: skip
UNAPPLIED_KEY = "rules_unapplied"  # in store_meta: rules changed and not yet applied to every transaction
_NON_DIGITS = re.compile(r"\D+")


def digits(text: str | None) -> str:
    """A CPF/CNPJ with its punctuation removed: ``"12.345.678/0001-90"`` -> ``"12345678000190"``."""
    return _NON_DIGITS.sub("", text or "")


@dataclass(frozen=True, slots=True)
class RuleSubject:
    """What a rule can look at in one transaction."""

    description: str = ""
    merchant: str = ""
    documents: tuple[str, ...] = ()  # digits only: payer, receiver, merchant CNPJ
    payment_method: str = ""  # PIX, TED, ..., CARD, or ""
    account_id: str | None = None
    transaction_type: str | None = None  # DEBIT | CREDIT
    amount: Decimal | None = None

    def folded(self) -> RuleSubject:
        """The texts case-folded once, so each rule compares without folding them again."""
        return replace(
            self,
            description=self.description.casefold(),
            merchant=self.merchant.casefold(),
            payment_method=self.payment_method.casefold(),
        )


def payment_method_of(payment_method: str | None, operation_type: str | None, account_type: str | None) -> str:
    """The transaction's payment method as rules see it: Pluggy's, else derived from the operation or a card account."""
    if payment_method:
        return payment_method.strip().upper()
    if account_type == "CREDIT":
        return "CARD"
    return _OPERATION_METHODS.get((operation_type or "").strip().upper(), "")


@dataclass(frozen=True, slots=True)
class CategorisationRule:
    id: int
    name: str
    field: RuleField
    match_type: MatchType
    pattern: str
    category_id: str
    account_id: str | None = None
    transaction_type: str | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    priority: int = 100
    enabled: bool = True

    def _hit(self, subject: str) -> bool:
        """``subject`` is already case-folded (``RuleSubject.folded``)."""
        if not subject:
            return False
        needle = self.pattern.casefold()
        kind = self.match_type
        if kind == "contains":
            return needle in subject
        if kind == "exact":
            return subject == needle
        if kind == "startsWith":
            return subject.startswith(needle)
        return subject.endswith(needle)

    def applies_to(self, subject: RuleSubject) -> bool:
        """Whether the rule matches; ``subject`` must be case-folded (``RuleSubject.folded()``)."""
        if self.field == "description":
            hit = self._hit(subject.description)
        elif self.field == "merchant":
            hit = self._hit(subject.merchant)
        elif self.field == "document":
            hit = any(self._hit(d) for d in subject.documents)
        else:
            hit = subject.payment_method == self.pattern.casefold()
        if not hit or (self.account_id and self.account_id != subject.account_id):
            return False
        if self.transaction_type and self.transaction_type != subject.transaction_type:
            return False
        amount = subject.amount
        if amount is not None and self.amount_min is not None and amount < self.amount_min:
            return False
        return not (amount is not None and self.amount_max is not None and amount > self.amount_max)

    def matches(
        self,
        *,
        description: str | None,
        merchant: str | None,
        account_id: str | None = None,
        transaction_type: str | None = None,
        amount: Decimal | None = None,
        documents: Sequence[str] = (),
        payment_method: str | None = None,
    ) -> bool:
        return self.applies_to(
            RuleSubject(
                description=description or "",
                merchant=merchant or "",
                documents=tuple(d for d in (digits(x) for x in documents) if d),
                payment_method=payment_method or "",
                account_id=account_id,
                transaction_type=transaction_type,
                amount=amount,
            ).folded()
        )


def _clean_rule(values: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise a rule's values (all of them); ``InvalidInputError`` names the first problem."""
    values.setdefault("field", "description")
    values.setdefault("match_type", "contains")
    field_ = values["field"]
    if field_ not in RULE_FIELDS:
        raise InvalidInputError("a rule matches the description, the merchant, a CPF/CNPJ or the payment method")
    if values["match_type"] not in MATCH_TYPES:
        raise InvalidInputError("match type must be exact, contains, startsWith or endsWith")
    pattern = str(values.get("pattern") or "").strip()
    if field_ == "document":
        pattern = digits(pattern)
    elif field_ == "payment_method":
        pattern = pattern.upper()
        if pattern not in PAYMENT_METHODS:
            raise InvalidInputError("payment method must be one of " + ", ".join(PAYMENT_METHODS))
        values["match_type"] = "exact"
    if not pattern:
        raise InvalidInputError("a CPF/CNPJ rule needs digits" if field_ == "document" else "a rule needs a pattern")
    values["pattern"] = pattern
    if not str(values.get("category_id") or "").strip():
        raise InvalidInputError("a rule needs a category")
    low, high = values.get("amount_min"), values.get("amount_max")
    for bound in (low, high):
        if bound is not None and not isinstance(bound, Decimal):
            raise InvalidInputError("rule amounts must be exact decimals")
    if low is not None and high is not None and low > high:
        raise InvalidInputError("the minimum amount is larger than the maximum")
    if values.get("transaction_type") not in (None, "", "DEBIT", "CREDIT"):
        raise InvalidInputError("transaction type must be DEBIT or CREDIT")
    if "priority" in values and (not isinstance(values["priority"], int) or isinstance(values["priority"], bool)):
        raise InvalidInputError("priority must be a whole number")
    for optional in ("account_id", "transaction_type"):
        if optional in values and not values[optional]:
            values[optional] = None
    return values


class CategorisationRules:
    def add(self, conn: Connection, rule: Mapping[str, Any]) -> int:
        values = _clean_rule(dict(rule))
        unknown = (set(values) - set(CategorisationRule.__dataclass_fields__)) | ({"id"} & set(values))
        if unknown:
            raise InvalidInputError(f"unknown rule fields: {', '.join(sorted(unknown))}")
        now = utc_now()
        values.setdefault("name", values["pattern"])
        result = conn.execute(insert(categorisation_rules).values(created_at=now, updated_at=now, **values))
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def get(self, conn: Connection, rule_id: int) -> CategorisationRule | None:
        row = conn.execute(select(categorisation_rules).where(categorisation_rules.c.id == rule_id)).first()
        return None if row is None else self._rule(row)

    def update(self, conn: Connection, rule_id: int, **values: Any) -> None:
        current = self.get(conn, rule_id)
        if current is None:
            raise InvalidInputError(f"rule {rule_id} does not exist")
        merged = {k: getattr(current, k) for k in CategorisationRule.__dataclass_fields__ if k != "id"}
        unknown = set(values) - set(merged)
        if unknown:
            raise InvalidInputError(f"unknown rule fields: {', '.join(sorted(unknown))}")
        merged.update(values)
        cleaned = _clean_rule(merged)
        conn.execute(
            update(categorisation_rules)
            .where(categorisation_rules.c.id == rule_id)
            .values(updated_at=utc_now(), **cleaned)
        )

    def delete(self, conn: Connection, rule_id: int) -> None:
        conn.execute(delete(categorisation_rules).where(categorisation_rules.c.id == rule_id))

    @staticmethod
    def _rule(row: Any) -> CategorisationRule:
        names = CategorisationRule.__dataclass_fields__
        values = {k: v for k, v in row._mapping.items() if k in names}
        values["enabled"] = bool(values["enabled"])
        return CategorisationRule(**values)

    def list(self, conn: Connection, *, enabled_only: bool = False) -> list[CategorisationRule]:
        stmt = select(categorisation_rules).order_by(categorisation_rules.c.priority, categorisation_rules.c.id)
        if enabled_only:
            stmt = stmt.where(categorisation_rules.c.enabled.is_(True))
        return [self._rule(row) for row in conn.execute(stmt)]

    def mark_unapplied(self, conn: Connection) -> None:
        """Remember that the rules changed without being applied (the next sync applies them to everything)."""
        stmt = sqlite_insert(store_meta).values(key=UNAPPLIED_KEY, value="1", updated_at=utc_now())
        conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": "1", "updated_at": utc_now()}))

    def unapplied(self, conn: Connection) -> bool:
        return conn.execute(select(store_meta.c.value).where(store_meta.c.key == UNAPPLIED_KEY)).scalar() is not None

    def first_match(self, conn: Connection, subject: RuleSubject) -> CategorisationRule | None:
        return next((r for r in self.list(conn, enabled_only=True) if r.applies_to(subject)), None)

    def category_for(self, conn: Connection, **transaction: Any) -> str | None:
        """The category of the first enabled rule (by priority, then age) that matches, if any."""
        for rule in self.list(conn, enabled_only=True):
            if rule.matches(**transaction):
                return rule.category_id
        return None

    def apply(
        self,
        conn: Connection,
        *,
        account_ids: Sequence[str] | None = None,
        transaction_ids: Sequence[int] | None = None,
        since: datetime | None = None,
    ) -> builtins.list[int]:
        """Re-evaluate the enabled rules over transactions (all, or those of some accounts / ids) and record the
        winner's category in ``transaction_edits.rule_category_id``. Only rows whose result changes are written, so
        applying twice writes nothing; the user's own category (``category_id``) is never touched. Returns the ids
        of the transactions whose rule result changed. ``since`` limits it to transactions written by a sync at or
        after that moment (``last_seen_at``): after a sync only those can have a new result, since every change
        to the rules re-applies them to everything."""
        rules = self.list(conn, enabled_only=True)
        t, e, a = transactions.c, transaction_edits.c, accounts.c
        stmt = select(
            t.id, t.account_id, t.description, t.amount, t.type, t.merchant_name, t.merchant_business_name,
            t.merchant_cnpj, t.payer_document, t.receiver_document, t.payment_method, t.operation_type,
            a.type.label("account_type"), e.transaction_id.label("edited"), e.rule_category_id, e.rule_id,
        ).select_from(
            transactions.join(accounts, a.id == t.account_id).outerjoin(transaction_edits, e.transaction_id == t.id)
        )  # fmt: skip
        if account_ids is not None:  # with ``since``, "|| ''" keeps SQLite on the last_seen_at index
            account = t.account_id.op("||")(literal("")) if since is not None else t.account_id
            stmt = stmt.where(account.in_(list(account_ids)))
        if transaction_ids is not None:
            stmt = stmt.where(t.id.in_(list(transaction_ids)))
        if since is not None:
            stmt = stmt.where(t.last_seen_at >= since)
        changed: builtins.list[int] = []
        inserts: builtins.list[dict[str, Any]] = []
        updates: builtins.list[dict[str, Any]] = []
        if not rules:  # nothing can match: only clear what earlier rules left (an indexed-free but narrow query)
            stmt = stmt.where(or_(e.rule_category_id.is_not(None), e.rule_id.is_not(None)))
        for r in conn.execute(stmt).all():
            subject = RuleSubject(
                description=(r.description or "").casefold(),
                merchant=(r.merchant_name or r.merchant_business_name or "").casefold(),
                documents=tuple(
                    d for d in (digits(r.payer_document), digits(r.receiver_document), digits(r.merchant_cnpj)) if d
                ),
                payment_method=payment_method_of(r.payment_method, r.operation_type, r.account_type).casefold(),
                account_id=r.account_id,
                transaction_type=r.type or ("DEBIT" if r.amount < 0 else "CREDIT"),
                amount=r.amount,
            )
            winner = next((rule for rule in rules if rule.applies_to(subject)), None)
            result = (winner.category_id, winner.id) if winner else (None, None)
            if result == (r.rule_category_id, r.rule_id):
                continue
            changed.append(r.id)
            if r.edited is None:
                inserts.append({"transaction_id": r.id, "rule_category_id": result[0], "rule_id": result[1]})
            else:
                updates.append({"tid": r.id, "rule_category_id": result[0], "rule_id": result[1]})
        if account_ids is None and transaction_ids is None and since is None:  # everything is up to date now
            conn.execute(delete(store_meta).where(store_meta.c.key == UNAPPLIED_KEY))
        if inserts:
            now = utc_now()
            conn.execute(insert(transaction_edits), [{**row, "updated_at": now} for row in inserts])
        if updates:
            conn.execute(
                update(transaction_edits)
                .where(transaction_edits.c.transaction_id == bindparam("tid"))
                .values(rule_category_id=bindparam("rule_category_id"), rule_id=bindparam("rule_id")),
                updates,
            )
        return changed


# ---------------------------------------------------------------------------------------------- webhook events
class WebhookEvents:
    def record(self, conn: Connection, event: WebhookEventRecord) -> bool:
        """Store an event once: True when it is new, False for a duplicate ``event_id`` (already handled)."""
        stmt = (
            sqlite_insert(webhook_events)
            .values(
                event_id=event.event_id,
                event=event.event,
                item_id=event.item_id,
                triggered_by=event.triggered_by,
                payload=event.payload,
                occurred_at=event.occurred_at,
                received_at=utc_now(),
            )
            .on_conflict_do_nothing(index_elements=["event_id"])
        )
        return conn.execute(stmt).rowcount == 1

    def mark_processed(self, conn: Connection, event_id: str, *, error: str | None = None) -> None:
        conn.execute(
            update(webhook_events)
            .where(webhook_events.c.event_id == event_id)
            .values(processed_at=utc_now(), error=error)
        )

    def unprocessed(self, conn: Connection, limit: int = 100) -> list[Any]:
        return list(
            conn.execute(
                select(webhook_events)
                .where(webhook_events.c.processed_at.is_(None))
                .order_by(webhook_events.c.received_at)
                .limit(limit)
            )
        )


# ---------------------------------------------------------------------------------------------- sync journal
RunStatus = Literal["running", "succeeded", "partial", "failed", "cancelled"]


@dataclass(frozen=True, slots=True)
class Checkpoint:
    item_id: str
    resource: str
    scope: str
    cursor: str | None
    window_from: datetime | None
    state: Any
    run_id: int | None
    updated_at: datetime


class SyncJournal:
    def start_run(self, conn: Connection, item_id: str | None, trigger: str) -> int:
        result = conn.execute(
            insert(sync_runs).values(item_id=item_id, trigger=trigger, status="running", started_at=utc_now())
        )
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def finish_run(
        self,
        conn: Connection,
        run_id: int,
        status: RunStatus,
        *,
        counts: Mapping[str, Any] | None = None,
        error_code: str | None = None,
        error_message: str | None = None,
    ) -> None:
        conn.execute(
            update(sync_runs)
            .where(sync_runs.c.id == run_id)
            .values(
                status=status,
                finished_at=utc_now(),
                counts=dict(counts) if counts else None,
                error_code=error_code,
                error_message=error_message,
            )
        )

    def interrupted_runs(self, conn: Connection) -> list[Any]:
        """Runs still marked running: the app died during them; the sync engine resumes from their checkpoints."""
        return list(conn.execute(select(sync_runs).where(sync_runs.c.status == "running").order_by(sync_runs.c.id)))

    def recent_runs(self, conn: Connection, *, item_id: str | None = None, limit: int = 20) -> list[Any]:
        stmt = select(sync_runs).order_by(sync_runs.c.id.desc()).limit(limit)
        if item_id is not None:
            stmt = stmt.where(sync_runs.c.item_id == item_id)
        return list(conn.execute(stmt))

    def save_checkpoint(
        self,
        conn: Connection,
        item_id: str,
        resource: str,
        scope: str = "",
        *,
        cursor: str | None = None,
        window_from: datetime | None = None,
        state: Any = None,
        run_id: int | None = None,
    ) -> None:
        values = {
            "cursor": cursor,
            "window_from": window_from,
            "state": state,
            "run_id": run_id,
            "updated_at": utc_now(),
        }
        stmt = sqlite_insert(sync_checkpoints).values(item_id=item_id, resource=resource, scope=scope, **values)
        conn.execute(stmt.on_conflict_do_update(index_elements=["item_id", "resource", "scope"], set_=values))

    def checkpoint(self, conn: Connection, item_id: str, resource: str, scope: str = "") -> Checkpoint | None:
        c = sync_checkpoints.c
        row = conn.execute(
            select(sync_checkpoints).where(c.item_id == item_id, c.resource == resource, c.scope == scope)
        ).first()
        return None if row is None else Checkpoint(**row._mapping)

    def clear_checkpoints(self, conn: Connection, item_id: str, resource: str | None = None) -> None:
        stmt = delete(sync_checkpoints).where(sync_checkpoints.c.item_id == item_id)
        if resource is not None:
            stmt = stmt.where(sync_checkpoints.c.resource == resource)
        conn.execute(stmt)


# ---------------------------------------------------------------------------------------------- audit log
class AuditLog:
    def entries(self, conn: Connection, *, limit: int = 200) -> list[Any]:
        return list(conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)))
