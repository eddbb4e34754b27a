"""Smart transfers (preauthorized PIX) and boletos (pluggy-api.md §6.14)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

from starlette.routing import Route

from ..data.documents import is_valid_cpf
from ..errors import ApiError, bad_request, not_found
from ..wire import iso
from .base import Ctx, amount_field, endpoint, page, paging, str_field
from .payments import _date_field, _get, book


# ------------------------------------------------------------------------------------------------- smart transfers
async def list_preauthorizations(ctx: Ctx) -> dict[str, Any]:
    number, size = paging(ctx, 20)
    return page(list(book(ctx).preauthorizations.values()), number, size)


async def create_preauthorization(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    if body.get("connectorId") != 600:
        raise ApiError(400, "The connector does not support smart transfers", "CONNECTOR_NOT_SUPPORTED")
    parameters = body.get("parameters")
    if not isinstance(parameters, dict) or not is_valid_cpf(str(parameters.get("cpf", ""))):
        raise bad_request("parameters.cpf must be a valid CPF", "INVALID_PARAMETER", parameter="cpf")
    ids = body.get("recipientIds")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise bad_request("recipientIds must be a non-empty list", "INVALID_PARAMETER", parameter="recipientIds")
    recipients = [_get(book(ctx).recipients, i, "PAYMENT_RECIPIENT_NOT_FOUND", "Payment recipient") for i in ids]
    return book(ctx).preauthorization(body, recipients, str(ctx.request.base_url).rstrip("/"))


def _preauth(ctx: Ctx) -> dict[str, Any]:
    return _get(
        book(ctx).preauthorizations,
        ctx.path("id"),
        "SMART_TRANSFER_PREAUTHORIZATION_NOT_FOUND",
        "Smart transfer preauthorization",
    )


async def get_preauthorization(ctx: Ctx) -> dict[str, Any]:
    return _preauth(ctx)


async def preauthorization_balance(ctx: Ctx) -> dict[str, Any]:
    """The payer's balance, for preauthorizations created with ``linkedJourney`` and an authorised data consent.

    Deterministic from the seed and the debtor's CPF; completed smart-transfer payments are taken out of it.
    """
    pre = _preauth(ctx)
    if not book(ctx).linked_journeys.get(pre["id"]):
        raise ApiError(
            403, "The preauthorization has no balance permission (linkedJourney)", "SMART_TRANSFER_BALANCE_NOT_ALLOWED"
        )
    if pre["dataConsent"]["status"] != "AUTHORISED":
        raise ApiError(400, "The data consent is not authorised yet", "SMART_TRANSFER_DATA_CONSENT_NOT_AUTHORISED")
    quota = ctx.state.config.balance_monthly_quota
    month = (pre["id"], ctx.state.clock.today().strftime("%Y-%m"))
    if quota is not None and book(ctx).balance_reads.get(month, 0) >= quota:
        raise ApiError(
            429, "The institution's monthly Open Finance quota for balances is spent", "BALANCE_OPEN_FINANCE_RATE_LIMIT"
        )
    book(ctx).balance_reads[month] = book(ctx).balance_reads.get(month, 0) + 1
    spent = sum(
        (
            p["amount"]
            for p in book(ctx).transfers.values()
            if p["preauthorizationId"] == pre["id"] and p["status"] == "PAYMENT_COMPLETED"
        ),
        Decimal("0.00"),
    )
    rng = random.Random(f"{ctx.state.config.seed}:preauthorization-balance:{pre['debtor']['taxNumber']}")
    opening = Decimal(rng.randrange(150_000, 1_500_000)) / 100
    contracted = Decimal(rng.choice((1000, 2000, 3000))).quantize(Decimal("0.01"))
    balance = (opening - spent).quantize(Decimal("0.01"))
    used = min(max(-balance, Decimal("0.00")), contracted)
    return {
        "balance": balance,
        "overdraft": {"contracted": contracted, "used": used, "available": contracted - used},
    }


async def drop_data_consent(ctx: Ctx) -> dict[str, Any]:
    """Cancels only the balance permission; the preauthorization and its payments keep working. Idempotent: a
    permission that already ended (or never existed) answers 200 with ``dataConsent.status`` REJECTED."""
    pre = _preauth(ctx)
    book(ctx).linked_journeys[pre["id"]] = False
    if pre["dataConsent"]["status"] != "REJECTED":
        now = iso(ctx.state.now())
        pre["dataConsent"] = {"status": "REJECTED", "rejectionReason": "CANCELLED_BY_CLIENT", "updatedAt": now}
        pre["updatedAt"] = now
    return pre


async def preauthorization_payments(ctx: Ctx) -> dict[str, Any]:
    pre = _preauth(ctx)
    number, size = paging(ctx, 20)
    date_from, date_to = ctx.date_query("from"), ctx.date_query("to")
    rows = [
        p
        for p in book(ctx).transfers.values()
        if p["preauthorizationId"] == pre["id"]
        and (date_from is None or p["createdAt"][:10] >= date_from.isoformat())
        and (date_to is None or p["createdAt"][:10] <= date_to.isoformat())
    ]
    return page(sorted(rows, key=lambda p: p["createdAt"], reverse=True), number, size)


async def create_transfer(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    pre = _get(
        book(ctx).preauthorizations,
        str(str_field(body, "preauthorizationId")),
        "SMART_TRANSFER_PREAUTHORIZATION_NOT_FOUND",
        "Smart transfer preauthorization",
    )
    recipient_id = str(str_field(body, "recipientId")).lower()
    recipient = next((r for r in pre["recipients"] if r["id"] == recipient_id), None)
    if recipient is None:
        raise bad_request(
            "recipientId is not part of this preauthorization", "INVALID_PARAMETER", parameter="recipientId"
        )
    amount = amount_field(body, "amount")
    assert amount is not None
    return book(ctx).transfer(pre, recipient, amount, body)


async def get_transfer(ctx: Ctx) -> dict[str, Any]:
    return _get(book(ctx).transfers, ctx.path("id"), "SMART_TRANSFER_PAYMENT_NOT_FOUND", "Smart transfer payment")


# ------------------------------------------------------------------------------------------------- boletos
async def create_boleto_connection(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    credentials = body.get("credentials")
    if not isinstance(body.get("connectorId"), int) or not isinstance(credentials, dict):
        raise bad_request("connectorId and credentials are required", "INVALID_PARAMETER")
    if not all(isinstance(credentials.get(k), str) and credentials[k] for k in ("clientId", "clientSecret")):
        raise ApiError(
            400,
            "INVALID_CREDENTIALS",
            "BOLETO_CONNECTION_CREATION_CREDENTIALS_ERROR",
            extra={"errorId": ctx.state.new_id()},
        )
    created, updated = book(ctx).stamp()
    connection: dict[str, Any] = {
        "id": ctx.state.new_id(),
        "connectorId": body["connectorId"],
        "createdAt": created,
        "updatedAt": updated,
    }
    book(ctx).boleto_connections[connection["id"]] = connection
    return connection


async def boleto_connection_from_item(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    item = ctx.state.item(str(str_field(body, "itemId")).lower())
    if item is None:
        raise not_found("ITEM_NOT_FOUND", "Item")
    created, updated = book(ctx).stamp()
    connection: dict[str, Any] = {
        "id": ctx.state.new_id(),
        "connectorId": item.connector_id,
        "createdAt": created,
        "updatedAt": updated,
    }
    book(ctx).boleto_connections[connection["id"]] = connection
    return connection


async def create_boleto(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    connection = _get(
        book(ctx).boleto_connections,
        str(str_field(body, "boletoConnectionId")),
        "BOLETO_CONNECTION_NOT_FOUND",
        "Boleto connection",
    )
    boleto = body.get("boleto")
    if not isinstance(boleto, dict):
        raise bad_request("boleto is required", "INVALID_PARAMETER", parameter="boleto")
    number = str_field(boleto, "seuNumero", max_len=10)
    amount = amount_field(boleto, "amount")
    due = _date_field(boleto, "dueDate")
    if due < ctx.state.clock.today():
        raise bad_request("dueDate must be today or later", "INVALID_PARAMETER", parameter="dueDate")
    payer = boleto.get("payer")
    if not isinstance(payer, dict) or not all(
        isinstance(payer.get(k), str) and payer[k] for k in ("taxNumber", "name", "addressState", "addressZipCode")
    ):
        raise bad_request(
            "payer needs taxNumber, name, addressState and addressZipCode", "INVALID_PARAMETER", parameter="payer"
        )
    rng = random.Random(f"{ctx.state.config.seed}:boleto:{len(book(ctx).boletos)}")
    barcode = "07791" + f"{(due - date(1997, 10, 7)).days % 10000:04d}" + f"{int((amount or 0) * 100):010d}"
    barcode += "".join(str(rng.randint(0, 9)) for _ in range(44 - len(barcode)))
    created, _ = book(ctx).stamp()
    issued = {
        "id": ctx.state.new_id(),
        "amount": amount,
        "status": "OPEN",
        "seuNumero": number,
        "dueDate": f"{due.isoformat()}T00:00:00.000Z",
        "payer": {
            k: payer.get(k)
            for k in ("taxNumber", "name", "addressState", "addressZipCode", "addressStreet", "addressCity")
        },
        "pixQr": None,
        "digitableLine": " ".join(barcode[i : i + 11] for i in range(0, 44, 11)),
        "nossoNumero": f"{rng.randint(10**9, 10**10 - 1)}",
        "barcode": barcode,
        "boletoConnectionId": connection["id"],
        "createdAt": created,
        "amountPaid": None,
        "paymentOrigin": None,
        "fine": boleto.get("fine"),
        "interest": boleto.get("interest"),
        "paidAt": None,
    }
    book(ctx).boletos[issued["id"]] = issued
    return issued


def _boleto(ctx: Ctx) -> dict[str, Any]:
    return _get(book(ctx).boletos, ctx.path("id"), "BOLETO_NOT_FOUND", "Boleto")


async def get_boleto(ctx: Ctx) -> dict[str, Any]:
    return _boleto(ctx)


async def cancel_boleto(ctx: Ctx) -> dict[str, Any]:
    boleto = _boleto(ctx)
    if boleto["status"] != "OPEN":
        raise bad_request("Only an OPEN boleto can be cancelled", "BOLETO_NOT_CANCELLABLE")
    boleto["status"] = "CANCELLED"
    ctx.state.emit("boleto/updated", {"boletoId": boleto["id"], "data": {"status": "CANCELLED"}})
    return boleto


def _r(path: str, handler: Any, method: str) -> Route:
    return Route(path, endpoint(handler), methods=[method])


ROUTES = [
    _r("/smart-transfers/preauthorizations", list_preauthorizations, "GET"),
    _r("/smart-transfers/preauthorizations", create_preauthorization, "POST"),
    _r("/smart-transfers/preauthorizations/{id}", get_preauthorization, "GET"),
    _r("/smart-transfers/preauthorizations/{id}/payments", preauthorization_payments, "GET"),
    _r("/smart-transfers/preauthorizations/{id}/balance", preauthorization_balance, "GET"),
    _r("/smart-transfers/preauthorizations/{id}/data-consent", drop_data_consent, "DELETE"),
    _r("/smart-transfers/payments", create_transfer, "POST"),
    _r("/smart-transfers/payments/{id}", get_transfer, "GET"),
    _r("/boleto-connections", create_boleto_connection, "POST"),
    _r("/boleto-connections/from-item", boleto_connection_from_item, "POST"),
    _r("/boletos", create_boleto, "POST"),
    _r("/boletos/{id}", get_boleto, "GET"),
    _r("/boletos/{id}/cancel", cancel_boleto, "POST"),
]
