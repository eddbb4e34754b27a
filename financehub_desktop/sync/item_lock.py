"""One sync of a connection at a time, across processes: the app's background sync and a `financehub sync` from a
terminal or cron must not both pull (and journal) the same item at once.

An exclusive, non-blocking OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on a small file per
item in the profile's data folder. The operating system drops it when the holder exits or is killed, so a crashed
sync never leaves a connection locked. Within one process the sync scheduler already joins a second request for
the same item to the running one; this lock is about other processes (and refuses a second engine in the same
process too: each lock is its own open file).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path
from types import TracebackType

LOCK_FOLDER = "sync-locks"


class ItemSyncLock:
    def __init__(self, data_dir: Path, item_id: str) -> None:
        digest = hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:32]  # ids never become path parts
        self.path = data_dir / LOCK_FOLDER / f"{digest}.lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if no other holder has it; ``False`` (at once, no waiting) when another one does."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            _unlock(fd)
            os.close(fd)

    def __del__(self) -> None:  # a forgotten lock is released with its object, never leaked with its descriptor
        with contextlib.suppress(Exception):  # at interpreter exit the OS releases it anyway
            self.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
