"""Change events: a service command writes, then publishes what changed; views refresh on it.

Plain Python (no Qt): the UI's adapter (``ui/qt_events.py``) re-emits each event as a Qt signal on the GUI thread,
as Anki's ``operation_did_execute`` and Electrum's ``QtEventListener`` do. Subscribers never call each other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from financehub_desktop.config.logs import get_logger

log = get_logger("services")


class Topic(StrEnum):
    CREDENTIALS = "credentials"
    ITEMS = "items"  # connections: added, removed, status changed
    ACCOUNTS = "accounts"
    TRANSACTIONS = "transactions"
    INVESTMENTS = "investments"
    BILLS = "bills"
    LOANS = "loans"
    PAYMENTS = "payments"
    CATEGORIES = "categories"
    SETTINGS = "settings"
    SYNC_PROGRESS = "sync_progress"
    SYNC_FINISHED = "sync_finished"


@dataclass(frozen=True, slots=True)
class Change:
    topic: Topic
    item_id: str | None = None
    ids: tuple[str, ...] = ()
    detail: dict[str, object] = field(default_factory=dict)


Listener = Callable[[Change], None]


class EventBus:
    """Synchronous publish/subscribe. A failing listener is logged and never stops the others."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:
                log.exception("listener %r failed on %s", listener, change.topic)
