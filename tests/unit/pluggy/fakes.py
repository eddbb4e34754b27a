"""Fakes for the Pluggy client's unit tests: a clock that only moves when the client sleeps, JWTs with a chosen
``exp``, and a scripted ``httpx.MockTransport`` that records when each request was sent."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.http import encode_json
from financehub_desktop.pluggy.ratelimit import RateLimiter
from financehub_desktop.pluggy.retry import RetryPolicy

EPOCH = 1_800_000_000.0
CLIENT_ID = "11111111-2222-3333-4444-555555555555"
CLIENT_SECRET = "canary-client-secret-XYZ"


def make_jwt(exp: float | None, **claims: Any) -> str:
    def part(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    payload = dict(claims)
    if exp is not None:
        payload["exp"] = int(exp)
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl"


class FakeClock:
    """Monotonic and wall clock in one; ``sleep`` advances it instead of waiting."""

    def __init__(self, start: float = EPOCH) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Sent:
    method: str
    path: str
    params: dict[str, str]
    headers: httpx.Headers
    body: bytes
    at: float

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class FakePluggy:
    """Answers ``POST /auth`` with JWTs (``key_ttl`` seconds) and everything else with ``routes``/``script``."""

    clock: FakeClock
    key_ttl: float = 7200.0
    routes: dict[str, Handler] = field(default_factory=dict)
    script: list[Handler | httpx.Response | Exception] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    issued_keys: list[str] = field(default_factory=list)
    valid_keys: set[str] = field(default_factory=set)
    auth_delay: float = 0.0

    def handler(self, request: httpx.Request) -> httpx.Response:
        sent = Sent(
            request.method,
            request.url.raw_path.decode().split("?", 1)[0],  # as sent: ids stay percent-encoded
            dict(request.url.params),
            request.headers,
            request.content,
            self.clock.now,
        )
        self.sent.append(sent)
        if request.method == "POST" and request.url.path == "/auth":
            return self.issue_key()
        key = request.headers.get("x-api-key")
        if key not in self.valid_keys:
            return httpx.Response(403, json={"message": "Missing or invalid authorization token"})
        if self.script:
            step = self.script.pop(0)
            if isinstance(step, Exception):
                raise step
            if isinstance(step, httpx.Response):
                return step
            return step(request)
        route = self.routes.get(f"{request.method} {request.url.path}")
        if route is None:
            return httpx.Response(404, json={"code": 404, "codeDescription": "NOT_FOUND", "message": "no route"})
        return route(request)

    def issue_key(self) -> httpx.Response:
        key = make_jwt(self.clock.now + self.key_ttl, n=len(self.issued_keys))
        self.issued_keys.append(key)
        self.valid_keys.add(key)
        return httpx.Response(200, json={"apiKey": key})

    def revoke_all_keys(self) -> None:
        self.valid_keys.clear()

    def api_calls(self) -> list[Sent]:
        return [s for s in self.sent if s.path != "/auth"]

    def auth_calls(self) -> list[Sent]:
        return [s for s in self.sent if s.path == "/auth"]


def build_client(fake: FakePluggy, clock: FakeClock, **retry: Any) -> PluggyClient:
    policy = RetryPolicy(sleep=clock.sleep, clock=clock, random=lambda: 1.0, **retry)
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    return PluggyClient(
        "https://pluggy.test",
        CLIENT_ID,
        CLIENT_SECRET,
        transport=httpx.MockTransport(fake.handler),
        retry=policy,
        limiter=limiter,
        auth_clock=clock,
    )


def ok(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    """A JSON answer whose Decimals are written as exact JSON numbers (as Pluggy sends amounts)."""
    return httpx.Response(
        status, content=encode_json(body), headers={"content-type": "application/json", **(headers or {})}
    )


def item_body(item_id: str = "item-1", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": item_id,
        "status": "UPDATED",
        "executionStatus": "SUCCESS",
        "connector": {"id": 2, "name": "Pluggy Bank"},
        "createdAt": "2024-09-19T13:10:31.212Z",
        "error": None,
        "parameter": None,
    }
    body.update(extra)
    return body


def transaction_body(tx_id: str, amount: Any = Decimal("12.34"), **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": tx_id,
        "description": "PIX",
        "currencyCode": "BRL",
        "amount": amount,
        "date": "2024-09-19T00:00:00.000Z",
        "accountId": "acc-1",
        "type": "DEBIT",
    }
    body.update(extra)
    return body
