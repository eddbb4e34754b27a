"""Items move through Pluggy's statuses over time; every sandbox username gives its documented outcome (§8, §10)."""

from __future__ import annotations

import pytest

from financehub_desktop.sandbox import SandboxConfig, state_of

from .conftest import Sandbox, close_sandbox, open_sandbox

pytestmark = pytest.mark.asyncio

OUTCOMES = [
    ("user-ok", "UPDATED", "SUCCESS"),
    ("user-logged", "OUTDATED", "ALREADY_LOGGED_IN"),
    ("user-locked", "LOGIN_ERROR", "ACCOUNT_LOCKED"),
    ("user-error", "OUTDATED", "UNEXPECTED_ERROR"),
    ("user-unavailable", "OUTDATED", "SITE_NOT_AVAILABLE"),
    ("user-account-need-actions", "OUTDATED", "ACCOUNT_NEEDS_ACTION"),
    ("user-account-need-actions-provider-message", "OUTDATED", "ACCOUNT_NEEDS_ACTION"),
    ("user-connection-error", "OUTDATED", "CONNECTION_ERROR"),
    ("user-account-credentials-reset", "LOGIN_ERROR", "ACCOUNT_CREDENTIALS_RESET"),
    ("user-not-supported", "LOGIN_ERROR", "USER_NOT_SUPPORTED"),
    ("user-ok-account-error", "UPDATED", "PARTIAL_SUCCESS"),
    ("user-ok-account-warning", "UPDATED", "SUCCESS"),
    ("user-ok-two-checking-accounts", "UPDATED", "SUCCESS"),
    ("user-ok-auth-pending", "OUTDATED", "USER_AUTHORIZATION_PENDING"),
    ("user-ok-multi-company", "UPDATED", "SUCCESS"),
    ("user-ok-perf-2x", "UPDATED", "SUCCESS"),
    ("user-whoever", "LOGIN_ERROR", "INVALID_CREDENTIALS"),
]


@pytest.mark.parametrize(("user", "status", "execution"), OUTCOMES)
async def test_each_username_ends_as_documented(sandbox: Sandbox, user: str, status: str, execution: str) -> None:
    item = await sandbox.create_item(user)
    assert (item["status"], item["executionStatus"]) == ("UPDATING", "CREATED")
    done = await sandbox.wait_item(item["id"])
    assert (done["status"], done["executionStatus"]) == (status, execution)
    if status == "UPDATED":
        assert done["error"] is None
        assert done["lastUpdatedAt"]
    else:
        assert done["error"]["code"] == execution
        assert done["error"]["message"]
    if user.endswith("provider-message"):
        assert done["error"]["providerMessage"]


async def test_wrong_password_is_invalid_credentials_and_counts_failures(sandbox: Sandbox) -> None:
    item = await sandbox.create_item("user-ok", password="password-wrong")
    done = await sandbox.wait_item(item["id"])
    assert (done["status"], done["executionStatus"]) == ("LOGIN_ERROR", "INVALID_CREDENTIALS")
    assert done["consecutiveFailedLoginAttempts"] == 1


async def test_status_is_observed_moving_while_polling(sandbox: Sandbox) -> None:
    app, client, key = await open_sandbox(SandboxConfig(step_seconds=0.06))
    try:
        from .conftest import Sandbox as Box

        box = Box(app, client, key)
        item = await box.create_item("user-ok")
        seen = set()
        while True:
            current = (await box.get(f"/items/{item['id']}")).json()
            seen.add(current["executionStatus"])
            if current["status"] == "UPDATED":
                break
        assert {"LOGIN_IN_PROGRESS", "ACCOUNTS_IN_PROGRESS", "TRANSACTIONS_IN_PROGRESS", "SUCCESS"} <= seen
    finally:
        await close_sandbox(app, client)


async def test_two_step_mfa_waits_for_the_token(sandbox: Sandbox) -> None:
    item = await sandbox.create_item("user-ok", connector=8)
    waiting = await sandbox.wait_item(item["id"], until=("WAITING_USER_INPUT",))
    assert waiting["executionStatus"] == "WAITING_USER_INPUT"
    assert waiting["parameter"]["name"] == "token"
    assert waiting["parameter"]["expiresAt"]
    answered = await sandbox.post(f"/items/{item['id']}/mfa", {"token": "123456"})
    assert answered.status_code == 200
    assert answered.json()["executionStatus"] == "LOGIN_MFA_IN_PROGRESS"
    done = await sandbox.wait_item(item["id"])
    assert (done["status"], done["executionStatus"]) == ("UPDATED", "SUCCESS")


