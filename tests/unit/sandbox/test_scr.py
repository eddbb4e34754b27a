"""GET /items/{id}/scr: Bacen's SCR report for a connected Open Finance item, synthetic and deterministic."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from financehub_desktop.domain.money import parse_json
from financehub_desktop.sandbox import SandboxConfig, state_of

from .conftest import FAST, Sandbox, close_sandbox, drop_nulls, open_sandbox
from .extra_schemas import SCR_RESPONSE

pytestmark = pytest.mark.asyncio
CPF = "76109277673"


def months_back(sandbox: Sandbox, months: int) -> int:
    today = state_of(sandbox.app).clock.today()
    index = today.year * 12 + today.month - 1 - months
    return (index // 12) * 100 + index % 12 + 1


async def scr(sandbox: Sandbox, item_id: str, **params: str) -> dict[str, Any]:
    response = await sandbox.get(f"/items/{item_id}/scr", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = parse_json(response.content)
    jsonschema.Draft202012Validator(SCR_RESPONSE).validate(drop_nulls(body))
    return body


def personal_credit(database: dict[str, Any]) -> Decimal:
    return sum((sum(op["resVenc"].values(), Decimal(0)) for op in database["lsOp"] if op["mod"] == "0203"), Decimal(0))


async def test_default_window_is_the_last_four_base_dates_ending_two_months_ago(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item(connector=600)
    report = await scr(sandbox, item["id"])
    assert report["cdCli"] == CPF and report["tpCli"] == 1
    assert [d["dtb"] for d in report["lsDtb"]] == [months_back(sandbox, m) for m in (5, 4, 3, 2)]
    assert report["listaDeMensagensDeValidacao"] == []
    for database in report["lsDtb"]:
        assert {op["mod"] for op in database["lsOp"]} >= {"0204", "1901"}
        assert database["qtdIfs"] >= 1


async def test_the_items_loan_appears_and_amortises(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item(connector=600)
    loan = (await sandbox.get("/loans", params={"itemId": item["id"]})).json()["results"][0]
    report = await scr(sandbox, item["id"])
    balances = [personal_credit(d) for d in report["lsDtb"]]
    assert all(Decimal(0) < b <= Decimal(str(loan["contractAmount"])) for b in balances), balances
    assert balances == sorted(balances, reverse=True) and balances[0] > balances[-1]


async def test_explicit_window_and_base_dates_not_consolidated_yet(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item(connector=600)
    first, last = months_back(sandbox, 3), months_back(sandbox, 0)
    report = await scr(sandbox, item["id"], **{"from": str(first), "to": str(last)})
    assert [d["dtb"] for d in report["lsDtb"]] == [months_back(sandbox, 3), months_back(sandbox, 2)]
    missing = [m["mensagem"] for m in report["listaDeMensagensDeValidacao"]]
    assert len(missing) == 2 and str(months_back(sandbox, 0)) in missing[1]
    only_from = await scr(sandbox, item["id"], **{"from": str(months_back(sandbox, 2))})
    assert [d["dtb"] for d in only_from["lsDtb"]] == [months_back(sandbox, 2)]


async def test_the_window_follows_the_sandbox_clock(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item(connector=600)
    before = await scr(sandbox, item["id"])
    await sandbox.advance_days(62)
    after = await scr(sandbox, item["id"])
    assert after["lsDtb"][-1]["dtb"] > before["lsDtb"][-1]["dtb"]
    same = next(d for d in after["lsDtb"] if d["dtb"] == before["lsDtb"][-1]["dtb"])
    assert same == before["lsDtb"][-1]  # a consolidated base date never changes


async def test_same_seed_same_report_other_seed_other_report() -> None:
    reports = []
    for seed in (1, 1, 2):
        app, client, key = await open_sandbox(SandboxConfig(seed=seed, step_seconds=FAST.step_seconds))
        sandbox = Sandbox(app, client, key)
        try:
            item = await sandbox.connected_item(connector=600)
            body = await scr(sandbox, item["id"], **{"from": "202501", "to": "202506"})
            body.pop("dtbConsult")
            reports.append(body)
        finally:
            await close_sandbox(app, client)
    assert reports[0] == reports[1]
    assert reports[0]["lsDtb"] != reports[2]["lsDtb"]
    assert reports[0]["cdCli"] == reports[2]["cdCli"] == CPF


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2025-01"},
        {"to": "202513"},
        {"from": "abc"},
        {"to": "000001"},
        {"from": "202506", "to": "202501"},
        {"from": "202301", "to": "202412"},  # 24 base dates: more than 12
    ],
)
async def test_bad_base_dates_are_scr_invalid_request(sandbox: Sandbox, params: dict[str, str]) -> None:
    item = await sandbox.connected_item(connector=600)
    response = await sandbox.get(f"/items/{item['id']}/scr", params=params)
    assert response.status_code == 400, response.text
    assert response.json()["codeDescription"] == "SCR_INVALID_REQUEST"


async def test_only_connected_open_finance_items_have_an_scr(sandbox: Sandbox) -> None:
    bank = await sandbox.connected_item()
    response = await sandbox.get(f"/items/{bank['id']}/scr")
    assert response.status_code == 422
    assert response.json()["codeDescription"] == "SCR_ITEM_NOT_SUPPORTED"
    pending = await sandbox.create_item(connector=600)  # still logging in: no document yet
    assert (await sandbox.get(f"/items/{pending['id']}/scr")).json()["codeDescription"] == "SCR_ITEM_NOT_SUPPORTED"
    unknown = await sandbox.get("/items/00000000-0000-4000-8000-000000000000/scr")
    assert unknown.status_code == 404 and unknown.json()["codeDescription"] == "ITEM_NOT_FOUND"
    assert (await sandbox.get("/items/not-an-id/scr")).status_code == 404


async def test_a_connect_token_cannot_read_the_scr(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item(connector=600)
    token = (await sandbox.post("/connect_token", {"itemId": item["id"]})).json()["accessToken"]
    response = await sandbox.client.get(f"/items/{item['id']}/scr", headers={"X-API-KEY": token})
    assert response.status_code == 403
