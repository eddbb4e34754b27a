"""Fixtures for the sandbox tests: an in-process sandbox, an authenticated client, a connected item, and a
validator of responses against pluggy-openapi.json (nulls dropped first; see pluggy-api.md "two traps")."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import pytest_asyncio
from starlette.applications import Starlette

from financehub_desktop.domain.money import parse_json
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig, create_app

FAST = SandboxConfig(step_seconds=0.005, webhook_retry_delays=(0.01, 0.02, 0.05))
FINISHED = ("UPDATED", "LOGIN_ERROR", "OUTDATED")


@dataclass
class Sandbox:
    app: Starlette
    client: httpx.AsyncClient
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-API-KEY": self.api_key}

    async def advance_days(self, days: float) -> None:
        """Let days pass on the sandbox clock; the API key (2 h) has then expired, so log in again."""
        assert (await self.client.post("/_sandbox/clock/advance", json={"days": days})).status_code == 200
        response = await self.client.post(
            "/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET}
        )
        self.api_key = response.json()["apiKey"]

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.client.get(path, headers=self.headers, **kwargs)

    async def post(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        return await self.client.post(path, json=body, headers=self.headers, **kwargs)

    async def patch(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        return await self.client.patch(path, json=body, headers=self.headers, **kwargs)

    async def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return await self.client.delete(path, headers=self.headers, **kwargs)

    async def create_item(
        self, user: str = "user-ok", password: str = "password-ok", connector: int = 2, **extra: Any
    ) -> dict[str, Any]:
        params: dict[str, Any] = {"user": user, "password": password}
        if connector == 600:
            params = {"cpf": "76109277673"}
        params.update(extra.pop("parameters", {}))
        response = await self.post("/items", {"connectorId": connector, "parameters": params, **extra})
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def wait_item(
        self,
        item_id: str,
        until: tuple[str, ...] = FINISHED,
        wait_seconds: float = 5.0,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        deadline = asyncio.get_running_loop().time() + wait_seconds
        while True:
            response = await self.client.get(f"/items/{item_id}", headers=headers or self.headers)
            assert response.status_code == 200, response.text
            item = dict(response.json())
            if item["status"] in until:
                return item
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"item stuck in {item['status']}/{item['executionStatus']}")
            await asyncio.sleep(0.005)

    async def connected_item(self, user: str = "user-ok", connector: int = 2) -> dict[str, Any]:
        item = await self.create_item(user, connector=connector)
        done = await self.wait_item(item["id"])
        assert done["status"] == "UPDATED", done
        return done

    async def accounts(self, item_id: str) -> dict[str, dict[str, Any]]:
        response = await self.get("/accounts", params={"itemId": item_id})
        return {a["subtype"]: a for a in response.json()["results"]}


async def open_sandbox(config: SandboxConfig = FAST, **kwargs: Any) -> tuple[Starlette, httpx.AsyncClient, str]:
    app = create_app(config, **kwargs)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox")
    response = await client.post("/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET})
    assert response.status_code == 200
    return app, client, response.json()["apiKey"]


@pytest_asyncio.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    app, client, key = await open_sandbox()
    try:
        yield Sandbox(app, client, key)
    finally:
        await close_sandbox(app, client)


async def close_sandbox(app: Starlette, client: httpx.AsyncClient) -> None:
    """Stop the item drivers and webhook deliveries still running, then close the client."""
    from financehub_desktop.sandbox import state_of

    state_of(app).reset()
    await asyncio.sleep(0)
    await client.aclose()


@pytest_asyncio.fixture
async def slow_sandbox() -> AsyncIterator[Sandbox]:
    """Phases of 50 ms, so a poller reliably sees the short-lived states (WAITING_USER_ACTION...)."""
    app, client, key = await open_sandbox(SandboxConfig(step_seconds=0.05))
    try:
        yield Sandbox(app, client, key)
    finally:
        await close_sandbox(app, client)


# --------------------------------------------------------------------------------------------- spec validation
def drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value


class SpecValidator:
    """Validates a response body against the schema the spec gives its operation and status."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def schema(self, method: str, path: str, status: int) -> dict[str, Any] | None:
        responses = self.spec["paths"][path][method.lower()]["responses"]
        response = responses.get(str(status))
        if response is None:
            return None
        content = response.get("content", {}).get("application/json")
        return None if content is None else content.get("schema")

    def schema_by_name(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/components/schemas/{name}"}

    def validate(self, body: Any, schema: dict[str, Any]) -> None:
        document = {**schema, "components": self.spec["components"]}
        jsonschema.Draft202012Validator(document).validate(drop_nulls(body))

    def check(self, method: str, path: str, response: httpx.Response) -> Any:
        body = parse_json(response.content) if response.content else None
        schema = self.schema(method, path, response.status_code)
        if schema is not None and body is not None:
            self.validate(body, schema)
        return body


_SPEC_CACHE: dict[Path, dict[str, Any]] = {}


@pytest.fixture
def openapi(shared_dir: Path) -> dict[str, Any]:
    path = shared_dir / "pluggy-openapi.json"
    if path not in _SPEC_CACHE:
        _SPEC_CACHE[path] = dict(json.loads(path.read_text(encoding="utf-8")))
    return _SPEC_CACHE[path]


@pytest.fixture
def spec(openapi: dict[str, Any]) -> SpecValidator:
    return SpecValidator(openapi)


def wire_amounts(raw: bytes) -> list[str]:
    """Every ``"amount":<number>`` as written on the wire (to check two decimal places, no float noise)."""
    import re

    return re.findall(rb'"amount":(-?[0-9.eE+-]+)', raw)  # type: ignore[return-value]


Check = Callable[[str, str, httpx.Response], Any]
