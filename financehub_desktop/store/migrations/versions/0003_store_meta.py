"""A small key/value table for the store's own bookkeeping (e.g. when the last full integrity check ran).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE store_meta (
    "key" VARCHAR(64) NOT NULL,
    value TEXT,
    updated_at VARCHAR(27) NOT NULL,
    CONSTRAINT pk_store_meta PRIMARY KEY ("key")
)
"""
    )


def downgrade() -> None:
    raise NotImplementedError("FinanceHub never downgrades a store: restore a backup instead")
