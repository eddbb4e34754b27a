"""The local side of the schema: what the app and the user own, never overwritten by a provider refresh.

- the user's edits to transactions (category override, note, tags, ignored), keyed by the local transaction id;
- categorisation rules (and, on the edits row, the category the first matching rule gave);
- webhook events, deduplicated by ``event_id`` in the same transaction as their effect;
- the sync journal: runs and checkpoints (cursors), so a killed sync resumes;
- the audit log of sensitive operations (never a secret in it).
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, String, Table, Text

from .schema import metadata
from .types import DecimalText, JsonText, UtcDateTime

transaction_edits = Table(
    "transaction_edits",
    metadata,
    Column(
        "transaction_id",
        Integer,
        ForeignKey("transactions.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("category_id", String(16)),
    Column("note", Text),
    Column("tags", JsonText),  # a JSON list of strings
    Column("ignored", Boolean, nullable=False, server_default="0"),
    Column("updated_at", UtcDateTime, nullable=False),
    # Kept by the app, not the user: the category of the categorisation rule that matched (0004). The user's
    # ``category_id`` wins over it, and it wins over the provider's category. No foreign key: deleting a rule
    # re-applies the rules, which clears or replaces what it had set.
    Column("rule_category_id", String(16)),
    Column("rule_id", Integer),
)

categorisation_rules = Table(
    "categorisation_rules",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("field", String(16), nullable=False),  # description | merchant | document | payment_method
    Column("match_type", String(16), nullable=False),  # exact | contains | startsWith | endsWith
    Column("pattern", Text, nullable=False),
    Column("category_id", String(16), nullable=False),
    Column("account_id", String(36)),
    Column("transaction_type", String(10)),
    Column("amount_min", DecimalText),
    Column("amount_max", DecimalText),
    Column("priority", Integer, nullable=False, server_default="100"),
    Column("enabled", Boolean, nullable=False, server_default="1"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("field IN ('description', 'merchant', 'document', 'payment_method')", name="field"),
    CheckConstraint("match_type IN ('exact', 'contains', 'startsWith', 'endsWith')", name="match_type"),
)

webhook_events = Table(
    "webhook_events",
    metadata,
    Column("event_id", String(128), primary_key=True),
    Column("event", String(64), nullable=False),
    Column("item_id", String(36), index=True),
    Column("triggered_by", String(16)),
    Column("payload", JsonText, nullable=False),
    Column("occurred_at", UtcDateTime),
    Column("received_at", UtcDateTime, nullable=False),
    Column("processed_at", UtcDateTime),
    Column("error", Text),
)

sync_runs = Table(
    "sync_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(36), index=True),
    Column("trigger", String(16), nullable=False),  # user | schedule | webhook | poll | startup
    Column("status", String(12), nullable=False),  # running | succeeded | partial | failed | cancelled
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime),
    Column("error_code", String(64)),
    Column("error_message", Text),
    Column("counts", JsonText),  # {"transactions": {"inserted": 3, ...}, ...}
    CheckConstraint(
        "status IN ('running', 'succeeded', 'partial', 'failed', 'cancelled')",
        name="status",
    ),
)

sync_checkpoints = Table(
    "sync_checkpoints",
    metadata,
    Column("item_id", String(36), primary_key=True),
    Column("resource", String(40), primary_key=True),  # transactions | investments | bills ...
    Column("scope", String(80), primary_key=True),  # e.g. an account id; "" for item-wide resources
    Column("cursor", Text),
    Column("window_from", UtcDateTime),
    Column("state", JsonText),
    Column("run_id", Integer, ForeignKey("sync_runs.id", ondelete="SET NULL")),
    Column("updated_at", UtcDateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", Text),
    Column("detail", JsonText),
    Column("app_version", String(20), nullable=False),
    Index("ix_audit_log_at", "at"),
)

#: What the audit log records (issue 5): the actions are closed so a typo cannot hide an event.
AUDIT_ACTIONS = frozenset(
    {
        "credentials_changed",
        "item_deleted",
        "consent_revoked",
        "payment_created",
        "export_made",
        "backup_made",
        "backup_restored",
        "key_rotated",
        "passphrase_changed",
        "key_protection_changed",
    }
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
    Column("updated_at", UtcDateTime, nullable=False),
)
