"""Categorisation rules also match the counterpart's CPF/CNPJ and the payment method; rule results are kept apart
from the user's own category in ``transaction_edits`` (``rule_category_id``, ``rule_id``); an index on
``transactions.last_seen_at`` finds what a sync wrote.

SQLite cannot change a CHECK constraint in place, so ``categorisation_rules`` is rebuilt (same columns, same rows);
nothing references it, so the rebuild needs no foreign-key juggling.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE categorisation_rules_new (
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
    CONSTRAINT ck_categorisation_rules_field
        CHECK (field IN ('description', 'merchant', 'document', 'payment_method')),
    CONSTRAINT ck_categorisation_rules_match_type CHECK (match_type IN ('exact', 'contains', 'startsWith', 'endsWith'))
)
"""
    )
    op.execute(
        """
INSERT INTO categorisation_rules_new (id, name, field, match_type, pattern, category_id, account_id, transaction_type,
                                      amount_min, amount_max, priority, enabled, created_at, updated_at)
SELECT id, name, field, match_type, pattern, category_id, account_id, transaction_type,
       amount_min, amount_max, priority, enabled, created_at, updated_at
FROM categorisation_rules
"""
    )
    op.execute("DROP TABLE categorisation_rules")
    op.execute("ALTER TABLE categorisation_rules_new RENAME TO categorisation_rules")
    op.execute("ALTER TABLE transaction_edits ADD COLUMN rule_category_id VARCHAR(16)")
    op.execute("ALTER TABLE transaction_edits ADD COLUMN rule_id INTEGER")
    # After a sync the rules look only at the transactions it wrote (``last_seen_at`` >= the sync's start).
    op.execute("CREATE INDEX ix_transactions_last_seen_at ON transactions (last_seen_at)")


def downgrade() -> None:
    raise NotImplementedError("FinanceHub never downgrades a store: restore a backup instead")
