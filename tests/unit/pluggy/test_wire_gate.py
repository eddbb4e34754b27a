"""The in-flight gate: its capacity, and letting queued requests leave before a finished task decodes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from financehub_desktop.pluggy import wire_gate
from financehub_desktop.pluggy.wire_gate import WireGate


@pytest.mark.asyncio
async def test_never_more_exchanges_than_capacity() -> None:
    gate = WireGate(2, track_sends=False)
    holding = 0
    peak = 0

    async def exchange() -> None:
        nonlocal holding, peak
        async with gate.slot():
            holding += 1
            peak = max(peak, holding)
            await asyncio.sleep(0.001)
            holding -= 1

    await asyncio.gather(*(exchange() for _ in range(7)))
    assert peak == 2


@pytest.mark.asyncio
async def test_nobody_queued_means_no_wait() -> None:
    gate = WireGate(1, track_sends=True)
    async with gate.slot() as mark:
        await mark.trace("http11.send_request_body.complete", {})
    await asyncio.wait_for(gate.let_queued_requests_leave(), timeout=1)


@pytest.mark.asyncio
async def test_the_queued_request_is_sent_before_the_finished_one_is_decoded() -> None:
    gate = WireGate(1, track_sends=True)
    events: list[str] = []
    first_has_slot = asyncio.Event()
    second_may_send = asyncio.Event()

    async def first() -> None:
        async with gate.slot() as mark:
            await mark.trace("http11.send_request_body.complete", {})
            events.append("first sent")
            first_has_slot.set()
            await asyncio.sleep(0.01)  # the answer travels back
        await gate.let_queued_requests_leave()
        events.append("first decoded")

    async def second() -> None:
        await first_has_slot.wait()
        async with gate.slot() as mark:
            await second_may_send.wait()
            await mark.trace("http11.send_request_headers.complete", {})  # headers alone are not the request
            events.append("second headers")
            await asyncio.sleep(0)
            await mark.trace("http11.send_request_body.complete", {})
            events.append("second sent")
            await asyncio.sleep(0.01)
        events.append("second done")

    async def release_second_later() -> None:
        await asyncio.sleep(0.02)
        second_may_send.set()

    await asyncio.wait_for(asyncio.gather(first(), second(), release_second_later()), timeout=5)
    assert events.index("second sent") < events.index("first decoded")
    assert events.index("second headers") < events.index("second sent")


@pytest.mark.asyncio
async def test_untracked_sends_only_wait_for_the_queued_task_to_take_the_slot() -> None:
    gate = WireGate(1, track_sends=False)
    events: list[str] = []
    first_has_slot = asyncio.Event()

    async def first() -> None:
        async with gate.slot():
            first_has_slot.set()
            await asyncio.sleep(0.01)
        await gate.let_queued_requests_leave()
        events.append("first decoded")

    async def second() -> None:
        await first_has_slot.wait()
        async with gate.slot():
            events.append("second admitted")
            await asyncio.sleep(0.05)  # never reports a send: nobody waits for it
        events.append("second done")

    await asyncio.wait_for(asyncio.gather(first(), second()), timeout=5)
    assert events == ["second admitted", "first decoded", "second done"]


@pytest.mark.asyncio
async def test_an_exchange_that_fails_before_sending_does_not_hold_up_the_decoder() -> None:
    gate = WireGate(1, track_sends=True)
    first_has_slot = asyncio.Event()
    decoded = asyncio.Event()

    async def first() -> None:
        async with gate.slot() as mark:
            await mark.trace("http11.send_request_body.complete", {})
            first_has_slot.set()
            await asyncio.sleep(0.01)
        await gate.let_queued_requests_leave()
        decoded.set()

    async def refused() -> None:
        async with gate.slot():
            await asyncio.sleep(0.01)
            raise ConnectionError("refused before the request was written")

    async def second() -> None:
        await first_has_slot.wait()
        with pytest.raises(ConnectionError):
            await refused()

    await asyncio.wait_for(asyncio.gather(first(), second()), timeout=5)
    assert decoded.is_set()


@pytest.mark.asyncio
async def test_a_queued_request_cancelled_while_waiting_does_not_hold_up_the_decoder() -> None:
    gate = WireGate(1, track_sends=True)
    release = asyncio.Event()

    async def holder() -> None:
        async with gate.slot() as mark:
            await mark.trace("http11.send_request_body.complete", {})
            await release.wait()

    holding = asyncio.create_task(holder())
    await asyncio.sleep(0)
    waiting = asyncio.create_task(_take_slot(gate))
    await asyncio.sleep(0)
    assert gate.queued == 1
    waiting.cancel()
    release.set()
    await holding
    await asyncio.wait_for(gate.let_queued_requests_leave(), timeout=1)
    assert gate.queued == 0
    with pytest.raises(asyncio.CancelledError):
        await waiting


async def _take_slot(gate: WireGate) -> None:
    async with gate.slot():
        await asyncio.sleep(10)


async def _decode_after_a_queued_request(gate: WireGate, queued_exchange: Callable[[], Awaitable[None]]) -> list[str]:
    """A first task holds the only slot, ``queued_exchange`` waits for it; returns the order of what happened."""
    events: list[str] = []
    first_has_slot = asyncio.Event()

    async def first() -> None:
        async with gate.slot() as mark:
            await mark.trace("http11.send_request_body.complete", {})
            first_has_slot.set()
            await asyncio.sleep(0.01)
        await gate.let_queued_requests_leave()
        events.append("first decoded")

    async def second() -> None:
        await first_has_slot.wait()
        await queued_exchange()
        events.append("second done")

    await asyncio.wait_for(asyncio.gather(first(), second()), timeout=10)
    return events


@pytest.mark.asyncio
async def test_a_queued_request_opening_a_connection_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire_gate, "MAX_WAIT_SECONDS", 5.0)  # not the cap: the connecting request itself frees it
    gate = WireGate(1, track_sends=True)

    async def connecting() -> None:
        async with gate.slot() as mark:
            await mark.trace("connection.connect_tcp.started", {})
            await asyncio.sleep(0.5)  # a slow TCP + TLS handshake
            await mark.trace("http11.send_request_body.complete", {})

    assert await _decode_after_a_queued_request(gate, connecting) == ["first decoded", "second done"]


@pytest.mark.asyncio
async def test_the_wait_for_queued_requests_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire_gate, "MAX_WAIT_SECONDS", 0.02)
    gate = WireGate(1, track_sends=True)

    async def silent() -> None:
        async with gate.slot():
            await asyncio.sleep(0.5)  # admitted, never reports its write

    assert await _decode_after_a_queued_request(gate, silent) == ["first decoded", "second done"]


def test_a_gate_needs_room_for_one_request() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        WireGate(0, track_sends=False)
