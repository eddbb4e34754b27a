"""Every operation of pluggy-openapi.json, called on the sandbox, answers 2xx with a body valid for its schema.

Two documented deviations from the spec file, where the real API (pluggy-api.md §3, §6.6) differs from it:
``GET /categories`` and ``GET /categories/rules`` return the page envelope, so their items are validated against
Category / PageResponseCategoryRules instead of the spec's bare array.

Three operations the real API has are missing from the spec file (pluggy-api.md, header): ``GET /items/{id}/scr``,
``GET /smart-transfers/preauthorizations/{id}/balance`` and ``DELETE .../data-consent``. The walk below cannot reach
them; ``test_scr.py`` and ``test_preauthorization_balance.py`` validate their answers against the shapes of §14
(``extra_schemas.py``; the DELETE against the spec's SmartTransferPreauthorization).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from financehub_desktop.sandbox import state_of
from financehub_desktop.sandbox.data.documents import cnpj_from_root
from financehub_desktop.sandbox.pix import build_br_code

from .conftest import Sandbox, SpecValidator

pytestmark = pytest.mark.asyncio
CPF = "76109277673"
Recipe = Callable[[Sandbox, dict[str, Any]], Awaitable[httpx.Response]]


async def build_world(sb: Sandbox) -> dict[str, Any]:
    w: dict[str, Any] = {}
    item = await sb.connected_item()
    w["item"] = item["id"]
    accounts = await sb.accounts(item["id"])
    w["checking"], w["card"] = accounts["CHECKING_ACCOUNT"]["id"], accounts["CREDIT_CARD"]["id"]
    txns = (await sb.get("/transactions", params={"accountId": w["card"], "pageSize": 1})).json()["results"]
    w["txn"] = txns[0]["id"]
    w["bill"] = (await sb.get("/bills", params={"accountId": w["card"]})).json()["results"][0]["id"]
    w["investment"] = (await sb.get("/investments", params={"itemId": w["item"]})).json()["results"][0]["id"]
    w["loan"] = (await sb.get("/loans", params={"itemId": w["item"]})).json()["results"][0]["id"]
    w["identity"] = (await sb.get("/identity", params={"itemId": w["item"]})).json()["id"]
    w["consent"] = (await sb.get("/consents", params={"itemId": w["item"]})).json()["results"][0]["id"]
    w["webhook"] = (await sb.post("/webhooks", {"url": "https://hooks.example.com/x", "event": "all"})).json()["id"]
    w["rule"] = (
        await sb.post("/categories/rules", {"description": "UBER", "categoryId": "19010000", "matchType": "contains"})
    ).json()["id"]
    w["customer"] = (await sb.post("/payments/customers", {"type": "INDIVIDUAL", "name": "Ana", "cpf": CPF})).json()[
        "id"
    ]
    institutions = (await sb.get("/payments/recipients/institutions")).json()["results"]
    w["institution"] = institutions[0]["id"]
    w["recipient"] = (
        await sb.post(
            "/payments/recipients",
            {
                "taxNumber": cnpj_from_root("11222333"),
                "name": "Loja",
                "paymentInstitutionId": w["institution"],
                "account": {"branch": "0001", "number": "12345-6", "type": "CHECKING_ACCOUNT"},
            },
        )
    ).json()["id"]
    w["request"] = (
        await sb.post("/payments/requests", {"amount": 10.5, "recipientId": w["recipient"], "isSandbox": True})
    ).json()["id"]
    tomorrow = (state_of(sb.app).clock.today() + timedelta(days=1)).isoformat()
    w["scheduled"] = (
        await sb.post(
            "/payments/requests",
            {
                "amount": 20,
                "recipientId": w["recipient"],
                "schedule": {"type": "DAILY", "startDate": tomorrow, "occurrences": 3},
            },
        )
    ).json()["id"]
    w["schedule"] = (await sb.get(f"/payments/requests/{w['scheduled']}/schedules")).json()["results"][0]["id"]
    w["autopix"] = (
        await sb.post(
            "/payments/requests/automatic-pix",
            {"recipientId": w["recipient"], "interval": "MONTHLY", "startDate": tomorrow, "fixedAmount": 49.9},
        )
    ).json()["id"]
    await sb.post("/payments/intents", {"paymentRequestId": w["autopix"], "parameters": {"cpf": CPF}})
    w["intent"] = (
        await sb.post("/payments/intents", {"paymentRequestId": w["request"], "parameters": {"cpf": CPF}})
    ).json()["id"]
    w["preauth"] = (
        await sb.post(
            "/smart-transfers/preauthorizations",
            {"connectorId": 600, "parameters": {"cpf": CPF}, "recipientIds": [w["recipient"]]},
        )
    ).json()["id"]
    for _ in range(400):
        request = (await sb.get(f"/payments/requests/{w['autopix']}")).json()
        pre = (await sb.get(f"/smart-transfers/preauthorizations/{w['preauth']}")).json()
        if request["status"] == "AUTHORIZED" and pre["status"] == "COMPLETED":
            break
        await asyncio.sleep(0.005)
    pay_day = (state_of(sb.app).clock.today() + timedelta(days=3)).isoformat()
    w["autopix_payment"] = (
        await sb.post(f"/payments/requests/{w['autopix']}/automatic-pix/schedule", {"amount": 49.9, "date": pay_day})
    ).json()["id"]
    w["autopix_failed"] = (
        await sb.post(f"/payments/requests/{w['autopix']}/automatic-pix/schedule", {"amount": 49.9, "date": pay_day})
    ).json()["id"]
    for payment in state_of(sb.app).payments.autopix[w["autopix"]]:  # the bank refused it: a retry is allowed
        if payment["id"] == w["autopix_failed"]:
            payment["status"] = "ERROR"
    w["transfer"] = (
        await sb.post(
            "/smart-transfers/payments",
            {"preauthorizationId": w["preauth"], "recipientId": w["recipient"], "amount": 15},
        )
    ).json()["id"]
    w["boleto_connection"] = (
        await sb.post("/boleto-connections", {"connectorId": 2, "credentials": {"clientId": "a", "clientSecret": "b"}})
    ).json()["id"]
    w["boleto"] = (
        await sb.post(
            "/boletos",
            {
                "boletoConnectionId": w["boleto_connection"],
                "boleto": {
                    "seuNumero": "123",
                    "amount": 99.9,
                    "dueDate": pay_day,
                    "payer": {"taxNumber": CPF, "name": "Ana", "addressState": "SP", "addressZipCode": "01304001"},
                },
            },
        )
    ).json()["id"]
    w["tomorrow"] = (state_of(sb.app).clock.today() + timedelta(days=2)).isoformat()
    return w


def recipes() -> dict[tuple[str, str], Recipe]:
    from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

    qr = build_br_code("loja@example.com", "Loja Exemplo", "SAO PAULO", __import__("decimal").Decimal("12.34"))
    r: dict[tuple[str, str], Recipe] = {
        ("POST", "/auth"): lambda s, w: s.client.post(
            "/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET}
        ),
        ("POST", "/connect_token"): lambda s, w: s.post("/connect_token", {"itemId": w["item"]}),
        ("GET", "/connectors"): lambda s, w: s.get("/connectors", params={"sandbox": "true"}),
        ("GET", "/connectors/{id}"): lambda s, w: s.get("/connectors/2"),
        ("POST", "/connectors/{id}/validate"): lambda s, w: s.post(
            "/connectors/2/validate", {"user": "user-ok", "password": "password-ok"}
        ),
        ("POST", "/items"): lambda s, w: s.post(
            "/items", {"connectorId": 2, "parameters": {"user": "user-ok", "password": "password-ok"}}
        ),
        ("GET", "/items/{id}"): lambda s, w: s.get(f"/items/{w['item']}"),
        ("PATCH", "/items/{id}"): lambda s, w: s.patch(f"/items/{w['item']}", {}),
        ("DELETE", "/items/{id}"): lambda s, w: s.delete(f"/items/{w['doomed']}"),
        ("POST", "/items/{id}/mfa"): lambda s, w: s.post(f"/items/{w['mfa_item']}/mfa", {"token": "123456"}),
        ("PATCH", "/items/{id}/disable-auto-sync"): lambda s, w: s.patch(f"/items/{w['item']}/disable-auto-sync"),
        ("GET", "/consents"): lambda s, w: s.get("/consents", params={"itemId": w["item"]}),
        ("GET", "/consents/{id}"): lambda s, w: s.get(f"/consents/{w['consent']}"),
        ("GET", "/accounts"): lambda s, w: s.get("/accounts", params={"itemId": w["item"]}),
        ("GET", "/accounts/{id}"): lambda s, w: s.get(f"/accounts/{w['checking']}"),
        ("GET", "/accounts/{id}/statements"): lambda s, w: s.get(f"/accounts/{w['checking']}/statements"),
        ("GET", "/accounts/{id}/balance"): lambda s, w: s.get(f"/accounts/{w['checking']}/balance"),
        ("GET", "/transactions"): lambda s, w: s.get("/transactions", params={"accountId": w["card"]}),
        ("GET", "/v2/transactions"): lambda s, w: s.get("/v2/transactions", params={"accountId": w["card"]}),
        ("GET", "/transactions/{id}"): lambda s, w: s.get(f"/transactions/{w['txn']}"),
        ("PATCH", "/transactions/{id}"): lambda s, w: s.patch(f"/transactions/{w['txn']}", {"categoryId": "11010000"}),
        ("GET", "/investments"): lambda s, w: s.get("/investments", params={"itemId": w["item"]}),
        ("GET", "/investments/{id}"): lambda s, w: s.get(f"/investments/{w['investment']}"),
        ("GET", "/investments/{id}/transactions"): lambda s, w: s.get(f"/investments/{w['investment']}/transactions"),
        ("GET", "/identity"): lambda s, w: s.get("/identity", params={"itemId": w["item"]}),
        ("GET", "/identity/{id}"): lambda s, w: s.get(f"/identity/{w['identity']}"),
        ("GET", "/webhooks"): lambda s, w: s.get("/webhooks"),
        ("POST", "/webhooks"): lambda s, w: s.post(
            "/webhooks",
            {"url": "https://hooks.example.com/y", "event": "item/updated", "headers": {"X-Secret": "s3cret"}},
        ),
        ("GET", "/webhooks/{id}"): lambda s, w: s.get(f"/webhooks/{w['webhook']}"),
        ("PATCH", "/webhooks/{id}"): lambda s, w: s.patch(f"/webhooks/{w['webhook']}", {"enabled": True}),
        ("DELETE", "/webhooks/{id}"): lambda s, w: s.delete(f"/webhooks/{w['webhook']}"),
        ("GET", "/categories"): lambda s, w: s.get("/categories"),
        ("GET", "/categories/{id}"): lambda s, w: s.get("/categories/11020000"),
        ("GET", "/categories/rules"): lambda s, w: s.get("/categories/rules"),
        ("POST", "/categories/rules"): lambda s, w: s.post(
            "/categories/rules", {"description": "IFOOD", "categoryId": "11020000"}
        ),
        ("DELETE", "/categories/rules/{id}"): lambda s, w: s.delete(f"/categories/rules/{w['rule']}"),
        ("GET", "/loans"): lambda s, w: s.get("/loans", params={"itemId": w["item"]}),
        ("GET", "/loans/{id}"): lambda s, w: s.get(f"/loans/{w['loan']}"),
        ("GET", "/merchants"): lambda s, w: s.get("/merchants", params={"cnpjs": "14380200000121,123"}),
        ("GET", "/bills"): lambda s, w: s.get("/bills", params={"accountId": w["card"]}),
        ("GET", "/bills/{id}"): lambda s, w: s.get(f"/bills/{w['bill']}"),
        ("GET", "/payments/customers"): lambda s, w: s.get("/payments/customers"),
        ("POST", "/payments/customers"): lambda s, w: s.post(
            "/payments/customers", {"type": "BUSINESS", "name": "Loja", "cnpj": cnpj_from_root("11222333")}
        ),
        ("GET", "/payments/customers/{id}"): lambda s, w: s.get(f"/payments/customers/{w['customer']}"),
        ("PATCH", "/payments/customers/{id}"): lambda s, w: s.patch(
            f"/payments/customers/{w['customer']}", {"email": "ana@example.com"}
        ),
        ("DELETE", "/payments/customers/{id}"): lambda s, w: s.delete(f"/payments/customers/{w['customer']}"),
        ("GET", "/payments/recipients"): lambda s, w: s.get("/payments/recipients"),
        ("POST", "/payments/recipients"): lambda s, w: s.post(
            "/payments/recipients",
            {
                "taxNumber": CPF,
                "name": "Bia",
                "paymentInstitutionId": w["institution"],
                "account": {"branch": "1", "number": "2", "type": "SAVINGS_ACCOUNT"},
            },
        ),
        ("GET", "/payments/recipients/{id}"): lambda s, w: s.get(f"/payments/recipients/{w['recipient']}"),
        ("PATCH", "/payments/recipients/{id}"): lambda s, w: s.patch(
            f"/payments/recipients/{w['recipient']}", {"name": "Loja 2"}
        ),
        ("DELETE", "/payments/recipients/{id}"): lambda s, w: s.delete(f"/payments/recipients/{w['recipient']}"),
        ("GET", "/payments/recipients/institutions"): lambda s, w: s.get("/payments/recipients/institutions"),
        ("GET", "/payments/recipients/institutions/{id}"): lambda s, w: s.get(
            f"/payments/recipients/institutions/{w['institution']}"
        ),
        ("GET", "/payments/requests"): lambda s, w: s.get("/payments/requests"),
        ("POST", "/payments/requests"): lambda s, w: s.post("/payments/requests", {"amount": 1}),
        ("POST", "/payments/requests/automatic-pix"): lambda s, w: s.post(
            "/payments/requests/automatic-pix",
            {"recipientId": w["recipient"], "interval": "WEEKLY", "startDate": w["tomorrow"]},
        ),
        ("POST", "/payments/requests/{id}/automatic-pix/schedule"): lambda s, w: s.post(
            f"/payments/requests/{w['autopix']}/automatic-pix/schedule", {"amount": 5, "date": w["tomorrow"]}
        ),
        ("GET", "/payments/requests/{id}/automatic-pix/schedules"): lambda s, w: s.get(
            f"/payments/requests/{w['autopix']}/automatic-pix/schedules"
        ),
        ("GET", "/payments/requests/{requestId}/automatic-pix/schedules/{paymentId}"): lambda s, w: s.get(
            f"/payments/requests/{w['autopix']}/automatic-pix/schedules/{w['autopix_payment']}"
        ),
        ("POST", "/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/retry"): lambda s, w: s.post(
            f"/payments/requests/{w['autopix']}/automatic-pix/schedules/{w['autopix_failed']}/retry",
            {"date": w["tomorrow"]},
        ),
        ("POST", "/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/cancel"): lambda s, w: s.post(
            f"/payments/requests/{w['autopix']}/automatic-pix/schedules/{w['autopix_payment']}/cancel"
        ),
        ("POST", "/payments/requests/{id}/automatic-pix/cancel"): lambda s, w: s.post(
            f"/payments/requests/{w['autopix']}/automatic-pix/cancel"
        ),
        ("POST", "/payments/requests/pix-qr"): lambda s, w: s.post("/payments/requests/pix-qr", {"pixQrCode": qr}),
        ("GET", "/payments/requests/{id}"): lambda s, w: s.get(f"/payments/requests/{w['request']}"),
        ("PATCH", "/payments/requests/{id}"): lambda s, w: s.patch(
            f"/payments/requests/{w['fresh_request']}", {"amount": 11}
        ),
        ("DELETE", "/payments/requests/{id}"): lambda s, w: s.delete(f"/payments/requests/{w['fresh_request']}"),
        ("GET", "/payments/requests/{id}/schedules"): lambda s, w: s.get(
            f"/payments/requests/{w['scheduled']}/schedules"
        ),
        ("POST", "/payments/requests/{id}/schedules/{scheduleId}/cancel"): lambda s, w: s.post(
            f"/payments/requests/{w['scheduled']}/schedules/{w['schedule']}/cancel"
        ),
        ("POST", "/payments/requests/{id}/schedules/cancel"): lambda s, w: s.post(
            f"/payments/requests/{w['scheduled']}/schedules/cancel"
        ),
        ("POST", "/payments/intents"): lambda s, w: s.post(
            "/payments/intents", {"paymentRequestId": w["request"], "paymentMethod": "PIX"}
        ),
        ("GET", "/payments/intents"): lambda s, w: s.get(
            "/payments/intents", params={"paymentRequestId": w["request"]}
        ),
        ("GET", "/payments/intents/{id}"): lambda s, w: s.get(f"/payments/intents/{w['intent']}"),
        ("GET", "/smart-transfers/preauthorizations"): lambda s, w: s.get("/smart-transfers/preauthorizations"),
        ("POST", "/smart-transfers/preauthorizations"): lambda s, w: s.post(
            "/smart-transfers/preauthorizations",
            {"connectorId": 600, "parameters": {"cpf": CPF}, "recipientIds": [w["recipient"]]},
        ),
        ("GET", "/smart-transfers/preauthorizations/{id}"): lambda s, w: s.get(
            f"/smart-transfers/preauthorizations/{w['preauth']}"
        ),
        ("GET", "/smart-transfers/preauthorizations/{id}/payments"): lambda s, w: s.get(
            f"/smart-transfers/preauthorizations/{w['preauth']}/payments"
        ),
        ("POST", "/smart-transfers/payments"): lambda s, w: s.post(
            "/smart-transfers/payments",
            {"preauthorizationId": w["preauth"], "recipientId": w["recipient"], "amount": 1},
        ),
        ("GET", "/smart-transfers/payments/{id}"): lambda s, w: s.get(f"/smart-transfers/payments/{w['transfer']}"),
        ("POST", "/boleto-connections"): lambda s, w: s.post(
            "/boleto-connections", {"connectorId": 2, "credentials": {"clientId": "x", "clientSecret": "y"}}
        ),
        ("POST", "/boleto-connections/from-item"): lambda s, w: s.post(
            "/boleto-connections/from-item", {"itemId": w["item"]}
        ),
        ("POST", "/boletos"): lambda s, w: s.post(
            "/boletos",
            {
                "boletoConnectionId": w["boleto_connection"],
                "boleto": {
                    "seuNumero": "9",
                    "amount": 5,
                    "dueDate": w["tomorrow"],
                    "payer": {"taxNumber": CPF, "name": "Ana", "addressState": "SP", "addressZipCode": "01304001"},
                },
            },
        ),
        ("GET", "/boletos/{id}"): lambda s, w: s.get(f"/boletos/{w['boleto']}"),
        ("POST", "/boletos/{id}/cancel"): lambda s, w: s.post(f"/boletos/{w['boleto']}/cancel"),
    }
    return r


#: Where the spec file's schema disagrees with the documented real API, what to validate instead.
ENVELOPE_ITEMS = {("GET", "/categories"): "Category", ("GET", "/categories/rules"): "PageResponseCategoryRules"}


async def test_every_spec_operation_answers_2xx_with_a_valid_body(sandbox: Sandbox, spec: SpecValidator) -> None:
    world = await build_world(sandbox)
    world["doomed"] = (await sandbox.connected_item())["id"]
    mfa = await sandbox.create_item("user-ok", connector=8)
    await sandbox.wait_item(mfa["id"], until=("WAITING_USER_INPUT",))
    world["mfa_item"] = mfa["id"]
    world["fresh_request"] = (await sandbox.post("/payments/requests", {"amount": 3})).json()["id"]
    table = recipes()
    problems = []
    operations = [
        (m.upper(), p)
        for p, ops in spec.spec["paths"].items()
        for m in ops
        if m in ("get", "post", "patch", "delete", "put")
    ]
    assert len(operations) > 80

    def order(op: tuple[str, str]) -> int:  # destroy and cancel after everything that reads the object
        method, path = op
        if method == "DELETE":
            return 3
        if path.endswith(("/schedules/cancel", "/automatic-pix/cancel")):
            return 2
        return 1 if path.endswith("/cancel") else 0

    operations.sort(key=order)
    for method, path in operations:
        recipe = table.get((method, path))
        if recipe is None:
            problems.append(f"{method} {path}: no recipe")
            continue
        response = await recipe(sandbox, world)
        if not 200 <= response.status_code < 300:
            problems.append(f"{method} {path}: {response.status_code} {response.text[:200]}")
            continue
        try:
            if (method, path) in ENVELOPE_ITEMS:
                body = response.json()
                assert {"page", "total", "totalPages", "results"} <= set(body)
                name = ENVELOPE_ITEMS[(method, path)]
                if name == "Category":
                    for row in body["results"]:
                        spec.validate(row, spec.schema_by_name(name))
                else:
                    spec.validate(body, spec.schema_by_name(name))
            else:
                spec.check(method, path, response)
        except Exception as exc:  # collect every mismatch, not just the first
            problems.append(f"{method} {path}: {str(exc)[:400]}")
    assert not problems, "\n".join(problems)


#: Served by the sandbox, absent from pluggy-openapi.json; validated by their own tests (see the module docstring).
MISSING_FROM_SPEC = (
    ("GET", "/items/{id}/scr"),
    ("GET", "/smart-transfers/preauthorizations/{id}/balance"),
    ("DELETE", "/smart-transfers/preauthorizations/{id}/data-consent"),
)


async def test_operations_missing_from_the_spec_are_still_missing(spec: SpecValidator) -> None:
    """When a newer spec file adds them, they belong in the walk above (give them a recipe)."""
    for method, path in MISSING_FROM_SPEC:
        assert method.lower() not in spec.spec["paths"].get(path, {}), f"{method} {path} is in the spec now"
