"""Parsers and encoders of the store, under hypothesis: exact money, canonical JSON, hostile key files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.domain.errors import (
    FinanceHubError,
    KeyFileError,
    KeyringUnavailableError,
    WrongPassphraseError,
)
from financehub_desktop.domain.money import parse_json
from financehub_desktop.store import open_store
from financehub_desktop.store.keys import PassphraseKeyStore
from financehub_desktop.store.types import canonical_json, decimal_text, parse_utc_text, utc_text

from .conftest import FAST_KDF

decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None, min_value=-(10**15), max_value=10**15)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | decimals | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(decimals)
def test_decimal_text_is_exact(value: Decimal) -> None:
    assert Decimal(decimal_text(value)) == value
    assert "E" not in decimal_text(value)


@given(json_values)
def test_canonical_json_round_trips_exactly(value: object) -> None:
    text = canonical_json(value)
    assert parse_json(text) == value
    assert canonical_json(parse_json(text)) == text  # stable: same data, same text, same content hash


def test_canonical_json_survives_text_that_looks_like_its_decimal_mark() -> None:
    value = {"a": "\u0000D:5\u0000", "b": Decimal("1.10")}
    assert parse_json(canonical_json(value)) == value


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_key_file_content_gives_a_typed_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "financehub.key"
    path.write_bytes(content)
    with pytest.raises(FinanceHubError) as info:
        PassphraseKeyStore(path, "default", "whatever passphrase", FAST_KDF).load()
    assert isinstance(info.value, KeyFileError | WrongPassphraseError)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["format", "version", "kdf", "slots", "profile"]), junk=json_values)
def test_mangled_key_file_fields_give_a_typed_error(tmp_path: Path, field: str, junk: object) -> None:
    path = tmp_path / "k" / "financehub.key"
    store = PassphraseKeyStore(path, "default", "whatever passphrase", FAST_KDF)
    store.save_new(bytes(32))
    doc = json.loads(path.read_text())
    doc[field] = json.loads(json.dumps(junk, default=str))
    path.write_text(json.dumps(doc))
    loader = PassphraseKeyStore(path, "default", "whatever passphrase", FAST_KDF)
    still_valid = field == "profile" or (field == "version" and doc[field] == 1 and not isinstance(doc[field], bool))
    if still_valid:  # the profile field is informational (the profile is bound into each slot's tag instead)
        assert loader.load() is not None
    else:
        with pytest.raises((KeyFileError, WrongPassphraseError)):
            loader.load()


class _LockedKeyring(keyring.backend.KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def test_a_locked_keyring_is_unavailable_not_a_crash(paths: ProfilePaths) -> None:
    keyring.set_keyring(_LockedKeyring())
    with pytest.raises(KeyringUnavailableError):
        open_store(paths)
    with open_store(paths, passphrase="a good passphrase", kdf=FAST_KDF) as store:
        assert store.key_mode == "passphrase"


_OFFSETS = [UTC, timezone(timedelta(hours=-3)), timezone(timedelta(hours=5, minutes=30))]
# fixed offsets: zoneinfo times inside a DST fold or gap compare unequal across zones by Python's own rules
aware = st.datetimes(timezones=st.sampled_from(_OFFSETS), min_value=datetime(1900, 1, 2))


@given(aware, aware)
def test_utc_text_round_trips_and_sorts_like_time(a: datetime, b: datetime) -> None:
    assert parse_utc_text(utc_text(a)) == a
    assert (utc_text(a) < utc_text(b)) == (a < b)
