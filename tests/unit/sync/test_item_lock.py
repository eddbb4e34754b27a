"""One sync of a connection at a time across processes: the lock per item, and what happens when it is taken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from financehub_desktop.sync.item_lock import ItemSyncLock

ITEM = "8c5f4a0e-1b2c-4d3e-9f00-000000000001"


def test_one_holder_per_item(tmp_path: Path) -> None:
    first, second = ItemSyncLock(tmp_path, ITEM), ItemSyncLock(tmp_path, ITEM)
    assert first.acquire()
    assert not second.acquire()
    assert ItemSyncLock(tmp_path, "another-item").acquire()  # other connections sync freely
    first.release()
    assert second.acquire()
    second.release()


def test_the_item_id_never_becomes_a_path(tmp_path: Path) -> None:
    lock = ItemSyncLock(tmp_path, "../../etc/passwd")
    assert lock.path.parent == tmp_path / "sync-locks"
    with lock as held:
        assert held and lock.held
    assert not lock.held


def test_another_process_holding_it_refuses_and_its_death_frees_it(tmp_path: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from financehub_desktop.sync.item_lock import ItemSyncLock\n"
        "lock = ItemSyncLock(Path(sys.argv[1]), sys.argv[2])\n"
        "assert lock.acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path), ITEM], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            assert not ItemSyncLock(tmp_path, ITEM).acquire()  # the other process syncs it
        finally:
            holder.kill()  # a killed sync leaves nothing locked
            holder.wait(timeout=30)
    assert ItemSyncLock(tmp_path, ITEM).acquire()
