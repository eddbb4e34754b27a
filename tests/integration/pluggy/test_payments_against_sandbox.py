"""Payment initiation methods (§6.12-6.14) against the sandbox: customers, recipients, institutions, requests,
PIX QR, automatic PIX, schedules, intents, smart transfers and boletos."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal

import pytest

from financehub_desktop.domain import errors as de
from financehub_desktop.pluggy import models as m
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models.payments import (
    CreateBoletoDetails,
    CreateBoletoPayer,
    PaymentIntentParameter,
    PaymentRecipientAccount,
    SmartTransferPreauthorizationParameter,
)

from .conftest import Sandbox, connected_item

CPF = "52998224725"  # a well-formed (check digits valid) test CPF, nobody's


async def _recipient(pluggy: PluggyClient) -> m.PaymentRecipient:
    institution = (await pluggy.list_payment_institutions()).results[0]
    assert (await pluggy.get_payment_institution(institution.id)).id == institution.id
    return await pluggy.create_payment_recipient(
        m.CreatePaymentRecipient(
            tax_number=CPF,
            name="Loja Exemplo",
            payment_institution_id=institution.id,
            account=PaymentRecipientAccount(branch="0001", number="123456", type="CHECKING_ACCOUNT"),
        )
    )


@pytest.mark.asyncio
async def test_customers_and_recipients_crud(pluggy: PluggyClient) -> None:
    customer = await pluggy.create_payment_customer(
        m.CreatePaymentCustomer(type="INDIVIDUAL", name="Ana", email="ana@example.com", cpf=CPF)
    )
    assert customer.name == "Ana"
    assert any(c.id == customer.id for c in (await pluggy.list_payment_customers()).results)
    renamed = await pluggy.update_payment_customer(customer.id, m.CreatePaymentCustomer(name="Ana Maria"))
    assert renamed.name == "Ana Maria"
    assert (await pluggy.get_payment_customer(customer.id)).name == "Ana Maria"
    await pluggy.delete_payment_customer(customer.id)
    with pytest.raises(de.NotFoundError):
        await pluggy.get_payment_customer(customer.id)

    recipient = await _recipient(pluggy)
    assert any(r.id == recipient.id for r in (await pluggy.list_payment_recipients()).results)
    updated = await pluggy.update_payment_recipient(recipient.id, m.CreatePaymentRecipient(name="Loja Nova"))
    assert updated.name == "Loja Nova"
    assert (await pluggy.get_payment_recipient(recipient.id)).name == "Loja Nova"
    await pluggy.delete_payment_recipient(recipient.id)
    with pytest.raises(de.NotFoundError):
        await pluggy.get_payment_recipient(recipient.id)


async def _sandbox_today(sandbox: Sandbox) -> date:
    return date.fromisoformat((await sandbox.admin.get("/_sandbox/clock")).json()["now"][:10])


@pytest.mark.asyncio
async def test_payment_requests_intents_and_schedules(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    recipient = await _recipient(pluggy)
    start = await _sandbox_today(sandbox) + timedelta(days=5)
    request = await pluggy.create_payment_request(
        m.CreatePaymentRequest(
            amount=Decimal("123.45"), description="Aluguel", recipient_id=recipient.id, is_sandbox=True
        )
    )
    assert request.amount == Decimal("123.45")
    assert request.payment_url
    assert any(r.id == request.id for r in (await pluggy.list_payment_requests()).results)
    changed = await pluggy.update_payment_request(request.id, m.UpdatePaymentRequest(description="Aluguel março"))
    assert changed.description == "Aluguel março"
    assert (await pluggy.get_payment_request(request.id)).id == request.id

    intent = await pluggy.create_payment_intent(
        m.CreatePaymentIntent(
            payment_request_id=request.id, connector_id=600, parameters=PaymentIntentParameter(cpf=CPF)
        )
    )
    assert intent.status
    assert any(i.id == intent.id for i in (await pluggy.list_payment_intents(request.id)).results)
    assert (await pluggy.get_payment_intent(intent.id)).id == intent.id

    scheduled = await pluggy.create_payment_request(
        m.CreatePaymentRequest(
            amount=Decimal("10.00"),
            recipient_id=recipient.id,
            schedule={"type": "DAILY", "startDate": start.isoformat(), "occurrences": 3},
        )
    )
    schedules = (await pluggy.list_payment_schedules(scheduled.id)).results
    if schedules:
        await pluggy.cancel_payment_schedule(scheduled.id, schedules[0].id)
    await pluggy.cancel_payment_schedules(scheduled.id)

    await pluggy.delete_payment_request(request.id)
    with pytest.raises(de.NotFoundError):
        await pluggy.get_payment_request(request.id)


@pytest.mark.asyncio
async def test_pix_qr_request(pluggy: PluggyClient) -> None:
    recipient = await _recipient(pluggy)
    source = await pluggy.create_payment_request(
        m.CreatePaymentRequest(amount=Decimal("5.00"), recipient_id=recipient.id, is_sandbox=True)
    )
    intent = await pluggy.create_payment_intent(
        m.CreatePaymentIntent(
            payment_request_id=source.id,
            connector_id=600,
            parameters=PaymentIntentParameter(cpf=CPF),
            payment_method="PIX",
        )
    )
    code = intent.pix_data.value if intent.pix_data else None
    if not code:
        pytest.skip("the sandbox gave no PIX code to pay")
    paid = await pluggy.create_pix_qr_payment_request(m.CreatePixQrPaymentRequest(pix_qr_code=code, is_sandbox=True))
    assert paid.id


@pytest.mark.asyncio
async def test_automatic_pix(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    recipient = await _recipient(pluggy)
    start = await _sandbox_today(sandbox) + timedelta(days=1)
    request = await pluggy.create_automatic_pix_payment_request(
        m.CreateAutomaticPixPaymentRequest(
            recipient_id=recipient.id, interval="MONTHLY", start_date=start, fixed_amount=Decimal("49.90")
        )
    )
    assert request.automatic_pix is not None
    assert request.automatic_pix.fixed_amount == Decimal("49.90")
    scheduling = m.ScheduleAutomaticPixPayment(amount=Decimal("49.90"), date=start + timedelta(days=3))
    with pytest.raises(de.RequestRejectedError) as info:  # the payer has not consented yet
        await pluggy.schedule_automatic_pix_payment(request.id, scheduling)
    assert info.value.context["code_description"] == "AUTOMATIC_PIX_NOT_AUTHORIZED"

    await pluggy.create_payment_intent(
        m.CreatePaymentIntent(
            payment_request_id=request.id, connector_id=600, parameters=PaymentIntentParameter(cpf=CPF)
        )
    )
    for _ in range(200):
        if (await pluggy.get_payment_request(request.id)).status == "AUTHORIZED":
            break
        await asyncio.sleep(0.02)
    payment = await pluggy.schedule_automatic_pix_payment(request.id, scheduling)
    assert payment.amount == Decimal("49.90")
    listed = (await pluggy.list_automatic_pix_payments(request.id)).results
    assert any(p.id == payment.id for p in listed)
    assert (await pluggy.get_automatic_pix_payment(request.id, payment.id)).id == payment.id
    await pluggy.cancel_automatic_pix_payment(request.id, payment.id)
    await pluggy.cancel_automatic_pix(request.id)


@pytest.mark.asyncio
async def test_smart_transfers(pluggy: PluggyClient) -> None:
    recipient = await _recipient(pluggy)
    preauth = await pluggy.create_smart_transfer_preauthorization(
        m.CreateSmartTransferPreauthorization(
            connector_id=600, parameters=SmartTransferPreauthorizationParameter(cpf=CPF), recipient_ids=[recipient.id]
        )
    )
    assert preauth.id
    assert any(p.id == preauth.id for p in (await pluggy.list_smart_transfer_preauthorizations()).results)
    for _ in range(100):
        preauth = await pluggy.get_smart_transfer_preauthorization(preauth.id)
        if preauth.status != "CREATED":
            break
        await asyncio.sleep(0.02)
    await pluggy.list_smart_transfer_payments(preauth.id)
    assert preauth.status == "COMPLETED"
    payment = await pluggy.create_smart_transfer_payment(
        m.CreateSmartTransferPayment(preauthorization_id=preauth.id, recipient_id=recipient.id, amount=Decimal("7.50"))
    )
    assert payment.amount == Decimal("7.50")
    assert (await pluggy.get_smart_transfer_payment(payment.id)).id == payment.id
    assert any(p.id == payment.id for p in (await pluggy.list_smart_transfer_payments(preauth.id)).results)


@pytest.mark.asyncio
async def test_boletos(pluggy: PluggyClient) -> None:
    item = await connected_item(pluggy)
    connection = await pluggy.create_boleto_connection_from_item(item.id)
    assert connection.id

    boleto = await pluggy.create_boleto(
        m.CreateBoleto(
            boleto_connection_id=connection.id,
            boleto=CreateBoletoDetails(
                seu_numero="123",
                amount=Decimal("150.00"),
                due_date=date(2099, 1, 10),
                payer=CreateBoletoPayer(tax_number=CPF, name="Ana", address_state="SP", address_zip_code="01001000"),
            ),
        )
    )
    assert boleto.amount == Decimal("150.00")
    assert (await pluggy.get_boleto(boleto.id)).id == boleto.id
    cancelled = await pluggy.cancel_boleto(boleto.id)
    assert cancelled.status == "CANCELLED"

    direct = await pluggy.create_boleto_connection(2, {"clientId": "inter-id", "clientSecret": "inter-secret"})
    assert direct.connector_id == 2
    with pytest.raises(de.RequestRejectedError) as info:
        await pluggy.create_boleto_connection(2, {"clientId": "inter-id"})
    assert info.value.context["code_description"] == "BOLETO_CONNECTION_CREATION_CREDENTIALS_ERROR"
