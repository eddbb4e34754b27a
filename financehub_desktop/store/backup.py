"""Encrypted backup and restore of the whole store, each verified before it counts.

A backup is a complete SQLCipher database written with ``sqlcipher_export``:

- with a *backup passphrase*: SQLCipher's own key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, salt in the
  file), so the file is self-contained: it opens anywhere with the passphrase, even without this computer's keyring;
- without one: the profile's current data key, so only this profile (or someone holding its key) can restore it.

The file is written beside its destination under a temporary name, re-opened with the same secret, checked
(``integrity_check`` and the row count of every table against the source), fsynced, then renamed into place.

Restore opens the backup (refusing one from a newer app), exports it into a new file encrypted with the profile's own
key, verifies that copy the same way, and only then swaps it in for the live database (atomic rename), then migrates.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from financehub_desktop.config.files import fsync_dir, storage_error_for
from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import (
    DatabaseCorruptError,
    InvalidInputError,
    KeyMismatchError,
    StorageError,
    WrongPassphraseError,
)

from . import migrate
from .database import Store
from .engine import connect, is_environmental, make_engine, translate

log = get_logger("store")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    revision: str | None
    tables: dict[str, int]
    with_passphrase: bool


def _key_clause(key: bytes | None, passphrase: str | None) -> tuple[str, tuple[Any, ...]]:
    if passphrase is not None:
        return "KEY ?", (passphrase,)
    assert key is not None
    return f"KEY \"x'{key.hex()}'\"", ()


def _table_counts(raw: Any, schema_name: str = "main") -> dict[str, int]:
    names = [
        r[0]
        for r in raw.execute(
            f"SELECT name FROM {schema_name}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "  # noqa: S608
            "ORDER BY name"
        )
    ]
    return {n: raw.execute(f'SELECT count(*) FROM {schema_name}."{n}"').fetchone()[0] for n in names}  # noqa: S608


def _open_file(path: Path, key: bytes | None, passphrase: str | None) -> Any:
    """Open a backup/export for reading with a raw key or a SQLCipher passphrase; typed errors."""
    if passphrase is None:
        assert key is not None
        return connect(path, key, read_only=True)
    try:
        raw = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise translate(exc, path) from exc
    try:
        raw.execute("PRAGMA cipher_log_level = NONE")
        raw.execute("PRAGMA key = " + _quote(passphrase))
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        raw.close()
        if "not a database" in str(exc):
            raise WrongPassphraseError(f"{path.name}: the backup passphrase does not open this file") from exc
        raise translate(exc, path) from exc
    return raw


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _verify(path: Path, key: bytes | None, passphrase: str | None, expected: dict[str, int]) -> str | None:
    raw = _open_file(path, key, passphrase)
    try:
        result = [r[0] for r in raw.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise DatabaseCorruptError(f"{path}: verification failed: {result[:3]}")
        counts = _table_counts(raw)
        if counts != expected:
            raise DatabaseCorruptError(f"{path}: verification failed: table counts differ")
        row = raw.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    finally:
        raw.close()


def _export(source: Any, dest: Path, key: bytes | None, passphrase: str | None) -> dict[str, int]:
    """``sqlcipher_export`` from an open raw connection into a new encrypted file; returns the source's counts."""
    clause, params = _key_clause(key, passphrase)
    source.execute(f"ATTACH DATABASE ? AS export_target {clause}", (str(dest), *params))
    try:
        source.execute("BEGIN")
        counts = _table_counts(source)
        source.execute("SELECT sqlcipher_export('export_target')")
        source.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlcipher3.Error):
            source.execute("ROLLBACK")
        raise
    finally:
        source.execute("DETACH DATABASE export_target")
    with open(dest, "rb+") as fh:
        os.fsync(fh.fileno())
    return counts


def _temp_beside(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}-{secrets.token_hex(4)}.tmp")


