"""Connections and credentials through the service layer, on the in-process sandbox and a real encrypted store."""

from __future__ import annotations

import asyncio

import httpx
import keyring
import pytest
import pytest_asyncio
from sqlalchemy import select

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings, load_settings
from financehub_desktop.domain import bank_errors
from financehub_desktop.domain.errors import InvalidInputError, PluggyAuthError
from financehub_desktop.sandbox.app import create_app
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.services.connections import ConnectionsService, MfaCancelledError
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import KEYRING_SERVICE, PluggyCredentials
from financehub_desktop.services.events import Change, Topic
from financehub_desktop.services.mfa import MfaPrompt
from financehub_desktop.services.read_models import TransactionFilter
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.store.schema_local import audit_log
from financehub_desktop.sync.engine import SyncEngine

from ..sync.expect import FAST_OPTIONS

pytestmark = pytest.mark.asyncio
PLUGGY_BANK = 2
MFA_CONNECTOR = 8  # the sandbox's two-step MFA connector
BASE = "http://sandbox.test"


@pytest_asyncio.fixture
async def services() -> AppServices:
    app = create_app(SandboxConfig(seed=1, step_seconds=0.005, rate_limits=False))
    transport = httpx.ASGITransport(app=app)
    settings = Settings().replace(pluggy_api_url=BASE)
    opened = AppServices.open(
        profile_paths("svc"),
        settings,
        credentials=PluggyCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
        transport=transport,
        kdf=ScryptParams(n=2**10, r=8, p=1),
    )
    assert opened.connections is not None
    opened.connections.engine = SyncEngine(opened.client, opened.store, options=FAST_OPTIONS)  # type: ignore[arg-type]
    yield opened
    await opened.aclose()


async def _create_item(services: AppServices, username: str, connector_id: int = PLUGGY_BANK) -> str:
    """What the Connect widget does in the page: create the item with the user's credentials."""
    assert services.client is not None
    item = await services.client.create_item(connector_id, {"user": username, "password": "password-ok"})
    return item.id


async def test_connect_sync_and_browse(services: AppServices) -> None:
    connections = services.connections
    assert isinstance(connections, ConnectionsService)
    seen: list[Change] = []
    services.bus.subscribe(seen.append)
    token = await connections.connect_token()
    assert token.count(".") == 2  # a JWT
    item_id = await _create_item(services, "user-ok")
    view = await connections.add_from_connect(item_id)
    assert view.connector_name == "Pluggy Bank"
    report = await connections.sync(item_id)
    assert report.status == "succeeded"
    (after,) = connections.connections()
    assert after.status == "UPDATED"
    assert after.error is None
    assert after.last_synced_at is not None
    accounts = services.accounts.accounts()
    assert {a.subtype for a in accounts} >= {"CHECKING_ACCOUNT", "CREDIT_CARD"}
    assert services.transactions.count(TransactionFilter()) > 100
    # Pluggy's categories arrive with the sync, in Portuguese by default.
    named = [r.category_name for r in services.transactions.page(TransactionFilter(), limit=200) if r.category_name]
    assert len(named) > 50
    assert Topic.CATEGORIES in [c.topic for c in seen]
    topics = [c.topic for c in seen]
    assert Topic.SYNC_PROGRESS in topics
    assert Topic.SYNC_FINISHED in topics


async def test_two_sync_requests_share_one_run(services: AppServices) -> None:
    assert services.connections is not None
    item_id = await _create_item(services, "user-ok")
    await services.connections.add_from_connect(item_id)
    first, second = await asyncio.gather(services.connections.sync(item_id), services.connections.sync(item_id))
    assert first is second


async def test_login_error_is_shown_with_its_help(services: AppServices) -> None:
    assert services.connections is not None
    item_id = await _create_item(services, "user-locked")
    await services.connections.add_from_connect(item_id)
    report = await services.connections.sync(item_id)
    assert isinstance(report.error, bank_errors.AccountLockedError)
    (view,) = services.connections.connections()
    assert isinstance(view.error, bank_errors.AccountLockedError)
    assert view.error.help("pt_BR").steps


