"""The whole schema, as it was on the day it was written (frozen DDL: later changes are later migrations).

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

STATEMENTS: tuple[str, ...] = (
    """
CREATE TABLE audit_log (
    id INTEGER NOT NULL,
    at VARCHAR(27) NOT NULL,
    action VARCHAR(40) NOT NULL,
    target TEXT,
    detail TEXT,
    app_version VARCHAR(20) NOT NULL,
    CONSTRAINT pk_audit_log PRIMARY KEY (id)
)
""",
    """
CREATE INDEX ix_audit_log_at ON audit_log (at)
""",
    """
CREATE TABLE categories (
    id VARCHAR(16) NOT NULL,
    name_en TEXT NOT NULL,
    name_pt TEXT,
    parent_id VARCHAR(16),
    parent_name_en TEXT,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_categories PRIMARY KEY (id)
)
""",
    """
CREATE INDEX ix_categories_parent_id ON categories (parent_id)
""",
    """
CREATE TABLE categorisation_rules (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    field VARCHAR(16) NOT NULL,
    match_type VARCHAR(16) NOT NULL,
    pattern TEXT NOT NULL,
    category_id VARCHAR(16) NOT NULL,
    account_id VARCHAR(36),
    transaction_type VARCHAR(10),
    amount_min VARCHAR,
    amount_max VARCHAR,
    priority INTEGER DEFAULT '100' NOT NULL,
    enabled BOOLEAN DEFAULT '1' NOT NULL,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    CONSTRAINT pk_categorisation_rules PRIMARY KEY (id),
    CONSTRAINT ck_categorisation_rules_field CHECK (field IN ('description', 'merchant')),
    CONSTRAINT ck_categorisation_rules_match_type CHECK (match_type IN ('exact', 'contains', 'startsWith', 'endsWith'))
)
""",
    """
CREATE TABLE connectors (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    type VARCHAR(40),
    country VARCHAR(2),
    institution_url TEXT,
    image_url TEXT,
    primary_color VARCHAR(16),
    has_mfa BOOLEAN,
    oauth BOOLEAN,
    is_open_finance BOOLEAN,
    is_sandbox BOOLEAN,
    products TEXT,
    health_status VARCHAR(20),
    supports_payment_initiation BOOLEAN,
    supports_scheduled_payments BOOLEAN,
    supports_smart_transfers BOOLEAN,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_connectors PRIMARY KEY (id)
)
""",
    """
CREATE TABLE items (
    id VARCHAR(36) NOT NULL,
    connector_id INTEGER NOT NULL,
    status VARCHAR(32) NOT NULL,
    execution_status VARCHAR(48) NOT NULL,
    error_code VARCHAR(64),
    error_message TEXT,
    error_provider_message TEXT,
    status_detail TEXT,
    user_action TEXT,
    products TEXT,
    consent_expires_at VARCHAR(27),
    last_updated_at VARCHAR(27),
    next_auto_sync_at VARCHAR(27),
    consecutive_failed_login_attempts INTEGER,
    client_user_id TEXT,
    created_at VARCHAR(27),
    updated_at VARCHAR(27),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_items PRIMARY KEY (id)
)
""",
    """
CREATE INDEX ix_items_connector_id ON items (connector_id)
""",
    """
CREATE TABLE payment_intents (
    id VARCHAR(36) NOT NULL,
    payment_request_id VARCHAR(36),
    status VARCHAR(40) NOT NULL,
    payment_method VARCHAR(8),
    connector_id INTEGER,
    consent_url TEXT,
    reference_id VARCHAR(128),
    error_code VARCHAR(64),
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_payment_intents PRIMARY KEY (id)
)
""",
    """
CREATE INDEX ix_payment_intents_payment_request_id ON payment_intents (payment_request_id)
""",
    """
CREATE TABLE payment_recipients (
    id VARCHAR(36) NOT NULL,
    name TEXT NOT NULL,
    tax_number VARCHAR(20),
    institution_name TEXT,
    institution_ispb VARCHAR(16),
    branch VARCHAR(16),
    account_number VARCHAR(32),
    account_type VARCHAR(24),
    pix_key TEXT,
    is_default BOOLEAN,
    created_at VARCHAR(27),
    updated_at VARCHAR(27),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_payment_recipients PRIMARY KEY (id)
)
""",
    """