@pytest.mark.parametrize(
    ("user", "name", "kind"),
    [
        ("user-ok-img", "imageToken", "image"),
        ("user-ok-select", "selectToken", "select"),
        ("user-ok-phone", "phoneToken", "text"),
    ],
)
async def test_mfa_variants_and_a_wrong_token(sandbox: Sandbox, user: str, name: str, kind: str) -> None:
    item = await sandbox.create_item(user)
    waiting = await sandbox.wait_item(item["id"], until=("WAITING_USER_INPUT",))
    assert (waiting["parameter"]["name"], waiting["parameter"]["type"]) == (name, kind)
    await sandbox.post(f"/items/{item['id']}/mfa", {name: "000000"})
    done = await sandbox.wait_item(item["id"])
    assert (done["status"], done["executionStatus"]) == ("LOGIN_ERROR", "INVALID_CREDENTIALS_MFA")


async def test_unanswered_mfa_times_out() -> None:
    app, client, key = await open_sandbox(SandboxConfig(step_seconds=0.005, mfa_timeout_seconds=0.05))
    try:
        from .conftest import Sandbox as Box

        box = Box(app, client, key)
        item = await box.create_item("user-ok", connector=8)
        done = await box.wait_item(item["id"])
        assert (done["status"], done["executionStatus"]) == ("OUTDATED", "USER_INPUT_TIMEOUT")
    finally:
        await close_sandbox(app, client)


async def test_one_step_mfa_connector_checks_the_token_in_credentials(sandbox: Sandbox) -> None:
    ok = await sandbox.create_item("user-ok", connector=7, parameters={"token": "123456"})
    bad = await sandbox.create_item("user-ok", connector=7, parameters={"token": "654321"})
    assert (await sandbox.wait_item(ok["id"]))["executionStatus"] == "SUCCESS"
    assert (await sandbox.wait_item(bad["id"]))["executionStatus"] == "INVALID_CREDENTIALS_MFA"


async def test_open_finance_item_waits_for_user_action_then_has_consent(slow_sandbox: Sandbox) -> None:
    item = await slow_sandbox.create_item(connector=600)
    waiting = await slow_sandbox.wait_item(item["id"], until=("WAITING_USER_ACTION",))
    assert waiting["userAction"]["type"] == "authorize-access"
    done = await slow_sandbox.wait_item(item["id"])
    assert done["status"] == "UPDATED"
    assert done["consentExpiresAt"]