def _cleanup(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def backup_store(store: Store, destination: Path, *, passphrase: str | None = None) -> BackupInfo:
    """Write a verified encrypted copy of the whole store to ``destination`` (replaced atomically if it exists)."""
    destination = Path(destination)
    if passphrase is not None and not passphrase:
        raise InvalidInputError("the backup passphrase is empty")
    key = None if passphrase is not None else bytes.fromhex(store.export_key_hex())
    tmp = _temp_beside(destination, "backup")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        raw = connect(store.path, bytes.fromhex(store.export_key_hex()))
        try:
            counts = _export(raw, tmp, key, passphrase)
        finally:
            raw.close()
        revision = _verify(tmp, key, passphrase, counts)
        os.replace(tmp, destination)
        fsync_dir(destination.parent)
    except OSError as exc:
        _cleanup(tmp)
        raise storage_error_for(exc, destination) from exc
    except sqlcipher3.Error as exc:
        _cleanup(tmp)
        raise translate(exc, destination) from exc
    except BaseException:
        _cleanup(tmp)
        raise
    with store.write() as conn:
        store.audit(conn, "backup_made", destination.name, with_passphrase=passphrase is not None)
    log.info("backup written (%d tables)", len(counts))
    return BackupInfo(destination, revision, counts, passphrase is not None)


def _copy_verified(
    source: Path, key: bytes | None, passphrase: str | None, own_key: bytes, tmp: Path
) -> dict[str, int]:
    """Open the backup, refuse one from a newer app or damaged, export it under the profile's key into ``tmp``."""
    try:
        backup = _open_file(source, key, passphrase)
    except KeyMismatchError as exc:
        raise KeyMismatchError(f"{source.name}: made with another key; give the backup passphrase") from exc
    try:
        row = backup.execute("SELECT version_num FROM alembic_version").fetchone()
        migrate.check_not_too_new(None if row is None else str(row[0]))
        check = [r[0] for r in backup.execute("PRAGMA integrity_check").fetchall()]
        if check != ["ok"]:
            raise DatabaseCorruptError(f"{source}: {check[:3]}")
        return _export(backup, tmp, own_key, None)
    except sqlcipher3.Error as exc:
        raise (translate(exc, source) if is_environmental(exc) else exc) from exc
    finally:
        backup.close()


def _swap_in(store: Store, tmp: Path, own_key: bytes) -> None:
    """Replace the live database file by ``tmp``: checkpoint, close every connection, drop the WAL, rename."""
    store.engine.dispose()
    try:
        live = connect(store.path, own_key)
        try:
            live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            live.close()
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{store.path}{suffix}").unlink()
        os.replace(tmp, store.path)
        fsync_dir(store.path.parent)
    finally:
        store.engine = make_engine(store.path, own_key)
    raw = connect(store.path, own_key)
    try:
        raw.execute("PRAGMA journal_mode = WAL").fetchone()
    finally:
        raw.close()


def restore_store(store: Store, source: Path, *, passphrase: str | None = None) -> BackupInfo:
    """Replace the store's contents with a verified backup. The live database changes only at the final rename."""
    source = Path(source)
    if not source.exists():
        raise InvalidInputError(f"{source} does not exist")
    own_key = bytes.fromhex(store.export_key_hex())
    tmp = _temp_beside(store.path, "restore")
    try:
        counts = _copy_verified(source, None if passphrase is not None else own_key, passphrase, own_key, tmp)
        revision = _verify(tmp, own_key, None, counts)
        _swap_in(store, tmp, own_key)
    except OSError as exc:
        raise storage_error_for(exc, store.path) from exc
    finally:
        _cleanup(tmp)
    try:
        migrate.upgrade(store.engine)
    except Exception as exc:
        if is_environmental(exc):
            raise translate(exc, store.path) from exc
        raise
    with store.write() as conn:
        store.audit(conn, "backup_restored", source.name)
    log.info("backup restored (%d tables)", len(counts))
    return BackupInfo(source, revision, counts, passphrase is not None)


__all__ = ["BackupInfo", "StorageError", "backup_store", "restore_store"]
