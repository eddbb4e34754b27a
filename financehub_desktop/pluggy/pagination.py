"""Async iterators over Pluggy's two pagination styles, one page in memory at a time (pluggy-api.md §3).

- v1 page envelopes ``{page, total, totalPages, results}``: ask page 1, 2, ... until ``totalPages``;
- v2 cursors ``{results, next}``: ``next`` is a ready query string (``?accountId=..&after=<opaque>``); we send its
  ``after`` value with the same filters until ``next`` is null.

A server that repeats a cursor, or claims more pages than is sane, is a malformed response, not an endless loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

from ..domain.errors import MalformedResponseError
from .errors import malformed
from .models.envelope import CursorPage, Page

T = TypeVar("T")
MAX_PAGES = 100_000


async def iterate_page_envelopes(
    fetch: Callable[[int], Awaitable[Page[T]]], *, endpoint: str = "page", start: int = 1
) -> AsyncIterator[Page[T]]:
    """Yields each page envelope in order; fetches the next only when the caller asks for it."""
    number = start
    while True:
        page = await fetch(number)
        yield page
        total_pages = page.total_pages if page.total_pages is not None else number
        if total_pages > MAX_PAGES:
            raise malformed(endpoint, "totalPages", f"implausible value {total_pages}")
        if number >= total_pages or not page.results:
            return
        number += 1


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
