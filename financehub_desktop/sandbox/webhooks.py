"""Webhook subscriptions and deliveries (pluggy-api.md §9): JSON POSTs with ``eventId``, the subscription's custom
headers, an optional ``X-Pluggy-Signature`` (hex HMAC-SHA256 of the raw body), retried on a compressed schedule.
A 401 answer is never retried (as Pluggy documents); every attempt is recorded for ``GET /_sandbox/webhook-deliveries``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from .wire import dumps, iso

MAX_WEBHOOKS_PER_EVENT = 5
EVENT_TYPES = (
    "all",
    "item/created",
    "item/updated",
    "item/error",
    "item/deleted",
    "item/waiting_user_input",
    "item/waiting_user_action",
    "item/login_succeeded",
    "connector/status_updated",
    "transactions/created",
    "transactions/updated",
    "transactions/deleted",
    "payment_intent/created",
    "payment_intent/completed",
    "payment_intent/waiting_payer_authorization",
    "payment_intent/error",
    "payment_request/updated",
    "scheduled_payment/created",
    "scheduled_payment/completed",
    "scheduled_payment/error",
    "scheduled_payment/canceled",
    "scheduled_payment/all_completed",
    "scheduled_payment/all_created",
    "boleto/updated",
    "automatic_pix_payment/created",
    "automatic_pix_payment/completed",
    "automatic_pix_payment/error",
    "automatic_pix_payment/canceled",
    "smart_transfer_preauthorization/completed",
    "smart_transfer_preauthorization/error",
    "smart_transfer_payment/completed",
    "smart_transfer_payment/error",
)


@dataclass(slots=True)
class Subscription:
    id: str
    url: str
    event: str
    headers: dict[str, str]
    created_at: datetime
    updated_at: datetime
    disabled_at: datetime | None = None

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "event": self.event,
            "headers": dict(self.headers),
            "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at),
            "disabledAt": iso(self.disabled_at) if self.disabled_at else None,
        }


@dataclass(slots=True)
class Delivery:
    event_id: str
    event: str
    url: str
    payload: dict[str, Any]
    webhook_id: str | None
    attempts: list[dict[str, Any]] = field(default_factory=list)
    delivered: bool = False
    gave_up: bool = False

    def public(self) -> dict[str, Any]:
        return {
            "eventId": self.event_id,
            "event": self.event,
            "url": self.url,
            "webhookId": self.webhook_id,
            "payload": self.payload,
            "attempts": self.attempts,
            "delivered": self.delivered,
            "gaveUp": self.gave_up,
        }


def url_problem(url: Any, *, allow_private: bool) -> str | None:
    """Why Pluggy would refuse this webhook URL, or None. The sandbox may accept loopback/http for local relays."""
    if not isinstance(url, str) or not url or len(url) > 2048:
        return "url must be a non-empty string"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "url is not a valid URL"
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return "url must be an https URL"
    if allow_private:
        return None
    if parts.scheme != "https":
        return "url must be an https URL"
    host = parts.hostname
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return "url host must be publicly resolvable"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    return "url host must not be an IP address"


class WebhookDispatcher:
    def __init__(
        self,
        *,
        retry_delays: tuple[float, ...],
        timeout: float,
        signing_secret: str | None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.retry_delays = retry_delays
        self.timeout = timeout
        self.signing_secret = signing_secret
        self.transport = transport
        self.deliveries: list[Delivery] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def send(
        self, url: str, payload: dict[str, Any], *, headers: dict[str, str] | None = None, webhook_id: str | None = None
    ) -> Delivery:
        body = dict(payload)
        body.setdefault("eventId", str(uuid.uuid4()))
        delivery = Delivery(body["eventId"], str(body.get("event")), url, body, webhook_id)
        self.deliveries.append(delivery)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            delivery.gave_up = True
            return delivery
        task = loop.create_task(self._deliver(delivery, dict(headers or {})))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return delivery

    async def _deliver(self, delivery: Delivery, headers: dict[str, str]) -> None:
        raw = dumps(delivery.payload)
        send_headers = {"Content-Type": "application/json", "User-Agent": "Pluggy-Webhooks-Sandbox/1.0", **headers}
        if self.signing_secret:
            digest = hmac.new(self.signing_secret.encode(), raw, hashlib.sha256).hexdigest()
            send_headers["X-Pluggy-Signature"] = digest
        delays = (0.0, *self.retry_delays)
        async with httpx.AsyncClient(transport=self.transport, timeout=self.timeout) as client:
            for attempt, delay in enumerate(delays, start=1):
                if delay:
                    await asyncio.sleep(delay)
                record: dict[str, Any] = {"attempt": attempt, "at": iso(datetime.now().astimezone())}
                try:
                    response = await client.post(delivery.url, content=raw, headers=send_headers)
                    record["status"] = response.status_code
                except httpx.HTTPError as exc:
                    record["error"] = type(exc).__name__
                    delivery.attempts.append(record)
                    continue
                delivery.attempts.append(record)
                if 200 <= response.status_code < 300:
                    delivery.delivered = True
                    return
                if response.status_code == 401:
                    break
        delivery.gave_up = True

    async def drain(self) -> None:
        """Wait for every delivery in flight (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self.deliveries.clear()
