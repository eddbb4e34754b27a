"""Own transfers in the demo data, synced from the in-process sandbox: every transfer between the holder's checking
and savings is detected, nothing else is, and the reports leave them out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import select

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.sandbox.app import create_app
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.services import reports as reports_module
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import PluggyCredentials
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.store.schema import identities, transactions
from financehub_desktop.sync.engine import SyncEngine

from ..sync.expect import FAST_OPTIONS

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def services() -> AsyncIterator[AppServices]:
    app = create_app(SandboxConfig(seed=5, step_seconds=0.005, rate_limits=False))
    opened = AppServices.open(
        profile_paths("transfers"),
        Settings().replace(pluggy_api_url="http://sandbox.test"),
        credentials=PluggyCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        transport=httpx.ASGITransport(app=app),
        kdf=ScryptParams(n=2**10, r=8, p=1),
    )
    assert opened.connections is not None
    opened.connections.engine = SyncEngine(opened.client, opened.store, options=FAST_OPTIONS)  # type: ignore[arg-type]
    yield opened
    await opened.aclose()


async def test_demo_transfers_are_detected_and_left_out_of_the_reports(
    services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert services.connections is not None and services.client is not None
    item = await services.client.create_item(2, {"user": "user-ok", "password": "password-ok"})
    await services.connections.add_from_connect(item.id)
    assert (await services.connections.sync(item.id)).status == "succeeded"
    t = transactions.c
    with services.store.read() as conn:
        holder = conn.execute(select(identities.c.full_name)).scalar_one().upper()
        rows = {
            r.id: r for r in conn.execute(select(t.id, t.description, t.amount, t.date).where(t.removed_at.is_(None)))
        }
    own_descriptions = {
        f"PIX ENVIADO {holder}", f"PIX RECEBIDO {holder}", "TRANSFERENCIA PARA POUPANCA",
        "TRANSFERENCIA DA CONTA CORRENTE", "RESGATE POUPANCA", "TRANSFERENCIA DA POUPANCA",
    }  # fmt: skip
    found = services.transfers.own_transfers()
    expected = {i for i, r in rows.items() if r.description in own_descriptions}
    assert set(found) == expected  # every transfer between checking and savings, and nothing else
    self_pix = [i for i in found if rows[i].description == f"PIX ENVIADO {holder}"]
    assert len(self_pix) >= 12  # a monthly PIX to savings over the demo's history
    for i in self_pix:
        pair = found[i]
        assert pair.reason == "payment-data" and pair.in_id is not None
        assert rows[pair.in_id].amount == -rows[i].amount
    # The reports: with detection, a month's spending and income lose exactly that month's transfers.
    month = max(rows[i].date.date() for i in self_pix).replace(day=1)
    in_month = [i for i in found if rows[i].date.date().replace(day=1) == month]
    out_total = sum((-rows[i].amount for i in in_month if found[i].out_id == i), Decimal(0))
    in_total = sum((rows[i].amount for i in in_month if found[i].in_id == i), Decimal(0))
    assert out_total > 0 and in_total > 0
    reports = services.reports
    with_detection = reports.monthly_cash_flow(1, today=month)[-1]
    spending = reports.spending_by_category(month)
    monkeypatch.setattr(reports_module, "detect_in_store", lambda *_a, **_k: {})
    without = reports.monthly_cash_flow(1, today=month)[-1]
    assert without.spending - with_detection.spending == out_total
    assert without.income - with_detection.income == in_total
    assert "04020000" not in spending and "04020000" in reports.spending_by_category(month)
