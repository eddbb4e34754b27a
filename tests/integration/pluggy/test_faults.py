"""Fault injection through the sandbox's admin API: 429 with Retry-After (no request sent early), 5xx bursts,
truncated bodies, timeouts, and the API key expiring in the middle of a pagination."""

from __future__ import annotations

import asyncio

import pytest

from financehub_desktop.domain import errors as de
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.sandbox.server import serve_in_thread

from .conftest import Sandbox, connected_item


@pytest.mark.asyncio
async def test_429_retry_after_is_honoured_and_nothing_is_sent_early(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    item = await connected_item(pluggy)
    await sandbox.clear_requests()
    await sandbox.fault(kind="rate_limit", method="GET", path=f"/items/{item.id}", retry_after=1, count=1)
    again = await pluggy.get_item(item.id)
    assert again.id == item.id
    hits = [r for r in await sandbox.requests(f"/items/{item.id}") if r["method"] == "GET"]
    assert [r["status"] for r in hits] == [429, 200]
    assert hits[1]["monotonic"] - hits[0]["monotonic"] >= 1.0


@pytest.mark.asyncio
async def test_5xx_burst_is_ridden_out(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    await pluggy.list_categories()  # fetch the key first
    await sandbox.clear_requests()
    await sandbox.fault(kind="error", method="GET", path="/categories", status=503, count=3)
    page = await pluggy.list_categories()
    assert page.results
    statuses = [r["status"] for r in await sandbox.requests("/categories")]
    assert statuses == [503, 503, 503, 200]
    assert pluggy.metrics_snapshot()["endpoints"]["GET /categories"]["retries"] == 3


@pytest.mark.asyncio
async def test_5xx_on_create_item_is_not_repeated(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    await pluggy.list_connectors()
    await sandbox.clear_requests()
    await sandbox.fault(kind="error", method="POST", path="/items", status=500, count=5)
    with pytest.raises(de.PluggyUnavailableError):
        await pluggy.create_item(2, {"user": "user-ok", "password": "password-ok"})
    assert len([r for r in await sandbox.requests("/items") if r["method"] == "POST"]) == 1


@pytest.mark.asyncio
async def test_truncated_body_is_a_malformed_response_not_half_data(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    item = await connected_item(pluggy)
    account = (await pluggy.list_accounts(item.id)).results[0]
    await sandbox.fault(kind="truncate", method="GET", path="/v2/transactions", count=1)
    with pytest.raises(de.MalformedResponseError) as info:
        [tx async for tx in pluggy.iter_transactions(account.id)]
    assert info.value.context["endpoint"] == "GET /v2/transactions"
    complete = [tx async for tx in pluggy.iter_transactions(account.id)]  # the next try is whole again
    assert complete


@pytest.mark.asyncio
async def test_api_key_expiring_in_the_middle_of_a_pagination(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    item = await connected_item(pluggy, user="user-ok-perf-20x")
    account = next(a for a in (await pluggy.list_accounts(item.id)).results if a.type == "BANK")
    reference = [tx.id async for tx in pluggy.iter_transactions(account.id)]
    pages = await sandbox.requests("/v2/transactions")
    assert len(pages) >= 2, "the perf item must span several cursor pages"
    fetches_before = pluggy.metrics_snapshot()["api_key_fetches"]

    seen: list[str] = []
    walk = pluggy.iter_transactions(account.id)
    async for tx in walk:
        seen.append(tx.id)
        if len(seen) == 1:
            await sandbox.fault(kind="expire_tokens")  # every key issued so far stops working now
    assert seen == reference
    assert len(set(seen)) == len(seen)
    assert pluggy.metrics_snapshot()["api_key_fetches"] == fetches_before + 1


@pytest.mark.asyncio
@pytest.mark.parametrize("sandbox_config", [SandboxConfig(seed=1, step_seconds=0.01, api_key_ttl_seconds=2)])
async def test_short_lived_keys_are_renewed_before_they_expire(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    await pluggy.list_connectors()
    await asyncio.sleep(2.1)
    await pluggy.list_connectors()
    snapshot = pluggy.metrics_snapshot()
    assert snapshot["api_key_fetches"] == 2
    assert snapshot["totals"]["reauths"] == 0  # renewed by exp, never refused


def test_timeouts_over_real_http_are_retried() -> None:
    """ASGITransport cannot time out, so this one runs the sandbox on 127.0.0.1 with a hanging endpoint."""

    async def scenario(url: str) -> tuple[int, int]:
        policy = RetryPolicy(base_delay=0.01, max_delay=0.05)
        async with PluggyClient(url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, timeout=0.3, retry=policy) as client:
            await client.list_connectors()
            import httpx

            async with httpx.AsyncClient(base_url=url) as admin:
                spec = {"kind": "hang", "method": "GET", "path": "/categories", "hang_seconds": 2, "count": 2}
                assert (await admin.post("/_sandbox/faults", json=spec)).status_code == 200
                categories = await client.list_categories()
            snapshot = client.metrics_snapshot()["endpoints"]["GET /categories"]
            return snapshot["retries"], len(categories.results)

    with serve_in_thread(SandboxConfig(seed=1, step_seconds=0.01)) as url:
        retries, count = asyncio.run(scenario(url))
    assert retries == 2
    assert count > 0
