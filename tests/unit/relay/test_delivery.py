"""POST /webhook: which deliveries are stored, which are refused and with what status."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest

from financehub_desktop.pluggy.webhooks import body_signature

from .conftest import CLIENT_ID, HMAC_KEY, OLD_SECRET, PEER, SECRET, START, HarnessFactory, RelayHarness, event_body

pytestmark = pytest.mark.asyncio


async def test_a_valid_delivery_is_stored_and_acknowledged(relay: RelayHarness) -> None:
    response = await relay.deliver(event_body(event_id="evt-1"))
    assert response.status_code == 200
    assert response.json() == {"status": "stored", "cursor": 1}
    page = relay.store.page(0, 10)
    assert [e.event_id for e in page.events] == ["evt-1"]
    assert page.events[0].event == "item/updated"


@pytest.mark.parametrize("secret", [SECRET, OLD_SECRET])
async def test_both_secrets_are_accepted_during_a_rotation(relay: RelayHarness, secret: str) -> None:
    response = await relay.deliver(event_body(), secret=secret)
    assert response.status_code == 200
    assert relay.store.count() == 1


async def test_after_the_rotation_the_old_secret_is_refused(make_relay: HarnessFactory) -> None:
    relay = make_relay(delivery_secrets=(SECRET,))
    assert (await relay.deliver(event_body(), secret=SECRET)).status_code == 200
    refused = await relay.deliver(event_body(), secret=OLD_SECRET)
    assert refused.status_code == 401
    assert relay.store.count() == 1


@pytest.mark.parametrize(
    ("secret", "reason"),
    [(None, "missing_secret"), ("wrong-secret-but-long-enough", "wrong_secret"), ("", "wrong_secret")],
)
async def test_missing_or_wrong_secret_is_401_and_nothing_is_stored(
    relay: RelayHarness, secret: str | None, reason: str
) -> None:
    response = await relay.deliver(event_body(), secret=secret)
    assert response.status_code == 401
    assert response.json()["error"] == reason
    assert relay.store.count() == 0


async def test_hmac_signed_deliveries_pass_and_tampered_ones_are_401(make_relay: HarnessFactory) -> None:
    relay = make_relay(signing_keys=(HMAC_KEY,))
    raw = event_body(event_id="signed")
    good = await relay.deliver(raw, headers={"X-Pluggy-Signature": body_signature(raw, HMAC_KEY)})
    assert good.status_code == 200
    tampered = raw.replace(b'"item-1"', b'"item-2"')
    bad = await relay.deliver(tampered, headers={"X-Pluggy-Signature": body_signature(raw, HMAC_KEY)})
    assert bad.status_code == 401
    assert bad.json()["error"] == "bad_signature"
    unsigned = await relay.deliver(event_body())
    assert unsigned.status_code == 401
    assert unsigned.json()["error"] == "missing_signature"
    assert relay.store.count() == 1


async def test_stale_and_future_timestamps_are_refused(relay: RelayHarness) -> None:
    now = datetime.fromtimestamp(START, tz=UTC)
    stale = await relay.deliver(event_body(), headers={"X-Pluggy-Timestamp": str(int(START - 2 * 86400))})
    assert stale.status_code == 401
    assert stale.json()["error"] == "stale"
    future = await relay.deliver(event_body(), headers={"X-Pluggy-Timestamp": str(int(START + 3600))})
    assert future.status_code == 401
    assert future.json()["error"] == "from_the_future"
    old_body = await relay.deliver(event_body(timestamp="2020-01-01T00:00:00Z"))
    assert old_body.status_code == 401
    assert relay.store.count() == 0
    fresh = await relay.deliver(event_body(timestamp=now.isoformat()))
    assert fresh.status_code == 200
    header_fresh = await relay.deliver(event_body(), headers={"X-Pluggy-Timestamp": str(int(START - 60))})
    assert header_fresh.status_code == 200
    assert relay.store.count() == 2


async def test_a_garbled_timestamp_header_is_400(relay: RelayHarness) -> None:
    response = await relay.deliver(event_body(), headers={"X-Pluggy-Timestamp": "yesterday"})
    assert response.status_code == 400
    assert response.json()["field"] == "X-Pluggy-Timestamp"


@pytest.mark.parametrize(
    "raw",
    [b"", b"not json", b"[1, 2]", b'{"event": "item/updated"}', b'{"event": "item/updated", "eventId": "e"}'],
)
async def test_malformed_payloads_are_400_and_nothing_is_stored(relay: RelayHarness, raw: bytes) -> None:
    response = await relay.deliver(raw)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_payload"
    assert relay.store.count() == 0


async def test_an_event_for_another_application_is_403(relay: RelayHarness) -> None:
    response = await relay.deliver(event_body(clientId="someone-else"))
    assert response.status_code == 403
    assert response.json()["error"] == "wrong_client"
    assert (await relay.deliver(event_body(clientId=CLIENT_ID))).status_code == 200


async def test_unknown_event_types_are_stored_not_refused(relay: RelayHarness) -> None:
    response = await relay.deliver(json.dumps({"event": "consent/revoked", "eventId": "c-1", "x": 1}).encode())
    assert response.status_code == 200
    assert relay.store.page(0, 1).events[0].event == "consent/revoked"


async def test_an_oversized_body_is_413(make_relay: HarnessFactory) -> None:
    relay = make_relay(max_body_bytes=512)
    response = await relay.deliver(event_body(padding="x" * 1000))
    assert response.status_code == 413
    assert relay.store.count() == 0


async def test_the_same_event_sent_1000_times_is_stored_once(relay: RelayHarness) -> None:
    raw = event_body(event_id="evt-repeated")
    statuses = []
    for _ in range(900):
        response = await relay.deliver(raw)
        statuses.append((response.status_code, response.json()["cursor"]))
    # ...and 100 more at the same moment.
    concurrent = await asyncio.gather(*(relay.deliver(raw) for _ in range(100)))
    statuses += [(r.status_code, r.json()["cursor"]) for r in concurrent]
    assert len(statuses) == 1000
    assert set(statuses) == {(200, 1)}
    assert relay.store.count() == 1
    bodies = [r.json()["status"] for r in concurrent]
    assert set(bodies) == {"duplicate"}


async def test_allowlist_refuses_other_sources_with_403(make_relay: HarnessFactory) -> None:
    import ipaddress

    relay = make_relay(allowed_sources=(ipaddress.ip_network("177.71.238.212/32"),))
    refused = await relay.deliver(event_body(), peer=PEER)
    assert refused.status_code == 403
    accepted = await relay.deliver(event_body(), peer="177.71.238.212")
    assert accepted.status_code == 200


async def test_forwarded_for_is_honoured_only_from_trusted_proxies(make_relay: HarnessFactory) -> None:
    import ipaddress

    relay = make_relay(
        allowed_sources=(ipaddress.ip_network("177.71.238.212/32"),),
        trusted_proxies=(ipaddress.ip_network("127.0.0.1/32"),),
    )
    forwarded = {"X-Forwarded-For": "177.71.238.212"}
    through_proxy = await relay.deliver(event_body(), peer="127.0.0.1", headers=forwarded)
    assert through_proxy.status_code == 200
    spoofed = await relay.deliver(event_body(), peer=PEER, headers=forwarded)
    assert spoofed.status_code == 403
    assert relay.store.page(0, 5).events[0].event_id  # stored once, from the proxied delivery
    assert relay.store.count() == 1


async def test_rate_limit_per_source_is_429_with_retry_after(make_relay: HarnessFactory) -> None:
    relay = make_relay(rate_limit_per_minute=60, rate_limit_burst=3)
    statuses = [(await relay.deliver(event_body())).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = await relay.deliver(event_body())
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "1"
    # Another source has its own bucket.
    assert (await relay.deliver(event_body(), peer="198.51.100.99")).status_code == 200
    relay.clock.advance(1.0)
    assert (await relay.deliver(event_body())).status_code == 200
    assert relay.store.count() == 5


async def test_storage_failure_is_503_so_pluggy_retries(relay: RelayHarness) -> None:
    relay.store.close()
    response = await relay.deliver(event_body())
    assert response.status_code == 503
    health = await relay.client_for().get("/healthz")
    assert health.status_code == 503


async def test_health(relay: RelayHarness) -> None:
    response = await relay.client_for().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_only_post_is_accepted_on_the_webhook_path(relay: RelayHarness) -> None:
    response = await relay.client_for().get("/webhook")
    assert response.status_code == 405


async def test_a_body_trickled_too_slowly_is_408(relay: RelayHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    from collections.abc import AsyncIterator

    from financehub_desktop.relay import app as relay_app

    monkeypatch.setattr(relay_app, "BODY_READ_TIMEOUT_SECONDS", 0.05)

    async def trickle() -> AsyncIterator[bytes]:
        yield b'{"event": "item/updated",'
        await asyncio.sleep(1.0)
        yield b'"eventId": "slow", "itemId": "i"}'

    response = await relay.client_for().post("/webhook", content=trickle(), headers={"X-Relay-Secret": SECRET})
    assert response.status_code == 408
    assert relay.store.count() == 0
