"""The data key: a random 32-byte key that opens the SQLCipher database, kept in the OS keyring or, with no usable
keyring, wrapped by a master passphrase in a small key file beside the database. Never stored in plain text.

Each key store holds two slots: ``current`` (the key that opens the database) and, only while a key rotation is in
flight, ``pending`` (the next key). Rotation writes ``pending`` first, then re-keys the database, then promotes
``pending`` to ``current``; on open, when ``current`` does not open the database but ``pending`` does, the rotation
is finished. So a crash at any step leaves a key that works (``store.database`` does the re-keying).

Key file (``financehub.key``, JSON, written atomically)::

    {"format": "financehub-key", "version": 1, "profile": "default",
     "kdf": {"name": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": "<base64>"},
     "slots": {"current": {"nonce": "<base64>", "ciphertext": "<base64>"}, "pending": {...}}}

The key-encryption key is scrypt(passphrase NFC-normalised, salt); each slot is AES-256-GCM with associated data
binding the format, version, profile, slot name and KDF parameters, so a slot cannot be moved or its parameters
weakened without the tag failing.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import keyring
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backends import fail

from financehub_desktop.config.files import atomic_write_bytes, storage_error_for
from financehub_desktop.domain.errors import (
    InvalidInputError,
    KeyFileError,
    KeyMissingError,
    KeyringUnavailableError,
    WrongPassphraseError,
)

from .engine import KEY_BYTES

KEYRING_SERVICE = "financehub-desktop"
PASSPHRASE_ENV = "FINANCEHUB_PASSPHRASE"  # noqa: S105  (the variable's name, not a secret)
KEY_FILE_FORMAT = "financehub-key"
KEY_FILE_VERSION = 1
MIN_PASSPHRASE_LENGTH = 8
KeyMode = Literal["keyring", "passphrase"]
Slot = Literal["current", "pending"]


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """scrypt cost. The default (N=2^17, r=8, p=1: 128 MiB, ~0.5 s) follows OWASP; tests pass a cheap one."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def validate(self) -> ScryptParams:
        if self.n < 2**10 or self.n > 2**22 or self.n & (self.n - 1) or not 1 <= self.r <= 32 or not 1 <= self.p <= 16:
            raise KeyFileError(f"unsupported scrypt parameters n={self.n} r={self.r} p={self.p}")
        return self

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        normalised = unicodedata.normalize("NFC", passphrase).encode("utf-8")
        return Scrypt(salt=salt, length=32, n=self.n, r=self.r, p=self.p).derive(normalised)


#: The demo profile's passphrase when there is no keyring. It is public (it is here), so it protects nothing: the
#: demo holds only the sandbox's invented data, and its key file uses cheap scrypt (``DEMO_KDF``).
DEMO_PASSPHRASE = "financehub-demo-profile"  # noqa: S105
DEMO_KDF = ScryptParams(n=2**10, r=8, p=1)


@dataclass(frozen=True, slots=True)
class KeySlots:
    current: bytes
    pending: bytes | None = None


class KeyStore(Protocol):
    """Where a profile's data key lives. Every write is durable before it returns."""

    mode: KeyMode

    def load(self) -> KeySlots | None: ...
    def save_new(self, key: bytes) -> None: ...
    def set_pending(self, key: bytes) -> None: ...
    def promote_pending(self) -> None: ...
    def clear_pending(self) -> None: ...
    def delete(self) -> None: ...


