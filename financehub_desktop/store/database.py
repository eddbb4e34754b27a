"""Opening the encrypted store: find the key, open SQLCipher, check integrity, migrate; plus key rotation.

``open_store(paths)`` is the one entry point. The order of an unlock:

1. A key file beside the database means passphrase mode: the passphrase (argument, ``--passphrase-file``,
   ``FINANCEHUB_PASSPHRASE``) unwraps the data key, or ``PassphraseRequiredError`` / ``WrongPassphraseError``.
2. Otherwise the OS keyring holds the key (``financehub-desktop`` / ``data-key:<profile>``).
3. No usable keyring and no passphrase: ``KeyringUnavailableError`` (the app then asks for a master passphrase and
   calls again); with a passphrase, a new store is protected by it. Never a silent plain-text fallback.
4. A database that exists without any key: ``KeyMissingError``; a key that does not open it: ``KeyMismatchError``.

Then ``journal_mode = WAL``, ``PRAGMA quick_check`` (``DatabaseCorruptError`` with a clear message when it fails) and
the Alembic migrations (``DatabaseTooNewError`` for a database from a newer app).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy.exc
import sqlcipher3
from sqlalchemy import Connection, Engine, delete, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from financehub_desktop import __version__
from financehub_desktop.config.files import storage_error_for
from financehub_desktop.config.logs import get_logger
from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.domain.errors import (
    DatabaseCorruptError,
    InvalidInputError,
    KeyMismatchError,
    KeyMissingError,
    KeyringUnavailableError,
    PassphraseRequiredError,
)

from . import migrate
from .engine import connect, is_environmental, key_pragma, make_engine, translate
from .keys import (
    DEMO_KDF,
    DEMO_PASSPHRASE,
    KeyMode,
    KeyringKeyStore,
    KeySlots,
    KeyStore,
    PassphraseKeyStore,
    ScryptParams,
    check_new_passphrase,
    new_data_key,
    resolve_passphrase,
)
from .repositories import Repositories
from .schema_local import AUDIT_ACTIONS, audit_log, store_meta
from .types import parse_utc_text, utc_now, utc_text

#: Stores up to this size get a full ``quick_check`` on every open; bigger ones every ``FULL_CHECK_EVERY``.
FULL_CHECK_MAX_BYTES = 64 * 2**20
FULL_CHECK_EVERY = timedelta(days=7)
LAST_CHECK_KEY = "last_integrity_check"

log = get_logger("store")


@dataclass
class Store:
    """An open, unlocked, migrated store. Use ``write()`` / ``read()`` for connections; close when done."""

    paths: ProfilePaths
    engine: Engine
    key_store: KeyStore
    _key: bytes = field(repr=False)
    kdf: ScryptParams | None = None
    repos: Repositories = field(default_factory=Repositories)

    @property
    def path(self) -> Path:
        return self.paths.database

    @property
    def key_mode(self) -> KeyMode:
        return self.key_store.mode

    # ------------------------------------------------------------------------------------------ connections
    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back (database unchanged) on any error.

        Disk full, read-only folder and damaged file become ``StorageError`` subclasses; bugs pass through.
        """
        try:
            with self.engine.begin() as conn:
                yield conn
        except sqlalchemy.exc.DBAPIError as exc:
            if is_environmental(exc):
                raise translate(exc, self.path) from exc
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except sqlalchemy.exc.DBAPIError as exc:
            if is_environmental(exc):
                raise translate(exc, self.path) from exc
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------------------ integrity
    def verify_integrity(self) -> None:
        """Full ``quick_check`` now (minutes-long on huge stores: run it off the UI thread). Corrupt -> typed error."""
        raw = connect(self.path, self._key)
        try:
            _quick_check(raw, self.path)
        except DatabaseCorruptError:
            raise
        except Exception as exc:
            if is_environmental(exc):
                raise DatabaseCorruptError(f"{self.path}: {exc}", path=str(self.path)) from exc
            raise
        finally:
            raw.close()
        self._record_integrity_check()

    def last_integrity_check(self) -> datetime | None:
        with self.read() as conn:
            value = conn.execute(select(store_meta.c.value).where(store_meta.c.key == LAST_CHECK_KEY)).scalar()
        return None if value is None else parse_utc_text(value)

    def _record_integrity_check(self) -> None:
        now = utc_now()
        values = {"value": utc_text(now), "updated_at": now}
        stmt = sqlite_insert(store_meta).values(key=LAST_CHECK_KEY, **values)
        with self.write() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_=values))

    # ------------------------------------------------------------------------------------------ audit
    def audit(self, conn: Connection, action: str, target: str | None = None, **detail: Any) -> None:
        """Record a sensitive operation in the same transaction as the operation itself. Never pass secrets."""
        if action not in AUDIT_ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        conn.execute(
            insert(audit_log).values(
                at=utc_now(), action=action, target=target, detail=detail or None, app_version=__version__
            )
        )

    # ------------------------------------------------------------------------------------------ items
    def delete_item(self, item_id: str) -> bool:
        """Forget a connection locally: the item and everything synced from it (accounts, transactions and their
        edits, investments, loans, consents, identity), its sync checkpoints; recorded in the audit log."""
        from .schema import items
        from .schema_local import sync_checkpoints

        with self.write() as conn:
            deleted = conn.execute(delete(items).where(items.c.id == item_id)).rowcount
            conn.execute(delete(sync_checkpoints).where(sync_checkpoints.c.item_id == item_id))
            if deleted:
                self.audit(conn, "item_deleted", item_id)
        return bool(deleted)

    # ------------------------------------------------------------------------------------------ keys
    def rotate_key(self) -> None:
        """Re-encrypt the whole database under a fresh data key (``PRAGMA rekey``), crash-safely.

        Order: the new key is saved as *pending* (durable), the database is re-keyed in one SQLCipher transaction,
        then *pending* becomes *current*. On open, a database that only the pending key opens finishes the rotation;
        one that the current key still opens drops the pending key. No in-flight connections may be open.
        """
        new_key = new_data_key()
        self.key_store.set_pending(new_key)
        self.engine.dispose()
        _rekey(self.path, self._key, new_key)
        self._key = new_key
        self.engine = make_engine(self.path, new_key)
        self.key_store.promote_pending()
        with self.write() as conn:
            self.audit(conn, "key_rotated", self.paths.profile)
        log.info("data key rotated for profile %s", self.paths.profile)

    def change_passphrase(self, new_passphrase: str, *, kdf: ScryptParams | None = None) -> None:
        """Re-wrap the data key under a new master passphrase (one atomic file replace; the database is untouched)."""
        if not isinstance(self.key_store, PassphraseKeyStore):
            raise InvalidInputError("this profile's key is in the system keyring, not protected by a passphrase")
        self.key_store.change_passphrase(new_passphrase, kdf or self.kdf)
        with self.write() as conn:
            self.audit(conn, "passphrase_changed", self.paths.profile)

    def protect_with_passphrase(self, passphrase: str, *, kdf: ScryptParams | None = None) -> None:
        """Move the data key from the keyring to a passphrase-protected key file (file first, then keyring cleared)."""
        check_new_passphrase(passphrase)
        target = PassphraseKeyStore(self.paths.key_file, self.paths.profile, passphrase, kdf or self.kdf)
        target.save_new(self._key)
        previous, self.key_store = self.key_store, target
        if previous is not target and isinstance(previous, KeyringKeyStore):
            with contextlib.suppress(KeyringUnavailableError):
                previous.delete()
        with self.write() as conn:
            self.audit(conn, "key_protection_changed", self.paths.profile, mode="passphrase")

    def move_key_to_keyring(self) -> None:
        """Move the data key into the OS keyring and delete the key file (keyring first, then the file)."""
        target = KeyringKeyStore(self.paths.profile)
        target.save_new(self._key)
        if isinstance(self.key_store, PassphraseKeyStore):
            self.key_store.delete()
        self.key_store = target
        with self.write() as conn:
            self.audit(conn, "key_protection_changed", self.paths.profile, mode="keyring")

    def export_key_hex(self) -> str:
        """The raw data key, for a backup made with the profile's own key. Show it only on the user's request."""
        return self._key.hex()


