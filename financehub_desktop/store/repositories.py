"""Provider-data repositories: churn-free bulk upserts with SQLAlchemy Core.

``upsert`` reads the stored ``content_hash`` of each incoming record's key (one indexed query per 500 records), then
writes only the records that are new, changed, or back after a removal, with
``INSERT ... ON CONFLICT DO UPDATE SET ... WHERE content_hash IS NOT excluded.content_hash OR removed_at IS NOT NULL``.
Writing the same data twice writes zero rows the second time. Child rows (a bill's charges and payments, a loan's
installments) are replaced only when their parent changed. The user's edits live in other tables and are never
touched. "Removed upstream" sets ``removed_at``: the row is hidden, not erased, and comes back if the provider sends
it again. Every method takes the caller's connection, so a page of data and its checkpoint commit together.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    func,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from . import schema
from .local_repos import AuditLog, CategorisationRules, SyncJournal, TransactionEdits, WebhookEvents
from .records import (
    AccountRecord,
    BillRecord,
    CategoryRecord,
    ConnectorRecord,
    ConsentRecord,
    IdentityRecord,
    InvestmentRecord,
    InvestmentTransactionRecord,
    ItemRecord,
    LoanRecord,
    PaymentIntentRecord,
    PaymentRecipientRecord,
    PaymentRequestRecord,
    ScheduledPaymentRecord,
    SmartTransferPaymentRecord,
    SmartTransferPreauthorizationRecord,
    TransactionRecord,
)
from .schema_local import store_meta
from .sqlrows import RowWriter
from .types import utc_now, utc_text

R = TypeVar("R")
#: In ``store_meta`` while a bulk upsert indexes its new transactions itself (see migration 0005).
FTS_DEFERRED_KEY = "transactions_fts_deferred"
_INDEX_NEW_TRANSACTIONS = """
INSERT INTO transactions_fts (rowid, description, merchant, note)
SELECT t.id,
       t.description || ' ' || coalesce(t.description_raw, ''),
       coalesce(t.merchant_name, '') || ' ' || coalesce(t.merchant_business_name, ''),
       e.note
