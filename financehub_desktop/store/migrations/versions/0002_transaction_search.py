"""Full-text search over transactions: description, merchant and the user's note, accent-insensitive.

FTS5 with ``unicode61 remove_diacritics 2``, so "cafe" finds "Café" and "acucar" finds "Açúcar". A regular (not
external-content) FTS table keyed by the transaction's local id, kept in step by triggers on ``transactions`` and
``transaction_edits``; rows already in the store are indexed by this migration.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

_DESCRIPTION = "new.description || ' ' || coalesce(new.description_raw, '')"
_MERCHANT = "coalesce(new.merchant_name, '') || ' ' || coalesce(new.merchant_business_name, '')"

STATEMENTS: tuple[str, ...] = (
    """
CREATE VIRTUAL TABLE transactions_fts USING fts5(
    description, merchant, note, tokenize = 'unicode61 remove_diacritics 2'
)
""",
    f"""
CREATE TRIGGER transactions_fts_insert AFTER INSERT ON transactions BEGIN
    INSERT INTO transactions_fts (rowid, description, merchant, note)
    VALUES (new.id, {_DESCRIPTION}, {_MERCHANT},
            (SELECT note FROM transaction_edits WHERE transaction_id = new.id));
END
""",  # noqa: S608  (constant SQL: no user input)
    f"""
CREATE TRIGGER transactions_fts_update
AFTER UPDATE OF description, description_raw, merchant_name, merchant_business_name ON transactions
WHEN old.description IS NOT new.description OR old.description_raw IS NOT new.description_raw
    OR old.merchant_name IS NOT new.merchant_name OR old.merchant_business_name IS NOT new.merchant_business_name
BEGIN
    UPDATE transactions_fts SET description = {_DESCRIPTION}, merchant = {_MERCHANT} WHERE rowid = new.id;
END
""",  # noqa: S608  (constant SQL: no user input)
    """
CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions BEGIN
    DELETE FROM transactions_fts WHERE rowid = old.id;
END
""",
    """
CREATE TRIGGER transaction_edits_fts_insert AFTER INSERT ON transaction_edits WHEN new.note IS NOT NULL BEGIN
    UPDATE transactions_fts SET note = new.note WHERE rowid = new.transaction_id;
END
""",
    """
CREATE TRIGGER transaction_edits_fts_update AFTER UPDATE OF note ON transaction_edits
WHEN old.note IS NOT new.note BEGIN
    UPDATE transactions_fts SET note = new.note WHERE rowid = new.transaction_id;
END
""",
    """
CREATE TRIGGER transaction_edits_fts_delete AFTER DELETE ON transaction_edits WHEN old.note IS NOT NULL BEGIN
    UPDATE transactions_fts SET note = NULL WHERE rowid = old.transaction_id;
END
""",
    """
INSERT INTO transactions_fts (rowid, description, merchant, note)
SELECT t.id,
       t.description || ' ' || coalesce(t.description_raw, ''),
       coalesce(t.merchant_name, '') || ' ' || coalesce(t.merchant_business_name, ''),
       e.note
FROM transactions AS t LEFT JOIN transaction_edits AS e ON e.transaction_id = t.id
""",
)


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("FinanceHub never downgrades a store: restore a backup instead")
