"""Bad input never yields a 500: malformed JSON, wrong field types, odd query strings and unknown ids get Pluggy's
400/404 bodies (hypothesis drives the bodies and parameters)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import SpecValidator, close_sandbox, open_sandbox

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
FIELD_NAMES = st.sampled_from(
    [
        "connectorId",
        "parameters",
        "user",
        "password",
        "amount",
        "url",
        "event",
        "headers",
        "categoryId",
        "description",
        "recipientId",
        "schedule",
        "pixQrCode",
        "itemId",
        "options",
        "type",
        "name",
        "cpf",
        "cnpj",
        "boleto",
        "credentials",
        "days",
        "kind",
    ]
)
BODIES = st.one_of(JSON, st.dictionaries(FIELD_NAMES, JSON, max_size=6))
POST_PATHS = [
    "/items",
    "/connect_token",
    "/connectors/2/validate",
    "/webhooks",
    "/categories/rules",
    "/payments/customers",
    "/payments/recipients",
    "/payments/requests",
    "/payments/requests/pix-qr",
    "/payments/requests/automatic-pix",
    "/payments/intents",
    "/smart-transfers/preauthorizations",
    "/smart-transfers/payments",
    "/boleto-connections",
    "/boleto-connections/from-item",
    "/boletos",
    "/auth",
    "/_sandbox/faults",
    "/_sandbox/clock/advance",
]
GET_PATHS = [
    "/connectors",
    "/accounts",
    "/transactions",
    "/v2/transactions",
    "/investments",
    "/bills",
    "/loans",
    "/consents",
    "/identity",
    "/merchants",
    "/categories",
    "/payments/requests",
    "/payments/customers",
    "/payments/intents",
    "/smart-transfers/preauthorizations",
    "/v2/items",
]
QUERY = st.dictionaries(
    st.sampled_from(
        [
            "itemId",
            "accountId",
            "page",
            "pageSize",
            "from",
            "to",
            "dateFrom",
            "ids",
            "createdAtFrom",
            "after",
            "sandbox",
            "type",
            "cnpjs",
            "billId",
            "status",
            "connectorId",
            "paymentRequestId",
            "healthDetails",
        ]
    ),
    st.text(max_size=30),
    max_size=4,
)


class Harness:
    """One sandbox for many hypothesis examples (its own event loop; the app holds no loop-bound state here)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.app, self.client, key = self.loop.run_until_complete(open_sandbox())
        self.headers = {"X-API-KEY": key}

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        self.run(close_sandbox(self.app, self.client))
        self.loop.close()


@pytest.fixture(scope="module")
def harness() -> Any:
    h = Harness()
    yield h
    h.close()


def assert_pluggy_error(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        body = response.json()
        assert body["code"] == response.status_code
        assert isinstance(body["message"], str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(POST_PATHS), body=BODIES)
def test_random_json_bodies_never_give_500(harness: Harness, path: str, body: Any) -> None:
    if path == "/_sandbox/faults" and isinstance(body, dict):
        body.pop("kind", None)  # a valid fault would break the following examples
    if path == "/_sandbox/clock/advance":
        return
    response = harness.run(harness.client.post(path, content=json.dumps(body), headers=harness.headers))
    assert_pluggy_error(response)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(POST_PATHS[:-2]), raw=st.binary(max_size=40))
def test_malformed_json_is_400(harness: Harness, path: str, raw: bytes) -> None:
    response = harness.run(harness.client.post(path, content=b"{" + raw, headers=harness.headers))
    assert response.status_code in (400, 403, 404), response.text
    assert_pluggy_error(response)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(GET_PATHS), query=QUERY)
def test_random_query_strings_never_give_500(harness: Harness, path: str, query: dict[str, str]) -> None:
    response = harness.run(harness.client.get(path, params=query, headers=harness.headers))
    assert_pluggy_error(response)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    method=st.sampled_from(["GET", "PATCH", "DELETE", "POST"]),
    ident=st.text(
        st.characters(min_codepoint=32, max_codepoint=0xD7FF, blacklist_characters="/?#%\x7f"), min_size=1, max_size=40
    ).filter(lambda s: s.strip(" .") != ""),
)
def test_unknown_ids_are_404_or_400(harness: Harness, method: str, ident: str) -> None:
    for template in (
        "/items/{}",
        "/accounts/{}",
        "/transactions/{}",
        "/bills/{}",
        "/loans/{}",
        "/webhooks/{}",
        "/payments/requests/{}",
        "/boletos/{}/cancel",
        "/investments/{}/transactions",
        "/items/{}/scr",
        "/smart-transfers/preauthorizations/{}/balance",
        "/smart-transfers/preauthorizations/{}/data-consent",
    ):
        response = harness.run(harness.client.request(method, template.format(ident), headers=harness.headers, json={}))
        assert_pluggy_error(response)


