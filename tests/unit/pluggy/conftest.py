from __future__ import annotations

import pytest

from .fakes import FakeClock, FakePluggy


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> FakePluggy:
    return FakePluggy(clock)
