"""Investments and their transactions, loans, identity, consents and the SCR report (§6.3, §6.7-6.10)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import Amount, Day, Timestamp, WireModel


# ---------------------------------------------------------------------------------------------- investments
class InvestmentExpenses(WireModel):
    service_tax: Amount | None = None
    brokerage_fee: Amount | None = None
    income_tax: Amount | None = None
    trading_assets_notice_fee: Amount | None = None
    maintenance_fee: Amount | None = None
    settlement_fee: Amount | None = None
    clearing_fee: Amount | None = None
    stock_exchange_fee: Amount | None = None
    custody_fee: Amount | None = None
    operating_fee: Amount | None = None
    other: Amount | None = None
    iof: Amount | None = None
    iof_provision: Amount | None = None


class InvestmentTransaction(WireModel):
    id: str
    type: str | None = None
    movement_type: str | None = None
    quantity: Amount | None = None
    value: Amount | None = None
    amount: Amount | None = None
    agreed_rate: Amount | None = None
    indexer_percentage: Amount | None = None
    price_factor: Amount | None = None
    date: Timestamp | None = None
    trade_date: Timestamp | None = None
    expenses: InvestmentExpenses | None = None
    description: str | None = None
    net_amount: Amount | None = None
    brokerage_number: str | None = None


class InlineInvestmentTransaction(InvestmentTransaction):
    """The deprecated ``Investment.transactions`` rows, which may come without an id."""

    id: str | None = None  # type: ignore[assignment]


class Company(WireModel):
    name: str | None = None
    cnpj: str | None = None


class InvestmentMetadata(WireModel):
    tax_regime: str | None = None
    proposal_number: str | None = None
    process_number: str | None = None
    fund_name: str | None = None
    insurer: Company | None = None
    anbima_class: str | None = None
    anbima_subclass: str | None = None
    anbima_category: str | None = None


class InvestmentDebtor(WireModel):
    name: str | None = None


class InvestmentCouponPayment(WireModel):
    has_coupon: bool | None = None
    periodicity: str | None = None
    additional_info: str | None = None


class InvestmentInstitution(WireModel):
    name: str | None = None
    number: str | None = None


class Investment(WireModel):
    id: str
    item_id: str | None = None
    type: str
    subtype: str | None = None
    number: str | None = None
    balance: Amount
    name: str | None = None
    last_month_rate: Amount | None = None
    last_twelve_months_rate: Amount | None = None
    annual_rate: Amount | None = None
    currency_code: str
    code: str | None = None
    isin: str | None = None
    value: Amount | None = None
    quantity: Amount | None = None
    amount: Amount | None = None
    taxes: Amount | None = None
    taxes2: Amount | None = None
    date: Timestamp | None = None
    owner: str | None = None
    amount_profit: Amount | None = None
    amount_withdrawal: Amount | None = None
    amount_original: Amount | None = None
    metadata: InvestmentMetadata | None = None
    due_date: Timestamp | None = None
    issuer: str | None = None
    issuer_cnpj: str | None = Field(default=None, alias="issuerCNPJ")
    issue_date: Timestamp | None = None
    purchase_date: Timestamp | None = None
    grace_period_date: Timestamp | None = None
    rate: Amount | None = None
    rate_type: str | None = None
    fixed_annual_rate: Amount | None = None
    tax_exempt: bool | None = None
    rate_periodicity: str | None = None
    indexer_additional_info: str | None = None
    price_factor: Amount | None = None
    debtor: InvestmentDebtor | None = None
    coupon_payment: InvestmentCouponPayment | None = None
    status: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    institution: InvestmentInstitution | None = None
    transactions: list[InlineInvestmentTransaction] | None = None


# ---------------------------------------------------------------------------------------------- loans
class LoanInterestRate(WireModel):
    tax_type: str | None = None
    interest_rate_type: str | None = None
    tax_periodicity: str | None = None
    calculation: str | None = None
    referential_rate_indexer_type: str | None = None
    referential_rate_indexer_sub_type: str | None = None
    referential_rate_indexer_additional_info: str | None = None
    pre_fixed_rate: Amount | None = None
    post_fixed_rate: Amount | None = None
    additional_info: str | None = None


class LoanContractedFee(WireModel):
    name: str | None = None
    code: str | None = None
    charge_type: str | None = None
    charge: str | None = None
    amount: Amount | None = None
    rate: Amount | None = None


class LoanContractedFinanceCharge(WireModel):
    type: str | None = None
    additional_info: str | None = None
    rate: Amount | None = None


class LoanWarranty(WireModel):
    currency_code: str | None = None
    type: str | None = None
    subtype: str | None = None
    amount: Amount | None = None


class LoanInstallmentBalloonPaymentAmount(WireModel):
    value: Amount | None = None
    currency_code: str | None = None


class LoanInstallmentBalloonPayment(WireModel):
    due_date: Timestamp | None = None
    amount: LoanInstallmentBalloonPaymentAmount | None = None


class LoanInstallments(WireModel):
    type_number_of_installments: str | None = None
    total_number_of_installments: Amount | None = None
    type_contract_remaining: str | None = None
    contract_remaining_number: Amount | None = None
    paid_installments: Amount | None = None
    due_installments: Amount | None = None
    past_due_installments: Amount | None = None
    balloon_payments: list[LoanInstallmentBalloonPayment] | None = None


class LoanPaymentReleaseOverParcelFee(WireModel):
    name: str | None = None
    code: str | None = None
    amount: Amount | None = None


class LoanPaymentReleaseOverParcelCharge(WireModel):
    type: str | None = None
    additional_info: str | None = None
    amount: Amount | None = None


class LoanPaymentReleaseOverParcel(WireModel):
    fees: list[LoanPaymentReleaseOverParcelFee] | None = None
    charges: list[LoanPaymentReleaseOverParcelCharge] | None = None


class LoanPaymentRelease(WireModel):
    is_over_parcel_payment: bool | None = None
    installment_id: str | None = None
    paid_date: Timestamp | None = None
    currency_code: str | None = None
    paid_amount: Amount | None = None
    over_parcel: LoanPaymentReleaseOverParcel | None = None


class LoanPayments(WireModel):
    contract_outstanding_balance: Amount | None = None
    releases: list[LoanPaymentRelease] | None = None


class Loan(WireModel):
    id: str
    item_id: str | None = None
    contract_number: str | None = None
    ipoc_code: str | None = None
    product_name: str | None = None
    type: str | None = None
    kind: str | None = None
    date: Timestamp | None = None
    contract_date: Timestamp | None = None
    disbursement_dates: list[Day] | None = None
    settlement_date: Timestamp | None = None
    contract_amount: Amount | None = None
    currency_code: str | None = None
    due_date: Timestamp | None = None
    installment_periodicity: str | None = None
    installment_periodicity_additional_info: str | None = None
    first_installment_due_date: Timestamp | None = None
    cet: Amount | None = Field(default=None, alias="CET")
    amortization_scheduled: str | None = None
    amortization_scheduled_additional_info: str | None = None
    cnpj_consignee: str | None = None
    interest_rates: list[LoanInterestRate] | None = None
    contracted_fees: list[LoanContractedFee] | None = None
    contracted_finance_charges: list[LoanContractedFinanceCharge] | None = None
    warranties: list[LoanWarranty] | None = None
    installments: LoanInstallments | None = None
    payments: LoanPayments | None = None


# ---------------------------------------------------------------------------------------------- identity
class PhoneNumber(WireModel):
    type: str | None = None
    value: str | None = Field(default=None, repr=False)
    country_calling_code: str | None = None
    area_code: str | None = None
    extension: str | None = None
    additional_info: str | None = None


class Email(WireModel):
    type: str | None = None
    value: str | None = Field(default=None, repr=False)


class GeographicCoordinates(WireModel):
    latitude: Amount | None = None
    longitude: Amount | None = None


class Address(WireModel):
    full_address: str | None = Field(default=None, repr=False)
    primary_address: str | None = Field(default=None, repr=False)
    city: str | None = None
    postal_code: str | None = None
    state: str | None = None
    country: str | None = None
    type: str | None = None
    additional_info: str | None = None
    district: str | None = None
    ibge_town_code: str | None = None
    country_code: str | None = None
    geographic_coordinates: GeographicCoordinates | None = None


class IdentityRelation(WireModel):
    type: str | None = None
    name: str | None = None
    document: str | None = Field(default=None, repr=False)


class MaritalStatus(WireModel):
    code: str | None = None
    additional_info: str | None = None


class NationalityDocument(WireModel):
    type: str | None = None
    number: str | None = Field(default=None, repr=False)
    country: str | None = None
    issue_date: Timestamp | None = None
    expiration_date: Timestamp | None = None
    additional_info: str | None = None


class OtherNationality(WireModel):
    country_code: str | None = None
    documents: list[NationalityDocument] | None = None


class Nationality(WireModel):
    has_brazilian_nationality: bool | None = None
    other_nationalities: list[OtherNationality] | None = None


class OtherDocument(WireModel):
    type: str | None = None
    type_additional_info: str | None = None
    number: str | None = Field(default=None, repr=False)
    check_digit: str | None = None
    additional_info: str | None = None
    expiration_date: Timestamp | None = None


class Passport(WireModel):
    number: str | None = Field(default=None, repr=False)
    country: str | None = None
    issue_date: Timestamp | None = None
    expiration_date: Timestamp | None = None


class BusinessParty(WireModel):
    type: str | None = None
    person_type: str | None = None
    document_type: str | None = None
    document_number: str | None = Field(default=None, repr=False)
    document_country: str | None = None
    document_expiration_date: Timestamp | None = None
    document_issue_date: Timestamp | None = None
    document_additional_info: str | None = None
    civil_name: str | None = None
    social_name: str | None = None
    company_name: str | None = None
    trade_name: str | None = None
    start_date: Timestamp | None = None
    shareholding: Amount | None = None


class BusinessOtherDocument(WireModel):
    type: str | None = None
    number: str | None = Field(default=None, repr=False)
    country: str | None = None
    expiration_date: Timestamp | None = None


class EconomicActivity(WireModel):
    code: str | None = None
    is_main: bool | None = None


class InformedIncome(WireModel):
    frequency: str | None = None
    amount: Amount | None = None
    date: Timestamp | None = None


class InformedPatrimony(WireModel):
    amount: Amount | None = None
    year: int | None = None
    date: Timestamp | None = None


class InformedRevenue(WireModel):
    amount: Amount | None = None
    frequency: str | None = None
    frequency_additional_info: str | None = None
    year: int | None = None


class Qualifications(WireModel):
    company_cnpj: str | None = None
    occupation_code: str | None = None
    occupation_description: str | None = None
    informed_income: InformedIncome | None = None
    informed_patrimony: InformedPatrimony | None = None
    economic_activities: list[EconomicActivity] | None = None
    informed_revenue: InformedRevenue | None = None


class Procurator(WireModel):
    type: str | None = None
    cpf_number: str | None = Field(default=None, repr=False)
    document_number: str | None = Field(default=None, repr=False)
    document_type: str | None = None
    civil_name: str | None = None
    social_name: str | None = None


class FinancialRelationshipAccount(WireModel):
    compe_code: str | None = None
    branch_code: str | None = None
    number: str | None = Field(default=None, repr=False)
    check_digit: str | None = None
    type: str | None = None
    subtype: str | None = None


class PortabilityReceived(WireModel):
    employer_name: str | None = None
    employer_document: str | None = None
    paycheck_bank_detainer_cnpj: str | None = None
    paycheck_bank_detainer_ispb: str | None = None
    portability_approval_date: Timestamp | None = None


class PaycheckBankLink(WireModel):
    employer_name: str | None = None
    employer_document: str | None = None
    paycheck_bank_cnpj: str | None = None
    paycheck_bank_ispb: str | None = None
    account_opening_date: Timestamp | None = None


class FinancialRelationships(WireModel):
    start_date: Timestamp | None = None
    products_services_type: list[str] | None = None
    products_services_type_additional_info: str | None = None
    procurators: list[Procurator] | None = None
    accounts: list[FinancialRelationshipAccount] | None = None
    portabilities_received: list[PortabilityReceived] | None = None
    paychecks_bank_link: list[PaycheckBankLink] | None = None


class IdentityResponse(WireModel):
    id: str
    item_id: str | None = None
    birth_date: Timestamp | None = None
    tax_number: str | None = Field(default=None, repr=False)
    document: str | None = Field(default=None, repr=False)
    document_type: str | None = None
    job_title: str | None = None
    full_name: str | None = None
    establishment_code: str | None = None
    establishment_name: str | None = None
    company_name: str | None = None
    phone_numbers: list[PhoneNumber] | None = None
    emails: list[Email] | None = None
    addresses: list[Address] | None = None
    relations: list[IdentityRelation] | None = None
    investor_profile: str | None = None
    qualifications: Qualifications | None = None
    financial_relationships: FinancialRelationships | None = None
    social_name: str | None = None
    sex: str | None = None
    marital_status: MaritalStatus | None = None
    nationality: Nationality | None = None
    other_documents: list[OtherDocument] | None = None
    passport: Passport | None = None
    incorporation_date: Timestamp | None = None
    parties: list[BusinessParty] | None = None
    business_other_documents: list[BusinessOtherDocument] | None = None
    companies_cnpj: list[str] | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


# ---------------------------------------------------------------------------------------------- consents, SCR
class Consent(WireModel):
    id: str
    item_id: str | None = None
    products: list[str] | None = None
    open_finance_permissions_granted: list[str] | None = None
    created_at: Timestamp | None = None
    expires_at: Timestamp | None = None
    revoked_at: Timestamp | None = None


class ScrResponse(WireModel):
    """Bacen's SCR credit report, kept with its raw Portuguese field names (nested parts stay plain JSON)."""

    dtb_consult: str | None = None
    cd_cli: str | None = None
    tp_cli: int | None = None
    ls_dtb: list[dict[str, Any]] | None = None
    lista_de_mensagens_de_validacao: list[dict[str, Any]] | None = None
