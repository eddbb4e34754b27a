"""The relay's event log: plain SQLite (WAL, ``synchronous=FULL``), one row per ``eventId``, in arrival order.

``seq`` is an ``AUTOINCREMENT`` key, so it only grows and is never reused, even after retention deletes rows: it
is the cursor the app pulls by. A second delivery of an ``eventId`` inserts nothing and reports the first row's
cursor. The body is kept exactly as Pluggy sent it (valid UTF-8 JSON, checked before it gets here), so the feed
hands the app the original bytes, numbers and all. Every call holds one lock: the relay is one process, writes are
a few milliseconds each (the fsync), and a single connection keeps ordering simple.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

SCHEMA_VERSION: Final = 1
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT    NOT NULL UNIQUE,
    event       TEXT    NOT NULL,
    received_at REAL    NOT NULL,
    source      TEXT    NOT NULL,
    body        TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS events_received_at ON events (received_at);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""


class RelayStoreError(Exception):
    """The event database cannot be opened or written (disk full, permissions, a newer schema)."""


@dataclass(frozen=True, slots=True)
class StoreResult:
    """The outcome of one delivery: its cursor, and whether it had been stored before."""

    seq: int
    duplicate: bool


@dataclass(frozen=True, slots=True)
class StoredEvent:
    seq: int
    event_id: str
    event: str
    received_at: float
    body: str


@dataclass(frozen=True, slots=True)
class FeedPage:
    """Events after a cursor, plus what the app needs to notice a gap or a reset relay."""

    events: tuple[StoredEvent, ...]
    next_cursor: int  # pass as ``after`` next time
    has_more: bool
    latest_cursor: int  # the highest cursor ever assigned; a client cursor above it means the relay was reset
    pruned_through: int  # events up to this cursor were deleted by retention

    def missed_events(self, after: int) -> bool:
        """True when retention deleted events the client had not pulled yet."""
        return after < self.pruned_through


class EventStore:
    """Durable, deduplicated, ordered storage of webhook deliveries."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise RelayStoreError(f"cannot open the event database {path}: {exc}") from None
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RelayStoreError(f"{path} was written by a newer relay (schema {version}); upgrade this one")
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            self._db.close()
            raise RelayStoreError(f"the event database {path} is not usable: {exc}") from None
        except RelayStoreError:
            self._db.close()
            raise

    # ------------------------------------------------------------------------------------------ writes
    def add(self, *, event_id: str, event: str, body: str, received_at: float, source: str) -> StoreResult:
        """Store a delivery once; a repeated ``event_id`` changes nothing and returns the stored cursor."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    cursor = self._db.execute(
                        "INSERT INTO events (event_id, event, received_at, source, body) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (event_id) DO NOTHING",
                        (event_id, event, received_at, source, body),
                    )
                    if cursor.rowcount == 1 and cursor.lastrowid is not None:
                        result = StoreResult(seq=cursor.lastrowid, duplicate=False)
                    else:
                        row = self._db.execute("SELECT seq FROM events WHERE event_id = ?", (event_id,)).fetchone()
                        result = StoreResult(seq=int(row[0]), duplicate=True)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise RelayStoreError(f"cannot store the event: {exc}") from None
            return result

    def prune(self, older_than: float) -> int:
        """Delete events received before ``older_than`` (Unix time); remembers the highest cursor deleted."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    row = self._db.execute(
                        "SELECT COUNT(*), MAX(seq) FROM events WHERE received_at < ?", (older_than,)
                    ).fetchone()
                    count, highest = int(row[0]), row[1]
                    if count:
                        self._db.execute("DELETE FROM events WHERE received_at < ?", (older_than,))
                        self._db.execute(
                            "INSERT INTO meta (key, value) VALUES ('pruned_through', ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)",
                            (int(highest),),
                        )
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise RelayStoreError(f"cannot prune old events: {exc}") from None
            return count

    # ------------------------------------------------------------------------------------------ reads
    def page(self, after: int, limit: int) -> FeedPage:
        """Up to ``limit`` events with a cursor above ``after``, oldest first."""
        with self._lock:
            try:
                rows = self._db.execute(
                    "SELECT seq, event_id, event, received_at, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                    (after, limit + 1),
                ).fetchall()
                latest = self._latest_cursor()
                pruned = self._db.execute("SELECT value FROM meta WHERE key = 'pruned_through'").fetchone()
            except sqlite3.Error as exc:
                raise RelayStoreError(f"cannot read events: {exc}") from None
        events = tuple(StoredEvent(int(r[0]), r[1], r[2], float(r[3]), r[4]) for r in rows[:limit])
        return FeedPage(
            events=events,
            next_cursor=events[-1].seq if events else after,
            has_more=len(rows) > limit,
            latest_cursor=latest,
            pruned_through=int(pruned[0]) if pruned else 0,
        )

    def _latest_cursor(self) -> int:
        row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
        return int(row[0]) if row else 0

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def ping(self) -> bool:
        """The database answers a query (for ``/healthz``)."""
        try:
            with self._lock:
                self._db.execute("SELECT 1 FROM events LIMIT 1").fetchall()
        except sqlite3.Error:
            return False
        return True

    def close(self) -> None:
        with self._lock:
            self._db.close()
