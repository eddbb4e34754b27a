"""Webhook subscriptions CRUD (pluggy-api.md §6.11)."""

from __future__ import annotations

from typing import Any

from starlette.routing import Route

from ..errors import ApiError, not_found
from ..webhooks import EVENT_TYPES, MAX_WEBHOOKS_PER_EVENT, Subscription, url_problem
from .base import Ctx, endpoint, page


def _headers(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ApiError(400, "headers must be an object of string values", "WEBHOOK_VALIDATION_ERROR")
    if any(not k or any(c in k for c in " :\r\n") or "\n" in v or "\r" in v for k, v in value.items()):
        raise ApiError(400, "headers contain an invalid name or value", "WEBHOOK_VALIDATION_ERROR")
    return dict(value)


def _check(ctx: Ctx, url: Any, event: Any) -> None:
    problem = url_problem(url, allow_private=ctx.state.config.allow_private_webhook_urls)
    if problem:
        raise ApiError(
            400,
            problem,
            "WEBHOOK_VALIDATION_ERROR",
            extra={"details": [{"code": "001", "parameter": "url", "message": problem}]},
        )
    if event not in EVENT_TYPES:
        message = "event must be a known webhook event type"
        raise ApiError(
            400,
            message,
            "WEBHOOK_VALIDATION_ERROR",
            extra={"details": [{"code": "001", "parameter": "event", "message": message}]},
        )


def _webhook(ctx: Ctx) -> Subscription:
    sub = ctx.state.subscriptions.get(ctx.path("id").lower())
    if sub is None:
        raise not_found("WEBHOOK_NOT_FOUND", "Webhook")
    return sub


async def list_webhooks(ctx: Ctx) -> dict[str, Any]:
    return page([s.wire() for s in ctx.state.subscriptions.values()])


async def create_webhook(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    _check(ctx, body.get("url"), body.get("event"))
    if sum(1 for s in ctx.state.subscriptions.values() if s.event == body["event"]) >= MAX_WEBHOOKS_PER_EVENT:
        raise ApiError(400, f"Max of {MAX_WEBHOOKS_PER_EVENT} webhooks per event reached", "WEBHOOK_LIMIT_EXCEEDED")
    now = ctx.state.now()
    sub = Subscription(ctx.state.new_id(), body["url"], body["event"], _headers(body.get("headers")), now, now)
    ctx.state.subscriptions[sub.id] = sub
    return sub.wire()


async def get_webhook(ctx: Ctx) -> dict[str, Any]:
    return _webhook(ctx).wire()


async def update_webhook(ctx: Ctx) -> dict[str, Any]:
    sub = _webhook(ctx)
    body = await ctx.body()
    _check(ctx, body.get("url", sub.url), body.get("event", sub.event))
    enabled = body.get("enabled")
    if enabled is not None and not isinstance(enabled, bool):
        raise ApiError(400, "enabled must be a boolean")
    sub.url, sub.event = body.get("url", sub.url), body.get("event", sub.event)
    if "headers" in body:
        sub.headers = _headers(body["headers"])
    if enabled is True:
        sub.disabled_at = None
    elif enabled is False:
        sub.disabled_at = ctx.state.now()
    sub.updated_at = ctx.state.now()
    return sub.wire()


async def delete_webhook(ctx: Ctx) -> dict[str, Any]:
    sub = _webhook(ctx)
    del ctx.state.subscriptions[sub.id]
    return {"count": 1}


ROUTES = [
    Route("/webhooks", endpoint(list_webhooks), methods=["GET"]),
    Route("/webhooks", endpoint(create_webhook, status=201), methods=["POST"]),
    Route("/webhooks/{id}", endpoint(get_webhook), methods=["GET"]),
    Route("/webhooks/{id}", endpoint(update_webhook), methods=["PATCH"]),
    Route("/webhooks/{id}", endpoint(delete_webhook), methods=["DELETE"]),
]
