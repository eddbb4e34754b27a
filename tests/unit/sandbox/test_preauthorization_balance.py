"""GET /smart-transfers/preauthorizations/{id}/balance and DELETE .../data-consent (pluggy-api.md §6.14)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from financehub_desktop.domain.money import parse_json
from financehub_desktop.sandbox import SandboxConfig

from .conftest import FAST, Sandbox, SpecValidator, close_sandbox, drop_nulls, open_sandbox
from .extra_schemas import PREAUTHORIZATION_BALANCE
from .test_payments import CPF, recipient, wait_status

pytestmark = pytest.mark.asyncio
PREAUTHS = "/smart-transfers/preauthorizations"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


async def preauthorization(sandbox: Sandbox, *, linked: bool, rid: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "connectorId": 600,
        "parameters": {"cpf": CPF},
        "recipientIds": [rid or await recipient(sandbox)],
    }
    if linked:
        body["linkedJourney"] = True
    response = await sandbox.post(PREAUTHS, body)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def balance(sandbox: Sandbox, pre_id: str) -> dict[str, Any]:
    response = await sandbox.get(f"{PREAUTHS}/{pre_id}/balance")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = parse_json(response.content)
    assert "overdraft" in body
    jsonschema.Draft202012Validator(PREAUTHORIZATION_BALANCE).validate(drop_nulls(body))
    return body


async def test_balance_is_deterministic_and_drops_after_a_completed_transfer(sandbox: Sandbox) -> None:
    rid = await recipient(sandbox)
    pre = await preauthorization(sandbox, linked=True, rid=rid)
    await wait_status(sandbox, f"{PREAUTHS}/{pre['id']}", "COMPLETED")
    first = await balance(sandbox, pre["id"])
    assert first == await balance(sandbox, pre["id"])
    overdraft = first["overdraft"]
    assert overdraft["available"] == overdraft["contracted"] - overdraft["used"]
    payment = (
        await sandbox.post(
            "/smart-transfers/payments", {"preauthorizationId": pre["id"], "recipientId": rid, "amount": 123.45}
        )
    ).json()
    await wait_status(sandbox, f"/smart-transfers/payments/{payment['id']}", "PAYMENT_COMPLETED")
    after = await balance(sandbox, pre["id"])
    assert after["balance"] == first["balance"] - Decimal("123.45")


async def test_balance_depends_on_the_seed() -> None:
    values = []
    for seed in (1, 1, 5):
        app, client, key = await open_sandbox(SandboxConfig(seed=seed, step_seconds=FAST.step_seconds))
        sandbox = Sandbox(app, client, key)
        try:
            pre = await preauthorization(sandbox, linked=True)
            await wait_status(sandbox, f"{PREAUTHS}/{pre['id']}", "COMPLETED")
            values.append(await balance(sandbox, pre["id"]))
        finally:
            await close_sandbox(app, client)
    assert values[0] == values[1] != values[2]


async def test_balance_errors(slow_sandbox: Sandbox) -> None:
    sandbox = slow_sandbox  # 50 ms phases: the consent is still pending on the first call
    linked = await preauthorization(sandbox, linked=True)
    pending = await sandbox.get(f"{PREAUTHS}/{linked['id']}/balance")
    assert pending.status_code == 400
    assert pending.json()["codeDescription"] == "SMART_TRANSFER_DATA_CONSENT_NOT_AUTHORISED"
    plain = await preauthorization(sandbox, linked=False)
    await wait_status(sandbox, f"{PREAUTHS}/{plain['id']}", "COMPLETED")
    refused = await sandbox.get(f"{PREAUTHS}/{plain['id']}/balance")
    assert refused.status_code == 403
    assert refused.json()["codeDescription"] == "SMART_TRANSFER_BALANCE_NOT_ALLOWED"
    for path in (f"{PREAUTHS}/{UNKNOWN}/balance", f"{PREAUTHS}/nope/balance"):
        missing = await sandbox.get(path)
        assert missing.status_code == 404
        assert missing.json()["codeDescription"] == "SMART_TRANSFER_PREAUTHORIZATION_NOT_FOUND"
    gone = await sandbox.delete(f"{PREAUTHS}/{UNKNOWN}/data-consent")
    assert gone.status_code == 404


async def test_cancelling_the_data_consent_is_idempotent_and_keeps_payments(
    sandbox: Sandbox, spec: SpecValidator
) -> None:
    rid = await recipient(sandbox)
    pre = await preauthorization(sandbox, linked=True, rid=rid)
    await wait_status(sandbox, f"{PREAUTHS}/{pre['id']}", "COMPLETED")
    await balance(sandbox, pre["id"])
    first = await sandbox.delete(f"{PREAUTHS}/{pre['id']}/data-consent")
    assert first.status_code == 200
    spec.validate(parse_json(first.content), spec.schema_by_name("SmartTransferPreauthorization"))
    cancelled = first.json()
    assert cancelled["status"] == "COMPLETED"  # only the balance permission ends
    assert cancelled["dataConsent"]["status"] == "REJECTED"
    again = (await sandbox.delete(f"{PREAUTHS}/{pre['id']}/data-consent")).json()
    assert again["dataConsent"] == cancelled["dataConsent"] and again["updatedAt"] == cancelled["updatedAt"]
    assert (await sandbox.get(f"{PREAUTHS}/{pre['id']}")).json()["dataConsent"]["status"] == "REJECTED"
    assert (await sandbox.get(f"{PREAUTHS}/{pre['id']}/balance")).status_code == 403
    payment = (
        await sandbox.post(
            "/smart-transfers/payments", {"preauthorizationId": pre["id"], "recipientId": rid, "amount": 5}
        )
    ).json()
    await wait_status(sandbox, f"/smart-transfers/payments/{payment['id']}", "PAYMENT_COMPLETED")


async def test_cancelling_before_the_payer_authorises_is_not_undone(slow_sandbox: Sandbox) -> None:
    sandbox = slow_sandbox
    pre = await preauthorization(sandbox, linked=True)
    cancelled = (await sandbox.delete(f"{PREAUTHS}/{pre['id']}/data-consent")).json()
    assert cancelled["status"] == "CREATED" and cancelled["dataConsent"]["status"] == "REJECTED"
    done = await wait_status(sandbox, f"{PREAUTHS}/{pre['id']}", "COMPLETED")
    assert done["dataConsent"]["status"] == "REJECTED"


async def test_monthly_open_finance_quota_for_balances() -> None:
    app, client, key = await open_sandbox(SandboxConfig(step_seconds=FAST.step_seconds, balance_monthly_quota=2))
    sandbox = Sandbox(app, client, key)
    try:
        pre = await preauthorization(sandbox, linked=True)
        await wait_status(sandbox, f"{PREAUTHS}/{pre['id']}", "COMPLETED")
        for _ in range(2):
            await balance(sandbox, pre["id"])
        spent = await sandbox.get(f"{PREAUTHS}/{pre['id']}/balance")
        assert spent.status_code == 429
        assert spent.json()["codeDescription"] == "BALANCE_OPEN_FINANCE_RATE_LIMIT"
        other = await preauthorization(sandbox, linked=True)  # the quota is per preauthorization (account)
        await wait_status(sandbox, f"{PREAUTHS}/{other['id']}", "COMPLETED")
        await balance(sandbox, other["id"])
        await sandbox.advance_days(32)  # a new month, a new quota
        await balance(sandbox, pre["id"])
    finally:
        await close_sandbox(app, client)
