"""Wire -> record: the one sign convention, card metadata kept, nothing of the provider lost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.domain.money import parse_json
from financehub_desktop.pluggy.models.banking import Transaction
from financehub_desktop.sync.convert import signed_amount, transaction_record

ACCOUNT = "a1b2c3d4-0000-4000-8000-000000000002"


def card_purchase(amount: str, type_: str | None, **extra: Any) -> Transaction:
    body = (
        '{"id": "t-1", "description": "LOJA 02/10", "currencyCode": "BRL", "amount": ' + amount + ","
        ' "date": "2026-03-01T00:00:00.000Z", "status": "POSTED", "accountId": "' + ACCOUNT + '",'
        ' "creditCardMetadata": {"installmentNumber": 2, "totalInstallments": 10, "totalAmount": 999.90,'
        ' "billId": "bill-7", "purchaseDate": "2026-01-15T00:00:00.000Z", "payeeMCC": 5411}, "brandNew": {"x": 1}'
        + (f', "type": "{type_}"' if type_ else "")
        + "}"
    )
    return Transaction.model_validate({**parse_json(body), **extra})


amounts = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False)


@given(amounts)
def test_debit_is_always_money_out_and_credit_money_in(amount: Decimal) -> None:
    assert signed_amount(amount, "DEBIT") == -abs(amount)
    assert signed_amount(amount, "CREDIT") == abs(amount)
    assert signed_amount(amount, None) == amount


def test_a_card_purchase_is_negative_whatever_sign_the_connector_sent() -> None:
    positive = transaction_record(card_purchase("99.99", "DEBIT"), ACCOUNT)
    negative = transaction_record(card_purchase("-99.99", "DEBIT"), ACCOUNT)
    assert positive.amount == negative.amount == Decimal("-99.99")
    payment = transaction_record(card_purchase("-500.00", "CREDIT"), ACCOUNT)
    assert payment.amount == Decimal("500.00")


def test_installments_bill_and_unknown_fields_are_kept() -> None:
    record = transaction_record(card_purchase("10.00", "DEBIT"), ACCOUNT)
    assert (record.card_installment_number, record.card_total_installments) == (2, 10)
    assert record.card_total_amount == Decimal("999.90")
    assert record.card_bill_id == "bill-7"
    assert record.card_payee_mcc == 5411
    assert record.raw["amount"] == Decimal("10.00"), "the provider's own number stays in raw"
    assert record.raw["brandNew"] == {"x": 1}, "fields Pluggy adds later are not lost"
    assert record.pluggy_id == "t-1" and record.account_id == ACCOUNT
