"""Turns the services' plain-Python change events into a Qt signal delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from financehub_desktop.services.events import Change, EventBus


class QtEventAdapter(QObject):
    """``changed`` is emitted for every published ``Change``; a queued connection carries events published from
    worker threads over to the GUI thread, so slots never run concurrently with the UI."""

    changed = Signal(object)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        unsubscribe = bus.subscribe(self._on_change)
        self._unsubscribe = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())  # must not capture self: it is being destroyed

    def _on_change(self, change: Change) -> None:
        self.changed.emit(change)

    def close(self) -> None:
        self._unsubscribe()
