"""The Pluggy sandbox: an offline simulator of api.pluggy.ai and of the Connect page (``/connect``).

Use it in-process with ``httpx.ASGITransport(app=create_app(config))`` or as a real server with
``server.serve_in_thread(config)``. Credentials: ``DEMO_CLIENT_ID`` / ``DEMO_CLIENT_SECRET``. See docs/sandbox.md.
"""

from __future__ import annotations

from .app import create_app, state_of
from .settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig

__all__ = ["DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET", "SandboxConfig", "create_app", "state_of"]
