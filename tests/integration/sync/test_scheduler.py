"""The scheduler: syncs due items on the interval (never below Pluggy's floor), coalesces, reports to observers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from financehub_desktop.store import Store
from financehub_desktop.sync.engine import SyncEngine
from financehub_desktop.sync.progress import SyncProgress, SyncReport
from financehub_desktop.sync.scheduler import SyncScheduler

from .conftest import Sandbox

pytestmark = pytest.mark.asyncio


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_due_items_follow_the_interval_and_history_is_kept(
    sandbox: Sandbox, engine: SyncEngine, store: Store
) -> None:
    item = await sandbox.connect("user-ok")
    clock = FakeClock()
    scheduler = SyncScheduler(engine, item_ids=lambda: [item.id], interval=timedelta(hours=6), clock=clock)
    events: list[SyncProgress | SyncReport] = []
    scheduler.add_observer(events.append)

    assert scheduler.due_items() == [item.id], "never synced: due now"
    reports = await scheduler.run_due()
    assert [r.status for r in reports] == ["succeeded"]
    assert any(isinstance(e, SyncProgress) for e in events) and isinstance(events[-1], SyncReport)
    assert scheduler.latest[item.id].phase == "finished"

    clock.now += timedelta(hours=5, minutes=59)
    assert scheduler.due_items() == []
    clock.now += timedelta(minutes=2)
    assert scheduler.due_items() == [item.id]

    runs = scheduler.last_runs()
    assert len(runs) == 1 and runs[0].trigger == "schedule" and runs[0].status == "succeeded"
    assert runs[0].total("inserted") > 1000 and runs[0].duration_seconds is not None
    assert runs[0].error_code is None


async def test_interval_is_never_below_the_floor(engine: SyncEngine) -> None:
    scheduler = SyncScheduler(engine, item_ids=list, interval=timedelta(minutes=1))
    assert scheduler.interval == timedelta(hours=1)


async def test_concurrent_requests_for_one_item_share_one_sync(
    sandbox: Sandbox, engine: SyncEngine, store: Store
) -> None:
    item = await sandbox.connect("user-ok")
    scheduler = SyncScheduler(engine, item_ids=lambda: [item.id])
    first, second = await asyncio.gather(scheduler.sync_now(item.id), scheduler.sync_now(item.id))
    assert first is second
    scheduler.request_sync(item.id, "webhook")
    await asyncio.gather(*scheduler._running.values())
    triggers = [r.trigger for r in scheduler.last_runs()]
    assert triggers == ["webhook", "user"]
