"""Running a blocking service call (applying categorisation rules over 100k transactions, ...) on a worker thread of
``QThreadPool`` and getting its result back on the GUI thread, the way the Transactions page counts in the background.

The store gives each thread its own pooled SQLCipher connection, and the services' change events reach the widgets
through ``QtEventAdapter`` (queued onto the GUI thread), so a service call may run on any thread.

Lifetime: the job and its signals object are kept in ``_RUNNING`` until the call ends, whatever happens to the widget
that started it. A receiver that is closed or deleted meanwhile calls ``BackgroundJob.drop()`` (or is simply
destroyed: Qt drops the connections of a deleted receiver): the call still finishes and its result is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import FinanceHubError

log = get_logger("ui")
_RUNNING: set[BackgroundJob] = set()
_RUNNING_LOCK = threading.Lock()


class _JobSignals(QObject):
    done = Signal(object)  # the call's result
    failed = Signal(object)  # the FinanceHubError it raised (a bug arrives as the unexpected FinanceHubError)


class _Relay(QObject):
    """The receiver's child on the GUI thread, where the job's queued signals land: when the receiver is deleted,
    so is the relay, and Qt drops the pending delivery."""

    def __init__(
        self, receiver: QObject, on_done: Callable[[Any], None], on_error: Callable[[FinanceHubError], None]
    ) -> None:
        super().__init__(receiver)
        self.on_done, self.on_error = on_done, on_error
        self.dropped = False

    def deliver_done(self, result: object) -> None:
        if not self.dropped:
            self.on_done(result)
        self.deleteLater()

    def deliver_error(self, error: object) -> None:
        if not self.dropped:
            assert isinstance(error, FinanceHubError)
            self.on_error(error)
        self.deleteLater()


class BackgroundJob(QRunnable):
    """``action()`` on a pool thread; ``on_done(result)`` or ``on_error(error)`` later on the GUI thread (``start``
    is called there). ``receiver`` scopes the callbacks: they never run once it is destroyed or ``drop()`` is called.
    A known ``FinanceHubError`` reaches ``on_error`` as raised; any other exception is logged with its traceback and
    arrives as the "something unexpected went wrong" ``FinanceHubError``."""

    def __init__(
        self,
        action: Callable[[], Any],
        receiver: QObject,
        on_done: Callable[[Any], None],
        on_error: Callable[[FinanceHubError], None],
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it (``_RUNNING`` while it runs), never the pool
        self.action = action
        self.signals = _JobSignals()
        self.finished = threading.Event()
        self._relay = _Relay(receiver, on_done, on_error)
        self.signals.done.connect(self._relay.deliver_done)
        self.signals.failed.connect(self._relay.deliver_error)

    def start(self) -> BackgroundJob:
        with _RUNNING_LOCK:
            _RUNNING.add(self)
        QThreadPool.globalInstance().start(self)
        return self

    def drop(self) -> None:
        """Forget the result: the receiver is going away (the call itself cannot be interrupted)."""
        self._relay.dropped = True

    def run(self) -> None:
        try:
            try:
                result = self.action()
            except FinanceHubError as error:
                if not error.is_known:
                    log.error("background call failed", exc_info=(type(error), error, error.__traceback__))
                self.signals.failed.emit(error)
            except Exception as exc:  # a bug: logged with its traceback here, shown as "something unexpected"
                log.error("background call failed", exc_info=(type(exc), exc, exc.__traceback__))
                self.signals.failed.emit(FinanceHubError(type(exc).__name__))
            else:
                self.signals.done.emit(result)
        finally:
            self.finished.set()
            with _RUNNING_LOCK:
                _RUNNING.discard(self)


def running_jobs() -> int:
    """How many background calls are still running (tests wait for zero)."""
    with _RUNNING_LOCK:
        return len(_RUNNING)
