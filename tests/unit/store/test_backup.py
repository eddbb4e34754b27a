"""Encrypted backups: verified, restorable, refused with the wrong secret, never leaving the live store half-done."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from financehub_desktop.config.paths import ProfilePaths, profile_paths
from financehub_desktop.domain.errors import DatabaseTooNewError, KeyMismatchError, WrongPassphraseError
from financehub_desktop.store import (
    Store,
    TransactionQuery,
    backup_store,
    open_store,
    restore_store,
    search_transactions,
)
from financehub_desktop.store.schema import transactions

from .conftest import file_state, seed, transaction


def _count(store: Store) -> int:
    with store.read() as conn:
        return len(conn.execute(select(transactions.c.id)).all())


def test_backup_with_passphrase_restores_into_another_profile(store: Store, tmp_path: Path) -> None:
    seed(store, 30)
    with store.write() as conn:
        local = store.repos.transactions.local_ids(conn, ["tx-00000001"])["tx-00000001"]
        store.repos.edits.set(conn, local, note="nota pessoal")
    target = tmp_path / "backups" / "financehub-2026-03.fhbackup"
    info = backup_store(store, target, passphrase="backup passphrase")
    assert info.tables["transactions"] == 30
    assert info.revision == "0005"
    raw = target.read_bytes()
    assert b"SQLite format 3" not in raw[:16]
    assert b"nota pessoal" not in raw
    assert b"Padaria" not in raw
    assert not list(target.parent.glob(".*.tmp"))

    with open_store(profile_paths("other")) as other:
        with pytest.raises(WrongPassphraseError):
            restore_store(other, target, passphrase="not it")
        restore_store(other, target, passphrase="backup passphrase")
        assert _count(other) == 30
        with other.read() as conn:
            hits = search_transactions(conn, TransactionQuery(text="nota pessoal")).rows
            actions = [e.action for e in other.repos.audit_log.entries(conn)]
        assert [h.pluggy_id for h in hits] == ["tx-00000001"]
        assert actions[0] == "backup_restored"
    with open_store(profile_paths("other")) as other:  # the restored file opens with that profile's own key
        assert _count(other) == 30


def test_backup_with_profile_key_and_restore_rolls_back_changes(store: Store, tmp_path: Path) -> None:
    seed(store, 10)
    target = tmp_path / "b.db"
    backup_store(store, target)
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [transaction(n) for n in range(10, 25)])
    assert _count(store) == 25
    restore_store(store, target)
    assert _count(store) == 10
    with store.write() as conn:  # still writable after the swap
        store.repos.transactions.upsert(conn, [transaction(99)])
    assert _count(store) == 11


def test_backup_made_with_another_profiles_key_needs_its_passphrase(store: Store, tmp_path: Path) -> None:
    seed(store, 2)
    target = tmp_path / "b.db"
    backup_store(store, target)
    with open_store(profile_paths("other")) as other, pytest.raises(KeyMismatchError):
        restore_store(other, target)


def test_restore_refuses_a_backup_from_a_newer_app_and_keeps_the_store(
    store: Store, paths: ProfilePaths, tmp_path: Path
) -> None:
    seed(store, 4)
    target = tmp_path / "b.db"
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    backup_store(store, target, passphrase="backup passphrase")
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    with pytest.raises(DatabaseTooNewError):
        restore_store(store, target, passphrase="backup passphrase")
    assert _count(store) == 4
    assert not [p for p in paths.data_dir.iterdir() if p.name.endswith(".tmp")]


def test_failed_backup_leaves_no_partial_file(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(store, 3)
    target = tmp_path / "b.db"
    target.write_bytes(b"previous backup")
    from financehub_desktop.store import backup as backup_module

    def broken_verify(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "_verify", broken_verify)
    before = file_state(store.path)
    with pytest.raises(Exception, match="disk"):
        backup_store(store, target)
    assert target.read_bytes() == b"previous backup"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".b.db")) == []
    assert file_state(store.path)[0] == before[0]


def test_backup_onto_the_live_store_is_refused(store: Store) -> None:
    from financehub_desktop.domain.errors import InvalidInputError

    seed(store, 3)
    with pytest.raises(InvalidInputError):
        backup_store(store, store.path)
    with pytest.raises(InvalidInputError):
        restore_store(store, store.path)
    assert _count(store) == 3
