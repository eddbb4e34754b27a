"""The store's own record types: what the sync engine hands to the repositories.

The store does not import the Pluggy wire models (the layers are independent); the sync engine converts each wire
model into one of these. Field names are the column names of ``schema``. Amounts are ``Decimal``, times are aware
``datetime`` (any offset; stored as UTC), ``raw`` is the provider's whole record (JSON numbers as ``Decimal``).
Pluggy ids are strings (UUIDs), connector ids integers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, dataclass_transform

Raw = Mapping[str, Any]
_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def _record(cls: type[_T]) -> type[_T]:
    """``@dataclass(frozen=True, slots=True, kw_only=True)``, spelled so that mypy sees the fields."""
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


@_record
class ConnectorRecord:
    id: int
    name: str
    type: str | None = None
    country: str | None = None
    institution_url: str | None = None
    image_url: str | None = None
    primary_color: str | None = None
    has_mfa: bool | None = None
    oauth: bool | None = None
    is_open_finance: bool | None = None
    is_sandbox: bool | None = None
    products: Sequence[str] | None = None
    health_status: str | None = None
    supports_payment_initiation: bool | None = None
    supports_scheduled_payments: bool | None = None
    supports_smart_transfers: bool | None = None
    raw: Raw = field(default_factory=dict)


@_record
class ItemRecord:
    id: str
    connector_id: int
    status: str
    execution_status: str
    error_code: str | None = None
    error_message: str | None = None
    error_provider_message: str | None = None
    status_detail: Raw | None = None
    user_action: Raw | None = None
    products: Sequence[str] | None = None
    consent_expires_at: datetime | None = None
    last_updated_at: datetime | None = None
    next_auto_sync_at: datetime | None = None
    consecutive_failed_login_attempts: int | None = None
    client_user_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    raw: Raw = field(default_factory=dict)


@_record
class AccountRecord:
    id: str
    item_id: str
    type: str
    subtype: str
    name: str
    balance: Decimal
    currency_code: str
    number: str | None = None
    marketing_name: str | None = None
    owner: str | None = None
    tax_number: str | None = None
    transfer_number: str | None = None
    closing_balance: Decimal | None = None
    automatically_invested_balance: Decimal | None = None
    overdraft_contracted_limit: Decimal | None = None
    overdraft_used_limit: Decimal | None = None
    unarranged_overdraft_amount: Decimal | None = None
    credit_level: str | None = None
    credit_brand: str | None = None
    credit_status: str | None = None
    holder_type: str | None = None
    balance_close_date: datetime | None = None
    balance_due_date: datetime | None = None
    credit_limit: Decimal | None = None
    available_credit_limit: Decimal | None = None
    minimum_payment: Decimal | None = None
    balance_foreign_currency: Decimal | None = None
    is_limit_flexible: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    raw: Raw = field(default_factory=dict)


@_record
class TransactionRecord:
    """A bank or card transaction. ``pluggy_id`` is Pluggy's id; ``bank_provider_id`` is Pluggy's ``providerId``."""

    pluggy_id: str
    account_id: str
    date: datetime
    description: str
    amount: Decimal
    currency_code: str
    status: str = "POSTED"
    description_raw: str | None = None
    amount_in_account_currency: Decimal | None = None
    balance: Decimal | None = None
    type: str | None = None
    category_id: str | None = None
    category: str | None = None
    operation_type: str | None = None
    operation_type_additional_info: str | None = None
    provider_code: str | None = None
    bank_provider_id: str | None = None
    order_in_day: int | None = None
    merchant_name: str | None = None
    merchant_business_name: str | None = None
    merchant_cnpj: str | None = None
    merchant_cnae: str | None = None
    merchant_category: str | None = None
    payment_method: str | None = None
    payment_reference_number: str | None = None
    payment_reason: str | None = None
    payment_receiver_reference_id: str | None = None
    payment_authentication_code: str | None = None
    payer_name: str | None = None
    payer_document_type: str | None = None
    payer_document: str | None = None
    payer_account_number: str | None = None
    payer_branch_number: str | None = None
    payer_routing_number: str | None = None
    payer_ispb: str | None = None
    receiver_name: str | None = None
    receiver_document_type: str | None = None
    receiver_document: str | None = None
    receiver_account_number: str | None = None
    receiver_branch_number: str | None = None
    receiver_routing_number: str | None = None
    receiver_ispb: str | None = None
    boleto_digitable_line: str | None = None
    card_installment_number: int | None = None
    card_total_installments: int | None = None
    card_total_amount: Decimal | None = None
    card_bill_id: str | None = None
    card_number: str | None = None
    card_purchase_date: datetime | None = None
    card_payee_mcc: int | None = None
    card_payment_type: str | None = None
    card_fee_type: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    raw: Raw = field(default_factory=dict)


@_record
class CategoryRecord:
    id: str
    name_en: str
    name_pt: str | None = None
    parent_id: str | None = None
    parent_name_en: str | None = None
    raw: Raw = field(default_factory=dict)


@_record
class IdentityRecord:
    id: str
    item_id: str
    full_name: str | None = None
    social_name: str | None = None
    document: str | None = None
    document_type: str | None = None
    tax_number: str | None = None
    birth_date: datetime | None = None
    job_title: str | None = None
    company_name: str | None = None
    emails: Sequence[Raw] | None = None
    phone_numbers: Sequence[Raw] | None = None
    addresses: Sequence[Raw] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    raw: Raw = field(default_factory=dict)


@_record
class InvestmentRecord:
    id: str
    item_id: str
    type: str
    name: str
    balance: Decimal
    currency_code: str
    subtype: str | None = None
    number: str | None = None
    code: str | None = None
    isin: str | None = None
    status: str | None = None
    amount: Decimal | None = None
    quantity: Decimal | None = None
    value: Decimal | None = None
    amount_profit: Decimal | None = None
    amount_withdrawal: Decimal | None = None
    amount_original: Decimal | None = None
    taxes: Decimal | None = None
    taxes2: Decimal | None = None
    date: datetime | None = None
    due_date: datetime | None = None
    issue_date: datetime | None = None
    purchase_date: datetime | None = None
    issuer: str | None = None
    issuer_cnpj: str | None = None
    owner: str | None = None
    rate: Decimal | None = None
    rate_type: str | None = None
    fixed_annual_rate: Decimal | None = None
    last_month_rate: Decimal | None = None
    last_twelve_months_rate: Decimal | None = None
    annual_rate: Decimal | None = None
    raw: Raw = field(default_factory=dict)


@_record
class InvestmentTransactionRecord:
    id: str
    investment_id: str
    type: str
    date: datetime
    movement_type: str | None = None
    trade_date: datetime | None = None
    quantity: Decimal | None = None
    value: Decimal | None = None
    amount: Decimal | None = None
    net_amount: Decimal | None = None
    description: str | None = None
    brokerage_number: str | None = None
    raw: Raw = field(default_factory=dict)


@_record
class BillFinanceChargeRecord:
    id: str
    type: str
    amount: Decimal
    currency_code: str
    additional_info: str | None = None


@_record
class BillPaymentRecord:
    id: str
    value_type: str
    payment_date: datetime
    amount: Decimal
    currency_code: str
    payment_mode: str | None = None


@_record
class BillRecord:
    id: str
    account_id: str
    due_date: datetime
    total_amount: Decimal
    currency_code: str
    closing_date: datetime | None = None
    minimum_payment_amount: Decimal | None = None
    allows_installments: bool | None = None
    finance_charges: Sequence[BillFinanceChargeRecord] = ()
    payments: Sequence[BillPaymentRecord] = ()
    raw: Raw = field(default_factory=dict)


@_record
class LoanInstallmentRecord:
    """One line of a loan's schedule: a paid release (``kind="payment"``) or a balloon payment (``"balloon"``)."""

    kind: str
    installment_id: str | None = None
    due_date: datetime | None = None
    paid_date: datetime | None = None
    amount: Decimal | None = None
    currency_code: str | None = None
    is_over_parcel: bool | None = None


