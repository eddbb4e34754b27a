"""Webhook delivery: subscriptions and item webhookUrl get the §9 events with eventId, custom headers, an optional
HMAC signature, and retries on a compressed schedule."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from typing import Any

import httpx
import pytest

from financehub_desktop.sandbox import SandboxConfig, state_of

from .conftest import Sandbox, close_sandbox, open_sandbox

pytestmark = pytest.mark.asyncio


class Receiver:
    """An in-process webhook receiver: answers with the queued statuses (then 200) and records what arrives."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.received: list[tuple[dict[str, str], bytes]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.received.append((dict(request.headers), request.content))
        return httpx.Response(self.statuses.pop(0) if self.statuses else 200)

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _, body in self.received]


async def boxed(receiver: Receiver, **config: Any) -> Sandbox:
    from .conftest import Sandbox as Box

    cfg = SandboxConfig(step_seconds=0.005, webhook_retry_delays=(0.01, 0.01, 0.01), **config)
    app, client, key = await open_sandbox(cfg, webhook_transport=httpx.MockTransport(receiver.handler))
    return Box(app, client, key)


async def settle(sb: Sandbox) -> None:
    await asyncio.sleep(0.02)
    await state_of(sb.app).dispatcher.drain()


async def test_subscription_receives_item_and_transaction_events_with_headers() -> None:
    receiver = Receiver()
    sb = await boxed(receiver)
    try:
        created = await sb.post(
            "/webhooks", {"url": "https://relay.example.com/hook", "event": "all", "headers": {"X-Relay-Secret": "abc"}}
        )
        assert created.status_code == 201
        item = await sb.connected_item()
        await settle(sb)
        events = receiver.events()
        names = [d.event for d in state_of(sb.app).dispatcher.deliveries]  # in emission order
        assert sorted(names) == sorted(e["event"] for e in events)
        assert names[:2] == ["item/login_succeeded", "transactions/created"]
        assert "item/created" in names
        assert len({e["eventId"] for e in events}) == len(events)
        assert all(e["itemId"] == item["id"] and e["clientId"] for e in events)
        assert all(headers["x-relay-secret"] == "abc" for headers, _ in receiver.received)
        tx = next(e for e in events if e["event"] == "transactions/created")
        assert tx["createdTransactionsLink"].startswith("http")
        assert tx["transactionsCreatedAtFrom"]
    finally:
        await close_sandbox(sb.app, sb.client)


async def test_item_webhook_url_gets_every_event_of_that_item_without_custom_headers() -> None:
    receiver = Receiver()
    sb = await boxed(receiver)
    try:
        first = await sb.create_item("user-locked", webhookUrl="https://app.example.com/item-hook")
        await sb.wait_item(first["id"])
        await sb.connected_item()  # no webhookUrl: nothing for it
        await sb.wait_item((await sb.create_item("user-locked", webhookUrl="https://x.example.com"))["id"])
        await asyncio.sleep(0.05)
        await settle(sb)
        urls = {d.url for d in state_of(sb.app).dispatcher.deliveries}
        assert urls == {"https://app.example.com/item-hook", "https://x.example.com"}
        errors = [e for e in receiver.events() if e["event"] == "item/error"]
        assert errors
        assert errors[0]["error"]["code"] == "ACCOUNT_LOCKED"
    finally:
        await close_sandbox(sb.app, sb.client)


async def test_signature_header_is_hmac_of_the_raw_body() -> None:
    receiver = Receiver()
    sb = await boxed(receiver, webhook_signing_secret="shh")
    try:
        await sb.post("/webhooks", {"url": "https://relay.example.com/h", "event": "item/created"})
        await sb.connected_item()
        await settle(sb)
        headers, body = receiver.received[0]
        assert headers["x-pluggy-signature"] == hmac.new(b"shh", body, hashlib.sha256).hexdigest()
    finally:
        await close_sandbox(sb.app, sb.client)


async def test_failed_delivery_is_retried_then_recorded() -> None:
    receiver = Receiver(statuses=[500, 502])
    sb = await boxed(receiver)
    try:
        await sb.post("/webhooks", {"url": "https://relay.example.com/h", "event": "item/created"})
        await sb.connected_item()
        await settle(sb)
        log = (await sb.client.get("/_sandbox/webhook-deliveries")).json()["results"]
        assert [a["status"] for a in log[0]["attempts"]] == [500, 502, 200]
        assert log[0]["delivered"] is True
        assert len({json.loads(b)["eventId"] for _, b in receiver.received}) == 1  # same event, same eventId
    finally:
        await close_sandbox(sb.app, sb.client)