async def test_mfa_when_not_waiting_is_400(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    response = await sandbox.post(f"/items/{item['id']}/mfa", {"token": "123456"})
    assert response.status_code == 400


async def test_refresh_while_updating_is_409(slow_sandbox: Sandbox) -> None:
    item = await slow_sandbox.create_item(connector=8)  # stops in WAITING_USER_INPUT: no race with the clock
    await slow_sandbox.wait_item(item["id"], until=("WAITING_USER_INPUT",))
    response = await slow_sandbox.patch(f"/items/{item['id']}", {})
    assert response.status_code == 409
    assert response.json()["codeDescription"] == "ITEM_IS_ALREADY_UPDATING"


async def test_refresh_runs_again_and_fires_item_updated(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    response = await sandbox.patch(f"/items/{item['id']}", {})
    assert response.status_code == 200
    assert response.json()["status"] == "UPDATING"
    done = await sandbox.wait_item(item["id"])
    assert done["executionStatus"] == "SUCCESS"


async def test_two_login_errors_impose_a_backoff_until_new_credentials(sandbox: Sandbox) -> None:
    item = await sandbox.create_item("user-ok", password="bad-password")
    await sandbox.wait_item(item["id"])
    assert (await sandbox.patch(f"/items/{item['id']}", {})).status_code == 200
    await sandbox.wait_item(item["id"])
    blocked = await sandbox.patch(f"/items/{item['id']}", {})
    assert blocked.status_code == 400
    body = blocked.json()
    assert body["codeDescription"] == "TOO_MANY_CONSECUTIVE_LOGIN_FAILURES"
    assert body["data"]["readableBackoffTime"] == "15 minutes"
    fixed = await sandbox.patch(f"/items/{item['id']}", {"parameters": {"password": "password-ok"}})
    assert fixed.status_code == 200
    assert (await sandbox.wait_item(item["id"]))["executionStatus"] == "SUCCESS"


async def test_min_refresh_interval_gives_409_with_pluggy_data() -> None:
    app, client, key = await open_sandbox(SandboxConfig(step_seconds=0.005, min_refresh_interval_seconds=3600))
    try:
        from .conftest import Sandbox as Box

        box = Box(app, client, key)
        item = await box.connected_item()
        assert (await box.patch(f"/items/{item['id']}", {})).status_code == 200
        await box.wait_item(item["id"])
        response = await box.patch(f"/items/{item['id']}", {})
        assert response.status_code == 409
        assert response.json()["codeDescription"] == "CLIENT_IS_UPDATING_BEFORE_ALLOWED_FREQUENCY"
        assert response.json()["data"]["minUpdateFrequencyAllowedInHours"] == 1
    finally:
        await close_sandbox(app, client)


async def test_patch_items_is_rate_limited_to_20_per_minute(sandbox: Sandbox) -> None:
    statuses = []
    for _ in range(21):
        response = await sandbox.patch("/items/00000000-0000-4000-8000-000000000000", {})
        statuses.append(response.status_code)
    assert statuses[:20] == [404] * 20
    assert statuses[20] == 429
    assert response.headers["RateLimit-Limit"] == "20"
    assert response.headers["Retry-After"] == "60"
    assert 0 < int(response.headers["RateLimit-Reset"]) <= 60
    assert response.json() == {
        "code": 429,
        "message": "Too many requests. Please try again later (see Retry-After header in seconds)",
    }


async def test_delete_item_then_404(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    assert (await sandbox.delete(f"/items/{item['id']}")).json() == {"count": 1}
    missing = await sandbox.get(f"/items/{item['id']}")
    assert missing.status_code == 404
    assert missing.json()["codeDescription"] == "ITEM_NOT_FOUND"


async def test_bad_credentials_shape_is_rejected_with_details(sandbox: Sandbox) -> None:
    response = await sandbox.post("/items", {"connectorId": 2, "parameters": {"user": "bob"}})
    assert response.status_code == 400
    body = response.json()
    assert body["codeDescription"] == "CONNECTOR_VALIDATION_ERROR"
    assert {d["parameter"] for d in body["details"]} == {"user", "password"}


async def test_v2_items_lists_newest_first_by_client_user(sandbox: Sandbox) -> None:
    first = await sandbox.create_item(clientUserId="u-9")
    second = await sandbox.create_item(clientUserId="u-9")
    await sandbox.create_item(clientUserId="other")
    page = (await sandbox.get("/v2/items", params={"clientUserId": "u-9"})).json()
    assert [i["id"] for i in page["results"]] == [second["id"], first["id"]]
    assert page["next"] is None
    assert state_of(sandbox.app).items  # the driver tasks are stopped by the fixture


async def test_avoid_duplicates_refuses_a_second_item_for_the_same_login(sandbox: Sandbox) -> None:
    first = await sandbox.create_item("user-ok")
    response = await sandbox.post(
        "/items",
        {"connectorId": 2, "avoidDuplicates": True, "parameters": {"user": "user-ok", "password": "password-ok"}},
    )
    assert response.status_code == 400
    assert response.json()["codeDescription"] == "ITEM_USER_ALREADY_EXISTS"
    assert response.json()["items"] == [first["id"]]


async def test_item_creation_limit(sandbox: Sandbox) -> None:
    from financehub_desktop.sandbox.routes.items import MAX_ITEMS

    for _ in range(MAX_ITEMS):
        await sandbox.create_item("user-locked")
    response = await sandbox.post(
        "/items", {"connectorId": 2, "parameters": {"user": "user-ok", "password": "password-ok"}}
    )
    assert response.status_code == 409
    assert response.json()["data"] == {"itemsLimit": MAX_ITEMS}
