"""Alembic, configured in code: the migration scripts ship inside the package and run when a store opens.

All pending migrations run inside one transaction (SQLite DDL is transactional once the driver stops managing
transactions, see ``engine``), so a migration killed half-way leaves the previous revision and reruns cleanly.
A database stamped with a revision this app does not know was written by a newer app: ``DatabaseTooNewError``.

Opening a store that is already at ``HEAD_REVISION`` reads the stamp with one query and never imports Alembic (it
costs about half a second of every start); a test keeps ``HEAD_REVISION`` equal to the scripts' head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import DatabaseTooNewError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest migration's revision (kept equal to the scripts' head by a test).
HEAD_REVISION = "0005"
log = get_logger("store")


def stamped_revision(conn: Connection) -> str | None:
    """The revision written in ``alembic_version``, read without Alembic (``None`` for an empty database)."""
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:  # no such table: a new store
        return None


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def check_not_too_new(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(f"schema revision {revision!r}; this app knows up to {head_revision()!r}")


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str | None]:
    """Bring the schema to ``target`` in one transaction. Returns (revision before, revision after)."""
    if target == "head":
        with engine.connect() as conn:
            stamped = stamped_revision(conn)
        if stamped == HEAD_REVISION:
            return stamped, stamped
    from alembic import command
    from alembic.util.exc import CommandError

    with engine.begin() as conn:
        before = current_revision(conn)
        check_not_too_new(before)
        config = alembic_config()
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, target)
        except CommandError as exc:  # pragma: no cover - a bad target is a programming error
            raise RuntimeError(str(exc)) from exc
        after = current_revision(conn)
    if before != after:
        log.info("store schema migrated from %s to %s", before or "empty", after)
    return before, after
