"""``PluggyClient``: the one way the app talks to Pluggy.

    async with PluggyClient(settings.pluggy_api_url, client_id, client_secret) as pluggy:
        item = await pluggy.get_item(item_id)
        async for tx in pluggy.iter_transactions(account_id, created_at_from=since):
            ...

Every method is typed and returns wire models (``financehub_desktop.pluggy.models``) or raises a typed error of
``domain/errors.py`` / ``domain/bank_errors.py`` (see ``pluggy/errors.py`` for the mapping). Behind each call:
the client-side rate limiter (``ratelimit.py``), the cached API key (``auth.py``), timeouts, retries with
backoff and a time budget (``retry.py``), and metrics (``metrics.py``; ``client.metrics_snapshot()``).
Point ``base_url`` at the sandbox for demo mode and tests (``PLUGGY_API_URL`` / ``settings.pluggy_api_url``).
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

import httpx

from ..config.settings import Settings
from .api_data import DataApi
from .api_items import ItemsApi
from .api_payments import PaymentsApi
from .http import DEFAULT_BASE_URL, USER_AGENT, PluggyHttp
from .metrics import ClientMetrics
from .ratelimit import RateLimiter
from .retry import Clock, RetryPolicy


class PluggyClient(ItemsApi, DataApi, PaymentsApi):
    """Async client for Pluggy's API (every operation of pluggy-api.md §6.1-6.14)."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        client_id: str = "",
        client_secret: str = "",
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
        metrics: ClientMetrics | None = None,
        auth_clock: Clock = time.time,
        auth_margin: float | None = None,
        max_connections: int = 20,
        max_in_flight: int | None = None,
    ) -> None:
        self._http = PluggyHttp(
            base_url or DEFAULT_BASE_URL,
            client_id,
            client_secret,
            transport=transport,
            timeout=timeout,
            retry=retry,
            limiter=limiter,
            metrics=metrics,
            auth_clock=auth_clock,
            auth_margin=auth_margin,
            max_connections=max_connections,
            max_in_flight=max_in_flight,
        )

    @classmethod
    def from_settings(cls, settings: Settings, client_secret: str, **options: Any) -> PluggyClient:
        """The client the app uses: base URL (``PLUGGY_API_URL`` / ``pluggy_api_url``) and client id from settings;
        the secret comes from the keyring through the caller, never from the settings file."""
        return cls(settings.pluggy_api_url, settings.pluggy_client_id, client_secret, **options)

    @property
    def base_url(self) -> str:
        return self._http.base_url

    @property
    def user_agent(self) -> str:
        return USER_AGENT

    @property
    def max_in_flight(self) -> int:
        """At most this many requests of this client are on the wire at once (``max_in_flight``, default the
        connection pool's size); concurrent page listings share it."""
        return self._http.max_in_flight

    @property
    def metrics(self) -> ClientMetrics:
        return self._http.metrics

    def seconds_until_allowed(self, endpoint: str = "PATCH /items/{id}") -> float:
        """How long the client-side limiter would hold ``endpoint`` now (0 = it may go); e.g. for a refresh
        button's countdown. ``endpoint`` is ``"METHOD /template"``."""
        return self._http.limiter.wait_needed(endpoint)

    def metrics_snapshot(self) -> dict[str, Any]:
        """Per-endpoint calls, failures, retries, re-auths, rate-limit waits and latency percentiles."""
        snapshot = self._http.metrics.snapshot()
        snapshot["base_url"] = self.base_url
        snapshot["api_key_fetches"] = self._http.auth.fetch_count
        return snapshot

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> PluggyClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:  # never the secret
        return f"PluggyClient(base_url={self.base_url!r})"
