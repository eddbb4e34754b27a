"""How fast the relay acknowledges a Pluggy delivery, against Pluggy's 10 s budget.

Starts the relay on a loopback port (uvicorn in a thread, SQLite with ``synchronous=FULL`` in a temp folder), sends
new deliveries and replays, sequentially and 20 at a time, and prints latency percentiles side by side with
``GET /healthz`` (the same server doing no storage) and the budget. Run: ``.venv/bin/python bench/relay_ack.py``.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from financehub_desktop.relay.config import RelayConfig
from financehub_desktop.relay.server import RelayThread

SECRET = "bench-delivery-secret-0123456789"
TOKEN = "bench-feed-token-abcdefghijklmnop"
PLUGGY_BUDGET_S = 10.0
SEQUENTIAL = 300
CONCURRENT = 300
CONCURRENCY = 20


def _body(event_id: str) -> bytes:
    return json.dumps({"event": "item/updated", "eventId": event_id, "itemId": "item-1", "clientId": "c"}).encode()


def _at(samples: list[float], quantile: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(quantile * len(ordered)))]


def _percentiles(samples: list[float]) -> str:
    cells = [("p50", _at(samples, 0.5)), ("p95", _at(samples, 0.95)), ("p99", _at(samples, 0.99))]
    cells.append(("max", max(samples)))
    return "  ".join(f"{name} {value * 1000:6.2f} ms" for name, value in cells)


async def _timed(client: httpx.AsyncClient, method: str, path: str, **kwargs: object) -> float:
    start = time.perf_counter()
    response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.text
    return elapsed


async def _run(url: str) -> dict[str, list[float]]:
    headers = {"X-Relay-Secret": SECRET, "Content-Type": "application/json"}
    results: dict[str, list[float]] = {}
    async with httpx.AsyncClient(base_url=url, timeout=PLUGGY_BUDGET_S) as client:
        results["healthz (no storage)"] = [await _timed(client, "GET", "/healthz") for _ in range(SEQUENTIAL)]
        results["new delivery, one at a time"] = [
            await _timed(client, "POST", "/webhook", content=_body(str(uuid.uuid4())), headers=headers)
            for _ in range(SEQUENTIAL)
        ]
        results["replayed delivery"] = [
            await _timed(client, "POST", "/webhook", content=_body("replayed"), headers=headers)
            for _ in range(SEQUENTIAL)
        ]
        limit = asyncio.Semaphore(CONCURRENCY)

        async def one() -> float:
            async with limit:
                return await _timed(client, "POST", "/webhook", content=_body(str(uuid.uuid4())), headers=headers)

        results[f"new delivery, {CONCURRENCY} at a time"] = list(
            await asyncio.gather(*(one() for _ in range(CONCURRENT)))
        )
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config = RelayConfig(
            db_path=Path(tmp) / "events.sqlite3",
            delivery_secrets=(SECRET,),
            feed_tokens=(TOKEN,),
            port=0,
            rate_limit_per_minute=1_000_000,
            rate_limit_burst=100_000,
        )
        with RelayThread(config) as server:
            results = asyncio.run(_run(server.url))
    print(f"relay acknowledgement on loopback, fsync on every stored delivery; Pluggy's budget {PLUGGY_BUDGET_S:.0f} s")
    for name, samples in results.items():
        print(f"  {name:<34} {_percentiles(samples)}  p99/budget {_at(samples, 0.99) / PLUGGY_BUDGET_S:.5f}")
    base = statistics.median(results["healthz (no storage)"])
    stored = statistics.median(results["new delivery, one at a time"])
    print(f"  median stored delivery / median healthz: {stored / base:.1f}x (the cost of checks + fsync)")


if __name__ == "__main__":
    main()
