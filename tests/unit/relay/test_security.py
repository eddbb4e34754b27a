"""Source addresses behind proxies, the allowlist and the per-source token bucket."""

from __future__ import annotations

import ipaddress

from financehub_desktop.relay.security import RateLimiter, source_address, source_allowed


def test_source_address_walks_forwarded_for_right_to_left() -> None:
    proxies = (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128"))
    assert source_address("10.0.0.1", "1.2.3.4, 10.0.0.9", proxies) == "1.2.3.4"
    assert source_address("10.0.0.1", "6.6.6.6, 1.2.3.4", proxies) == "1.2.3.4"  # the client can't prepend itself
    assert source_address("5.5.5.5", "1.2.3.4", proxies) == "5.5.5.5"
    assert source_address("::1", "10.0.0.3", proxies) == "10.0.0.3"
    assert source_address(None, "1.2.3.4", proxies) == "unknown"
    assert source_allowed("::ffff:177.71.238.212", (ipaddress.ip_network("177.71.238.212/32"),)) is True
    assert source_allowed("anything", ()) is True
    assert source_allowed("not-an-ip", (ipaddress.ip_network("0.0.0.0/0"),)) is False


def test_token_bucket_refills_at_the_configured_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=120, burst=2, clock=lambda: now[0])
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") == 0.0
    wait = limiter.acquire("a")
    assert wait == 0.5  # two tokens a second
    now[0] += 0.5
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("b") == 0.0


def test_token_bucket_memory_is_bounded() -> None:
    limiter = RateLimiter(per_minute=60, burst=1, clock=lambda: 0.0, max_sources=3)
    for source in ("a", "b", "c", "d"):
        assert limiter.acquire(source) == 0.0
    assert len(limiter._buckets) == 3
    assert limiter.acquire("d") > 0  # still remembered: the most recent
    assert limiter.acquire("a") == 0.0  # forgotten first, starts full again
