"""The provider side of the schema: what Pluggy sends, one table per resource (SQLAlchemy Core).

Every provider table carries the same bookkeeping columns:

- ``raw``: the provider's whole record as canonical JSON (nothing the API adds is ever lost);
- ``content_hash``: SHA-256 of the record's stored fields; an upsert changes a row only when it differs, so a re-sync
  of unchanged data writes nothing;
- ``first_seen_at``: when the row first arrived; ``last_seen_at``: when it last arrived *with a change* (or came back
  after a removal): unchanged re-syncs do not touch it, which is what keeps them free of writes;
- ``removed_at``: set when the provider no longer has the record ("removed upstream"); the row is hidden, not erased.

Pluggy's ids (UUID strings; connector ids are integers) are the primary keys, except for transactions, which get a local
integer key (stable rowid for the full-text index and the user's edits) and keep Pluggy's id in ``pluggy_id``.
The user's own data (edits, rules), the sync journal and the audit log are in ``schema_local``.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from .types import DecimalText, JsonText, UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


def _bookkeeping() -> list[Column[object]]:
    return [
        Column("raw", JsonText, nullable=False),
        Column("content_hash", String(64), nullable=False),
        Column("first_seen_at", UtcDateTime, nullable=False),
        Column("last_seen_at", UtcDateTime, nullable=False),
        Column("removed_at", UtcDateTime),
    ]


connectors = Table(
    "connectors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("type", String(40)),
    Column("country", String(2)),
    Column("institution_url", Text),
    Column("image_url", Text),
    Column("primary_color", String(16)),
    Column("has_mfa", Boolean),
    Column("oauth", Boolean),
    Column("is_open_finance", Boolean),
    Column("is_sandbox", Boolean),
    Column("products", JsonText),
    Column("health_status", String(20)),
    Column("supports_payment_initiation", Boolean),
    Column("supports_scheduled_payments", Boolean),
    Column("supports_smart_transfers", Boolean),
    *_bookkeeping(),
)

items = Table(
    "items",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("connector_id", Integer, nullable=False, index=True),
    Column("status", String(32), nullable=False),
    Column("execution_status", String(48), nullable=False),
    Column("error_code", String(64)),
    Column("error_message", Text),
    Column("error_provider_message", Text),
    Column("status_detail", JsonText),
    Column("user_action", JsonText),
    Column("products", JsonText),
    Column("consent_expires_at", UtcDateTime),
    Column("last_updated_at", UtcDateTime),
    Column("next_auto_sync_at", UtcDateTime),
    Column("consecutive_failed_login_attempts", Integer),
    Column("client_user_id", Text),
    Column("created_at", UtcDateTime),
    Column("updated_at", UtcDateTime),
    *_bookkeeping(),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("item_id", String(36), ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(10), nullable=False),
    Column("subtype", String(20), nullable=False),
    Column("number", String(64)),
    Column("name", Text, nullable=False),
    Column("marketing_name", Text),
    Column("owner", Text),
    Column("tax_number", String(32)),
    Column("balance", DecimalText, nullable=False),
    Column("currency_code", String(3), nullable=False),
    # bank data
    Column("transfer_number", String(64)),
    Column("closing_balance", DecimalText),
    Column("automatically_invested_balance", DecimalText),
    Column("overdraft_contracted_limit", DecimalText),
    Column("overdraft_used_limit", DecimalText),
    Column("unarranged_overdraft_amount", DecimalText),
    # credit data
    Column("credit_level", String(40)),
    Column("credit_brand", String(40)),
    Column("credit_status", String(12)),
    Column("holder_type", String(12)),
    Column("balance_close_date", UtcDateTime),
    Column("balance_due_date", UtcDateTime),
    Column("credit_limit", DecimalText),
    Column("available_credit_limit", DecimalText),
    Column("minimum_payment", DecimalText),
    Column("balance_foreign_currency", DecimalText),
    Column("is_limit_flexible", Boolean),
    Column("created_at", UtcDateTime),
    Column("updated_at", UtcDateTime),
    *_bookkeeping(),
)

transactions = Table(
    "transactions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pluggy_id", String(64), nullable=False, unique=True),
    Column("account_id", String(36), ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("date", UtcDateTime, nullable=False),
    Column("description", Text, nullable=False),
    Column("description_raw", Text),
    Column("amount", DecimalText, nullable=False),
    Column("currency_code", String(3), nullable=False),
    Column("amount_in_account_currency", DecimalText),
    Column("balance", DecimalText),
    Column("status", String(10), nullable=False),
    Column("type", String(10)),
    Column("category_id", String(16)),
    Column("category", Text),
    Column("operation_type", String(64)),
    Column("operation_type_additional_info", Text),
    Column("provider_code", String(64)),
    Column("bank_provider_id", String(128)),  # Pluggy's ``providerId``: the institution's own id
    Column("order_in_day", Integer),
    # merchant
    Column("merchant_name", Text),
    Column("merchant_business_name", Text),
    Column("merchant_cnpj", String(20)),
    Column("merchant_cnae", String(16)),
    Column("merchant_category", Text),
    # payment data (PIX, TED, boleto...)
    Column("payment_method", String(16)),
    Column("payment_reference_number", Text),
    Column("payment_reason", Text),
    Column("payment_receiver_reference_id", Text),  # e.g. the PIX end-to-end id
    Column("payment_authentication_code", Text),
    Column("payer_name", Text),
    Column("payer_document_type", String(4)),
    Column("payer_document", String(20)),
    Column("payer_account_number", String(32)),
    Column("payer_branch_number", String(16)),
    Column("payer_routing_number", String(16)),
    Column("payer_ispb", String(16)),
    Column("receiver_name", Text),
    Column("receiver_document_type", String(4)),
    Column("receiver_document", String(20)),
    Column("receiver_account_number", String(32)),
    Column("receiver_branch_number", String(16)),
    Column("receiver_routing_number", String(16)),
    Column("receiver_ispb", String(16)),
    Column("boleto_digitable_line", Text),
    # credit-card metadata
    Column("card_installment_number", Integer),
    Column("card_total_installments", Integer),
    Column("card_total_amount", DecimalText),
    Column("card_bill_id", String(64), index=True),
    Column("card_number", String(32)),
    Column("card_purchase_date", UtcDateTime),
    Column("card_payee_mcc", Integer),
    Column("card_payment_type", String(16)),
    Column("card_fee_type", String(40)),
    Column("created_at", UtcDateTime),
    Column("updated_at", UtcDateTime),
    *_bookkeeping(),
    Index("ix_transactions_account_date", "account_id", "date", "id"),
    Index("ix_transactions_date", "date", "id"),
    Index("ix_transactions_last_seen_at", "last_seen_at"),  # what a sync wrote (0004: rules applied after a sync)
)

categories = Table(
    "categories",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_pt", Text),
    Column("parent_id", String(16), index=True),
    Column("parent_name_en", Text),
    *_bookkeeping(),
)

identities = Table(
    "identities",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("item_id", String(36), ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("full_name", Text),
    Column("social_name", Text),
    Column("document", String(32)),
    Column("document_type", String(8)),
    Column("tax_number", String(32)),
    Column("birth_date", UtcDateTime),
    Column("job_title", Text),
    Column("company_name", Text),
    Column("emails", JsonText),
    Column("phone_numbers", JsonText),
    Column("addresses", JsonText),
    Column("created_at", UtcDateTime),
    Column("updated_at", UtcDateTime),
    *_bookkeeping(),
)

investments = Table(
    "investments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("item_id", String(36), ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(16), nullable=False),
    Column("subtype", String(24)),
    Column("name", Text, nullable=False),
    Column("number", String(64)),
    Column("code", String(32)),
    Column("isin", String(16)),
    Column("status", String(20)),
    Column("balance", DecimalText, nullable=False),
    Column("amount", DecimalText),
    Column("quantity", DecimalText),
    Column("value", DecimalText),
    Column("amount_profit", DecimalText),
    Column("amount_withdrawal", DecimalText),
    Column("amount_original", DecimalText),
    Column("taxes", DecimalText),
    Column("taxes2", DecimalText),
    Column("currency_code", String(3), nullable=False),
    Column("date", UtcDateTime),
    Column("due_date", UtcDateTime),
    Column("issue_date", UtcDateTime),
    Column("purchase_date", UtcDateTime),
    Column("issuer", Text),
    Column("issuer_cnpj", String(20)),
    Column("owner", Text),
    Column("rate", DecimalText),
    Column("rate_type", String(24)),
    Column("fixed_annual_rate", DecimalText),
    Column("last_month_rate", DecimalText),
    Column("last_twelve_months_rate", DecimalText),
    Column("annual_rate", DecimalText),
    *_bookkeeping(),
)

investment_transactions = Table(
    "investment_transactions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column(
        "investment_id",
        String(36),
        ForeignKey("investments.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("type", String(16), nullable=False),
    Column("movement_type", String(8)),
    Column("date", UtcDateTime, nullable=False),
    Column("trade_date", UtcDateTime),
    Column("quantity", DecimalText),
    Column("value", DecimalText),
    Column("amount", DecimalText),
    Column("net_amount", DecimalText),
    Column("description", Text),
    Column("brokerage_number", String(64)),
    *_bookkeeping(),
)

bills = Table(
    "bills",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("account_id", String(36), ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("due_date", UtcDateTime, nullable=False),
    Column("closing_date", UtcDateTime),
    Column("total_amount", DecimalText, nullable=False),
    Column("currency_code", String(3), nullable=False),
    Column("minimum_payment_amount", DecimalText),
    Column("allows_installments", Boolean),
    *_bookkeeping(),
)

bill_finance_charges = Table(
    "bill_finance_charges",
    metadata,
    Column("bill_id", String(64), ForeignKey("bills.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("type", String(48), nullable=False),
    Column("amount", DecimalText, nullable=False),
    Column("currency_code", String(3), nullable=False),
    Column("additional_info", Text),
)

bill_payments = Table(
    "bill_payments",
    metadata,
    Column("bill_id", String(64), ForeignKey("bills.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("value_type", String(24), nullable=False),
    Column("payment_date", UtcDateTime, nullable=False),
    Column("payment_mode", String(24)),
    Column("amount", DecimalText, nullable=False),
    Column("currency_code", String(3), nullable=False),
)

loans = Table(
    "loans",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("item_id", String(36), ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("contract_number", String(64)),
    Column("product_name", Text, nullable=False),
    Column("type", String(64)),
    Column("kind", String(32), nullable=False),
    Column("date", UtcDateTime, nullable=False),
    Column("contract_date", UtcDateTime),
    Column("contract_amount", DecimalText),
    Column("currency_code", String(3), nullable=False),
    Column("due_date", UtcDateTime),
    Column("first_installment_due_date", UtcDateTime),
    Column("installment_periodicity", String(32)),
    Column("amortization_scheduled", String(32)),
    Column("cet", DecimalText),
    Column("total_installments", Integer),
    Column("paid_installments", Integer),
    Column("due_installments", Integer),
    Column("past_due_installments", Integer),
    Column("outstanding_balance", DecimalText),
    *_bookkeeping(),
)

loan_installments = Table(
    "loan_installments",
    metadata,
    Column("loan_id", String(36), ForeignKey("loans.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(12), nullable=False),  # "payment" (a paid release) or "balloon" (a scheduled balloon)
    Column("installment_id", String(64)),
    Column("due_date", UtcDateTime),
    Column("paid_date", UtcDateTime),
    Column("amount", DecimalText),
    Column("currency_code", String(3)),
    Column("is_over_parcel", Boolean),
)

consents = Table(
    "consents",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("item_id", String(36), ForeignKey("items.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("products", JsonText, nullable=False),
    Column("permissions", JsonText),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
    *_bookkeeping(),
)

payment_recipients = Table(
    "payment_recipients",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    Column("tax_number", String(20)),
    Column("institution_name", Text),
    Column("institution_ispb", String(16)),
    Column("branch", String(16)),
    Column("account_number", String(32)),
    Column("account_type", String(24)),
    Column("pix_key", Text),
    Column("is_default", Boolean),
    Column("created_at", UtcDateTime),
    Column("updated_at", UtcDateTime),
    *_bookkeeping(),
)

payment_requests = Table(
    "payment_requests",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("status", String(32), nullable=False),
    Column("amount", DecimalText),
    Column("fees", DecimalText),
    Column("description", Text),
    Column("client_payment_id", String(128)),
    Column("recipient_id", String(36), index=True),
    Column("recipient_type", String(16)),
    Column("payment_url", Text),
    Column("pix_qr_code", Text),
    Column("schedule_type", String(10)),
    Column("error_code", String(64)),
    Column("is_sandbox", Boolean),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    *_bookkeeping(),
)

payment_intents = Table(
    "payment_intents",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("payment_request_id", String(36), index=True),
    Column("status", String(40), nullable=False),
    Column("payment_method", String(8)),
    Column("connector_id", Integer),
    Column("consent_url", Text),
    Column("reference_id", String(128)),
    Column("error_code", String(64)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    *_bookkeeping(),
)

scheduled_payments = Table(
    "scheduled_payments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("payment_request_id", String(36), nullable=False, index=True),
    Column("description", Text),
    Column("status", String(16), nullable=False),
    Column("scheduled_date", Date, nullable=False),
    Column("end_to_end_id", String(64)),
    Column("error_code", String(64)),
    *_bookkeeping(),
)

smart_transfer_preauthorizations = Table(
    "smart_transfer_preauthorizations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("connector_id", Integer),
    Column("client_preauthorization_id", String(128)),
    Column("consent_url", Text),
    Column("data_consent_status", String(32)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    *_bookkeeping(),
)

smart_transfer_payments = Table(
    "smart_transfer_payments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("preauthorization_id", String(36), nullable=False, index=True),
    Column("status", String(40), nullable=False),
    Column("amount", DecimalText, nullable=False),
    Column("description", Text),
    Column("recipient_id", String(36)),
    Column("client_payment_id", String(128)),
    Column("error_code", String(64)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    *_bookkeeping(),
)

#: Provider tables whose rows carry the bookkeeping columns (upserted with a content hash).
PROVIDER_TABLES: tuple[Table, ...] = (
    connectors,
    items,
    accounts,
    transactions,
    categories,
    identities,
    investments,
    investment_transactions,
    bills,
    loans,
    consents,
    payment_recipients,
    payment_requests,
    payment_intents,
    scheduled_payments,
    smart_transfer_preauthorizations,
    smart_transfer_payments,
)
