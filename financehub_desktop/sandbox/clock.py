"""The sandbox's notion of "now": real UTC time plus whatever the admin API has advanced it by.

Lifecycle phases and rate-limit windows use real monotonic time (so a test can wait for them); dates of data
(transactions, bills, consents) use this clock, so ``POST /_sandbox/clock/advance`` makes "days pass".
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta


class SandboxClock:
    def __init__(self) -> None:
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def today(self) -> date:
        return self.now().date()

    def advance(self, *, days: float = 0, seconds: float = 0) -> datetime:
        if days < 0 or seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        self._offset += timedelta(days=days, seconds=seconds)
        return self.now()

    @property
    def offset(self) -> timedelta:
        return self._offset

    def reset(self) -> None:
        self._offset = timedelta(0)

    @staticmethod
    def monotonic() -> float:
        return time.monotonic()
