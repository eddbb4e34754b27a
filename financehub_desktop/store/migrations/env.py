"""Alembic's environment, driven programmatically by ``store.migrate`` (no alembic.ini at run time).

The caller hands over a connection that is already inside one transaction; every migration runs in it, so a
migration killed half-way leaves the database at its previous revision and simply runs again next time.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
