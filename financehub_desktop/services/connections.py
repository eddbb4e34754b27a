"""Bank connections (Pluggy items): list them with status and help, add one from a Connect result, reconnect
(update mode), delete, answer MFA, sync now. Network work is async; the store is read synchronously."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.bank_errors import ConsentExpiredError, bank_error_for
from financehub_desktop.domain.errors import FinanceHubError, InvalidInputError, MfaCancelledError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.store import Store
from financehub_desktop.store.records import CategoryRecord
from financehub_desktop.store.schema import connectors, items
from financehub_desktop.sync.convert import connector_record, item_record
from financehub_desktop.sync.engine import SyncEngine
from financehub_desktop.sync.events import EventProcessor
from financehub_desktop.sync.progress import SyncProgress, SyncReport
from financehub_desktop.sync.scheduler import SyncScheduler
from financehub_desktop.sync.sources import PollingSource, RelaySource

from .events import Change, EventBus, Topic
from .mfa import MfaPrompt
from .read_models import ConnectionView
from .rules import RulesService

log = get_logger("services")
#: Applies the rules after syncs, one at a time, off the loop's thread (joined at exit by concurrent.futures).
_RULES_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rules-after-sync")

#: The UI's answer to an MFA prompt: the value, or ``None`` when the user cancels.
MfaAnswerer = Callable[[MfaPrompt], Awaitable[str | None]]


class ConnectionsService:
    def __init__(
        self,
        store: Store,
        client: PluggyClient,
        bus: EventBus,
        *,
        engine: SyncEngine | None = None,
        interval: timedelta = timedelta(hours=6),
        rules: RulesService | None = None,
    ) -> None:
        self.store = store
        self.rules = rules or RulesService(store, bus)
        self._rules_pending: set[str] = set()  # items whose post-sync rule application failed
        self.client = client
        self.bus = bus
        self.last_reports: dict[str, SyncReport] = {}
        self._categories_loaded = False
        self._answerer: MfaAnswerer | None = None
        self._finishing: dict[str, asyncio.Future[None]] = {}
        self.scheduler = SyncScheduler(
            engine or SyncEngine(client, store),
            item_ids=lambda: [v.item_id for v in self.connections()],
            interval=interval,
            answer_mfa=self._answer_mfa,
        )
        self.scheduler.add_observer(self._on_sync_event)

    @property
    def engine(self) -> SyncEngine:
        return self.scheduler.engine

    @engine.setter
    def engine(self, engine: SyncEngine) -> None:
        self.scheduler.engine = engine

    # ------------------------------------------------------------------ reading
    def connections(self) -> list[ConnectionView]:
        i, c = items.c, connectors.c
        stmt = (
            select(
                i.id, i.connector_id, i.status, i.execution_status, i.error_code, i.error_message,
                i.last_updated_at, i.next_auto_sync_at, i.consent_expires_at, c.name, c.is_open_finance,
            )
            .select_from(items.outerjoin(connectors, c.id == i.connector_id))
            .where(i.removed_at.is_(None))
            .order_by(c.name, i.id)
        )  # fmt: skip
        with self.store.read() as conn:
            rows = list(conn.execute(stmt))
        views = []
        now = datetime.now(UTC)
        for r in rows:
            error: FinanceHubError | None = bank_error_for(r.execution_status, r.error_message or "")
            if error is None and r.error_code:
                error = bank_error_for(r.error_code, r.error_message or "")
            view = ConnectionView(
                item_id=r.id,
                connector_id=r.connector_id,
                connector_name=r.name or f"#{r.connector_id}",
                status=r.status,
                execution_status=r.execution_status,
                last_synced_at=r.last_updated_at,
                next_auto_sync_at=r.next_auto_sync_at,
                consent_expires_at=r.consent_expires_at,
                error=error,
                is_open_finance=bool(r.is_open_finance),
                can_refresh=r.connector_id not in self.engine.options.non_refreshable_connectors,
                syncing=r.id in self.scheduler.running_items,
            )
            if error is None:  # an expired Open Finance consent stops the data even when the last sync worked
                view = dataclasses.replace(view, error=self.consent_error(view, now))
            views.append(view)
        return views

    # ------------------------------------------------------------------ Connect
    async def connect_token(self, item_id: str | None = None) -> str:
        """A fresh 30-minute token for the Connect widget; with ``item_id``, update mode (reconnect)."""
        return await self.client.create_connect_token(item_id, avoid_duplicates=True if item_id is None else None)

    async def add_from_connect(self, item_id: str) -> ConnectionView:
        """Register the item the Connect widget created, then the caller starts its first sync."""
        item = await self.client.get_item(item_id)
        with self.store.write() as conn:
            if item.connector is not None:
                self.store.repos.connectors.upsert(conn, [connector_record(item.connector)])
            self.store.repos.items.upsert(conn, [item_record(item)])
        self.bus.publish(Change(Topic.ITEMS, item_id=item_id))
        return next(v for v in self.connections() if v.item_id == item_id)

    # ------------------------------------------------------------------ sync
    def is_syncing(self, item_id: str | None = None) -> bool:
        running = self.scheduler.running_items
        return bool(running) if item_id is None else item_id in running

    def set_mfa_answerer(self, answerer: MfaAnswerer | None) -> None:
        """Who answers the bank's code requests (the UI's dialog); without one, a sync that needs a code stops."""
        self._answerer = answerer

    async def _answer_mfa(self, item_id: str, parameter: object) -> str:
        prompt = MfaPrompt.from_parameter(item_id, _as_mapping(parameter))
        answer = await self._answerer(prompt) if self._answerer is not None else None
        if answer is None:
            raise MfaCancelledError()
        return prompt.check(answer)

    def _on_sync_event(self, event: SyncProgress | SyncReport) -> None:
        if isinstance(event, SyncProgress):
            self.bus.publish(
                Change(Topic.SYNC_PROGRESS, item_id=event.item_id,
                       detail={"phase": event.phase, "message": event.message, "done": event.done,
                               "total": event.total})
            )  # fmt: skip
            return
        self.last_reports[event.item_id] = event
        self._finishing[event.item_id] = asyncio.ensure_future(self._finish(event))

    async def _finish(self, report: SyncReport) -> None:
        await self.refresh_categories()
        # The categorisation rules, over what this sync wrote (after a failed attempt, over the whole connection).
        since = None if report.item_id in self._rules_pending else report.started_at
        try:
            # A worker thread: the first sync of years of history (or a rule saved without "apply now") makes
            # this seconds of work, which must not freeze the GUI thread that runs this loop. A plain Python
            # thread, not the loop's default executor (qasync's QThreads outlive the app and abort its exit).
            apply = functools.partial(self.rules.apply_to_item, report.item_id, since=since)
            changed = await asyncio.get_running_loop().run_in_executor(_RULES_THREAD, apply)
            self._rules_pending.discard(report.item_id)
            if changed:
                log.info("categorisation rules changed %d transactions after the sync", changed)
        except FinanceHubError as error:  # e.g. the disk is full: the sync itself is done; rules run again next time
            self._rules_pending.add(report.item_id)
            log.warning("categorisation rules not applied after the sync: %s", error)
        self.bus.publish(
            Change(Topic.SYNC_FINISHED, item_id=report.item_id, detail={"status": report.status, "error": report.error})
        )
        self.bus.publish(Change(Topic.ITEMS, item_id=report.item_id))

    async def sync(
        self,
        item_id: str,
        *,
        answer_mfa: MfaAnswerer | None = None,
        trigger: str = "user",
        refresh: bool = True,
    ) -> SyncReport:
        """Sync one item now; a second call while it runs waits for the same run instead of starting another."""
        if answer_mfa is not None:
            self.set_mfa_answerer(answer_mfa)
        started = not self.is_syncing(item_id)
        pending = self.scheduler.sync_now(item_id, trigger=trigger, refresh=refresh)
        if started:
            self.bus.publish(Change(Topic.ITEMS, item_id=item_id))
        report = await pending
        finishing = self._finishing.get(item_id)
        if finishing is not None:
            await asyncio.shield(finishing)
        return report

    async def run_background(
        self, stop: asyncio.Event, *, relay_url: str = "", relay_token: str = "", poll_seconds: float = 300.0
    ) -> None:
        """The scheduler (syncs on the user's interval) and one event source until ``stop``: the user's webhook
        relay when configured, else polling Pluggy for the same events."""
        processor = EventProcessor(self.client, self.store, request_sync=self.scheduler.request_sync)
        source: RelaySource | PollingSource
        if relay_url and relay_token:
            source = RelaySource(relay_url, relay_token, processor)
        else:
            source = PollingSource(
                self.client, processor, interval_seconds=poll_seconds,
                item_ids=lambda: [v.item_id for v in self.connections()],
            )  # fmt: skip
        log.info("background sync started (%s)", "relay" if isinstance(source, RelaySource) else "polling")
        try:
            await asyncio.gather(self.scheduler.run(stop), source.run(stop))
        finally:
            if isinstance(source, RelaySource):
                await source.aclose()

    async def refresh_categories(self, *, force: bool = False) -> int:
        """Pluggy's category tree (English names and their pt-BR translations), once per session. A failure
        leaves the stored names in place: categories are a nicety, never a reason to fail a sync."""
        if self._categories_loaded and not force:
            return 0
        try:
            page = await self.client.list_categories()
        except FinanceHubError as exc:
            log.warning("categories not refreshed: %s", exc)
            return 0
        records = [
            CategoryRecord(
                id=c.id,
                name_en=c.description or c.id,
                name_pt=c.description_translated,
                parent_id=c.parent_id,
                parent_name_en=c.parent_description,
                raw=c.model_dump(mode="python", by_alias=True),
            )
            for c in page.results
        ]
        with self.store.write() as conn:
            result = self.store.repos.categories.upsert(conn, records)
        self._categories_loaded = True
        if result.written:
            self.bus.publish(Change(Topic.CATEGORIES))
        return result.written

    # ------------------------------------------------------------------ delete
    async def delete(self, item_id: str) -> None:
        """Delete the connection at Pluggy (which ends the Open Finance consent) and its data here."""
        if self.is_syncing(item_id):
            raise InvalidInputError("wait for the running sync of this connection to finish")
        view = next((v for v in self.connections() if v.item_id == item_id), None)
        if view is None:
            raise InvalidInputError(f"no connection {item_id}")
        try:
            await self.client.delete_item(item_id)
        except FinanceHubError as exc:
            if exc.code != "not_found":  # already gone at Pluggy: still remove it here
                raise
        with self.store.write() as conn:
            conn.execute(delete(items).where(items.c.id == item_id))  # accounts and their rows cascade
            self.store.audit(conn, "item_deleted", item_id, connector=view.connector_name)
            if view.is_open_finance:
                self.store.audit(conn, "consent_revoked", item_id)
        self.bus.publish(Change(Topic.ITEMS, item_id=item_id))
        self.bus.publish(Change(Topic.ACCOUNTS, item_id=item_id))
        self.bus.publish(Change(Topic.SYNC_FINISHED, item_id=item_id))

    @staticmethod
    def consent_error(view: ConnectionView, today: datetime) -> FinanceHubError | None:
        left = view.consent_days_left(today.date())
        return ConsentExpiredError(view.connector_name) if left is not None and left <= 0 else None


def _as_mapping(parameter: object) -> dict[str, object]:
    if isinstance(parameter, dict):
        return parameter
    dump = getattr(parameter, "model_dump", None)
    if callable(dump):
        result = dump(mode="python", by_alias=True)
        if isinstance(result, dict):
            return result
    raise InvalidInputError("the bank's verification request could not be read")