CREATE TABLE payment_requests (
    id VARCHAR(36) NOT NULL,
    status VARCHAR(32) NOT NULL,
    amount VARCHAR,
    fees VARCHAR,
    description TEXT,
    client_payment_id VARCHAR(128),
    recipient_id VARCHAR(36),
    recipient_type VARCHAR(16),
    payment_url TEXT,
    pix_qr_code TEXT,
    schedule_type VARCHAR(10),
    error_code VARCHAR(64),
    is_sandbox BOOLEAN,
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_payment_requests PRIMARY KEY (id)
)
""",
    """
CREATE INDEX ix_payment_requests_recipient_id ON payment_requests (recipient_id)
""",
    """
CREATE TABLE scheduled_payments (
    id VARCHAR(36) NOT NULL,
    payment_request_id VARCHAR(36) NOT NULL,
    description TEXT,
    status VARCHAR(16) NOT NULL,
    scheduled_date DATE NOT NULL,
    end_to_end_id VARCHAR(64),
    error_code VARCHAR(64),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_scheduled_payments PRIMARY KEY (id)
)
""",
    """
CREATE INDEX ix_scheduled_payments_payment_request_id ON scheduled_payments (payment_request_id)
""",
    """
CREATE TABLE smart_transfer_payments (
    id VARCHAR(36) NOT NULL,
    preauthorization_id VARCHAR(36) NOT NULL,
    status VARCHAR(40) NOT NULL,
    amount VARCHAR NOT NULL,
    description TEXT,
    recipient_id VARCHAR(36),
    client_payment_id VARCHAR(128),
    error_code VARCHAR(64),
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_smart_transfer_payments PRIMARY KEY (id)
)
""",
    """
CREATE INDEX ix_smart_transfer_payments_preauthorization_id ON smart_transfer_payments (preauthorization_id)
""",
    """
CREATE TABLE smart_transfer_preauthorizations (
    id VARCHAR(36) NOT NULL,
    status VARCHAR(16) NOT NULL,
    connector_id INTEGER,
    client_preauthorization_id VARCHAR(128),
    consent_url TEXT,
    data_consent_status VARCHAR(32),
    created_at VARCHAR(27) NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_smart_transfer_preauthorizations PRIMARY KEY (id)
)
""",
    """
CREATE TABLE sync_runs (
    id INTEGER NOT NULL,
    item_id VARCHAR(36),
    "trigger" VARCHAR(16) NOT NULL,
    status VARCHAR(12) NOT NULL,
    started_at VARCHAR(27) NOT NULL,
    finished_at VARCHAR(27),
    error_code VARCHAR(64),
    error_message TEXT,
    counts TEXT,
    CONSTRAINT pk_sync_runs PRIMARY KEY (id),
    CONSTRAINT ck_sync_runs_status CHECK (status IN ('running', 'succeeded', 'partial', 'failed', 'cancelled'))
)
""",
    """
CREATE INDEX ix_sync_runs_item_id ON sync_runs (item_id)
""",
    """
CREATE TABLE webhook_events (
    event_id VARCHAR(128) NOT NULL,
    event VARCHAR(64) NOT NULL,
    item_id VARCHAR(36),
    triggered_by VARCHAR(16),
    payload TEXT NOT NULL,
    occurred_at VARCHAR(27),
    received_at VARCHAR(27) NOT NULL,
    processed_at VARCHAR(27),
    error TEXT,
    CONSTRAINT pk_webhook_events PRIMARY KEY (event_id)
)
""",
    """
CREATE INDEX ix_webhook_events_item_id ON webhook_events (item_id)
""",
    """
