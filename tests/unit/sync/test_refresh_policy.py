"""When the engine asks Pluggy for a refresh, and when it syncs without one (and says why)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest

from financehub_desktop.pluggy.models.items import Item
from financehub_desktop.sync.engine import SyncEngine, SyncOptions

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def engine(**options: Any) -> SyncEngine:
    return SyncEngine(
        cast(Any, None), cast(Any, None), repos=cast(Any, object()), options=SyncOptions(**options), clock=lambda: NOW
    )


def item(status: str = "UPDATED", connector_id: int = 2, updated_ago: timedelta | None = timedelta(days=1)) -> Item:
    return Item.model_validate(
        {
            "id": "item-1",
            "status": status,
            "connector": {"id": connector_id, "name": "Bank"},
            "lastUpdatedAt": (NOW - updated_ago).isoformat() if updated_ago is not None else None,
        }
    )


def test_an_old_item_is_refreshed() -> None:
    assert engine()._refresh_block(item(), refresh=True) is None
    assert engine()._refresh_block(item(updated_ago=None), refresh=True) is None


@pytest.mark.parametrize(
    ("candidate", "words"),
    [
        (item(connector_id=200), "MeuPluggy"),
        (item(status="UPDATING"), "already updating"),
        (item(status="WAITING_USER_INPUT"), "already updating"),
        (item(updated_ago=timedelta(minutes=10)), "minimum interval"),
    ],
    ids=["meupluggy", "updating", "mfa", "recent"],
)
def test_items_synced_without_refresh_say_why(candidate: Item, words: str) -> None:
    reason = engine()._refresh_block(candidate, refresh=True)
    assert reason is not None and words in reason


def test_the_minimum_interval_is_configurable_and_refresh_can_be_declined() -> None:
    recent = item(updated_ago=timedelta(minutes=10))
    assert engine(min_refresh_interval=timedelta(minutes=5))._refresh_block(recent, refresh=True) is None
    assert "not requested" in (engine()._refresh_block(item(), refresh=False) or "")
