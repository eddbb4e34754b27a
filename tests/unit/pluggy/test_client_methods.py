"""Every operation of pluggy-api.md §6.1-6.14 sends the right method, path, query and body, and decodes the
answer into its typed model."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.pluggy import models as m
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.http import DEFAULT_BASE_URL, USER_AGENT
from financehub_desktop.pluggy.models.payments import (
    CreateBoletoDetails,
    CreateBoletoPayer,
    PaymentIntentParameter,
    PaymentRecipientAccount,
    SmartTransferPreauthorizationParameter,
)

from .fakes import FakeClock, FakePluggy, build_client, ok

Call = Callable[[PluggyClient], Awaitable[Any]]


def universal(request: httpx.Request) -> httpx.Response:
    """One body that satisfies every response model (unknown fields are tolerated), plus page/cursor fields."""
    if request.method == "DELETE" and request.url.path.startswith(("/categories/rules/", "/payments/")):
        return httpx.Response(204)
    if request.url.path.endswith("/cancel") and "boletos" not in request.url.path:
        return httpx.Response(204)
    if request.url.path.endswith("/retry"):
        return httpx.Response(204)
    body: dict[str, Any] = {
        "id": 2 if request.url.path.startswith("/connectors") else "x-1",
        "status": "OK",
        "type": "BANK",
        "balance": Decimal("10.01"),
        "amount": Decimal("1.10"),
        "itemId": "item-1",
        "currencyCode": "BRL",
        "date": "2024-09-19T00:00:00.000Z",
        "dueDate": "2024-09-19T00:00:00.000Z",
        "totalAmount": Decimal("5.00"),
        "url": "https://example.invalid/hook",
        "event": "all",
        "accessToken": "connect-token",
        "count": 1,
        "page": 1,
        "total": 0,
        "totalPages": 1,
        "results": [],
        "next": None,
    }
    return ok(body)


ITEM = "item-1"
D = date(2024, 9, 1)
CASES: list[tuple[str, Call, str, str, dict[str, str], Any, type | None]] = [
    # name, call, method, path, query, json body, result type
    (
        "connect_token",
        lambda c: c.create_connect_token(
            ITEM, client_user_id="u1", webhook_url="https://h.example/x", avoid_duplicates=True, products=["ACCOUNTS"]
        ),
        "POST",
        "/connect_token",
        {},
        {
            "itemId": ITEM,
            "options": {
                "clientUserId": "u1",
                "webhookUrl": "https://h.example/x",
                "avoidDuplicates": True,
                "products": ["ACCOUNTS"],
            },
        },
        str,
    ),
    ("connect_token_bare", lambda c: c.create_connect_token(), "POST", "/connect_token", {}, {}, str),
    (
        "connectors",
        lambda c: c.list_connectors(
            countries=["BR"], types=["PERSONAL_BANK", "INVESTMENT"], sandbox=True, name="pluggy"
        ),
        "GET",
        "/connectors",
        {"countries": "BR", "types": "PERSONAL_BANK,INVESTMENT", "sandbox": "true", "name": "pluggy"},
        None,
        m.Page,
    ),
    (
        "connector",
        lambda c: c.get_connector(2, health_details=True),
        "GET",
        "/connectors/2",
        {"healthDetails": "true"},
        None,
        m.Connector,
    ),
    (
        "validate",
        lambda c: c.validate_connector_parameters(2, {"user": "u"}),
        "POST",
        "/connectors/2/validate",
        {},
        {"user": "u"},
        m.ParameterValidationResponse,
    ),
    (
        "create_item",
        lambda c: c.create_item(
            2,
            {"user": "user-ok", "password": "password-ok"},
            client_user_id="me",
            products=["ACCOUNTS"],
            avoid_duplicates=True,
        ),
        "POST",
        "/items",
        {},
        {
            "connectorId": 2,
            "parameters": {"user": "user-ok", "password": "password-ok"},
            "clientUserId": "me",
            "products": ["ACCOUNTS"],
            "avoidDuplicates": True,
        },
        m.Item,
    ),
    ("get_item", lambda c: c.get_item(ITEM), "GET", "/items/item-1", {}, None, m.Item),
    ("update_item", lambda c: c.update_item(ITEM), "PATCH", "/items/item-1", {}, {}, m.Item),
    (
        "update_item_creds",
        lambda c: c.update_item(ITEM, parameters={"password": "new"}),
        "PATCH",
        "/items/item-1",
        {},
        {"parameters": {"password": "new"}},
        m.Item,
    ),
    ("delete_item", lambda c: c.delete_item(ITEM), "DELETE", "/items/item-1", {}, None, int),
    (
        "mfa",
        lambda c: c.send_mfa(ITEM, {"token": "123456"}),
        "POST",
        "/items/item-1/mfa",
        {},
        {"token": "123456"},
        m.Item,
    ),
    (
        "disable_auto_sync",
        lambda c: c.disable_auto_sync(ITEM),
        "PATCH",
        "/items/item-1/disable-auto-sync",
        {},
        None,
        m.Item,
    ),
    (
        "items_v2",
        lambda c: c.list_items_v2(client_user_id="me", connector_id=2),
        "GET",
        "/v2/items",
        {"clientUserId": "me", "connectorId": "2"},
        None,
        m.CursorPage,
    ),
    (
        "resources",
        lambda c: c.list_item_resources(ITEM, status="PENDING_AUTHORISATION"),
        "GET",
        "/items/item-1/resources",
        {"page": "1", "pageSize": "500", "status": "PENDING_AUTHORISATION"},
        None,
        m.Page,
    ),
    (
        "scr",
        lambda c: c.get_item_scr(ITEM, from_="202401", to="202406"),
        "GET",
        "/items/item-1/scr",
        {"from": "202401", "to": "202406"},
        None,
        m.ScrResponse,
    ),
    (
        "accounts",
        lambda c: c.list_accounts(ITEM, type="BANK"),
        "GET",
        "/accounts",
        {"itemId": ITEM, "type": "BANK"},
        None,
        m.Page,
    ),
    ("account", lambda c: c.get_account("a/1"), "GET", "/accounts/a%2F1", {}, None, m.Account),
    ("balance", lambda c: c.get_account_balance("a1"), "GET", "/accounts/a1/balance", {}, None, m.AccountBalance),
    ("statements", lambda c: c.list_account_statements("a1"), "GET", "/accounts/a1/statements", {}, None, m.Page),
    (
        "tx_v2",
        lambda c: c.list_transactions_v2("a1", ids=["t1", "t2"], date_from=D, date_to=D),
        "GET",
        "/v2/transactions",
        {"accountId": "a1", "ids": "t1,t2", "dateFrom": "2024-09-01", "dateTo": "2024-09-01"},
        None,
        m.CursorPage,
    ),
    (
        "tx_v2_created",
        lambda c: c.list_transactions_v2("a1", created_at_from=datetime(2024, 9, 1, tzinfo=UTC)),
        "GET",
        "/v2/transactions",
        {"accountId": "a1", "createdAtFrom": "2024-09-01T00:00:00+00:00"},
        None,
        m.CursorPage,
    ),
    (
        "tx_v1",
        lambda c: c.list_transactions("a1", page=2, page_size=900, bill_id="b1"),
        "GET",
        "/transactions",
        {"accountId": "a1", "page": "2", "pageSize": "500", "billId": "b1"},
        None,
        m.Page,
    ),
    ("tx", lambda c: c.get_transaction("t1"), "GET", "/transactions/t1", {}, None, m.Transaction),
    (
        "tx_category",
        lambda c: c.update_transaction_category("t1", "01000000"),
        "PATCH",
        "/transactions/t1",
        {},
        {"categoryId": "01000000"},
        m.Transaction,
    ),
    (
        "categories",
        lambda c: c.list_categories(parent_id="01000000"),
        "GET",
        "/categories",
        {"parentId": "01000000"},
        None,
        m.Page,
    ),
    ("category", lambda c: c.get_category("01000000"), "GET", "/categories/01000000", {}, None, m.Category),
    ("rules", lambda c: c.list_category_rules(), "GET", "/categories/rules", {}, None, m.Page),
    (
        "create_rule",
        lambda c: c.create_category_rule("UBER", "05000000", match_type="contains"),
        "POST",
        "/categories/rules",
        {},
        {"description": "UBER", "categoryId": "05000000", "matchType": "contains"},
        m.ClientCategoryRule,
    ),
    ("delete_rule", lambda c: c.delete_category_rule("r1"), "DELETE", "/categories/rules/r1", {}, None, type(None)),
    ("identity", lambda c: c.get_identity(ITEM), "GET", "/identity", {"itemId": ITEM}, None, m.IdentityResponse),
    ("identity_id", lambda c: c.get_identity_by_id("i1"), "GET", "/identity/i1", {}, None, m.IdentityResponse),
    (
        "investments",
        lambda c: c.list_investments(ITEM, type="ETF"),
        "GET",
        "/investments",
        {"itemId": ITEM, "type": "ETF", "page": "1", "pageSize": "500"},
        None,
        m.Page,
    ),
    ("investment", lambda c: c.get_investment("v1"), "GET", "/investments/v1", {}, None, m.Investment),
    (
        "inv_tx",
        lambda c: c.list_investment_transactions("v1", page=3),
        "GET",
        "/investments/v1/transactions",
        {"page": "3", "pageSize": "500"},
        None,
        m.Page,
    ),
    (
        "bills",
        lambda c: c.list_bills("a1"),
        "GET",
        "/bills",
        {"accountId": "a1", "page": "1", "pageSize": "500"},
        None,
        m.Page,
    ),
    ("bill", lambda c: c.get_bill("b1"), "GET", "/bills/b1", {}, None, m.Bill),
    ("loans", lambda c: c.list_loans(ITEM), "GET", "/loans", {"itemId": ITEM}, None, m.Page),
    ("loan", lambda c: c.get_loan("l1"), "GET", "/loans/l1", {}, None, m.Loan),
    ("consents", lambda c: c.list_consents(ITEM), "GET", "/consents", {"itemId": ITEM}, None, m.Page),
    ("consent", lambda c: c.get_consent("c1"), "GET", "/consents/c1", {}, None, m.Consent),
    (
        "merchants",
        lambda c: c.find_merchants(["1", "2"]),
        "GET",
        "/merchants",
        {"cnpjs": "1,2"},
        None,
        m.MerchantsResponse,
    ),
    ("webhooks", lambda c: c.list_webhooks(), "GET", "/webhooks", {}, None, m.Page),
    (
        "create_webhook",
        lambda c: c.create_webhook("https://relay.example/h", "all", headers={"X-Secret": "s"}),
        "POST",
        "/webhooks",
        {},
        {"url": "https://relay.example/h", "event": "all", "headers": {"X-Secret": "s"}},
        m.Webhook,
    ),
    ("webhook", lambda c: c.get_webhook("w1"), "GET", "/webhooks/w1", {}, None, m.Webhook),
    (
        "update_webhook",
        lambda c: c.update_webhook("w1", enabled=True, headers=None),
        "PATCH",
        "/webhooks/w1",
        {},
        {"headers": None, "enabled": True},
        m.Webhook,
    ),
    ("delete_webhook", lambda c: c.delete_webhook("w1"), "DELETE", "/webhooks/w1", {}, None, int),
    (
        "customers",
        lambda c: c.list_payment_customers(name="Ana"),
        "GET",
        "/payments/customers",
        {"page": "1", "pageSize": "500", "name": "Ana"},
        None,
        m.Page,
    ),
    (
        "create_customer",
        lambda c: c.create_payment_customer(m.CreatePaymentCustomer(type="INDIVIDUAL", name="Ana", cpf="1")),
        "POST",
        "/payments/customers",
        {},
        {"type": "INDIVIDUAL", "name": "Ana", "cpf": "1"},
        m.PaymentCustomer,
    ),
    (
        "customer",
        lambda c: c.get_payment_customer("pc1"),
        "GET",
        "/payments/customers/pc1",
        {},
        None,
        m.PaymentCustomer,
    ),
    (
        "update_customer",
        lambda c: c.update_payment_customer("pc1", m.CreatePaymentCustomer(name="Bia")),
        "PATCH",
        "/payments/customers/pc1",
        {},
        {"name": "Bia"},
        m.PaymentCustomer,
    ),
    (
        "delete_customer",
        lambda c: c.delete_payment_customer("pc1"),
        "DELETE",
        "/payments/customers/pc1",
        {},
        None,
        type(None),
    ),
    (
        "recipients",
        lambda c: c.list_payment_recipients(is_default=True),
        "GET",
        "/payments/recipients",
        {"page": "1", "pageSize": "500", "isDefault": "true"},
        None,
        m.Page,
    ),
    (
        "create_recipient",
        lambda c: c.create_payment_recipient(
            m.CreatePaymentRecipient(
                tax_number="1",
                name="Loja",
                payment_institution_id="pi",
                account=PaymentRecipientAccount(branch="1", number="2", type="CHECKING_ACCOUNT"),
            )
        ),
        "POST",
        "/payments/recipients",
        {},
        {
            "taxNumber": "1",
            "name": "Loja",
            "paymentInstitutionId": "pi",
            "account": {"branch": "1", "number": "2", "type": "CHECKING_ACCOUNT"},
        },
        m.PaymentRecipient,
    ),
    (
        "recipient",
        lambda c: c.get_payment_recipient("r1"),
        "GET",
        "/payments/recipients/r1",
        {},
        None,
        m.PaymentRecipient,
    ),
    (
        "update_recipient",
        lambda c: c.update_payment_recipient("r1", m.CreatePaymentRecipient(name="X")),
        "PATCH",
        "/payments/recipients/r1",
        {},
        {"name": "X"},
        m.PaymentRecipient,
    ),
    (
        "delete_recipient",
        lambda c: c.delete_payment_recipient("r1"),
        "DELETE",
        "/payments/recipients/r1",
        {},
        None,
        type(None),
    ),
    (
        "institutions",
        lambda c: c.list_payment_institutions(name="Itau"),
        "GET",
        "/payments/recipients/institutions",
        {"page": "1", "pageSize": "500", "name": "Itau"},
        None,
        m.Page,
    ),
    (
        "institution",
        lambda c: c.get_payment_institution("pi"),
        "GET",
        "/payments/recipients/institutions/pi",
        {},
        None,
        m.PaymentInstitution,
    ),
    (
        "requests",
        lambda c: c.list_payment_requests(from_=D, status="CREATED"),
        "GET",
        "/payments/requests",
        {"page": "1", "pageSize": "500", "from": "2024-09-01", "status": "CREATED"},
        None,
        m.Page,
    ),
    (
        "create_request",
        lambda c: c.create_payment_request(
            m.CreatePaymentRequest(amount=Decimal("100.10"), recipient_id="r1", is_sandbox=True)
        ),
        "POST",
        "/payments/requests",
        {},
        {"amount": 100.10, "recipientId": "r1", "isSandbox": True},
        m.PaymentRequest,
    ),
    (
        "pix_qr",
        lambda c: c.create_pix_qr_payment_request(m.CreatePixQrPaymentRequest(pix_qr_code="000201")),
        "POST",
        "/payments/requests/pix-qr",
        {},
        {"pixQrCode": "000201"},
        m.PaymentRequest,
    ),
    ("request", lambda c: c.get_payment_request("pr1"), "GET", "/payments/requests/pr1", {}, None, m.PaymentRequest),
    (
        "update_request",
        lambda c: c.update_payment_request("pr1", m.UpdatePaymentRequest(description="d")),
        "PATCH",
        "/payments/requests/pr1",
        {},
        {"description": "d"},
        m.PaymentRequest,
    ),
    (
        "delete_request",
        lambda c: c.delete_payment_request("pr1"),
        "DELETE",
        "/payments/requests/pr1",
        {},
        None,
        type(None),
    ),
    (
        "auto_pix",
        lambda c: c.create_automatic_pix_payment_request(
            m.CreateAutomaticPixPaymentRequest(
                recipient_id="r1", interval="MONTHLY", start_date=D, fixed_amount=Decimal("9.90")
            )
        ),
        "POST",
        "/payments/requests/automatic-pix",
        {},
        {"recipientId": "r1", "interval": "MONTHLY", "startDate": "2024-09-01", "fixedAmount": 9.90},
        m.PaymentRequest,
    ),
    (
        "auto_pix_schedule",
        lambda c: c.schedule_automatic_pix_payment(
            "pr1", m.ScheduleAutomaticPixPayment(amount=Decimal("9.90"), date=D)
        ),
        "POST",
        "/payments/requests/pr1/automatic-pix/schedule",
        {},
        {"amount": 9.90, "date": "2024-09-01"},
        m.AutomaticPixPayment,
    ),
    (
        "auto_pix_list",
        lambda c: c.list_automatic_pix_payments("pr1"),
        "GET",
        "/payments/requests/pr1/automatic-pix/schedules",
        {},
        None,
        m.Page,
    ),
    (
        "auto_pix_get",
        lambda c: c.get_automatic_pix_payment("pr1", "ap1"),
        "GET",
        "/payments/requests/pr1/automatic-pix/schedules/ap1",
        {},
        None,
        m.AutomaticPixPayment,
    ),
    (
        "auto_pix_cancel_one",
        lambda c: c.cancel_automatic_pix_payment("pr1", "ap1"),
        "POST",
        "/payments/requests/pr1/automatic-pix/schedules/ap1/cancel",
        {},
        None,
        type(None),
    ),
    (
        "auto_pix_retry",
        lambda c: c.retry_automatic_pix_payment("pr1", "ap1", D),
        "POST",
        "/payments/requests/pr1/automatic-pix/schedules/ap1/retry",
        {},
        {"date": "2024-09-01"},
        type(None),
    ),
    (
        "auto_pix_cancel",
        lambda c: c.cancel_automatic_pix("pr1"),
        "POST",
        "/payments/requests/pr1/automatic-pix/cancel",
        {},
        None,
        type(None),
    ),
    (
        "schedules",
        lambda c: c.list_payment_schedules("pr1"),
        "GET",
        "/payments/requests/pr1/schedules",
        {},
        None,
        m.Page,
    ),
    (
        "schedules_cancel",
        lambda c: c.cancel_payment_schedules("pr1"),
        "POST",
        "/payments/requests/pr1/schedules/cancel",
        {},
        None,
        type(None),
    ),
    (
        "schedule_cancel",
        lambda c: c.cancel_payment_schedule("pr1", "s1"),
        "POST",
        "/payments/requests/pr1/schedules/s1/cancel",
        {},
        None,
        type(None),
    ),
    (
        "create_intent",
        lambda c: c.create_payment_intent(
            m.CreatePaymentIntent(payment_request_id="pr1", connector_id=2, parameters=PaymentIntentParameter(cpf="1"))
        ),
        "POST",
        "/payments/intents",
        {},
        {"paymentRequestId": "pr1", "connectorId": 2, "parameters": {"cpf": "1"}},
        m.PaymentIntent,
    ),
    (
        "intents",
        lambda c: c.list_payment_intents("pr1"),
        "GET",
        "/payments/intents",
        {"paymentRequestId": "pr1"},
        None,
        m.Page,
    ),
    ("intent", lambda c: c.get_payment_intent("pi1"), "GET", "/payments/intents/pi1", {}, None, m.PaymentIntent),
    (
        "preauths",
        lambda c: c.list_smart_transfer_preauthorizations(page=2),
        "GET",
        "/smart-transfers/preauthorizations",
        {"page": "2", "pageSize": "500"},
        None,
        m.Page,
    ),
    (
        "create_preauth",
        lambda c: c.create_smart_transfer_preauthorization(
            m.CreateSmartTransferPreauthorization(
                connector_id=2, parameters=SmartTransferPreauthorizationParameter(cpf="1"), recipient_ids=["r1"]
            )
        ),
        "POST",
        "/smart-transfers/preauthorizations",
        {},
        {"connectorId": 2, "parameters": {"cpf": "1"}, "recipientIds": ["r1"]},
        m.SmartTransferPreauthorization,
    ),
    (
        "preauth",
        lambda c: c.get_smart_transfer_preauthorization("sp1"),
        "GET",
        "/smart-transfers/preauthorizations/sp1",
        {},
        None,
        m.SmartTransferPreauthorization,
    ),
    (
        "preauth_payments",
        lambda c: c.list_smart_transfer_payments("sp1", from_=D),
        "GET",
        "/smart-transfers/preauthorizations/sp1/payments",
        {"from": "2024-09-01", "page": "1", "pageSize": "500"},
        None,
        m.Page,
    ),
    (
        "preauth_balance",
        lambda c: c.get_smart_transfer_preauthorization_balance("sp1"),
        "GET",
        "/smart-transfers/preauthorizations/sp1/balance",
        {},
        None,
        m.SmartTransferPreauthorizationBalance,
    ),
    (
        "preauth_revoke",
        lambda c: c.revoke_smart_transfer_data_consent("sp1"),
        "DELETE",
        "/smart-transfers/preauthorizations/sp1/data-consent",
        {},
        None,
        m.SmartTransferPreauthorization,
    ),
    (
        "st_payment",
        lambda c: c.create_smart_transfer_payment(
            m.CreateSmartTransferPayment(preauthorization_id="sp1", recipient_id="r1", amount=Decimal("5"))
        ),
        "POST",
        "/smart-transfers/payments",
        {},
        {"preauthorizationId": "sp1", "recipientId": "r1", "amount": 5},
        m.SmartTransferPayment,
    ),
    (
        "st_payment_get",
        lambda c: c.get_smart_transfer_payment("p1"),
        "GET",
        "/smart-transfers/payments/p1",
        {},
        None,
        m.SmartTransferPayment,
    ),
    (
        "boleto_conn",
        lambda c: c.create_boleto_connection(7, {"clientId": "a"}),
        "POST",
        "/boleto-connections",
        {},
        {"connectorId": 7, "credentials": {"clientId": "a"}},
        m.BoletoConnection,
    ),
    (
        "boleto_conn_item",
        lambda c: c.create_boleto_connection_from_item(ITEM),
        "POST",
        "/boleto-connections/from-item",
        {},
        {"itemId": ITEM},
        m.BoletoConnection,
    ),
    (
        "create_boleto",
        lambda c: c.create_boleto(
            m.CreateBoleto(
                boleto_connection_id="bc1",
                boleto=CreateBoletoDetails(
                    seu_numero="1",
                    amount=Decimal("20.00"),
                    due_date=D,
                    payer=CreateBoletoPayer(
                        tax_number="1", name="Ana", address_state="SP", address_zip_code="01000000"
                    ),
                ),
            )
        ),
        "POST",
        "/boletos",
        {},
        {
            "boletoConnectionId": "bc1",
            "boleto": {
                "seuNumero": "1",
                "amount": 20.00,
                "dueDate": "2024-09-01",
                "payer": {"taxNumber": "1", "name": "Ana", "addressState": "SP", "addressZipCode": "01000000"},
            },
        },
        m.IssuedBoleto,
    ),
    ("boleto", lambda c: c.get_boleto("bo1"), "GET", "/boletos/bo1", {}, None, m.IssuedBoleto),
    ("cancel_boleto", lambda c: c.cancel_boleto("bo1"), "POST", "/boletos/bo1/cancel", {}, None, m.IssuedBoleto),
]


@pytest.mark.asyncio
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
async def test_every_operation_sends_the_documented_request(
    fake: FakePluggy, clock: FakeClock, case: tuple[str, Call, str, str, dict[str, str], Any, type | None]
) -> None:
    _, call, method, path, query, body, result = case
    fake.script = [universal]
    async with build_client(fake, clock) as pluggy:
        value = await call(pluggy)
    (sent,) = fake.api_calls()
    assert (sent.method, sent.path) == (method, path)
    assert sent.params == query
    if body is None:
        assert sent.body == b""
    else:
        import json

        assert json.loads(sent.body) == body
        assert sent.headers["content-type"] == "application/json"
    if result is not None:
        assert isinstance(value, result)


def test_every_public_method_is_covered_by_the_table() -> None:
    public = {
        name
        for name in dir(PluggyClient)
        if not name.startswith("_")
        and callable(getattr(PluggyClient, name))
        and name not in {"aclose", "metrics_snapshot"}
    }
    iterators = {n for n in public if n.startswith("iter_")}
    covered_text = " ".join(str(c[1].__code__.co_names) for c in CASES)
    missing = sorted(n for n in public - iterators - {"create_api_key"} if n not in covered_text)
    assert missing == []


@pytest.mark.asyncio
async def test_too_many_ids_and_contradictory_filters_are_refused_before_sending(
    fake: FakePluggy, clock: FakeClock
) -> None:
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(InvalidInputError):
            await pluggy.list_transactions_v2("a1", ids=[str(i) for i in range(501)])
        with pytest.raises(InvalidInputError):
            await pluggy.list_transactions_v2("a1", date_from=D, created_at_from=datetime(2024, 1, 1, tzinfo=UTC))
    assert fake.api_calls() == []


@pytest.mark.asyncio
async def test_create_api_key_forces_a_fresh_key(fake: FakePluggy, clock: FakeClock) -> None:
    async with build_client(fake, clock) as pluggy:
        first = await pluggy.create_api_key()
        second = await pluggy.create_api_key()
    assert first != second
    assert len(fake.auth_calls()) == 2


def test_defaults_user_agent_and_repr() -> None:
    client = PluggyClient(client_id="id", client_secret="very-secret")
    assert client.base_url == DEFAULT_BASE_URL
    assert client.user_agent.startswith("FinanceHubDesktop/")
    assert client.user_agent == USER_AGENT
    assert "very-secret" not in repr(client)
