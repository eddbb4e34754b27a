"""Payment initiation: customers, recipients, institutions, requests, PIX, schedules, intents, smart transfers and
boletos (§6.12-6.14). Request bodies are typed too, so a caller cannot send a float amount."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import Amount, Day, Timestamp, WireModel
from .items import Connector


# ---------------------------------------------------------------------------------------------- parties
class PaymentInstitution(WireModel):
    id: str
    name: str | None = None
    trade_name: str | None = None
    ispb: str | None = None
    compe: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class PaymentRecipientAccount(WireModel):
    branch: str
    number: str = Field(repr=False)
    type: str


class PaymentRecipient(WireModel):
    id: str
    type: str | None = None
    tax_number: str | None = Field(default=None, repr=False)
    name: str | None = None
    payment_institution: PaymentInstitution | None = None
    is_default: bool | None = None
    account: PaymentRecipientAccount | None = None
    pix_key: str | None = Field(default=None, repr=False)
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class CreatePaymentRecipient(WireModel):
    tax_number: str | None = Field(default=None, repr=False)
    name: str | None = None
    payment_institution_id: str | None = None
    account: PaymentRecipientAccount | None = None
    pix_key: str | None = Field(default=None, repr=False)
    is_default: bool | None = None


class PaymentCustomer(WireModel):
    id: str
    type: str | None = None
    name: str | None = None
    email: str | None = Field(default=None, repr=False)
    cpf: str | None = Field(default=None, repr=False)
    cnpj: str | None = Field(default=None, repr=False)
    connector: Connector | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class CreatePaymentCustomer(WireModel):
    type: str | None = None
    name: str | None = None
    email: str | None = Field(default=None, repr=False)
    cpf: str | None = Field(default=None, repr=False)
    cnpj: str | None = Field(default=None, repr=False)
    connector_id: int | None = None


class Debtor(WireModel):
    name: str | None = None
    tax_number: str | None = Field(default=None, repr=False)
    bank_account: dict[str, Any] | None = Field(default=None, repr=False)


class SmartAccount(WireModel):
    id: str
    agency: str | None = None
    number: str | None = Field(default=None, repr=False)
    verifying_digit: str | None = None
    type: str | None = None
    is_sandbox: bool | None = None
    owner: str | None = None
    pix_key: str | None = Field(default=None, repr=False)


# ---------------------------------------------------------------------------------------------- requests
class PaymentRequestCallbackUrls(WireModel):
    success: str | None = None
    pending: str | None = None
    error: str | None = None


class BoletoParty(WireModel):
    tax_number: str | None = Field(default=None, repr=False)
    name: str | None = None


class Boleto(WireModel):
    digitable_line: str | None = None
    barcode: str | None = None
    payer: BoletoParty | None = None
    recipient: BoletoParty | None = None
    date: Timestamp | None = None
    due_date: Timestamp | None = None
    expiration_date: Timestamp | None = None
    base_amount: Amount | None = None
    penalty_amount: Amount | None = None
    interest_amount: Amount | None = None
    discount_amount: Amount | None = None
    total_amount: Amount | None = None
    updated_at: Timestamp | None = None


class AutomaticPixFirstPayment(WireModel):
    date: Day | None = None
    description: str | None = None
    amount: Amount


class AutomaticPixRetriesConfiguration(WireModel):
    retry_days: list[int]


class AutomaticPixSchedulerConfiguration(WireModel):
    enabled: bool
    description: str | None = None
    value_for_variable_amount: Amount | None = None


class AutomaticPix(WireModel):
    fixed_amount: Amount | None = None
    minimum_variable_amount: Amount | None = None
    maximum_variable_amount: Amount | None = None
    start_date: Timestamp | None = None
    expires_at: Timestamp | None = None
    is_retry_accepted: bool | None = None
    first_payment: AutomaticPixFirstPayment | None = None
    interval: str | None = None
    automatic_retries_configuration: AutomaticPixRetriesConfiguration | None = None
    scheduler_configuration: AutomaticPixSchedulerConfiguration | None = None


class PaymentRequestErrorDetail(WireModel):
    code: str | None = None
    provider_message: str | None = None


class PaymentRequest(WireModel):
    """A payment to be made by a payer; ``recipient`` and ``schedule`` stay plain JSON (oneOf by ``type``)."""

    id: str
    amount: Amount | None = None
    fees: Amount | None = None
    description: str | None = None
    status: str
    client_payment_id: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    callback_urls: PaymentRequestCallbackUrls | None = None
    recipient: dict[str, Any] | None = None
    customer: PaymentCustomer | None = None
    smart_account: SmartAccount | None = None
    payment_url: str | None = None
    pix_qr_code: str | None = None
    boleto: Boleto | None = None
    automatic_pix: AutomaticPix | None = None
    schedule: dict[str, Any] | None = None
    error_detail: PaymentRequestErrorDetail | None = None
    is_sandbox: bool | None = None


class CreatePaymentRequest(WireModel):
    amount: Amount
    description: str | None = None
    callback_urls: PaymentRequestCallbackUrls | None = None
    recipient_id: str | None = None
    customer_id: str | None = None
    client_payment_id: str | None = None
    schedule: dict[str, Any] | None = None
    is_sandbox: bool | None = None


class UpdatePaymentRequest(WireModel):
    amount: Amount | None = None
    description: str | None = None
    callback_urls: PaymentRequestCallbackUrls | None = None
    recipient_id: str | None = None
    customer_id: str | None = None
    client_payment_id: str | None = None
    is_sandbox: bool | None = None


class CreatePixQrPaymentRequest(WireModel):
    pix_qr_code: str
    callback_urls: PaymentRequestCallbackUrls | None = None
    customer_id: str | None = None
    is_sandbox: bool | None = None


class CreateAutomaticPixPaymentRequest(WireModel):
    recipient_id: str
    interval: str
    start_date: Day
    fixed_amount: Amount | None = None
    minimum_variable_amount: Amount | None = None
    maximum_variable_amount: Amount | None = None
    description: str | None = None
    expires_at: Day | None = None
    is_retry_accepted: bool | None = None
    first_payment: AutomaticPixFirstPayment | None = None
    automatic_retries_configuration: AutomaticPixRetriesConfiguration | None = None
    scheduler_configuration: AutomaticPixSchedulerConfiguration | None = None
    callback_urls: PaymentRequestCallbackUrls | None = None
    client_payment_id: str | None = None
    customer_id: str | None = None


class AutomaticPixPaymentErrorDetail(WireModel):
    code: str | None = None
    detail: str | None = None


class AutomaticPixPaymentAttempt(WireModel):
    id: str
    status: str | None = None
    end_to_end_id: str | None = None
    date: Day | None = None
    error_detail: AutomaticPixPaymentErrorDetail | None = None


class AutomaticPixPayment(WireModel):
    id: str
    status: str
    amount: Amount
    description: str | None = None
    date: Day | None = None
    end_to_end_id: str | None = None
    error_detail: AutomaticPixPaymentErrorDetail | None = None
    client_payment_id: str | None = None
    recipient_id: str | None = None
    is_first_payment: bool | None = None
    attempts: list[AutomaticPixPaymentAttempt] | None = None
    scheduled_status_reached: bool | None = None


class ScheduleAutomaticPixPayment(WireModel):
    amount: Amount
    date: Day
    description: str | None = None
    client_payment_id: str | None = None
    recipient_id: str | None = None


class SchedulePaymentErrorDetail(WireModel):
    code: str | None = None
    description: str | None = None
    detail: str | None = None


class SchedulePayment(WireModel):
    id: str
    description: str | None = None
    status: str
    scheduled_date: Day | None = None
    end_to_end_id: str | None = None
    error_detail: SchedulePaymentErrorDetail | None = None


# ---------------------------------------------------------------------------------------------- intents
class PixData(WireModel):
    value: str | None = None
    qr: str | None = None


class PaymentIntentErrorDetail(WireModel):
    code: str | None = None
    provider_code: str | None = None
    provider_title: str | None = None
    provider_detail: str | None = None


class PaymentIntentParameter(WireModel):
    cpf: str = Field(repr=False)
    cnpj: str | None = Field(default=None, repr=False)
    name: str | None = None


class PaymentIntent(WireModel):
    id: str
    status: str
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    payment_request: PaymentRequest | None = None
    connector: Connector | None = None
    consent_url: str | None = None
    reference_id: str | None = None
    payment_method: str | None = None
    pix_data: PixData | None = None
    debtor: Debtor | None = None
    error_detail: PaymentIntentErrorDetail | None = None


class CreatePaymentIntent(WireModel):
    payment_request_id: str | None = None
    parameters: PaymentIntentParameter | None = None
    connector_id: int | None = None
    payment_method: str | None = None
    is_dynamic_pix: bool | None = None


# ---------------------------------------------------------------------------------------------- smart transfers
class SmartTransferCallbackUrls(WireModel):
    success: str | None = None
    error: str | None = None


class SmartTransferPeriodicLimit(WireModel):
    quantity_limit: int | None = None
    transaction_limit: Amount | None = None


class SmartTransferPeriodicLimits(WireModel):
    day: SmartTransferPeriodicLimit | None = None
    week: SmartTransferPeriodicLimit | None = None
    month: SmartTransferPeriodicLimit | None = None
    year: SmartTransferPeriodicLimit | None = None


class SmartTransferConfiguration(WireModel):
    total_allowed_amount: Amount | None = None
    transaction_limit: Amount | None = None
    periodic_limits: SmartTransferPeriodicLimits | None = None


class SmartTransferDataConsent(WireModel):
    status: str | None = None
    rejection_reason: str | None = None
    updated_at: Timestamp | None = None


class SmartTransferErrorDetail(WireModel):
    code: str | None = None
    description: str | None = None
    detail: str | None = None


class SmartTransferPreauthorization(WireModel):
    id: str
    status: str
    consent_url: str | None = None
    client_preauthorization_id: str | None = None
    callback_urls: SmartTransferCallbackUrls | None = None
    recipients: list[PaymentRecipient] | None = None
    connector: Connector | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    configuration: SmartTransferConfiguration | None = None
    error_detail: SmartTransferErrorDetail | None = None
    data_consent: SmartTransferDataConsent | None = None
    debtor: Debtor | None = None


class SmartTransferPreauthorizationParameter(WireModel):
    cpf: str = Field(repr=False)
    cnpj: str | None = Field(default=None, repr=False)


class CreateSmartTransferPreauthorization(WireModel):
    connector_id: int
    parameters: SmartTransferPreauthorizationParameter
    recipient_ids: list[str]
    callback_urls: SmartTransferCallbackUrls | None = None
    client_preauthorization_id: str | None = None
    configuration: SmartTransferConfiguration | None = None
    linked_journey: bool | None = None


class SmartTransferOverdraft(WireModel):
    contracted: Amount | None = None
    used: Amount | None = None
    available: Amount | None = None


class SmartTransferPreauthorizationBalance(WireModel):
    balance: Amount
    overdraft: SmartTransferOverdraft | None = None


class SmartTransferPayment(WireModel):
    id: str
    preauthorization_id: str | None = None
    status: str
    amount: Amount
    description: str | None = None
    recipient: PaymentRecipient | None = None
    client_payment_id: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    error_detail: SmartTransferErrorDetail | None = None


class CreateSmartTransferPayment(WireModel):
    preauthorization_id: str
    recipient_id: str
    amount: Amount
    description: str | None = None
    client_payment_id: str | None = None


# ---------------------------------------------------------------------------------------------- boletos
class BoletoConnection(WireModel):
    id: str
    connector_id: int | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class BoletoFine(WireModel):
    value: Amount | None = None
    type: str | None = None


class IssuedBoletoPayer(WireModel):
    tax_number: str | None = Field(default=None, repr=False)
    person_type: str | None = None
    name: str | None = None
    address_street: str | None = None
    address_number: str | None = None
    address_complement: str | None = None
    address_neighborhood: str | None = None
    address_city: str | None = None
    address_state: str | None = None
    address_zip_code: str | None = None
    email: str | None = Field(default=None, repr=False)
    ddd: str | None = None
    phone_number: str | None = Field(default=None, repr=False)


class IssuedBoleto(WireModel):
    id: str
    amount: Amount
    status: str
    seu_numero: str | None = None
    due_date: Timestamp | None = None
    payer: IssuedBoletoPayer | None = None
    pix_qr: str | None = None
    digitable_line: str | None = None
    nosso_numero: str | None = None
    barcode: str | None = None
    boleto_connection_id: str | None = None
    created_at: Timestamp | None = None
    amount_paid: Amount | None = None
    payment_origin: str | None = None
    fine: BoletoFine | None = None
    interest: BoletoFine | None = None
    paid_at: Timestamp | None = None


class CreateBoletoPayer(WireModel):
    tax_number: str = Field(repr=False)
    name: str
    address_state: str
    address_zip_code: str
    address_street: str | None = None
    address_city: str | None = None


class CreateBoletoDetails(WireModel):
    seu_numero: str = Field(max_length=10)
    amount: Amount
    due_date: Day
    payer: CreateBoletoPayer
    fine: BoletoFine | None = None
    interest: BoletoFine | None = None


class CreateBoleto(WireModel):
    boleto_connection_id: str
    boleto: CreateBoletoDetails
