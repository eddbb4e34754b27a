"""With Pluggy (or the network) gone, everything stored stays browsable and a sync failure is a status."""

from __future__ import annotations

import socket

import pytest

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import PluggyCredentials
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.read_models import TransactionFilter
from financehub_desktop.store.keys import ScryptParams
from tests.support.sample_store import ITEM, seed

pytestmark = pytest.mark.asyncio


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens there once the socket closes


async def test_sync_without_network_is_a_status_and_data_stays() -> None:
    settings = Settings().replace(pluggy_api_url=f"http://127.0.0.1:{_closed_port()}")
    services = AppServices.open(
        profile_paths("offline"),
        settings,
        credentials=PluggyCredentials("11111111-2222-4333-8444-555555555555", "a-secret-value"),
        kdf=ScryptParams(n=2**10, r=8, p=1),
    )
    try:
        seed(services.store)
        assert services.client is not None and services.connections is not None
        services.client._http.retry = RetryPolicy(base_delay=0.001, max_delay=0.01, budget=0.2)
        seen: list[Change] = []
        services.bus.subscribe(seen.append)
        report = await services.connections.sync(ITEM)
        assert report.status == "failed"
        assert report.error is not None
        assert report.error.is_known
        assert report.error.retryable
        finished = [c for c in seen if c.topic is Topic.SYNC_FINISHED]
        assert finished[-1].detail["error"] is report.error
        # Everything stored is still there and browsable.
        assert len(services.accounts.accounts()) == 2
        assert services.transactions.count(TransactionFilter()) == 10
        assert services.connections.connections()[0].connector_name == "Pluggy Bank"
    finally:
        await services.aclose()
