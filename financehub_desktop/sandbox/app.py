"""The sandbox ASGI app: routes, Pluggy error bodies for every failure, the request log, latency and faults."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError
from .faults import FaultRule
from .routes import admin, data, items, webhook_routes
from .settings import SandboxConfig
from .state import SandboxState
from .wire import json_response

log = logging.getLogger("financehub.sandbox")
ADMIN_PREFIX = "/_sandbox/"
STATIC_PREFIXES = ("/connect", "/_sandbox/")


class SandboxMiddleware:
    """Logs each API request, then applies the configured latency and any fault rule that matches."""

    def __init__(self, app: ASGIApp, state: SandboxState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        method: str = scope["method"]
        if path.startswith(STATIC_PREFIXES):
            await self.app(scope, receive, send)
            return
        state = self.state
        record = state.log_request(method, path, scope.get("query_string", b"").decode("latin-1"), time.monotonic())
        rules = state.faults.take(method, path)
        latency = state.config.latency_ms / 1000 + sum(r.latency_ms for r in rules if r.kind == "latency") / 1000
        if latency:
            await asyncio.sleep(latency)
        truncate = False
        for rule in rules:
            if rule.kind == "hang":
                await asyncio.sleep(rule.hang_seconds if rule.hang_seconds is not None else state.config.hang_seconds)
            elif rule.kind in ("error", "rate_limit"):
                response = _fault_response(rule)
                record.status = response.status_code
                await response(scope, receive, send)
                return
            elif rule.kind == "truncate":
                truncate = True

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                record.status = message["status"]
                if truncate:
                    message = dict(message)
                    message["headers"] = [(k, v) for k, v in message["headers"] if k.lower() != b"content-length"]
            elif message["type"] == "http.response.body" and truncate:
                body = message.get("body", b"")
                message = {"type": "http.response.body", "body": body[: max(1, len(body) // 2)], "more_body": False}
            await send(message)

        await self.app(scope, receive, send_wrapper)


def _fault_response(rule: FaultRule) -> Response:
    if rule.kind == "rate_limit":
        headers = {
            "Retry-After": str(rule.retry_after),
            "RateLimit-Limit": "360",
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": str(rule.retry_after),
        }
        from .ratelimit import TOO_MANY_MESSAGE

        return json_response({"message": TOO_MANY_MESSAGE, "code": 429}, status=429, headers=headers)
    messages = {
        500: ("Internal server error", "INTERNAL_SERVER_ERROR"),
        502: ("Bad gateway", "BAD_GATEWAY"),
        503: ("Service unavailable", "SERVICE_UNAVAILABLE"),
        504: ("Gateway timeout", "GATEWAY_TIMEOUT"),
    }
    message, code = messages.get(rule.status, ("Sandbox fault", "SANDBOX_FAULT"))
    return ApiError(rule.status, message, code).response()


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404:
        return ApiError(404, "Not found", "NOT_FOUND").response()
    if status == 405:
        return ApiError(405, "Method not allowed", "METHOD_NOT_ALLOWED").response()
    return ApiError(status, "Request failed").response()


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("sandbox bug while answering %s %s", request.method, request.url.path)
    return ApiError(500, "Internal server error", "INTERNAL_SERVER_ERROR").response()


def build_routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = [*admin.ROUTES, *items.ROUTES, *data.ROUTES, *webhook_routes.ROUTES]
    from .connect_page import routes as connect_routes
    from .routes import payments, transfers

    routes += payments.ROUTES + transfers.ROUTES

    routes += connect_routes.ROUTES
    return routes


def create_app(
    config: SandboxConfig | None = None, *, webhook_transport: httpx.AsyncBaseTransport | None = None
) -> Starlette:
    """A fresh sandbox. ``webhook_transport`` lets tests receive webhooks in-process (default: real HTTP)."""
    state = SandboxState(config or SandboxConfig(), webhook_transport=webhook_transport)
    exception_handlers: dict[Any, Any] = {HTTPException: _http_error, Exception: _server_error}
    app = Starlette(routes=build_routes(), exception_handlers=exception_handlers)
    app.state.sandbox = state
    app.add_middleware(SandboxMiddleware, state=state)
    return app


def state_of(app: Starlette) -> SandboxState:
    """The state behind an app made by ``create_app`` (tests use it to inspect without HTTP)."""
    state: SandboxState = app.state.sandbox
    return state
