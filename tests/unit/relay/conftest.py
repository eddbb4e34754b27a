"""Fixtures for the relay: a configuration with known secrets, a controllable clock, an in-process client."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from financehub_desktop.relay.app import Relay, create_app
from financehub_desktop.relay.config import RelayConfig
from financehub_desktop.relay.store import EventStore

SECRET = "current-delivery-secret-0123456789"
OLD_SECRET = "previous-delivery-secret-9876543210"
TOKEN = "feed-bearer-token-abcdefghijklmnop"
OLD_TOKEN = "previous-feed-token-qrstuvwxyz0123"
HMAC_KEY = "hmac-signing-key-0123456789abcdef"
CLIENT_ID = "client-0000-1111"
PEER = "203.0.113.7"
START = 1_796_000_000.0  # a fixed Unix time for the fake wall clock


@dataclass
class FakeClock:
    """Both clocks the relay reads: wall time (timestamps, retention) and monotonic time (rate limits)."""

    now: float = START
    mono: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.mono += seconds


def event_body(event: str = "item/updated", event_id: str | None = None, **fields: Any) -> bytes:
    payload: dict[str, Any] = {
        "event": event,
        "eventId": event_id or str(uuid.uuid4()),
        "id": "item-1",
        "itemId": "item-1",
        "clientId": CLIENT_ID,
        "triggeredBy": "SYNC",
    }
    payload.update(fields)
    return json.dumps(payload).encode()


def make_config(tmp_path: Path, **overrides: Any) -> RelayConfig:
    values: dict[str, Any] = {
        "db_path": tmp_path / "relay" / "events.sqlite3",
        "delivery_secrets": (SECRET, OLD_SECRET),
        "feed_tokens": (TOKEN,),
        "client_id": CLIENT_ID,
        "rate_limit_per_minute": 60_000,
        "rate_limit_burst": 10_000,
    }
    values.update(overrides)
    return RelayConfig(**values)


@dataclass
class RelayHarness:
    """An app on an in-process transport; ``client_for(ip)`` talks to it from another source address."""

    config: RelayConfig
    clock: FakeClock
    store: EventStore
    app: Any
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)

    @property
    def relay(self) -> Relay:
        relay: Relay = self.app.state.relay
        return relay

    def client_for(self, peer: str = PEER) -> httpx.AsyncClient:
        if peer not in self.clients:
            transport = httpx.ASGITransport(app=self.app, client=(peer, 40_000))
            self.clients[peer] = httpx.AsyncClient(transport=transport, base_url="http://relay.test")
        return self.clients[peer]

    async def deliver(
        self, body: bytes, *, secret: str | None = SECRET, peer: str = PEER, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        sent = {"Content-Type": "application/json"}
        if secret is not None:
            sent["X-Relay-Secret"] = secret
        sent.update(headers or {})
        return await self.client_for(peer).post("/webhook", content=body, headers=sent)

    async def feed(
        self, after: int | None = None, limit: int | None = None, token: str | None = TOKEN
    ) -> httpx.Response:
        params = {k: str(v) for k, v in (("after", after), ("limit", limit)) if v is not None}
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return await self.client_for("198.51.100.20").get("/events", params=params, headers=headers)


HarnessFactory = Callable[..., RelayHarness]


@pytest_asyncio.fixture
async def make_relay(tmp_path: Path) -> AsyncIterator[HarnessFactory]:
    made: list[RelayHarness] = []

    def factory(**overrides: Any) -> RelayHarness:
        config = make_config(tmp_path / f"r{len(made)}", **overrides)
        clock = FakeClock()
        store = EventStore(config.db_path)
        app = create_app(config, store=store, clock=clock, monotonic=clock.monotonic)
        harness = RelayHarness(config, clock, store, app)
        made.append(harness)
        return harness

    yield factory
    for harness in made:
        for client in harness.clients.values():
            await client.aclose()
        harness.store.close()


@pytest_asyncio.fixture
async def relay(make_relay: HarnessFactory) -> RelayHarness:
    return make_relay()


@pytest.fixture(autouse=True)
def no_relay_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own FINANCEHUB_RELAY_* variables never leak into a test."""
    for name in list(os.environ):
        if name.startswith("FINANCEHUB_RELAY_") or name == "STATE_DIRECTORY":
            monkeypatch.delenv(name)
