"""The encrypted local store: SQLCipher under SQLAlchemy, keys in the OS keyring or behind a master passphrase,
the whole schema with Alembic migrations, churn-free bulk upserts, full-text search, encrypted backups.

Public API (see ``docs/store.md``)::

    store = open_store(profile_paths("default"), passphrase=None)
    with store.write() as conn:
        result = store.repos.transactions.upsert(conn, records)   # UpsertResult(inserted, updated, unchanged, removed)
    with store.read() as conn:
        page = search_transactions(conn, TransactionQuery(text="cafe"))

The store never imports the Pluggy client or its wire models: the sync engine converts them into ``records``.
"""

from __future__ import annotations

from .backup import BackupInfo, backup_store, restore_store
from .database import Store, open_demo_store, open_store
from .keys import KEYRING_SERVICE, PASSPHRASE_ENV, ScryptParams, keyring_usable, resolve_passphrase
from .repositories import ProviderRepository, Repositories, TransactionRepository, UpsertResult
from .search import Page, PageCursor, TransactionQuery, TransactionView, count_transactions, search_transactions

__all__ = [
    "KEYRING_SERVICE",
    "PASSPHRASE_ENV",
    "BackupInfo",
    "Page",
    "PageCursor",
    "ProviderRepository",
    "Repositories",
    "ScryptParams",
    "Store",
    "TransactionQuery",
    "TransactionRepository",
    "TransactionView",
    "UpsertResult",
    "backup_store",
    "count_transactions",
    "keyring_usable",
    "open_demo_store",
    "open_store",
    "resolve_passphrase",
    "restore_store",
    "search_transactions",
]
