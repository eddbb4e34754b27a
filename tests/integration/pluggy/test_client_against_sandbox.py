"""Every client method of §6.1-6.11 against the sandbox: a real item lifecycle, MFA, data, webhooks CRUD."""

from __future__ import annotations

from decimal import Decimal

import pytest

from financehub_desktop.domain import bank_errors as be
from financehub_desktop.domain import errors as de
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.errors import error_for_item
from financehub_desktop.pluggy.models.enums import ExecutionStatus, ItemStatus

from .conftest import Sandbox, connected_item, wait_for_item


@pytest.mark.asyncio
async def test_connect_token_and_connectors(pluggy: PluggyClient) -> None:
    token = await pluggy.create_connect_token(
        client_user_id="user-42", webhook_url="https://relay.example/hook", avoid_duplicates=True, products=["ACCOUNTS"]
    )
    assert token.count(".") == 2
    connectors = await pluggy.list_connectors(sandbox=True, countries=["BR"])
    ids = {c.id for c in connectors.results}
    assert 2 in ids
    bank = await pluggy.get_connector(2, health_details=True)
    assert bank.name == "Pluggy Bank"
    assert bank.credentials
    checked = await pluggy.validate_connector_parameters(2, {"user": "nope", "password": "password-ok"})
    assert checked.errors
    assert {e.parameter for e in checked.errors} == {"user"}
    with pytest.raises(de.NotFoundError):
        await pluggy.get_connector(999_999)


@pytest.mark.asyncio
async def test_item_lifecycle_and_every_data_endpoint(pluggy: PluggyClient) -> None:
    item = await connected_item(pluggy)
    assert item.status == ItemStatus.UPDATED
    assert item.execution_status == ExecutionStatus.SUCCESS
    assert error_for_item(item) is None
    token = await pluggy.create_connect_token(item.id)
    assert token

    accounts = (await pluggy.list_accounts(item.id)).results
    assert {a.type for a in accounts} >= {"BANK", "CREDIT"}
    bank = next(a for a in accounts if a.type == "BANK")
    credit = next(a for a in accounts if a.type == "CREDIT")
    assert isinstance(bank.balance, Decimal)
    assert (await pluggy.get_account(bank.id)).id == bank.id
    balance = await pluggy.get_account_balance(bank.id)
    assert balance.currency_code == "BRL"
    await pluggy.list_account_statements(bank.id)

    v2 = [tx async for tx in pluggy.iter_transactions(bank.id)]
    assert v2
    assert all(isinstance(tx.amount, Decimal) for tx in v2)
    v1 = [tx async for tx in pluggy.iter_transactions_v1(bank.id, page_size=50)]
    assert sorted(t.id for t in v1) == sorted(t.id for t in v2)
    one = await pluggy.get_transaction(v2[0].id)
    assert one.id == v2[0].id
    by_ids = await pluggy.list_transactions_v2(bank.id, ids=[v2[0].id])
    assert [t.id for t in by_ids.results] == [v2[0].id]

    categories = (await pluggy.list_categories()).results
    assert categories
    category = await pluggy.get_category(categories[0].id)
    changed = await pluggy.update_transaction_category(v2[0].id, category.id)
    assert changed.category_id == category.id
    rule = await pluggy.create_category_rule("UBER", category.id, match_type="contains")
    assert any(r.id == rule.id for r in (await pluggy.list_category_rules()).results)
    await pluggy.delete_category_rule(rule.id)
    assert all(r.id != rule.id for r in (await pluggy.list_category_rules()).results)

    identity = await pluggy.get_identity(item.id)
    assert (await pluggy.get_identity_by_id(identity.id)).id == identity.id

    investments = [inv async for inv in pluggy.iter_investments(item.id)]
    assert investments
    inv = await pluggy.get_investment(investments[0].id)
    assert isinstance(inv.balance, Decimal)
    [t async for t in pluggy.iter_investment_transactions(inv.id)]

    bills = [b async for b in pluggy.iter_bills(credit.id)]
    if bills:
        assert (await pluggy.get_bill(bills[0].id)).id == bills[0].id
    loans = (await pluggy.list_loans(item.id)).results
    if loans:
        assert (await pluggy.get_loan(loans[0].id)).id == loans[0].id
    consents = (await pluggy.list_consents(item.id)).results
    if consents:
        assert (await pluggy.get_consent(consents[0].id)).id == consents[0].id
    merchants = await pluggy.find_merchants(["00000000000191", "123"])
    assert merchants.invalid_cnpjs or merchants.found_merchants or merchants.not_found_merchants

    listed = [i.id async for i in pluggy.iter_items_v2()]
    assert item.id in listed
    await pluggy.list_item_resources(item.id)

    refreshed = await pluggy.update_item(item.id)
    assert refreshed.status == ItemStatus.UPDATING
    await wait_for_item(pluggy, item.id)
    no_auto = await pluggy.disable_auto_sync(item.id)
    assert no_auto.next_auto_sync_at is None
    assert await pluggy.delete_item(item.id) == 1
    with pytest.raises(de.NotFoundError) as info:
        await pluggy.get_item(item.id)
    assert info.value.context["code_description"] == "ITEM_NOT_FOUND"


@pytest.mark.asyncio
async def test_mfa_challenge_is_answered(pluggy: PluggyClient) -> None:
    item = await connected_item(pluggy, connector_id=8)
    assert item.execution_status == ExecutionStatus.WAITING_USER_INPUT
    assert item.parameter is not None
    assert isinstance(error_for_item(item), be.MfaRequiredError)
    answered = await pluggy.send_mfa(item.id, {item.parameter.name: "123456"})
    assert answered.id == item.id
    done = await wait_for_item(pluggy, item.id)
    assert done.execution_status == ExecutionStatus.SUCCESS


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("user", "error"),
    [
        ("user-locked", be.AccountLockedError),
        ("user-unavailable", be.InstitutionUnavailableError),
        ("user-nobody-here", be.InvalidCredentialsError),
    ],
)
async def test_failed_logins_map_to_bank_errors(pluggy: PluggyClient, user: str, error: type[Exception]) -> None:
    item = await connected_item(pluggy, user=user)
    assert isinstance(error_for_item(item), error)


@pytest.mark.asyncio
async def test_webhooks_crud(pluggy: PluggyClient) -> None:
    hook = await pluggy.create_webhook("https://relay.example/hook", "item/updated", headers={"X-Relay-Secret": "s1"})
    assert hook.event == "item/updated"
    assert any(w.id == hook.id for w in (await pluggy.list_webhooks()).results)
    assert (await pluggy.get_webhook(hook.id)).url == "https://relay.example/hook"
    updated = await pluggy.update_webhook(hook.id, url="https://relay.example/other", headers={"X-Relay-Secret": "s2"})
    assert updated.url == "https://relay.example/other"
    assert await pluggy.delete_webhook(hook.id) == 1
    with pytest.raises(de.NotFoundError):
        await pluggy.get_webhook(hook.id)


@pytest.mark.asyncio
async def test_wrong_client_secret_is_an_auth_error(sandbox: Sandbox) -> None:
    async with PluggyClient(
        "http://sandbox.test", "5f2d6a0e-3c1b-4e8a-9d7f-2b6c8e4a1f90", "wrong", transport=sandbox.transport
    ) as client:
        with pytest.raises(de.PluggyAuthError) as info:
            await client.list_connectors()
    assert info.value.context["code_description"] == "CLIENT_KEYS_UNAUTHORIZED"
