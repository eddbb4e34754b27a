"""Faults switched on through the admin API, and the request log that lets client tests check timing."""

from __future__ import annotations

import asyncio
import json

import pytest

from financehub_desktop.domain.money import parse_json

from .conftest import Sandbox

pytestmark = pytest.mark.asyncio


async def fault(sb: Sandbox, **spec: object) -> None:
    response = await sb.client.post("/_sandbox/faults", json=spec)
    assert response.status_code == 200, response.text


async def test_burst_of_500s_then_recovery(sandbox: Sandbox) -> None:
    await fault(sandbox, kind="error", status=503, count=2, path="/connectors*")
    codes = [(await sandbox.get("/connectors")).status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    assert (await sandbox.get("/categories")).status_code == 200


async def test_error_fault_body_is_pluggy_shaped(sandbox: Sandbox) -> None:
    await fault(sandbox, kind="error", status=500, path="/categories")
    response = await sandbox.get("/categories")
    assert response.json() == {
        "code": 500,
        "message": "Internal server error",
        "codeDescription": "INTERNAL_SERVER_ERROR",
    }


async def test_rate_limit_fault_sends_retry_after(sandbox: Sandbox) -> None:
    await fault(sandbox, kind="rate_limit", retry_after=7, method="GET", path="/categories")
    response = await sandbox.get("/categories")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"
    assert response.headers["RateLimit-Reset"] == "7"
    assert (await sandbox.get("/categories")).status_code == 200


async def test_truncated_body_is_not_valid_json(sandbox: Sandbox) -> None:
    await fault(sandbox, kind="truncate", path="/categories")
    response = await sandbox.get("/categories")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        parse_json(response.content)


async def test_hang_makes_the_client_time_out(sandbox: Sandbox) -> None:
    await fault(sandbox, kind="hang", hang_seconds=5, path="/categories")
    with pytest.raises(TimeoutError):  # ASGITransport has no socket timeout; wait_for stands in for the client's
        await asyncio.wait_for(sandbox.get("/categories"), 0.1)


async def test_latency_fault_delays_matching_requests(sandbox: Sandbox) -> None:
    await fault(sandbox, kind="latency", latency_ms=50, path="/categories", count=None)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await sandbox.get("/categories")
    assert loop.time() - started >= 0.05


async def test_faults_list_and_clear(sandbox: Sandbox) -> None:
    await fault(sandbox, kind="error", path="/x", count=3)
    listed = (await sandbox.client.get("/_sandbox/faults")).json()["faults"]
    assert listed[0]["remaining"] == 3
    assert (await sandbox.client.delete("/_sandbox/faults")).status_code == 204
    assert (await sandbox.client.get("/_sandbox/faults")).json()["faults"] == []


@pytest.mark.parametrize(
    "spec",
    [
        {},
        {"kind": "boom"},
        {"kind": "error", "status": 200},
        {"kind": "error", "count": 0},
        {"kind": "hang", "hang_seconds": "x"},
    ],
)
async def test_bad_fault_specs_are_400(sandbox: Sandbox, spec: dict[str, object]) -> None:
    response = await sandbox.client.post("/_sandbox/faults", json=spec)
    assert response.status_code == 400
    assert response.json()["code"] == 400


async def test_request_log_records_api_calls_in_order(sandbox: Sandbox) -> None:
    await sandbox.client.delete("/_sandbox/requests")
    await sandbox.get("/connectors", params={"sandbox": "true"})
    await sandbox.get("/categories/01000000")
    log = (await sandbox.client.get("/_sandbox/requests")).json()["results"]
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("GET", "/connectors", 200),
        ("GET", "/categories/01000000", 200),
    ]
    assert log[0]["query"] == "sandbox=true"
    assert log[0]["timestamp"].endswith("Z")
    since = log[1]["monotonic"]
    assert len((await sandbox.client.get("/_sandbox/requests", params={"since": since})).json()["results"]) == 1


async def test_reset_forgets_items_and_faults(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    await fault(sandbox, kind="error", path="/nothing")
    assert (await sandbox.client.post("/_sandbox/reset")).status_code == 200
    assert (await sandbox.client.get("/_sandbox/faults")).json()["faults"] == []
    assert (await sandbox.get(f"/items/{item['id']}")).status_code == 403  # keys died with the reset


async def test_clock_advance_validation(sandbox: Sandbox) -> None:
    assert (await sandbox.client.post("/_sandbox/clock/advance", json={"days": -1})).status_code == 400
    assert (await sandbox.client.post("/_sandbox/clock/advance", json={"days": "2"})).status_code == 400
    assert (await sandbox.client.post("/_sandbox/clock/advance", content=b"{")).status_code == 400
    moved = await sandbox.client.post("/_sandbox/clock/advance", json={"days": 1.5})
    assert moved.json()["offsetSeconds"] == 1.5 * 86400
