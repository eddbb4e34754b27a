"""``iterate_page_envelopes_concurrently`` and the transaction listing built on it (``pluggy/listing.py``), with
scripted page fetchers: order, the window bound, fail-fast cancellation, page counts that move, dedupe, the v2
check and the fallback when the v1 endpoint is gone."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from financehub_desktop.domain import errors as de
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.listing import all_transaction_pages
from financehub_desktop.pluggy.models.banking import Transaction
from financehub_desktop.pluggy.models.envelope import CursorPage, Page
from financehub_desktop.pluggy.pagination import iterate_page_envelopes_concurrently

from .fakes import CLIENT_ID, CLIENT_SECRET, make_jwt


def tx(n: int) -> Transaction:
    return Transaction.model_validate(
        {"id": f"t{n:04d}", "currencyCode": "BRL", "amount": Decimal("1.00"), "date": "2024-09-01T00:00:00.000Z"}
    )


class ScriptedPages:
    """Pages of ``size`` rows over ``rows`` (which a test may change between calls); records what is in flight."""

    def __init__(self, rows: list[int], size: int, *, delay: Callable[[int], float] = lambda n: 0.001) -> None:
        self.rows = rows
        self.size = size
        self.delay = delay
        self.in_flight = 0
        self.peak = 0
        self.started: list[int] = []
        self.finished: list[int] = []
        self.cancelled: list[int] = []
        self.fail: dict[int, BaseException] = {}
        self.before: dict[int, Callable[[], None]] = {}

    async def __call__(self, number: int) -> Page[Transaction]:
        self.started.append(number)
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await asyncio.sleep(self.delay(number))
            if number in self.before:
                self.before.pop(number)()
            if number in self.fail:
                raise self.fail[number]
            chunk = self.rows[(number - 1) * self.size : number * self.size]
            total = len(self.rows)
            return Page[Transaction](
                page=number, total=total, total_pages=-(-total // self.size), results=[tx(n) for n in chunk]
            )
        except asyncio.CancelledError:
            self.cancelled.append(number)
            raise
        finally:
            self.in_flight -= 1
            self.finished.append(number)


def cursor_over(rows: list[int], size: int) -> Callable[[str | None], Awaitable[CursorPage[Transaction]]]:
    async def fetch(after: str | None) -> CursorPage[Transaction]:
        start = int(after) if after else 0
        chunk = rows[start : start + size]
        more = start + size < len(rows)
        return CursorPage[Transaction](
            results=[tx(n) for n in chunk], next=f"?accountId=a&after={start + size}" if more else None
        )

    return fetch


async def collect(pages: Any) -> list[int]:
    return [p.page async for p in pages]


@pytest.mark.asyncio
async def test_pages_come_in_order_even_when_later_pages_answer_first() -> None:
    fetch = ScriptedPages(list(range(95)), 10, delay=lambda n: 0.02 if n in (2, 5) else 0.001)
    pages = [p async for p in iterate_page_envelopes_concurrently(fetch, window=4)]
    assert [p.page for p in pages] == list(range(1, 11))
    assert [r.id for p in pages for r in p.results] == [f"t{n:04d}" for n in range(95)]
    assert fetch.finished.index(3) < fetch.finished.index(2)  # page 3 answered before page 2 and still came after it


@pytest.mark.asyncio
@pytest.mark.parametrize("window", [1, 2, 5])
async def test_never_more_than_window_pages_requested_ahead(window: int) -> None:
    fetch = ScriptedPages(list(range(200)), 10, delay=lambda n: 0.002)
    held = 0

    async for page in iterate_page_envelopes_concurrently(fetch, window=window):
        held = max(held, fetch.in_flight)
        await asyncio.sleep(0.005)  # a slow consumer: finished pages wait, and count against the window
        assert page.results
    assert fetch.peak == window
    assert held <= window
    assert sorted(fetch.started) == list(range(1, 21))


@pytest.mark.asyncio
async def test_a_failing_page_cancels_the_pages_in_flight_and_raises_its_typed_error() -> None:
    fetch = ScriptedPages(list(range(100)), 10, delay=lambda n: 0.001 if n == 4 else 0.2)
    fetch.fail[4] = de.PluggyUnavailableError("GET /transactions: HTTP 503", endpoint="GET /transactions", status=503)
    seen: list[int] = []

    async def walk() -> None:
        async for page in iterate_page_envelopes_concurrently(fetch, window=4):
            seen.append(page.page or 0)

    with pytest.raises(de.PluggyUnavailableError) as info:
        await walk()
    assert info.value.context["endpoint"] == "GET /transactions"
    assert seen == [1]  # pages 2 and 3 were still slow when page 4 failed: nothing after page 1 was yielded
    assert sorted(fetch.cancelled) == [2, 3, 5]  # the failure did not wait for the slow pages: they were cancelled
    assert fetch.in_flight == 0
    assert max(fetch.started) == 5  # nothing was requested after the failure


@pytest.mark.asyncio
async def test_closing_early_cancels_what_is_in_flight() -> None:
    fetch = ScriptedPages(list(range(100)), 10, delay=lambda n: 0.001 if n <= 2 else 0.5)
    pages = iterate_page_envelopes_concurrently(fetch, window=3)
    async with contextlib.aclosing(pages):
        async for page in pages:
            if page.page == 2:
                break
    assert fetch.in_flight == 0
    assert sorted(fetch.cancelled) == [3, 4]


@pytest.mark.asyncio
async def test_more_pages_appearing_during_the_walk_are_fetched() -> None:
    rows = list(range(30))  # 3 pages of 10 when page 1 is read
    fetch = ScriptedPages(rows, 10, delay=lambda n: 0.001 * n)
    fetch.before[2] = lambda: rows.extend(range(1000, 1025))  # the bank adds 25 rows at the end: now 6 pages
    pages = [p async for p in iterate_page_envelopes_concurrently(fetch, window=2)]
    assert [p.page for p in pages] == [1, 2, 3, 4, 5, 6]
    assert pages[-1].results[-1].id == "t1024"


@pytest.mark.asyncio
async def test_fewer_pages_end_the_walk_at_the_first_empty_page() -> None:
    rows = list(range(50))
    fetch = ScriptedPages(rows, 10)
    fetch.before[2] = lambda: rows.__delitem__(slice(25, 50))  # 25 rows gone: page 4 and 5 come back empty
    pages = [p async for p in iterate_page_envelopes_concurrently(fetch, window=1)]
    assert [p.page for p in pages] == [1, 2, 3, 4]
    assert [len(p.results) for p in pages] == [10, 10, 5, 0]
    assert pages[-1].total == 25
    assert fetch.started == [1, 2, 3, 4]


@pytest.mark.asyncio
async def test_an_implausible_page_count_is_malformed_not_an_endless_walk() -> None:
    async def fetch(number: int) -> Page[Transaction]:
        return Page[Transaction](page=number, total=10**9, total_pages=10**7, results=[tx(number)])

    with pytest.raises(de.MalformedResponseError) as info:
        [p async for p in iterate_page_envelopes_concurrently(fetch, endpoint="GET /transactions")]
    assert info.value.context["field"] == "totalPages"


@pytest.mark.asyncio
async def test_a_window_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="window"):
        [p async for p in iterate_page_envelopes_concurrently(ScriptedPages([1], 10), window=0)]


# ---------------------------------------------------------------------------------------------- the listing
async def listed(rows: list[int], fetch: ScriptedPages, cursor_rows: list[int] | None = None) -> list[str]:
    v2 = cursor_over(cursor_rows if cursor_rows is not None else rows, 7)
    return [t.id async for batch in all_transaction_pages(fetch, v2, window=3) for t in batch]


@pytest.mark.asyncio
async def test_a_row_inserted_during_the_walk_is_listed_once_and_nothing_is_lost() -> None:
    rows = list(range(40))
    fetch = ScriptedPages(rows, 10, delay=lambda n: 0.001 * n)
    fetch.before[3] = lambda: rows.insert(0, 999)  # every row shifts one place down: row 19 is on page 2 AND 3
    ids = await listed(rows, fetch)
    assert sorted(ids) == sorted(f"t{n:04d}" for n in rows)
    assert len(ids) == len(set(ids))


@pytest.mark.asyncio
async def test_a_row_removed_during_the_walk_does_not_hide_its_neighbour() -> None:
    rows = list(range(40))
    fetch = ScriptedPages(rows, 10, delay=lambda n: 0.001 * n)
    fetch.before[3] = lambda: rows.remove(5)  # every later row shifts up: row 20 moves to page 2, already read
    ids = await listed(rows, fetch)
    assert "t0020" in ids  # found again by the v2 check the changed total triggered
    assert sorted(ids) == sorted(f"t{n:04d}" for n in [*range(40)])  # t0005 was yielded before it was removed
    assert len(ids) == len(set(ids))


@pytest.mark.asyncio
async def test_a_row_seen_twice_triggers_the_check_even_when_the_total_did_not_move() -> None:
    rows = list(range(40))
    fetch = ScriptedPages(rows, 10, delay=lambda n: 0.001 * n)

    def add_one_remove_one() -> None:
        rows.insert(0, 999)  # a new row in front (already read) ...
        rows.pop()  # ... and the last one gone: still 40 rows, everything after the front shifted by one

    fetch.before[3] = add_one_remove_one
    ids = await listed(rows, fetch)
    assert "t0999" in ids
    assert len(ids) == len(set(ids))
    assert {f"t{n:04d}" for n in rows} <= set(ids)


@pytest.mark.asyncio
async def test_a_steady_listing_makes_no_second_walk() -> None:
    rows = list(range(35))
    fetch = ScriptedPages(rows, 10)
    calls: list[str | None] = []

    async def v2(after: str | None) -> CursorPage[Transaction]:
        calls.append(after)
        raise AssertionError("no v2 walk expected")

    ids = [t.id async for batch in all_transaction_pages(fetch, v2, window=3) for t in batch]
    assert ids == [f"t{n:04d}" for n in rows]
    assert calls == []


@pytest.mark.asyncio
@pytest.mark.parametrize(("status", "code"), [(404, None), (404, "NOT_FOUND"), (410, "GONE")])
async def test_when_v1_is_gone_the_listing_goes_through_the_cursor(status: int, code: str | None) -> None:
    rows = list(range(23))
    fetch = ScriptedPages(rows, 10)
    cls = de.NotFoundError if status == 404 else de.PluggyServiceError
    fetch.fail[1] = cls("GET /transactions: gone", endpoint="GET /transactions", status=status, code_description=code)
    assert await listed(rows, fetch) == [f"t{n:04d}" for n in rows]


@pytest.mark.asyncio
async def test_an_unknown_account_is_still_an_error() -> None:
    fetch = ScriptedPages([], 10)
    fetch.fail[1] = de.NotFoundError(
        "GET /transactions: HTTP 404", endpoint="GET /transactions", status=404, code_description="ACCOUNT_NOT_FOUND"
    )
    with pytest.raises(de.NotFoundError):
        await listed([], fetch)


@pytest.mark.asyncio
async def test_a_failure_after_the_first_page_is_not_mistaken_for_a_removed_endpoint() -> None:
    rows = list(range(30))
    fetch = ScriptedPages(rows, 10)
    fetch.fail[2] = de.NotFoundError("GET /transactions: HTTP 404", endpoint="GET /transactions", status=404)
    with pytest.raises(de.NotFoundError):
        await listed(rows, fetch)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    size=st.integers(1, 12),
    count=st.integers(0, 60),
    window=st.integers(1, 6),
    add=st.booleans(),
    changes=st.lists(st.tuples(st.integers(2, 8), st.integers(0, 80)), max_size=4),
)
def test_every_row_there_at_the_end_is_listed_exactly_once(
    size: int, count: int, window: int, add: bool, changes: list[tuple[int, int]]
) -> None:
    """Rows added (or removed) anywhere while the pages are read: each row present at the end comes out exactly
    once; a removed row may have come out before it went (pluggy/listing.py says what a mix of both can hide)."""
    rows = list(range(count))
    fresh = iter(range(10_000, 20_000))
    fetch = ScriptedPages(rows, size, delay=lambda n: 0.0005 * (n % 3))
    for page, where in changes:

        def change(where: int = where) -> None:
            if add:
                rows.insert(min(where, len(rows)), next(fresh))
            elif rows:
                rows.pop(where % len(rows))

        fetch.before.setdefault(page, change)

    async def run() -> list[str]:
        v2 = cursor_over(rows, 7)
        return [t.id async for batch in all_transaction_pages(fetch, v2, window=window) for t in batch]

    ids = asyncio.run(run())
    assert len(ids) == len(set(ids))
    assert {f"t{n:04d}" for n in rows} <= set(ids)


# ---------------------------------------------------------------------------------------------- the client's gate
@pytest.mark.asyncio
async def test_the_in_flight_gate_holds_for_every_caller_of_one_client() -> None:
    on_the_wire = {"now": 0, "peak": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/auth":
            return httpx.Response(200, json={"apiKey": make_jwt(time.time() + 7200)})
        on_the_wire["now"] += 1
        on_the_wire["peak"] = max(on_the_wire["peak"], on_the_wire["now"])
        await asyncio.sleep(0.002)
        on_the_wire["now"] -= 1
        return httpx.Response(200, json={"page": 1, "total": 0, "totalPages": 0, "results": []})

    transport = httpx.MockTransport(handler)
    async with PluggyClient("https://pluggy.test", CLIENT_ID, CLIENT_SECRET, transport=transport, max_in_flight=3) as c:
        calls = [c.list_accounts("item") for _ in range(8)] + [c.list_categories() for _ in range(8)]
        await asyncio.gather(*calls)
        snapshot = c.metrics_snapshot()
    assert on_the_wire["peak"] == 3
    assert snapshot["in_flight"] == {"now": 0, "peak": 3}
    assert snapshot["totals"]["calls"] == 17  # 16 calls and one /auth, none lost waiting at the gate


def test_a_client_without_room_for_one_request_is_refused() -> None:
    with pytest.raises(de.InvalidInputError):
        PluggyClient("https://pluggy.test", CLIENT_ID, CLIENT_SECRET, max_in_flight=0)
