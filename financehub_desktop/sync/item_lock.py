"""One sync of a connection at a time, across processes: the app's background sync and a `financehub sync` from a
terminal or cron must not both pull (and journal) the same item at once.

An ``ExclusiveFileLock`` (``config/locks.py``) on a small file per item in the profile's data folder, named by a
hash of the item id. The operating system drops it when the holder exits or is killed, so a crashed sync never
leaves a connection locked. Within one process the sync scheduler already joins a second request for the same
item to the running one; this lock is about other processes (and refuses a second engine in the same process too).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from financehub_desktop.config.locks import ExclusiveFileLock

LOCK_FOLDER = "sync-locks"


class ItemSyncLock(ExclusiveFileLock):
    def __init__(self, data_dir: Path, item_id: str) -> None:
        digest = hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:32]  # ids never become path parts
        super().__init__(data_dir / LOCK_FOLDER / f"{digest}.lock")