# ---------------------------------------------------------------------------------------------- passphrase source
def resolve_passphrase(
    passphrase: str | None = None,
    passphrase_file: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> str | None:
    """The passphrase for non-interactive use: the argument, else the file's first line, else FINANCEHUB_PASSPHRASE."""
    env = os.environ if env is None else env
    if passphrase is None and passphrase_file is not None:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInputError(f"passphrase file {passphrase_file} cannot be read: {exc.strerror}") from exc
        passphrase = text.splitlines()[0] if text else ""
    if passphrase is None:
        passphrase = env.get(PASSPHRASE_ENV) or None
    if passphrase is not None and not passphrase:
        raise InvalidInputError("the passphrase is empty")
    return passphrase


def check_new_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInputError(f"a master passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters")
    return passphrase


# ---------------------------------------------------------------------------------------------- keyring
def keyring_usable() -> bool:
    """False when the only backend is keyring's ``fail.Keyring`` (no D-Bus, no Secret Service)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # keyring's own discovery can fail in odd environments
        return False
    return not isinstance(backend, fail.Keyring)


class KeyringKeyStore:
    mode: KeyMode = "keyring"

    def __init__(self, profile: str) -> None:
        self.profile = profile
        self._names: dict[Slot, str] = {"current": f"data-key:{profile}", "pending": f"data-key:{profile}:pending"}

    def _get(self, slot: Slot) -> bytes | None:
        try:
            value = keyring.get_password(KEYRING_SERVICE, self._names[slot])
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from exc
        if value is None:
            return None
        try:
            key = bytes.fromhex(value)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise KeyMissingError(f"the keyring entry {self._names[slot]!r} is not a data key")
        return key

    def _set(self, slot: Slot, key: bytes) -> None:
        try:
            keyring.set_password(KEYRING_SERVICE, self._names[slot], key.hex())
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from exc

    def _delete(self, slot: Slot) -> None:
        try:
            keyring.delete_password(KEYRING_SERVICE, self._names[slot])
        except keyring.errors.PasswordDeleteError:
            pass  # already absent
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(type(exc).__name__) from exc

    def load(self) -> KeySlots | None:
        if not keyring_usable():
            raise KeyringUnavailableError("no keyring backend")
        current = self._get("current")
        pending = self._get("pending")
        if current is None:
            # A crash inside promote_pending() after the delete of current cannot happen (we set current first),
            # but a lone pending key is still a key worth trying.
            return None if pending is None else KeySlots(pending, None)
        return KeySlots(current, pending)

    def save_new(self, key: bytes) -> None:
        self._set("current", key)

    def set_pending(self, key: bytes) -> None:
        self._set("pending", key)

    def promote_pending(self) -> None:
        pending = self._get("pending")
        if pending is None:
            return
        self._set("current", pending)  # first the new current: a crash here leaves current == pending
        self._delete("pending")

    def clear_pending(self) -> None:
        self._delete("pending")

    def delete(self) -> None:
        self._delete("pending")
        self._delete("current")


# ---------------------------------------------------------------------------------------------- key file
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError("a base64 field is not text")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFileError("a base64 field is damaged") from exc


class PassphraseKeyStore:
    """The data key wrapped by a key derived from the master passphrase, in a versioned JSON file."""

    mode: KeyMode = "passphrase"

    def __init__(self, path: Path, profile: str, passphrase: str, kdf: ScryptParams | None = None) -> None:
        self.path = Path(path)
        self.profile = profile
        self._passphrase = passphrase
        self._kdf = (kdf or ScryptParams()).validate()
        self._salt: bytes | None = None
        self._kek: bytes | None = None
        self._slots: KeySlots | None = None

    # -- file I/O
    def _aad(self, slot: Slot, kdf: ScryptParams) -> bytes:
        return f"{KEY_FILE_FORMAT}/{KEY_FILE_VERSION}/{self.profile}/{slot}/scrypt:{kdf.n}:{kdf.r}:{kdf.p}".encode()

    def _read(self) -> dict[str, Any] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise storage_error_for(exc, self.path) from exc
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KeyFileError(f"{self.path}: not a FinanceHub key file") from exc
        if not isinstance(doc, dict) or doc.get("format") != KEY_FILE_FORMAT:
            raise KeyFileError(f"{self.path}: not a FinanceHub key file")
        version = doc.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > KEY_FILE_VERSION:
            raise KeyFileError(f"{self.path}: key file version {version} is newer than this app; update FinanceHub")
        if version != KEY_FILE_VERSION or isinstance(version, bool):
            raise KeyFileError(f"{self.path}: unknown key file version {version!r}")
        return doc

    def _write(self, slots: KeySlots) -> None:
        assert self._kek is not None
        assert self._salt is not None
        kdf = self._kdf
        doc_slots: dict[str, dict[str, str]] = {}
        for name, key in (("current", slots.current), ("pending", slots.pending)):
            if key is None:
                continue
            nonce = secrets.token_bytes(12)
            sealed = AESGCM(self._kek).encrypt(nonce, key, self._aad(name, kdf))  # type: ignore[arg-type]
            doc_slots[name] = {"nonce": _b64(nonce), "ciphertext": _b64(sealed)}
        doc = {
            "format": KEY_FILE_FORMAT,
            "version": KEY_FILE_VERSION,
            "profile": self.profile,
            "kdf": {"name": "scrypt", "n": kdf.n, "r": kdf.r, "p": kdf.p, "salt": _b64(self._salt)},
            "slots": doc_slots,
        }
        atomic_write_bytes(self.path, json.dumps(doc, indent=2).encode("utf-8") + b"\n", mode=0o600)
        self._slots = slots

    def _open_slot(self, doc_slots: Mapping[str, Any], slot: Slot) -> bytes | None:
        sealed = doc_slots.get(slot)
        if sealed is None:
            return None
        if not isinstance(sealed, dict):
            raise KeyFileError(f"{self.path}: slot {slot} is damaged")
        assert self._kek is not None
        key = AESGCM(self._kek).decrypt(
            _unb64(sealed.get("nonce")), _unb64(sealed.get("ciphertext")), self._aad(slot, self._kdf)
        )
        if len(key) != KEY_BYTES:
            raise KeyFileError(f"{self.path}: slot {slot} does not hold a data key")
        return key

    # -- KeyStore
    def load(self) -> KeySlots | None:
        doc = self._read()
        if doc is None:
            return None
        kdf_doc = doc.get("kdf")
        slots_doc = doc.get("slots")
        if not isinstance(kdf_doc, dict) or kdf_doc.get("name") != "scrypt" or not isinstance(slots_doc, dict):
            raise KeyFileError(f"{self.path}: unsupported key derivation")
        try:
            self._kdf = ScryptParams(int(kdf_doc["n"]), int(kdf_doc["r"]), int(kdf_doc["p"])).validate()
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyFileError(f"{self.path}: damaged key derivation parameters") from exc
        self._salt = _unb64(kdf_doc.get("salt"))
        self._kek = self._kdf.derive(self._passphrase, self._salt)
        try:
            current = self._open_slot(slots_doc, "current")
        except InvalidTag as exc:
            raise WrongPassphraseError() from exc
        try:
            pending = self._open_slot(slots_doc, "pending")
        except InvalidTag:
            pending = None  # only a half-written rotation could leave this; current still works
        if current is None:
            if pending is None:
                raise KeyFileError(f"{self.path}: holds no key")
            current, pending = pending, None
        self._slots = KeySlots(current, pending)
        return self._slots

    def save_new(self, key: bytes) -> None:
        self._salt = secrets.token_bytes(16)
        self._kek = self._kdf.derive(self._passphrase, self._salt)
        self._write(KeySlots(key, None))

    def _loaded(self) -> KeySlots:
        if self._slots is None:
            slots = self.load()
            if slots is None:
                raise KeyMissingError(f"{self.path} does not exist")
            return slots
        return self._slots

    def set_pending(self, key: bytes) -> None:
        self._write(KeySlots(self._loaded().current, key))

    def promote_pending(self) -> None:
        slots = self._loaded()
        if slots.pending is not None:
            self._write(KeySlots(slots.pending, None))

    def clear_pending(self) -> None:
        slots = self._loaded()
        if slots.pending is not None:
            self._write(KeySlots(slots.current, None))

    def change_passphrase(self, new_passphrase: str, kdf: ScryptParams | None = None) -> None:
        """Re-wrap the same key(s) under a new passphrase: one atomic file replace, so old or new works, never none."""
        slots = self._loaded()
        self._passphrase = check_new_passphrase(new_passphrase)
        self._kdf = (kdf or self._kdf).validate()
        self._salt = secrets.token_bytes(16)
        self._kek = self._kdf.derive(self._passphrase, self._salt)
        self._write(slots)

    def delete(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise storage_error_for(exc, self.path) from exc
