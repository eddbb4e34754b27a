"""What a sync tells the outside world while it runs (progress) and when it ends (the report).

Plain Python: the UI's adapter turns ``SyncProgress`` into a Qt signal, the CLI draws a bar, the scheduler keeps the
last reports for the "sync history" view. Observers are called on the event loop's thread and must return quickly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from financehub_desktop.domain.errors import FinanceHubError


@dataclass(slots=True)
class Counts:
    """Rows per resource: inserted, updated, unchanged and removed (marked hidden)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def add(self, inserted: int = 0, updated: int = 0, unchanged: int = 0, removed: int = 0) -> None:
        self.inserted += inserted
        self.updated += updated
        self.unchanged += unchanged
        self.removed += removed

    @property
    def written(self) -> int:
        return self.inserted + self.updated + self.removed

    def as_dict(self) -> dict[str, int]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
        }


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """One step of a running sync: ``phase`` is a stable key (``refresh``, ``waiting``, ``accounts``,
    ``transactions``, ...), ``done``/``total`` count finished units of work (``total`` 0 when unknown)."""

    item_id: str
    phase: str
    message: str
    done: int = 0
    total: int = 0


ProgressObserver = Callable[[SyncProgress], None]


@dataclass(slots=True)
class SyncReport:
    """The outcome of syncing one item; ``status`` is ``succeeded``, ``partial`` (some product failed) or
    ``failed`` (the item itself ended in error: ``error`` says which, as a typed error with help)."""

    item_id: str
    run_id: int | None = None
    trigger: str = "user"
    status: str = "running"
    started_at: datetime | None = None
    finished_at: datetime | None = None
    refreshed: bool = False
    refresh_note: str | None = None
    resumed: bool = False
    accounts: list[str] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)
    error: FinanceHubError | None = None
    product_errors: dict[str, FinanceHubError] = field(default_factory=dict)

    def counts_for(self, resource: str) -> Counts:
        return self.counts.setdefault(resource, Counts())

    @property
    def duration_seconds(self) -> float:
        if self.started_at is None or self.finished_at is None:
            return 0.0
        return (self.finished_at - self.started_at).total_seconds()

    @property
    def total(self) -> Counts:
        total = Counts()
        for c in self.counts.values():
            total.add(c.inserted, c.updated, c.unchanged, c.removed)
        return total

    @property
    def errors(self) -> list[FinanceHubError]:
        return ([self.error] if self.error else []) + list(self.product_errors.values())

    def counts_json(self) -> dict[str, Any]:
        """What the journal keeps in ``sync_runs.counts`` (the UI's sync history reads it back)."""
        out: dict[str, Any] = {name: c.as_dict() for name, c in sorted(self.counts.items())}
        if self.refresh_note:
            out["_refresh_note"] = self.refresh_note
        if self.product_errors:
            out["_product_errors"] = {name: e.code for name, e in sorted(self.product_errors.items())}
        return out

    def raise_for_error(self) -> None:
        if self.error is not None:
            raise self.error
