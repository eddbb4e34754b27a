"""The sync journal: each page of data is written in one store transaction together with its checkpoint.

A sync is a list of *listings* (one resource in one scope: the transactions of an account, the bills of a card...),
each made of *phases* (a full backfill; or a ``createdAtFrom`` window then a reconcile window). The checkpoint of a
scope (``sync_checkpoints``, one row per item/resource/scope) holds, as JSON ``state``:

- ``run``: the sync run the in-progress work belongs to; ``done``: the phases that run finished;
- ``phase``, ``cursor`` (the v2 ``after`` value or the next page number), ``params`` (the filters the phase started
  with, so a resumed phase sends exactly the same query) and ``seen`` (the ids listed so far);
- ``last_complete``: when the last complete listing started (the next ``createdAtFrom`` window begins there).

Kill the process anywhere: the store holds whole pages and the checkpoint of the last one. The next sync of the item
re-opens the interrupted run (``sync_runs.status = running``) and each listing continues after its last checkpoint;
a page fetched twice is written once (upserts are idempotent and unchanged rows are not rewritten). At the end of a
complete listing the rows of its scope that were not seen are marked removed, which is what a clean sync would do.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from financehub_desktop.config.logs import get_logger
from financehub_desktop.store.database import Store
from financehub_desktop.store.repositories import Repositories

from .progress import Counts, SyncReport

log = get_logger("sync")

#: (records of one page, the cursor of the next page or None at the end)
Fetch = Callable[[Any], Awaitable[tuple[Sequence[Any], Any]]]
#: writes one page; returns (counts of the write, the ids the page listed)
WritePage = Callable[[Connection, Sequence[Any]], tuple[Counts, list[str]]]
#: after a complete listing: marks the rows of the scope that were not seen; returns how many
Finish = Callable[[Connection, list[str]], int]


@dataclass(slots=True)
class ScopeState:
    run: int | None = None
    done: list[str] = field(default_factory=list)
    phase: str | None = None
    cursor: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)
    last_complete: str | None = None

    @classmethod
    def from_json(cls, value: Any) -> ScopeState:
        if not isinstance(value, dict):
            return cls()
        return cls(
            run=value.get("run"),
            done=list(value.get("done") or []),
            phase=value.get("phase"),
            cursor=value.get("cursor"),
            params=dict(value.get("params") or {}),
            seen=list(value.get("seen") or []),
            last_complete=value.get("last_complete"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "done": self.done,
            "phase": self.phase,
            "cursor": self.cursor,
            "params": self.params,
            "seen": self.seen,
            "last_complete": self.last_complete,
        }

    @property
    def last_complete_at(self) -> datetime | None:
        return datetime.fromisoformat(self.last_complete) if self.last_complete else None


class Journal:
    """Runs and checkpoints of one item's syncs."""

    def __init__(self, store: Store, repos: Repositories, item_id: str) -> None:
        self.store = store
        self.repos = repos
        self.item_id = item_id

    # ------------------------------------------------------------------------------------------ runs
    def open_run(self, trigger: str) -> tuple[int, datetime, bool]:
        """The run to work in: the item's interrupted run if there is one (resumed), else a new one."""
        with self.store.write() as conn:
            interrupted = [r for r in self.repos.journal.interrupted_runs(conn) if r.item_id == self.item_id]
            if interrupted:
                *older, latest = interrupted
                for run in older:
                    self.repos.journal.finish_run(conn, run.id, "cancelled", error_message="superseded")
                started = latest.started_at
                return int(latest.id), started if started.tzinfo else started.replace(tzinfo=UTC), True
            run_id = self.repos.journal.start_run(conn, self.item_id, trigger)
            row = next(r for r in self.repos.journal.recent_runs(conn, item_id=self.item_id, limit=1))
            return run_id, row.started_at, False

    def finish_run(self, report: SyncReport) -> None:
        if report.run_id is None:
            return
        error = report.error
        with self.store.write() as conn:
            self.repos.journal.finish_run(
                conn,
                report.run_id,
                report.status,  # type: ignore[arg-type]
                counts=report.counts_json(),
                error_code=error.code if error else None,
                error_message=error.message("en") if error else None,
            )

    # ------------------------------------------------------------------------------------------ checkpoints
    def state(self, resource: str, scope: str = "", conn: Connection | None = None) -> ScopeState:
        if conn is None:
            with self.store.read() as own:
                return self.state(resource, scope, own)
        checkpoint = self.repos.journal.checkpoint(conn, self.item_id, resource, scope)
        return ScopeState.from_json(checkpoint.state if checkpoint else None)

    def save(self, conn: Connection, resource: str, scope: str, state: ScopeState) -> None:
        self.repos.journal.save_checkpoint(
            conn,
            self.item_id,
            resource,
            scope,
            cursor=None if state.cursor is None else str(state.cursor),
            state=state.to_json(),
            run_id=state.run,
        )

    def is_done(self, run_id: int, resource: str, scope: str, phase: str) -> bool:
        state = self.state(resource, scope)
        return state.run == run_id and phase in state.done

    async def run_phase(
        self,
        *,
        run_id: int,
        resource: str,
        scope: str,
        phase: str,
        params: dict[str, Any],
        fetch: Callable[[dict[str, Any], Any], Awaitable[tuple[Sequence[Any], Any]]],
        write: WritePage,
        finish: Finish | None,
        counts: Counts,
        on_page: Callable[[], None] | None = None,
    ) -> dict[str, Any]:
        """One phase of a listing, resumable. Returns the params it ran with (the stored ones on a resume)."""
        state = self.state(resource, scope)
        if state.run != run_id:
            state = ScopeState(run=run_id, last_complete=state.last_complete)
        if phase in state.done:
            return state.params
        if state.phase != phase:
            state.phase, state.cursor, state.params, state.seen = phase, None, dict(params), []
            with self.store.write() as conn:
                self.save(conn, resource, scope, state)
        else:
            log.info("resuming %s/%s phase %s of item %s", resource, scope or "-", phase, self.item_id)
        run_params = dict(state.params)
        seen = list(state.seen)
        cursor = state.cursor
        while True:
            records, next_cursor = await fetch(run_params, cursor)
            with self.store.write() as conn:
                page_counts, ids = write(conn, records)
                seen.extend(ids)
                state.cursor, state.seen = next_cursor, seen
                if next_cursor is None:
                    if finish is not None:
                        page_counts.removed += finish(conn, seen)
                    state.done.append(phase)
                    state.phase, state.cursor, state.seen = None, None, []
                self.save(conn, resource, scope, state)
            counts.add(page_counts.inserted, page_counts.updated, page_counts.unchanged, page_counts.removed)
            if on_page is not None:
                on_page()
            if next_cursor is None:
                return run_params
            cursor = next_cursor

    def complete(self, run_id: int, resource: str, scope: str, started_at: datetime) -> None:
        """Mark a listing complete: the next incremental window starts at ``started_at``."""
        with self.store.write() as conn:
            state = self.state(resource, scope, conn)
            if state.run != run_id:
                state = ScopeState(run=run_id, last_complete=state.last_complete)
            state.last_complete = started_at.astimezone(UTC).isoformat()
            state.done.append("complete")
            self.save(conn, resource, scope, state)
