"""The relay's HTTP surface (Starlette): ``POST /webhook`` for Pluggy, ``GET /events`` for the app, ``/healthz``.

A delivery is checked in the order that costs an attacker the most and Pluggy the least: source allowlist (403),
rate limit per source (429), body size (413), the custom header secret and the optional HMAC (401), the payload
(400), ``clientId`` (403), freshness when a timestamp is present (401). Then it is stored and answered at once
(200): no processing happens here, so the answer comes in milliseconds, far inside Pluggy's 10 s. A replay of a
stored ``eventId`` gets 200 too, without a second row, so Pluggy stops retrying. Authentication failures answer
401 because Pluggy does not retry a 401: a wrong secret or a stale delivery will not get better on a second try.
A storage failure answers 503, which Pluggy does retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from financehub_desktop.pluggy.webhooks import (
    AuthFailure,
    WebhookAuthError,
    WebhookEvent,
    WebhookPayloadError,
    WebhookVerifier,
    check_freshness,
    delivery_timestamp,
    parse_webhook_event,
    secret_matches,
)
from financehub_desktop.relay.config import MAX_FEED_LIMIT, RelayConfig
from financehub_desktop.relay.logs import log
from financehub_desktop.relay.security import RateLimiter, source_address, source_allowed
from financehub_desktop.relay.store import EventStore, FeedPage, RelayStoreError

WEBHOOK_PATH = "/webhook"
EVENTS_PATH = "/events"
HEALTH_PATH = "/healthz"
DEFAULT_FEED_LIMIT = 100
#: A client that trickles its body this long is dropped (408): slow senders can't hold connections forever.
BODY_READ_TIMEOUT_SECONDS = 10.0
_AUTH_STATUS = {AuthFailure.WRONG_CLIENT: 403}


@dataclass
class Relay:
    """The relay's state, independent of HTTP: configuration, storage, checks, limiters and the clock."""

    config: RelayConfig
    store: EventStore
    clock: Callable[[], float] = time.time
    monotonic: Callable[[], float] = time.monotonic
    verifier: WebhookVerifier = field(init=False)
    delivery_limiter: RateLimiter = field(init=False)
    feed_limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        cfg = self.config
        self.verifier = WebhookVerifier(
            secrets=cfg.delivery_secrets,
            secret_header=cfg.secret_header,
            signing_keys=cfg.signing_keys,
            client_id=cfg.client_id,
        )
        self.delivery_limiter = RateLimiter(cfg.rate_limit_per_minute, cfg.rate_limit_burst, clock=self.monotonic)
        self.feed_limiter = RateLimiter(cfg.rate_limit_per_minute, cfg.rate_limit_burst, clock=self.monotonic)

    def source_of(self, request: Request) -> str:
        peer = request.client.host if request.client else None
        forwarded = ", ".join(request.headers.getlist("x-forwarded-for")) or None
        return source_address(peer, forwarded, self.config.trusted_proxies)

    def prune(self) -> int:
        """Delete events older than the retention period; returns how many."""
        cutoff = self.clock() - self.config.retention.total_seconds()
        removed = self.store.prune(cutoff)
        if removed:
            log.info("retention: pruned %d event(s) older than %s", removed, self.config.retention)
        return removed


def _error(status: int, error: str, headers: dict[str, str] | None = None, **extra: object) -> JSONResponse:
    return JSONResponse({"error": error, **extra}, status_code=status, headers=headers)


