"""Keep the session's Qt loop from leaking into plain-asyncio tests.

``tests/conftest.py``'s session-wide ``qloop`` is a ``qasync.QEventLoop(already_running=True)``: once a Qt test has
used it, asyncio believes a loop is running in this thread for the rest of the session, so every later
``asyncio.run`` / pytest-asyncio test fails with "cannot be called from a running event loop". Every module below
``tests/unit`` and ``tests/integration`` (none uses ``qloop``) gets the thread's running loop cleared while it runs,
module-scoped fixtures included, and put back afterwards (the Qt tests that come later still find their loop
running). Used by ``tests/unit/conftest.py`` and ``tests/integration/conftest.py``; it belongs in
``tests/conftest.py`` when that file is next edited.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="module")
def isolate_running_loop() -> Iterator[None]:
    leaked = asyncio.events._get_running_loop()
    if leaked is not None:
        asyncio.events._set_running_loop(None)
    try:
        yield
    finally:
        if leaked is not None:
            asyncio.events._set_running_loop(leaked)
