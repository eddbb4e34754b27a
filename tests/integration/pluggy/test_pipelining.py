"""Over a real loopback connection, a page's next request leaves before the page just received is decoded.

At one request in flight this is what keeps decoding (~9 ms per 500-row page) off the network's critical path; the
order of events is what a user would notice as speed, so the order is what is asserted (tests never time things).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from financehub_desktop.pluggy import http as pluggy_http
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.wire_gate import SendMark
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.sandbox.server import serve_in_thread


@pytest.fixture
def sandbox_url() -> Iterator[str]:
    with serve_in_thread(SandboxConfig(seed=3, step_seconds=0.01, latency_ms=20, rate_limits=False)) as url:
        yield url


async def _connected_account(url: str) -> str:
    async with PluggyClient(url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET) as pluggy:
        item = await pluggy.create_item(2, {"user": "user-ok", "password": "password-ok"})
        item = await pluggy.wait_for_item(item.id, first_interval=0.02, max_interval=0.2, within=60)
        assert item.execution_status == "SUCCESS"
        return (await pluggy.list_accounts(item.id)).results[0].id


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    recorded: list[str] = []
    original_sent = SendMark.sent
    original_parse = pluggy_http.parse_json

    def sent(self: SendMark) -> None:
        if self.tracked:
            recorded.append("sent")
        original_sent(self)

    def parse_json(raw: Any) -> Any:
        recorded.append("decode")
        return original_parse(raw)

    monkeypatch.setattr(SendMark, "sent", sent)
    monkeypatch.setattr(pluggy_http, "parse_json", parse_json)
    return recorded


@pytest.mark.asyncio
async def test_the_next_page_is_on_the_wire_before_this_one_is_decoded(sandbox_url: str, events: list[str]) -> None:
    account_id = await _connected_account(sandbox_url)
    async with PluggyClient(sandbox_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, max_in_flight=1) as pluggy:
        await pluggy.list_transactions(account_id, page=1, page_size=5)  # /auth and a warm connection
        events.clear()
        first, second = await asyncio.gather(
            pluggy.list_transactions(account_id, page=1, page_size=5),
            pluggy.list_transactions(account_id, page=2, page_size=5),
        )
    assert first.results and second.results and first.results[0].id != second.results[0].id
    assert events == ["sent", "sent", "decode", "decode"], events


@pytest.mark.asyncio
async def test_with_room_for_both_each_page_is_decoded_as_it_arrives(sandbox_url: str, events: list[str]) -> None:
    account_id = await _connected_account(sandbox_url)
    async with PluggyClient(sandbox_url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, max_in_flight=2) as pluggy:
        await pluggy.list_transactions(account_id, page=1, page_size=5)
        events.clear()
        await asyncio.gather(
            pluggy.list_transactions(account_id, page=1, page_size=5),
            pluggy.list_transactions(account_id, page=2, page_size=5),
        )
    assert events.count("sent") == 2 and events.count("decode") == 2
    assert events[:2] == ["sent", "sent"]  # both left at once: nothing waited for a slot
