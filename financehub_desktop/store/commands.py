"""``financehub store ...``: the store's maintenance commands (info, check, backup, restore, keys), headless.

The commands that replace the database or its key (restore, rotate-key, change-passphrase, use-passphrase,
use-keyring) hold the profile's instance lock while they run, as the app does: they refuse (``ProfileInUseError``,
nothing changed) while FinanceHub has the profile open, and the app does not open it meanwhile.

Unlocking takes the passphrase from ``--passphrase-file`` or ``FINANCEHUB_PASSPHRASE`` (as backup tools do), and
asks on the terminal only when one is attached. New passphrases come from files (``--new-passphrase-file``) or the
terminal, never from the command line (it would end up in the shell history and the process list).
"""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from financehub_desktop.config.locks import ExclusiveFileLock
from financehub_desktop.config.paths import profile_paths
from financehub_desktop.domain.errors import (
    InvalidInputError,
    KeyringUnavailableError,
    PassphraseRequiredError,
    ProfileInUseError,
)

EXIT_OK = 0


def register(sub: Any) -> None:
    """Add ``store`` and its subcommands to the ``financehub`` parser (called from ``cli.py``)."""
    parser = sub.add_parser("store", help="the encrypted local store: info, check, backup, restore, keys")
    parser.add_argument("--passphrase-file", type=Path, help="file whose first line is the master passphrase")
    actions = parser.add_subparsers(title="store commands", metavar="ACTION", required=True)

    p = actions.add_parser("info", help="where the store is, how its key is kept, schema revision, row counts")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_info, needs_profile=True)

    p = actions.add_parser("check", help="full integrity check of the database")
    p.set_defaults(func=cmd_check, needs_profile=True)

    p = actions.add_parser("backup", help="write a verified encrypted backup")
    p.add_argument("destination", type=Path)
    p.add_argument("--backup-passphrase-file", type=Path, help="protect the backup with its own passphrase")
    p.set_defaults(func=cmd_backup, needs_profile=True)

    p = actions.add_parser("restore", help="replace the store's data with a backup (verified first)")
    p.add_argument("source", type=Path)
    p.add_argument("--backup-passphrase-file", type=Path, help="the passphrase the backup was made with")
    p.set_defaults(func=cmd_restore, needs_profile=True)

    p = actions.add_parser("rotate-key", help="re-encrypt the database under a new random data key")
    p.set_defaults(func=cmd_rotate_key, needs_profile=True)

    p = actions.add_parser("change-passphrase", help="change the master passphrase")
    p.add_argument("--new-passphrase-file", type=Path)
    p.set_defaults(func=cmd_change_passphrase, needs_profile=True)

    p = actions.add_parser("use-passphrase", help="move the key from the system keyring to a master passphrase")
    p.add_argument("--new-passphrase-file", type=Path)
    p.set_defaults(func=cmd_use_passphrase, needs_profile=True)

    p = actions.add_parser("use-keyring", help="move the key from the master passphrase to the system keyring")
    p.set_defaults(func=cmd_use_keyring, needs_profile=True)


def _read_secret_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInputError(f"{path} cannot be read: {exc.strerror}") from exc
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise InvalidInputError(f"{path} is empty")
    return lines[0]


def _ask(prompt: str, *, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        raise PassphraseRequiredError("no terminal to ask on: use --passphrase-file or FINANCEHUB_PASSPHRASE")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repita / repeat: ") != first:
        raise InvalidInputError("the two passphrases differ")
    return first


def _exclusive(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command that replaces the database or its key only while no app (or other command) has the profile."""

    @functools.wraps(func)
    def run(args: argparse.Namespace) -> int:
        paths = profile_paths(args.profile)
        with ExclusiveFileLock(paths.instance_lock) as ours:
            if not ours:
                raise ProfileInUseError(f"profile {paths.profile!r}: close FinanceHub first")
            return func(args)

    return run


def _open(args: argparse.Namespace) -> Any:
    from financehub_desktop.store.database import open_store

    paths = profile_paths(args.profile)
    try:
        return open_store(paths, passphrase_file=args.passphrase_file)
    except PassphraseRequiredError:
        return open_store(paths, passphrase=_ask("Senha mestra / master passphrase: "))
    except KeyringUnavailableError:
        if paths.database.exists():
            raise
        secret = _ask("Nova senha mestra / new master passphrase: ", confirm=True)
        return open_store(paths, passphrase=secret)


def _new_secret(args: argparse.Namespace) -> str:
    if args.new_passphrase_file is not None:
        return _read_secret_file(args.new_passphrase_file)
    return _ask("Nova senha mestra / new master passphrase: ", confirm=True)


def cmd_info(args: argparse.Namespace) -> int:
    from financehub_desktop.store import migrate

    with _open(args) as store, store.read() as conn:
        counts = {
            name: getattr(store.repos, name).count(conn)
            for name in ("items", "accounts", "transactions", "investments", "bills", "loans")
        }
        info = {
            "profile": store.paths.profile,
            "database": str(store.path),
            "key": store.key_mode,
            "key_file": str(store.paths.key_file) if store.key_mode == "passphrase" else None,
            "schema_revision": migrate.current_revision(conn),
            "rows": counts,
        }
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        for key, value in info.items():
            print(f"{key:16} {value}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as store, store.read() as conn:
        result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    print("ok" if result == ["ok"] else "\n".join(map(str, result)))
    return EXIT_OK if result == ["ok"] else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from financehub_desktop.store.backup import backup_store

    secret = _read_secret_file(args.backup_passphrase_file) if args.backup_passphrase_file else None
    with _open(args) as store:
        info = backup_store(store, args.destination, passphrase=secret)
    how = "its own passphrase" if info.with_passphrase else "this profile's key"
    print(f"backup written and verified: {info.path} ({info.tables.get('transactions', 0)} transactions; {how})")
    return EXIT_OK


@_exclusive
def cmd_restore(args: argparse.Namespace) -> int:
    from financehub_desktop.store.backup import restore_store

    secret = _read_secret_file(args.backup_passphrase_file) if args.backup_passphrase_file else None
    with _open(args) as store:
        info = restore_store(store, args.source, passphrase=secret)
    print(f"restored from {info.path} ({info.tables.get('transactions', 0)} transactions)")
    return EXIT_OK


@_exclusive
def cmd_rotate_key(args: argparse.Namespace) -> int:
    with _open(args) as store:
        store.rotate_key()
    print("the database is now encrypted under a new data key")
    return EXIT_OK


@_exclusive
def cmd_change_passphrase(args: argparse.Namespace) -> int:
    with _open(args) as store:
        store.change_passphrase(_new_secret(args))
    print("master passphrase changed")
    return EXIT_OK


@_exclusive
def cmd_use_passphrase(args: argparse.Namespace) -> int:
    with _open(args) as store:
        store.protect_with_passphrase(_new_secret(args))
    print(f"the data key is now protected by the master passphrase ({store.paths.key_file})")
    return EXIT_OK


@_exclusive
def cmd_use_keyring(args: argparse.Namespace) -> int:
    with _open(args) as store:
        store.move_key_to_keyring()
    print("the data key is now in the system keyring")
    return EXIT_OK
