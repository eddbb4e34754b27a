"""The client runs on the app's qasync loop (the UI awaits it there), not only under plain asyncio."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig, create_app


def test_client_works_on_the_qasync_loop(run_async: Callable[..., Any]) -> None:
    app = create_app(SandboxConfig(seed=3, step_seconds=0.01))

    async def session() -> tuple[str, int, int]:
        policy = RetryPolicy(base_delay=0.01, max_delay=0.05)
        transport = httpx.ASGITransport(app=app)
        async with PluggyClient(
            "http://sandbox.test", DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, transport=transport, retry=policy
        ) as pluggy:
            item = await pluggy.create_item(2, {"user": "user-ok", "password": "password-ok"})
            item = await pluggy.wait_for_item(item.id, first_interval=0.02, max_interval=0.05, within=10)
            accounts = (await pluggy.list_accounts(item.id)).results
            transactions = [tx async for tx in pluggy.iter_transactions(accounts[0].id)]
            return str(item.execution_status), len(accounts), len(transactions)

    status, accounts, transactions = run_async(session(), timeout=20_000)
    assert status == "SUCCESS"
    assert accounts >= 2
    assert transactions > 0
