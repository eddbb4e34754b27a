"""Own transfers in the demo data, synced from the in-process sandbox: every transfer between the holder's checking
and savings is detected, nothing else is, and the reports leave them out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
import pytest_asyncio
from sqlalchemy import select

from financehub_desktop.services import reports as reports_module
from financehub_desktop.services.context import AppServices
from financehub_desktop.store.schema import identities, transactions
from tests.support.sandbox_services import services_on_sandbox

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def services() -> AsyncIterator[AppServices]:
    async with services_on_sandbox("transfers", seed=5) as opened:
        yield opened


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
