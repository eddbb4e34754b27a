"""Sync benchmark: prints ratios measured in one run (never asserted by tests).

    .venv/bin/python bench/sync.py [--user user-ok-perf-20x] [--latency-ms 50]

1. A full sync of a big sandbox item (``user-ok-perf-20x``) with every API response delayed by ``latency-ms``,
   against its *latency bound*: the same sync with no latency, plus the latency of the requests that cannot overlap
   (the sequential ones, then the longest chain of dependent pages or the parallel work spread over the engine's
   concurrency, whichever is longer). Target: at most 1.25x.
2. An incremental sync with nothing new: the requests it made and the rows it wrote (target: 0 rows).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.sandbox.app import create_app
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.store import open_store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.sync.engine import SyncEngine, SyncOptions


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


class CountingTransport(httpx.AsyncBaseTransport):
    """Records which chain of work each request belongs to (an account's pages, the investments...)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.chains: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith("/v2/transactions") or path == "/bills":
            chain = f"{path}:{request.url.params.get('accountId')}"
        elif path.startswith("/investments"):
            chain = "investments"
        elif path in ("/loans", "/identity", "/consents"):
            chain = path
        else:
            chain = "sequential"
        self.chains[chain] += 1
        return await self.inner.handle_async_request(request)


OPTIONS = SyncOptions(poll_initial_seconds=0.01, poll_max_seconds=0.05)


async def _connect(app: Any, user: str) -> str:
    async with PluggyClient(
        "http://sandbox.bench", DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, transport=httpx.ASGITransport(app=app)
    ) as client:
        item = await client.create_item(2, {"user": user, "password": "password-ok"})
        while item.status not in ("UPDATED", "LOGIN_ERROR", "OUTDATED"):
            await asyncio.sleep(0.01)
            item = await client.get_item(item.id)
        return item.id


async def _sync(app: Any, profile: str, item_id: str) -> tuple[float, Any, CountingTransport]:
    transport = CountingTransport(httpx.ASGITransport(app=app))
    store = open_store(profile_paths(profile), kdf=ScryptParams(n=2**10, r=8, p=1))
    try:
        async with PluggyClient(
            "http://sandbox.bench", DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, transport=transport
        ) as client:
            start = time.perf_counter()
            report = await SyncEngine(client, store, options=OPTIONS).sync_item(item_id, refresh=False)
            return time.perf_counter() - start, report, transport
    finally:
        store.close()


def _bound(baseline: float, chains: Counter[str], latency: float) -> float:
    sequential = chains.get("sequential", 0)
    parallel = {k: v for k, v in chains.items() if k != "sequential"}
    longest = max(parallel.values(), default=0)
    spread = math.ceil(sum(parallel.values()) / OPTIONS.max_concurrency)
    return baseline + latency * (sequential + max(longest, spread))


async def main(user: str, latency_ms: int) -> None:
    fast = create_app(SandboxConfig(seed=1, step_seconds=0.005, rate_limits=False))
    slow = create_app(SandboxConfig(seed=1, step_seconds=0.005, rate_limits=False, latency_ms=latency_ms))
    fast_item, slow_item = await _connect(fast, user), await _connect(slow, user)
    baseline, report0, _ = await _sync(fast, "bench-fast", fast_item)
    elapsed, report, transport = await _sync(slow, "bench-slow", slow_item)
    bound = _bound(baseline, transport.chains, latency_ms / 1000)
    rows = report.counts["transactions"].inserted
    print(f"full sync of {user}: {rows} transactions, {sum(transport.chains.values())} requests")
    print(f"  no latency:            {baseline:7.2f} s")
    print(f"  {latency_ms} ms latency:         {elapsed:7.2f} s")
    print(f"  latency bound:         {bound:7.2f} s   (chains: {dict(transport.chains)})")
    print(f"  ratio to the bound:    {elapsed / bound:7.2f}x  (target <= 1.25x)")
    elapsed2, again, transport2 = await _sync(slow, "bench-slow", slow_item)
    print(
        f"incremental sync with nothing new: {sum(transport2.chains.values())} requests, "
        f"{again.total.written} rows written (target 0), {elapsed2:.2f} s"
    )
    assert report0.status == report.status == again.status == "succeeded"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="user-ok-perf-20x")
    parser.add_argument("--latency-ms", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("FINANCEHUB_HOME", tempfile.mkdtemp(prefix="financehub-bench-"))
    keyring.set_keyring(MemoryKeyring())
    asyncio.run(main(args.user, args.latency_ms))
