"""Items and their executions over time (pluggy-api.md §8).

An execution is a list of phases (status, executionStatus), each lasting ``step_seconds`` of real time. Phases
advance lazily whenever the item is read and from a small driver task, so a client must poll exactly as with
Pluggy. A phase may wait (MFA: WAITING_USER_INPUT until ``POST /items/{id}/mfa`` or the timeout).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .connectors import MFA_TOKEN_OK, OPEN_FINANCE_ID, bank_key, connector_for_wire
from .data.book import BANKS, ItemBook, SyncChanges
from .scenarios import AUTH_PENDING, INVALID_MFA, MFA_TIMEOUT, Failure, Scenario, mfa_parameter
from .wire import iso

COLLECTING = (
    "ACCOUNTS_IN_PROGRESS",
    "CREDITCARDS_IN_PROGRESS",
    "TRANSACTIONS_IN_PROGRESS",
    "INVESTMENTS_IN_PROGRESS",
    "IDENTITY_IN_PROGRESS",
    "LOANS_IN_PROGRESS",
)
STATUS_DETAIL_KEYS = (
    "accounts",
    "creditCards",
    "transactions",
    "investments",
    "investmentsTransactions",
    "identity",
    "paymentData",
    "loans",
)
FINISHED = frozenset({"UPDATED", "LOGIN_ERROR", "OUTDATED"})

Emit = Callable[[str, "ItemRecord", dict[str, Any]], None]


@dataclass(slots=True)
class Phase:
    status: str
    execution_status: str
    action: str = ""  # what happens on entering: "", "mfa", "login_ok", "collect", "done", "fail", "user_action"


@dataclass(slots=True)
class Execution:
    phases: list[Phase]
    index: int = 0
    entered: float = field(default_factory=time.monotonic)
    waiting_until: float | None = None
    triggered_by: str = "USER"
    failure: Failure | None = None


@dataclass(slots=True)
class ItemRecord:
    id: str
    connector_id: int
    parameters: dict[str, Any]
    scenario: Scenario
    created_at: datetime
    updated_at: datetime
    client_user_id: str | None = None
    webhook_url: str | None = None
    products: list[str] | None = None
    oauth_redirect_uri: str | None = None
    connect_token_id: str | None = None
    status: str = "UPDATING"
    execution_status: str = "CREATED"
    error: dict[str, Any] | None = None
    parameter: dict[str, Any] | None = None
    user_action: dict[str, Any] | None = None
    status_detail: dict[str, Any] | None = None
    last_updated_at: datetime | None = None
    next_auto_sync_at: datetime | None = None
    auto_sync_disabled_at: datetime | None = None
    consecutive_failed_logins: int = 0
    consecutive_errors: int = 0
    last_failed_login_at: datetime | None = None
    last_refresh_requested: float | None = None
    ever_succeeded: bool = False
    execution: Execution | None = None
    book: ItemBook | None = None
    driver: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self.status not in FINISHED

    def wire(self) -> dict[str, Any]:
        consent_expiry = None
        if self.connector_id == OPEN_FINANCE_ID and self.ever_succeeded:
            consent_expiry = iso(self.created_at + timedelta(days=365))
        return {
            "id": self.id,
            "connector": connector_for_wire(self.connector_id),
            "status": self.status,
            "executionStatus": self.execution_status,
            "error": self.error,
            "parameter": self.parameter,
            "userAction": self.user_action,
            "webhookUrl": self.webhook_url,
            "clientUserId": self.client_user_id,
            "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at),
            "lastUpdatedAt": iso(self.last_updated_at) if self.last_updated_at else None,
            "statusDetail": self.status_detail,
            "nextAutoSyncAt": iso(self.next_auto_sync_at) if self.next_auto_sync_at else None,
            "autoSyncDisabledAt": iso(self.auto_sync_disabled_at) if self.auto_sync_disabled_at else None,
            "consecutiveFailedLoginAttempts": self.consecutive_failed_logins,
            "consentExpiresAt": consent_expiry,
            "products": self.products
            or [
                "ACCOUNTS",
                "CREDIT_CARDS",
                "TRANSACTIONS",
                "INVESTMENTS",
                "INVESTMENTS_TRANSACTIONS",
                "IDENTITY",
                "LOANS",
                "PAYMENT_DATA",
            ],
            "oauthRedirectUri": self.oauth_redirect_uri,
            "resourcesCollectedAt": iso(self.last_updated_at) if self.last_updated_at else None,
            "hasResourcesPendingAuthorization": False,
        }


def plan_for(scenario: Scenario, *, mfa_answered: bool = False) -> list[Phase]:
    phases = [Phase("UPDATING", "CREATED"), Phase("UPDATING", "LOGIN_IN_PROGRESS")]
    if scenario.failure is not None:
        return [*phases, Phase(scenario.failure.status, scenario.failure.execution_status, "fail")]
    if scenario.mfa is not None and not mfa_answered:
        phases.append(Phase("WAITING_USER_INPUT", "WAITING_USER_INPUT", "mfa"))
        phases.append(Phase("UPDATING", "LOGIN_MFA_IN_PROGRESS"))
    if scenario.user_action:
        phases.append(Phase("WAITING_USER_ACTION", "WAITING_USER_ACTION", "user_action"))
        if scenario.auth_pending:
            return [*phases, Phase(AUTH_PENDING.status, AUTH_PENDING.execution_status, "fail")]
        phases.append(Phase("WAITING_USER_ACTION", "WAITING_USER_ACTION"))
    phases.append(Phase("UPDATING", COLLECTING[0], "login_ok"))
    phases += [Phase("UPDATING", s) for s in COLLECTING[1:]]
    phases.append(Phase("UPDATING", "TRANSACTIONS_IN_PROGRESS", "collect"))
    final = "PARTIAL_SUCCESS" if scenario.account_error else "SUCCESS"
    phases.append(Phase("UPDATED", final, "done"))
    return phases


class ItemEngine:
    """Moves items through their phases and tells the webhook dispatcher what happened."""

    def __init__(
        self,
        *,
        seed: int,
        step_seconds: float,
        mfa_timeout: float,
        now: Callable[[], datetime],
        emit: Emit,
        perf_cap: int = 5000,
    ) -> None:
        self.seed = seed
        self.step = step_seconds
        self.mfa_timeout = mfa_timeout
        self.now = now
        self.emit = emit
        self.perf_cap = perf_cap
        self.changes_listeners: list[Callable[[ItemRecord, SyncChanges], None]] = []

    def start(self, item: ItemRecord, triggered_by: str, *, mfa_answered: bool = False) -> None:
        item.execution = Execution(plan_for(item.scenario, mfa_answered=mfa_answered), triggered_by=triggered_by)
        item.error = None
        item.parameter = None
        item.user_action = None
        self._enter(item, item.execution.phases[0])
        self._ensure_driver(item)

    # ------------------------------------------------------------------------------------------ time
    def advance(self, item: ItemRecord) -> None:
        ex = item.execution
        if ex is None:
            return
        mono = time.monotonic()
        while ex.index < len(ex.phases) - 1:
            if ex.waiting_until is not None:
                if mono < ex.waiting_until:
                    return
                ex.waiting_until = None
                self._finish_failure(item, MFA_TIMEOUT)
                return
            if mono - ex.entered < self.step:
                return
            ex.entered += self.step
            ex.index += 1
            self._enter(item, ex.phases[ex.index])
            if item.execution is not ex:
                return
        if ex.index >= len(ex.phases) - 1 and not item.running:
            item.execution = None

    def _ensure_driver(self, item: ItemRecord) -> None:
        if item.driver is not None and not item.driver.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        item.driver = loop.create_task(self._drive(item))

    async def _drive(self, item: ItemRecord) -> None:
        while item.execution is not None:
            ex = item.execution
            if ex.waiting_until is not None:
                delay = max(0.0, ex.waiting_until - time.monotonic())
            else:
                delay = max(0.0, ex.entered + self.step - time.monotonic())
            await asyncio.sleep(min(delay + 0.001, 1.0))
            self.advance(item)

    # ------------------------------------------------------------------------------------------ phases
    def _enter(self, item: ItemRecord, phase: Phase) -> None:
        now = self.now()
        item.status, item.execution_status = phase.status, phase.execution_status
        item.updated_at = now
        ex = item.execution
        assert ex is not None
        if phase.action == "mfa":
            expires = now + timedelta(seconds=self.mfa_timeout)
            item.parameter = mfa_parameter(item.scenario.mfa or "token", iso(expires))
            ex.waiting_until = time.monotonic() + self.mfa_timeout
            self.emit("item/waiting_user_input", item, {"triggeredBy": ex.triggered_by})
        elif phase.action == "user_action":
            item.user_action = {
                "type": "authorize-access",
                "instructions": "Autorize o compartilhamento de dados no aplicativo do seu banco.",
                "attributes": {"authorizationUrl": f"https://sandbox.pluggy.local/consent/{item.id}"},
                "expiresAt": iso(now + timedelta(minutes=10)),
            }
            self.emit("item/waiting_user_action", item, {"triggeredBy": ex.triggered_by})
        elif phase.action == "login_ok":
            item.user_action = None
            item.parameter = None
            item.consecutive_failed_logins = 0
            self.emit("item/login_succeeded", item, {"triggeredBy": ex.triggered_by})
        elif phase.action == "collect":
            self._collect(item, now)
        elif phase.action == "done":
            self._finish_success(item, now)
        elif phase.action == "fail":
            failure = item.scenario.failure or AUTH_PENDING
            self._finish_failure(item, failure)

    def _collect(self, item: ItemRecord, now: datetime) -> None:
        if item.book is None:
            s = item.scenario
            item.book = ItemBook(
                seed=self.seed,
                item_id=item.id,
                bank=BANKS[bank_key(item.connector_id)],
                username=s.username,
                perf=s.perf,
                two_checking=s.two_checking,
                perf_cap=self.perf_cap,
            )
        changes = item.book.sync(now)
        for listener in self.changes_listeners:
            listener(item, changes)

    def _finish_success(self, item: ItemRecord, now: datetime) -> None:
        ex = item.execution
        first = not item.ever_succeeded
        item.ever_succeeded = True
        item.last_updated_at = now
        item.consecutive_errors = 0
        item.parameter = None
        item.user_action = None
        if item.auto_sync_disabled_at is None:
            item.next_auto_sync_at = now + timedelta(hours=24)
        s = item.scenario
        if s.account_error or s.account_warning:
            detail: dict[str, Any] = {
                key: {"isUpdated": True, "lastUpdatedAt": iso(now), "warnings": []} for key in STATUS_DETAIL_KEYS
            }
            warning = {
                "code": "001",
                "message": "Não foi possível atualizar todas as contas.",
                "providerMessage": "Conta temporariamente indisponível",
            }
            detail["accounts"] = {"isUpdated": not s.account_error, "lastUpdatedAt": iso(now), "warnings": [warning]}
            item.status_detail = detail
        else:
            item.status_detail = None
        item.execution = None
        triggered = ex.triggered_by if ex else "SYNC"
        self.emit("item/created" if first else "item/updated", item, {"triggeredBy": triggered})

    def _finish_failure(self, item: ItemRecord, failure: Failure) -> None:
        ex = item.execution
        now = self.now()
        item.status, item.execution_status = failure.status, failure.execution_status
        item.error = {
            "code": failure.execution_status,
            "message": failure.message,
            "providerMessage": failure.provider_message,
            "attributes": None,
        }
        item.parameter = None
        item.user_action = None
        item.updated_at = now
        if failure.status == "LOGIN_ERROR":
            item.consecutive_failed_logins += 1
            item.last_failed_login_at = now
            item.next_auto_sync_at = None
        else:
            item.consecutive_errors += 1
        item.execution = None
        self.emit(
            "item/error",
            item,
            {
                "triggeredBy": ex.triggered_by if ex else "SYNC",
                "error": {"code": item.error["code"], "message": item.error["message"]},
            },
        )

    # ------------------------------------------------------------------------------------------ MFA
    def answer_mfa(self, item: ItemRecord, answer: dict[str, Any]) -> None:
        ex = item.execution
        if ex is None or item.status != "WAITING_USER_INPUT" or item.parameter is None:
            return
        value = answer.get(item.parameter["name"])
        ex.waiting_until = None
        if value != MFA_TOKEN_OK:
            self._finish_failure(item, INVALID_MFA)
            return
        item.parameter = None
        ex.entered = time.monotonic()
        ex.index += 1
        self._enter(item, ex.phases[ex.index])
        self._ensure_driver(item)
