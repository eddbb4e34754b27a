from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from .fakes import FakeClock, FakePluggy


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakePluggy:
    return FakePluggy(clock)


@pytest.fixture(autouse=True)
def _no_foreign_running_loop() -> Iterator[None]:
    """A session-wide qasync loop (``tests/conftest.py``'s ``qloop``, made ``already_running``) stays registered as
    this thread's running loop after a Qt test used it, and then pytest-asyncio and ``asyncio.run`` refuse to start
    ("Cannot run the event loop while another loop is running"). Hide it while a test of ours runs; put it back."""
    foreign = asyncio._get_running_loop()
    if foreign is not None:
        asyncio._set_running_loop(None)
    yield
    if foreign is not None:
        asyncio._set_running_loop(foreign)
