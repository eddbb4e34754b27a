"""A client-side limiter that keeps us under Pluggy's per-endpoint, per-minute limits (pluggy-api.md §5).

Pluggy counts per endpoint, per source IP, per minute, and where one limit spans two endpoints both count toward
it. Each bucket here is a sliding 60-second window: a request that would be the (limit+1)-th within the window
waits until the oldest one leaves it. Waiting here costs a little latency; being refused costs a full minute.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from .retry import Clock, Sleep

WINDOW_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Limit:
    bucket: str
    per_minute: int


#: ``"METHOD /template"`` -> its bucket. ``/v2/transactions`` is assumed to share the ``/transactions`` bucket
#: (UNCONFIRMED upstream; the safer guess).
DEFAULT_LIMITS: Mapping[str, Limit] = {
    "POST /auth": Limit("auth", 360),
    "GET /accounts": Limit("accounts", 360),
    "GET /accounts/{id}": Limit("accounts", 360),
    "GET /transactions": Limit("transactions", 360),
    "GET /transactions/{id}": Limit("transactions", 360),
    "GET /v2/transactions": Limit("transactions", 360),
    "GET /investments": Limit("investments", 360),
    "GET /investments/{id}": Limit("investments", 360),
    "GET /investments/{id}/transactions": Limit("investment-transactions", 360),
    "PATCH /items/{id}": Limit("item-update", 20),
}


class RateLimiter:
    """Sliding-window limiter keyed by endpoint template. ``acquire`` waits (with the injected sleep) when full."""

    def __init__(
        self,
        limits: Mapping[str, Limit] | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        window: float = WINDOW_SECONDS,
    ) -> None:
        self._limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self._clock = clock
        self._sleep = sleep
        self._window = window
        self._sent: dict[str, deque[float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self.waited_seconds = 0.0

    def limit_for(self, endpoint: str) -> Limit | None:
        return self._limits.get(endpoint)

    def wait_needed(self, endpoint: str) -> float:
        """Seconds until ``endpoint`` may be sent (0 when it may go now); does not reserve a slot."""
        limit = self._limits.get(endpoint)
        if limit is None:
            return 0.0
        sent = self._prune(limit.bucket)
        if len(sent) < limit.per_minute:
            return 0.0
        return max(0.0, sent[0] + self._window - self._clock())

    def _prune(self, bucket: str) -> deque[float]:
        sent = self._sent.setdefault(bucket, deque())
        horizon = self._clock() - self._window
        while sent and sent[0] <= horizon:
            sent.popleft()
        return sent

    async def acquire(self, endpoint: str) -> float:
        """Reserve a slot for ``endpoint``, waiting if its bucket is full. Returns the seconds waited."""
        limit = self._limits.get(endpoint)
        if limit is None:
            return 0.0
        waited = 0.0
        async with self._locks.setdefault(limit.bucket, asyncio.Lock()):
            while True:
                sent = self._prune(limit.bucket)
                if len(sent) < limit.per_minute:
                    sent.append(self._clock())
                    self.waited_seconds += waited
                    return waited
                delay = max(sent[0] + self._window - self._clock(), 0.001)
                waited += delay
                await self._sleep(delay)

    def penalise(self, endpoint: str, seconds: float) -> None:
        """After a 429, treat the bucket as full for ``seconds`` so that no other task sends early."""
        limit = self._limits.get(endpoint)
        if limit is None:
            return
        sent = self._prune(limit.bucket)
        until = self._clock() + seconds - self._window
        sent.clear()
        sent.extend([until] * limit.per_minute)