async def test_mfa_is_asked_through_the_answerer(services: AppServices) -> None:
    assert services.connections is not None
    item_id = await _create_item(services, "user-ok", MFA_CONNECTOR)
    await services.connections.add_from_connect(item_id)
    prompts: list[MfaPrompt] = []

    async def answer(prompt: MfaPrompt) -> str:
        prompts.append(prompt)
        return "123456"

    report = await services.connections.sync(item_id, answer_mfa=answer)
    assert report.status == "succeeded", report.error
    assert prompts[0].item_id == item_id
    assert prompts[0].name


async def test_cancelled_mfa_stops_the_sync(services: AppServices) -> None:
    assert services.connections is not None
    item_id = await _create_item(services, "user-ok", MFA_CONNECTOR)
    await services.connections.add_from_connect(item_id)

    async def cancel(prompt: MfaPrompt) -> None:
        return None

    report = await services.connections.sync(item_id, answer_mfa=cancel)
    assert isinstance(report.error, MfaCancelledError)


async def test_delete_removes_the_data_and_audits(services: AppServices) -> None:
    assert services.connections is not None
    item_id = await _create_item(services, "user-ok")
    await services.connections.add_from_connect(item_id)
    await services.connections.sync(item_id)
    await services.connections.delete(item_id)
    assert services.connections.connections() == []
    assert services.accounts.accounts() == []
    assert services.transactions.count(TransactionFilter(include_removed=True)) == 0
    with services.store.read() as conn:
        actions = [r.action for r in conn.execute(select(audit_log.c.action))]
    assert "item_deleted" in actions
    with pytest.raises(InvalidInputError):
        await services.connections.delete(item_id)


async def test_credentials_are_checked_before_they_are_stored(services: AppServices) -> None:
    with pytest.raises(PluggyAuthError):
        await services.save_credentials(DEMO_CLIENT_ID, "definitely-wrong-secret")
    assert keyring.get_password(KEYRING_SERVICE, "pluggy-client-secret:svc") is None
    with pytest.raises(InvalidInputError):
        await services.save_credentials("not-a-uuid", DEMO_CLIENT_SECRET)
    await services.save_credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    assert keyring.get_password(KEYRING_SERVICE, "pluggy-client-secret:svc") == DEMO_CLIENT_SECRET
    assert load_settings(services.paths.settings_file, {}).settings.pluggy_client_id == DEMO_CLIENT_ID
    settings_text = services.paths.settings_file.read_text()
    assert DEMO_CLIENT_SECRET not in settings_text
    loaded = services.credentials.load()
    assert loaded == PluggyCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    assert DEMO_CLIENT_SECRET not in repr(loaded)


async def test_background_sync_picks_up_a_due_item_and_stops(services: AppServices) -> None:
    assert services.connections is not None
    item_id = await _create_item(services, "user-ok")
    await services.connections.add_from_connect(item_id)  # never synced: due at once
    services.connections.scheduler.tick_seconds = 0.05
    stop = asyncio.Event()
    background = asyncio.ensure_future(services.connections.run_background(stop, poll_seconds=0.05))
    for _ in range(600):
        if item_id in services.connections.last_reports:
            break
        await asyncio.sleep(0.05)
    report = services.connections.last_reports[item_id]
    assert report.trigger in {"schedule", "poll"}  # whichever notices the new item first; both run unattended
    assert report.status == "succeeded"
    stop.set()
    await asyncio.wait_for(background, timeout=5)
    assert services.accounts.accounts()


async def test_api_usage_is_kept_for_the_doctor_after_a_sync_without_secrets(services: AppServices) -> None:
    from financehub_desktop.services.doctor import api_usage_checks, render

    assert services.connections is not None and services.client is not None
    assert [c.value for c in api_usage_checks(services.paths)] == [
        "none recorded yet (no sync has run for this profile)"
    ]
    item_id = await _create_item(services, "user-ok")
    await services.connections.add_from_connect(item_id)
    await services.connections.sync(item_id)  # SYNC_FINISHED saves this session's usage
    saved = services.paths.api_usage_file.read_text()
    key = await services.client._http.auth.get()  # the API key in use
    assert DEMO_CLIENT_SECRET not in saved and key not in saved and item_id not in saved
    report = render(api_usage_checks(services.paths))
    assert "Pluggy API, last app session" in report
    assert "GET /v2/transactions" in report and "0 failed" in report
    assert services.api_usage()["totals"]["calls"] > 5
