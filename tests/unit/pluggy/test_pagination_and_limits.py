"""Pagination walks one page at a time; the rate limiter keeps us under Pluggy's per-minute limits; metrics
count what happened."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from financehub_desktop.domain.errors import MalformedResponseError
from financehub_desktop.pluggy.metrics import ClientMetrics, percentile
from financehub_desktop.pluggy.models import CursorPage, Page
from financehub_desktop.pluggy.pagination import cursor_after, iterate_cursor, iterate_pages
from financehub_desktop.pluggy.ratelimit import Limit, RateLimiter

from .fakes import FakeClock, FakePluggy, build_client, item_body, ok, transaction_body


@pytest.mark.asyncio
async def test_v1_pages_are_fetched_lazily_one_at_a_time(fake: FakePluggy, clock: FakeClock) -> None:
    def v1(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        rows = [transaction_body(f"p{page}-{i}") for i in range(2)]
        return ok({"page": page, "total": 6, "totalPages": 3, "results": rows})

    fake.routes["GET /transactions"] = v1
    async with build_client(fake, clock) as pluggy:
        walk = pluggy.iter_transactions_v1("acc-1", page_size=2)
        first = await anext(walk)
        assert first.id == "p1-0"
        assert len(fake.api_calls()) == 1  # nothing fetched ahead
        rest = [tx.id async for tx in walk]
    assert rest == ["p1-1", "p2-0", "p2-1", "p3-0", "p3-1"]
    assert [s.params["page"] for s in fake.api_calls()] == ["1", "2", "3"]
    assert {s.params["pageSize"] for s in fake.api_calls()} == {"2"}


@pytest.mark.asyncio
async def test_v2_cursor_sends_after_with_the_same_filters(fake: FakePluggy, clock: FakeClock) -> None:
    pages = {
        None: ([transaction_body("a")], "?accountId=acc-1&createdAtFrom=x&after=Y3Vyc29y%3D%3D"),
        "Y3Vyc29y==": ([transaction_body("b")], None),
    }
    fake.routes["GET /v2/transactions"] = lambda r: ok(
        {"results": pages[r.url.params.get("after")][0], "next": pages[r.url.params.get("after")][1]}
    )
    async with build_client(fake, clock) as pluggy:
        ids = [tx.id async for tx in pluggy.iter_transactions("acc-1", date_from=None)]
    assert ids == ["a", "b"]
    second = fake.api_calls()[1].params
    assert second == {"accountId": "acc-1", "after": "Y3Vyc29y=="}


@pytest.mark.asyncio
async def test_a_repeated_cursor_is_malformed_not_an_endless_loop() -> None:
    async def fetch(after: str | None) -> CursorPage[int]:
        return CursorPage[int](results=[1], next="?after=same")

    with pytest.raises(MalformedResponseError):
        [x async for x in iterate_cursor(fetch, endpoint="GET /v2/transactions")]


@pytest.mark.asyncio
async def test_page_walk_stops_on_an_empty_page_and_when_total_pages_is_missing() -> None:
    calls: list[int] = []

    async def fetch(page: int) -> Page[int]:
        calls.append(page)
        return Page[int](page=page, total_pages=None, results=[page])

    assert [x async for x in iterate_pages(fetch)] == [1]
    assert calls == [1]


def test_cursor_after_reads_query_strings_urls_and_bare_tokens() -> None:
    assert cursor_after("?accountId=1&after=abc%3D") == "abc="
    assert cursor_after("https://api.pluggy.ai/v2/transactions?after=zz&accountId=1") == "zz"
    assert cursor_after("opaque-token") == "opaque-token"
    with pytest.raises(MalformedResponseError):
        cursor_after("?accountId=1")
    with pytest.raises(MalformedResponseError):
        cursor_after("  ")


@pytest.mark.asyncio
async def test_categories_as_a_bare_array_are_one_page(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["GET /categories"] = lambda r: ok([{"id": "01000000", "description": "Income"}])
    async with build_client(fake, clock) as pluggy:
        page = await pluggy.list_categories()
    assert [c.id for c in page.results] == ["01000000"]
    assert page.total_pages == 1


# ---------------------------------------------------------------------------------------------- rate limits
@pytest.mark.asyncio
async def test_item_refresh_is_held_to_20_per_minute(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["PATCH /items/item-1"] = lambda r: ok(item_body(status="UPDATING"))
    async with build_client(fake, clock) as pluggy:
        start = clock.now
        for _ in range(21):
            await pluggy.update_item("item-1")
        snapshot = pluggy.metrics_snapshot()
    times = [s.at for s in fake.api_calls()]
    assert times[19] - start < 60
    assert times[20] - times[0] >= 60.0  # the 21st waits for the first to leave the window
    assert snapshot["endpoints"]["PATCH /items/{id}"]["rate_limit_wait_s"] > 0


@pytest.mark.asyncio
async def test_buckets_are_shared_by_related_endpoints_and_independent_of_others(clock: FakeClock) -> None:
    limiter = RateLimiter(
        {"GET /a": Limit("ab", 2), "GET /b": Limit("ab", 2), "GET /c": Limit("c", 1)},
        clock=clock,
        sleep=clock.sleep,
    )
    assert await limiter.acquire("GET /a") == 0
    assert await limiter.acquire("GET /b") == 0
    assert await limiter.acquire("GET /c") == 0
    assert await limiter.acquire("GET /unlimited") == 0
    assert limiter.wait_needed("GET /a") == pytest.approx(60.0)
    waited = await limiter.acquire("GET /a")
    assert waited == pytest.approx(60.0)


@pytest.mark.asyncio
async def test_concurrent_acquires_never_exceed_the_limit(clock: FakeClock) -> None:
    limiter = RateLimiter({"GET /a": Limit("a", 3)}, clock=clock, sleep=clock.sleep)
    granted: list[float] = []

    async def one() -> None:
        await limiter.acquire("GET /a")
        granted.append(clock.now)

    await asyncio.gather(*(one() for _ in range(7)))
    for t in granted:
        assert sum(1 for u in granted if t - 60 < u <= t) <= 3


@pytest.mark.asyncio
async def test_penalty_after_a_429_blocks_the_bucket(clock: FakeClock) -> None:
    limiter = RateLimiter({"GET /a": Limit("a", 100)}, clock=clock, sleep=clock.sleep)
    limiter.penalise("GET /a", 10)
    assert limiter.wait_needed("GET /a") == pytest.approx(10.0)
    start = clock.now
    await limiter.acquire("GET /a")
    assert clock.now - start == pytest.approx(10.0)


# ---------------------------------------------------------------------------------------------- metrics
def test_percentiles_are_nearest_rank() -> None:
    values = sorted(float(v) for v in range(1, 101))
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([], 50) == 0.0


@pytest.mark.asyncio
async def test_metrics_snapshot_counts_calls_failures_retries_and_latency(fake: FakePluggy, clock: FakeClock) -> None:
    def slow_ok(request: httpx.Request) -> httpx.Response:
        clock.advance(0.25)
        return ok(item_body())

    fake.script = [ok({}, 503), slow_ok]
    fake.routes["GET /items/missing"] = lambda r: ok({"code": 404, "codeDescription": "ITEM_NOT_FOUND"}, 404)
    async with build_client(fake, clock) as pluggy:
        await pluggy.get_item("item-1")
        with pytest.raises(Exception, match="ITEM_NOT_FOUND"):
            await pluggy.get_item("missing")
        snapshot = pluggy.metrics_snapshot()
    stats = snapshot["endpoints"]["GET /items/{id}"]
    assert stats["calls"] == 2
    assert stats["failures"] == 1
    assert stats["retries"] == 1
    assert stats["statuses"] == {"503": 1, "200": 1, "404": 1}
    assert stats["errors"] == {"NotFoundError": 1}
    assert stats["latency_ms"]["max"] == 250.0
    assert snapshot["totals"]["calls"] == 3  # + POST /auth
    assert snapshot["api_key_fetches"] == 1
    assert "item-1" not in str(snapshot)  # templates, never ids


def test_metrics_reset() -> None:
    metrics = ClientMetrics()
    metrics.record_call("GET /x", None)
    metrics.reset()
    assert metrics.snapshot()["totals"]["calls"] == 0
