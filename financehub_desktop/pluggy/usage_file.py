"""The client's metrics kept after the process ends, so ``financehub doctor`` can report a session it did not run.

One small JSON file per profile (``ProfilePaths.api_usage_file``, beside the logs): for each source (``app``, ``sync``)
the last session's ``ClientMetrics.snapshot()`` and when it was saved. A snapshot holds endpoint templates
(``GET /items/{id}``), counts, statuses, error class names and latencies: never an id, a key or a body. A damaged
file reads as empty (and is replaced by the next save): usage numbers are never worth an error.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..config.files import atomic_write_text
from ..config.logs import get_logger
from ..domain.errors import StorageError

SOURCES = ("app", "sync")
log = get_logger("pluggy")


def load_usage(path: Path) -> dict[str, dict[str, Any]]:
    """``{source: {"saved_at": iso text, "snapshot": {...}}}``; empty when there is no (readable) file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("API usage file %s unreadable (%s): ignored", path, type(exc).__name__)
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        source: entry
        for source, entry in data.items()
        if source in SOURCES and isinstance(entry, dict) and isinstance(entry.get("snapshot"), dict)
    }


def save_usage(path: Path, source: str, snapshot: dict[str, Any], *, now: datetime | None = None) -> None:
    """Keep ``snapshot`` as the last session of ``source`` (the other source's entry is kept). Never raises: a full
    disk must not turn the end of a sync into an error."""
    if source not in SOURCES:
        raise ValueError(f"unknown usage source {source!r}")
    if not snapshot.get("totals", {}).get("calls"):
        return  # a session that never called Pluggy leaves the last real one in place
    usage = load_usage(path)
    usage[source] = {"saved_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"), "snapshot": snapshot}
    try:
        atomic_write_text(path, json.dumps(usage, indent=1, sort_keys=True))
    except StorageError as exc:  # disk full, read-only folder: typed by atomic_write_text
        log.warning("API usage not saved to %s: %s", path, type(exc).__name__)
