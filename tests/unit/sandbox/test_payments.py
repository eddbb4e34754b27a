"""Payments: PIX payment requests move through their statuses with ``payment_request/updated`` events; PIX QR
requests parse a static BR Code and reject a malformed one; smart transfers respect their limits; boletos."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from financehub_desktop.sandbox import SandboxConfig, state_of
from financehub_desktop.sandbox.data.documents import cnpj_from_root
from financehub_desktop.sandbox.pix import build_br_code

from .conftest import Sandbox, close_sandbox, open_sandbox

pytestmark = pytest.mark.asyncio
CPF = "76109277673"


async def recipient(sb: Sandbox) -> str:
    institution = (await sb.get("/payments/recipients/institutions", params={"name": "nubank"})).json()["results"][0]
    response = await sb.post(
        "/payments/recipients",
        {
            "taxNumber": cnpj_from_root("11222333"),
            "name": "Loja Exemplo",
            "paymentInstitutionId": institution["id"],
            "account": {"branch": "0001", "number": "99887-1", "type": "CHECKING_ACCOUNT"},
        },
    )
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


async def wait_status(sb: Sandbox, path: str, wanted: str) -> dict[str, Any]:
    for _ in range(500):
        body = (await sb.get(path)).json()
        if body["status"] == wanted:
            return dict(body)
        await asyncio.sleep(0.005)
    raise AssertionError(f"{path} stuck in {body['status']}")


async def test_payment_request_completes_through_an_intent_with_events() -> None:
    seen: list[dict[str, Any]] = []

    def receive(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200)

    app, client, key = await open_sandbox(
        SandboxConfig(step_seconds=0.005), webhook_transport=httpx.MockTransport(receive)
    )
    try:
        from .conftest import Sandbox as Box

        sb = Box(app, client, key)
        await sb.post("/webhooks", {"url": "https://relay.example.com/h", "event": "all"})
        request = (
            await sb.post(
                "/payments/requests",
                {"amount": 150.25, "recipientId": await recipient(sb), "description": "Aluguel", "isSandbox": True},
            )
        ).json()
        assert request["status"] == "CREATED"
        assert request["amount"] == 150.25
        assert request["paymentUrl"]
        intent = (
            await sb.post("/payments/intents", {"paymentRequestId": request["id"], "parameters": {"cpf": CPF}})
        ).json()
        assert intent["consentUrl"]
        await wait_status(sb, f"/payments/requests/{request['id']}", "COMPLETED")
        assert (await sb.get(f"/payments/intents/{intent['id']}")).json()["status"] == "PAYMENT_COMPLETED"
        await state_of(app).dispatcher.drain()
        names = [d.event for d in state_of(app).dispatcher.deliveries]  # in emission order
        assert sorted(names) == sorted(e["event"] for e in seen)
        assert names == ["payment_intent/created", "payment_intent/completed", "payment_request/updated"]
        updated = next(e for e in seen if e["event"] == "payment_request/updated")
        assert updated["data"] == {"status": "COMPLETED"}
        assert updated["paymentRequestId"] == request["id"]
    finally:
        await close_sandbox(app, client)


async def test_payer_page_authorizes_the_payment(sandbox: Sandbox) -> None:
    request = (
        await sandbox.post("/payments/requests", {"amount": 1234.5, "recipientId": await recipient(sandbox)})
    ).json()
    path = request["paymentUrl"].replace("http://sandbox", "")
    page = await sandbox.client.get(path)
    assert page.status_code == 200
    assert "R$ 1.234,50" in page.text
    assert "Loja Exemplo" in page.text
    answer = await sandbox.client.post(path + "/authorize")
    assert answer.status_code == 303
    await wait_status(sandbox, f"/payments/requests/{request['id']}", "COMPLETED")


async def test_pix_qr_request_reads_the_br_code(sandbox: Sandbox) -> None:
    code = build_br_code("loja@example.com", "Padaria Pão Quente", "SAO PAULO", Decimal("37.90"), txid="PED123")
    response = await sandbox.post("/payments/requests/pix-qr", {"pixQrCode": code})
    assert response.status_code == 200
    body = response.json()
    assert body["amount"] == 37.9
    assert body["recipient"] == {"type": "PIX_QR_CODE", "name": "Padaria Pão Quente"}
    assert body["pixQrCode"] == code


@pytest.mark.parametrize("code", ["not a pix code", build_br_code("k", "N", "C", Decimal("1"))[:-1] + "0"])
async def test_pix_qr_request_rejects_a_malformed_code(sandbox: Sandbox, code: str) -> None:
    response = await sandbox.post("/payments/requests/pix-qr", {"pixQrCode": code})
    assert response.status_code == 400
    assert response.json()["codeDescription"] == "INVALID_PIX_QR_CODE"


async def test_scheduled_request_lists_its_dates_and_cancels(sandbox: Sandbox) -> None:
    today = state_of(sandbox.app).clock.today()
    start = today + timedelta(days=1)
    request = (
        await sandbox.post(
            "/payments/requests",
            {
                "amount": 50,
                "schedule": {"type": "WEEKLY", "startDate": start.isoformat(), "dayOfWeek": "MONDAY", "occurrences": 4},
            },
        )
    ).json()
    schedules = (await sandbox.get(f"/payments/requests/{request['id']}/schedules")).json()["results"]
    assert len(schedules) == 4
    assert all(date.fromisoformat(s["scheduledDate"]).weekday() == 0 for s in schedules)
    assert (await sandbox.post(f"/payments/requests/{request['id']}/schedules/cancel")).status_code == 204
    assert (await sandbox.get(f"/payments/requests/{request['id']}")).json()["status"] == "CANCELED"
    past = await sandbox.post(
        "/payments/requests", {"amount": 5, "schedule": {"type": "SINGLE", "date": today.isoformat()}}
    )
    assert past.status_code == 400


async def test_smart_transfer_within_and_above_its_limit(sandbox: Sandbox) -> None:
    rid = await recipient(sandbox)
    pre = (
        await sandbox.post(
            "/smart-transfers/preauthorizations",
            {
                "connectorId": 600,
                "parameters": {"cpf": CPF},
                "recipientIds": [rid],
                "configuration": {"transactionLimit": 100},
            },
        )
    ).json()
    await wait_status(sandbox, f"/smart-transfers/preauthorizations/{pre['id']}", "COMPLETED")
    ok = (
        await sandbox.post(
            "/smart-transfers/payments", {"preauthorizationId": pre["id"], "recipientId": rid, "amount": 99.99}
        )
    ).json()
    too_much = (
        await sandbox.post(
            "/smart-transfers/payments", {"preauthorizationId": pre["id"], "recipientId": rid, "amount": 100.01}
        )
    ).json()
    await wait_status(sandbox, f"/smart-transfers/payments/{ok['id']}", "PAYMENT_COMPLETED")
    rejected = await wait_status(sandbox, f"/smart-transfers/payments/{too_much['id']}", "PAYMENT_REJECTED")
    assert rejected["errorDetail"]["code"] == "PAYMENT_DIFFERENT_FROM_CONSENT"


async def test_customers_validate_documents(sandbox: Sandbox) -> None:
    bad = await sandbox.post("/payments/customers", {"type": "INDIVIDUAL", "name": "Ana", "cpf": "12345678900"})
    assert bad.status_code == 400
    missing = await sandbox.post("/payments/customers", {"type": "BUSINESS", "name": "Loja"})
    assert missing.status_code == 400
    good = await sandbox.post("/payments/customers", {"type": "INDIVIDUAL", "name": "Ana", "cpf": CPF})
    assert good.status_code == 200
    found = (await sandbox.get("/payments/customers", params={"cpf": CPF})).json()
    assert found["total"] == 1


async def test_boleto_issue_and_cancel(sandbox: Sandbox) -> None:
    connection = (await sandbox.post("/boleto-connections", {"connectorId": 2, "credentials": {}})).json()
    assert connection["codeDescription"] == "BOLETO_CONNECTION_CREATION_CREDENTIALS_ERROR"
    connection = (
        await sandbox.post(
            "/boleto-connections", {"connectorId": 2, "credentials": {"clientId": "a", "clientSecret": "b"}}
        )
    ).json()
    due = (state_of(sandbox.app).clock.today() + timedelta(days=5)).isoformat()
    boleto = (
        await sandbox.post(
            "/boletos",
            {
                "boletoConnectionId": connection["id"],
                "boleto": {
                    "seuNumero": "PED-1",
                    "amount": 250,
                    "dueDate": due,
                    "payer": {"taxNumber": CPF, "name": "Ana", "addressState": "SP", "addressZipCode": "01304001"},
                },
            },
        )
    ).json()
    assert boleto["status"] == "OPEN"
    assert len(boleto["barcode"]) == 44
    assert (await sandbox.post(f"/boletos/{boleto['id']}/cancel")).json()["status"] == "CANCELLED"
    assert (await sandbox.post(f"/boletos/{boleto['id']}/cancel")).status_code == 400


async def test_offline_connector_refuses_items_and_emits_status(sandbox: Sandbox) -> None:
    answer = await sandbox.client.post("/_sandbox/connectors/2/health", json={"status": "OFFLINE"})
    assert answer.status_code == 200
    connector = (await sandbox.get("/connectors/2")).json()
    assert connector["health"]["status"] == "OFFLINE"
    refused = await sandbox.post(
        "/items", {"connectorId": 2, "parameters": {"user": "user-ok", "password": "password-ok"}}
    )
    assert refused.status_code == 400
    assert refused.json()["codeDescription"] == "CONNECTOR_OFFLINE"


async def test_category_rules_apply_to_transactions_that_arrive_later(sandbox: Sandbox) -> None:
    await sandbox.post(
        "/categories/rules",
        {"description": "uber", "categoryId": "19020000", "matchType": "startsWith", "accountType": "CREDIT_CARD"},
    )
    item = await sandbox.connected_item()
    card = (await sandbox.accounts(item["id"]))["CREDIT_CARD"]["id"]
    rows = (await sandbox.get("/transactions", params={"accountId": card, "pageSize": 500})).json()["results"]
    uber = [r for r in rows if r["description"].startswith("UBER")]
    assert uber
    assert all(r["categoryId"] == "19020000" for r in uber)


async def test_scheduled_payments_settle_when_their_day_comes(sandbox: Sandbox) -> None:
    tomorrow = state_of(sandbox.app).clock.today() + timedelta(days=1)
    request = (
        await sandbox.post(
            "/payments/requests",
            {
                "amount": 80,
                "recipientId": await recipient(sandbox),
                "schedule": {"type": "DAILY", "startDate": tomorrow.isoformat(), "occurrences": 2},
            },
        )
    ).json()
    await sandbox.post("/payments/intents", {"paymentRequestId": request["id"], "parameters": {"cpf": CPF}})
    await wait_status(sandbox, f"/payments/requests/{request['id']}", "SCHEDULED")
    await sandbox.advance_days(1)
    statuses = [
        s["status"] for s in (await sandbox.get(f"/payments/requests/{request['id']}/schedules")).json()["results"]
    ]
    assert statuses == ["COMPLETED", "SCHEDULED"]
    await sandbox.advance_days(1)
    assert (await sandbox.get(f"/payments/requests/{request['id']}")).json()["status"] == "COMPLETED"


async def test_open_finance_identity_uses_the_cpf_given_at_login(sandbox: Sandbox) -> None:
    item = await sandbox.create_item(connector=600)
    await sandbox.wait_item(item["id"], wait_seconds=10)
    identity = (await sandbox.get("/identity", params={"itemId": item["id"]})).json()
    assert identity["document"] == "76109277673"


async def test_smart_transfer_balance_needs_linked_journey(slow_sandbox: Sandbox) -> None:
    sandbox = slow_sandbox  # 50 ms phases: the consent is still pending on the first call
    rid = await recipient(sandbox)
    plain = (
        await sandbox.post(
            "/smart-transfers/preauthorizations",
            {"connectorId": 600, "parameters": {"cpf": CPF}, "recipientIds": [rid]},
        )
    ).json()
    linked = (
        await sandbox.post(
            "/smart-transfers/preauthorizations",
            {"connectorId": 600, "parameters": {"cpf": CPF}, "recipientIds": [rid], "linkedJourney": True},
        )
    ).json()
    assert (await sandbox.get(f"/smart-transfers/preauthorizations/{linked['id']}/balance")).status_code == 400
    await wait_status(sandbox, f"/smart-transfers/preauthorizations/{linked['id']}", "COMPLETED")
    balance = (await sandbox.get(f"/smart-transfers/preauthorizations/{linked['id']}/balance")).json()
    assert balance["overdraft"]["available"] == 2000
    assert (await sandbox.get(f"/smart-transfers/preauthorizations/{plain['id']}/balance")).status_code == 403
    for _ in range(2):  # idempotent
        dropped = await sandbox.delete(f"/smart-transfers/preauthorizations/{linked['id']}/data-consent")
        assert dropped.status_code == 200
    assert (await sandbox.get(f"/smart-transfers/preauthorizations/{linked['id']}/balance")).status_code == 403
