"""Faults: a full disk, a read-only folder, a process killed mid-write. Typed errors, nothing lost or half-written."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.domain.errors import DiskFullError, ReadOnlyStorageError, StorageError
from financehub_desktop.store import Store, open_store
from financehub_desktop.store.schema import transactions

from .conftest import file_state, seed, transaction

ROOT = Path(__file__).resolve().parents[3]
PASS = "fault test passphrase"


def _count(store: Store) -> int:
    with store.read() as conn:
        return len(conn.execute(select(transactions.c.id)).all())


def test_disk_full_is_typed_and_rolls_back(store: Store, paths: ProfilePaths) -> None:
    seed(store, 10)

    def fill_a_nearly_full_disk() -> None:
        with store.write() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            conn.exec_driver_sql(f"PRAGMA max_page_count = {pages + 3}")  # SQLite's SQLITE_FULL, as on a full disk
            store.repos.transactions.upsert(conn, [transaction(n) for n in range(100, 3000)])

    with pytest.raises(DiskFullError) as info:
        fill_a_nearly_full_disk()
    assert "disco" in info.value.message("pt_BR")
    store.close()  # drop the connection that carries the page limit
    with open_store(paths) as reopened:
        assert _count(reopened) == 10


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    files = [folder, *folder.iterdir()]
    if os.geteuid() != 0:
        for f in files:
            f.chmod(0o500 if f.is_dir() else 0o400)
        try:
            yield
        finally:
            for f in files:
                f.chmod(0o700 if f.is_dir() else 0o600)
        return
    chattr = shutil.which("chattr")
    if (
        chattr is None
        or subprocess.run([chattr, "+i", *map(str, files)], capture_output=True, check=False).returncode != 0
    ):
        pytest.skip("running as root without chattr +i support: cannot make a folder read-only here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *map(str, files)], check=True)


def test_read_only_folder_is_typed_and_changes_nothing(paths: ProfilePaths) -> None:
    with open_store(paths) as store:
        seed(store, 5)
    before = file_state(paths.database)

    def open_and_write() -> None:
        with open_store(paths) as store, store.write() as conn:
            store.repos.transactions.upsert(conn, [transaction(77)])

    with _read_only(paths.data_dir), pytest.raises(ReadOnlyStorageError):
        open_and_write()
    assert file_state(paths.database) == before
    with open_store(paths) as store:
        assert _count(store) == 5


_WRITER = """
import sys
from pathlib import Path
import keyring
from keyring.backends import fail
keyring.set_keyring(fail.Keyring())
sys.path.insert(0, sys.argv[2])
from tests.unit.store.conftest import FAST_KDF, seed, transaction
from financehub_desktop.config.paths import profile_paths
from financehub_desktop.store import open_store
store = open_store(profile_paths("default"), passphrase=sys.argv[1], kdf=FAST_KDF)
seed(store, 25)
print("committed", flush=True)
with store.write() as conn:
    n = 1000
    while True:
        store.repos.transactions.upsert(conn, [transaction(i) for i in range(n, n + 200)])
        if n == 1000:
            print("writing", flush=True)
        n += 200
"""


@pytest.mark.slow
@pytest.mark.usefixtures("no_keyring")
def test_process_killed_during_a_write_opens_at_last_commit(paths: ProfilePaths) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, PASS, str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        lines: list[str] = []
        try:
            while "writing" not in lines:
                line = proc.stdout.readline().strip()
                if not line:
                    break
                lines.append(line)
            assert lines == ["committed", "writing"], proc.stderr.read()
            time.sleep(0.5)  # let it write a lot more into the open transaction
        finally:
            proc.kill()
            proc.wait(timeout=30)
    assert Path(f"{paths.database}-wal").exists()  # it died with the store open
    with open_store(paths, passphrase=PASS) as store:
        assert _count(store) == 25


_FILESYSTEM = """
import json, sys
import keyring
from keyring.backends import fail
keyring.set_keyring(fail.Keyring())
sys.path.insert(0, sys.argv[2])
from tests.unit.store.conftest import FAST_KDF, seed, transaction
from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.domain.errors import StorageError
from financehub_desktop.store import open_store
from pathlib import Path
root = Path(sys.argv[1])
paths = ProfilePaths("default", root / "data", root / "config", root / "logs")
store = open_store(paths, passphrase="fault test passphrase", kdf=FAST_KDF)
seed(store, 10)
out = {}
try:
    n = 1000
    while n < 400000:
        with store.write() as conn:
            store.repos.transactions.upsert(conn, [transaction(i) for i in range(n, n + 2000)])
        n += 2000
except StorageError as exc:
    out["full"] = type(exc).__name__
with store.read() as conn:
    out["count"] = conn.exec_driver_sql("SELECT count(*) FROM transactions").scalar_one()
    out["check"] = conn.exec_driver_sql("PRAGMA quick_check").scalar_one()
store.close()
print(json.dumps(out), flush=True)
"""


@pytest.mark.slow
def test_real_full_filesystem_in_a_private_mount(tmp_path: Path) -> None:
    """A real ENOSPC: a 3 MiB tmpfs in a private mount namespace (skipped where namespaces are not allowed)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1)")
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    script = tmp_path / "fill.py"
    script.write_text(_FILESYSTEM)
    shell = f"mount -t tmpfs -o size=3m tmpfs {mount_point} || exit 77; {sys.executable} {script} {mount_point} {ROOT}"
    args = [unshare, "-m", "sh", "-c", shell] if os.geteuid() == 0 else [unshare, "-rm", "sh", "-c", shell]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=240, check=False)
    if proc.returncode == 77 or "Operation not permitted" in proc.stderr:
        pytest.skip("mount namespaces are not allowed here")
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["full"] == "DiskFullError"
    assert result["check"] == "ok"
    assert result["count"] >= 10
    assert (result["count"] - 10) % 2000 == 0


def test_storage_errors_are_known_errors() -> None:
    assert StorageError().is_known
    assert DiskFullError().is_known
    assert ReadOnlyStorageError().is_known
