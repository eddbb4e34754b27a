"""Serving the relay with uvicorn: in the foreground (``financehub relay``) or in a thread (tests, demo tools).

uvicorn runs with its own proxy-header handling off (the relay decides which ``X-Forwarded-For`` to trust), no
``Server`` header, and logging through the relay's redacting handler.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

from financehub_desktop.relay.app import create_app
from financehub_desktop.relay.config import RelayConfig
from financehub_desktop.relay.logs import log


def _uvicorn_config(app: Any, config: RelayConfig, **overrides: Any) -> uvicorn.Config:
    options: dict[str, Any] = {
        "host": config.host,
        "port": config.port,
        "log_config": None,
        "proxy_headers": False,
        "server_header": False,
        "http": "h11",
        "ws": "none",
        "lifespan": "on",
        "timeout_graceful_shutdown": 5,
        "log_level": config.log_level.lower(),
    }
    options.update(overrides)
    return uvicorn.Config(app, **options)


def serve(config: RelayConfig) -> None:
    """Run until SIGINT/SIGTERM (the systemd unit's ``ExecStart``)."""
    log.info("relay listening on %s:%d, events in %s", config.host, config.port, config.db_path)
    uvicorn.Server(_uvicorn_config(create_app(config), config)).run()


class RelayThread:
    """A relay on a loopback port in a background thread; ``with RelayThread(cfg) as relay: relay.url``.

    The port is chosen by the OS when ``config.port`` is 0. Leaving the block stops the server and joins the
    thread (the lifespan closes the database).
    """

    def __init__(self, config: RelayConfig, *, app: Any | None = None, start_timeout: float = 10.0) -> None:
        self.config = config
        self.app = app if app is not None else create_app(config)
        self.start_timeout = start_timeout
        family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
        # proto=IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted sockets only when the listening socket
        # says so, and without it Nagle + delayed ACKs add 40 ms to every response.
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server = uvicorn.Server(_uvicorn_config(self.app, config, log_level="warning"))
        self._thread = threading.Thread(target=self._run, name="financehub-relay", daemon=True)
        self.port = 0

    def _run(self) -> None:
        self._server.run(sockets=[self._socket])

    @property
    def url(self) -> str:
        return f"http://{self.config.host}:{self.port}"

    def start(self) -> RelayThread:
        self._socket.bind((self.config.host, self.config.port))
        self.port = int(self._socket.getsockname()[1])
        self._thread.start()
        deadline = time.monotonic() + self.start_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the relay did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=self.start_timeout)
        self._socket.close()

    def __enter__(self) -> RelayThread:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
