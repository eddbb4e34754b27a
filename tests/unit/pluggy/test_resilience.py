"""Retries: only 429/5xx/timeouts/connection errors, Retry-After honoured, backoff with jitter, a total budget,
and POSTs that could have acted never repeated."""

from __future__ import annotations

import httpx
import pytest

from financehub_desktop.domain.errors import (
    NetworkUnavailableError,
    PluggyTimeoutError,
    PluggyUnavailableError,
    RateLimitedError,
    RequestRejectedError,
)
from financehub_desktop.pluggy.retry import RetryPolicy, is_safe_to_repeat, server_wait

from .fakes import FakeClock, FakePluggy, build_client, item_body, ok


def too_many(retry_after: str | None = "3", reset: str | None = None, code: str | None = None) -> httpx.Response:
    headers = {}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    if reset is not None:
        headers["RateLimit-Reset"] = reset
    body: dict[str, object] = {"code": 429, "message": "Too many requests"}
    if code:
        body["codeDescription"] = code
    return ok(body, 429, headers)


@pytest.mark.asyncio
async def test_429_waits_retry_after_and_sends_nothing_early(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [too_many("3"), ok(item_body())]
    async with build_client(fake, clock) as pluggy:
        item = await pluggy.get_item("item-1")
    assert item.id == "item-1"
    first, second = fake.api_calls()
    assert second.at - first.at >= 3.0
    assert pluggy.metrics_snapshot()["endpoints"]["GET /items/{id}"]["retries"] == 1


@pytest.mark.asyncio
async def test_ratelimit_reset_is_preferred_over_retry_after(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [too_many("60", reset="7"), ok(item_body())]
    async with build_client(fake, clock) as pluggy:
        await pluggy.get_item("item-1")
    first, second = fake.api_calls()
    assert 7.0 <= second.at - first.at < 60.0


@pytest.mark.asyncio
async def test_429_on_a_cursor_page_is_waited_out_then_paging_goes_on(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [too_many("5"), ok({"results": [], "next": None}), ok({"results": [], "next": None})]
    async with build_client(fake, clock) as pluggy:
        await pluggy.list_transactions_v2("acc-1")
        await pluggy.list_transactions_v2("acc-1")
    times = [s.at for s in fake.api_calls()]
    assert times[1] - times[0] >= 5.0
    assert times[2] >= times[1]


@pytest.mark.asyncio
async def test_5xx_burst_is_retried_until_success(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [ok({}, 503), ok({}, 502), httpx.Response(500, text="<html>oops</html>"), ok(item_body())]
    async with build_client(fake, clock) as pluggy:
        item = await pluggy.get_item("item-1")
    assert item.status == "UPDATED"
    assert len(fake.api_calls()) == 4
    # full jitter with random()=1.0 -> the cap itself: 0.5, 1, 2 seconds
    assert clock.sleeps == [0.5, 1.0, 2.0]


def test_backoff_is_capped_and_jittered() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=8.0, random=lambda: 0.5)
    assert [policy.backoff(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    zero = RetryPolicy(random=lambda: 0.0)
    assert zero.backoff(5) == 0.0


@pytest.mark.asyncio
async def test_persistent_5xx_gives_up_with_a_typed_error(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["GET /items/item-1"] = lambda r: httpx.Response(502, text="<html>Bad gateway</html>")
    async with build_client(fake, clock, max_attempts=4) as pluggy:
        with pytest.raises(PluggyUnavailableError) as info:
            await pluggy.get_item("item-1")
    assert len(fake.api_calls()) == 4
    assert info.value.context["endpoint"] == "GET /items/{id}"
    assert info.value.context["status"] == 502


@pytest.mark.asyncio
async def test_timeouts_on_a_get_are_retried(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [httpx.ReadTimeout("slow"), httpx.ConnectError("refused"), ok(item_body())]
    async with build_client(fake, clock) as pluggy:
        item = await pluggy.get_item("item-1")
    assert item.id == "item-1"
    assert len(fake.api_calls()) == 3


@pytest.mark.asyncio
async def test_persistent_timeouts_become_pluggy_timeout_error(fake: FakePluggy, clock: FakeClock) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    fake.routes["GET /items/item-1"] = slow
    async with build_client(fake, clock, max_attempts=3) as pluggy:
        with pytest.raises(PluggyTimeoutError):
            await pluggy.get_item("item-1")
    assert len(fake.api_calls()) == 3


@pytest.mark.asyncio
async def test_post_that_may_have_acted_is_not_repeated(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [httpx.ReadTimeout("slow")]
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(PluggyTimeoutError):
            await pluggy.create_item(2, {"user": "user-ok", "password": "password-ok"})
    assert len(fake.api_calls()) == 1

    fake.sent.clear()
    fake.script = [ok({"code": 500}, 500)]
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(PluggyUnavailableError):
            await pluggy.send_mfa("item-1", {"token": "123456"})
    assert len(fake.api_calls()) == 1


@pytest.mark.asyncio
async def test_post_refused_before_acting_is_repeated(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [too_many("1"), httpx.ConnectError("refused"), ok(item_body())]
    async with build_client(fake, clock) as pluggy:
        item = await pluggy.create_item(2, {"user": "user-ok", "password": "password-ok"})
    assert item.id == "item-1"
    assert [s.method for s in fake.api_calls()] == ["POST", "POST", "POST"]


@pytest.mark.asyncio
async def test_4xx_is_never_retried(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [ok({"code": 400, "codeDescription": "CONNECTOR_VALIDATION_ERROR", "message": "bad"}, 400)]
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(RequestRejectedError):
            await pluggy.get_item("item-1")
    assert len(fake.api_calls()) == 1


@pytest.mark.asyncio
async def test_retry_after_longer_than_we_accept_fails_fast(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [too_many("600")]
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(RateLimitedError) as info:
            await pluggy.get_item("item-1")
    assert len(fake.api_calls()) == 1
    assert clock.sleeps == []
    assert info.value.context["retry_after"] == 600.0
    assert info.value.retryable


@pytest.mark.asyncio
async def test_monthly_open_finance_quota_is_not_retried(fake: FakePluggy, clock: FakeClock) -> None:
    fake.script = [too_many("1", code="BALANCE_OPEN_FINANCE_RATE_LIMIT")]
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(RateLimitedError) as info:
            await pluggy.get_account_balance("acc-1")
    assert info.value.context["code_description"] == "BALANCE_OPEN_FINANCE_RATE_LIMIT"
    assert len(fake.api_calls()) == 1


@pytest.mark.asyncio
async def test_total_budget_stops_the_retries(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["GET /items/item-1"] = lambda r: ok({"code": 503}, 503)
    async with build_client(fake, clock, budget=5.0, max_attempts=50, base_delay=1.0, max_delay=2.0) as pluggy:
        start = clock.now
        with pytest.raises(PluggyUnavailableError):
            await pluggy.get_item("item-1")
    assert clock.now - start <= 5.0
    assert 2 <= len(fake.api_calls()) < 50


@pytest.mark.asyncio
async def test_connection_refused_everywhere_is_network_unavailable(fake: FakePluggy, clock: FakeClock) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    fake.routes["GET /items/item-1"] = refuse
    async with build_client(fake, clock, max_attempts=2) as pluggy:
        with pytest.raises(NetworkUnavailableError):
            await pluggy.get_item("item-1")


def test_server_wait_reads_seconds_dates_and_ignores_junk() -> None:
    assert server_wait({"retry-after": "12"}) == 12.0
    assert server_wait({"retry-after": "-3"}) == 0.0
    assert server_wait({"retry-after": "soon"}) is None
    assert server_wait({"retry-after": "nan"}) is None
    assert server_wait({"ratelimit-reset": "4", "retry-after": "60"}) == 4.0
    date = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert server_wait({"retry-after": date}, now_epoch=1445412470.0) == 10.0
    assert server_wait({}) is None


def test_which_requests_may_be_repeated() -> None:
    assert is_safe_to_repeat("GET /items/{id}")
    assert is_safe_to_repeat("DELETE /items/{id}")
    assert is_safe_to_repeat("POST /auth")
    assert is_safe_to_repeat("PATCH /transactions/{id}")
    assert not is_safe_to_repeat("POST /items")
    assert not is_safe_to_repeat("POST /items/{id}/mfa")
    assert not is_safe_to_repeat("PATCH /items/{id}")
    assert not is_safe_to_repeat("POST /payments/requests")
