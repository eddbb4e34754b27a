"""Pluggy's rate limits (pluggy-api.md §5): per endpoint bucket, per source IP, per minute, fixed windows.

A 429 carries ``{"message": ..., "code": 429}``, ``RateLimit-Limit``, ``RateLimit-Remaining``, ``RateLimit-Reset``
(seconds until the window resets) and ``Retry-After`` (documented as always 60).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import ApiError

WINDOW_SECONDS = 60.0
TOO_MANY_MESSAGE = "Too many requests. Please try again later (see Retry-After header in seconds)"

#: bucket name -> requests per minute. Endpoints sharing a limit share a bucket.
LIMITS: dict[str, int] = {
    "auth": 360,
    "accounts": 360,
    "transactions": 360,
    "investments": 360,
    "investment-transactions": 360,
    "item-update": 20,
}


@dataclass(slots=True)
class _Window:
    started: float
    count: int


class RateLimiter:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._windows: dict[tuple[str, str], _Window] = {}

    def check(self, bucket: str, client_ip: str, now: float) -> dict[str, str]:
        """Count one request; return the ``RateLimit-*`` headers, or raise the 429 ``ApiError``."""
        limit = LIMITS.get(bucket)
        if limit is None or not self.enabled:
            return {}
        key = (bucket, client_ip)
        window = self._windows.get(key)
        if window is None or now - window.started >= WINDOW_SECONDS:
            window = _Window(now, 0)
            self._windows[key] = window
        reset = max(1, math.ceil(window.started + WINDOW_SECONDS - now))
        if window.count >= limit:
            headers = {
                "RateLimit-Limit": str(limit),
                "RateLimit-Remaining": "0",
                "RateLimit-Reset": str(reset),
                "Retry-After": "60",
            }
            raise ApiError(429, TOO_MANY_MESSAGE, headers=headers)
        window.count += 1
        return {
            "RateLimit-Limit": str(limit),
            "RateLimit-Remaining": str(limit - window.count),
            "RateLimit-Reset": str(reset),
        }

    def reset(self) -> None:
        self._windows.clear()
