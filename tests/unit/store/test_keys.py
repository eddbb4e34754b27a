"""Unlocking: keyring and passphrase modes, typed errors, wrong keys that touch nothing, crash-safe key changes."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

from financehub_desktop.config.paths import ProfilePaths, profile_paths
from financehub_desktop.domain.errors import (
    InvalidInputError,
    KeyFileError,
    KeyMismatchError,
    KeyMissingError,
    KeyringUnavailableError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from financehub_desktop.store import KEYRING_SERVICE, Store, open_demo_store, open_store
from financehub_desktop.store import database as database_module
from financehub_desktop.store.keys import (
    DEMO_KDF,
    KeyringKeyStore,
    PassphraseKeyStore,
    ScryptParams,
    resolve_passphrase,
)
from financehub_desktop.store.schema import transactions

from .conftest import FAST_KDF, file_state, seed

PASS = "correct horse battery"


def _count_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"derive": 0, "connect": 0}
    real_derive, real_connect = ScryptParams.derive, database_module.connect

    def derive(self: ScryptParams, passphrase: str, salt: bytes) -> bytes:
        calls["derive"] += 1
        return real_derive(self, passphrase, salt)

    def connect(*args: object, **kwargs: object) -> object:
        calls["connect"] += 1
        return real_connect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ScryptParams, "derive", derive)
    monkeypatch.setattr(database_module, "connect", connect)
    return calls


def _count(store: Store) -> int:
    with store.read() as conn:
        return len(conn.execute(select(transactions.c.id)).all())


def test_new_store_keeps_a_random_key_in_the_keyring(paths: ProfilePaths, memory_keyring: object) -> None:
    with open_store(paths) as store:
        seed(store, 3)
        assert store.key_mode == "keyring"
    stored = keyring.get_password(KEYRING_SERVICE, "data-key:default")
    assert stored is not None
    assert len(bytes.fromhex(stored)) == 32
    assert not paths.key_file.exists()
    raw = paths.database.read_bytes()
    assert b"SQLite format 3" not in raw[:100]
    assert b"Padaria" not in raw
    with open_store(paths) as again:
        assert _count(again) == 3


def test_demo_profile_has_its_own_key(paths: ProfilePaths) -> None:
    open_store(paths).close()
    open_store(profile_paths("demo")).close()
    default = keyring.get_password(KEYRING_SERVICE, "data-key:default")
    demo = keyring.get_password(KEYRING_SERVICE, "data-key:demo")
    assert default
    assert demo
    assert default != demo


@pytest.mark.usefixtures("no_keyring")
def test_without_keyring_and_passphrase_the_error_says_so(paths: ProfilePaths) -> None:
    with pytest.raises(KeyringUnavailableError):
        open_store(paths)
    assert not paths.database.exists()


@pytest.mark.usefixtures("no_keyring")
def test_passphrase_mode_round_trip_and_wrong_passphrase(paths: ProfilePaths, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(paths, passphrase=PASS, kdf=FAST_KDF) as store:
        assert store.key_mode == "passphrase"
        seed(store, 4)
    doc = json.loads(paths.key_file.read_text())
    assert doc["format"] == "financehub-key"
    assert doc["version"] == 1
    assert doc["kdf"]["name"] == "scrypt"
    assert paths.key_file.stat().st_mode & 0o777 == 0o600
    before = file_state(paths.database)
    calls = _count_calls(monkeypatch)
    with pytest.raises(WrongPassphraseError):
        open_store(paths, passphrase="not the passphrase")
    # fails fast: one key derivation, and the database is never even opened
    assert calls == {"derive": 1, "connect": 0}
    monkeypatch.undo()
    assert file_state(paths.database) == before
    with pytest.raises(PassphraseRequiredError):
        open_store(paths)
    with open_store(paths, passphrase=PASS) as store:
        assert _count(store) == 4


@pytest.mark.usefixtures("no_keyring")
def test_passphrase_from_environment_and_file(paths: ProfilePaths, tmp_path: Path) -> None:
    open_store(paths, env={"FINANCEHUB_PASSPHRASE": PASS}, kdf=FAST_KDF).close()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    open_store(paths, passphrase_file=secret, env={}).close()
    assert resolve_passphrase(None, None, {"FINANCEHUB_PASSPHRASE": "x" * 9}) == "x" * 9
    with pytest.raises(InvalidInputError):
        resolve_passphrase(None, tmp_path / "missing.txt", {})
    with pytest.raises(InvalidInputError):
        resolve_passphrase("", None, {})


@pytest.mark.usefixtures("no_keyring")
def test_short_new_passphrase_is_refused(paths: ProfilePaths) -> None:
    with pytest.raises(InvalidInputError):
        open_store(paths, passphrase="short", kdf=FAST_KDF)
    assert not paths.key_file.exists()
    assert not paths.database.exists()


def test_wrong_key_fails_fast_and_touches_nothing(paths: ProfilePaths, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(paths) as store:
        seed(store, 5)
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{paths.database}{suffix}").exists()
    before = file_state(paths.database)
    keyring.set_password(KEYRING_SERVICE, "data-key:default", "ab" * 32)
    calls = _count_calls(monkeypatch)
    with pytest.raises(KeyMismatchError):
        open_store(paths)
    assert calls == {"derive": 0, "connect": 1}  # one attempt, refused at the first read; no retries, no KDF
    assert file_state(paths.database) == before
    assert sorted(p.name for p in paths.data_dir.iterdir()) == ["financehub.db"]


def test_database_without_key_is_key_missing(paths: ProfilePaths) -> None:
    open_store(paths).close()
    keyring.delete_password(KEYRING_SERVICE, "data-key:default")
    before = file_state(paths.database)
    with pytest.raises(KeyMissingError):
        open_store(paths)
    assert file_state(paths.database) == before


@pytest.mark.usefixtures("no_keyring")
def test_damaged_or_newer_key_file_is_a_clear_error(paths: ProfilePaths) -> None:
    open_store(paths, passphrase=PASS, kdf=FAST_KDF).close()
    good = paths.key_file.read_bytes()
    paths.key_file.write_text("{not json")
    with pytest.raises(KeyFileError):
        open_store(paths, passphrase=PASS)
    doc = json.loads(good)
    doc["version"] = 2
    paths.key_file.write_text(json.dumps(doc))
    with pytest.raises(KeyFileError, match="newer"):
        open_store(paths, passphrase=PASS)
    doc["version"] = 1
    doc["kdf"]["n"] = 2**11  # weakening the parameters breaks the authentication tag
    paths.key_file.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphraseError):
        open_store(paths, passphrase=PASS)


def test_scrypt_defaults_are_strong() -> None:
    params = ScryptParams()
    assert params.n >= 2**17
    assert params.r >= 8


@pytest.mark.usefixtures("no_keyring")
def test_change_passphrase(paths: ProfilePaths) -> None:
    with open_store(paths, passphrase=PASS, kdf=FAST_KDF) as store:
        seed(store, 2)
        store.change_passphrase("a brand new passphrase")
    with pytest.raises(WrongPassphraseError):
        open_store(paths, passphrase=PASS)
    with open_store(paths, passphrase="a brand new passphrase") as store:
        assert _count(store) == 2
        with store.read() as conn:
            assert [e.action for e in store.repos.audit_log.entries(conn)] == ["passphrase_changed"]


@pytest.mark.usefixtures("no_keyring")
def test_change_passphrase_crash_keeps_the_old_one(paths: ProfilePaths, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(paths, passphrase=PASS, kdf=FAST_KDF) as store:
        seed(store, 2)
        monkeypatch.setattr("financehub_desktop.store.keys.atomic_write_bytes", _crash)
        with pytest.raises(RuntimeError):
            store.change_passphrase("a brand new passphrase")
    monkeypatch.undo()
    with open_store(paths, passphrase=PASS) as store:
        assert _count(store) == 2


def _crash(*_: object, **__: object) -> None:
    raise RuntimeError("simulated crash")


def test_rotate_key_reencrypts(paths: ProfilePaths) -> None:
    with open_store(paths) as store:
        seed(store, 5)
        old = keyring.get_password(KEYRING_SERVICE, "data-key:default")
        store.rotate_key()
        assert _count(store) == 5
    new = keyring.get_password(KEYRING_SERVICE, "data-key:default")
    assert new != old
    assert keyring.get_password(KEYRING_SERVICE, "data-key:default:pending") is None
    with open_store(paths) as store:
        assert _count(store) == 5
    keyring.set_password(KEYRING_SERVICE, "data-key:default", old or "")
    with pytest.raises(KeyMismatchError):
        open_store(paths)


@pytest.mark.parametrize("mode", ["keyring", "passphrase"])
@pytest.mark.parametrize("crash_at", ["before_rekey", "after_rekey", "during_promote"])
def test_rotation_crash_at_any_step_leaves_a_working_key(
    paths: ProfilePaths, monkeypatch: pytest.MonkeyPatch, mode: str, crash_at: str, memory_keyring: object
) -> None:
    if mode == "passphrase":
        from keyring.backends import fail

        keyring.set_keyring(fail.Keyring())
    options = {"passphrase": PASS, "kdf": FAST_KDF} if mode == "passphrase" else {}
    with open_store(paths, **options) as store:  # type: ignore[arg-type]
        seed(store, 7)
    store = open_store(paths, **options)  # type: ignore[arg-type]
    if crash_at == "before_rekey":
        monkeypatch.setattr(database_module, "_rekey", _crash)
    elif crash_at == "after_rekey":
        monkeypatch.setattr(store.key_store, "promote_pending", _crash)
    else:
        target = KeyringKeyStore if mode == "keyring" else PassphraseKeyStore
        if mode == "keyring":
            monkeypatch.setattr(target, "_delete", _crash)  # current already replaced, pending not yet deleted
        else:  # the pending key was written; the write that promotes it dies
            from financehub_desktop.store import keys

            real_write = keys.atomic_write_bytes
            calls: list[int] = []

            def write_once(*args: object, **kwargs: object) -> None:
                calls.append(1)
                if len(calls) > 1:
                    _crash()
                real_write(*args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(keys, "atomic_write_bytes", write_once)
    with pytest.raises(RuntimeError):
        store.rotate_key()
    store.close()
    monkeypatch.undo()
    if mode == "passphrase":
        from keyring.backends import fail

        keyring.set_keyring(fail.Keyring())
    with open_store(paths, **options) as reopened:  # type: ignore[arg-type]
        assert _count(reopened) == 7
    # and the interrupted rotation was settled: no pending key is left behind
    with open_store(paths, **options) as reopened:  # type: ignore[arg-type]
        slots = reopened.key_store.load()
        assert slots is not None
        assert slots.pending is None


def test_move_between_keyring_and_passphrase(paths: ProfilePaths) -> None:
    with open_store(paths, kdf=FAST_KDF) as store:
        seed(store, 1)
        store.protect_with_passphrase(PASS)
        assert store.key_mode == "passphrase"
    assert keyring.get_password(KEYRING_SERVICE, "data-key:default") is None
    with pytest.raises(PassphraseRequiredError):
        open_store(paths)
    with open_store(paths, passphrase=PASS) as store:
        store.move_key_to_keyring()
    assert not paths.key_file.exists()
    with open_store(paths) as store:
        assert _count(store) == 1


@pytest.mark.usefixtures("no_keyring")
def test_the_demo_store_opens_the_same_without_a_keyring_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app's demo and `financehub sync --demo` must open the same demo, even in a shell whose
    FINANCEHUB_PASSPHRASE is the user's real one."""
    paths = profile_paths("demo")
    monkeypatch.setenv("FINANCEHUB_PASSPHRASE", "the user's real passphrase")
    with open_demo_store(paths) as store:
        assert store.key_mode == "passphrase"
        with store.write() as conn:
            store.audit(conn, "export_made", None)
    monkeypatch.delenv("FINANCEHUB_PASSPHRASE")
    with open_demo_store(paths) as again:  # no environment: the same key
        assert again.key_mode == "passphrase"
    assert json.loads(paths.key_file.read_text())["kdf"]["n"] == DEMO_KDF.n  # a public passphrase: cheap KDF


def test_the_demo_store_uses_the_keyring_when_there_is_one() -> None:
    with open_demo_store(profile_paths("demo")) as store:
        assert store.key_mode == "keyring"
    assert not profile_paths("demo").key_file.exists()
