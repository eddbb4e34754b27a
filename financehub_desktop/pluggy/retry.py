"""When to try a request again, and how long to wait first.

Only failures that say nothing about the request itself are retried: 429, 5xx, timeouts and connection errors.
A 429 is answered by waiting what the server asks (``RateLimit-Reset``, else ``Retry-After``, in seconds or as an
HTTP date); everything else waits a capped exponential backoff with full jitter (AWS's "full jitter": a uniform
draw between 0 and the capped exponential step). All attempts of one call share a total time budget: a wait that
would overrun it is not started, and the call fails with the typed error at once.

A request that changes something is retried only when doing it twice cannot hurt:
- GET/HEAD/OPTIONS/PUT/DELETE are idempotent by HTTP's definition (a repeated DELETE at worst answers 404);
- ``POST /auth`` and ``POST /connect_token`` only mint a credential, ``POST /connectors/{id}/validate`` only checks
  fields, and a PATCH that *sets* a value (``PATCH /transactions/{id}`` category, ``PATCH /webhooks/{id}``,
  customers, recipients, payment requests) leaves the same state when repeated;
- any other POST/PATCH (create an item, answer MFA, start a payment, trigger a sync with ``PATCH /items/{id}``)
  is retried only when the server certainly did not act on it: a 429 (refused before any work) or a failure to
  connect (the request never left this computer). A timeout or a 5xx on those may have had an effect, so it is
  reported, not repeated.

Clock, sleep and randomness are injected, so tests run the whole schedule in no time.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: Non-idempotent methods on these endpoints are safe to repeat (see the module docstring).
SAFE_TO_REPEAT = frozenset(
    {
        "POST /auth",
        "POST /connect_token",
        "POST /connectors/{id}/validate",
        "PATCH /transactions/{id}",
        "PATCH /webhooks/{id}",
        "PATCH /payments/customers/{id}",
        "PATCH /payments/recipients/{id}",
        "PATCH /payments/requests/{id}",
        "PATCH /items/{id}/disable-auto-sync",
    }
)
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


def is_safe_to_repeat(endpoint: str) -> bool:
    """``endpoint`` is ``"METHOD /template"``."""
    method = endpoint.split(" ", 1)[0]
    return method in IDEMPOTENT_METHODS or endpoint in SAFE_TO_REPEAT


@dataclass
class RetryPolicy:
    """How many attempts, how long between them, and how long in all."""

    max_attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 20.0
    #: Total seconds one call may take across attempts and waits (the request timeouts count too).
    budget: float = 90.0
    #: The longest ``Retry-After`` we agree to wait inside one call; longer ones fail fast as RateLimitedError.
    max_retry_after: float = 65.0
    sleep: Sleep = field(default=asyncio.sleep)
    clock: Clock = field(default=time.monotonic)
    random: Callable[[], float] = field(default=random.random)

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in ``[0, min(max_delay, base * 2**(attempt-1))]`` for the ``attempt``-th retry."""
        cap = min(self.max_delay, self.base_delay * (2 ** max(attempt - 1, 0)))
        return float(cap * self.random())

    def should_retry_status(self, endpoint: str, status: int) -> bool:
        if status not in RETRYABLE_STATUSES:
            return False
        return status == 429 or is_safe_to_repeat(endpoint)

    def should_retry_transport(self, endpoint: str, exc: httpx.TransportError) -> bool:
        if is_safe_to_repeat(endpoint):
            return True
        # Never reached the server: a failed connect (refused, DNS, connect timeout) is safe to repeat.
        return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)


def server_wait(headers: Mapping[str, str], now_epoch: float | None = None) -> float | None:
    """Seconds the server asks us to wait: ``RateLimit-Reset`` (Pluggy's precise one), else ``Retry-After``."""
    for name in ("ratelimit-reset", "retry-after"):
        raw = headers.get(name)
        if raw is None:
            continue
        raw = raw.strip()
        try:
            seconds = float(raw)
        except ValueError:
            try:
                when = parsedate_to_datetime(raw)
            except (TypeError, ValueError, IndexError):
                continue
            now = time.time() if now_epoch is None else now_epoch
            seconds = when.timestamp() - now
        if not math.isfinite(seconds):
            continue
        return max(0.0, seconds)
    return None


class Deadline:
    """The budget of one call."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._end = policy.clock() + policy.budget

    def remaining(self) -> float:
        return self._end - self._policy.clock()

    def allows(self, wait: float) -> bool:
        return wait <= self.remaining()
