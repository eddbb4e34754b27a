"""One FinanceHub per profile: a second start brings the open window to the front instead of opening the same
encrypted store twice (two windows would both run background syncs and race each other's edits).

``InstanceGuard`` holds a ``QLockFile`` in the profile's data folder for as long as the app runs. A lock left by a
process that died (crash, SIGKILL, power cut) is recognised by its process id and taken over. The guard also listens
on a local socket (per user, named after the lock's path); a second start that finds the lock taken asks, through
it, the running app to show its window, and exits. When that fails (the other app is still starting, or hangs), the
user is told the profile is already open.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from financehub_desktop.config.logs import get_logger

LOCK_FILE_NAME = "financehub.lock"
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
        self._lock = QLockFile(str(lock_path))
        self._lock.setStaleLockTime(0)  # held for the app's whole life: only a dead owner makes it stale
        self._server: QLocalServer | None = None

    def acquire(self, timeout_ms: int = 300) -> bool:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(timeout_ms):
            # The recorded process id may belong to an unrelated process now (the owner died, its id was reused):
            # removing the file works only when no process holds it.
            stale = self._lock.error() == QLockFile.LockError.LockFailedError and self._lock.removeStaleLockFile()
            if not (stale and self._lock.tryLock(0)):
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
        if self._lock.isLocked():
            self._lock.unlock()

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
        "Startup", "FinanceHub is already open with the profile “{profile}”. Use the window that is open."
    ).format(profile=profile)


def show_already_open(profile: str, parent: QWidget | None = None) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("Startup", "FinanceHub"), already_open_text(profile))
