"""The client's in-flight gate: at most ``capacity`` requests on the wire at once, and pipelining behind it.

A task that has just received a 500-row page spends ~9 ms of CPU decoding it. If it decodes first, the request
waiting for its slot leaves only after that, so every page pays decode time on top of the network's latency. Instead,
a task with a finished response calls :meth:`WireGate.let_queued_requests_leave` before decoding: it waits (without
spinning) until every request that a free slot can admit has been written to its connection, and decodes while they
travel. At one request in flight, pages then cost latency plus server time, not latency plus server plus decode.

"Written" is reported by httpcore's ``trace`` extension (``...send_request_body.complete``), which only a real
connection pool calls; with an injected transport (the in-process sandbox, test doubles) sends are not tracked, and a
finished task only lets the queued request take its slot. A queued request that must first open a connection is not
waited for (a TCP and TLS handshake can take far longer than a decode): it counts as gone once it starts connecting.
And whatever happens, the wait ends after ``MAX_WAIT_SECONDS``: pipelining may only ever save time.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

#: The httpcore trace event that says a request (headers and body) has been handed to the socket.
_SENT_EVENT_SUFFIX = "send_request_body.complete"
#: httpcore's trace events when a request needs a new connection first (``connection.connect_tcp.started``...).
_CONNECTING_EVENT_PREFIX = "connection.connect_"
#: The longest a finished task waits for queued requests to leave (a write to a ready connection takes well under 1 ms).
MAX_WAIT_SECONDS = 0.05


class SendMark:
    """One admitted exchange until its request is on the wire; ``trace`` goes to httpx as its trace extension."""

    def __init__(self, gate: WireGate, tracked: bool) -> None:
        self._gate = gate
        self._pending = tracked

    @property
    def tracked(self) -> bool:
        return self._pending

    async def trace(self, event: str, info: Mapping[str, Any]) -> None:
        if event.endswith(_SENT_EVENT_SUFFIX) or event.startswith(_CONNECTING_EVENT_PREFIX):
            self.sent()

    def sent(self) -> None:
        """The request has left (or will never leave: the exchange ended). Idempotent."""
        if self._pending:
            self._pending = False
            self._gate._request_left()


class WireGate:
    """At most ``capacity`` exchanges at once, and a wait for the queued ones to be sent (see the module's text)."""

    def __init__(self, capacity: int, *, track_sends: bool) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._track_sends = track_sends
        self._slots = asyncio.Semaphore(capacity)
        self._queued = 0  # waiting for a slot
        self._held = 0  # holding a slot
        self._unsent = 0  # holding a slot, request not written yet (tracked sends only)
        self._settled: asyncio.Event | None = None

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[SendMark]:
        """Hold one of the ``capacity`` slots for one exchange; pass ``mark.trace`` to httpx when tracked."""
        self._queued += 1
        self._update()
        try:
            await self._slots.acquire()
        finally:
            self._queued -= 1
        self._held += 1
        mark = SendMark(self, self._track_sends)
        if mark.tracked:
            self._unsent += 1
        self._update()
        try:
            yield mark
        finally:
            mark.sent()
            self._held -= 1
            self._slots.release()
            self._update()

    async def let_queued_requests_leave(self) -> None:
        """Return once no request is waiting for a slot that is free, and every admitted request has been written.

        Call it with no slot held (after the exchange), before CPU work on the response. Returns after
        ``MAX_WAIT_SECONDS`` at the latest."""
        if self._is_settled():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._until_settled(), MAX_WAIT_SECONDS)

    async def _until_settled(self) -> None:
        while not self._is_settled():
            if self._settled is None:
                self._settled = asyncio.Event()
            self._settled.clear()
            await self._settled.wait()

    @property
    def queued(self) -> int:
        return self._queued

    def _is_settled(self) -> bool:
        return self._unsent == 0 and (self._queued == 0 or self._held >= self.capacity)

    def _request_left(self) -> None:
        self._unsent -= 1
        self._update()

    def _update(self) -> None:
        if self._settled is not None and self._is_settled():
            self._settled.set()


__all__ = ["MAX_WAIT_SECONDS", "SendMark", "WireGate"]
