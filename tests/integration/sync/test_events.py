"""Events: sandbox webhooks -> the relay -> RelaySource -> the store; idempotency; the polling fallback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import func, select

from financehub_desktop.relay.app import create_app as create_relay
from financehub_desktop.relay.config import RelayConfig
from financehub_desktop.relay.store import EventStore
from financehub_desktop.sandbox.app import create_app, state_of
from financehub_desktop.store import Store, schema
from financehub_desktop.store.schema_local import webhook_events
from financehub_desktop.sync.engine import SyncEngine
from financehub_desktop.sync.events import EventProcessor
from financehub_desktop.sync.sources import PollingSource, RelayFeedError, RelaySource

from .conftest import Sandbox, make_client, sandbox_config
from .expect import FAST_OPTIONS, sandbox_view, store_view

pytestmark = pytest.mark.asyncio
SECRET = "sync-test-delivery-secret-0123456789"
TOKEN = "sync-test-feed-token-abcdefghijklmnop"


class Requested:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def __call__(self, item_id: str, trigger: str) -> None:
        self.items.append((item_id, trigger))


@pytest_asyncio.fixture
async def relay_app(tmp_path: Path) -> AsyncIterator[Any]:
    config = RelayConfig(
        db_path=tmp_path / "relay.sqlite3",
        delivery_secrets=(SECRET,),
        feed_tokens=(TOKEN,),
        rate_limit_per_minute=60_000,
        rate_limit_burst=10_000,
    )
    events = EventStore(config.db_path)
    yield create_relay(config, store=events)
    events.close()


async def test_sandbox_webhooks_reach_the_store_through_the_relay(relay_app: Any, store: Store) -> None:
    app = create_app(sandbox_config(), webhook_transport=httpx.ASGITransport(app=relay_app))
    client = make_client(app)
    admin = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test")
    sandbox = Sandbox(app, client, admin)
    requested = Requested()
    processor = EventProcessor(client, store, request_sync=requested)
    source = RelaySource("http://relay.test", TOKEN, processor, transport=httpx.ASGITransport(app=relay_app))
    try:
        item = await sandbox.connect("user-ok")
        await SyncEngine(client, store, options=FAST_OPTIONS).sync_item(item.id)
        await client.create_webhook("http://relay.test/webhook", "all", headers={"X-Relay-Secret": SECRET})
        before = store_view(store, item.id)["transactions"]
        await sandbox.advance_days(3)
        await client.update_item(item.id)
        await sandbox.connect_wait(item.id)
        await state_of(app).dispatcher.drain()

        applied = await source.pull_once()

        names = {a.event for a in applied if a.new}
        assert {"item/updated", "transactions/created", "transactions/deleted"} <= names
        # The refresh was ours (triggeredBy CLIENT): the events carry its data, no second sync is asked for.
        assert requested.items == []
        expected = await sandbox_view(client, item.id)
        got = store_view(store, item.id)
        assert got["transactions"] == expected["transactions"], "events alone brought the store up to date"
        assert got["transactions"] != before
        assert await source.pull_once() == []
        restarted = RelaySource("http://relay.test", TOKEN, processor, transport=httpx.ASGITransport(app=relay_app))
        assert restarted.cursor == source.cursor > 0
        assert await restarted.pull_once() == []
        await restarted.aclose()
    finally:
        await source.aclose()
        await client.aclose()
        await admin.aclose()


async def test_relay_with_a_wrong_token_is_a_clear_error(relay_app: Any, sandbox: Sandbox, store: Store) -> None:
    processor = EventProcessor(sandbox.client, store)
    source = RelaySource(
        "http://relay.test", "wrong-token-0123456789abcdef", processor, transport=httpx.ASGITransport(app=relay_app)
    )
    with pytest.raises(RelayFeedError) as caught:
        await source.pull_once()
    assert caught.value.reason == "unauthorized"
    assert "wrong-token" not in str(caught.value) and "wrong-token" not in repr(source)
    await source.aclose()


async def test_the_same_event_1000_times_has_exactly_one_effect(
    sandbox: Sandbox, engine: SyncEngine, store: Store
) -> None:
    item = await sandbox.connect("user-ok")
    await engine.sync_item(item.id)
    with store.read() as conn:
        row = conn.execute(
            select(schema.transactions)
            .where(schema.transactions.c.status == "POSTED")
            .order_by(schema.transactions.c.date.desc())
        ).first()
    assert row is not None
    processor = EventProcessor(sandbox.client, store)
    deleted = {
        "event": "transactions/deleted",
        "eventId": "evt-delete-1",
        "itemId": item.id,
        "accountId": row.account_id,
        "transactionIds": [row.pluggy_id],
    }
    results = [await processor.apply(deleted) for _ in range(1000)]
    assert sum(r.new for r in results) == 1
    assert results[0].effect == "1 transactions removed"

    # The row comes back upstream (a sync restores it); replaying the old event must not hide it again.
    await engine.sync_item(item.id, refresh=False)
    replays = await asyncio.gather(*(processor.apply(deleted) for _ in range(1000)))
    assert not any(r.new for r in replays)
    with store.read() as conn:
        restored = conn.execute(
            select(schema.transactions.c.removed_at).where(schema.transactions.c.pluggy_id == row.pluggy_id)
        ).scalar_one()
        recorded = conn.execute(select(func.count()).select_from(webhook_events)).scalar_one()
    assert restored is None
    assert recorded == 1

    # A new event applied concurrently: the eventId is recorded once, with its effect, in one transaction.
    created = {
        "event": "transactions/created",
        "eventId": "evt-created-1",
        "itemId": item.id,
        "accountId": row.account_id,
        "transactionsCreatedAtFrom": "2000-01-01T00:00:00.000Z",
    }
    concurrent = await asyncio.gather(*(processor.apply(created) for _ in range(20)))
    assert sum(r.new for r in concurrent) == 1


async def test_polling_notices_an_item_update_within_one_interval(
    sandbox: Sandbox, engine: SyncEngine, store: Store
) -> None:
    item = await sandbox.connect("user-ok")
    await engine.sync_item(item.id)
    requested = Requested()
    processor = EventProcessor(sandbox.client, store, request_sync=requested)
    poller = PollingSource(sandbox.client, processor, interval_seconds=0.02)
    assert await poller.poll_once() == [], "nothing changed since the sync: no event"

    stop = asyncio.Event()
    cycles_with_event: list[int] = []
    update_done_at_cycle: list[int] = []

    def on_cycle(applied: list[Any]) -> None:
        if any(a.new and a.event == "item/updated" for a in applied):
            cycles_with_event.append(poller.cycles)
            stop.set()

    runner = asyncio.create_task(poller.run(stop, on_cycle))
    await sandbox.advance_days(1)
    await sandbox.client.update_item(item.id)
    await sandbox.connect_wait(item.id)
    update_done_at_cycle.append(poller.cycles)
    await asyncio.wait_for(runner, timeout=30)
    assert cycles_with_event, "the poller never derived item/updated"
    assert cycles_with_event[0] <= update_done_at_cycle[0] + 1, "noticed within one polling interval"
    assert requested.items == [(item.id, "poll")]
    assert await poller.poll_once() == [], "the change was applied once; the next poll derives nothing"
