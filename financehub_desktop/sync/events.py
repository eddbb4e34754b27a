"""Events from Pluggy (relayed webhooks, or derived by polling) and the one processor that applies them.

Whatever the source, an event is a Pluggy webhook payload (``{"event", "eventId", ...}``, pluggy-api.md §9).
``EventProcessor.apply`` is idempotent: it re-fetches what the event points at (the payload is a hint, never trusted
as data), then in ONE store transaction records the ``eventId`` in ``webhook_events`` and applies the effect. A
duplicate ``eventId`` (a redelivery, a relay page read twice, a poll that derived the same change) has no effect:

- ``transactions/created``: pulls the account's rows created since ``transactionsCreatedAtFrom`` and upserts them;
- ``transactions/updated``: re-fetches the listed ids and upserts them;
- ``transactions/deleted``: marks the listed ids removed (hidden, not erased);
- ``item/*``: re-fetches the item and stores its status and error; ``item/deleted`` marks it removed;
  ``item/created`` and ``item/updated`` (unless our own refresh triggered them) ask for a sync of the item;
- ``payment_request/updated``: re-fetches the payment request and stores its status;
- ``consent/updated`` (derived by the polling source only): re-lists the item's consents;
- anything else is recorded as received, with no effect (so nothing is lost and nothing fails).

The sources (``RelaySource``, ``PollingSource``) live in ``sources.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import NotFoundError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.webhooks import (
    ItemEvent,
    PaymentRequestUpdatedEvent,
    TransactionsChangedEvent,
    TransactionsCreatedEvent,
    WebhookEvent,
    WebhookPayloadError,
    parse_webhook_payload,
)
from financehub_desktop.store import schema
from financehub_desktop.store.database import Store
from financehub_desktop.store.records import WebhookEventRecord
from financehub_desktop.store.schema_local import webhook_events

from . import convert

log = get_logger("sync")

#: Called (after the event's transaction committed) when an event means an item should be synced.
SyncRequest = Callable[[str, str], Awaitable[None] | None]
#: The event a polling source derives when an item's consents changed (no Pluggy webhook covers it).
CONSENT_UPDATED = "consent/updated"
SYNCING_EVENTS = frozenset({"item/created", "item/updated"})


@dataclass(frozen=True, slots=True)
class Applied:
    """What ``apply`` did: ``new`` is False for a duplicate eventId (no effect)."""

    event_id: str
    event: str
    new: bool
    effect: str = ""
    sync_item: str | None = None


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


class EventProcessor:
    def __init__(self, client: PluggyClient, store: Store, *, request_sync: SyncRequest | None = None) -> None:
        self.client = client
        self.store = store
        self.repos = store.repos
        self.request_sync = request_sync

    def seen(self, event_id: str) -> bool:
        with self.store.read() as conn:
            found = conn.execute(select(webhook_events.c.event_id).where(webhook_events.c.event_id == event_id))
            return found.first() is not None

    async def apply(self, payload: Mapping[str, Any] | WebhookEvent, *, source: str = "relay") -> Applied:
        """Apply one event exactly once. Raises ``WebhookPayloadError`` for a payload that is not an event, and the
        client's typed errors when re-fetching fails (nothing is recorded then: the event is retried later)."""
        event = payload if isinstance(payload, WebhookEvent) else parse_webhook_payload(dict(payload))
        if self.seen(event.event_id):
            return Applied(event.event_id, event.event, new=False)
        effect = await self._prepare(event)
        sync_item: str | None = None
        with self.store.write() as conn:
            if not self.repos.webhook_events.record(conn, self._record(event, source)):
                return Applied(event.event_id, event.event, new=False)
            description = effect(conn)
            self.repos.webhook_events.mark_processed(conn, event.event_id)
        if event.event in SYNCING_EVENTS and isinstance(event, ItemEvent) and event.triggered_by != "CLIENT":
            sync_item = event.item_id
            await self._request_sync(event.item_id, "poll" if source == "poll" else "webhook")
        log.info("event %s %s applied: %s", event.event, event.event_id, description)
        return Applied(event.event_id, event.event, new=True, effect=description, sync_item=sync_item)

    async def _request_sync(self, item_id: str, trigger: str) -> None:
        if self.request_sync is None:
            return
        result = self.request_sync(item_id, trigger)
        if result is not None:
            await result

    @staticmethod
    def _record(event: WebhookEvent, source: str) -> WebhookEventRecord:
        payload = event.model_dump(mode="python", by_alias=True, exclude_none=True)
        payload["_source"] = source
        return WebhookEventRecord(
            event_id=event.event_id,
            event=event.event,
            payload=payload,
            item_id=getattr(event, "item_id", None),
            triggered_by=str(getattr(event, "triggered_by", None) or "") or None,
            occurred_at=_utc(event.timestamp),
        )

    # ------------------------------------------------------------------------------------------ effects
    async def _prepare(self, event: WebhookEvent) -> Callable[[Connection], str]:
        """Fetch what the event points at (outside the transaction); return the effect to run inside it."""
        effect: Callable[[Connection], str] = lambda conn: "recorded (no effect for this event type)"  # noqa: E731
        if isinstance(event, TransactionsCreatedEvent):
            effect = await self._transactions_created(event)
        elif isinstance(event, TransactionsChangedEvent) and event.event == "transactions/deleted":
            ids = list(event.transaction_ids)
            effect = lambda conn: f"{self.repos.transactions.mark_removed(conn, ids)} transactions removed"  # noqa: E731
        elif isinstance(event, TransactionsChangedEvent):
            effect = await self._transactions_updated(event)
        elif isinstance(event, ItemEvent):
            effect = await self._item(event)
        elif isinstance(event, PaymentRequestUpdatedEvent):
            effect = await self._payment_request(event)
        elif event.event == CONSENT_UPDATED and isinstance((event.model_extra or {}).get("itemId"), str):
            effect = await self._consents(str((event.model_extra or {})["itemId"]))
        return effect

    def _account_known(self, conn: Connection, account_id: str) -> bool:
        return self.repos.accounts.get(conn, account_id) is not None

    async def _transactions_created(self, event: TransactionsCreatedEvent) -> Callable[[Connection], str]:
        rows = [
            t
            async for t in self.client.iter_transactions(
                event.account_id, created_at_from=event.transactions_created_at_from
            )
        ]
        records = [convert.transaction_record(t, event.account_id) for t in rows]

        def effect(conn: Connection) -> str:
            if not self._account_known(conn, event.account_id):
                return "account not synced yet: the item sync will bring the rows"
            result = self.repos.transactions.upsert(conn, records)
            return f"{result.inserted} inserted, {result.updated} updated"

        return effect

    async def _transactions_updated(self, event: TransactionsChangedEvent) -> Callable[[Connection], str]:
        ids = list(event.transaction_ids)
        rows = []
        for start in range(0, len(ids), 500):
            rows += [t async for t in self.client.iter_transactions(event.account_id, ids=ids[start : start + 500])]
        records = [convert.transaction_record(t, event.account_id) for t in rows]

        def effect(conn: Connection) -> str:
            if not self._account_known(conn, event.account_id):
                return "account not synced yet"
            result = self.repos.transactions.upsert(conn, records)
            return f"{result.updated} updated, {result.inserted} inserted"

        return effect

    async def _item(self, event: ItemEvent) -> Callable[[Connection], str]:
        if event.event == "item/deleted":
            return lambda conn: f"{self.repos.items.mark_removed(conn, [event.item_id])} item removed"
        try:
            item = await self.client.get_item(event.item_id)
        except NotFoundError:
            return lambda conn: f"{self.repos.items.mark_removed(conn, [event.item_id])} item removed (gone)"
        record = convert.item_record(item)
        connector = convert.connector_record(item.connector) if item.connector else None

        def effect(conn: Connection) -> str:
            if connector is not None:
                self.repos.connectors.upsert(conn, [connector])
            self.repos.items.upsert(conn, [record])
            return f"item status {item.status}/{item.execution_status}"

        return effect

    async def _payment_request(self, event: PaymentRequestUpdatedEvent) -> Callable[[Connection], str]:
        try:
            request = await self.client.get_payment_request(event.payment_request_id)
        except NotFoundError:
            ids = [event.payment_request_id]
            return lambda conn: f"{self.repos.payment_requests.mark_removed(conn, ids)} payment request removed"
        record = convert.payment_request_record(request)

        def effect(conn: Connection) -> str:
            self.repos.payment_requests.upsert(conn, [record])
            return f"payment request status {record.status}"

        return effect

    async def _consents(self, item_id: str) -> Callable[[Connection], str]:
        consents = (await self.client.list_consents(item_id)).results
        records = [convert.consent_record(c, item_id) for c in consents]

        def effect(conn: Connection) -> str:
            if self.repos.items.get(conn, item_id) is None:
                return "item not synced yet"
            result = self.repos.consents.upsert(conn, records)
            removed = self.repos.consents.mark_missing_removed(
                conn, [r.id for r in records], schema.consents.c.item_id == item_id
            )
            return f"{result.updated + result.inserted} consents changed, {removed} removed"

        return effect


__all__ = ["CONSENT_UPDATED", "Applied", "EventProcessor", "WebhookPayloadError"]
