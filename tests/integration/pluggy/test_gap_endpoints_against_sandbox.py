"""The client's methods for the operations pluggy-openapi.json lacks, against the sandbox: ``get_item_scr``,
``get_smart_transfer_preauthorization_balance`` and ``revoke_smart_transfer_data_consent``."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import httpx
import pytest

from financehub_desktop.domain import errors as de
from financehub_desktop.pluggy import models as m
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models.payments import PaymentRecipientAccount, SmartTransferPreauthorizationParameter
from financehub_desktop.sandbox import SandboxConfig, create_app, state_of

from .conftest import BASE, Sandbox, connected_item

pytestmark = pytest.mark.asyncio
OF_CPF = "76109277673"
UNKNOWN = "00000000-0000-4000-8000-000000000000"


async def open_finance_item(pluggy: PluggyClient) -> m.Item:
    """Sandbox Open Finance: the "bank" approves by itself after a few phases (WAITING_USER_ACTION on the way)."""
    item = await pluggy.create_item(600, {"cpf": OF_CPF})
    for _ in range(500):
        item = await pluggy.get_item(item.id)
        if item.status == "UPDATED":
            return item
        await asyncio.sleep(0.01)
    raise AssertionError(f"item stuck in {item.status}/{item.execution_status}")


def base_date(sandbox: Sandbox, months_back: int) -> int:
    today = state_of(sandbox.app).clock.today()
    index = today.year * 12 + today.month - 1 - months_back
    return (index // 12) * 100 + index % 12 + 1


async def test_get_item_scr_reads_the_report(sandbox: Sandbox, pluggy: PluggyClient) -> None:
    item = await open_finance_item(pluggy)
    report = await pluggy.get_item_scr(item.id)
    assert report.cd_cli == OF_CPF and report.tp_cli == 1
    assert report.ls_dtb is not None
    assert [d.dtb for d in report.ls_dtb] == [base_date(sandbox, n) for n in (5, 4, 3, 2)]
    operations = [op for database in report.ls_dtb for op in database.ls_op or []]
    assert operations and all(op.res_venc is not None for op in operations)
    amounts = [v for op in operations for v in op.res_venc.model_dump(exclude_none=True).values()]  # type: ignore[union-attr]
    assert amounts and all(isinstance(v, Decimal) and v == v.quantize(Decimal("0.01")) for v in amounts)
    assert OF_CPF not in repr(report)  # the document stays out of logs

    first, last = str(base_date(sandbox, 3)), str(base_date(sandbox, 0))
    window = await pluggy.get_item_scr(item.id, from_=first, to=last)
    assert [d.dtb for d in window.ls_dtb or []] == [base_date(sandbox, 3), base_date(sandbox, 2)]
    assert len(window.lista_de_mensagens_de_validacao or []) == 2  # the two months Bacen has not closed yet


async def test_get_item_scr_errors_are_typed(pluggy: PluggyClient) -> None:
    item = await open_finance_item(pluggy)
    with pytest.raises(de.RequestRejectedError) as bad:
        await pluggy.get_item_scr(item.id, from_="2025-01")
    assert bad.value.context["code_description"] == "SCR_INVALID_REQUEST"
    with pytest.raises(de.RequestRejectedError) as reversed_window:
        await pluggy.get_item_scr(item.id, from_="202506", to="202501")
    assert reversed_window.value.context["code_description"] == "SCR_INVALID_REQUEST"
    bank = await connected_item(pluggy)
    with pytest.raises(de.RequestRejectedError) as unsupported:
        await pluggy.get_item_scr(bank.id)
    assert unsupported.value.context["code_description"] == "SCR_ITEM_NOT_SUPPORTED"
    with pytest.raises(de.NotFoundError):
        await pluggy.get_item_scr(UNKNOWN)


async def _preauthorization(pluggy: PluggyClient, *, linked: bool) -> tuple[m.SmartTransferPreauthorization, str]:
    institution = (await pluggy.list_payment_institutions()).results[0]
    recipient = await pluggy.create_payment_recipient(
        m.CreatePaymentRecipient(
            tax_number=OF_CPF,
            name="Conta própria",
            payment_institution_id=institution.id,
            account=PaymentRecipientAccount(branch="0001", number="123456", type="CHECKING_ACCOUNT"),
        )
    )
    preauth = await pluggy.create_smart_transfer_preauthorization(
        m.CreateSmartTransferPreauthorization(
            connector_id=600,
            parameters=SmartTransferPreauthorizationParameter(cpf=OF_CPF),
            recipient_ids=[recipient.id],
            linked_journey=linked or None,
        )
    )
    return preauth, recipient.id


async def _completed(pluggy: PluggyClient, preauth_id: str) -> m.SmartTransferPreauthorization:
    for _ in range(300):
        preauth = await pluggy.get_smart_transfer_preauthorization(preauth_id)
        if preauth.status == "COMPLETED":
            return preauth
        await asyncio.sleep(0.01)
    raise AssertionError("the preauthorization never completed")


async def test_preauthorization_balance_and_data_consent(pluggy: PluggyClient) -> None:
    preauth, recipient_id = await _preauthorization(pluggy, linked=True)
    with pytest.raises(de.RequestRejectedError) as pending:  # the payer has not authorised yet
        await pluggy.get_smart_transfer_preauthorization_balance(preauth.id)
    assert pending.value.context["code_description"] == "SMART_TRANSFER_DATA_CONSENT_NOT_AUTHORISED"
    preauth = await _completed(pluggy, preauth.id)
    assert preauth.data_consent is not None and preauth.data_consent.status == "AUTHORISED"

    balance = await pluggy.get_smart_transfer_preauthorization_balance(preauth.id)
    assert isinstance(balance.balance, Decimal)
    assert balance.overdraft is not None and balance.overdraft.contracted is not None
    assert balance.overdraft.available == balance.overdraft.contracted - (balance.overdraft.used or 0)
    assert balance == await pluggy.get_smart_transfer_preauthorization_balance(preauth.id)

    revoked = await pluggy.revoke_smart_transfer_data_consent(preauth.id)
    assert revoked.id == preauth.id and revoked.status == "COMPLETED"
    assert revoked.data_consent is not None and revoked.data_consent.status == "REJECTED"
    again = await pluggy.revoke_smart_transfer_data_consent(preauth.id)  # idempotent
    assert again.data_consent == revoked.data_consent
    with pytest.raises(de.PluggyForbiddenError) as refused:
        await pluggy.get_smart_transfer_preauthorization_balance(preauth.id)
    assert refused.value.context["code_description"] == "SMART_TRANSFER_BALANCE_NOT_ALLOWED"
    payment = await pluggy.create_smart_transfer_payment(  # transfers keep working without the balance permission
        m.CreateSmartTransferPayment(preauthorization_id=preauth.id, recipient_id=recipient_id, amount=Decimal("9.90"))
    )
    assert payment.amount == Decimal("9.90")


async def test_preauthorization_balance_errors(pluggy: PluggyClient) -> None:
    plain, _ = await _preauthorization(pluggy, linked=False)
    await _completed(pluggy, plain.id)
    with pytest.raises(de.PluggyForbiddenError):
        await pluggy.get_smart_transfer_preauthorization_balance(plain.id)
    with pytest.raises(de.NotFoundError):
        await pluggy.get_smart_transfer_preauthorization_balance(UNKNOWN)
    with pytest.raises(de.NotFoundError):
        await pluggy.revoke_smart_transfer_data_consent(UNKNOWN)


async def test_spent_balance_quota_is_not_retried() -> None:
    """BALANCE_OPEN_FINANCE_RATE_LIMIT is a monthly quota: waiting a minute does not help, so the client fails at
    once with RateLimitedError instead of retrying."""
    app = create_app(SandboxConfig(seed=1, step_seconds=0.01, balance_monthly_quota=1))
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url=BASE) as admin,
        Sandbox(app, admin, transport).client() as pluggy,
    ):
        preauth, _ = await _preauthorization(pluggy, linked=True)
        await _completed(pluggy, preauth.id)
        await pluggy.get_smart_transfer_preauthorization_balance(preauth.id)
        await admin.delete("/_sandbox/requests")
        with pytest.raises(de.RateLimitedError) as spent:
            await pluggy.get_smart_transfer_preauthorization_balance(preauth.id)
        assert spent.value.context["code_description"] == "BALANCE_OPEN_FINANCE_RATE_LIMIT"
        sent = (await admin.get("/_sandbox/requests")).json()["results"]
        assert [r["path"].endswith("/balance") for r in sent] == [True]
