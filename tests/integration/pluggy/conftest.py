"""The Pluggy client against the in-process sandbox (``httpx.ASGITransport``): no sockets, real behaviour."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio

from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models import Item
from financehub_desktop.pluggy.models.enums import FINISHED_EXECUTION_STATUSES, ExecutionStatus
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig, create_app

BASE = "http://sandbox.test"


@dataclass
class Sandbox:
    app: Any
    admin: httpx.AsyncClient
    transport: httpx.ASGITransport

    async def fault(self, **spec: Any) -> None:
        response = await self.admin.post("/_sandbox/faults", json=spec)
        assert response.status_code == 200, response.text

    async def requests(self, path_prefix: str = "") -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = (await self.admin.get("/_sandbox/requests")).json()["results"]
        return [r for r in rows if str(r.get("path", "")).startswith(path_prefix)]

    async def clear_requests(self) -> None:
        await self.admin.delete("/_sandbox/requests")

    def client(self, **retry: Any) -> PluggyClient:
        policy = RetryPolicy(base_delay=0.01, max_delay=0.05, **retry)
        return PluggyClient(BASE, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, transport=self.transport, retry=policy)


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(seed=1, step_seconds=0.01)


@pytest_asyncio.fixture
async def sandbox(sandbox_config: SandboxConfig) -> AsyncIterator[Sandbox]:
    app = create_app(sandbox_config)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as admin:
        yield Sandbox(app, admin, transport)


@pytest_asyncio.fixture
async def pluggy(sandbox: Sandbox) -> AsyncIterator[PluggyClient]:
    async with sandbox.client() as client:
        yield client


async def wait_for_item(client: PluggyClient, item_id: str, *, within: float = 10.0) -> Item:
    """Polls until the item finished or waits for the user (MFA / action)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        item = await client.get_item(item_id)
        waiting = item.execution_status in (ExecutionStatus.WAITING_USER_INPUT, ExecutionStatus.WAITING_USER_ACTION)
        if item.execution_status in FINISHED_EXECUTION_STATUSES or waiting:
            return item
        if loop.time() > deadline:
            raise AssertionError(f"item stuck in {item.execution_status}")
        await asyncio.sleep(0.02)


async def connected_item(client: PluggyClient, user: str = "user-ok", connector_id: int = 2) -> Item:
    item = await client.create_item(connector_id, {"user": user, "password": "password-ok"})
    return await wait_for_item(client, item.id)
