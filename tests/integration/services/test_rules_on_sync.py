"""Categorisation rules applied after a sync through the service layer, on the in-process sandbox."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from financehub_desktop.services.context import AppServices
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.read_models import RuleDraft, TransactionFilter
from tests.support.sandbox_services import services_on_sandbox

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def services() -> AsyncIterator[AppServices]:
    async with services_on_sandbox("rules", seed=3) as opened:
        yield opened


async def test_rules_apply_after_each_sync_and_never_beat_a_manual_category(services: AppServices) -> None:
    connections, transactions, rules = services.connections, services.transactions, services.rules
    assert connections is not None and services.client is not None
    item = await services.client.create_item(2, {"user": "user-ok", "password": "password-ok"})
    await connections.add_from_connect(item.id)
    assert (await connections.sync(item.id)).status == "succeeded"
    rows = transactions.page(TransactionFilter(), limit=1000)
    common = Counter(r.description for r in rows).most_common(1)[0][0]  # a description that repeats
    same = [r for r in rows if r.description == common]
    assert len(same) > 1
    target = same[0]
    category = next(c for c in transactions.categories() if c.category_id != target.category_id)
    manual = next(c for c in transactions.categories() if c.category_id not in (category.category_id,
                                                                             target.category_id))  # fmt: skip
    # Saved without applying: the next sync applies it.
    rules.add(RuleDraft(field="description", match_type="exact", pattern=target.description,
                        category_id=category.category_id))  # fmt: skip
    assert transactions.row(target.transaction_id).category_id == target.category_id
    transactions.recategorise(same[1].transaction_id, manual.category_id)
    seen: list[Change] = []
    services.bus.subscribe(seen.append)
    applied_on: list[threading.Thread] = []
    services.bus.subscribe(lambda c: applied_on.append(threading.current_thread()) if c.detail.get("rules") else None)
    assert (await connections.sync(item.id)).status == "succeeded"
    assert transactions.row(target.transaction_id).category_id == category.category_id
    assert any(c.topic is Topic.TRANSACTIONS and c.detail.get("rules") for c in seen)
    assert applied_on and threading.current_thread() not in applied_on  # not on the loop's (the GUI's) thread
    assert transactions.row(same[1].transaction_id).category_id == manual.category_id
    # Another sync of the same data: nothing to re-categorise, and the results are still there.
    seen.clear()
    assert (await connections.sync(item.id)).status == "succeeded"
    assert not any(c.topic is Topic.TRANSACTIONS and c.detail.get("rules") for c in seen)
    assert transactions.row(target.transaction_id).category_id == category.category_id
    assert transactions.count(TransactionFilter(category_ids=(category.category_id,))) >= len(same) - 1