async def test_401_is_never_retried() -> None:
    receiver = Receiver(statuses=[401])
    sb = await boxed(receiver)
    try:
        await sb.post("/webhooks", {"url": "https://relay.example.com/h", "event": "item/created"})
        await sb.connected_item()
        await settle(sb)
        log = (await sb.client.get("/_sandbox/webhook-deliveries")).json()["results"]
        assert len(log[0]["attempts"]) == 1
        assert log[0]["gaveUp"] is True
    finally:
        await close_sandbox(sb.app, sb.client)


async def test_webhook_crud_and_validation(sandbox: Sandbox) -> None:
    bad = await sandbox.post("/webhooks", {"url": "ftp://x", "event": "all"})
    assert bad.status_code == 400
    assert bad.json()["details"][0]["parameter"] == "url"
    assert (await sandbox.post("/webhooks", {"url": "https://a.example.com", "event": "nope"})).status_code == 400
    hook = (await sandbox.post("/webhooks", {"url": "https://a.example.com", "event": "item/error"})).json()
    assert hook["headers"] == {}
    changed = (await sandbox.patch(f"/webhooks/{hook['id']}", {"headers": {"X-A": "1"}, "enabled": False})).json()
    assert changed["headers"] == {"X-A": "1"}
    assert changed["disabledAt"]
    assert (await sandbox.get("/webhooks")).json()["total"] == 1
    assert (await sandbox.delete(f"/webhooks/{hook['id']}")).json() == {"count": 1}
    assert (await sandbox.get(f"/webhooks/{hook['id']}")).json()["codeDescription"] == "WEBHOOK_NOT_FOUND"
    for _ in range(5):
        await sandbox.post("/webhooks", {"url": "https://a.example.com", "event": "item/updated"})
    assert (
        await sandbox.post("/webhooks", {"url": "https://a.example.com", "event": "item/updated"})
    ).status_code == 400


async def test_refresh_after_days_emits_created_updated_deleted() -> None:
    receiver = Receiver()
    sb = await boxed(receiver)
    try:
        await sb.post("/webhooks", {"url": "https://relay.example.com/h", "event": "all"})
        item = await sb.connected_item()
        await settle(sb)
        receiver.received.clear()
        await sb.advance_days(15)
        await sb.patch(f"/items/{item['id']}", {})
        await sb.wait_item(item["id"])
        await settle(sb)
        names = [e["event"] for e in receiver.events()]
        assert {"transactions/created", "transactions/updated", "transactions/deleted", "item/updated"} <= set(names)
        deleted = next(e for e in receiver.events() if e["event"] == "transactions/deleted")
        gone = deleted["transactionIds"][0]
        assert (await sb.get(f"/transactions/{gone}")).status_code == 404
    finally:
        await close_sandbox(sb.app, sb.client)


@pytest.mark.parametrize(
    ("url", "private_ok", "problem"),
    [
        ("https://relay.example.com/h", False, None),
        ("http://relay.example.com/h", False, "https"),
        ("https://localhost/h", False, "publicly"),
        ("https://relay.local/h", False, "publicly"),
        ("https://10.0.0.1/h", False, "IP"),
        ("http://127.0.0.1:8080/h", True, None),
        ("ftp://x", True, "https"),
        ("", True, "non-empty"),
    ],
)
async def test_webhook_url_rules(url: str, private_ok: bool, problem: str | None) -> None:
    from financehub_desktop.sandbox.webhooks import url_problem

    found = url_problem(url, allow_private=private_ok)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found


async def test_a_webhook_failing_again_and_again_is_disabled_until_reenabled() -> None:
    receiver = Receiver(statuses=[401] * 5)
    sb = await boxed(receiver)
    try:
        hook = (await sb.post("/webhooks", {"url": "https://relay.example.com/h", "event": "item/error"})).json()
        for _ in range(6):
            await sb.wait_item((await sb.create_item("user-locked"))["id"])
            await settle(sb)
        current = (await sb.get(f"/webhooks/{hook['id']}")).json()
        assert current["disabledAt"]
        assert len(receiver.received) == 5  # the sixth event was not sent
        enabled = (await sb.patch(f"/webhooks/{hook['id']}", {"enabled": True})).json()
        assert enabled["disabledAt"] is None
    finally:
        await close_sandbox(sb.app, sb.client)