FROM transactions AS t LEFT JOIN transaction_edits AS e ON e.transaction_id = t.id
WHERE t.id > ?
"""
CHUNK = 500
_BOOKKEEPING = ("raw", "content_hash", "first_seen_at", "last_seen_at", "removed_at")


@dataclass(frozen=True, slots=True)
class UpsertResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def written(self) -> int:
        return self.inserted + self.updated + self.removed

    def __add__(self, other: UpsertResult) -> UpsertResult:
        return UpsertResult(
            self.inserted + other.inserted,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
            self.removed + other.removed,
        )

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def content_hash(values: Sequence[Any]) -> str:
    """SHA-256 over the stored values, children included.

    The values are already SQLite's (text, integers, ``None``; children as tuples of the same). They are serialised
    with ``marshal`` at format version 2, which writes every string as its UTF-8 bytes and never shares objects, so
    equal values always give the same bytes whatever their identity or interning; it costs a third of ``repr``.
    """
    return hashlib.sha256(marshal.dumps(values, _MARSHAL_VERSION)).hexdigest()  # type: ignore[arg-type]


_MARSHAL_VERSION = 2  # 3+ shares repeated objects (bytes would depend on identity); 2 does not


@dataclass(frozen=True, slots=True)
class ChildTable:
    """Rows owned by a parent record (replaced as a whole when the parent changes)."""

    table: Table
    parent_column: str
    rows_of: Callable[[Any], list[dict[str, Any]]]

    def writer(self) -> RowWriter:
        """Every column in table order, the parent's key included (``None`` in a child's values for the hash)."""
        return RowWriter(self.table, [c.name for c in self.table.columns])


class ProviderRepository(Generic[R]):
    """Upserts, removal marks and lookups for one provider table."""

    def __init__(self, table: Table, record_type: type[R], *, key: str = "id", children: Sequence[ChildTable] = ()):
        self.table = table
        self.record_type = record_type
        self.key = key
        self.key_column: Column[Any] = table.c[key]
        self.children = tuple(children)
        names = {f.name for f in dataclasses.fields(record_type)}  # type: ignore[arg-type]
        missing = {c.name for c in table.columns if not c.nullable and c.name not in names} - set(_BOOKKEEPING)
        missing -= {c.name for c in table.primary_key.columns if c.autoincrement is True}
        if missing:
            raise TypeError(f"{record_type.__name__} lacks required columns of {table.name}: {sorted(missing)}")
        fields = [c.name for c in table.columns if c.name in names and c.name not in _BOOKKEEPING]
        self._writer = RowWriter(table, [*fields, "raw"])
        self._key_index = self._writer.names.index(key)
        frozen = ["first_seen_at", *(c.name for c in table.primary_key.columns)]
        self._upsert_sql = self._writer.upsert_sql(key, _BOOKKEEPING[1:], frozen)
        self._children = [(child, child.writer()) for child in self.children]
        # the stored hash and removal mark of a chunk's keys, given as one JSON array (one bound value, raw rows)
        listed: Select[Any] = select(literal_column("value")).select_from(func.json_each(bindparam("keys")))
        stored = select(self.key_column, table.c.content_hash, table.c.removed_at).where(self.key_column.in_(listed))
        self._stored_sql = str(stored.compile(dialect=sqlite_dialect.dialect(paramstyle="qmark")))

    # ------------------------------------------------------------------------------------------ writing
    def _row(self, record: R, now_text: str) -> tuple[Any, ...]:
        values = self._writer.values_of(record)
        if not self._children:
            return (*values, content_hash(values), now_text, now_text, None)
        hashed: list[Any] = list(values)
        for child, writer in self._children:
            hashed.append([writer.values_of_mapping(row) for row in child.rows_of(record)])
        return (*values, content_hash(hashed), now_text, now_text, None)

    def upsert(self, conn: Connection, records: Iterable[R], *, now: datetime | None = None) -> UpsertResult:
        """Insert new records, update changed ones, leave identical ones alone. Returns the counts.

        Records are converted 500 at a time, so memory stays flat however many are given.
        """
        now_text = utc_text(now or utc_now())
        by_key: dict[Any, R] = {}
        for record in records:
            if not isinstance(record, self.record_type):
                raise TypeError(f"expected {self.record_type.__name__}, got {type(record).__name__}")
            by_key[getattr(record, self.key)] = record  # the last of duplicates wins
        hash_index = len(self._writer.names)
        result = UpsertResult()
        with ExitStack() as inserting:
            for chunk in _chunks(list(by_key.values())):
                rows = [(record, self._row(record, now_text)) for record in chunk]
                keys = json.dumps([row[self._key_index] for _, row in rows], ensure_ascii=False)
                stored = {k: (h, removed) for k, h, removed in conn.exec_driver_sql(self._stored_sql, (keys,))}
                to_write = []
                inserted = updated = 0
                for record, row in rows:
                    known = stored.get(row[self._key_index])
                    if known is None:
                        inserted += 1
                    elif known[0] != row[hash_index] or known[1] is not None:
                        updated += 1
                    else:
                        continue
                    to_write.append((record, row))
                if inserted and not result.inserted:  # the first new rows of this call
                    inserting.enter_context(self._inserting(conn))
                if to_write:
                    conn.exec_driver_sql(self._upsert_sql, [row for _, row in to_write])
                    self._replace_children(conn, to_write)
                result += UpsertResult(inserted, updated, len(rows) - inserted - updated)
        return result

    def _inserting(self, conn: Connection) -> AbstractContextManager[None]:
        """Entered before the first new row of an ``upsert`` is written; left after the last one (or a failure)."""
        return nullcontext()

    def _replace_children(self, conn: Connection, written: Sequence[tuple[R, tuple[Any, ...]]]) -> None:
        keys = [row[self._key_index] for _, row in written]
        for child, writer in self._children:
            conn.execute(delete(child.table).where(child.table.c[child.parent_column].in_(keys)))
            rows = [
                writer.values_of_mapping({**child_row, child.parent_column: row[self._key_index]})
                for record, row in written
                for child_row in child.rows_of(record)
            ]
            if rows:
                conn.exec_driver_sql(writer.insert_sql(), rows)

    def mark_removed(self, conn: Connection, keys: Iterable[Any], *, now: datetime | None = None) -> int:
        """Hide records the provider deleted (e.g. a ``transactions/deleted`` webhook). Returns rows newly hidden."""
        now = now or utc_now()
        total = 0
        for chunk in _chunks(list(dict.fromkeys(keys))):
            result = conn.execute(
                update(self.table)
                .where(self.key_column.in_(chunk), self.table.c.removed_at.is_(None))
                .values(removed_at=now)
            )
            total += result.rowcount
        return total

    def mark_missing_removed(
        self,
        conn: Connection,
        seen_keys: Iterable[Any],
        *where: ColumnElement[bool],
        now: datetime | None = None,
    ) -> int:
        """After a complete listing of a scope (``where``), hide the rows of that scope the listing did not include."""
        now = now or utc_now()
        conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS _seen_keys (k PRIMARY KEY) WITHOUT ROWID")
        conn.exec_driver_sql("DELETE FROM _seen_keys")
        seen = [{"k": k} for k in dict.fromkeys(seen_keys)]
        for chunk in _chunks(seen):
            conn.execute(text("INSERT OR IGNORE INTO _seen_keys (k) VALUES (:k)"), list(chunk))
        stmt = (
            update(self.table)
            .where(
                and_(*where),
                self.table.c.removed_at.is_(None),
                self.key_column.not_in(select(text("k")).select_from(text("_seen_keys"))),
            )
            .values(removed_at=now)
        )
        removed = conn.execute(stmt).rowcount
        conn.exec_driver_sql("DELETE FROM _seen_keys")
        return removed

    # ------------------------------------------------------------------------------------------ reading
    def get(self, conn: Connection, key: Any) -> Row[Any] | None:
        return conn.execute(select(self.table).where(self.key_column == key)).first()

    def list(self, conn: Connection, *where: ColumnElement[bool], include_removed: bool = False) -> list[Row[Any]]:
        clauses = list(where)
        if not include_removed:
            clauses.append(self.table.c.removed_at.is_(None))
        return list(conn.execute(select(self.table).where(*clauses).order_by(self.key_column)))

    def count(self, conn: Connection, *, include_removed: bool = False) -> int:
        stmt = select(func.count()).select_from(self.table)
        if not include_removed:
            stmt = stmt.where(self.table.c.removed_at.is_(None))
        return int(conn.execute(stmt).scalar_one())


class TransactionRepository(ProviderRepository[TransactionRecord]):
    """Transactions, keyed by Pluggy's id (``pluggy_id``); the local integer ``id`` keys edits and search."""

    def __init__(self) -> None:
        super().__init__(schema.transactions, TransactionRecord, key="pluggy_id")

    @contextmanager
    def _inserting(self, conn: Connection) -> Iterator[None]:
        """New rows are indexed for search together, after they are written, not one trigger run per row.

        The insert trigger stands aside while ``store_meta`` holds ``FTS_DEFERRED_KEY`` (migration 0005); the key,
        the rows and their index entries commit or roll back together with the caller's transaction.
        """
        before = conn.execute(select(func.coalesce(func.max(schema.transactions.c.id), 0))).scalar_one()
        conn.execute(
            sqlite_insert(store_meta)
            .values(key=FTS_DEFERRED_KEY, value="1", updated_at=utc_now())
            .on_conflict_do_nothing(index_elements=["key"])
        )
        try:
            yield
            conn.exec_driver_sql(_INDEX_NEW_TRANSACTIONS, (before,))
        finally:
            conn.execute(delete(store_meta).where(store_meta.c.key == FTS_DEFERRED_KEY))

    def local_ids(self, conn: Connection, pluggy_ids: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        t = schema.transactions
        for chunk in _chunks(list(dict.fromkeys(pluggy_ids))):
            out.update({p: i for p, i in conn.execute(select(t.c.pluggy_id, t.c.id).where(t.c.pluggy_id.in_(chunk)))})
        return out

    def pending(self, conn: Connection, account_id: str) -> list[Row[Any]]:
        """Visible PENDING transactions of an account: the candidates for a pending -> posted successor."""
        t = schema.transactions
        return list(
            conn.execute(
                select(t)
                .where(t.c.account_id == account_id, t.c.status == "PENDING", t.c.removed_at.is_(None))
                .order_by(t.c.date, t.c.id)
            )
        )

    def mark_missing_removed_in_window(
        self,
        conn: Connection,
        account_id: str,
        seen_pluggy_ids: Iterable[str],
        *,
        date_from: datetime | None = None,
        date_to: datetime | None = None,
        now: datetime | None = None,
    ) -> int:
        """Hide the account's transactions in [date_from, date_to) that a complete listing of that window lacked."""
        t = schema.transactions
        where: list[ColumnElement[bool]] = [t.c.account_id == account_id]
        if date_from is not None:
            where.append(t.c.date >= date_from)
        if date_to is not None:
            where.append(t.c.date < date_to)
        return self.mark_missing_removed(conn, seen_pluggy_ids, *where, now=now)


def _bill_charges(bill: BillRecord) -> list[dict[str, Any]]:
    return [dataclasses.asdict(c) for c in bill.finance_charges]


def _bill_payments(bill: BillRecord) -> list[dict[str, Any]]:
    return [dataclasses.asdict(p) for p in bill.payments]


def _loan_installments(loan: LoanRecord) -> list[dict[str, Any]]:
    return [{"seq": i, **dataclasses.asdict(inst)} for i, inst in enumerate(loan.installments)]


class Repositories:
    """Every provider repository, built once (statement compilation is cached per repository)."""

    def __init__(self) -> None:
        self.connectors = ProviderRepository(schema.connectors, ConnectorRecord)
        self.items = ProviderRepository(schema.items, ItemRecord)
        self.accounts = ProviderRepository(schema.accounts, AccountRecord)
        self.transactions = TransactionRepository()
        self.categories = ProviderRepository(schema.categories, CategoryRecord)
        self.identities = ProviderRepository(schema.identities, IdentityRecord)
        self.investments = ProviderRepository(schema.investments, InvestmentRecord)
        self.investment_transactions = ProviderRepository(schema.investment_transactions, InvestmentTransactionRecord)
        self.bills = ProviderRepository(
            schema.bills,
            BillRecord,
            children=(
                ChildTable(schema.bill_finance_charges, "bill_id", _bill_charges),
                ChildTable(schema.bill_payments, "bill_id", _bill_payments),
            ),
        )
        self.loans = ProviderRepository(
            schema.loans, LoanRecord, children=(ChildTable(schema.loan_installments, "loan_id", _loan_installments),)
        )
        self.consents = ProviderRepository(schema.consents, ConsentRecord)
        self.payment_recipients = ProviderRepository(schema.payment_recipients, PaymentRecipientRecord)
        self.payment_requests = ProviderRepository(schema.payment_requests, PaymentRequestRecord)
        self.payment_intents = ProviderRepository(schema.payment_intents, PaymentIntentRecord)
        self.scheduled_payments = ProviderRepository(schema.scheduled_payments, ScheduledPaymentRecord)
        self.smart_transfer_preauthorizations = ProviderRepository(
            schema.smart_transfer_preauthorizations, SmartTransferPreauthorizationRecord
        )
        self.smart_transfer_payments = ProviderRepository(schema.smart_transfer_payments, SmartTransferPaymentRecord)
        # what the user and the app own
        self.edits = TransactionEdits()
        self.rules = CategorisationRules()
        self.webhook_events = WebhookEvents()
        self.journal = SyncJournal()
        self.audit_log = AuditLog()
