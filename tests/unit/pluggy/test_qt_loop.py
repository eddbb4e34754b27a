"""The client runs on the app's qasync loop (the UI awaits it there), not only under plain asyncio.

It runs in a child interpreter: a qasync loop made ``already_running`` inside the test session would stay the
thread's running loop and break every later pytest-asyncio test (see the report on ``tests/conftest.py``'s
``run_async``), and the app's own entry point runs ``run_until_complete`` exactly once (PLATFORM.md gotcha 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import asyncio, json
    import httpx, qasync
    from PySide6.QtWidgets import QApplication
    from financehub_desktop.pluggy.client import PluggyClient
    from financehub_desktop.pluggy.retry import RetryPolicy
    from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig, create_app

    async def session():
        transport = httpx.ASGITransport(app=create_app(SandboxConfig(seed=3, step_seconds=0.01)))
        policy = RetryPolicy(base_delay=0.01, max_delay=0.05)
        async with PluggyClient("http://sandbox.test", DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
                                transport=transport, retry=policy) as pluggy:
            item = await pluggy.create_item(2, {"user": "user-ok", "password": "password-ok"})
            item = await pluggy.wait_for_item(item.id, first_interval=0.02, max_interval=0.05, within=10)
            accounts = (await pluggy.list_accounts(item.id)).results
            transactions = [tx async for tx in pluggy.iter_transactions(accounts[0].id)]
            on_qt_loop = isinstance(asyncio.get_running_loop(), qasync.QEventLoop)
            return {"status": item.execution_status, "accounts": len(accounts),
                    "transactions": len(transactions), "on_qt_loop": on_qt_loop}

    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        print(json.dumps(loop.run_until_complete(session())))
    """
)


def test_client_works_on_the_qasync_loop() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["on_qt_loop"] is True
    assert result["status"] == "SUCCESS"
    assert result["accounts"] >= 2
    assert result["transactions"] > 0
