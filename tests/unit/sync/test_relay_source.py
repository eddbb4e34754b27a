"""RelaySource against a scripted feed: cursor kept, restarted relay, retention gaps, bad answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, cast

import httpx
import pytest

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.store import Store, open_store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.sync.events import EventProcessor
from financehub_desktop.sync.sources import RelayFeedError, RelaySource

pytestmark = pytest.mark.asyncio
TOKEN = "feed-token-0123456789abcdef"


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store(profile_paths("relaysource"), kdf=ScryptParams(n=2**10, r=8, p=1))
    yield opened
    opened.close()


def entry(cursor: int, event_id: str) -> dict[str, Any]:
    payload = {
        "event": "transactions/deleted",
        "eventId": event_id,
        "itemId": "i",
        "accountId": "a",
        "transactionIds": ["t"],
    }
    return {
        "cursor": cursor,
        "eventId": event_id,
        "event": payload["event"],
        "receivedAt": "2026-12-04T12:00:00.000Z",
        "payload": payload,
    }


def page(
    events: list[dict[str, Any]],
    next_cursor: int,
    *,
    latest: int | None = None,
    more: bool = False,
    missed: bool = False,
) -> dict[str, Any]:
    return {
        "events": events,
        "nextCursor": next_cursor,
        "hasMore": more,
        "latestCursor": latest if latest is not None else next_cursor,
        "prunedThrough": 0,
        "missedEvents": missed,
    }


class Feed:
    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.asked: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        self.asked.append(int(request.url.params["after"]))
        return self.answers.pop(0)


def ok(body: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, content=json.dumps(body).encode())


def source(store: Store, feed: Feed) -> RelaySource:
    processor = EventProcessor(cast(Any, None), store)
    return RelaySource("http://relay.test", TOKEN, processor, transport=httpx.MockTransport(feed))


async def test_pages_are_applied_and_the_cursor_is_kept(store: Store) -> None:
    feed = Feed(ok(page([entry(1, "e1"), entry(2, "e2")], 2, latest=3, more=True)), ok(page([entry(3, "e1")], 3)))
    relay = source(store, feed)
    applied = await relay.pull_once()
    assert [a.new for a in applied] == [True, True, False], "e1 twice in the feed: one effect"
    assert feed.asked == [0, 2] and relay.cursor == 3
    again = Feed(ok(page([], 3)))
    assert await source(store, again).pull_once() == [] and again.asked == [3], "a restart continues at the cursor"


async def test_a_replaced_relay_is_read_from_the_start_and_gaps_are_counted(store: Store) -> None:
    first = source(store, Feed(ok(page([entry(7, "e7")], 7))))
    await first.pull_once()
    feed = Feed(ok(page([], 7, latest=2)), ok(page([entry(1, "n1"), entry(2, "n2")], 2, missed=True)))
    relay = source(store, feed)
    applied = await relay.pull_once()
    assert feed.asked == [7, 0]
    assert [a.event_id for a in applied] == ["n1", "n2"]
    assert relay.missed_events == 1 and relay.cursor == 2


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (httpx.Response(401), "unauthorized"),
        (httpx.Response(429, headers={"Retry-After": "30"}), "rate_limited"),
        (httpx.Response(503), "unavailable"),
        (httpx.Response(200, content=b"<html>proxy</html>"), "malformed"),
        (httpx.Response(200, content=b'{"events": "nope"}'), "malformed"),
    ],
)
async def test_bad_answers_are_typed_and_keep_the_cursor(store: Store, answer: httpx.Response, reason: str) -> None:
    relay = source(store, Feed(answer))
    with pytest.raises(RelayFeedError) as caught:
        await relay.pull_once()
    assert caught.value.reason == reason
    assert relay.cursor == 0
