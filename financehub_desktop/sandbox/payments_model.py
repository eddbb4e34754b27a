"""Payment objects of the sandbox (customers, recipients, institutions, requests, intents, smart transfers,
boletos) and how their statuses move over time, with the ``payment_*`` webhooks (pluggy-api.md §6.12-6.14)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .connectors import OPEN_FINANCE_ID, connector_for_wire
from .data.ledger import add_months
from .wire import iso

if TYPE_CHECKING:
    from .state import SandboxState

_INSTITUTIONS = (
    ("00000000", "BANCO DO BRASIL S.A.", "Banco do Brasil", "001"),
    ("60701190", "ITAÚ UNIBANCO S.A.", "Itaú", "341"),
    ("60746948", "BANCO BRADESCO S.A.", "Bradesco", "237"),
    ("00360305", "CAIXA ECONOMICA FEDERAL", "Caixa", "104"),
    ("18236120", "NU PAGAMENTOS S.A. - INSTITUIÇÃO DE PAGAMENTO", "Nubank", "260"),
    ("00416968", "BANCO INTER S.A.", "Inter", "077"),
)
_INST_CREATED = "2021-03-01T00:00:00.000Z"


def institutions() -> list[dict[str, Any]]:
    return [
        {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"pluggy-sandbox-institution:{ispb}")),
            "name": name,
            "tradeName": trade,
            "ispb": ispb,
            "compe": compe,
            "createdAt": _INST_CREATED,
            "updatedAt": _INST_CREATED,
        }
        for ispb, name, trade, compe in _INSTITUTIONS
    ]


INSTITUTIONS = {i["id"]: i for i in institutions()}


class PaymentsBook:
    """All payment objects, by kind then id."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.customers: dict[str, dict[str, Any]] = {}
        self.recipients: dict[str, dict[str, Any]] = {}
        self.requests: dict[str, dict[str, Any]] = {}
        self.intents: dict[str, dict[str, Any]] = {}
        self.schedules: dict[str, list[dict[str, Any]]] = {}
        self.autopix: dict[str, list[dict[str, Any]]] = {}
        self.preauthorizations: dict[str, dict[str, Any]] = {}
        self.transfers: dict[str, dict[str, Any]] = {}
        self.boleto_connections: dict[str, dict[str, Any]] = {}
        self.boletos: dict[str, dict[str, Any]] = {}
        #: preauthorization id -> whether it still carries the balance permission (``linkedJourney``)
        self.linked_journeys: dict[str, bool] = {}
        #: (preauthorization id, "YYYY-MM" of the sandbox clock) -> balance reads that month (Open Finance quota)
        self.balance_reads: dict[tuple[str, str], int] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def stamp(self) -> tuple[str, str]:
        now = iso(self.state.now())
        return now, now

    # ------------------------------------------------------------------------------------------ timing
    def later(self, steps: list[tuple[float, Any]]) -> None:
        """Run each callback after its delay (in step units); immediately when no event loop is running."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            for _, callback in steps:
                callback()
            return

        async def run() -> None:
            for delay, callback in steps:
                await asyncio.sleep(delay * self.state.config.step_seconds)
                callback()

        task = loop.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def cancel(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def on_clock(self, today: date) -> None:
        """Days passed: due scheduled and automatic PIX payments settle, unpaid boletos fall overdue."""
        for request_id, schedules in self.schedules.items():
            request = self.requests.get(request_id)
            if request is None or request["status"] != "SCHEDULED":
                continue
            for schedule in schedules:
                if schedule["status"] == "SCHEDULED" and date.fromisoformat(schedule["scheduledDate"]) <= today:
                    schedule.update(status="COMPLETED", endToEndId=f"E{uuid.uuid4().hex[:31].upper()}")
                    self.state.emit(
                        "scheduled_payment/completed",
                        {"paymentRequestId": request_id, "scheduledPaymentId": schedule["id"]},
                    )
            if schedules and all(s["status"] in ("COMPLETED", "CANCELED") for s in schedules):
                self.state.emit("scheduled_payment/all_completed", {"paymentRequestId": request_id})
                self.set_request_status(request, "COMPLETED")
        for request_id, payments in self.autopix.items():
            for payment in payments:
                if payment["status"] == "SCHEDULED" and date.fromisoformat(payment["date"]) <= today:
                    payment.update(status="COMPLETED", endToEndId=f"E{uuid.uuid4().hex[:31].upper()}")
                    self.state.emit(
                        "automatic_pix_payment/completed",
                        {"paymentRequestId": request_id, "automaticPixPaymentId": payment["id"]},
                    )
        for boleto in self.boletos.values():
            if boleto["status"] == "OPEN" and date.fromisoformat(boleto["dueDate"][:10]) < today:
                boleto["status"] = "OVERDUE"
                self.state.emit("boleto/updated", {"boletoId": boleto["id"], "data": {"status": "OVERDUE"}})

    # ------------------------------------------------------------------------------------------ requests
    def set_request_status(self, request: dict[str, Any], status: str) -> None:
        request["status"] = status
        request["updatedAt"] = iso(self.state.now())
        if status in ("AUTHORIZED", "CANCELED", "COMPLETED", "ERROR", "SCHEDULED"):
            self.state.emit("payment_request/updated", {"paymentRequestId": request["id"], "data": {"status": status}})

    def start_intent(self, intent: dict[str, Any], request: dict[str, Any] | None) -> None:
        """Simulated payer journey: consent authorized at the bank, then the PIX settles (or is scheduled)."""
        self.state.emit(
            "payment_intent/created",
            {"paymentIntentId": intent["id"], "paymentRequestId": request["id"] if request else None},
        )

        def authorized() -> None:
            intent.update(status="CONSENT_AUTHORIZED", updatedAt=iso(self.state.now()))
            if request is not None:
                request.update(status="IN_PROGRESS", updatedAt=iso(self.state.now()))

        def completed() -> None:
            scheduled = request is not None and request.get("schedule")
            intent.update(
                status="PAYMENT_COMPLETED" if not scheduled else "CONSENT_AUTHORIZED", updatedAt=iso(self.state.now())
            )
            self.state.emit(
                "payment_intent/completed",
                {"paymentIntentId": intent["id"], "paymentRequestId": request["id"] if request else None},
            )
            if request is not None:
                if scheduled:
                    self.set_request_status(request, "SCHEDULED")
                    for schedule in self.schedules.get(request["id"], []):
                        self.state.emit(
                            "scheduled_payment/created",
                            {"paymentRequestId": request["id"], "scheduledPaymentId": schedule["id"]},
                        )
                elif request.get("automaticPix"):
                    self.set_request_status(request, "AUTHORIZED")
                else:
                    self.set_request_status(request, "COMPLETED")

        self.later([(1, authorized), (1, completed)])

    # ------------------------------------------------------------------------------------------ smart transfers
    def preauthorization(self, body: dict[str, Any], recipients: list[dict[str, Any]], base_url: str) -> dict[str, Any]:
        created, updated = self.stamp()
        pre_id = self.state.new_id()
        cpf = str(body["parameters"]["cpf"])
        pre: dict[str, Any] = {
            "id": pre_id,
            "status": "CREATED",
            "consentUrl": f"{base_url}/connect/consent/{pre_id}",
            "clientPreauthorizationId": body.get("clientPreauthorizationId"),
            "callbackUrls": body.get("callbackUrls"),
            "recipients": recipients,
            "connector": connector_for_wire(OPEN_FINANCE_ID),
            "createdAt": created,
            "updatedAt": updated,
            "configuration": body.get("configuration"),
            "errorDetail": None,
            "dataConsent": {"status": "AWAITING_AUTHORISATION", "rejectionReason": "", "updatedAt": created},
            "debtor": {
                "name": "Titular Sandbox",
                "taxNumber": cpf,
                "bankAccount": {"agency": "0001", "account": "123456-7", "name": "Sandbox Open Finance"},
            },
        }
        self.preauthorizations[pre_id] = pre
        self.linked_journeys[pre_id] = body.get("linkedJourney") is True

        def complete() -> None:
            now = iso(self.state.now())
            pre.update(status="COMPLETED", updatedAt=now)
            if pre["dataConsent"]["status"] != "REJECTED":  # the client may have cancelled it meanwhile
                pre["dataConsent"] = {"status": "AUTHORISED", "rejectionReason": "", "updatedAt": now}
            self.state.emit(
                "smart_transfer_preauthorization/completed",
                {"smartTransferPreauthorizationId": pre_id, "status": "COMPLETED"},
            )

        self.later([(2, complete)])
        return pre

    def transfer(
        self, pre: dict[str, Any], recipient: dict[str, Any], amount: Decimal, body: dict[str, Any]
    ) -> dict[str, Any]:
        created, updated = self.stamp()
        payment = {
            "id": self.state.new_id(),
            "preauthorizationId": pre["id"],
            "status": "PAYMENT_PENDING",
            "amount": amount,
            "description": body.get("description"),
            "recipient": recipient,
            "clientPaymentId": body.get("clientPaymentId"),
            "createdAt": created,
            "updatedAt": updated,
            "errorDetail": None,
        }
        self.transfers[payment["id"]] = payment
        limit = (pre.get("configuration") or {}).get("transactionLimit")

        def settle() -> None:
            ok = pre["status"] == "COMPLETED" and (limit is None or amount <= Decimal(str(limit)))
            payment.update(status="PAYMENT_COMPLETED" if ok else "PAYMENT_REJECTED", updatedAt=iso(self.state.now()))
            if not ok:
                payment["errorDetail"] = {
                    "code": "PAYMENT_DIFFERENT_FROM_CONSENT",
                    "description": "Pagamento fora dos limites do consentimento",
                    "detail": "The amount is above the preauthorization's limit",
                }
            event = "smart_transfer_payment/completed" if ok else "smart_transfer_payment/error"
            self.state.emit(
                event,
                {
                    "smartTransferPaymentId": payment["id"],
                    "smartTransferPreauthorizationId": pre["id"],
                    "status": payment["status"],
                },
            )

        self.later([(2, settle)])
        return payment


def schedule_dates(schedule: dict[str, Any]) -> list[date]:
    """The dates a PaymentRequestSchedule covers (SINGLE, DAILY, WEEKLY, MONTHLY, CUSTOM)."""
    kind = schedule["type"]
    if kind == "SINGLE":
        return [date.fromisoformat(schedule["date"])]
    if kind == "CUSTOM":
        return sorted(date.fromisoformat(d) for d in schedule["dates"])
    start = date.fromisoformat(schedule["startDate"])
    count = int(schedule["occurrences"])
    if kind == "DAILY":
        return [start + timedelta(days=n) for n in range(count)]
    if kind == "WEEKLY":
        days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
        first = start + timedelta(days=(days.index(schedule["dayOfWeek"]) - start.weekday()) % 7)
        return [first + timedelta(weeks=n) for n in range(count)]
    day = int(schedule["dayOfMonth"])
    first = start.replace(day=min(day, 28))
    if first < start:
        first = add_months(first, 1)
    return [add_months(first, n) for n in range(count)]


def now_iso(moment: datetime) -> str:
    return iso(moment)
