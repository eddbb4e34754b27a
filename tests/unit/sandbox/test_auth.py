"""Authentication as Pluggy does it: client keys -> JWT apiKey with exp, X-API-KEY, scoped connect tokens."""

from __future__ import annotations

import pytest

from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig, state_of
from financehub_desktop.sandbox.auth import decode_unverified

from .conftest import Sandbox, SpecValidator, close_sandbox, open_sandbox

pytestmark = pytest.mark.asyncio


async def test_wrong_client_secret_is_pluggy_401(sandbox: Sandbox, spec: SpecValidator) -> None:
    response = await sandbox.client.post("/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": "nope"})
    assert response.status_code == 401
    assert response.json() == {
        "code": 401,
        "codeDescription": "CLIENT_KEYS_UNAUTHORIZED",
        "message": "Client keys are invalid",
    }
    spec.check("POST", "/auth", response)


async def test_api_key_is_a_jwt_with_a_two_hour_exp(sandbox: Sandbox) -> None:
    claims = decode_unverified(sandbox.api_key)
    assert claims["exp"] - claims["iat"] == 7200
    assert claims["clientId"] == DEMO_CLIENT_ID


@pytest.mark.parametrize("key", [None, "", "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.e30."])
async def test_missing_or_forged_key_is_403_with_pluggy_body(sandbox: Sandbox, key: str | None) -> None:
    headers = {} if key is None else {"X-API-KEY": key}
    response = await sandbox.client.get("/connectors", headers=headers)
    assert response.status_code == 403
    assert response.json() == {"code": 403, "message": "Missing or invalid authorization token"}


async def test_a_key_signed_by_another_sandbox_is_refused(sandbox: Sandbox) -> None:
    app, client, other_key = await open_sandbox()
    await close_sandbox(app, client)
    response = await sandbox.client.get("/connectors", headers={"X-API-KEY": other_key})
    assert response.status_code == 403


async def test_key_expires_when_the_clock_passes_exp() -> None:
    app, client, key = await open_sandbox(SandboxConfig(api_key_ttl_seconds=60))
    try:
        assert (await client.get("/connectors", headers={"X-API-KEY": key})).status_code == 200
        await client.post("/_sandbox/clock/advance", json={"seconds": 61})
        response = await client.get("/connectors", headers={"X-API-KEY": key})
        assert response.status_code == 403
        fresh = await client.post("/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET})
        assert (await client.get("/connectors", headers={"X-API-KEY": fresh.json()["apiKey"]})).status_code == 200
    finally:
        await close_sandbox(app, client)


async def test_expire_tokens_fault_kills_current_keys_only(sandbox: Sandbox) -> None:
    await sandbox.client.post("/_sandbox/faults", json={"kind": "expire_tokens"})
    assert (await sandbox.get("/connectors")).status_code == 403
    fresh = await sandbox.client.post("/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET})
    assert (await sandbox.client.get("/connectors", headers={"X-API-KEY": fresh.json()["apiKey"]})).status_code == 200


async def test_connect_token_reaches_only_what_the_widget_needs(sandbox: Sandbox) -> None:
    token = (await sandbox.post("/connect_token", {"options": {"clientUserId": "u-1"}})).json()["accessToken"]
    widget = {"X-API-KEY": token}
    assert (await sandbox.client.get("/connectors?sandbox=true", headers=widget)).status_code == 200
    created = await sandbox.client.post(
        "/items", headers=widget, json={"connectorId": 2, "parameters": {"user": "user-ok", "password": "password-ok"}}
    )
    assert created.status_code == 200
    item = created.json()
    assert item["clientUserId"] == "u-1"
    done = await sandbox.wait_item(item["id"], headers=widget)
    assert done["status"] == "UPDATED"
    assert (await sandbox.client.get("/accounts", params={"itemId": item["id"]}, headers=widget)).status_code == 200
    for path in ("/transactions?accountId=x", "/webhooks", "/categories", f"/identity?itemId={item['id']}"):
        response = await sandbox.client.get(path, headers=widget)
        assert response.status_code == 403, path
        assert response.json()["code"] == 403
    assert (await sandbox.client.post("/connect_token", headers=widget)).status_code == 403
    assert (await sandbox.client.delete(f"/items/{item['id']}", headers=widget)).status_code == 403


async def test_connect_token_cannot_read_someone_elses_item(sandbox: Sandbox) -> None:
    other = await sandbox.connected_item()
    token = (await sandbox.post("/connect_token")).json()["accessToken"]
    response = await sandbox.client.get(f"/items/{other['id']}", headers={"X-API-KEY": token})
    assert response.status_code == 404
    scoped = (await sandbox.post("/connect_token", {"itemId": other["id"]})).json()["accessToken"]
    assert (await sandbox.client.get(f"/items/{other['id']}", headers={"X-API-KEY": scoped})).status_code == 200


async def test_connect_token_for_unknown_item_is_404(sandbox: Sandbox, spec: SpecValidator) -> None:
    response = await sandbox.post("/connect_token", {"itemId": "00000000-0000-4000-8000-000000000000"})
    assert response.status_code == 404
    assert response.json()["codeDescription"] == "ITEM_NOT_FOUND"
    spec.check("POST", "/connect_token", response)


async def test_connect_token_expires_after_its_ttl(sandbox: Sandbox) -> None:
    token = (await sandbox.post("/connect_token")).json()["accessToken"]
    state_of(sandbox.app).clock.advance(seconds=1801)
    assert (await sandbox.client.get("/connectors", headers={"X-API-KEY": token})).status_code == 403
