"""Kill a sync subprocess at seeded random points and resume it each time: the store ends as a clean sync's.

Every test run (CI included) kills it at 50 points (about two minutes on an idle machine);
``FINANCEHUB_SYNC_KILLS=6`` makes a quick local run, more makes a longer one, and ``FINANCEHUB_SYNC_KILL_SEED``
replays a series.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.sandbox.server import serve_in_thread
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from financehub_desktop.store import open_store
from financehub_desktop.store.schema_local import sync_runs

from .child_sync import FAST_KDF, PASSPHRASE
from .conftest import sandbox_config
from .expect import provider_snapshot

ROOT = Path(__file__).resolve().parents[3]
KILLS = int(os.environ.get("FINANCEHUB_SYNC_KILLS", "50"))
SEED = int(os.environ.get("FINANCEHUB_SYNC_KILL_SEED", "20261204"))

# About 3 s per child process; a 50-kill run takes a few minutes, more on a busy machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(max(300, KILLS * 20))]


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    with serve_in_thread(sandbox_config()) as url:
        yield url


async def _connect(base_url: str) -> str:
    async with PluggyClient(base_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET) as client:
        item = await client.create_item(2, {"user": "user-ok", "password": "password-ok"})
        while item.status not in ("UPDATED", "LOGIN_ERROR", "OUTDATED"):
            await asyncio.sleep(0.01)
            item = await client.get_item(item.id)
        assert item.status == "UPDATED"
        return item.id


def _child(home: Path, base_url: str, item_id: str, profile: str, kill_at: int) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FINANCEHUB_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(  # noqa: PLW1510 (the return code is checked by the caller)
        [sys.executable, "-m", "tests.integration.sync.child_sync", base_url, item_id, profile, str(kill_at)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def _snapshot(home: Path, profile: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("FINANCEHUB_HOME", str(home))
    store = open_store(profile_paths(profile), passphrase=PASSPHRASE, kdf=FAST_KDF)
    try:
        snapshot = provider_snapshot(store)
        with store.read() as conn:
            statuses = [row.status for row in conn.execute(sync_runs.select().order_by(sync_runs.c.id))]
        return {"data": snapshot, "runs": statuses}
    finally:
        store.close()


def _difference(table: str, got: set[tuple[Any, ...]], expected: set[tuple[Any, ...]], series: int) -> str:
    extra, missing = sorted(got - expected, key=str), sorted(expected - got, key=str)
    lines = [
        f"series {series} (seed {SEED}): table {table}: {len(extra)} rows differ or are extra, {len(missing)} missing"
    ]
    by_key = {row[0]: row for row in missing}
    for row in extra[:3]:
        other = by_key.get(row[0])
        changed = [(i, a, b) for i, (a, b) in enumerate(zip(row, other, strict=True)) if a != b] if other else "extra"
        lines.append(f"  {row[0]}: {changed}")
    return "\n".join(lines)


def test_killed_syncs_resume_to_exactly_a_clean_sync(
    sandbox_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    item_id = asyncio.run(_connect(sandbox_url))
    clean = _child(home, sandbox_url, item_id, "clean", 0)
    assert clean.returncode == 0, clean.stderr[-2000:]
    total_ops = json.loads(clean.stdout.strip().splitlines()[-1])["ops"]
    expected = _snapshot(home, "clean", monkeypatch)["data"]
    assert sum(len(rows) for rows in expected.values()) > 1000

    rng = random.Random(SEED)
    kills = series = 0
    while kills < KILLS:
        series += 1
        profile = f"killed{series}"
        resumed_runs = 0
        while True:
            kill_at = rng.randint(1, total_ops)
            result = _child(home, sandbox_url, item_id, profile, kill_at)
            if result.returncode == -signal.SIGKILL:
                kills += 1
                continue
            assert result.returncode == 0, result.stderr[-2000:]
            outcome = json.loads(result.stdout.strip().splitlines()[-1])
            assert outcome["status"] == "succeeded"
            resumed_runs += int(outcome["resumed"])
            break
        got = _snapshot(home, profile, monkeypatch)
        for table, rows in expected.items():
            assert got["data"][table] == rows, _difference(table, got["data"][table], rows, series)
        assert got["runs"][-1] == "succeeded"
        assert "running" not in got["runs"], "an interrupted run was resumed, not left behind"
