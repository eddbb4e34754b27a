"""``financehub sync``: the demo end to end, a real profile against a loopback sandbox, and missing credentials."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from financehub_desktop import cli
from financehub_desktop.config.paths import DEMO_PROFILE, profile_paths
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.usage_file import load_usage
from financehub_desktop.sandbox.server import serve_in_thread
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from financehub_desktop.store import open_demo_store, open_store, schema
from financehub_desktop.sync.command import create_demo_item

from .conftest import sandbox_config

pytestmark = pytest.mark.slow


def _transactions(profile: str) -> int:
    with open_store(profile_paths(profile)) as store, store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.transactions)).scalar_one())


def test_sync_demo_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sync", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "succeeded" in out and "Conta Corrente" in out
    assert "transactions" in out and "inserted" in out
    assert _transactions(DEMO_PROFILE) > 1000
    # A second demo run resyncs the same (deterministic) demo item: still one item in the demo profile.
    assert cli.main(["sync", "--demo"]) == 0
    with open_store(profile_paths(DEMO_PROFILE)) as store, store.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.items)).scalar_one() == 1
    # and `financehub doctor` can tell what the last sync asked of Pluggy
    usage = load_usage(profile_paths(DEMO_PROFILE).api_usage_file)
    assert usage["sync"]["snapshot"]["totals"]["calls"] > 5
    assert cli.main(["--profile", DEMO_PROFILE, "doctor"]) == 0
    assert "Pluggy API, last `financehub sync`" in capsys.readouterr().out


def test_sync_an_item_of_the_profile(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with serve_in_thread(sandbox_config()) as url:

        async def connect() -> str:
            async with PluggyClient(url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET) as client:
                return await create_demo_item(client, step_seconds=0.01)

        item_id = asyncio.run(connect())
        monkeypatch.setenv("PLUGGY_API_URL", url)
        monkeypatch.setenv("PLUGGY_CLIENT_ID", DEMO_CLIENT_ID)
        monkeypatch.setenv("PLUGGY_CLIENT_SECRET", DEMO_CLIENT_SECRET)
        assert cli.main(["sync", "--item", item_id]) == 0
        assert _transactions("default") > 1000
        capsys.readouterr()
        # Without --item, every stored item is synced; --no-refresh pulls without asking the bank.
        assert cli.main(["sync", "--no-refresh"]) == 0
        out = capsys.readouterr().out
        assert item_id in out and "refresh not requested" in out


def test_sync_without_credentials_says_what_to_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sync"]) == cli.EXIT_KNOWN_ERROR
    err = capsys.readouterr().err
    assert "PLUGGY_CLIENT_SECRET" in err and "--demo" in err


@pytest.mark.usefixtures("no_keyring")
def test_sync_demo_without_a_keyring_opens_the_same_demo_as_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    """Headless machines (CI, servers) have no keyring: the demo still syncs, behind the demo's own passphrase."""
    assert cli.main(["sync", "--demo"]) == 0
    assert "succeeded" in capsys.readouterr().out
    with open_demo_store(profile_paths(DEMO_PROFILE)) as store:  # what the app's demo opens
        assert store.key_mode == "passphrase"
        with store.read() as conn:
            assert conn.execute(select(func.count()).select_from(schema.transactions)).scalar_one() > 1000