@pytest.fixture(scope="module")
def open_finance_item(harness: Harness) -> str:
    """A connected Open Finance item in the shared harness, whose SCR the query fuzzing reads."""
    body = {"connectorId": 600, "parameters": {"cpf": "76109277673"}}
    item = harness.run(harness.client.post("/items", json=body, headers=harness.headers)).json()
    for _ in range(2000):
        status = harness.run(harness.client.get(f"/items/{item['id']}", headers=harness.headers)).json()["status"]
        if status == "UPDATED":
            return str(item["id"])
        harness.run(asyncio.sleep(0.005))
    raise AssertionError("the Open Finance item never connected")


BASE_DATES = st.one_of(
    st.text(max_size=8),
    st.integers(min_value=-1, max_value=10**7).map(str),
    st.builds(lambda y, m: f"{y:04d}{m:02d}", st.integers(0, 9999), st.integers(0, 99)),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["from", "to"]), BASE_DATES, max_size=2))
def test_scr_base_dates_never_give_500(harness: Harness, open_finance_item: str, query: dict[str, str]) -> None:
    response = harness.run(harness.client.get(f"/items/{open_finance_item}/scr", params=query, headers=harness.headers))
    assert response.status_code in (200, 400), response.text
    assert_pluggy_error(response)
    if response.status_code == 400:
        assert response.json()["codeDescription"] == "SCR_INVALID_REQUEST"


def test_404_bodies_match_the_spec(harness: Harness, spec: SpecValidator) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    checked = 0
    for path, operations in spec.spec["paths"].items():
        if "{id}" not in path or "get" not in operations or "404" not in operations["get"]["responses"]:
            continue
        concrete = path.replace("{id}", "2" if path.startswith("/connectors") else unknown)
        if path == "/connectors/{id}":
            concrete = "/connectors/999999"
        response = harness.run(harness.client.get(concrete, headers=harness.headers))
        assert response.status_code == 404, (path, response.text)
        spec.check("GET", path, response)
        assert response.json()["codeDescription"].endswith("NOT_FOUND")
        checked += 1
    assert checked >= 20


@pytest.fixture(scope="module")
def real_ids(harness: Harness) -> dict[str, str]:
    """Objects that exist, so random bodies reach the handlers' validation rather than a 404."""
    headers = harness.headers

    async def build() -> dict[str, str]:
        client = harness.client
        item = (
            await client.post(
                "/items",
                headers=headers,
                json={"connectorId": 2, "parameters": {"user": "user-ok", "password": "password-ok"}},
            )
        ).json()
        for _ in range(400):
            if (await client.get(f"/items/{item['id']}", headers=headers)).json()["status"] == "UPDATED":
                break
            await asyncio.sleep(0.005)
        accounts = (await client.get("/accounts", params={"itemId": item["id"]}, headers=headers)).json()["results"]
        txn = (
            await client.get("/transactions", params={"accountId": accounts[0]["id"], "pageSize": 1}, headers=headers)
        ).json()["results"][0]
        hook = (
            await client.post("/webhooks", headers=headers, json={"url": "https://a.example.com", "event": "all"})
        ).json()
        customer = (
            await client.post(
                "/payments/customers", headers=headers, json={"type": "INDIVIDUAL", "name": "Ana", "cpf": "76109277673"}
            )
        ).json()
        request = (await client.post("/payments/requests", headers=headers, json={"amount": 5})).json()
        return {
            "item": item["id"],
            "txn": txn["id"],
            "webhook": hook["id"],
            "customer": customer["id"],
            "request": request["id"],
        }

    return dict(harness.run(build()))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.sampled_from(
        [
            "PATCH /items/{item}",
            "POST /items/{item}/mfa",
            "PATCH /transactions/{txn}",
            "PATCH /webhooks/{webhook}",
            "PATCH /payments/customers/{customer}",
            "PATCH /payments/requests/{request}",
            "POST /payments/intents",
            "POST /payments/requests/{request}/automatic-pix/schedule",
        ]
    ),
    body=BODIES,
)
def test_random_bodies_on_existing_objects_never_give_500(
    harness: Harness, real_ids: dict[str, str], target: str, body: Any
) -> None:
    method, template = target.split(" ")
    response = harness.run(
        harness.client.request(method, template.format(**real_ids), content=json.dumps(body), headers=harness.headers)
    )
    assert_pluggy_error(response)