CREATE TABLE accounts (
    id VARCHAR(36) NOT NULL,
    item_id VARCHAR(36) NOT NULL,
    type VARCHAR(10) NOT NULL,
    subtype VARCHAR(20) NOT NULL,
    number VARCHAR(64),
    name TEXT NOT NULL,
    marketing_name TEXT,
    owner TEXT,
    tax_number VARCHAR(32),
    balance VARCHAR NOT NULL,
    currency_code VARCHAR(3) NOT NULL,
    transfer_number VARCHAR(64),
    closing_balance VARCHAR,
    automatically_invested_balance VARCHAR,
    overdraft_contracted_limit VARCHAR,
    overdraft_used_limit VARCHAR,
    unarranged_overdraft_amount VARCHAR,
    credit_level VARCHAR(40),
    credit_brand VARCHAR(40),
    credit_status VARCHAR(12),
    holder_type VARCHAR(12),
    balance_close_date VARCHAR(27),
    balance_due_date VARCHAR(27),
    credit_limit VARCHAR,
    available_credit_limit VARCHAR,
    minimum_payment VARCHAR,
    balance_foreign_currency VARCHAR,
    is_limit_flexible BOOLEAN,
    created_at VARCHAR(27),
    updated_at VARCHAR(27),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_accounts PRIMARY KEY (id),
    CONSTRAINT fk_accounts_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_accounts_item_id ON accounts (item_id)
""",
    """
CREATE TABLE consents (
    id VARCHAR(36) NOT NULL,
    item_id VARCHAR(36) NOT NULL,
    products TEXT NOT NULL,
    permissions TEXT,
    created_at VARCHAR(27) NOT NULL,
    expires_at VARCHAR(27),
    revoked_at VARCHAR(27),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_consents PRIMARY KEY (id),
    CONSTRAINT fk_consents_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_consents_item_id ON consents (item_id)
""",
    """
CREATE TABLE identities (
    id VARCHAR(36) NOT NULL,
    item_id VARCHAR(36) NOT NULL,
    full_name TEXT,
    social_name TEXT,
    document VARCHAR(32),
    document_type VARCHAR(8),
    tax_number VARCHAR(32),
    birth_date VARCHAR(27),
    job_title TEXT,
    company_name TEXT,
    emails TEXT,
    phone_numbers TEXT,
    addresses TEXT,
    created_at VARCHAR(27),
    updated_at VARCHAR(27),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_identities PRIMARY KEY (id),
    CONSTRAINT fk_identities_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_identities_item_id ON identities (item_id)
""",
    """
CREATE TABLE investments (
    id VARCHAR(36) NOT NULL,
    item_id VARCHAR(36) NOT NULL,
    type VARCHAR(16) NOT NULL,
    subtype VARCHAR(24),
    name TEXT NOT NULL,
    number VARCHAR(64),
    code VARCHAR(32),
    isin VARCHAR(16),
    status VARCHAR(20),
    balance VARCHAR NOT NULL,
    amount VARCHAR,
    quantity VARCHAR,
    value VARCHAR,
    amount_profit VARCHAR,
    amount_withdrawal VARCHAR,
    amount_original VARCHAR,
    taxes VARCHAR,
    taxes2 VARCHAR,
    currency_code VARCHAR(3) NOT NULL,
    date VARCHAR(27),
    due_date VARCHAR(27),
    issue_date VARCHAR(27),
    purchase_date VARCHAR(27),
    issuer TEXT,
    issuer_cnpj VARCHAR(20),
    owner TEXT,
    rate VARCHAR,
    rate_type VARCHAR(24),
    fixed_annual_rate VARCHAR,
    last_month_rate VARCHAR,
    last_twelve_months_rate VARCHAR,
    annual_rate VARCHAR,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_investments PRIMARY KEY (id),
    CONSTRAINT fk_investments_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_investments_item_id ON investments (item_id)
""",
    """
CREATE TABLE loans (
    id VARCHAR(36) NOT NULL,
    item_id VARCHAR(36) NOT NULL,
    contract_number VARCHAR(64),
    product_name TEXT NOT NULL,
    type VARCHAR(64),
    kind VARCHAR(32) NOT NULL,
    date VARCHAR(27) NOT NULL,
    contract_date VARCHAR(27),
    contract_amount VARCHAR,
    currency_code VARCHAR(3) NOT NULL,
    due_date VARCHAR(27),
    first_installment_due_date VARCHAR(27),
    installment_periodicity VARCHAR(32),
    amortization_scheduled VARCHAR(32),
    cet VARCHAR,
    total_installments INTEGER,
    paid_installments INTEGER,
    due_installments INTEGER,
    past_due_installments INTEGER,
    outstanding_balance VARCHAR,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_loans PRIMARY KEY (id),
    CONSTRAINT fk_loans_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_loans_item_id ON loans (item_id)
""",
    """
CREATE TABLE sync_checkpoints (
    item_id VARCHAR(36) NOT NULL,
    resource VARCHAR(40) NOT NULL,
    scope VARCHAR(80) NOT NULL,
    cursor TEXT,
    window_from VARCHAR(27),
    state TEXT,
    run_id INTEGER,
    updated_at VARCHAR(27) NOT NULL,
    CONSTRAINT pk_sync_checkpoints PRIMARY KEY (item_id, resource, scope),
    CONSTRAINT fk_sync_checkpoints_run_id_sync_runs FOREIGN KEY(run_id) REFERENCES sync_runs (id) ON DELETE SET NULL
)
""",
    """
CREATE TABLE bills (
    id VARCHAR(64) NOT NULL,
    account_id VARCHAR(36) NOT NULL,
    due_date VARCHAR(27) NOT NULL,
    closing_date VARCHAR(27),
    total_amount VARCHAR NOT NULL,
    currency_code VARCHAR(3) NOT NULL,
    minimum_payment_amount VARCHAR,
    allows_installments BOOLEAN,
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_bills PRIMARY KEY (id),
    CONSTRAINT fk_bills_account_id_accounts FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_bills_account_id ON bills (account_id)
""",
    """
CREATE TABLE investment_transactions (
    id VARCHAR(64) NOT NULL,
    investment_id VARCHAR(36) NOT NULL,
    type VARCHAR(16) NOT NULL,
    movement_type VARCHAR(8),
    date VARCHAR(27) NOT NULL,
    trade_date VARCHAR(27),
    quantity VARCHAR,
    value VARCHAR,
    amount VARCHAR,
    net_amount VARCHAR,
    description TEXT,
    brokerage_number VARCHAR(64),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_investment_transactions PRIMARY KEY (id),
    CONSTRAINT fk_investment_transactions_investment_id_investments
        FOREIGN KEY(investment_id) REFERENCES investments (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_investment_transactions_investment_id ON investment_transactions (investment_id)
""",
    """
CREATE TABLE loan_installments (
    loan_id VARCHAR(36) NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR(12) NOT NULL,
    installment_id VARCHAR(64),
    due_date VARCHAR(27),
    paid_date VARCHAR(27),
    amount VARCHAR,
    currency_code VARCHAR(3),
    is_over_parcel BOOLEAN,
    CONSTRAINT pk_loan_installments PRIMARY KEY (loan_id, seq),
    CONSTRAINT fk_loan_installments_loan_id_loans FOREIGN KEY(loan_id) REFERENCES loans (id) ON DELETE CASCADE
)
""",
    """
CREATE TABLE transactions (
    id INTEGER NOT NULL,
    pluggy_id VARCHAR(64) NOT NULL,
    account_id VARCHAR(36) NOT NULL,
    date VARCHAR(27) NOT NULL,
    description TEXT NOT NULL,
    description_raw TEXT,
    amount VARCHAR NOT NULL,
    currency_code VARCHAR(3) NOT NULL,
    amount_in_account_currency VARCHAR,
    balance VARCHAR,
    status VARCHAR(10) NOT NULL,
    type VARCHAR(10),
    category_id VARCHAR(16),
    category TEXT,
    operation_type VARCHAR(64),
    operation_type_additional_info TEXT,
    provider_code VARCHAR(64),
    bank_provider_id VARCHAR(128),
    order_in_day INTEGER,
    merchant_name TEXT,
    merchant_business_name TEXT,
    merchant_cnpj VARCHAR(20),
    merchant_cnae VARCHAR(16),
    merchant_category TEXT,
    payment_method VARCHAR(16),
    payment_reference_number TEXT,
    payment_reason TEXT,
    payment_receiver_reference_id TEXT,
    payment_authentication_code TEXT,
    payer_name TEXT,
    payer_document_type VARCHAR(4),
    payer_document VARCHAR(20),
    payer_account_number VARCHAR(32),
    payer_branch_number VARCHAR(16),
    payer_routing_number VARCHAR(16),
    payer_ispb VARCHAR(16),
    receiver_name TEXT,
    receiver_document_type VARCHAR(4),
    receiver_document VARCHAR(20),
    receiver_account_number VARCHAR(32),
    receiver_branch_number VARCHAR(16),
    receiver_routing_number VARCHAR(16),
    receiver_ispb VARCHAR(16),
    boleto_digitable_line TEXT,
    card_installment_number INTEGER,
    card_total_installments INTEGER,
    card_total_amount VARCHAR,
    card_bill_id VARCHAR(64),
    card_number VARCHAR(32),
    card_purchase_date VARCHAR(27),
    card_payee_mcc INTEGER,
    card_payment_type VARCHAR(16),
    card_fee_type VARCHAR(40),
    created_at VARCHAR(27),
    updated_at VARCHAR(27),
    raw TEXT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    first_seen_at VARCHAR(27) NOT NULL,
    last_seen_at VARCHAR(27) NOT NULL,
    removed_at VARCHAR(27),
    CONSTRAINT pk_transactions PRIMARY KEY (id),
    CONSTRAINT uq_transactions_pluggy_id UNIQUE (pluggy_id),
    CONSTRAINT fk_transactions_account_id_accounts FOREIGN KEY(account_id) REFERENCES accounts (id) ON DELETE CASCADE
)
""",
    """
CREATE INDEX ix_transactions_account_date ON transactions (account_id, date, id)
""",
    """
CREATE INDEX ix_transactions_card_bill_id ON transactions (card_bill_id)
""",
    """
CREATE INDEX ix_transactions_date ON transactions (date, id)
""",
    """
CREATE TABLE bill_finance_charges (
    bill_id VARCHAR(64) NOT NULL,
    id VARCHAR(64) NOT NULL,
    type VARCHAR(48) NOT NULL,
    amount VARCHAR NOT NULL,
    currency_code VARCHAR(3) NOT NULL,
    additional_info TEXT,
    CONSTRAINT pk_bill_finance_charges PRIMARY KEY (bill_id, id),
    CONSTRAINT fk_bill_finance_charges_bill_id_bills FOREIGN KEY(bill_id) REFERENCES bills (id) ON DELETE CASCADE
)
""",
    """
CREATE TABLE bill_payments (
    bill_id VARCHAR(64) NOT NULL,
    id VARCHAR(64) NOT NULL,
    value_type VARCHAR(24) NOT NULL,
    payment_date VARCHAR(27) NOT NULL,
    payment_mode VARCHAR(24),
    amount VARCHAR NOT NULL,
    currency_code VARCHAR(3) NOT NULL,
    CONSTRAINT pk_bill_payments PRIMARY KEY (bill_id, id),
    CONSTRAINT fk_bill_payments_bill_id_bills FOREIGN KEY(bill_id) REFERENCES bills (id) ON DELETE CASCADE
)
""",
    """
CREATE TABLE transaction_edits (
    transaction_id INTEGER NOT NULL,
    category_id VARCHAR(16),
    note TEXT,
    tags TEXT,
    ignored BOOLEAN DEFAULT '0' NOT NULL,
    updated_at VARCHAR(27) NOT NULL,
    CONSTRAINT pk_transaction_edits PRIMARY KEY (transaction_id),
    CONSTRAINT fk_transaction_edits_transaction_id_transactions
        FOREIGN KEY(transaction_id) REFERENCES transactions (id) ON DELETE CASCADE
)
""",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("FinanceHub never downgrades a store: restore a backup instead")
