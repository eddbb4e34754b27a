"""All mutable state of one sandbox instance, and the events it emits. ``reset()`` returns it to a fresh start."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import httpx

from .auth import TokenSigner
from .clock import SandboxClock
from .data.book import SyncChanges
from .faults import FaultInjector
from .lifecycle import ItemEngine, ItemRecord
from .payments_model import PaymentsBook
from .ratelimit import RateLimiter
from .settings import DEMO_CLIENT_ID, SandboxConfig
from .webhooks import Subscription, WebhookDispatcher
from .wire import iso

MAX_REQUEST_LOG = 10_000


@dataclass(slots=True)
class RequestRecord:
    method: str
    path: str
    query: str
    timestamp: str
    monotonic: float
    status: int | None = None

    def public(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "timestamp": self.timestamp,
            "monotonic": self.monotonic,
            "status": self.status,
        }


@dataclass(slots=True)
class ConnectTokenInfo:
    token_id: str
    item_id: str | None
    options: dict[str, Any]
    item_ids: set[str] = field(default_factory=set)


class SandboxState:
    def __init__(self, config: SandboxConfig, *, webhook_transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.config = config
        self.webhook_transport = webhook_transport
        self.clock = SandboxClock()
        self.signer = TokenSigner()
        self.limiter = RateLimiter(config.rate_limits)
        self.faults = FaultInjector()
        self.dispatcher = WebhookDispatcher(
            retry_delays=config.webhook_retry_delays,
            timeout=config.webhook_timeout_seconds,
            signing_secret=config.webhook_signing_secret,
            transport=webhook_transport,
        )
        self._init_data()

    def _init_data(self) -> None:
        self.rng = random.Random(f"{self.config.seed}:ids")
        self.items: dict[str, ItemRecord] = {}
        self.connect_tokens: dict[str, ConnectTokenInfo] = {}
        self.subscriptions: dict[str, Subscription] = {}
        self.category_rules: dict[str, dict[str, Any]] = {}
        self.requests: list[RequestRecord] = []
        self.payments = PaymentsBook(self)
        self.engine = ItemEngine(
            seed=self.config.seed,
            step_seconds=self.config.step_seconds,
            mfa_timeout=self.config.mfa_timeout_seconds,
            now=self.now,
            emit=self.emit_item,
        )
        self.engine.changes_listeners.append(self._on_changes)

    def reset(self) -> None:
        for item in self.items.values():
            if item.driver is not None:
                item.driver.cancel()
        self.dispatcher.cancel_all()
        self.payments.cancel()
        self.clock.reset()
        self.signer = TokenSigner()
        self.limiter.reset()
        self.faults.clear()
        self._init_data()

    # -------------------------------------------------------------------------------------------- helpers
    def now(self) -> datetime:
        return self.clock.now()

    def epoch(self) -> float:
        return self.clock.now().timestamp()

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def item(self, item_id: str) -> ItemRecord | None:
        item = self.items.get(item_id)
        if item is not None:
            self.engine.advance(item)
        return item

    def find_account(self, account_id: str) -> ItemRecord | None:
        for item in self.items.values():
            if item.book is not None and account_id in item.book.account_ids():
                return item
        return None

    # -------------------------------------------------------------------------------------------- events
    def _targets(self, event: str, item_webhook: str | None) -> list[tuple[str, dict[str, str], str | None]]:
        targets: list[tuple[str, dict[str, str], str | None]] = []
        for sub in self.subscriptions.values():
            if sub.disabled_at is None and sub.event in (event, "all"):
                targets.append((sub.url, sub.headers, sub.id))
        if item_webhook:
            targets.append((item_webhook, {}, None))
        return targets

    def emit(self, event: str, payload: dict[str, Any], *, item_webhook: str | None = None) -> None:
        for url, headers, webhook_id in self._targets(event, item_webhook):
            body = {"event": event, "eventId": str(uuid.uuid4()), "clientId": DEMO_CLIENT_ID, **payload}
            self.dispatcher.send(url, body, headers=headers, webhook_id=webhook_id)

    def emit_item(self, event: str, item: ItemRecord, extra: dict[str, Any]) -> None:
        payload = {"id": item.id, "itemId": item.id, "clientUserId": item.client_user_id, **extra}
        self.emit(event, payload, item_webhook=item.webhook_url)

    def _on_changes(self, item: ItemRecord, changes: SyncChanges) -> None:
        base = self.config.public_url or "http://127.0.0.1"
        created_from = iso(changes.created_from) if changes.created_from else None
        for account_id in changes.created:
            link_query = urlencode({"accountId": account_id, "createdAtFrom": created_from or ""})
            self.emit(
                "transactions/created",
                {
                    "id": item.id,
                    "itemId": item.id,
                    "accountId": account_id,
                    "transactionsCreatedAtFrom": created_from,
                    "createdTransactionsLink": f"{base}/v2/transactions?{link_query}",
                },
                item_webhook=item.webhook_url,
            )
        for kind, ids_by_account in (
            ("transactions/updated", changes.updated),
            ("transactions/deleted", changes.deleted),
        ):
            for account_id, ids in ids_by_account.items():
                self.emit(
                    kind,
                    {"id": item.id, "itemId": item.id, "accountId": account_id, "transactionIds": list(ids)},
                    item_webhook=item.webhook_url,
                )

    def log_request(self, method: str, path: str, query: str, mono: float) -> RequestRecord:
        record = RequestRecord(method, path, query, iso(self.now()), mono)
        self.requests.append(record)
        if len(self.requests) > MAX_REQUEST_LOG:
            del self.requests[: len(self.requests) - MAX_REQUEST_LOG]
        return record
