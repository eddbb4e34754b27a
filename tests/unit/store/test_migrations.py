"""Migrations: each one tested from the previous revision with data in it; too-new databases refused; a migration
killed half-way reruns to the same result."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, insert
from sqlalchemy.exc import IntegrityError

from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.domain.errors import DatabaseTooNewError
from financehub_desktop.store import TransactionQuery, migrate, open_store, search_transactions
from financehub_desktop.store.engine import connect, make_engine
from financehub_desktop.store.keys import new_data_key
from financehub_desktop.store.schema import accounts, items, metadata, transactions
from financehub_desktop.store.search import fts_expression
from financehub_desktop.store.types import utc_now

from .conftest import ACCOUNT_ID, ITEM_ID, T0, file_state

ROOT = Path(__file__).resolve().parents[3]


def _empty_database(path: Path) -> tuple[bytes, Engine]:
    key = new_data_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = connect(path, key, create=True)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.close()
    return key, make_engine(path, key)


def _schema(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).all()
    return [(r[0], r[1] or "") for r in rows]


def _bookkeeping() -> dict[str, object]:
    now = utc_now()
    return {"raw": {}, "content_hash": "h", "first_seen_at": now, "last_seen_at": now}


def _item_and_account(conn: Connection) -> None:
    conn.execute(
        insert(items).values(id=ITEM_ID, connector_id=1, status="UPDATED", execution_status="SUCCESS", **_bookkeeping())
    )
    conn.execute(
        insert(accounts).values(
            id=ACCOUNT_ID, item_id=ITEM_ID, type="BANK", subtype="CHECKING_ACCOUNT", name="Conta",
            balance=Decimal(0), currency_code="BRL", **_bookkeeping(),
        )
    )  # fmt: skip


def _transaction(conn: Connection, pluggy_id: str, description: str, amount: str = "-9.90") -> None:
    conn.execute(
        insert(transactions).values(
            pluggy_id=pluggy_id, account_id=ACCOUNT_ID, date=T0, description=description, amount=Decimal(amount),
            currency_code="BRL", status="POSTED", **_bookkeeping(),
        )
    )  # fmt: skip


def test_revisions_form_one_line_and_head_is_latest() -> None:
    assert migrate.head_revision() == "0005"
    assert migrate.head_revision() == migrate.HEAD_REVISION  # the fast path of every open knows the head
    assert migrate.known_revisions() == {"0001", "0002", "0003", "0004", "0005"}


def test_0001_creates_every_table_of_the_schema(paths: ProfilePaths) -> None:
    _, engine = _empty_database(paths.database)
    migrate.upgrade(engine, "0001")
    names = {name for name, _ in _schema(engine)}
    assert {t.name for t in metadata.sorted_tables} - {"store_meta"} <= names  # store_meta arrives in 0003
    with engine.begin() as conn:
        conn.execute(
            insert(items).values(
                id=ITEM_ID, connector_id=1, status="UPDATED", execution_status="SUCCESS", **_bookkeeping()
            )
        )
    engine.dispose()


def test_migrated_schema_matches_the_code(paths: ProfilePaths) -> None:
    with open_store(paths) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={"compare_type": False, "include_name": lambda name, *_: not str(name).startswith("transactions_fts")},
        )
        assert compare_metadata(context, metadata) == []


def test_0002_indexes_transactions_already_in_the_store(paths: ProfilePaths) -> None:
    _key, engine = _empty_database(paths.database)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            insert(items).values(
                id=ITEM_ID, connector_id=1, status="UPDATED", execution_status="SUCCESS", **_bookkeeping()
            )
        )
        conn.execute(
            insert(accounts).values(
                id=ACCOUNT_ID,
                item_id=ITEM_ID,
                type="BANK",
                subtype="CHECKING_ACCOUNT",
                name="Conta",
                balance=Decimal(0),
                currency_code="BRL",
                **_bookkeeping(),
            )
        )
        conn.execute(
            insert(transactions).values(
                pluggy_id="t1",
                account_id=ACCOUNT_ID,
                date=T0,
                description="Café Gourmet",
                amount=Decimal("-12.50"),
                currency_code="BRL",
                status="POSTED",
                **_bookkeeping(),
            )
        )
    assert migrate.upgrade(engine, "0002") == ("0001", "0002")
    with engine.connect() as conn:  # the full-text index at 0002 (today's search also reads later columns)
        found = conn.exec_driver_sql(
            "SELECT t.pluggy_id FROM transactions t WHERE t.id IN "
            "(SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH ?)",
            (fts_expression("cafe"),),
        ).scalars()
        assert list(found) == ["t1"]
    migrate.upgrade(engine)
    with engine.connect() as conn:
        page = search_transactions(conn, TransactionQuery(text="cafe"))
    assert [r.pluggy_id for r in page.rows] == ["t1"]
    engine.dispose()


def test_0003_adds_store_meta_and_keeps_the_data(paths: ProfilePaths) -> None:
    _, engine = _empty_database(paths.database)
    migrate.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            insert(items).values(
                id=ITEM_ID, connector_id=1, status="UPDATED", execution_status="SUCCESS", **_bookkeeping()
            )
        )
    assert "store_meta" not in {name for name, _ in _schema(engine)}
    assert migrate.upgrade(engine, "0003") == ("0002", "0003")
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT id FROM items").scalars().all() == [ITEM_ID]
        conn.exec_driver_sql("INSERT INTO store_meta (key, value, updated_at) VALUES ('k', 'v', 'now')")
    engine.dispose()


def test_0004_keeps_rules_and_edits_and_accepts_document_rules(paths: ProfilePaths) -> None:
    _, engine = _empty_database(paths.database)
    migrate.upgrade(engine, "0003")
    now = utc_now()
    with engine.begin() as conn:
        _item_and_account(conn)
        _transaction(conn, "t1", "Padaria")
        conn.exec_driver_sql(
            "INSERT INTO transaction_edits (transaction_id, category_id, note, ignored, updated_at) "
            "SELECT id, '01010000', 'pão', 0, ? FROM transactions",
            (now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),),
        )
        conn.exec_driver_sql(
            "INSERT INTO categorisation_rules (name, field, match_type, pattern, category_id, amount_min, priority,"
            " enabled, created_at, updated_at) VALUES ('Uber', 'merchant', 'contains', 'uber', '05070000', '-50.00',"
            " 7, 0, 'c', 'u')"
        )
        with pytest.raises(IntegrityError), conn.begin_nested():  # 0003 refuses a CPF/CNPJ rule
            conn.exec_driver_sql(
                "INSERT INTO categorisation_rules (name, field, match_type, pattern, category_id, created_at,"
                " updated_at) VALUES ('x', 'document', 'exact', '123', '1', 'c', 'u')"
            )
    assert migrate.upgrade(engine, "0004") == ("0003", "0004")
    with engine.begin() as conn:
        rules = conn.exec_driver_sql(
            "SELECT id, name, field, match_type, pattern, category_id, amount_min, priority, enabled FROM"
            " categorisation_rules"
        ).all()
        assert [tuple(r) for r in rules] == [(1, "Uber", "merchant", "contains", "uber", "05070000", "-50.00", 7, 0)]
        edits = conn.exec_driver_sql("SELECT category_id, note, rule_category_id, rule_id FROM transaction_edits").all()
        assert [tuple(r) for r in edits] == [("01010000", "pão", None, None)]
        conn.exec_driver_sql(
            "INSERT INTO categorisation_rules (name, field, match_type, pattern, category_id, created_at, updated_at)"
            " VALUES ('Ana', 'document', 'exact', '12345678901', '01000000', 'c', 'u')"
        )
        assert conn.exec_driver_sql("SELECT max(id) FROM categorisation_rules").scalar() == 2
    assert "ix_transactions_last_seen_at" in {name for name, _ in _schema(engine)}
    engine.dispose()


def test_database_from_a_newer_app_is_refused_untouched(paths: ProfilePaths) -> None:
    with open_store(paths) as store, store.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0999'")
    before = file_state(paths.database)
    with pytest.raises(DatabaseTooNewError) as info:
        open_store(paths)
    assert "Atualize o FinanceHub" in " ".join(info.value.help("pt_BR").steps)
    assert file_state(paths.database)[0] == before[0]


def test_migration_failing_half_way_rolls_back_and_reruns(paths: ProfilePaths, monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic import op

    _, engine = _empty_database(paths.database)
    real_execute = op.execute
    calls: list[int] = []

    def failing_execute(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 12:
            raise RuntimeError("power cut")
        real_execute(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(op, "execute", failing_execute)
    with pytest.raises(RuntimeError, match="power cut"):
        migrate.upgrade(engine)
    monkeypatch.undo()
    assert _schema(engine) == []  # nothing half-created
    migrate.upgrade(engine)
    half_then_full = _schema(engine)
    engine.dispose()

    fresh = paths.data_dir.parent / "fresh" / "x.db"
    _, fresh_engine = _empty_database(fresh)
    migrate.upgrade(fresh_engine)
    assert half_then_full == _schema(fresh_engine)
    fresh_engine.dispose()


_KILL_SCRIPT = """
import os, sys
from pathlib import Path
from alembic import op
from financehub_desktop.store import migrate
from financehub_desktop.store.engine import make_engine
real = op.execute
count = 0
def dying(*a, **k):
    global count
    count += 1
    if count == 20:
        print("dying", flush=True)
        os.kill(os.getpid(), 9)
    real(*a, **k)
