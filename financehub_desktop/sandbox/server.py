"""Serving the sandbox over HTTP with uvicorn: in a background thread (tests, demo mode) or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from .app import create_app
from .settings import SandboxConfig

START_TIMEOUT = 10.0


def _server(config: SandboxConfig, host: str, sock: socket.socket) -> uvicorn.Server:
    app = create_app(config)
    port = sock.getsockname()[1]
    # log_config=None: uvicorn adds no handlers of its own; its records go through the app's logging (redaction).
    uv_config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", lifespan="off", access_log=False, log_config=None
    )
    return uvicorn.Server(uv_config)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say they are TCP, and
    # accepted connections inherit the listener's proto. With Nagle on, a response written as headers + a small
    # body waited for the client's delayed ACK: ~40 ms added to every small answer.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


@contextlib.contextmanager
def serve_in_thread(config: SandboxConfig | None = None, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run the sandbox on ``host:port`` (0 = a free port) in a daemon thread; yield its base URL; stop it on exit."""
    sock = _bind(host, port)
    server = _server(config or SandboxConfig(), host, sock)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as exc:  # reported to the caller below
            errors.append(exc)

    thread = threading.Thread(target=run, name="pluggy-sandbox", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if errors or not thread.is_alive():
            sock.close()
            raise RuntimeError(f"the sandbox did not start: {errors[0] if errors else 'thread ended'}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the sandbox did not start in time")
        time.sleep(0.01)
    try:
        yield _url(host, sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(timeout=START_TIMEOUT)
        sock.close()


def serve(host: str = "127.0.0.1", port: int = 0, config: SandboxConfig | None = None, on_ready: object = None) -> None:
    """Serve in the foreground until interrupted (``financehub sandbox``); ``on_ready(url)`` runs once listening."""
    sock = _bind(host, port)
    server = _server(config or SandboxConfig(), host, sock)

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():  # noqa: ASYNC110 (uvicorn offers no started event)
            await asyncio.sleep(0.01)
        if callable(on_ready) and server.started:
            on_ready(_url(host, sock.getsockname()[1]))
        await task

    try:
        asyncio.run(main())
    finally:
        sock.close()
