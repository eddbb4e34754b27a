"""Where events come from: the user's relay (pulled by cursor), or polling Pluggy when there is no relay.

``RelaySource`` reads ``GET {relay}/events?after=<cursor>&limit=`` with the bearer token (docs/relay.md), applies each
event through the ``EventProcessor`` and saves the cursor in the store after each page, so a restart continues where
it stopped (an event read twice is harmless: the processor deduplicates by ``eventId``). It pulls on an interval and
on demand (``wake()``, e.g. when the window regains focus).

``PollingSource`` watches items, consents and payment requests through Pluggy's API and derives the events a webhook
would have carried, with deterministic ``eventId`` values (``poll:<item>:<event>:<updatedAt>``), so a change seen by two
polls, or by a poll and the relay's own event for the same change, still has one effect.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import FinanceHubError, NotFoundError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models.items import Item
from financehub_desktop.pluggy.webhooks import RelayFeedPage, WebhookPayloadError, parse_relay_feed
from financehub_desktop.store import schema

from .events import CONSENT_UPDATED, Applied, EventProcessor

log = get_logger("sync")
RELAY_CHECKPOINT_ITEM = "__relay__"
FINAL_PAYMENT_STATUSES = frozenset({"COMPLETED", "ERROR", "CANCELED", "EXPIRED", "REFUNDED", "REFUND_ERROR"})
EVENT_FOR_STATUS = {
    "UPDATED": "item/updated",
    "LOGIN_ERROR": "item/error",
    "OUTDATED": "item/error",
    "WAITING_USER_INPUT": "item/waiting_user_input",
    "WAITING_USER_ACTION": "item/waiting_user_action",
}


class RelayFeedError(Exception):
    """The relay could not be read: ``reason`` is ``unauthorized``, ``unavailable``, ``rate_limited`` or
    ``malformed``. The source keeps its cursor and tries again on the next interval."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(f"relay feed {reason}" + (f": {detail}" if detail else ""))


async def _sleep_or_wake(wake: asyncio.Event, stop: asyncio.Event, seconds: float) -> None:
    waits = [asyncio.ensure_future(wake.wait()), asyncio.ensure_future(stop.wait())]
    try:
        await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waits:
            w.cancel()
    wake.clear()


