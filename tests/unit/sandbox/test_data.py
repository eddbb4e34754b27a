"""The generated Brazilian data: deterministic from the seed, realistic, exact on the wire, v1 == v2, and time passing
adds, posts and deletes transactions (so incremental sync and deletions can be tested)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from financehub_desktop.domain.money import parse_json
from financehub_desktop.sandbox import SandboxConfig, state_of
from financehub_desktop.sandbox.data.categories import CATEGORIES
from financehub_desktop.sandbox.data.documents import is_valid_cnpj, is_valid_cpf

from .conftest import Sandbox, close_sandbox, open_sandbox, wire_amounts

pytestmark = pytest.mark.asyncio


async def all_v1(sb: Sandbox, account_id: str, **params: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    page = 1
    while True:
        body = (
            await sb.get("/transactions", params={"accountId": account_id, "page": page, "pageSize": 137, **params})
        ).json()
        rows += body["results"]
        if page >= body["totalPages"]:
            return rows
        page += 1


async def all_v2(sb: Sandbox, account_id: str, **params: Any) -> list[dict[str, Any]]:
    response = await sb.get("/v2/transactions", params={"accountId": account_id, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    rows = list(body["results"])
    while body["next"]:
        body = (await sb.get("/v2/transactions" + body["next"])).json()
        rows += body["results"]
    return rows


async def test_v1_pages_and_v2_cursor_return_exactly_the_same_rows(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    for account in (await sandbox.accounts(item["id"])).values():
        v1, v2 = await all_v1(sandbox, account["id"]), await all_v2(sandbox, account["id"])
        assert v1 == v2
        assert len({t["id"] for t in v1}) == len(v1)
        window = {"from": "2025-01-01", "to": "2025-03-31"}
        assert await all_v1(sandbox, account["id"], **window) == await all_v2(
            sandbox, account["id"], dateFrom="2025-01-01", dateTo="2025-03-31"
        )


async def test_same_seed_same_data_other_seed_other_data() -> None:
    async def snapshot(seed: int) -> list[tuple[str, str, str]]:
        app, client, key = await open_sandbox(SandboxConfig(seed=seed, step_seconds=0.005))
        try:
            from .conftest import Sandbox as Box

            box = Box(app, client, key)
            item = await box.connected_item()
            checking = (await box.accounts(item["id"]))["CHECKING_ACCOUNT"]["id"]
            rows = await all_v2(box, checking)
            return [(r["date"], r["description"], str(r["amount"])) for r in rows]
        finally:
            await close_sandbox(app, client)

    first, again, other = await snapshot(7), await snapshot(7), await snapshot(8)
    assert first == again
    assert first != other


async def test_accounts_two_years_of_realistic_brazilian_transactions(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    accounts = await sandbox.accounts(item["id"])
    assert set(accounts) == {"CHECKING_ACCOUNT", "SAVINGS_ACCOUNT", "CREDIT_CARD"}
    checking = await all_v2(sandbox, accounts["CHECKING_ACCOUNT"]["id"])
    card = await all_v2(sandbox, accounts["CREDIT_CARD"]["id"])
    days = sorted(t["date"][:10] for t in checking)
    today = state_of(sandbox.app).clock.today()
    assert parse_day(days[-1]) <= today + timedelta(days=3)  # scheduled boletos a few days ahead are PENDING
    span_days = (parse_day(days[-1]) - parse_day(days[0])).days
    assert span_days > 700
    text = " ".join(t["description"] for t in checking + card)
    for expected in (
        "PIX ENVIADO",
        "PIX RECEBIDO",
        "PAGAMENTO DE BOLETO",
        "SALARIO",
        "IFD*IFOOD",
        "UBER",
        "PAGAMENTO FATURA",
    ):
        assert expected in text, expected
    assert all(t["categoryId"] in CATEGORIES for t in checking + card)
    pix = [t for t in checking if t["operationType"] == "PIX" and t["paymentData"]]
    assert pix
    for t in pix:
        receiver = t["paymentData"]["receiver"]["documentNumber"]
        assert receiver["type"] in ("CPF", "CNPJ")
        assert is_valid_cpf(receiver["value"])
        assert t["paymentData"]["receiverReferenceId"]
    boletos = [t for t in checking if t["operationType"] == "BOLETO"]
    assert all(is_valid_cnpj(t["paymentData"]["receiver"]["documentNumber"]["value"]) for t in boletos)
    assert all(len(t["paymentData"]["boletoMetadata"]["barcode"]) == 44 for t in boletos)


def parse_day(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


async def test_card_installments_bills_and_payments_from_checking(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    accounts = await sandbox.accounts(item["id"])
    card = await all_v2(sandbox, accounts["CREDIT_CARD"]["id"])
    installments = [t for t in card if (t["creditCardMetadata"] or {}).get("totalInstallments")]
    assert installments
    by_purchase = Counter(
        (t["creditCardMetadata"]["purchaseDate"], str(t["creditCardMetadata"]["totalAmount"])) for t in installments
    )
    assert any(n > 1 for n in by_purchase.values())
    billed = [t for t in installments if t["creditCardMetadata"]["billId"]]
    assert all(t["creditCardMetadata"]["billPostDate"] for t in billed)
    assert all(
        t["creditCardMetadata"]["transactionDateTime"].startswith(t["creditCardMetadata"]["purchaseDate"][:10])
        for t in installments
    )
    pending = [t for t in card if t["status"] == "PENDING"]
    assert pending
    assert all(t["date"][:10] > state_of(sandbox.app).clock.today().isoformat() for t in pending)
    assert all(t["type"] == "DEBIT" and t["amount"] > 0 for t in card if t["operationType"] == "PAGAMENTO")
    bills = (await sandbox.get("/bills", params={"accountId": accounts["CREDIT_CARD"]["id"]})).json()["results"]
    assert len(bills) >= 23
    first_closed = bills[-1]
    in_bill = await all_v1(sandbox, accounts["CREDIT_CARD"]["id"], billId=first_closed["id"])
    assert in_bill
    assert all(t["creditCardMetadata"]["billId"] == first_closed["id"] for t in in_bill)
    checking = await all_v2(sandbox, accounts["CHECKING_ACCOUNT"]["id"])
    payments = [t for t in checking if t["operationType"] == "PAGAMENTO_FATURA"]
    paid = {Decimal(str(b["payments"][0]["amount"])) for b in bills if b["payments"]}
    assert payments
    assert {-Decimal(str(p["amount"])) for p in payments} == paid
    assert any(b["financeCharges"] for b in bills)


async def test_amounts_are_exact_two_place_decimals_on_the_wire(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    account = (await sandbox.accounts(item["id"]))["CREDIT_CARD"]["id"]
    raw = (await sandbox.get("/transactions", params={"accountId": account, "pageSize": 500})).content
    amounts = wire_amounts(raw)
    assert len(amounts) >= 500
    assert all(re.fullmatch(rb"-?\d+\.\d{2}", a) for a in amounts), amounts[:5]
    body = parse_json(raw)
    assert all(isinstance(t["amount"], Decimal) for t in body["results"])


async def test_time_passing_adds_posts_and_deletes_transactions(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    accounts = await sandbox.accounts(item["id"])
    before = {a: {t["id"]: t for t in await all_v2(sandbox, accounts[a]["id"])} for a in accounts}
    await sandbox.advance_days(10)
    same = await all_v2(sandbox, accounts["CHECKING_ACCOUNT"]["id"])
    assert {t["id"] for t in same} == set(before["CHECKING_ACCOUNT"]), "nothing changes before a refresh"
    refreshed_at = state_of(sandbox.app).now()
    assert (await sandbox.patch(f"/items/{item['id']}", {})).status_code == 200
    await sandbox.wait_item(item["id"])
    after = {a: {t["id"]: t for t in await all_v2(sandbox, accounts[a]["id"])} for a in accounts}
    created = set(after["CHECKING_ACCOUNT"]) - set(before["CHECKING_ACCOUNT"])
    deleted = set(before["CHECKING_ACCOUNT"]) - set(after["CHECKING_ACCOUNT"])
    assert created
    assert len(deleted) == 1
    posted = [
        i
        for i, t in after["CREDIT_CARD"].items()
        if i in before["CREDIT_CARD"] and before["CREDIT_CARD"][i]["status"] == "PENDING" and t["status"] == "POSTED"
    ]
    assert posted
    new_only = await all_v2(
        sandbox, accounts["CHECKING_ACCOUNT"]["id"], createdAtFrom=refreshed_at.isoformat().replace("+00:00", "Z")
    )
    assert {t["id"] for t in new_only} == created


async def test_perf_user_multiplies_transactions(sandbox: Sandbox) -> None:
    normal = await sandbox.connected_item("user-ok")
    perf = await sandbox.connected_item("user-ok-perf-3x")
    n = (
        await sandbox.get(
            "/transactions",
            params={"accountId": (await sandbox.accounts(normal["id"]))["CREDIT_CARD"]["id"], "pageSize": 1},
        )
    ).json()["total"]
    m = (
        await sandbox.get(
            "/transactions",
            params={"accountId": (await sandbox.accounts(perf["id"]))["CREDIT_CARD"]["id"], "pageSize": 1},
        )
    ).json()["total"]
    assert m > 2 * n
    assert m <= 5000


async def test_investments_loan_identity_consent(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    investments = (await sandbox.get("/investments", params={"itemId": item["id"]})).json()["results"]
    subtypes = {i["subtype"] for i in investments}
    assert {"CDB", "LCI", "TREASURY", "MULTIMARKET_FUND", "STOCK", "REAL_ESTATE_FUND"} <= subtypes
    names = " ".join(i["name"] for i in investments)
    assert "Tesouro Selic" in names
    assert "Tesouro IPCA+" in names
    fii = next(i for i in investments if i["subtype"] == "REAL_ESTATE_FUND")
    moves = (await sandbox.get(f"/investments/{fii['id']}/transactions")).json()["results"]
    assert {"BUY", "INTEREST"} <= {m["type"] for m in moves}
    loan = (await sandbox.get("/loans", params={"itemId": item["id"]})).json()["results"][0]
    assert loan["installments"]["paidInstallments"] + loan["installments"]["dueInstallments"] == 24
    assert len(loan["payments"]["releases"]) == loan["installments"]["paidInstallments"]
    # rates are fractions (1 = 100%), the CET too (the spec's example is 0.29): 27.43% a year, not 2,743%
    assert Decimal("0.05") < Decimal(str(loan["CET"])) < Decimal("1")
    assert Decimal("0") < Decimal(str(loan["interestRates"][0]["preFixedRate"])) < Decimal("0.1")
    identity = (await sandbox.get("/identity", params={"itemId": item["id"]})).json()
    assert is_valid_cpf(identity["document"])
    consent = (await sandbox.get("/consents", params={"itemId": item["id"]})).json()["results"][0]
    assert consent["expiresAt"] > consent["createdAt"]


async def test_patch_transaction_category_and_unknown_ids(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    account = (await sandbox.accounts(item["id"]))["CHECKING_ACCOUNT"]["id"]
    txn = (await sandbox.get("/transactions", params={"accountId": account, "pageSize": 1})).json()["results"][0]
    changed = await sandbox.patch(f"/transactions/{txn['id']}", {"categoryId": "13000000"})
    assert changed.json()["categoryId"] == "13000000"
    assert changed.json()["category"] == "Donations"
    assert (await sandbox.get(f"/transactions/{txn['id']}")).json()["categoryId"] == "13000000"
    assert (await sandbox.patch(f"/transactions/{txn['id']}", {"categoryId": "nope"})).status_code == 400
    missing = await sandbox.get("/transactions/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404
    assert missing.json()["codeDescription"] == "TRANSACTION_NOT_FOUND"


async def test_ids_filter_and_its_limit(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    account = (await sandbox.accounts(item["id"]))["CHECKING_ACCOUNT"]["id"]
    rows = (await sandbox.get("/transactions", params={"accountId": account, "pageSize": 3})).json()["results"]
    ids = ",".join(r["id"] for r in rows)
    picked = (await sandbox.get("/v2/transactions", params={"accountId": account, "ids": ids})).json()["results"]
    assert [r["id"] for r in picked] == [r["id"] for r in rows]
    too_many = ",".join(f"00000000-0000-4000-8000-{n:012d}" for n in range(501))
    response = await sandbox.get("/v2/transactions", params={"accountId": account, "ids": too_many})
    assert response.status_code == 400
    assert response.json()["codeDescription"] == "IDS_PARAMETER_EXCEEDS_MAX_LENGTH"


async def test_categories_in_portuguese_and_rules(sandbox: Sandbox) -> None:
    categories = (await sandbox.get("/categories")).json()["results"]
    food = next(c for c in categories if c["id"] == "11020000")
    assert food["descriptionTranslated"] == "Delivery de alimentos"
    assert food["parentId"] == "11000000"
    children = (await sandbox.get("/categories", params={"parentId": "17020000"})).json()["results"]
    assert {c["id"] for c in children} == {"17020001", "17020002", "17020003"}
    rule = (await sandbox.post("/categories/rules", {"description": "PADARIA", "categoryId": "11010000"})).json()
    assert rule["category"] == "Eating out"
    assert (await sandbox.delete(f"/categories/rules/{rule['id']}")).status_code == 204
    assert (await sandbox.delete(f"/categories/rules/{rule['id']}")).status_code == 404


async def test_merchants_lookup(sandbox: Sandbox) -> None:
    body = (await sandbox.get("/merchants", params={"cnpjs": "14380200000121,11222333000181,123"})).json()
    assert [m["name"] for m in body["foundMerchants"]] == ["iFood"]
    assert body["notFoundMerchants"] == ["11222333000181"]
    assert body["invalidCnpjs"] == ["123"]


async def test_clock_advance_with_auto_sync_refreshes_due_items(sandbox: Sandbox) -> None:
    item = await sandbox.connected_item()
    disabled = await sandbox.connected_item()
    await sandbox.patch(f"/items/{disabled['id']}/disable-auto-sync")
    answer = await sandbox.client.post("/_sandbox/clock/advance", json={"days": 2, "autoSync": True})
    assert answer.json()["autoSynced"] == [item["id"]]
    await sandbox.advance_days(0)
    done = await sandbox.wait_item(item["id"])
    assert done["lastUpdatedAt"] > item["lastUpdatedAt"]
    untouched = (await sandbox.get(f"/items/{disabled['id']}")).json()
    assert untouched["lastUpdatedAt"] == disabled["lastUpdatedAt"]


async def test_a_bill_counts_the_last_payment_once(sandbox: Sandbox) -> None:
    """Each bill is the previous bill's unpaid part plus the new rows; the payment row that lands on it ("PAGAMENTO
    RECEBIDO") is already in that unpaid part. Counting it again made bills after a payment too low (even R$ 0,00)."""
    item = await sandbox.connected_item()
    card = (await sandbox.accounts(item["id"]))["CREDIT_CARD"]["id"]
    bills = (await sandbox.get("/bills", params={"accountId": card, "pageSize": 500})).json()["results"]
    bills.sort(key=lambda b: b["dueDate"])
    checked = 0
    for before, bill in itertools.pairwise(bills):
        paid = sum((Decimal(str(p["amount"])) for p in before.get("payments") or []), Decimal(0))
        rows = (
            await sandbox.get("/transactions", params={"accountId": card, "billId": bill["id"], "pageSize": 500})
        ).json()["results"]
        new = sum(
            (Decimal(str(r["amount"])) for r in rows if not r["description"].startswith("PAGAMENTO RECEBIDO")),
            Decimal(0),
        )
        expected = Decimal(str(before["totalAmount"])) - paid + new
        if expected >= 0:  # a credit balance is shown as R$ 0,00
            assert Decimal(str(bill["totalAmount"])) == expected.quantize(Decimal("0.01")), bill["dueDate"]
            checked += 1
    assert checked >= 12
