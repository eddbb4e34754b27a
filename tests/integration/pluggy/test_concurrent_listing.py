"""``iter_all_transaction_pages`` against the sandbox: the same rows as the v2 cursor, in order; the client's
``max_in_flight`` holds over real loopback; a failure mid-way stops everything with the typed error; the bank
changing the ledger in the middle of the walk; the v1 endpoint gone."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from financehub_desktop.domain import errors as de
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models.banking import Transaction
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.sandbox.server import serve_in_thread

from .conftest import Sandbox, connected_item, wait_for_item

PAGE = 50  # small pages, so an ordinary sandbox account spans several


async def cursor_ids(pluggy: PluggyClient, account_id: str) -> list[str]:
    return [t.id async for t in pluggy.iter_transactions(account_id)]


async def listed(pluggy: PluggyClient, account_id: str, **options: Any) -> list[Transaction]:
    return [
        t async for batch in pluggy.iter_all_transaction_pages(account_id, page_size=PAGE, **options) for t in batch
    ]


async def busiest_account(pluggy: PluggyClient, item_id: str) -> str:
    accounts = (await pluggy.list_accounts(item_id)).results
    sizes = [(await pluggy.list_transactions(a.id, page_size=1)).total or 0 for a in accounts]
    return accounts[sizes.index(max(sizes))].id


@pytest.mark.asyncio
async def test_the_concurrent_listing_has_the_cursors_rows_in_the_cursors_order(
    sandbox: Sandbox, pluggy: PluggyClient
) -> None:
    item = await connected_item(pluggy)
    for account in (await pluggy.list_accounts(item.id)).results:
        expected = await cursor_ids(pluggy, account.id)
        await sandbox.clear_requests()
        rows = await listed(pluggy, account.id, window=3)
        assert [t.id for t in rows] == expected
        pages = [r for r in await sandbox.requests("/transactions") if r["method"] == "GET"]
        assert len(pages) == max(1, -(-len(expected) // PAGE))  # each page once, no v2 walk on a steady ledger
        assert not await sandbox.requests("/v2/transactions")


@pytest.mark.asyncio
async def test_in_flight_requests_never_exceed_the_clients_limit_over_loopback() -> None:
    config = SandboxConfig(seed=1, step_seconds=0.01, latency_ms=15, rate_limits=False)
    with serve_in_thread(config) as url:
        policy = RetryPolicy(base_delay=0.01, max_delay=0.05)
        async with PluggyClient(url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, retry=policy, max_in_flight=3) as pluggy:
            item = await connected_item(pluggy)
            accounts = (await pluggy.list_accounts(item.id)).results
            expected = {a.id: await cursor_ids(pluggy, a.id) for a in accounts}
            results = await asyncio.gather(*(listed(pluggy, a.id, window=4) for a in accounts))
            snapshot = pluggy.metrics_snapshot()
    assert {a.id: [t.id for t in rows] for a, rows in zip(accounts, results, strict=True)} == expected
    assert pluggy.max_in_flight == 3
    assert snapshot["in_flight"] == {"now": 0, "peak": 3}  # used to the full, never beyond


@pytest.mark.asyncio
async def test_a_page_failing_mid_way_stops_the_listing_with_the_typed_error(
    sandbox: Sandbox, pluggy: PluggyClient
) -> None:
    item = await connected_item(pluggy)
    account_id = await busiest_account(pluggy, item.id)
    batches = pluggy.iter_all_transaction_pages(account_id, page_size=PAGE, window=3)
    got: list[Transaction] = []

    async def walk() -> None:
        async with contextlib.aclosing(batches):  # type: ignore[type-var]
            async for batch in batches:
                got.extend(batch)
                if len(got) == PAGE:  # page 1 is in: from now on the server fails every page request
                    await sandbox.clear_requests()
                    await sandbox.fault(kind="error", method="GET", path="/transactions", status=500, count=None)

    with pytest.raises(de.PluggyUnavailableError) as info:
        await walk()
    assert info.value.context["endpoint"] == "GET /transactions"
    assert len(got) == PAGE  # nothing half-read came out
    hits = await sandbox.requests("/transactions")
    await asyncio.sleep(0.05)
    assert await sandbox.requests("/transactions") == hits  # nothing was left running after the error
    assert {r["status"] for r in hits} == {500}
    assert len(hits) <= 3 * RetryPolicy().max_attempts  # the window's pages and their retries, nothing more


@pytest.mark.asyncio
async def test_a_bank_update_in_the_middle_of_the_walk_loses_nothing_and_repeats_nothing(
    sandbox: Sandbox, pluggy: PluggyClient
) -> None:
    item = await connected_item(pluggy)
    account_id = (await pluggy.list_accounts(item.id)).results[0].id  # the checking account: rows come and go
    rows: list[Transaction] = []
    batches = pluggy.iter_all_transaction_pages(account_id, page_size=PAGE, window=2)
    async with contextlib.aclosing(batches):  # type: ignore[type-var]
        async for batch in batches:
            if not rows:  # after page 1: days pass, the item is updated (new rows, one PIX reversed and gone)
                response = await sandbox.admin.post("/_sandbox/clock/advance", json={"days": 5})
                assert response.status_code == 200, response.text
                await pluggy.update_item(item.id)
                await wait_for_item(pluggy, item.id)
            rows.extend(batch)
    ids = [t.id for t in rows]
    now = await cursor_ids(pluggy, account_id)
    assert len(ids) == len(set(ids))
    assert set(now) <= set(ids)  # every row there at the end, each once (the v2 check found what moved)
    assert await sandbox.requests("/v2/transactions")  # the check did run: the total had changed


@pytest.mark.asyncio
async def test_when_the_v1_endpoint_is_gone_the_listing_uses_the_cursor(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    item = await connected_item(pluggy)
    account_id = await busiest_account(pluggy, item.id)
    expected = await cursor_ids(pluggy, account_id)
    await sandbox.fault(kind="error", method="GET", path="/transactions", status=410, count=1)
    assert [t.id for t in await listed(pluggy, account_id)] == expected


@pytest.mark.asyncio
async def test_filters_and_arguments_are_checked_up_front(pluggy: PluggyClient) -> None:
    from datetime import UTC, date, datetime

    with pytest.raises(de.InvalidInputError):
        pluggy.iter_all_transaction_pages(
            "a", date_from=date(2024, 1, 1), created_at_from=datetime(2024, 1, 1, tzinfo=UTC)
        )
    with pytest.raises(de.InvalidInputError):
        pluggy.iter_all_transaction_pages("a", window=0)