def _rekey(path: Path, old_key: bytes, new_key: bytes) -> None:
    raw = connect(path, old_key)
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute(key_pragma(new_key).replace("PRAGMA key", "PRAGMA rekey", 1))
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception as exc:
        if is_environmental(exc):
            raise translate(exc, path) from exc
        raise
    finally:
        raw.close()


# ---------------------------------------------------------------------------------------------- opening
def _has_data(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _unlock(paths: ProfilePaths, passphrase: str | None, kdf: ScryptParams | None) -> tuple[KeyStore, KeySlots | None]:
    if paths.key_file.exists():
        if passphrase is None:
            raise PassphraseRequiredError()
        file_store = PassphraseKeyStore(paths.key_file, paths.profile, passphrase, kdf)
        return file_store, file_store.load()
    keyring_store = KeyringKeyStore(paths.profile)
    try:
        return keyring_store, keyring_store.load()
    except KeyringUnavailableError:
        if passphrase is None:
            raise
        if _has_data(paths.database):
            raise KeyMissingError("the database exists but neither the keyring nor a key file holds its key") from None
        return PassphraseKeyStore(paths.key_file, paths.profile, check_new_passphrase(passphrase), kdf), None


def _working_key(path: Path, key_store: KeyStore, slots: KeySlots) -> bytes:
    """The key that opens the database, finishing or undoing a rotation that a crash interrupted."""
    try:
        connect(path, slots.current, create=not path.exists()).close()
    except KeyMismatchError:
        if slots.pending is None:
            raise
        connect(path, slots.pending).close()  # KeyMismatchError again when neither opens it
        key_store.promote_pending()
        log.warning("finished an interrupted key rotation")
        return slots.pending
    if slots.pending is not None:
        key_store.clear_pending()
        log.warning("discarded the pending key of an interrupted key rotation")
    return slots.current


def _last_full_check(raw: Any) -> datetime | None:
    try:
        row = raw.execute("SELECT value FROM store_meta WHERE key = ?", (LAST_CHECK_KEY,)).fetchone()
    except sqlcipher3.OperationalError:  # before migration 0003
        return None
    return None if row is None or row[0] is None else parse_utc_text(row[0])


def _quick_check(raw: Any, path: Path) -> None:
    rows = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        raise DatabaseCorruptError(f"{path}: {'; '.join(str(r) for r in rows[:3])}", path=str(path))


def _prepare(path: Path, key: bytes, check_integrity: bool | None) -> bool:
    """WAL on (persistent in the file), then ``quick_check`` when due. Returns whether a full check ran.

    ``quick_check`` reads every page (about 16 s for 500k transactions on a slow disk), so by default (``None``) it
    runs on every open of a store under ``FULL_CHECK_MAX_BYTES`` and otherwise once every ``FULL_CHECK_EVERY``; the
    app can run ``Store.verify_integrity()`` in the background at any time. Any page read still verifies its HMAC.
    """
    raw = connect(path, key)
    try:
        raw.execute("PRAGMA journal_mode = WAL").fetchone()
        due = check_integrity
        if due is None:
            last = _last_full_check(raw)
            small = path.stat().st_size <= FULL_CHECK_MAX_BYTES
            due = small or last is None or utc_now() - last > FULL_CHECK_EVERY
        if due:
            _quick_check(raw, path)
        return bool(due)
    except DatabaseCorruptError:
        raise
    except Exception as exc:
        if is_environmental(exc):
            if "malformed" in str(exc).lower() or "not a database" in str(exc).lower():
                raise DatabaseCorruptError(f"{path}: {exc}", path=str(path)) from exc
            raise translate(exc, path) from exc
        raise
    finally:
        raw.close()


def open_store(
    paths: ProfilePaths,
    *,
    passphrase: str | None = None,
    passphrase_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    kdf: ScryptParams | None = None,
    check_integrity: bool | None = None,
) -> Store:
    """Unlock, open, check and migrate the profile's store (created on first use). Raises typed errors only."""
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise storage_error_for(exc, paths.data_dir) from exc
    secret = resolve_passphrase(passphrase, passphrase_file, env)
    key_store, slots = _unlock(paths, secret, kdf)
    if slots is None:
        if _has_data(paths.database):
            raise KeyMissingError(f"{paths.database} exists but no key for profile {paths.profile!r} was found")
        key = new_data_key()
        key_store.save_new(key)  # the key is durable before the database that needs it exists
        slots = KeySlots(key)
        log.info("created a new data key for profile %s (%s)", paths.profile, key_store.mode)
    key = _working_key(paths.database, key_store, slots)
    checked = _prepare(paths.database, key, check_integrity)
    engine = make_engine(paths.database, key)
    try:
        try:
            migrate.upgrade(engine)
        except sqlalchemy.exc.DBAPIError as exc:
            if is_environmental(exc):
                raise translate(exc, paths.database) from exc
            raise
    except BaseException:
        engine.dispose()
        raise
    store = Store(paths, engine, key_store, key, kdf)
    if checked:
        store._record_integrity_check()
    return store


def open_demo_store(paths: ProfilePaths, **options: Any) -> Store:
    """The demo profile's store: its key in the keyring when there is one, else behind ``DEMO_PASSPHRASE`` (never the
    user's ``FINANCEHUB_PASSPHRASE``), so the app's demo and ``financehub sync --demo`` always open the same demo."""
    try:
        return open_store(paths, env={}, kdf=DEMO_KDF, **options)
    except (KeyringUnavailableError, PassphraseRequiredError):
        return open_store(paths, passphrase=DEMO_PASSPHRASE, env={}, kdf=DEMO_KDF, **options)


__all__ = ["KeyMismatchError", "Store", "open_demo_store", "open_store", "utc_now"]
