"""A sync in a child process that SIGKILLs itself at a chosen operation (tests/integration/sync/test_resume.py).

    python -m tests.integration.sync.child_sync <base_url> <item_id> <profile> <kill_at>

Operations are counted in order: each store transaction and each HTTP request to Pluggy. At operation ``kill_at``
(1-based; 0 = never) the process kills itself with SIGKILL: for a store transaction, before its commit when
``kill_at`` is odd (the transaction is lost) and right after it when even; for a request, before it is sent.
Prints ``{"ops": N, "status": ...}`` when the sync ends without being killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

import httpx
from sqlalchemy import Connection

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from financehub_desktop.store import Store, open_store
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.sync.engine import SyncEngine, SyncOptions

FAST_KDF = ScryptParams(n=2**10, r=8, p=1)
PASSPHRASE = "kill-test-passphrase-0123"


class Killer:
    def __init__(self, kill_at: int) -> None:
        self.kill_at = kill_at
        self.ops = 0

    def tick(self) -> int:
        self.ops += 1
        return self.ops

    def die(self) -> None:
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)


class KillingTransport(httpx.AsyncBaseTransport):
    def __init__(self, killer: Killer) -> None:
        self.killer = killer
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.killer.tick() == self.killer.kill_at:
            self.killer.die()
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def install(store: Store, killer: Killer) -> None:
    original = Store.write

    @contextlib.contextmanager
    def write(self: Store) -> Iterator[Connection]:
        number = killer.tick()
        with original(self) as conn:
            yield conn
            if number == killer.kill_at and number % 2 == 1:
                killer.die()  # inside the transaction: nothing of it reaches the disk
        if number == killer.kill_at:
            killer.die()  # just after the commit

    store.write = write.__get__(store)  # type: ignore[method-assign]


async def main(base_url: str, item_id: str, profile: str, kill_at: int) -> dict[str, Any]:
    killer = Killer(kill_at)
    store = open_store(profile_paths(profile), passphrase=PASSPHRASE, kdf=FAST_KDF)
    install(store, killer)
    client = PluggyClient(
        base_url,
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        transport=KillingTransport(killer),
        retry=RetryPolicy(base_delay=0.001, max_delay=0.01, budget=20.0),
    )
    try:
        engine = SyncEngine(client, store, options=SyncOptions(poll_initial_seconds=0.01, poll_max_seconds=0.05))
        report = await engine.sync_item(item_id, refresh=False)
        return {"ops": killer.ops, "status": report.status, "resumed": report.resumed}
    finally:
        await client.aclose()
        store.close()


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
    print(json.dumps(result))
