"""From Pluggy's wire models to the store's records: the one place the sync engine decides what a row holds.

Rules applied here (docs/sync.md explains them to users):

- **Identity** is Pluggy's id, always: a row is never matched by content.
- **Sign convention**, the same for every account (bank *and* card): ``amount`` is signed from the account holder's
  point of view, negative for money going out (a purchase, a fee, a transfer sent) and positive for money coming in
  (a salary, a refund, a card-bill payment received by the card). Pluggy normalises card transactions to ``type``
  DEBIT (purchases) / CREDIT (payments) but connectors disagree on the sign of card ``amount``; so the sign is taken
  from ``type`` when Pluggy sends one, and the provider's own number is kept untouched in ``raw``.
- **Installments and bills**: ``creditCardMetadata`` (installment number/total, total amount, bill id, purchase date)
  is kept in its own columns, so a bill lists its transactions and a purchase groups its installments.
- ``raw`` is the whole record as Pluggy sent it (JSON numbers stay ``Decimal``), so nothing the API adds is lost.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from financehub_desktop.pluggy.models.banking import Account, Bill, Transaction
from financehub_desktop.pluggy.models.items import Connector, Item
from financehub_desktop.pluggy.models.payments import PaymentRequest
from financehub_desktop.pluggy.models.wealth import (
    Consent,
    IdentityResponse,
    Investment,
    InvestmentTransaction,
    Loan,
)
from financehub_desktop.store.records import (
    AccountRecord,
    BillFinanceChargeRecord,
    BillPaymentRecord,
    BillRecord,
    ConnectorRecord,
    ConsentRecord,
    IdentityRecord,
    InvestmentRecord,
    InvestmentTransactionRecord,
    ItemRecord,
    LoanInstallmentRecord,
    LoanRecord,
    PaymentRequestRecord,
    TransactionRecord,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def raw_of(model: BaseModel) -> dict[str, Any]:
    """The record as Pluggy sent it: camelCase keys, extra fields kept, amounts ``Decimal``; null fields are left
    out (absent and null mean the same to Pluggy, and they are most of a record: half the hashing work)."""
    return model.model_dump(mode="python", by_alias=True, exclude_none=True)


def signed_amount(amount: Decimal, type_: str | None) -> Decimal:
    """The one sign convention: DEBIT is money out (negative), CREDIT money in (positive); else as sent."""
    if type_ == "DEBIT":
        return -abs(amount)
    if type_ == "CREDIT":
        return abs(amount)
    return amount


def _mcc(value: object) -> int | None:
    """Pluggy sends the merchant category code as text or a number; the store keeps the number."""
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _int(value: Decimal | int | None) -> int | None:
    return None if value is None else int(value)


# ---------------------------------------------------------------------------------------------- items
def connector_record(connector: Connector) -> ConnectorRecord:
    return ConnectorRecord(
        id=connector.id,
        name=connector.name or f"#{connector.id}",
        type=connector.type,
        country=connector.country,
        institution_url=connector.institution_url,
        image_url=connector.image_url,
        primary_color=connector.primary_color,
        has_mfa=connector.has_mfa,
        oauth=connector.oauth,
        is_open_finance=connector.is_open_finance,
        is_sandbox=connector.is_sandbox,
        products=connector.products,
        health_status=connector.health.status if connector.health else None,
        supports_payment_initiation=connector.supports_payment_initiation,
        supports_scheduled_payments=connector.supports_scheduled_payments,
        supports_smart_transfers=connector.supports_smart_transfers,
        raw=raw_of(connector),
    )


def item_record(item: Item) -> ItemRecord:
    return ItemRecord(
        id=item.id,
        connector_id=item.connector.id if item.connector else 0,
        status=item.status,
        execution_status=item.execution_status or "",
        error_code=item.error.code if item.error else None,
        error_message=item.error.message if item.error else None,
        error_provider_message=item.error.provider_message if item.error else None,
        status_detail=item.status_detail.model_dump(mode="python", by_alias=True) if item.status_detail else None,
        user_action=item.user_action.model_dump(mode="python", by_alias=True) if item.user_action else None,
        products=item.products,
        consent_expires_at=item.consent_expires_at,
        last_updated_at=item.last_updated_at,
        next_auto_sync_at=item.next_auto_sync_at,
        consecutive_failed_login_attempts=item.consecutive_failed_login_attempts,
        client_user_id=item.client_user_id,
        created_at=item.created_at,
        updated_at=item.updated_at,
        raw=raw_of(item),
    )


# ---------------------------------------------------------------------------------------------- accounts
def account_record(account: Account) -> AccountRecord:
    bank, credit = account.bank_data, account.credit_data
    return AccountRecord(
        id=account.id,
        item_id=account.item_id,
        type=account.type,
        subtype=account.subtype or account.type,
        name=account.name or account.marketing_name or account.subtype or account.type,
        balance=account.balance,
        currency_code=account.currency_code,
        number=account.number,
        marketing_name=account.marketing_name,
        owner=account.owner,
        tax_number=account.tax_number,
        transfer_number=bank.transfer_number if bank else None,
        closing_balance=bank.closing_balance if bank else None,
        automatically_invested_balance=bank.automatically_invested_balance if bank else None,
        overdraft_contracted_limit=bank.overdraft_contracted_limit if bank else None,
        overdraft_used_limit=bank.overdraft_used_limit if bank else None,
        unarranged_overdraft_amount=bank.unarranged_overdraft_amount if bank else None,
        credit_level=credit.level if credit else None,
        credit_brand=credit.brand if credit else None,
        credit_status=credit.status if credit else None,
        holder_type=credit.holder_type if credit else None,
        balance_close_date=credit.balance_close_date if credit else None,
        balance_due_date=credit.balance_due_date if credit else None,
        credit_limit=credit.credit_limit if credit else None,
        available_credit_limit=credit.available_credit_limit if credit else None,
        minimum_payment=credit.minimum_payment if credit else None,
        balance_foreign_currency=credit.balance_foreign_currency if credit else None,
        is_limit_flexible=credit.is_limit_flexible if credit else None,
        created_at=account.created_at,
        updated_at=account.updated_at,
        raw=raw_of(account),
    )


def transaction_record(tx: Transaction, account_id: str) -> TransactionRecord:
    pay, card, merchant = tx.payment_data, tx.credit_card_metadata, tx.merchant
    payer = pay.payer if pay else None
    receiver = pay.receiver if pay else None
    amount_in_account = tx.amount_in_account_currency
    return TransactionRecord(
        pluggy_id=tx.id,
        account_id=tx.account_id or account_id,
        date=tx.date,
        description=tx.description or tx.description_raw or "",
        amount=signed_amount(tx.amount, tx.type),
        currency_code=tx.currency_code,
        status=tx.status or "POSTED",
        description_raw=tx.description_raw,
        amount_in_account_currency=None if amount_in_account is None else signed_amount(amount_in_account, tx.type),
        balance=tx.balance,
        type=tx.type,
        category_id=tx.category_id,
        category=tx.category,
        operation_type=tx.operation_type,
        operation_type_additional_info=tx.operation_type_additional_info,
        provider_code=tx.provider_code,
        bank_provider_id=tx.provider_id,
        order_in_day=tx.order,
        merchant_name=merchant.name if merchant else None,
        merchant_business_name=merchant.business_name if merchant else None,
        merchant_cnpj=merchant.cnpj if merchant else None,
        merchant_cnae=merchant.cnae if merchant else None,
        merchant_category=merchant.category if merchant else None,
        payment_method=pay.payment_method if pay else None,
        payment_reference_number=pay.reference_number if pay else None,
        payment_reason=pay.reason if pay else None,
        payment_receiver_reference_id=pay.receiver_reference_id if pay else None,
        payment_authentication_code=pay.authentication_code if pay else None,
        payer_name=payer.name if payer else None,
        payer_document_type=payer.document_number.type if payer and payer.document_number else None,
        payer_document=payer.document_number.value if payer and payer.document_number else None,
        payer_account_number=payer.account_number if payer else None,
        payer_branch_number=payer.branch_number if payer else None,
        payer_routing_number=payer.routing_number if payer else None,
        payer_ispb=payer.routing_number_ispb if payer else None,
        receiver_name=receiver.name if receiver else None,
        receiver_document_type=receiver.document_number.type if receiver and receiver.document_number else None,
        receiver_document=receiver.document_number.value if receiver and receiver.document_number else None,
        receiver_account_number=receiver.account_number if receiver else None,
        receiver_branch_number=receiver.branch_number if receiver else None,
        receiver_routing_number=receiver.routing_number if receiver else None,
        receiver_ispb=receiver.routing_number_ispb if receiver else None,
        boleto_digitable_line=pay.boleto_metadata.digitable_line if pay and pay.boleto_metadata else None,
        card_installment_number=card.installment_number if card else None,
        card_total_installments=card.total_installments if card else None,
        card_total_amount=card.total_amount if card else None,
        card_bill_id=card.bill_id if card else None,
        card_number=card.card_number if card else None,
        card_purchase_date=card.purchase_date if card else None,
        card_payee_mcc=_mcc(card.payee_mcc) if card else None,
        card_payment_type=card.payment_type if card else None,
        card_fee_type=card.fee_type if card else None,
        created_at=tx.created_at,
        updated_at=tx.updated_at,
        raw=raw_of(tx),
    )


def bill_record(bill: Bill, account_id: str) -> BillRecord:
    currency = bill.total_amount_currency_code or "BRL"
    charges = [
        BillFinanceChargeRecord(
            id=charge.id or f"{bill.id}:charge:{index}",
            type=charge.type or "OTHER",
            amount=charge.amount if charge.amount is not None else Decimal(0),
            currency_code=charge.currency_code or currency,
            additional_info=charge.additional_info,
        )
        for index, charge in enumerate(bill.finance_charges or [])
    ]
    payments = [
        BillPaymentRecord(
            id=payment.id or f"{bill.id}:payment:{index}",
            value_type=payment.value_type or "OTHER_PAYMENT",
            payment_date=payment.payment_date or bill.due_date,
            amount=payment.amount if payment.amount is not None else Decimal(0),
            currency_code=payment.currency_code or currency,
            payment_mode=payment.payment_mode,
        )
        for index, payment in enumerate(bill.payments or [])
    ]
    return BillRecord(
        id=bill.id,
        account_id=account_id,
        due_date=bill.due_date,
        total_amount=bill.total_amount,
        currency_code=currency,
        closing_date=bill.bill_closing_date,
        minimum_payment_amount=bill.minimum_payment_amount,
        allows_installments=bill.allows_installments,
        finance_charges=charges,
        payments=payments,
        raw=raw_of(bill),
    )


# ---------------------------------------------------------------------------------------------- wealth
def investment_record(inv: Investment, item_id: str) -> InvestmentRecord:
    return InvestmentRecord(
        id=inv.id,
        item_id=inv.item_id or item_id,
        type=inv.type,
        name=inv.name or inv.code or inv.type,
        balance=inv.balance,
        currency_code=inv.currency_code,
        subtype=inv.subtype,
        number=inv.number,
        code=inv.code,
        isin=inv.isin,
        status=inv.status,
        amount=inv.amount,
        quantity=inv.quantity,
        value=inv.value,
        amount_profit=inv.amount_profit,
        amount_withdrawal=inv.amount_withdrawal,
        amount_original=inv.amount_original,
        taxes=inv.taxes,
        taxes2=inv.taxes2,
        date=inv.date,
        due_date=inv.due_date,
        issue_date=inv.issue_date,
        purchase_date=inv.purchase_date,
        issuer=inv.issuer,
        issuer_cnpj=inv.issuer_cnpj,
        owner=inv.owner,
        rate=inv.rate,
        rate_type=inv.rate_type,
        fixed_annual_rate=inv.fixed_annual_rate,
        last_month_rate=inv.last_month_rate,
        last_twelve_months_rate=inv.last_twelve_months_rate,
        annual_rate=inv.annual_rate,
        raw=raw_of(inv),
    )


def investment_transaction_record(tx: InvestmentTransaction, investment_id: str) -> InvestmentTransactionRecord:
    return InvestmentTransactionRecord(
        id=tx.id,
        investment_id=investment_id,
        type=tx.type or "OTHER",
        date=tx.date or tx.trade_date or EPOCH,
        movement_type=tx.movement_type,
        trade_date=tx.trade_date,
        quantity=tx.quantity,
        value=tx.value,
        amount=tx.amount,
        net_amount=tx.net_amount,
        description=tx.description,
        brokerage_number=tx.brokerage_number,
        raw=raw_of(tx),
    )


def loan_record(loan: Loan, item_id: str) -> LoanRecord:
    installments: list[LoanInstallmentRecord] = []
    plan = loan.installments
    for release in (loan.payments.releases or []) if loan.payments else []:
        installments.append(
            LoanInstallmentRecord(
                kind="payment",
                installment_id=release.installment_id,
                paid_date=release.paid_date,
                amount=release.paid_amount,
                currency_code=release.currency_code,
                is_over_parcel=release.is_over_parcel_payment,
            )
        )
    for balloon in (plan.balloon_payments or []) if plan else []:
        installments.append(
            LoanInstallmentRecord(
                kind="balloon",
                due_date=balloon.due_date,
                amount=balloon.amount.value if balloon.amount else None,
                currency_code=balloon.amount.currency_code if balloon.amount else None,
            )
        )
    return LoanRecord(
        id=loan.id,
        item_id=loan.item_id or item_id,
        product_name=loan.product_name or loan.type or "Loan",
        kind=loan.kind or "LOAN",
        date=loan.date or loan.contract_date or EPOCH,
        currency_code=loan.currency_code or "BRL",
        contract_number=loan.contract_number,
        type=loan.type,
        contract_date=loan.contract_date,
        contract_amount=loan.contract_amount,
        due_date=loan.due_date,
        first_installment_due_date=loan.first_installment_due_date,
        installment_periodicity=loan.installment_periodicity,
        amortization_scheduled=loan.amortization_scheduled,
        cet=loan.cet,
        total_installments=_int(plan.total_number_of_installments) if plan else None,
        paid_installments=_int(plan.paid_installments) if plan else None,
        due_installments=_int(plan.due_installments) if plan else None,
        past_due_installments=_int(plan.past_due_installments) if plan else None,
        outstanding_balance=loan.payments.contract_outstanding_balance if loan.payments else None,
        installments=installments,
        raw=raw_of(loan),
    )


def identity_record(identity: IdentityResponse, item_id: str) -> IdentityRecord:
    def plain(values: list[Any] | None) -> list[dict[str, Any]] | None:
        return None if values is None else [v.model_dump(mode="python", by_alias=True) for v in values]

    return IdentityRecord(
        id=identity.id,
        item_id=identity.item_id or item_id,
        full_name=identity.full_name,
        social_name=identity.social_name,
        document=identity.document,
        document_type=identity.document_type,
        tax_number=identity.tax_number,
        birth_date=identity.birth_date,
        job_title=identity.job_title,
        company_name=identity.company_name,
        emails=plain(identity.emails),
        phone_numbers=plain(identity.phone_numbers),
        addresses=plain(identity.addresses),
        created_at=identity.created_at,
        updated_at=identity.updated_at,
        raw=raw_of(identity),
    )


def consent_record(consent: Consent, item_id: str) -> ConsentRecord:
    return ConsentRecord(
        id=consent.id,
        item_id=consent.item_id or item_id,
        products=consent.products or [],
        created_at=consent.created_at or EPOCH,
        permissions=consent.open_finance_permissions_granted,
        expires_at=consent.expires_at,
        revoked_at=consent.revoked_at,
        raw=raw_of(consent),
    )


def payment_request_record(request: PaymentRequest) -> PaymentRequestRecord:
    recipient = request.recipient or {}
    schedule = request.schedule or {}
    created = request.created_at or EPOCH
    return PaymentRequestRecord(
        id=request.id,
        status=request.status,
        created_at=created,
        updated_at=request.updated_at or created,
        amount=request.amount,
        fees=request.fees,
        description=request.description,
        client_payment_id=request.client_payment_id,
        recipient_id=recipient.get("id") if isinstance(recipient.get("id"), str) else None,
        recipient_type=recipient.get("type") if isinstance(recipient.get("type"), str) else None,
        payment_url=request.payment_url,
        pix_qr_code=request.pix_qr_code,
        schedule_type=schedule.get("type") if isinstance(schedule.get("type"), str) else None,
        error_code=request.error_detail.code if request.error_detail else None,
        is_sandbox=request.is_sandbox,
        raw=raw_of(request),
    )
