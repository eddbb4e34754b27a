"""The API key: cached until its JWT exp minus a margin, one shared /auth for concurrent callers, one re-auth on
401/403 (also in the middle of a pagination), then a typed error; the client secret never leaks."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

import httpx
import pytest

from financehub_desktop.domain.errors import PluggyAuthError, PluggyForbiddenError
from financehub_desktop.pluggy.auth import ApiKeyCache, jwt_expiry

from .fakes import (
    CLIENT_ID,
    CLIENT_SECRET,
    FakeClock,
    FakePluggy,
    build_client,
    item_body,
    make_jwt,
    ok,
    transaction_body,
)


@pytest.mark.asyncio
async def test_api_key_is_fetched_once_and_reused(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["GET /items/item-1"] = lambda r: ok(item_body())
    async with build_client(fake, clock) as pluggy:
        for _ in range(5):
            await pluggy.get_item("item-1")
    assert len(fake.auth_calls()) == 1
    auth = fake.auth_calls()[0].json()
    assert auth == {"clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET}
    assert all(s.headers["x-api-key"] == fake.issued_keys[0] for s in fake.api_calls())
    assert all(s.headers["user-agent"].startswith("FinanceHubDesktop/") for s in fake.sent)


@pytest.mark.asyncio
async def test_api_key_is_renewed_before_its_exp(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["GET /items/item-1"] = lambda r: ok(item_body())
    async with build_client(fake, clock) as pluggy:
        await pluggy.get_item("item-1")
        clock.advance(7200 - 301)  # still outside the 5-minute margin
        await pluggy.get_item("item-1")
        assert len(fake.auth_calls()) == 1
        clock.advance(2)  # inside the margin: renew before Pluggy would refuse it
        await pluggy.get_item("item-1")
    assert len(fake.auth_calls()) == 2
    assert fake.api_calls()[-1].headers["x-api-key"] == fake.issued_keys[1]


@pytest.mark.asyncio
async def test_short_lived_key_gets_a_proportional_margin(clock: FakeClock) -> None:
    fetches = 0

    async def fetch() -> str:
        nonlocal fetches
        fetches += 1
        return make_jwt(clock.now + 20)

    cache = ApiKeyCache(fetch, clock=clock)
    await cache.get()
    clock.advance(17)  # 20 s key, 2 s margin: still fresh
    await cache.get()
    assert fetches == 1
    clock.advance(1.5)
    await cache.get()
    assert fetches == 2


@pytest.mark.asyncio
async def test_concurrent_callers_share_one_in_flight_auth(clock: FakeClock) -> None:
    started = 0
    release = asyncio.Event()

    async def fetch() -> str:
        nonlocal started
        started += 1
        await release.wait()
        return make_jwt(clock.now + 3600)

    cache = ApiKeyCache(fetch, clock=clock)
    waiters = [asyncio.ensure_future(cache.get()) for _ in range(20)]
    await asyncio.sleep(0)
    release.set()
    keys = await asyncio.gather(*waiters)
    assert started == 1
    assert len(set(keys)) == 1


@pytest.mark.asyncio
async def test_failed_shared_auth_reaches_every_waiter_and_is_retried_later(clock: FakeClock) -> None:
    calls = 0

    async def fetch() -> str:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0)
        if calls == 1:
            raise PluggyAuthError("POST /auth: HTTP 401")
        return make_jwt(clock.now + 3600)

    cache = ApiKeyCache(fetch, clock=clock)
    results = await asyncio.gather(*(cache.get() for _ in range(5)), return_exceptions=True)
    assert all(isinstance(r, PluggyAuthError) for r in results)
    assert calls == 1
    assert await cache.get()
    assert calls == 2


@pytest.mark.asyncio
async def test_concurrent_requests_through_the_client_send_one_auth(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["GET /items/item-1"] = lambda r: ok(item_body())
    async with build_client(fake, clock) as pluggy:
        await asyncio.gather(*(pluggy.get_item("item-1") for _ in range(10)))
    assert len(fake.auth_calls()) == 1
    assert len(fake.api_calls()) == 10


@pytest.mark.asyncio
async def test_one_reauth_on_401_then_success(fake: FakePluggy, clock: FakeClock) -> None:
    fake.routes["GET /items/item-1"] = lambda r: ok(item_body())
    async with build_client(fake, clock) as pluggy:
        await pluggy.get_item("item-1")
        fake.revoke_all_keys()  # Pluggy forgot our key early
        item = await pluggy.get_item("item-1")
        snapshot = pluggy.metrics_snapshot()
    assert item.id == "item-1"
    assert len(fake.auth_calls()) == 2
    assert snapshot["endpoints"]["GET /items/{id}"]["reauths"] == 1
    assert snapshot["endpoints"]["GET /items/{id}"]["failures"] == 0


@pytest.mark.asyncio
@pytest.mark.parametrize(("status", "error"), [(401, PluggyAuthError), (403, PluggyForbiddenError)])
async def test_refused_after_reauth_is_a_typed_error(
    fake: FakePluggy, clock: FakeClock, status: int, error: type[Exception]
) -> None:
    fake.routes["GET /items/item-1"] = lambda r: ok({"code": status, "message": "no"}, status)
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(error):
            await pluggy.get_item("item-1")
    assert len(fake.auth_calls()) == 2  # the first key, and exactly one renewal
    assert len(fake.api_calls()) == 2


@pytest.mark.asyncio
async def test_bad_client_keys_fail_with_auth_error_without_leaking_the_secret(
    fake: FakePluggy, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse() -> httpx.Response:
        body = {"code": 401, "codeDescription": "CLIENT_KEYS_UNAUTHORIZED", "message": "Client keys are invalid"}
        return ok(body, 401)

    fake.issue_key = refuse  # type: ignore[method-assign]
    caplog.set_level(logging.DEBUG)
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(PluggyAuthError) as info:
            await pluggy.get_item("item-1")
        assert CLIENT_SECRET not in repr(pluggy)
    assert info.value.context["code_description"] == "CLIENT_KEYS_UNAUTHORIZED"
    assert CLIENT_SECRET not in str(info.value)
    assert CLIENT_SECRET not in repr(info.value.context)
    assert CLIENT_SECRET not in caplog.text
    assert fake.api_calls() == []  # no API call without a key
    assert len(fake.auth_calls()) == 1  # 401 from /auth itself is final


@pytest.mark.asyncio
async def test_key_expiring_in_the_middle_of_a_pagination(fake: FakePluggy, clock: FakeClock) -> None:
    """Page 2 is refused (the key died early); the client renews once and the walk goes on, nothing lost."""
    pages = {
        None: ([transaction_body("t1"), transaction_body("t2")], "?accountId=acc-1&after=c1"),
        "c1": ([transaction_body("t3")], "?accountId=acc-1&after=c2"),
        "c2": ([transaction_body("t4", amount=Decimal("0.10"))], None),
    }

    def v2(request: httpx.Request) -> httpx.Response:
        results, nxt = pages[request.url.params.get("after")]
        if request.url.params.get("after") == "c1" and len(fake.issued_keys) == 1:
            fake.revoke_all_keys()
            return ok({"message": "Missing or invalid authorization token"}, 403)
        return ok({"results": results, "next": nxt})

    fake.routes["GET /v2/transactions"] = v2
    async with build_client(fake, clock) as pluggy:
        ids = [tx.id async for tx in pluggy.iter_transactions("acc-1")]
    assert ids == ["t1", "t2", "t3", "t4"]
    assert len(fake.auth_calls()) == 2
    assert all(s.params["accountId"] == "acc-1" for s in fake.api_calls())


@pytest.mark.asyncio
async def test_key_expiring_by_clock_mid_pagination_is_renewed_before_sending(
    fake: FakePluggy, clock: FakeClock
) -> None:
    fake.key_ttl = 100

    def v1(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        clock.advance(60)  # each page takes a minute
        return ok({"page": page, "total": 3, "totalPages": 3, "results": [transaction_body(f"t{page}")]})

    fake.routes["GET /transactions"] = v1
    async with build_client(fake, clock) as pluggy:
        ids = [tx.id async for tx in pluggy.iter_transactions_v1("acc-1")]
    assert ids == ["t1", "t2", "t3"]
    assert len(fake.auth_calls()) >= 2
    assert not any(s.headers["x-api-key"] not in fake.valid_keys for s in fake.api_calls())


def test_jwt_expiry_reads_exp_and_tolerates_junk() -> None:
    assert jwt_expiry(make_jwt(1234)) == 1234.0
    assert jwt_expiry(make_jwt(None)) is None
    assert jwt_expiry("not-a-jwt") is None
    assert jwt_expiry("a.!!!.c") is None
    assert jwt_expiry("a.bnVsbA.c") is None  # payload "null"
    assert jwt_expiry(make_jwt(None, sub="x")) is None
    assert jwt_expiry("a.eyJleHAiOiAic29vbiJ9.c") is None  # {"exp": "soon"}
    assert jwt_expiry("a.eyJleHAiOiB0cnVlfQ.c") is None  # {"exp": true}


@pytest.mark.asyncio
async def test_a_business_403_is_reported_at_once_without_renewing_the_key(fake: FakePluggy, clock: FakeClock) -> None:
    body = {"code": 403, "codeDescription": "CLIENT_IP_NOT_ALLOWED", "message": "IP not allowed"}
    fake.routes["GET /items/item-1"] = lambda r: ok(body, 403)
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(PluggyForbiddenError):
            await pluggy.get_item("item-1")
    assert len(fake.auth_calls()) == 1  # no renewal: a new key would be refused the same way
    assert len(fake.api_calls()) == 1
