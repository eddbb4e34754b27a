"""The sandbox in-process (httpx.ASGITransport), a fast client, a fresh store, and helpers to connect items."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models.items import Item
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.sandbox.app import create_app
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.store import Store, open_store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.sync.engine import SyncEngine, SyncOptions

from .expect import FAST_OPTIONS

PLUGGY_BANK = 2
FAST_KDF = ScryptParams(n=2**10, r=8, p=1)


@dataclass
class Sandbox:
    app: Starlette
    client: PluggyClient
    admin: httpx.AsyncClient

    async def advance_days(self, days: float) -> None:
        response = await self.admin.post("/_sandbox/clock/advance", json={"days": days})
        response.raise_for_status()

    async def connect(self, username: str, *, connector_id: int = PLUGGY_BANK, **extra: str) -> Item:
        """Create an item like the Connect widget does, and wait until its first execution ends."""
        item = await self.client.create_item(connector_id, {"user": username, "password": "password-ok", **extra})
        return await self.connect_wait(item.id)

    async def connect_wait(self, item_id: str) -> Item:
        """Poll the item until its execution ends (or waits for an MFA answer)."""
        item = await self.client.get_item(item_id)
        for _ in range(2000):
            if item.status in ("UPDATED", "LOGIN_ERROR", "OUTDATED", "WAITING_USER_INPUT"):
                return item
            await asyncio.sleep(0.005)
            item = await self.client.get_item(item.id)
        raise AssertionError(f"item {item.id} never finished: {item.status}")


def sandbox_config(**overrides: Any) -> SandboxConfig:
    values: dict[str, Any] = {"seed": 1, "step_seconds": 0.005, "rate_limits": False}
    values.update(overrides)
    return SandboxConfig(**values)


def make_client(app: Starlette) -> PluggyClient:
    transport = httpx.ASGITransport(app=app)
    return PluggyClient(
        "http://sandbox.test",
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        transport=transport,
        retry=RetryPolicy(base_delay=0.001, max_delay=0.01, budget=10.0),
    )


@pytest_asyncio.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    app = create_app(sandbox_config())
    client = make_client(app)
    admin = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test")
    try:
        yield Sandbox(app, client, admin)
    finally:
        await client.aclose()
        await admin.aclose()


def open_test_store(profile: str = "synctest") -> Store:
    return open_store(profile_paths(profile), kdf=FAST_KDF)


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_test_store()
    yield opened
    opened.close()


@pytest.fixture
def engine(sandbox: Sandbox, store: Store) -> SyncEngine:
    return SyncEngine(sandbox.client, store, options=FAST_OPTIONS)


__all__ = ["FAST_OPTIONS", "Sandbox", "SyncOptions"]