@_record
class LoanRecord:
    id: str
    item_id: str
    product_name: str
    kind: str
    date: datetime
    currency_code: str
    contract_number: str | None = None
    type: str | None = None
    contract_date: datetime | None = None
    contract_amount: Decimal | None = None
    due_date: datetime | None = None
    first_installment_due_date: datetime | None = None
    installment_periodicity: str | None = None
    amortization_scheduled: str | None = None
    cet: Decimal | None = None
    total_installments: int | None = None
    paid_installments: int | None = None
    due_installments: int | None = None
    past_due_installments: int | None = None
    outstanding_balance: Decimal | None = None
    installments: Sequence[LoanInstallmentRecord] = ()
    raw: Raw = field(default_factory=dict)


@_record
class ConsentRecord:
    id: str
    item_id: str
    products: Sequence[str]
    created_at: datetime
    permissions: Sequence[str] | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    raw: Raw = field(default_factory=dict)


@_record
class PaymentRecipientRecord:
    id: str
    name: str
    tax_number: str | None = None
    institution_name: str | None = None
    institution_ispb: str | None = None
    branch: str | None = None
    account_number: str | None = None
    account_type: str | None = None
    pix_key: str | None = None
    is_default: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    raw: Raw = field(default_factory=dict)


@_record
class PaymentRequestRecord:
    id: str
    status: str
    created_at: datetime
    updated_at: datetime
    amount: Decimal | None = None
    fees: Decimal | None = None
    description: str | None = None
    client_payment_id: str | None = None
    recipient_id: str | None = None
    recipient_type: str | None = None
    payment_url: str | None = None
    pix_qr_code: str | None = None
    schedule_type: str | None = None
    error_code: str | None = None
    is_sandbox: bool | None = None
    raw: Raw = field(default_factory=dict)


@_record
class PaymentIntentRecord:
    id: str
    status: str
    created_at: datetime
    updated_at: datetime
    payment_request_id: str | None = None
    payment_method: str | None = None
    connector_id: int | None = None
    consent_url: str | None = None
    reference_id: str | None = None
    error_code: str | None = None
    raw: Raw = field(default_factory=dict)


@_record
class ScheduledPaymentRecord:
    id: str
    payment_request_id: str
    status: str
    scheduled_date: date
    description: str | None = None
    end_to_end_id: str | None = None
    error_code: str | None = None
    raw: Raw = field(default_factory=dict)


@_record
class SmartTransferPreauthorizationRecord:
    id: str
    status: str
    created_at: datetime
    updated_at: datetime
    connector_id: int | None = None
    client_preauthorization_id: str | None = None
    consent_url: str | None = None
    data_consent_status: str | None = None
    raw: Raw = field(default_factory=dict)


@_record
class SmartTransferPaymentRecord:
    id: str
    preauthorization_id: str
    status: str
    amount: Decimal
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    recipient_id: str | None = None
    client_payment_id: str | None = None
    error_code: str | None = None
    raw: Raw = field(default_factory=dict)


@_record
class WebhookEventRecord:
    event_id: str
    event: str
    payload: Raw
    item_id: str | None = None
    triggered_by: str | None = None
    occurred_at: datetime | None = None
