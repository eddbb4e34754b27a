"""GET /events: the app pulls stored events in order by cursor, with a bearer token; retention prunes old ones."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from financehub_desktop.pluggy.webhooks import parse_relay_feed, parse_webhook_payload
from financehub_desktop.relay.store import EventStore, RelayStoreError

from .conftest import OLD_TOKEN, TOKEN, HarnessFactory, RelayHarness, event_body


async def _store_events(relay: RelayHarness, count: int, prefix: str = "evt") -> None:
    for n in range(count):
        response = await relay.deliver(event_body(event_id=f"{prefix}-{n:03d}"))
        assert response.status_code == 200


@pytest.mark.asyncio
async def test_the_feed_pages_in_order_by_cursor(relay: RelayHarness) -> None:
    await _store_events(relay, 25)
    seen: list[str] = []
    cursors: list[int] = []
    after = 0
    pages = 0
    while True:
        response = await relay.feed(after=after, limit=10)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        page = response.json()
        seen += [e["eventId"] for e in page["events"]]
        cursors += [e["cursor"] for e in page["events"]]
        after = page["nextCursor"]
        pages += 1
        if not page["hasMore"]:
            break
        typed = parse_relay_feed(response.content)  # the app's reader agrees with what the relay wrote
        assert [e.cursor for e in typed.events] == [e["cursor"] for e in page["events"]]
        assert typed.has_more == page["hasMore"]
        assert all(e.webhook_event().event_id == e.event_id for e in typed.events)
    assert pages == 3
    assert seen == [f"evt-{n:03d}" for n in range(25)]
    assert cursors == sorted(cursors)
    assert len(set(cursors)) == 25
    # Nothing new: an empty page that keeps the cursor where it was.
    empty = (await relay.feed(after=after)).json()
    assert empty["events"] == []
    assert empty["nextCursor"] == after
    assert empty["latestCursor"] == after
    # A new event shows up after the cursor, and only it.
    await relay.deliver(event_body(event_id="late"))
    late = (await relay.feed(after=after)).json()
    assert [e["eventId"] for e in late["events"]] == ["late"]


@pytest.mark.asyncio
async def test_the_payload_is_served_exactly_as_pluggy_sent_it(relay: RelayHarness) -> None:
    raw = b'{"event":"item/updated","eventId":"exact","itemId":"i","clientId":"client-0000-1111","amount":0.1}'
    assert (await relay.deliver(raw)).status_code == 200
    item = json.loads((await relay.feed()).content, parse_float=Decimal)["events"][0]
    assert item["event"] == "item/updated"
    assert item["eventId"] == "exact"
    assert item["receivedAt"].endswith("Z")
    assert item["payload"]["amount"] == Decimal("0.1")
    event = parse_webhook_payload(item["payload"])
    assert event.event_id == "exact"
    assert b'"amount":0.1}' in (await relay.feed()).content


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("token", "status"),
    [(None, 401), ("", 401), ("wrong-token-xxxxxxxxxxxxxxxx", 401), (TOKEN, 200)],
)
async def test_the_feed_requires_the_bearer_token(relay: RelayHarness, token: str | None, status: int) -> None:
    await _store_events(relay, 1)
    response = await relay.feed(token=token)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "events" not in response.json()


@pytest.mark.asyncio
async def test_the_delivery_secret_is_not_a_feed_token(relay: RelayHarness) -> None:
    from .conftest import SECRET

    assert (await relay.feed(token=SECRET)).status_code == 401


@pytest.mark.asyncio
async def test_a_rotated_feed_token_is_accepted(make_relay: HarnessFactory) -> None:
    relay = make_relay(feed_tokens=(TOKEN, OLD_TOKEN))
    assert (await relay.feed(token=OLD_TOKEN)).status_code == 200
    assert (await relay.feed(token=TOKEN)).status_code == 200
    basic = await relay.client_for().get("/events", headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401


@pytest.mark.asyncio
@pytest.mark.parametrize(("after", "limit"), [("-1", None), ("abc", None), (None, "0"), (None, "1001"), (None, "x")])
async def test_bad_query_parameters_are_400(relay: RelayHarness, after: str | None, limit: str | None) -> None:
    params = {k: v for k, v in (("after", after), ("limit", limit)) if v is not None}
    response = await relay.client_for().get("/events", params=params, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400


@pytest.mark.asyncio
async def test_a_cursor_beyond_the_latest_reveals_a_reset_relay(relay: RelayHarness) -> None:
    await _store_events(relay, 2)
    page = (await relay.feed(after=500)).json()
    assert page["events"] == []
    assert page["latestCursor"] == 2  # the app sees its cursor is ahead of the relay and starts over


@pytest.mark.asyncio
async def test_the_feed_is_rate_limited_per_source(make_relay: HarnessFactory) -> None:
    relay = make_relay(rate_limit_per_minute=60, rate_limit_burst=2)
    assert [(await relay.feed()).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.asyncio
async def test_retention_prunes_old_events_and_cursors_are_never_reused(make_relay: HarnessFactory) -> None:
    from datetime import timedelta

    relay = make_relay(retention=timedelta(days=30))
    await _store_events(relay, 3, "old")
    relay.clock.advance(20 * 86400)
    await _store_events(relay, 2, "recent")
    assert relay.relay.prune() == 0
    relay.clock.advance(11 * 86400)  # the first three are now 31 days old
    assert relay.relay.prune() == 3
    page = (await relay.feed(after=0)).json()
    assert [e["eventId"] for e in page["events"]] == ["recent-000", "recent-001"]
    assert page["prunedThrough"] == 3
    assert page["missedEvents"] is True  # a client at cursor 0 never saw the pruned three
    assert parse_relay_feed((await relay.feed(after=0)).content).missed_events
    assert (await relay.feed(after=3)).json()["missedEvents"] is False
    await relay.deliver(event_body(event_id="newest"))
    newest = (await relay.feed(after=5)).json()["events"]
    assert [(e["eventId"], e["cursor"]) for e in newest] == [("newest", 6)]


def test_cursors_keep_growing_after_everything_is_pruned(tmp_path: Path) -> None:
    store = EventStore(tmp_path / "e.sqlite3")
    try:
        for n in range(3):
            store.add(event_id=f"e{n}", event="item/updated", body="{}", received_at=100.0, source="s")
        assert store.prune(older_than=200.0) == 3
        assert store.add(event_id="e9", event="item/updated", body="{}", received_at=300.0, source="s").seq == 4
    finally:
        store.close()


def test_events_survive_a_restart_and_the_database_is_durable(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    store = EventStore(path)
    first = store.add(event_id="a", event="item/updated", body='{"x":1}', received_at=1.0, source="s")
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()
    reopened = EventStore(path)
    try:
        again = reopened.add(event_id="a", event="item/updated", body='{"x":1}', received_at=2.0, source="s")
        assert again.duplicate
        assert again.seq == first.seq
        assert [e.body for e in reopened.page(0, 10).events] == ['{"x":1}']
    finally:
        reopened.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_database_from_a_newer_relay_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    EventStore(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(RelayStoreError, match="newer relay"):
        EventStore(path)


def test_a_file_that_is_not_a_database_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(RelayStoreError):
        EventStore(path)
