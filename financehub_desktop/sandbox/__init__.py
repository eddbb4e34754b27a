"""The Pluggy sandbox: an offline simulator of api.pluggy.ai and of the Connect page (``/connect``).

Use it in-process with ``httpx.ASGITransport(app=create_app(config))`` or as a real server with
``server.serve_in_thread(config)``. Credentials: ``DEMO_CLIENT_ID`` / ``DEMO_CLIENT_SECRET``. See docs/sandbox.md.

``create_app`` and ``state_of`` are imported on first use, so ``financehub`` (which registers the ``sandbox``
command) does not pay for Starlette at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig

if TYPE_CHECKING:
    from .app import create_app, state_of

__all__ = ["DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET", "SandboxConfig", "create_app", "state_of"]


def __getattr__(name: str) -> Any:
    if name in ("create_app", "state_of"):
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