op.execute = dying
migrate.upgrade(make_engine(Path(sys.argv[1]), bytes.fromhex(sys.stdin.readline().strip())))
"""


@pytest.mark.slow
def test_migration_killed_half_way_reruns_to_the_same_result(paths: ProfilePaths) -> None:
    key, engine = _empty_database(paths.database)
    engine.dispose()
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_SCRIPT, str(paths.database)],
        input=key.hex() + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "dying" in proc.stdout
    engine = make_engine(paths.database, key)
    assert _schema(engine) == []
    migrate.upgrade(engine)
    rerun = _schema(engine)
    engine.dispose()
    fresh = paths.data_dir.parent / "fresh" / "x.db"
    _, fresh_engine = _empty_database(fresh)
    migrate.upgrade(fresh_engine)
    assert rerun == _schema(fresh_engine)
    fresh_engine.dispose()


def test_opening_an_up_to_date_store_does_not_import_alembic(tmp_path: Path) -> None:
    """Start-up speed: Alembic (about half a second to import) is loaded only when a migration is due."""
    script = (
        "import sys\n"
        "from financehub_desktop.config.paths import profile_paths\n"
        "from financehub_desktop.store import open_store\n"
        "from financehub_desktop.store.keys import ScryptParams\n"
        "open_store(profile_paths('fast'), passphrase='a passphrase long enough',"
        " kdf=ScryptParams(n=2**10, r=8, p=1)).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    # no keyring in the child: the test must never write to a developer's real keyring
    env = {**os.environ, "FINANCEHUB_HOME": str(tmp_path), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # a new store is migrated
    assert again.stdout.strip() == "False"  # an up-to-date one is not


def test_0005_keeps_indexing_rows_and_lets_a_bulk_upsert_index_its_own(paths: ProfilePaths) -> None:
    _, engine = _empty_database(paths.database)
    migrate.upgrade(engine, "0004")
    with engine.begin() as conn:
        _item_and_account(conn)
        _transaction(conn, "t1", "Café Gourmet", "-12.50")
    assert migrate.upgrade(engine) == ("0004", "0005")

    def found(conn: Connection, word: str) -> list[str]:
        return [r.pluggy_id for r in search_transactions(conn, TransactionQuery(text=word)).rows]

    with engine.begin() as conn:
        assert found(conn, "cafe") == ["t1"]  # indexed before the migration, still found
        _transaction(conn, "t2", "Padaria")
        assert found(conn, "padaria") == ["t2"]  # the trigger indexes a row as before
        conn.exec_driver_sql(
            "INSERT INTO store_meta (key, value, updated_at) VALUES ('transactions_fts_deferred', '1', 'now')"
        )
        _transaction(conn, "t3", "Livraria")
        assert found(conn, "livraria") == []  # while deferred, the writer indexes its rows itself
    engine.dispose()
