"""One FinanceHub per profile: a second start brings the open window to the front instead of opening the same
encrypted store twice (two windows would both run background syncs and race each other's edits).

``InstanceGuard`` holds the profile's ``ExclusiveFileLock`` (``ProfilePaths.instance_lock``, ``config/locks.py``) for
as long as the app runs; the operating system drops it when a process dies (crash, SIGKILL, power cut), so a dead
app never keeps a profile. The ``financehub store`` commands that replace the database or its key take the same
lock. The guard also listens on a local socket (per user, named after the lock's path); a second start that finds
the lock taken asks, through it, the running app to show its window, and exits. When nobody answers (a store
command holds the profile, or the other app is still starting), the user is told the profile is in use.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from financehub_desktop.config.locks import ExclusiveFileLock
from financehub_desktop.config.logs import get_logger

ACTIVATE = b"activate\n"
log = get_logger("ui")


def server_name(lock_path: Path) -> str:
    digest = hashlib.sha256(str(lock_path.resolve()).encode("utf-8")).hexdigest()[:24]
    return f"financehub-{digest}"


class InstanceGuard(QObject):
    """``acquire()`` the profile for this process; ``activation_requested`` when another start asks for the window."""

    activation_requested = Signal()

    def __init__(self, lock_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock_path = lock_path
        self.name = server_name(lock_path)
        self._lock = ExclusiveFileLock(lock_path)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self._lock.acquire():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # a socket file left by a dead instance: the lock is ours now
            if not server.listen(self.name):
                log.warning("single-instance socket unavailable: %s", server.errorString())
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()

    def ask_running_instance_to_show(self, timeout_ms: int = 1500) -> bool:
        """From a second start: ask the app holding the lock to bring its window to the front."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        sent = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return sent

    def _accept(self) -> None:
        """A second start connected: it writes its request at once, so it is read here, briefly blocking (a local
        socket, a few bytes), and no Python reference to the connection outlives this call."""
        server = self._server
        while server is not None and server.hasPendingConnections():
            connection = server.nextPendingConnection()
            arrived = connection.bytesAvailable() > 0 or connection.waitForReadyRead(1000)
            if arrived and ACTIVATE.strip() in bytes(connection.readAll().data()):
                log.info("another start asked for this window")
                self.activation_requested.emit()
            connection.disconnectFromServer()
            connection.deleteLater()


def already_open_text(profile: str) -> str:
    return QCoreApplication.translate(
        "Startup",
        "The profile “{profile}” is in use by another FinanceHub: the open window, or a `financehub store` command. "
        "Use the window that is open, or wait for the command to finish.",
    ).format(profile=profile)


def show_already_open(profile: str, parent: QWidget | None = None) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("Startup", "FinanceHub"), already_open_text(profile))
