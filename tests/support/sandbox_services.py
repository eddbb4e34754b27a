"""The app's services over the in-process sandbox, with a fast sync engine (service-level integration tests)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.sandbox.app import create_app
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import PluggyCredentials
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.sync.engine import SyncEngine
from tests.integration.sync.expect import FAST_OPTIONS


@contextlib.asynccontextmanager
async def services_on_sandbox(profile: str, seed: int) -> AsyncIterator[AppServices]:
    """``AppServices`` for ``profile`` on a sandbox generated from ``seed``, syncing with ``FAST_OPTIONS``."""
    app = create_app(SandboxConfig(seed=seed, step_seconds=0.005, rate_limits=False))
    opened = AppServices.open(
        profile_paths(profile),
        Settings().replace(pluggy_api_url="http://sandbox.test"),
        credentials=PluggyCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        transport=httpx.ASGITransport(app=app),
        kdf=ScryptParams(n=2**10, r=8, p=1),
    )
    assert opened.connections is not None
    opened.connections.engine = SyncEngine(opened.client, opened.store, options=FAST_OPTIONS)  # type: ignore[arg-type]
    try:
        yield opened
    finally:
        await opened.aclose()
