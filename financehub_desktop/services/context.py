"""The services of one open profile, built in one place for the app and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.errors

from financehub_desktop.config.logs import get_logger
from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.config.settings import Settings
from financehub_desktop.domain.errors import PluggyAuthError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.usage_file import save_usage
from financehub_desktop.store import Store, open_demo_store, open_store
from financehub_desktop.store.keys import ScryptParams

from .accounts import AccountsService
from .card_bills import CardBillsService
from .connections import ConnectionsService
from .credentials import KEYRING_SERVICE, CredentialsService, PluggyCredentials
from .due_dates import DueDatesService
from .due_reminders import DueReminders
from .events import Change, EventBus, Topic
from .installments import InstallmentsService
from .investments import InvestmentsService
from .loans import LoansService
from .reports import ReportsService
from .rules import RulesService
from .transactions import TransactionsService
from .transfers import TransfersService

log = get_logger("services")


async def check_credentials(
    base_url: str, client_id: str, client_secret: str, transport: httpx.AsyncBaseTransport | None = None
) -> None:
    """``POST /auth`` with the pair; raises ``PluggyAuthError`` (or a network error) when it does not work."""
    async with PluggyClient(base_url, client_id, client_secret, transport=transport) as client:
        await client.create_api_key()


@dataclass
class AppServices:
    paths: ProfilePaths
    settings: Settings
    store: Store
    bus: EventBus
    credentials: CredentialsService
    accounts: AccountsService
    transactions: TransactionsService
    reports: ReportsService
    rules: RulesService
    loans: LoansService
    investments: InvestmentsService
    card_bills: CardBillsService
    due_dates: DueDatesService
    due_reminders: DueReminders
    installments: InstallmentsService
    transfers: TransfersService
    client: PluggyClient | None = None
    connections: ConnectionsService | None = None
    transport: httpx.AsyncBaseTransport | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        paths: ProfilePaths,
        settings: Settings,
        *,
        passphrase: str | None = None,
        passphrase_file: Path | None = None,
        credentials: PluggyCredentials | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        kdf: ScryptParams | None = None,
        demo: bool = False,
    ) -> AppServices:
        """Unlock the store (typed errors: wrong passphrase, no keyring...) and build every service."""
        if demo:
            store = open_demo_store(paths)
        else:
            store = open_store(paths, passphrase=passphrase, passphrase_file=passphrase_file, kdf=kdf)
        bus = EventBus()
        creds = CredentialsService(paths)
        loans = LoansService(store)
        card_bills = CardBillsService(store, settings.language)
        due_dates = DueDatesService(store, card_bills, loans)
        services = cls(
            paths=paths,
            settings=settings,
            store=store,
            bus=bus,
            credentials=creds,
            accounts=AccountsService(store),
            transactions=TransactionsService(store, bus, settings.language),
            reports=ReportsService(store),
            rules=RulesService(store, bus, settings.language),
            loans=loans,
            investments=InvestmentsService(store, settings.language),
            card_bills=card_bills,
            due_dates=due_dates,
            due_reminders=DueReminders(due_dates, paths.due_reminders_file),
            installments=InstallmentsService(store),
            transfers=TransfersService(store),
            transport=transport,
        )
        services.use_credentials(credentials or creds.load())
        bus.subscribe(services._on_change)
        return services

    def use_credentials(self, credentials: PluggyCredentials | None) -> None:
        """(Re)build the Pluggy client; without credentials the app still browses everything offline."""
        self.client = None
        self.connections = None
        if credentials is None:
            return
        self.client = PluggyClient(
            self.settings.pluggy_api_url, credentials.client_id, credentials.client_secret, transport=self.transport
        )
        self.connections = ConnectionsService(
            self.store,
            self.client,
            self.bus,
            interval=timedelta(hours=self.settings.sync_interval_hours),
            rules=self.rules,
        )
        self.bus.publish(Change(Topic.CREDENTIALS))

    async def save_credentials(self, client_id: str, client_secret: str) -> None:
        async def check(cid: str, secret: str) -> None:
            await check_credentials(self.settings.pluggy_api_url, cid, secret, self.transport)

        saved = await self.credentials.save(client_id, client_secret, check)
        with self.store.write() as conn:
            self.store.audit(conn, "credentials_changed", None, client_id=client_id)
        old = self.client
        self.use_credentials(saved)
        if old is not None:
            await old.aclose()

    def relay_token(self) -> str:
        """The webhook relay's bearer token, from the keyring (Settings stores it there)."""
        try:
            return keyring.get_password(KEYRING_SERVICE, f"relay-token:{self.paths.profile}") or ""
        except keyring.errors.KeyringError:
            return ""

    def api_usage(self) -> dict[str, Any]:
        """This session's Pluggy API usage (``ClientMetrics.snapshot()``); empty without credentials."""
        return self.client.metrics_snapshot() if self.client is not None else {}

    def save_api_usage(self) -> None:
        """Keep this session's usage for ``financehub doctor`` (after each sync, and at the end)."""
        save_usage(self.paths.api_usage_file, "app", self.api_usage())

    def _on_change(self, change: Change) -> None:
        if change.topic is Topic.SYNC_FINISHED:
            self.save_api_usage()

    async def aclose(self) -> None:
        self.save_api_usage()
        if self.client is not None:
            await self.client.aclose()
        self.store.close()


__all__ = ["AppServices", "PluggyAuthError", "check_credentials"]
