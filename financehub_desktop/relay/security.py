"""Who is calling (the source address behind trusted proxies), whether they may, and how often.

``X-Forwarded-For`` is honoured only when the direct peer is a configured trusted proxy (Caddy or nginx in front
of the relay): the list is read right to left, skipping trusted hops, and the first untrusted address is the
source. A client that talks to the relay directly cannot choose its own address by sending the header.
"""

from __future__ import annotations

import ipaddress
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from financehub_desktop.relay.config import Network

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _within(address: Address | None, networks: Iterable[Network]) -> bool:
    return address is not None and any(address.version == net.version and address in net for net in networks)


def source_address(peer: str | None, forwarded_for: str | None, trusted_proxies: tuple[Network, ...]) -> str:
    """The address a request came from, as text ("unknown" when the server does not know the peer)."""
    if not peer:
        return "unknown"
    if not forwarded_for or not _within(_address(peer), trusted_proxies):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _within(_address(hop), trusted_proxies):
            return hop
    return hops[0] if hops else peer


def source_allowed(source: str, allowed: tuple[Network, ...]) -> bool:
    """An empty allowlist allows everyone; otherwise the source must be an address inside one of the networks."""
    return not allowed or _within(_address(source), allowed)


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """A token bucket per source: ``burst`` requests at once, refilled at ``per_minute``.

    Memory is bounded: past ``max_sources`` the least recently seen source is forgotten (it starts full again,
    which only ever errs towards letting a request through).
    """

    def __init__(
        self,
        per_minute: int,
        burst: int,
        *,
        clock: Callable[[], float],
        max_sources: int = 10_000,
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.max_sources = max_sources
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def acquire(self, source: str) -> float:
        """Take one token; 0.0 when allowed, else the seconds until a token is available (for Retry-After)."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.pop(source, None) or _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + max(0.0, now - bucket.updated) * self.rate)
            bucket.updated = now
            self._buckets[source] = bucket
            while len(self._buckets) > self.max_sources:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate

    @staticmethod
    def retry_after_header(wait: float) -> str:
        return str(max(1, math.ceil(wait)))
