"""Atomic file writes (Electrum's rule): write a temporary file, fsync it, rename it over the old one, fsync the
folder. A crash at any point leaves either the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from financehub_desktop.domain.errors import DiskFullError, ReadOnlyStorageError, StorageError


def storage_error_for(exc: OSError, path: Path) -> StorageError:
    """Turn an OSError into the typed storage error the user understands."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(str(path), path=str(path))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStorageError(str(path), path=str(path))
    return StorageError(f"{path}: {exc.strerror or exc}", path=str(path))


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise storage_error_for(exc, path) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise storage_error_for(exc, path) from exc


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Not every platform can open a directory; that is fine there."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
