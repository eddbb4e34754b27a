"""SQLCipher connections under SQLAlchemy, and the translation of SQLite failures into the errors a user reads.

Each connection is opened with the raw 32-byte data key (``PRAGMA key = "x'<hex>'"``: no KDF per connection, ~1 ms),
then reads ``sqlite_master`` once so a wrong key fails at connect time, before anything could be written: a wrong key
leaves the file's bytes and mtime untouched and creates no ``-wal`` or ``-journal``. Then: foreign keys on,
``synchronous = FULL``, a busy timeout. The pysqlite-style driver is put in autocommit mode and SQLAlchemy emits
``BEGIN`` itself, so DDL (migrations) is transactional too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy.exc
import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from financehub_desktop.domain.errors import (
    DatabaseCorruptError,
    DiskFullError,
    FinanceHubError,
    KeyMismatchError,
    ReadOnlyStorageError,
    StorageError,
)

KEY_BYTES = 32
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 32 * 1024  # per connection, allocated only as pages are read

# Binding ``None`` makes the driver look for an adapter (a failed dict lookup, then ``__adapt__``/``__conform__``
# attribute lookups that raise and clear AttributeError): ~0.9 µs per NULL, most of a bulk upsert's time when half of
# a transaction's 60 columns are empty (bench/store.py). An adapter that returns ``None`` itself, through a C-level
# callable (the ``get`` of an always-empty dict), makes binding a NULL as cheap as binding an int.
_ALWAYS_EMPTY: dict[object, None] = {}
sqlcipher3.register_adapter(type(None), _ALWAYS_EMPTY.get)


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a data key is exactly 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path, key: bytes, *, create: bool = False, read_only: bool = False) -> Any:
    """A raw sqlcipher3 connection, keyed and checked. Raises typed errors (never a half-open connection)."""
    mode = "ro" if read_only else ("rwc" if create else "rw")
    uri = f"file:{quote(str(path))}?mode={mode}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10.0)
    except sqlcipher3.Error as exc:
        raise translate(exc, path) from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(key))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # decrypted pages kept: repeated browsing skips the cipher
    except sqlcipher3.Error as exc:
        conn.close()
        raise translate(exc, path) from exc
    return conn


def make_engine(path: Path, key: bytes, *, read_only: bool = False) -> Engine:
    """An engine whose every pooled connection is a keyed, checked SQLCipher connection to ``path``."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, key, read_only=read_only),
        module=sqlcipher3,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        pool_pre_ping=False,
        hide_parameters=True,  # row values (names, CPFs, amounts) never reach an exception message or a log
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).lower()


def translate(exc: BaseException, path: Path) -> FinanceHubError:
    """Map a SQLite/SQLCipher failure to the typed error the user understands (no key or data in the text)."""
    message = _message(exc)
    where = str(path)
    if "database or disk is full" in message or "disk is full" in message:
        return DiskFullError(where, path=where)
    if "readonly" in message or "read-only" in message or "unable to open database file" in message:
        return ReadOnlyStorageError(where, path=where)
    if "file is not a database" in message:
        return KeyMismatchError(f"{where}: the key does not open this file (or its first page is damaged)")
    if "malformed" in message or "corrupt" in message:
        return DatabaseCorruptError(where, path=where)
    return StorageError(f"{where}: {message}", path=where)


def is_environmental(exc: BaseException) -> bool:
    """True for failures of the disk or the file (worth a typed error); False for bugs (constraint, SQL errors)."""
    if isinstance(exc, sqlalchemy.exc.IntegrityError | sqlalchemy.exc.ProgrammingError):
        return False
    if isinstance(exc, sqlalchemy.exc.OperationalError | sqlalchemy.exc.DatabaseError):
        message = _message(exc)
        return not ("syntax error" in message or "no such" in message or "has no column" in message)
    return isinstance(exc, sqlcipher3.DatabaseError)
