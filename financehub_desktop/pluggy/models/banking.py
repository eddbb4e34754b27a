"""Accounts, balances, statements, transactions, categories, merchants and credit-card bills (§6.4-6.6, §6.9)."""

from __future__ import annotations

from pydantic import Field

from .base import Amount, Day, Timestamp, WireModel


# ---------------------------------------------------------------------------------------------- accounts
class ReservedBalanceRemuneration(WireModel):
    pre_fixed_rate: Amount | None = None
    post_fixed_indexer_percentage: Amount | None = None
    rate_type: str | None = None
    indexer: str | None = None
    calculation: str | None = None
    rate_periodicity: str | None = None
    indexer_additional_info: str | None = None


class ReservedBalanceAmount(WireModel):
    amount: Amount
    currency_code: str | None = None
    remuneration: ReservedBalanceRemuneration | None = None


class ReservedBalance(WireModel):
    name: str | None = None
    identification: str | None = None
    available_amounts: list[ReservedBalanceAmount] | None = None


class BankData(WireModel):
    transfer_number: str | None = None
    closing_balance: Amount | None = None
    automatically_invested_balance: Amount | None = None
    overdraft_contracted_limit: Amount | None = None
    overdraft_used_limit: Amount | None = None
    unarranged_overdraft_amount: Amount | None = None
    has_reserved_balance: bool | None = None
    reserved_balances: list[ReservedBalance] | None = None


class DisaggregatedCreditLimit(WireModel):
    credit_line_limit_type: str | None = None
    consolidation_type: str | None = None
    identification_number: str | None = None
    is_limit_flexible: bool | None = None
    used_amount: Amount | None = None
    used_amount_currency_code: str | None = None
    line_name: str | None = None
    line_name_additional_info: str | None = None
    limit_amount: Amount | None = None
    limit_amount_currency_code: str | None = None
    limit_amount_reason: str | None = None
    customized_limit_amount: Amount | None = None
    customized_limit_amount_currency_code: str | None = None
    available_amount: Amount | None = None
    available_amount_currency_code: str | None = None


class AdditionalCard(WireModel):
    number: str | None = None


class CreditData(WireModel):
    level: str | None = None
    brand: str | None = None
    brand_additional_info: str | None = None
    balance_close_date: Timestamp | None = None
    balance_due_date: Timestamp | None = None
    available_credit_limit: Amount | None = None
    balance_foreign_currency: Amount | None = None
    minimum_payment: Amount | None = None
    credit_limit: Amount | None = None
    is_limit_flexible: bool | None = None
    status: str | None = None
    holder_type: str | None = None
    disaggregated_credit_limits: list[DisaggregatedCreditLimit] | None = None
    additional_cards: list[AdditionalCard] | None = None


class Account(WireModel):
    id: str
    type: str
    subtype: str | None = None
    number: str | None = None
    name: str | None = None
    marketing_name: str | None = None
    balance: Amount
    item_id: str
    tax_number: str | None = None
    owner: str | None = None
    currency_code: str
    bank_data: BankData | None = None
    credit_data: CreditData | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class AccountBalance(WireModel):
    """Live balance from the institution (``GET /accounts/{id}/balance``)."""

    balance: Amount
    blocked_balance: Amount | None = None
    automatically_invested_balance: Amount | None = None
    closing_balance: Amount | None = None
    currency_code: str
    update_date_time: str | None = None


class AccountStatement(WireModel):
    id: str
    month_year: str | None = None
    url: str | None = Field(default=None, repr=False)


# ---------------------------------------------------------------------------------------------- transactions
class Document(WireModel):
    type: str | None = None
    value: str | None = Field(default=None, repr=False)


class PaymentDataParticipant(WireModel):
    document_number: Document | None = None
    name: str | None = None
    account_number: str | None = Field(default=None, repr=False)
    branch_number: str | None = None
    routing_number: str | None = None
    routing_number_ispb: str | None = Field(default=None, alias="routingNumberISPB")


class PaymentDataBoletoMetadata(WireModel):
    digitable_line: str | None = None
    barcode: str | None = None
    base_amount: Amount | None = None
    interest_amount: Amount | None = None
    penalty_amount: Amount | None = None
    discount_amount: Amount | None = None


class PaymentData(WireModel):
    payer: PaymentDataParticipant | None = None
    receiver: PaymentDataParticipant | None = None
    reason: str | None = None
    reference_number: str | None = None
    receiver_reference_id: str | None = None
    authentication_code: str | None = None
    payment_method: str | None = None
    boleto_metadata: PaymentDataBoletoMetadata | None = None


class CreditCardMetadata(WireModel):
    installment_number: int | None = None
    total_installments: int | None = None
    total_amount: Amount | None = None
    fee_type: str | None = None
    fee_type_additional_info: str | None = None
    other_credits_type: str | None = None
    other_credits_additional_info: str | None = None
    purchase_date: Timestamp | None = None
    payee_mcc: int | None = Field(default=None, alias="payeeMCC")
    card_number: str | None = None
    bill_id: str | None = None
    bill_forecast_date: str | None = None
    payment_type: str | None = None
    bill_post_date: Day | None = None
    transaction_date_time: Timestamp | None = None


class Merchant(WireModel):
    name: str | None = None
    business_name: str | None = None
    cnpj: str | None = None
    cnae: str | None = None
    category: str | None = None


class Transaction(WireModel):
    id: str
    description: str | None = None
    description_raw: str | None = None
    currency_code: str
    amount: Amount
    amount_in_account_currency: Amount | None = None
    date: Timestamp
    type: str | None = None
    balance: Amount | None = None
    provider_code: str | None = None
    status: str | None = None
    category: str | None = None
    category_id: str | None = None
    payment_data: PaymentData | None = None
    credit_card_metadata: CreditCardMetadata | None = None
    merchant: Merchant | None = None
    operation_type: str | None = None
    operation_type_additional_info: str | None = None
    provider_id: str | None = None
    account_id: str | None = None
    order: int | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class MerchantsResponse(WireModel):
    found_merchants: list[Merchant] = Field(default_factory=list)
    not_found_merchants: list[str] = Field(default_factory=list)
    invalid_cnpjs: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------- categories
class Category(WireModel):
    id: str
    description: str | None = None
    description_translated: str | None = None
    parent_id: str | None = None
    parent_description: str | None = None


class ClientCategoryRule(WireModel):
    id: str
    description: str | None = None
    category_id: str | None = None
    category: str | None = None
    client_id: str | None = None
    transaction_type: str | None = None
    account_type: str | None = None
    match_type: str | None = None


class CreateClientCategoryRule(WireModel):
    description: str
    category_id: str
    transaction_type: str | None = None
    account_type: str | None = None
    match_type: str | None = None


# ---------------------------------------------------------------------------------------------- bills
class BillFinanceCharge(WireModel):
    id: str | None = None
    type: str | None = None
    amount: Amount | None = None
    currency_code: str | None = None
    additional_info: str | None = None


class BillPayment(WireModel):
    id: str | None = None
    value_type: str | None = None
    payment_date: Timestamp | None = None
    payment_mode: str | None = None
    amount: Amount | None = None
    currency_code: str | None = None


class Bill(WireModel):
    id: str
    due_date: Timestamp
    bill_closing_date: Timestamp | None = None
    total_amount: Amount
    total_amount_currency_code: str | None = None
    minimum_payment_amount: Amount | None = None
    allows_installments: bool | None = None
    finance_charges: list[BillFinanceCharge] | None = None
    payments: list[BillPayment] | None = None
