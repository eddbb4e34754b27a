"""Syncing sandbox items end to end: the store matches the sandbox, incrementally, through MFA and errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from financehub_desktop.domain import bank_errors
from financehub_desktop.domain.errors import FinanceHubError, SyncBusyElsewhereError
from financehub_desktop.pluggy.models.items import ConnectorCredential
from financehub_desktop.store import Store, schema
from financehub_desktop.store.schema_local import sync_runs
from financehub_desktop.sync.engine import SyncEngine, SyncOptions
from financehub_desktop.sync.item_lock import ItemSyncLock
from financehub_desktop.sync.progress import SyncProgress

from .conftest import Sandbox
from .expect import FAST_OPTIONS, sandbox_view, store_view

pytestmark = pytest.mark.asyncio
MFA_TWO_STEP = 8


async def test_user_ok_store_equals_sandbox(sandbox: Sandbox, engine: SyncEngine, store: Store) -> None:
    item = await sandbox.connect("user-ok")
    seen: list[SyncProgress] = []
    report = await engine.sync_item(item.id, observer=seen.append)

    assert report.status == "succeeded", report.errors
    assert report.error is None and not report.product_errors
    assert store_view(store, item.id) == await sandbox_view(sandbox.client, item.id)
    assert report.counts["transactions"].inserted == len(store_view(store, item.id)["transactions"]) > 100
    assert {p.phase for p in seen} >= {"refresh", "accounts", "transactions", "finished"}
    assert len(report.accounts) == 3
    with store.read() as conn:
        run = conn.execute(select(sync_runs)).one()
        item_row = conn.execute(select(schema.items)).one()
    assert run.status == "succeeded" and run.counts["transactions"]["inserted"] > 100
    assert item_row.status == "UPDATED"


async def test_resync_with_nothing_new_writes_nothing(sandbox: Sandbox, engine: SyncEngine, store: Store) -> None:
    item = await sandbox.connect("user-ok")
    await engine.sync_item(item.id)
    report = await engine.sync_item(item.id, refresh=False)
    assert report.status == "succeeded"
    assert report.total.written == 0
    assert report.total.unchanged > 100
    assert "not requested" in (report.refresh_note or "")


async def test_incremental_sync_picks_up_new_changed_and_deleted_rows(
    sandbox: Sandbox, engine: SyncEngine, store: Store
) -> None:
    item = await sandbox.connect("user-ok")
    await engine.sync_item(item.id)
    before = store_view(store, item.id)["transactions"]
    await sandbox.advance_days(4)

    report = await engine.sync_item(item.id)

    assert report.refreshed
    counts = report.counts["transactions"]
    assert counts.inserted > 0 and counts.updated > 0 and counts.removed > 0, counts
    after = store_view(store, item.id)
    assert after == await sandbox_view(sandbox.client, item.id)
    gone = {row[0] for row in before} - {row[0] for row in after["transactions"]}
    assert gone, "the sandbox drops one recent PIX per refresh: it must disappear from view"
    with store.read() as conn:
        hidden = conn.execute(select(schema.transactions).where(schema.transactions.c.pluggy_id.in_(gone))).all()
    assert hidden and all(row.removed_at is not None for row in hidden), "removed upstream: hidden, not erased"


async def test_user_edits_survive_resync(sandbox: Sandbox, engine: SyncEngine, store: Store) -> None:
    item = await sandbox.connect("user-ok")
    await engine.sync_item(item.id)
    with store.write() as conn:
        row = conn.execute(select(schema.transactions).limit(1)).one()
        store.repos.edits.set(conn, row.id, category_id="99999999", note="mine", tags=["x"])
    await sandbox.advance_days(2)
    await engine.sync_item(item.id)
    with store.read() as conn:
        edit = store.repos.edits.get(conn, row.id)
    assert edit is not None and edit.category_id == "99999999" and edit.note == "mine"


async def test_mfa_item_asks_and_syncs(sandbox: Sandbox, engine: SyncEngine, store: Store) -> None:
    item = await sandbox.connect("user-ok", connector_id=MFA_TWO_STEP)
    assert item.status == "WAITING_USER_INPUT"
    asked: list[ConnectorCredential] = []

    async def answer(item_id: str, parameter: ConnectorCredential) -> str:
        asked.append(parameter)
        return "123456"

    report = await engine.sync_item(item.id, answer_mfa=answer)
    assert report.status == "succeeded", report.errors
    assert len(asked) == 1 and asked[0].name
    assert store_view(store, item.id) == await sandbox_view(sandbox.client, item.id)


async def test_mfa_wrong_code_and_no_answer(sandbox: Sandbox, engine: SyncEngine) -> None:
    item = await sandbox.connect("user-ok", connector_id=MFA_TWO_STEP)

    async def wrong(item_id: str, parameter: ConnectorCredential) -> str:
        return "000000"

    report = await engine.sync_item(item.id, answer_mfa=wrong)
    assert isinstance(report.error, bank_errors.InvalidMfaError)
    other = await sandbox.connect("user-ok", connector_id=MFA_TWO_STEP)
    report = await engine.sync_item(other.id)
    assert isinstance(report.error, bank_errors.MfaRequiredError)
    assert report.status == "failed"


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("user-logged", bank_errors.AlreadyLoggedInError),
        ("user-locked", bank_errors.AccountLockedError),
        ("user-error", bank_errors.UnexpectedBankError),
        ("user-unavailable", bank_errors.InstitutionUnavailableError),
        ("user-account-need-actions", bank_errors.AccountNeedsActionError),
        ("user-connection-error", bank_errors.BankConnectionError),
        ("user-account-credentials-reset", bank_errors.CredentialsResetError),
        ("user-not-supported", bank_errors.UserNotSupportedError),
        ("user-nobody", bank_errors.InvalidCredentialsError),
        ("user-ok-auth-pending", bank_errors.AuthorizationPendingError),
    ],
)
async def test_error_usernames_end_in_their_typed_error(
    sandbox: Sandbox, engine: SyncEngine, store: Store, username: str, expected: type[FinanceHubError]
) -> None:
    item = await sandbox.connect(username)
    report = await engine.sync_item(item.id)
    assert type(report.error) is expected, report.error
    assert report.status == "failed"
    with store.read() as conn:
        item_row = conn.execute(select(schema.items)).one()
        run = conn.execute(select(sync_runs)).one()
        accounts = conn.execute(select(schema.accounts)).all()
    assert item_row.error_code and item_row.status in ("LOGIN_ERROR", "OUTDATED")
    assert run.status == "failed" and run.error_code == expected.code
    assert accounts == []
    if item_row.status == "LOGIN_ERROR":
        assert "not retried" in (report.refresh_note or "")


async def test_a_failing_product_makes_a_partial_sync(sandbox: Sandbox, engine: SyncEngine, store: Store) -> None:
    item = await sandbox.connect("user-ok")
    response = await sandbox.admin.post(
        "/_sandbox/faults", json={"kind": "error", "path": "/loans", "status": 500, "count": None}
    )
    response.raise_for_status()
    report = await engine.sync_item(item.id)
    assert report.status == "partial"
    assert set(report.product_errors) == {"loans"}
    assert report.counts["transactions"].inserted > 100


async def test_recent_item_is_synced_without_refresh(sandbox: Sandbox, store: Store) -> None:
    item = await sandbox.connect("user-ok")
    options = SyncOptions(poll_initial_seconds=0.002, poll_max_seconds=0.02)
    engine = SyncEngine(sandbox.client, store, options=options)
    report = await engine.sync_item(item.id)
    assert not report.refreshed
    assert "minimum interval" in (report.refresh_note or "")
    assert report.status == "succeeded"
    assert store_view(store, item.id) == await sandbox_view(sandbox.client, item.id)
    assert FAST_OPTIONS.min_refresh_interval.total_seconds() == 0


async def test_an_item_another_process_is_syncing_is_left_alone(
    sandbox: Sandbox, engine: SyncEngine, store: Store
) -> None:
    item = await sandbox.connect("user-ok")
    calls_before = sandbox.client.metrics_snapshot()["totals"]["calls"]
    other = ItemSyncLock(store.paths.data_dir, item.id)  # what `financehub sync` in a terminal holds
    assert other.acquire()
    try:
        report = await engine.sync_item(item.id)
    finally:
        other.release()
    assert report.status == "failed"
    assert isinstance(report.error, SyncBusyElsewhereError)
    assert "sincronizando esta conexão" in report.error.help("pt_BR").what_happened
    assert sandbox.client.metrics_snapshot()["totals"]["calls"] == calls_before  # not even a refresh
    with store.read() as conn:
        assert conn.execute(select(sync_runs)).all() == []  # no journal run was opened (or resumed)
    assert (await engine.sync_item(item.id)).status == "succeeded"  # once the other is done