class _BodyTooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    """The raw body; ``_BodyTooLarge`` as soon as it exceeds ``limit`` bytes (never buffers more than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async with asyncio.timeout(BODY_READ_TIMEOUT_SECONDS):
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _BodyTooLarge
            chunks.append(chunk)
    return b"".join(chunks)


def _admit(relay: Relay, source: str) -> Response | None:
    """The allowlist and the rate limit, checked before the body is even read."""
    if not source_allowed(source, relay.config.allowed_sources):
        log.warning("delivery refused: source %s is not in the allowlist", source)
        return _error(403, "source_not_allowed")
    wait = relay.delivery_limiter.acquire(source)
    if wait:
        log.warning("delivery refused: rate limit for %s", source)
        return _error(429, "rate_limited", {"Retry-After": RateLimiter.retry_after_header(wait)})
    return None


def _verify(relay: Relay, request: Request, body: bytes, source: str) -> WebhookEvent | Response:
    """Secret, signature, payload, clientId and freshness: the event, or the response refusing it."""
    cfg = relay.config
    try:
        relay.verifier.verify_delivery(request.headers, body)
        event = parse_webhook_event(body)
        relay.verifier.verify_event(event)
        now = datetime.fromtimestamp(relay.clock(), tz=UTC)
        check_freshness(
            delivery_timestamp(request.headers, event, cfg.timestamp_header), now, cfg.max_event_age, cfg.max_clock_skew
        )
    except WebhookAuthError as exc:
        log.warning("delivery refused from %s: %s", source, exc.reason.value)
        return _error(_AUTH_STATUS.get(exc.reason, 401), exc.reason.value)
    except WebhookPayloadError as exc:
        log.warning("delivery refused from %s: %s", source, exc)
        return _error(400, "invalid_payload", field=exc.field, reason=exc.reason)
    return event


async def receive_webhook(request: Request) -> Response:
    relay: Relay = request.app.state.relay
    source = relay.source_of(request)
    refusal = _admit(relay, source)
    if refusal is not None:
        return refusal
    try:
        body = await _read_body(request, relay.config.max_body_bytes)
    except _BodyTooLarge:
        return _error(413, "body_too_large", limit=relay.config.max_body_bytes)
    except TimeoutError:
        log.warning("delivery refused from %s: body not received in time", source)
        return _error(408, "body_timeout")
    event = _verify(relay, request, body, source)
    if isinstance(event, Response):
        return event
    try:
        result = await run_in_threadpool(
            relay.store.add,
            event_id=event.event_id,
            event=event.event,
            body=body.decode("utf-8"),
            received_at=relay.clock(),
            source=source,
        )
    except RelayStoreError as exc:
        log.error("delivery %r not stored: %s", event.event_id, exc)
        return _error(503, "storage_unavailable")
    status = "duplicate" if result.duplicate else "stored"
    log.info("%s %r eventId=%r cursor=%d from %s", status, event.event, event.event_id, result.seq, source)
    return JSONResponse({"status": status, "cursor": result.seq})


def _bearer(request: Request) -> str | None:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        return None
    return int(raw)


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def render_page(page: FeedPage, after: int) -> bytes:
    """The feed as JSON; each ``payload`` is the stored body spliced in as is (already validated JSON)."""
    items = []
    for e in page.events:
        head = json.dumps(
            {"cursor": e.seq, "eventId": e.event_id, "event": e.event, "receivedAt": _iso(e.received_at)},
            separators=(",", ":"),
        )
        items.append(f'{head[:-1]},"payload":{e.body}}}')
    meta = json.dumps(
        {
            "nextCursor": page.next_cursor,
            "hasMore": page.has_more,
            "latestCursor": page.latest_cursor,
            "prunedThrough": page.pruned_through,
            "missedEvents": page.missed_events(after),
        },
        separators=(",", ":"),
    )
    return f'{{"events":[{",".join(items)}],{meta[1:]}'.encode()


async def list_events(request: Request) -> Response:
    relay: Relay = request.app.state.relay
    source = relay.source_of(request)
    wait = relay.feed_limiter.acquire(source)
    if wait:
        return _error(429, "rate_limited", {"Retry-After": RateLimiter.retry_after_header(wait)})
    if not secret_matches(_bearer(request), relay.config.feed_tokens):
        log.warning("feed request refused from %s: missing or wrong bearer token", source)
        return _error(401, "unauthorized", {"WWW-Authenticate": 'Bearer realm="financehub-relay"'})
    after = _int_param(request, "after", 0, 0, 2**63 - 1)
    limit = _int_param(request, "limit", DEFAULT_FEED_LIMIT, 1, MAX_FEED_LIMIT)
    if after is None or limit is None:
        return _error(400, "invalid_query", detail=f"after >= 0, 1 <= limit <= {MAX_FEED_LIMIT}")
    try:
        page = await run_in_threadpool(relay.store.page, after, limit)
    except RelayStoreError as exc:
        log.error("feed not served: %s", exc)
        return _error(503, "storage_unavailable")
    return Response(render_page(page, after), media_type="application/json", headers={"Cache-Control": "no-store"})


async def health(request: Request) -> Response:
    relay: Relay = request.app.state.relay
    ok = await run_in_threadpool(relay.store.ping)
    return JSONResponse({"status": "ok" if ok else "storage_unavailable"}, status_code=200 if ok else 503)


async def _prune_forever(relay: Relay) -> None:
    while True:
        try:
            await run_in_threadpool(relay.prune)
        except RelayStoreError as exc:
            log.error("retention: %s", exc)
        await asyncio.sleep(relay.config.prune_interval_seconds)


def create_app(
    config: RelayConfig,
    *,
    store: EventStore | None = None,
    clock: Callable[[], float] = time.time,
    monotonic: Callable[[], float] = time.monotonic,
) -> Starlette:
    """The ASGI app. Without ``store`` it opens ``config.db_path`` and closes it at shutdown.

    The retention task runs while the lifespan does (uvicorn); under ``httpx.ASGITransport`` call ``relay.prune()``.
    """
    owns_store = store is None
    relay = Relay(config=config, store=store or EventStore(config.db_path), clock=clock, monotonic=monotonic)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pruner = asyncio.create_task(_prune_forever(relay))
        try:
            yield
        finally:
            pruner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pruner
            if owns_store:
                relay.store.close()

    app = Starlette(
        routes=[
            Route(WEBHOOK_PATH, receive_webhook, methods=["POST"]),
            Route(EVENTS_PATH, list_events, methods=["GET"]),
            Route(HEALTH_PATH, health, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.relay = relay
    return app
