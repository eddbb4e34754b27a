"""Damaged files give a clear typed error, never a crash or a silently wrong answer (Electrum's truncation test)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.domain.errors import DatabaseCorruptError, FinanceHubError
from financehub_desktop.store import database, open_store
from financehub_desktop.store.types import utc_now

from .conftest import seed

PAGE = 4096


def _build(paths: ProfilePaths, rows: int = 300) -> None:
    with open_store(paths) as store:
        seed(store, rows)
        raw = store.engine.raw_connection()
        try:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()


def test_a_damaged_page_is_reported_as_corruption(paths: ProfilePaths) -> None:
    _build(paths)
    data = bytearray(paths.database.read_bytes())
    pages = len(data) // PAGE
    assert pages > 8
    middle = (pages // 2) * PAGE + 100
    data[middle : middle + 16] = bytes(16)
    paths.database.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorruptError) as info:
        open_store(paths)
    assert "Restaure o backup" in " ".join(info.value.help("pt_BR").steps)


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.25, 0.5, 0.75, 0.99])
def test_truncated_file_gives_a_typed_error_or_a_valid_store(paths: ProfilePaths, fraction: float) -> None:
    _build(paths)
    data = paths.database.read_bytes()
    cut = int(len(data) * fraction)
    paths.database.write_bytes(data[:cut])
    if cut == 0:  # an empty file is a new, empty store
        with open_store(paths) as store, store.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM transactions").scalar_one() == 0
        return
    with pytest.raises(FinanceHubError) as info:
        open_store(paths)
    assert info.value.is_known


def test_big_stores_are_fully_checked_once_a_week(paths: ProfilePaths, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(paths, 20)
    monkeypatch.setattr(database, "FULL_CHECK_MAX_BYTES", 0)  # pretend the store is huge
    calls: list[int] = []
    real = database._quick_check
    monkeypatch.setattr(database, "_quick_check", lambda raw, path: (calls.append(1), real(raw, path))[1])
    with open_store(paths) as store:
        checked = store.last_integrity_check()
    assert checked is not None
    assert calls == []  # checked when it was built, moments ago
    with open_store(paths) as store, store.write() as conn:
        old = (utc_now() - timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        conn.exec_driver_sql("UPDATE store_meta SET value = ? WHERE key = 'last_integrity_check'", (old,))
    with open_store(paths) as store:
        assert calls == [1]
        store.verify_integrity()
        assert calls == [1, 1]
    with open_store(paths, check_integrity=True):
        assert calls == [1, 1, 1]
