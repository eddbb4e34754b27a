"""Whatever arrives at POST /webhook, the relay answers with a deliberate status, never a 500."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from financehub_desktop.relay.app import create_app
from financehub_desktop.relay.store import EventStore

from .conftest import PEER, SECRET, event_body, make_config

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
bodies = (
    st.binary(max_size=200)
    | st.builds(
        lambda extra: json.dumps({"event": "item/updated", "eventId": "e", **extra}).encode(),
        st.dictionaries(st.sampled_from(["itemId", "clientId", "timestamp", "x"]), json_values, max_size=3),
    )
    | st.builds(lambda cut: event_body(event_id="fuzz")[:cut], st.integers(0, 200))
)
headers = st.dictionaries(
    st.sampled_from(
        ["X-Relay-Secret", "X-Pluggy-Signature", "X-Pluggy-Timestamp", "X-Forwarded-For", "Content-Length"]
    ),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
    max_size=4,
)


@pytest.fixture(scope="module")
def fuzz_relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, EventStore]]:
    config = make_config(tmp_path_factory.mktemp("fuzz"))
    store = EventStore(config.db_path)
    yield create_app(config, store=store), store
    store.close()


@settings(max_examples=150, deadline=None)
@given(body=bodies, extra_headers=headers, with_secret=st.booleans())
def test_any_delivery_gets_a_deliberate_status(
    fuzz_relay: tuple[Any, EventStore], body: bytes, extra_headers: dict[str, str], with_secret: bool
) -> None:
    app, store = fuzz_relay
    extra_headers.pop("Content-Length", None)  # httpx sets the real one; a lying one is the server's problem
    sent = {**({"X-Relay-Secret": SECRET} if with_secret else {}), **extra_headers}

    async def deliver() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(PEER, 1234))
        async with httpx.AsyncClient(transport=transport, base_url="http://relay.test") as client:
            return await client.post("/webhook", content=body, headers=sent)

    before = store.count()
    response = asyncio.run(deliver())
    assert response.status_code in {200, 400, 401, 403}
    if response.status_code == 200:
        event_id = json.loads(body)["eventId"]
        assert any(e.event_id == event_id for e in store.page(0, 1000).events)
    else:
        assert store.count() == before
