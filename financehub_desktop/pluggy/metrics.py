"""Per-endpoint numbers about our use of Pluggy: calls, failures, retries, waits and latency percentiles.

``ClientMetrics.snapshot()`` is a plain dict (JSON-ready) that ``financehub doctor`` prints and the UI shows.
Latencies are kept in a bounded ring per endpoint, so memory stays flat over a long session.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

RING_SIZE = 1024


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (``q`` in 0..100)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


@dataclass
class EndpointStats:
    calls: int = 0
    failures: int = 0
    retries: int = 0
    reauths: int = 0
    rate_limit_wait_seconds: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    latencies: deque[float] = field(default_factory=lambda: deque(maxlen=RING_SIZE))

    def snapshot(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        return {
            "calls": self.calls,
            "failures": self.failures,
            "retries": self.retries,
            "reauths": self.reauths,
            "rate_limit_wait_s": round(self.rate_limit_wait_seconds, 3),
            "statuses": dict(self.statuses),
            "errors": dict(self.errors),
            "latency_ms": {
                "p50": round(percentile(ordered, 50) * 1000, 1),
                "p90": round(percentile(ordered, 90) * 1000, 1),
                "p99": round(percentile(ordered, 99) * 1000, 1),
                "max": round((ordered[-1] if ordered else 0.0) * 1000, 1),
                "samples": len(ordered),
            },
        }


class ClientMetrics:
    """One per ``PluggyClient``. Keys are endpoint templates (``GET /items/{id}``): no ids, no secrets."""

    def __init__(self) -> None:
        self._stats: dict[str, EndpointStats] = {}
        #: HTTP exchanges on the wire right now, and the most there ever were at once (the concurrency used).
        self.in_flight = 0
        self.in_flight_peak = 0

    def exchange_started(self) -> None:
        self.in_flight += 1
        self.in_flight_peak = max(self.in_flight_peak, self.in_flight)

    def exchange_finished(self) -> None:
        self.in_flight -= 1

    def _for(self, endpoint: str) -> EndpointStats:
        return self._stats.setdefault(endpoint, EndpointStats())

    def record_attempt(self, endpoint: str, seconds: float, status: int | None) -> None:
        """One HTTP exchange (an attempt); ``status`` is ``None`` when no answer came."""
        stats = self._for(endpoint)
        stats.latencies.append(seconds)
        stats.statuses[str(status) if status is not None else "no-answer"] += 1

    def record_call(self, endpoint: str, error: BaseException | None) -> None:
        """One logical call, after its retries: a success or its final error."""
        stats = self._for(endpoint)
        stats.calls += 1
        if error is not None:
            stats.failures += 1
            stats.errors[type(error).__name__] += 1

    def record_retry(self, endpoint: str) -> None:
        self._for(endpoint).retries += 1

    def record_reauth(self, endpoint: str) -> None:
        self._for(endpoint).reauths += 1

    def record_rate_limit_wait(self, endpoint: str, seconds: float) -> None:
        self._for(endpoint).rate_limit_wait_seconds += seconds

    def snapshot(self) -> dict[str, Any]:
        endpoints = {name: stats.snapshot() for name, stats in sorted(self._stats.items())}
        return {
            "totals": {
                "calls": sum(s.calls for s in self._stats.values()),
                "failures": sum(s.failures for s in self._stats.values()),
                "retries": sum(s.retries for s in self._stats.values()),
                "reauths": sum(s.reauths for s in self._stats.values()),
            },
            "in_flight": {"now": self.in_flight, "peak": self.in_flight_peak},
            "endpoints": endpoints,
        }

    def reset(self) -> None:
        self._stats.clear()
        self.in_flight_peak = self.in_flight


def summary_lines(snapshot: dict[str, Any], *, limit: int = 12) -> list[str]:
    """Plain-text lines for ``financehub doctor`` and the log: totals, then the busiest endpoints."""
    totals = snapshot.get("totals", {})
    lines = [
        "Pluggy API: {calls} calls, {failures} failed, {retries} retries, {reauths} key renewals".format(
            calls=totals.get("calls", 0),
            failures=totals.get("failures", 0),
            retries=totals.get("retries", 0),
            reauths=totals.get("reauths", 0),
        )
    ]
    endpoints: dict[str, dict[str, Any]] = snapshot.get("endpoints", {})
    busiest = sorted(endpoints.items(), key=lambda kv: (-kv[1].get("calls", 0), kv[0]))[:limit]
    for name, stats in busiest:
        latency = stats.get("latency_ms", {})
        lines.append(
            f"  {name}: {stats.get('calls', 0)} calls, {stats.get('failures', 0)} failed, "
            f"{stats.get('retries', 0)} retries, p50 {latency.get('p50', 0)} ms, p90 {latency.get('p90', 0)} ms"
        )
    return lines
