"""The API key: fetched with ``POST /auth``, cached until shortly before its JWT ``exp``, shared by all calls.

The key is a JWT; we read its ``exp`` claim by base64-decoding the payload (no signature check: the token is
Pluggy's to verify, we only want to know when to renew it). A key without a readable ``exp`` is kept for the
documented lifetime (2 hours). Renewal happens ``margin`` seconds early, at most a tenth of the key's lifetime,
so a short-lived key (the sandbox can issue them) is not renewed on every call.

Concurrent callers that find no valid key share one in-flight ``POST /auth`` (one task, many awaiters): a sync
that fires twenty requests at once after the key expired sends one ``/auth``, not twenty. ``invalidate(key)``
drops the cached key after a 401/403 only if it is still the key that failed, so a burst of 401s from one stale
key also leads to a single renewal.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from .retry import Clock

DOCUMENTED_LIFETIME_SECONDS = 2 * 60 * 60
DEFAULT_MARGIN_SECONDS = 5 * 60


def jwt_expiry(token: str) -> float | None:
    """The ``exp`` claim (seconds since the epoch) of a JWT, or ``None`` when it has none or is not a JWT."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = parts[1]
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        claims = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(claims, dict):
        return None
    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        return None
    return float(exp)


@dataclass(frozen=True, slots=True)
class CachedKey:
    value: str
    renew_at: float  # wall-clock epoch seconds


class ApiKeyCache:
    """Holds the current API key and renews it through ``fetch`` (which performs ``POST /auth``)."""

    def __init__(
        self,
        fetch: Callable[[], Awaitable[str]],
        *,
        clock: Clock = time.time,
        margin: float = DEFAULT_MARGIN_SECONDS,
    ) -> None:
        self._fetch = fetch
        self._clock = clock
        self._margin = margin
        self._cached: CachedKey | None = None
        self._inflight: asyncio.Task[CachedKey] | None = None
        self.fetch_count = 0

    def _renew_at(self, key: str, issued_at: float) -> float:
        exp = jwt_expiry(key)
        lifetime = (exp - issued_at) if exp is not None else float(DOCUMENTED_LIFETIME_SECONDS)
        margin = min(self._margin, max(lifetime, 0.0) * 0.1)
        return issued_at + lifetime - margin

    def valid_key(self) -> str | None:
        """The cached key if it is still fresh, else ``None`` (no network)."""
        cached = self._cached
        if cached is not None and self._clock() < cached.renew_at:
            return cached.value
        return None

    async def _renew(self) -> CachedKey:
        issued_at = self._clock()
        self.fetch_count += 1
        key = await self._fetch()
        cached = CachedKey(key, self._renew_at(key, issued_at))
        self._cached = cached
        return cached

    async def get(self) -> str:
        """A fresh API key, renewing it (once, for all concurrent callers) when needed."""
        key = self.valid_key()
        if key is not None:
            return key
        task = self._inflight
        if task is None or task.done():
            task = asyncio.ensure_future(self._renew())
            self._inflight = task
            task.add_done_callback(self._clear_inflight)
        cached = await asyncio.shield(task)
        return cached.value

    def _clear_inflight(self, task: asyncio.Task[CachedKey]) -> None:
        if self._inflight is task:
            self._inflight = None
        if not task.cancelled():
            task.exception()  # mark retrieved: every awaiter already got it

    def invalidate(self, key: str) -> None:
        """Forget ``key`` after Pluggy refused it, unless it was already replaced."""
        if self._cached is not None and self._cached.value == key:
            self._cached = None

    def clear(self) -> None:
        self._cached = None
