"""Sync one item: refresh it at Pluggy (within Pluggy's limits), wait for it, then pull every product it has.

    engine = SyncEngine(client, store)
    report = await engine.sync_item(item_id, answer_mfa=ask_user)   # SyncReport: counts, errors, duration

- **Refresh**: ``PATCH /items/{id}``, unless the connector cannot be refreshed (MeuPluggy), the item was updated less
  than ``min_refresh_interval`` ago, it is already updating, or Pluggy answers 409 (too soon): then the sync pulls
  the data Pluggy already has and ``report.refresh_note`` says why there was no refresh. A ``LOGIN_ERROR`` item is
  never re-submitted (each try counts towards the bank's lockout): its typed error is reported at once.
- **Wait**: ``GET /items/{id}`` with capped exponential backoff until the execution finishes. ``WAITING_USER_INPUT``
  calls ``answer_mfa(item_id, parameter)`` (the service layer asks the user) and posts the answer.
- **Errors**: a finished item in error becomes the typed error of ``domain/bank_errors.py`` (``error_for_item``);
  the item row keeps Pluggy's error code and message; the run is recorded as failed with the error code.
- **Pull**: accounts first, then with bounded concurrency: transactions per account (``/v2/transactions``; a full
  backfill the first time, then a ``createdAtFrom`` window since the last sync with an overlap, plus a reconcile
  window by date that catches pending -> posted changes and rows deleted upstream), bills per card, investments and
  their transactions, loans, identity and consents. Every page goes through the journal (``journal.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Connection

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.bank_errors import UnexpectedBankError
from financehub_desktop.domain.errors import (
    FinanceHubError,
    NotFoundError,
    PluggyForbiddenError,
    RefreshTooSoonError,
    SyncBusyElsewhereError,
)
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.errors import error_for_consent, error_for_item
from financehub_desktop.pluggy.models.items import ConnectorCredential, Item
from financehub_desktop.pluggy.pagination import cursor_after
from financehub_desktop.store import schema
from financehub_desktop.store.database import Store
from financehub_desktop.store.repositories import Repositories, UpsertResult

from . import convert
from .item_lock import ItemSyncLock
from .journal import Journal
from .matching import supersede_pending
from .progress import Counts, ProgressObserver, SyncProgress, SyncReport

log = get_logger("sync")

AnswerMfa = Callable[[str, ConnectorCredential], Awaitable[str]]
FINISHED_STATUSES = frozenset({"UPDATED", "LOGIN_ERROR", "OUTDATED"})
BUSY_STATUSES = frozenset({"UPDATING", "MERGING", "WAITING_USER_INPUT", "WAITING_USER_ACTION"})
ALL_PRODUCTS = frozenset(
    {"ACCOUNTS", "CREDIT_CARDS", "TRANSACTIONS", "INVESTMENTS", "INVESTMENTS_TRANSACTIONS", "IDENTITY", "LOANS"}
)
#: Connectors whose items Pluggy does not let a client refresh (MeuPluggy proxies data the user shares).
NON_REFRESHABLE_CONNECTORS = frozenset({200})


@dataclass(frozen=True, slots=True)
class SyncOptions:
    """Every knob that involves time is here so tests and benchmarks run it fast."""

    max_concurrency: int = 4
    poll_initial_seconds: float = 1.0
    poll_max_seconds: float = 15.0
    poll_factor: float = 1.6
    wait_timeout_seconds: float = 900.0
    #: A refresh is skipped when the item was updated less than this long ago (Pluggy limits client refreshes).
    min_refresh_interval: timedelta = timedelta(hours=1)
    #: The ``createdAtFrom`` window of an incremental sync starts this long before the last complete sync.
    created_overlap: timedelta = timedelta(days=2)
    #: The reconcile window (by transaction date) that catches updates and deletions upstream.
    reconcile_days: int = 62
    non_refreshable_connectors: frozenset[int] = NON_REFRESHABLE_CONNECTORS


def utc_now() -> datetime:
    return datetime.now(UTC)


def _counts(result: UpsertResult) -> Counts:
    return Counts(result.inserted, result.updated, result.unchanged, result.removed)


@dataclass(slots=True)
class _Run:
    item_id: str
    run_id: int
    started_at: datetime
    report: SyncReport
    journal: Journal
    observer: ProgressObserver | None
    anchor: datetime
    total_tasks: int = 0
    done_tasks: int = 0
    semaphore: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(4))

    def progress(self, phase: str, message: str) -> None:
        if self.observer is not None:
            try:
                self.observer(SyncProgress(self.item_id, phase, message, self.done_tasks, self.total_tasks))
            except Exception:
                log.exception("progress observer failed")


class SyncEngine:
    def __init__(
        self,
        client: PluggyClient,
        store: Store,
        *,
        repos: Repositories | None = None,
        options: SyncOptions | None = None,
        clock: Callable[[], datetime] = utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.client = client
        self.store = store
        self.repos = repos or store.repos
        self.options = options or SyncOptions()
        self.clock = clock
        self.sleep = sleep

    # ------------------------------------------------------------------------------------------ entry point
    async def sync_item(
        self,
        item_id: str,
        *,
        trigger: str = "user",
        answer_mfa: AnswerMfa | None = None,
        observer: ProgressObserver | None = None,
        refresh: bool = True,
    ) -> SyncReport:
        """Refresh (when allowed), wait, pull everything. Returns the report; raises only for bugs, cancellation
        and store failures (a failed item or product is in the report, as typed errors). While another process
        syncs the same item, nothing is done: the report fails with ``SyncBusyElsewhereError``."""
        lock = ItemSyncLock(self.store.paths.data_dir, item_id)
        if not lock.acquire():
            now = self.clock()
            log.info("item %s: another process is syncing it; not started", item_id)
            busy = SyncReport(item_id, None, trigger, status="failed", started_at=now, finished_at=now)
            busy.error = SyncBusyElsewhereError(f"item {item_id}")
            return busy
        try:
            return await self._sync_item(item_id, trigger, answer_mfa, observer, refresh)
        finally:
            lock.release()

    async def _sync_item(
        self,
        item_id: str,
        trigger: str,
        answer_mfa: AnswerMfa | None,
        observer: ProgressObserver | None,
        refresh: bool,
    ) -> SyncReport:
        journal = Journal(self.store, self.repos, item_id)
        run_id, started_at, resumed = journal.open_run(trigger)
        report = SyncReport(item_id, run_id, trigger, started_at=self.clock(), resumed=resumed)
        run = _Run(item_id, run_id, started_at, report, journal, observer, anchor=self.clock())
        run.semaphore = asyncio.Semaphore(max(1, self.options.max_concurrency))
        try:
            item = await self._refresh_and_wait(run, answer_mfa, refresh)
            if report.error is None:
                await self._pull(run, item)
        except FinanceHubError as exc:
            report.error = exc
        # Cancellation, a kill or a bug leave the run "running": the next sync of the item resumes it.
        report.finished_at = self.clock()
        if report.error is not None:
            report.status = "failed"
        elif report.product_errors:
            report.status = "partial"
        else:
            report.status = "succeeded"
        journal.finish_run(report)
        run.progress("finished", report.status)
        return report

    # ------------------------------------------------------------------------------------------ refresh
    def _store_item(self, item: Item) -> None:
        with self.store.write() as conn:
            if item.connector is not None:
                self.repos.connectors.upsert(conn, [convert.connector_record(item.connector)])
            self.repos.items.upsert(conn, [convert.item_record(item)])

    def _refresh_block(self, item: Item, refresh: bool) -> str | None:
        """Why this item must not be refreshed now, or None when a refresh is fine."""
        if not refresh:
            return "refresh not requested: synced the data Pluggy already has"
        connector_id = item.connector.id if item.connector else None
        if connector_id in self.options.non_refreshable_connectors:
            return "this connection cannot be refreshed by the app (MeuPluggy): synced without refresh"
        if item.status in BUSY_STATUSES:
            return "already updating at Pluggy: waited for it instead of starting another refresh"
        last = item.last_updated_at
        if last is not None and self.clock() - last < self.options.min_refresh_interval:
            return f"updated at {last.isoformat(timespec='minutes')}, less than the minimum interval ago"
        return None

    async def _refresh_and_wait(self, run: _Run, answer_mfa: AnswerMfa | None, refresh: bool) -> Item:
        item_id, report = run.item_id, run.report
        already = run.journal.is_done(run.run_id, "item", "", "refresh")
        run.progress("refresh", "checking the connection")
        item = await self.client.get_item(item_id)
        if item.status == "LOGIN_ERROR":
            report.refresh_note = "the bank refused the login: new credentials are needed (not retried)"
        elif already:
            report.refresh_note = "resumed an interrupted sync: the refresh had already finished"
        else:
            blocked = self._refresh_block(item, refresh)
            if blocked is None:
                try:
                    item = await self.client.update_item(item_id)
                    report.refreshed = True
                    run.progress("refresh", "refresh started at the bank")
                except RefreshTooSoonError as exc:
                    report.refresh_note = f"Pluggy refused a refresh this soon ({exc.code}): synced without refresh"
            else:
                report.refresh_note = blocked
            item = await self._wait(run, item, answer_mfa)
        self._store_item(item)
        error = error_for_item(item)
        if error is not None:
            report.error = error
            return item
        with self.store.write() as conn:
            state = run.journal.state("item", "", conn)
            if state.run != run.run_id:
                state.run, state.done = run.run_id, []
            if "refresh" not in state.done:
                state.done.append("refresh")
            run.journal.save(conn, "item", "", state)
        run.anchor = item.last_updated_at or self.clock()
        return item

    async def _wait(self, run: _Run, item: Item, answer_mfa: AnswerMfa | None) -> Item:
        delay = self.options.poll_initial_seconds
        waited = 0.0
        answered: set[str] = set()
        while item.status not in FINISHED_STATUSES:
            if item.status == "WAITING_USER_INPUT" and item.parameter is not None:
                key = f"{item.parameter.name}:{item.parameter.expires_at}"
                if answer_mfa is None:
                    err = error_for_item(item)
                    assert err is not None
                    raise err
                if key not in answered:
                    run.progress("mfa", item.parameter.label or item.parameter.name)
                    answer = await answer_mfa(item.id, item.parameter)
                    answered.add(key)
                    item = await self.client.send_mfa(item.id, {item.parameter.name: answer})
                    delay = self.options.poll_initial_seconds
                    continue
            message = "waiting for your action at the bank" if item.status == "WAITING_USER_ACTION" else "updating"
            run.progress("waiting", f"{message} ({item.execution_status or item.status})")
            if waited >= self.options.wait_timeout_seconds:
                raise UnexpectedBankError(f"the item was still {item.status} after {waited:.0f} s", item_id=item.id)
            await self.sleep(delay)
            waited += delay
            delay = min(delay * self.options.poll_factor, self.options.poll_max_seconds)
            item = await self.client.get_item(item.id)
        return item

    # ------------------------------------------------------------------------------------------ pull
    async def _pull(self, run: _Run, item: Item) -> None:
        products = set(item.products or (item.connector.products if item.connector else None) or ALL_PRODUCTS)
        accounts = await self._guard(run, "accounts", self._accounts(run))
        if accounts is None:
            return
        run.report.accounts = [a.name or a.id for a in accounts]
        jobs: list[tuple[str, Callable[[], Awaitable[Any]]]] = []
        for account in accounts:
            if "TRANSACTIONS" in products:
                jobs.append((f"transactions:{account.id}", partial(self._transactions, run, account.id)))
            if account.type == "CREDIT" and "CREDIT_CARDS" in products:
                jobs.append((f"bills:{account.id}", partial(self._bills, run, account.id)))
        if "INVESTMENTS" in products:
            with_txns = "INVESTMENTS_TRANSACTIONS" in products
            jobs.append(("investments", lambda: self._investments(run, with_txns)))
        if "LOANS" in products:
            jobs.append(("loans", lambda: self._loans(run)))
        if "IDENTITY" in products:
            jobs.append(("identity", lambda: self._identity(run)))
        jobs.append(("consents", lambda: self._consents(run)))
        run.total_tasks = len(jobs) + 1
        run.done_tasks = 1

        async def limited(name: str, job: Callable[[], Awaitable[Any]]) -> None:
            async with run.semaphore:
                await self._guard(run, name.split(":", maxsplit=1)[0], job(), label=name)
                run.done_tasks += 1
                run.progress(name.split(":", maxsplit=1)[0], f"{name} done")

        async with asyncio.TaskGroup() as group:
            for name, job in jobs:
                group.create_task(limited(name, job))

    async def _guard(self, run: _Run, product: str, work: Awaitable[Any], *, label: str | None = None) -> Any:
        """Runs one product; a typed failure is recorded (the sync goes on with the others)."""
        try:
            return await work
        except FinanceHubError as exc:
            log.warning("sync of %s for item %s failed: %s", label or product, run.item_id, exc)
            run.report.product_errors[label or product] = exc
            return None

    async def _listing(
        self,
        run: _Run,
        resource: str,
        scope: str,
        *,
        phases: Sequence[tuple[str, dict[str, Any]]],
        fetch: Callable[[dict[str, Any], Any], Awaitable[tuple[Sequence[Any], Any]]],
        write: Callable[[Connection, Sequence[Any]], tuple[Counts, list[str]]],
        finish: Callable[[str, dict[str, Any]], Callable[[Connection, list[str]], int] | None],
    ) -> None:
        journal = run.journal
        if journal.is_done(run.run_id, resource, scope, "complete"):
            return
        counts = run.report.counts_for(resource)
        for phase, params in phases:
            run.progress(resource, f"{resource} {scope}".strip())
            await journal.run_phase(
                run_id=run.run_id,
                resource=resource,
                scope=scope,
                phase=phase,
                params=params,
                fetch=fetch,
                write=write,
                finish=finish(phase, params),
                counts=counts,
            )
        journal.complete(run.run_id, resource, scope, run.started_at)

    async def _accounts(self, run: _Run) -> list[Any]:
        item_id = run.item_id

        async def fetch(params: dict[str, Any], cursor: Any) -> tuple[Sequence[Any], Any]:
            page = await self.client.list_accounts(item_id)
            return page.results, None

        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            result = self.repos.accounts.upsert(conn, [convert.account_record(a) for a in rows])
            return _counts(result), [a.id for a in rows]

        def finish(phase: str, params: dict[str, Any]) -> Callable[[Connection, list[str]], int]:
            return lambda conn, seen: self.repos.accounts.mark_missing_removed(
                conn, seen, schema.accounts.c.item_id == item_id
            )

        await self._listing(run, "accounts", "", phases=[("all", {})], fetch=fetch, write=write, finish=finish)
        # Every other product hangs off the accounts: read them back from the store (also on a resumed run).
        with self.store.read() as conn:
            return self.repos.accounts.list(conn, schema.accounts.c.item_id == item_id)

    async def _transactions(self, run: _Run, account_id: str) -> None:
        state = run.journal.state("transactions", account_id)
        last = state.last_complete_at
        phases: list[tuple[str, dict[str, Any]]]
        if last is None:
            phases = [("full", {})]
        else:
            window_from = run.anchor.date() - timedelta(days=self.options.reconcile_days)
            phases = [
                ("created", {"created_at_from": (last - self.options.created_overlap).isoformat()}),
                ("window", {"date_from": window_from.isoformat()}),
            ]

        async def fetch(params: dict[str, Any], cursor: Any) -> tuple[Sequence[Any], Any]:
            created = params.get("created_at_from")
            day = params.get("date_from")
            page = await self.client.list_transactions_v2(
                account_id,
                created_at_from=datetime.fromisoformat(created) if created else None,
                date_from=date.fromisoformat(day) if day else None,
                after=cursor,
            )
            next_cursor = cursor_after(page.next, endpoint="GET /v2/transactions") if page.next else None
            return page.results, next_cursor

        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            records = [convert.transaction_record(t, account_id) for t in rows]
            known = self.repos.transactions.local_ids(conn, [r.pluggy_id for r in records])
            counts = _counts(self.repos.transactions.upsert(conn, records))
            new_posted = [r for r in records if r.pluggy_id not in known and r.status == "POSTED"]
            if new_posted:
                listed = {r.pluggy_id for r in records}
                counts.removed += supersede_pending(self.repos, conn, account_id, new_posted, listed)
            return counts, [r.pluggy_id for r in records]

        def finish(phase: str, params: dict[str, Any]) -> Callable[[Connection, list[str]], int] | None:
            if phase == "created":
                return None
            day = params.get("date_from")
            start = datetime.combine(date.fromisoformat(day), time(0), UTC) if day else None
            return lambda conn, seen: self.repos.transactions.mark_missing_removed_in_window(
                conn, account_id, seen, date_from=start
            )

        await self._listing(run, "transactions", account_id, phases=phases, fetch=fetch, write=write, finish=finish)

    async def _paged(
        self,
        run: _Run,
        resource: str,
        scope: str,
        *,
        list_page: Callable[[int], Awaitable[Any]],
        write: Callable[[Connection, Sequence[Any]], tuple[Counts, list[str]]],
        mark_missing: Callable[[Connection, list[str]], int],
    ) -> None:
        async def fetch(params: dict[str, Any], cursor: Any) -> tuple[Sequence[Any], Any]:
            number = int(cursor or 1)
            page = await list_page(number)
            total = page.total_pages or number
            more = number < total and bool(page.results)
            return page.results, (number + 1 if more else None)

        await self._listing(
            run, resource, scope, phases=[("all", {})], fetch=fetch, write=write, finish=lambda p, q: mark_missing
        )

    async def _bills(self, run: _Run, account_id: str) -> None:
        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            result = self.repos.bills.upsert(conn, [convert.bill_record(b, account_id) for b in rows])
            return _counts(result), [b.id for b in rows]

        await self._paged(
            run,
            "bills",
            account_id,
            list_page=lambda n: self.client.list_bills(account_id, page=n),
            write=write,
            mark_missing=lambda conn, seen: self.repos.bills.mark_missing_removed(
                conn, seen, schema.bills.c.account_id == account_id
            ),
        )

    async def _investments(self, run: _Run, with_transactions: bool) -> None:
        item_id = run.item_id
        investment_ids: list[str] = []

        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            result = self.repos.investments.upsert(conn, [convert.investment_record(i, item_id) for i in rows])
            return _counts(result), [i.id for i in rows]

        await self._paged(
            run,
            "investments",
            "",
            list_page=lambda n: self.client.list_investments(item_id, page=n),
            write=write,
            mark_missing=lambda conn, seen: self.repos.investments.mark_missing_removed(
                conn, seen, schema.investments.c.item_id == item_id
            ),
        )
        if not with_transactions:
            return
        with self.store.read() as conn:
            investment_ids = [r.id for r in self.repos.investments.list(conn, schema.investments.c.item_id == item_id)]
        for investment_id in investment_ids:
            await self._investment_transactions(run, investment_id)

    async def _investment_transactions(self, run: _Run, investment_id: str) -> None:
        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            records = [convert.investment_transaction_record(t, investment_id) for t in rows]
            return _counts(self.repos.investment_transactions.upsert(conn, records)), [t.id for t in rows]

        table = schema.investment_transactions
        await self._paged(
            run,
            "investment_transactions",
            investment_id,
            list_page=lambda n: self.client.list_investment_transactions(investment_id, page=n),
            write=write,
            mark_missing=lambda conn, seen: self.repos.investment_transactions.mark_missing_removed(
                conn, seen, table.c.investment_id == investment_id
            ),
        )

    async def _loans(self, run: _Run) -> None:
        item_id = run.item_id

        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            result = self.repos.loans.upsert(conn, [convert.loan_record(loan, item_id) for loan in rows])
            return _counts(result), [loan.id for loan in rows]

        await self._paged(
            run,
            "loans",
            "",
            list_page=lambda n: self.client.list_loans(item_id),
            write=write,
            mark_missing=lambda conn, seen: self.repos.loans.mark_missing_removed(
                conn, seen, schema.loans.c.item_id == item_id
            ),
        )

    async def _identity(self, run: _Run) -> None:
        item_id = run.item_id

        async def fetch(params: dict[str, Any], cursor: Any) -> tuple[Sequence[Any], Any]:
            try:
                return [await self.client.get_identity(item_id)], None
            except NotFoundError:
                return [], None

        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            result = self.repos.identities.upsert(conn, [convert.identity_record(i, item_id) for i in rows])
            return _counts(result), [i.id for i in rows]

        def finish(phase: str, params: dict[str, Any]) -> Callable[[Connection, list[str]], int]:
            return lambda conn, seen: self.repos.identities.mark_missing_removed(
                conn, seen, schema.identities.c.item_id == item_id
            )

        await self._listing(run, "identity", "", phases=[("all", {})], fetch=fetch, write=write, finish=finish)

    async def _consents(self, run: _Run) -> None:
        item_id = run.item_id
        listed: list[Any] = []

        async def fetch(params: dict[str, Any], cursor: Any) -> tuple[Sequence[Any], Any]:
            try:
                page = await self.client.list_consents(item_id)
            except (NotFoundError, PluggyForbiddenError):
                return [], None
            listed.extend(page.results)
            return page.results, None

        def write(conn: Connection, rows: Sequence[Any]) -> tuple[Counts, list[str]]:
            result = self.repos.consents.upsert(conn, [convert.consent_record(c, item_id) for c in rows])
            return _counts(result), [c.id for c in rows]

        def finish(phase: str, params: dict[str, Any]) -> Callable[[Connection, list[str]], int]:
            return lambda conn, seen: self.repos.consents.mark_missing_removed(
                conn, seen, schema.consents.c.item_id == item_id
            )

        await self._listing(run, "consents", "", phases=[("all", {})], fetch=fetch, write=write, finish=finish)
        now = self.clock()
        for consent in listed:
            problem = error_for_consent(consent, now)
            if problem is not None:
                run.report.product_errors["consents"] = problem
