"""Runs item syncs on the user's interval, one at a time per item, and keeps the UI informed.

    scheduler = SyncScheduler(engine, item_ids=lambda: services.item_ids(), interval=timedelta(hours=6))
    scheduler.add_observer(on_sync_event)       # SyncProgress while running, SyncReport when each sync ends
    task = asyncio.create_task(scheduler.run(stop_event))
    await scheduler.sync_now(item_id)            # the "Sync now" button (joins a sync already running)
    scheduler.last_runs()                        # the sync history: counts, errors, duration

Never faster than Pluggy allows: the interval is at least ``MIN_SYNC_INTERVAL_HOURS`` (settings), an item is due only
when its last finished run is older than the interval, and the engine itself skips the ``PATCH`` refresh of an item
Pluggy updated recently. Syncs asked for by events (webhooks, polling) pull without a refresh (Pluggy already has
the data) and are coalesced: a request for an item already syncing joins that sync.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from financehub_desktop.config.logs import get_logger
from financehub_desktop.config.settings import MIN_SYNC_INTERVAL_HOURS

from .engine import AnswerMfa, SyncEngine, utc_now
from .progress import SyncProgress, SyncReport

log = get_logger("sync")
DEFAULT_INTERVAL = timedelta(hours=6)
SchedulerObserver = Callable[[SyncProgress | SyncReport], None]


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One row of the sync history, as the UI shows it."""

    run_id: int
    item_id: str | None
    trigger: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, Any]
    error_code: str | None
    error_message: str | None

    @property
    def duration_seconds(self) -> float | None:
        return None if self.finished_at is None else (self.finished_at - self.started_at).total_seconds()

    def total(self, key: str) -> int:
        """Sum of ``inserted`` / ``updated`` / ``removed`` / ``unchanged`` over every resource."""
        return sum(int(c.get(key, 0)) for name, c in self.counts.items() if not name.startswith("_"))


class SyncScheduler:
    def __init__(
        self,
        engine: SyncEngine,
        *,
        item_ids: Callable[[], Sequence[str]],
        interval: timedelta = DEFAULT_INTERVAL,
        answer_mfa: AnswerMfa | None = None,
        clock: Callable[[], datetime] = utc_now,
        tick_seconds: float = 60.0,
    ) -> None:
        self.engine = engine
        self.item_ids = item_ids
        self.interval = max(interval, timedelta(hours=MIN_SYNC_INTERVAL_HOURS))
        self.answer_mfa = answer_mfa
        self.clock = clock
        self.tick_seconds = tick_seconds
        self._observers: list[SchedulerObserver] = []
        self._running: dict[str, asyncio.Task[SyncReport]] = {}
        self._wake = asyncio.Event()
        self.latest: dict[str, SyncProgress] = {}

    # ------------------------------------------------------------------------------------------ observers
    def add_observer(self, observer: SchedulerObserver) -> Callable[[], None]:
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    def _publish(self, event: SyncProgress | SyncReport) -> None:
        if isinstance(event, SyncProgress):
            self.latest[event.item_id] = event
        for observer in list(self._observers):
            try:
                observer(event)
            except Exception:
                log.exception("sync observer failed")

    # ------------------------------------------------------------------------------------------ syncing
    @property
    def running_items(self) -> list[str]:
        return [item for item, task in self._running.items() if not task.done()]

    async def sync_now(self, item_id: str, *, trigger: str = "user", refresh: bool = True) -> SyncReport:
        """Sync one item now; if it is already syncing, wait for that sync instead of starting another."""
        task = self._running.get(item_id)
        if task is None or task.done():
            task = asyncio.ensure_future(self._sync(item_id, trigger, refresh))
            self._running[item_id] = task
        return await asyncio.shield(task)

    def request_sync(self, item_id: str, trigger: str) -> None:
        """For the event processor: start a pull-only sync in the background (coalesced per item)."""
        if item_id in self.running_items:
            return
        self._running[item_id] = asyncio.ensure_future(self._sync(item_id, trigger, refresh=False))

    async def _sync(self, item_id: str, trigger: str, refresh: bool) -> SyncReport:
        report = await self.engine.sync_item(
            item_id, trigger=trigger, answer_mfa=self.answer_mfa, observer=self._publish, refresh=refresh
        )
        self._publish(report)
        return report

    # ------------------------------------------------------------------------------------------ schedule
    def last_runs(self, *, item_id: str | None = None, limit: int = 20) -> list[RunSummary]:
        store = self.engine.store
        with store.read() as conn:
            rows = store.repos.journal.recent_runs(conn, item_id=item_id, limit=limit)
        return [
            RunSummary(
                run_id=row.id,
                item_id=row.item_id,
                trigger=row.trigger,
                status=row.status,
                started_at=row.started_at,
                finished_at=row.finished_at,
                counts=dict(row.counts or {}),
                error_code=row.error_code,
                error_message=row.error_message,
            )
            for row in rows
        ]

    def next_due(self, item_id: str) -> datetime:
        """When the item is next due: the interval after its last finished run (now if it never synced)."""
        finished = [r for r in self.last_runs(item_id=item_id, limit=10) if r.finished_at is not None]
        if not finished:
            return self.clock()
        last = max(r.finished_at for r in finished if r.finished_at is not None)
        return last.astimezone(UTC) + self.interval

    def due_items(self) -> list[str]:
        now = self.clock()
        return [i for i in self.item_ids() if i not in self.running_items and self.next_due(i) <= now]

    async def run_due(self) -> list[SyncReport]:
        """Sync every due item, one after another (Pluggy's limits are per client, not per item)."""
        reports = []
        for item_id in self.due_items():
            reports.append(await self.sync_now(item_id, trigger="schedule"))
        return reports

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Check for due items every ``tick_seconds`` (or on ``wake()``) until ``stop`` is set."""
        while not stop.is_set():
            await self.run_due()
            waits = [asyncio.ensure_future(self._wake.wait()), asyncio.ensure_future(stop.wait())]
            try:
                await asyncio.wait(waits, timeout=self.tick_seconds, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for w in waits:
                    w.cancel()
            self._wake.clear()
        for task in self._running.values():
            if not task.done():
                task.cancel()
