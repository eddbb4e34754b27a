"""Every transaction of an account, fast: the v1 page-numbered ``GET /transactions`` with pages 2..N in flight
together (``pagination.iterate_page_envelopes_concurrently``), made safe against rows moving while it runs.

Offset paging and a live ledger: if the bank adds or removes rows between two page requests, rows shift across
page boundaries. An added row pushes the last row of a page onto the next page (it would be seen twice); a removed
row pulls the first row of a page onto the previous one (it would be missed). The policy, in this one place:

- every row is yielded once: rows whose id was already yielded are dropped (only ids are kept, not rows);
- the walk is checked: if any page reports a different ``total`` than the first page did, or a row came twice,
  rows moved under us and some may have been skipped, so the account is walked once more through the
  ``/v2/transactions`` cursor (keyset paging, immune to shifts) and only rows not yet yielded come out of that walk.
  Every row present at the end is then listed, at the price of a second walk in the rare run that races a change
  at the bank. What no offset listing can see: one row added and one removed between two page reads, on either
  side of a page boundary, leave the total unchanged and may hide one row without a trace; the sync engine's
  reconcile window (by date) and the next incremental sync are what catch such a row;
- the v1 endpoint is deprecated (removal announced for 2026-12-31): when its first page answers 404/410 the whole
  listing goes through the v2 cursor instead, one page at a time.

Incremental syncs keep using the v2 cursor with ``createdAtFrom`` (``DataApi.iter_transaction_pages``).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence

from ..config.logs import get_logger
from ..domain.errors import NotFoundError, PluggyServiceError
from .models.banking import Transaction
from .models.envelope import CursorPage, Page
from .pagination import iterate_cursor_pages, iterate_page_envelopes_concurrently

V1_ENDPOINT = "GET /transactions"
V2_ENDPOINT = "GET /v2/transactions"
log = get_logger("pluggy")


def _unseen(rows: Sequence[Transaction], seen: set[str]) -> list[Transaction]:
    fresh: list[Transaction] = []
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            fresh.append(row)
    return fresh


def _moved(totals: set[int | None], rows_read: int, rows_yielded: int) -> bool:
    """Whether the rows moved during the walk: the total changed, or some row came on two pages."""
    return len(totals) > 1 or rows_yielded < rows_read


def _v1_gone(exc: PluggyServiceError) -> bool:
    """A first page refused as if the route did not exist (404 without a business code, or 410 Gone)."""
    status = exc.context.get("status")
    code = exc.context.get("code_description")
    return status == 410 or (isinstance(exc, NotFoundError) and status == 404 and code in (None, "NOT_FOUND"))


async def all_transaction_pages(
    v1_page: Callable[[int], Awaitable[Page[Transaction]]],
    v2_page: Callable[[str | None], Awaitable[CursorPage[Transaction]]],
    *,
    window: int,
) -> AsyncIterator[list[Transaction]]:
    """Batches of rows in listing order, each row once; each batch is the not-yet-seen rows of one page."""
    seen: set[str] = set()
    totals: set[int | None] = set()
    read = 0
    again = False
    pages = iterate_page_envelopes_concurrently(v1_page, endpoint=V1_ENDPOINT, window=window)
    try:
        async with contextlib.aclosing(pages):
            async for page in pages:
                totals.add(page.total)
                read += len(page.results)
                fresh = _unseen(page.results, seen)
                if fresh:
                    yield fresh
    except PluggyServiceError as exc:
        if totals or not _v1_gone(exc):
            raise
        log.info("%s answered HTTP %s: listing through %s", V1_ENDPOINT, exc.context.get("status"), V2_ENDPOINT)
        again = True
    if not again and _moved(totals, read, len(seen)):
        log.info("%s: rows moved during the listing; checking with %s", V1_ENDPOINT, V2_ENDPOINT)
        again = True
    if again:
        async for cursor_page in iterate_cursor_pages(v2_page, endpoint=V2_ENDPOINT):
            fresh = _unseen(cursor_page.results, seen)
            if fresh:
                yield fresh
