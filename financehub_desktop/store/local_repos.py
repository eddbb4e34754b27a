"""Repositories for what the app and the user own: edits, rules, webhook events, the sync journal, the audit log.

All functions take the caller's connection (one transaction per use case). Nothing here is written by a provider
refresh, which is how a re-sync never clobbers a user's category, note, tags or ignore flag.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from financehub_desktop.domain.errors import InvalidInputError

from .records import WebhookEventRecord
from .schema_local import (
    audit_log,
    categorisation_rules,
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


class TransactionEdits:
    """The user's changes to a transaction, kept apart from the provider's columns."""

    def get(self, conn: Connection, transaction_id: int) -> TransactionEdit | None:
        row = conn.execute(
            select(transaction_edits).where(transaction_edits.c.transaction_id == transaction_id)
        ).first()
        if row is None:
            return None
        return TransactionEdit(
            row.transaction_id, row.category_id, row.note, tuple(row.tags or ()), bool(row.ignored), row.updated_at
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
            values["note"] = note.strip() or None if note is not None else None
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
        """Carry the edits of a pending transaction over to its posted successor (unless it has its own)."""
        source = self.get(conn, from_id)
        if source is None or self.get(conn, to_id) is not None:
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


@dataclass(frozen=True, slots=True)
class CategorisationRule:
    id: int
    name: str
    field: Literal["description", "merchant"]
    match_type: MatchType
    pattern: str
    category_id: str
    account_id: str | None = None
    transaction_type: str | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    priority: int = 100
    enabled: bool = True

    def matches(
        self,
        *,
        description: str | None,
        merchant: str | None,
        account_id: str | None = None,
        transaction_type: str | None = None,
        amount: Decimal | None = None,
    ) -> bool:
        subject = (description if self.field == "description" else merchant) or ""
        haystack, needle = subject.casefold(), self.pattern.casefold()
        hit = {
            "exact": haystack == needle,
            "contains": needle in haystack,
            "startsWith": haystack.startswith(needle),
            "endsWith": haystack.endswith(needle),
        }[self.match_type]
        if not hit or (self.account_id and self.account_id != account_id):
            return False
        if self.transaction_type and self.transaction_type != transaction_type:
            return False
        if amount is not None and self.amount_min is not None and amount < self.amount_min:
            return False
        return not (amount is not None and self.amount_max is not None and amount > self.amount_max)


class CategorisationRules:
    def add(self, conn: Connection, rule: Mapping[str, Any]) -> int:
        values = dict(rule)
        if not str(values.get("pattern", "")).strip():
            raise InvalidInputError("a rule needs a pattern")
        if values.get("field", "description") not in ("description", "merchant"):
            raise InvalidInputError("a rule matches the description or the merchant")
        if values.get("match_type", "contains") not in ("exact", "contains", "startsWith", "endsWith"):
            raise InvalidInputError("match type must be exact, contains, startsWith or endsWith")
        now = utc_now()
        values.setdefault("field", "description")
        values.setdefault("match_type", "contains")
        values.setdefault("name", values["pattern"])
        result = conn.execute(insert(categorisation_rules).values(created_at=now, updated_at=now, **values))
        assert result.inserted_primary_key is not None
        return int(result.inserted_primary_key[0])

    def update(self, conn: Connection, rule_id: int, **values: Any) -> None:
        conn.execute(
            update(categorisation_rules)
            .where(categorisation_rules.c.id == rule_id)
            .values(updated_at=utc_now(), **values)
        )

    def delete(self, conn: Connection, rule_id: int) -> None:
        conn.execute(delete(categorisation_rules).where(categorisation_rules.c.id == rule_id))

    def list(self, conn: Connection, *, enabled_only: bool = False) -> list[CategorisationRule]:
        stmt = select(categorisation_rules).order_by(categorisation_rules.c.priority, categorisation_rules.c.id)
        if enabled_only:
            stmt = stmt.where(categorisation_rules.c.enabled.is_(True))
        names = CategorisationRule.__dataclass_fields__
        return [
            CategorisationRule(**{k: v for k, v in row._mapping.items() if k in names}) for row in conn.execute(stmt)
        ]

    def category_for(self, conn: Connection, **transaction: Any) -> str | None:
        """The category of the first enabled rule (by priority) that matches, if any."""
        for rule in self.list(conn, enabled_only=True):
            if rule.matches(**transaction):
                return rule.category_id
        return None


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
