"""Async iterators over Pluggy's two pagination styles, one page in memory at a time (pluggy-api.md §3).

- v1 page envelopes ``{page, total, totalPages, results}``: ask page 1, 2, ... until ``totalPages``;
- v2 cursors ``{results, next}``: ``next`` is a ready query string (``?accountId=..&after=<opaque>``); we send its
  ``after`` value with the same filters until ``next`` is null.

A server that repeats a cursor, or claims more pages than is sane, is a malformed response, not an endless loop.

``iterate_page_envelopes_concurrently`` walks a v1 envelope with pages 2..N requested ahead, at most ``window``
pages fetched-but-not-yet-yielded at a time, yielding them in page order.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

from ..domain.errors import MalformedResponseError
from .errors import malformed
from .models.envelope import CursorPage, Page

T = TypeVar("T")
MAX_PAGES = 100_000
#: Pages of one listing requested ahead by default (each is up to 500 rows in memory until it is yielded).
DEFAULT_WINDOW = 4


async def iterate_page_envelopes(
    fetch: Callable[[int], Awaitable[Page[T]]], *, endpoint: str = "page", start: int = 1
) -> AsyncIterator[Page[T]]:
    """Yields each page envelope in order; fetches the next only when the caller asks for it."""
    number = start
    while True:
        page = await fetch(number)
        yield page
        total_pages = _total_pages(page, number, endpoint)
        if number >= total_pages or not page.results:
            return
        number += 1


def _total_pages(page: Page[T], number: int, endpoint: str) -> int:
    total_pages = page.total_pages if page.total_pages is not None else number
    if total_pages > MAX_PAGES:
        raise malformed(endpoint, "totalPages", f"implausible value {total_pages}")
    return total_pages


async def _head_in_order(tasks: dict[int, asyncio.Task[Page[T]]], number: int) -> Page[T]:
    """The result of page ``number`` once it is in; the first failure of ANY page in flight is raised at once
    (the caller's ``finally`` cancels the rest), so a failed page 7 does not wait behind a slow page 3."""
    head = tasks[number]
    while True:
        for task in tasks.values():
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        if head.done():
            return head.result()
        await asyncio.wait([t for t in tasks.values() if not t.done()], return_when=asyncio.FIRST_COMPLETED)


async def iterate_page_envelopes_concurrently(
    fetch: Callable[[int], Awaitable[Page[T]]], *, endpoint: str = "page", window: int = DEFAULT_WINDOW
) -> AsyncGenerator[Page[T], None]:
    """Page 1 first (it tells ``totalPages``), then pages 2..N with up to ``window`` of them requested ahead of the
    one being yielded; pages are yielded in order, so memory holds at most ``window`` pages.

    - A page that fails (after the client's own retries) cancels every page still in flight and its typed error is
      raised; the pages yielded before it stay valid.
    - Offset pages can move while they are read. A later page that reports MORE pages than page 1 did extends the
      walk; the walk stops at the last page known or after the first page that comes back empty (rows were
      removed; that page is yielded too, for its ``total``).
      Rows seen twice or skipped because of such a shift are the caller's to handle (see ``pluggy/listing.py``).
    - Closing the iterator early (``aclose``, or the consuming task cancelled) cancels the pages in flight.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    first = await fetch(1)
    yield first
    target = _total_pages(first, 1, endpoint)
    if target <= 1 or not first.results:
        return
    tasks: dict[int, asyncio.Task[Page[T]]] = {}
    scheduled = 1
    number = 2
    try:
        while number <= target:
            while scheduled < target and len(tasks) < window:
                scheduled += 1
                tasks[scheduled] = asyncio.ensure_future(fetch(scheduled))
            page = await _head_in_order(tasks, number)
            del tasks[number]
            yield page
            if not page.results:
                return
            target = max(target, _total_pages(page, number, endpoint))
            number += 1
    finally:
        for task in tasks.values():
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks.values(), return_exceptions=True)


async def iterate_pages(
    fetch: Callable[[int], Awaitable[Page[T]]], *, endpoint: str = "page", start: int = 1
) -> AsyncIterator[T]:
    """Every result of every page, in order."""
    async for page in iterate_page_envelopes(fetch, endpoint=endpoint, start=start):
        for result in page.results:
            yield result


def cursor_after(next_query: str, *, endpoint: str = "cursor") -> str:
    """The ``after`` value of a ``next`` query string (``?accountId=..&after=..``, or a full URL, or a bare token)."""
    text = next_query.strip()
    if not text:
        raise malformed(endpoint, "next", "empty cursor")
    if "=" not in text:
        return text
    query = urlsplit(text).query or text.lstrip("?")
    values = parse_qs(query, keep_blank_values=True).get("after")
    if not values or not values[-1]:
        raise malformed(endpoint, "next", "no 'after' in the cursor")
    return values[-1]


async def iterate_cursor_pages(
    fetch: Callable[[str | None], Awaitable[CursorPage[T]]], *, endpoint: str = "cursor", after: str | None = None
) -> AsyncIterator[CursorPage[T]]:
    """Yields each cursor page; ``fetch(after)`` gets ``None`` for the first page."""
    seen: set[str] = set()
    cursor = after
    for _ in range(MAX_PAGES):
        page = await fetch(cursor)
        yield page
        if not page.next:
            return
        cursor = cursor_after(page.next, endpoint=endpoint)
        if cursor in seen:
            raise malformed(endpoint, "next", "the server repeated a cursor")
        seen.add(cursor)
    raise MalformedResponseError(f"{endpoint}: more than {MAX_PAGES} pages", endpoint=endpoint, field="next")


async def iterate_cursor(
    fetch: Callable[[str | None], Awaitable[CursorPage[T]]], *, endpoint: str = "cursor", after: str | None = None
) -> AsyncIterator[T]:
    """Every result behind a cursor, in order."""
    async for page in iterate_cursor_pages(fetch, endpoint=endpoint, after=after):
        for result in page.results:
            yield result
