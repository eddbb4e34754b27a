"""The Pluggy API usage kept for `financehub doctor`: per source, tolerant of a damaged file, never an error."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from financehub_desktop.domain.errors import DiskFullError
from financehub_desktop.pluggy import usage_file
from financehub_desktop.pluggy.metrics import ClientMetrics
from financehub_desktop.pluggy.usage_file import load_usage, save_usage


def _snapshot(calls: int) -> dict[str, object]:
    metrics = ClientMetrics()
    for _ in range(calls):
        metrics.record_attempt("GET /accounts", 0.05, 200)
        metrics.record_call("GET /accounts", None)
    return metrics.snapshot()


def test_each_source_keeps_its_last_session(tmp_path: Path) -> None:
    path = tmp_path / "pluggy-usage.json"
    save_usage(path, "sync", _snapshot(2), now=datetime(2026, 12, 1, tzinfo=UTC))
    save_usage(path, "app", _snapshot(5))
    save_usage(path, "sync", _snapshot(3), now=datetime(2026, 12, 2, tzinfo=UTC))
    usage = load_usage(path)
    assert usage["app"]["snapshot"]["totals"]["calls"] == 5
    assert usage["sync"]["snapshot"]["totals"]["calls"] == 3
    assert usage["sync"]["saved_at"] == "2026-12-02T00:00:00+00:00"


def test_a_session_without_calls_leaves_the_last_real_one(tmp_path: Path) -> None:
    path = tmp_path / "pluggy-usage.json"
    save_usage(path, "app", _snapshot(4))
    save_usage(path, "app", _snapshot(0))
    save_usage(path, "app", {})
    assert load_usage(path)["app"]["snapshot"]["totals"]["calls"] == 4


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"app": "x", "other": {"snapshot": {}}}', ""])
def test_a_damaged_file_reads_as_empty_and_is_replaced(tmp_path: Path, content: str) -> None:
    path = tmp_path / "pluggy-usage.json"
    path.write_text(content)
    assert load_usage(path) == {}
    save_usage(path, "sync", _snapshot(1))
    assert json.loads(path.read_text())["sync"]["snapshot"]["totals"]["calls"] == 1


def test_a_full_disk_does_not_turn_a_sync_into_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, text: str, mode: int = 0o600) -> None:
        raise DiskFullError(str(path), path=str(path))

    monkeypatch.setattr(usage_file, "atomic_write_text", full)
    save_usage(tmp_path / "pluggy-usage.json", "app", _snapshot(1))  # logged, not raised
    assert not (tmp_path / "pluggy-usage.json").exists()


def test_unknown_source_is_a_bug(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown usage source"):
        save_usage(tmp_path / "u.json", "cron", _snapshot(1))