# ---------------------------------------------------------------------------------------------- relay
class RelaySource:
    def __init__(
        self,
        relay_url: str,
        token: str,
        processor: EventProcessor,
        *,
        interval_seconds: float = 60.0,
        page_size: int = 100,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 15.0,
    ) -> None:
        self.base_url = relay_url.rstrip("/")
        self.processor = processor
        self.store = processor.store
        self.interval_seconds = interval_seconds
        self.page_size = page_size
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            transport=transport,
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}"},
        )
        self._wake = asyncio.Event()
        self.last_error: RelayFeedError | None = None
        self.missed_events = 0

    def __repr__(self) -> str:  # never the token
        return f"RelaySource({self.base_url!r})"

    @property
    def cursor(self) -> int:
        with self.store.read() as conn:
            cp = self.store.repos.journal.checkpoint(conn, RELAY_CHECKPOINT_ITEM, "relay", self.base_url)
        return int(cp.cursor) if cp and cp.cursor else 0

    def _save_cursor(self, cursor: int) -> None:
        with self.store.write() as conn:
            self.store.repos.journal.save_checkpoint(
                conn, RELAY_CHECKPOINT_ITEM, "relay", self.base_url, cursor=str(cursor)
            )

    async def _page(self, after: int) -> RelayFeedPage:
        try:
            response = await self._http.get("/events", params={"after": after, "limit": self.page_size})
        except httpx.TransportError as exc:
            raise RelayFeedError("unavailable", type(exc).__name__) from None
        if response.status_code == 401:
            raise RelayFeedError("unauthorized", "the relay refused the feed token")
        if response.status_code == 429:
            raise RelayFeedError("rate_limited", response.headers.get("Retry-After", ""))
        if response.status_code != 200:
            raise RelayFeedError("unavailable", f"HTTP {response.status_code}")
        try:
            return parse_relay_feed(response.content)
        except WebhookPayloadError as exc:
            raise RelayFeedError("malformed", str(exc)) from None

    async def pull_once(self) -> list[Applied]:
        """Read the feed to its end; returns what each event did (duplicates included, with ``new=False``).

        ``missed_events`` counts pages on which the relay said its retention dropped events we never pulled (the
        caller should then run a full sync); a relay whose latest cursor is below ours was replaced: start at 0.
        """
        applied: list[Applied] = []
        after = self.cursor
        while True:
            page = await self._page(after)
            if page.latest_cursor < after:
                log.warning(
                    "the relay's feed restarted (latest cursor %d < %d): reading it from the start",
                    page.latest_cursor,
                    after,
                )
                after = 0
                self._save_cursor(0)
                continue
            if page.missed_events:
                self.missed_events += 1
            for entry in page.events:
                try:
                    applied.append(await self.processor.apply(entry.webhook_event(), source="relay"))
                except WebhookPayloadError as exc:
                    log.warning("relay event %s skipped: %s", entry.event_id, exc)
            if page.next_cursor > after:
                after = page.next_cursor
                self._save_cursor(after)
            if not page.has_more:
                self.last_error = None
                return applied

    def wake(self) -> None:
        """Pull now (on demand) instead of waiting for the interval."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.pull_once()
            except RelayFeedError as exc:
                self.last_error = exc
                log.warning("%s", exc)
            except FinanceHubError as exc:
                log.warning("relay event not applied yet (will retry): %s", exc)
            await _sleep_or_wake(self._wake, stop, self.interval_seconds)

    async def aclose(self) -> None:
        await self._http.aclose()


# ---------------------------------------------------------------------------------------------- polling
@dataclass(frozen=True, slots=True)
class _Seen:
    status: str | None
    last_updated_at: str | None
    error_code: str | None


class PollingSource:
    """Polls every stored item (and its consents) and every unfinished payment request on an interval."""

    def __init__(
        self,
        client: PluggyClient,
        processor: EventProcessor,
        *,
        interval_seconds: float = 300.0,
        item_ids: Callable[[], Sequence[str]] | None = None,
        watch_consents: bool = True,
    ) -> None:
        self.client = client
        self.processor = processor
        self.store = processor.store
        self.interval_seconds = interval_seconds
        self.item_ids = item_ids
        self.watch_consents = watch_consents
        self.cycles = 0
        self._wake = asyncio.Event()

    def _stored_items(self) -> dict[str, _Seen]:
        t = schema.items
        with self.store.read() as conn:
            rows = conn.execute(select(t.c.id, t.c.status, t.c.last_updated_at, t.c.error_code, t.c.removed_at))
            stored = {
                r.id: _Seen(r.status, r.last_updated_at.isoformat() if r.last_updated_at else None, r.error_code)
                for r in rows
                if r.removed_at is None
            }
        wanted = list(self.item_ids()) if self.item_ids is not None else list(stored)
        return {i: stored.get(i, _Seen(None, None, None)) for i in wanted}

    @staticmethod
    def _item_event(item: Item, before: _Seen) -> dict[str, Any] | None:
        now = _Seen(
            item.status,
            item.last_updated_at.isoformat() if item.last_updated_at else None,
            item.error.code if item.error else None,
        )
        if now == before or item.status not in EVENT_FOR_STATUS:
            return None
        name = EVENT_FOR_STATUS[item.status]
        stamp = now.last_updated_at or (item.updated_at.isoformat() if item.updated_at else "")
        payload: dict[str, Any] = {
            "event": name,
            "eventId": f"poll:{item.id}:{name}:{stamp}:{now.error_code or ''}",
            "itemId": item.id,
            "id": item.id,
            "triggeredBy": "SYNC",
        }
        if name == "item/error" and item.error is not None:
            payload["error"] = {"code": item.error.code, "message": item.error.message}
        return payload

    def _consent_signature(self, item_id: str) -> set[tuple[Any, ...]]:
        c = schema.consents
        with self.store.read() as conn:
            rows = conn.execute(
                select(c.c.id, c.c.expires_at, c.c.revoked_at).where(c.c.item_id == item_id, c.c.removed_at.is_(None))
            )
            return {(r.id, r.expires_at, r.revoked_at) for r in rows}

    async def derive_events(self) -> list[dict[str, Any]]:
        """The events a webhook would have delivered for what changed since the store last saw it."""
        events: list[dict[str, Any]] = []
        for item_id, before in self._stored_items().items():
            try:
                item = await self.client.get_item(item_id)
            except NotFoundError:
                if before.status is not None:
                    events.append(
                        {"event": "item/deleted", "eventId": f"poll:{item_id}:item/deleted", "itemId": item_id}
                    )
                continue
            payload = self._item_event(item, before)
            if payload is not None:
                events.append(payload)
            if self.watch_consents and (item.consent_expires_at is not None or self._consent_signature(item_id)):
                consents = (await self.client.list_consents(item_id)).results
                upstream = {(c.id, c.expires_at, c.revoked_at) for c in consents}
                if upstream != self._consent_signature(item_id):
                    stamp = ",".join(sorted(f"{c.id}:{c.expires_at}:{c.revoked_at}" for c in consents))
                    events.append(
                        {"event": CONSENT_UPDATED, "eventId": f"poll:{item_id}:consents:{stamp}", "itemId": item_id}
                    )
        events.extend(await self._payment_events())
        return events

    async def _payment_events(self) -> list[dict[str, Any]]:
        p = schema.payment_requests
        with self.store.read() as conn:
            rows = conn.execute(select(p.c.id, p.c.status).where(p.c.removed_at.is_(None)))
            pending = {r.id: r.status for r in rows if r.status not in FINAL_PAYMENT_STATUSES}
        events = []
        for request_id, status in pending.items():
            try:
                request = await self.client.get_payment_request(request_id)
            except NotFoundError:
                continue
            if request.status != status:
                stamp = request.updated_at.isoformat() if request.updated_at else request.status
                events.append(
                    {
                        "event": "payment_request/updated",
                        "eventId": f"poll:{request_id}:payment_request/updated:{request.status}:{stamp}",
                        "paymentRequestId": request_id,
                        "data": {"status": request.status},
                    }
                )
        return events

    async def poll_once(self) -> list[Applied]:
        applied = [await self.processor.apply(e, source="poll") for e in await self.derive_events()]
        self.cycles += 1
        return applied

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event, on_cycle: Callable[[list[Applied]], None] | None = None) -> None:
        while not stop.is_set():
            applied: list[Applied] = []
            try:
                applied = await self.poll_once()
            except FinanceHubError as exc:
                self.cycles += 1
                log.warning("polling Pluggy failed (will retry): %s", exc)
            if on_cycle is not None:
                with contextlib.suppress(Exception):
                    on_cycle(applied)
            await _sleep_or_wake(self._wake, stop, self.interval_seconds)
