"""Automatic PIX (PIX Automático): the recurring consent and the payments scheduled under it (pluggy-api.md §6.13)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.routing import Route

from ..errors import bad_request, not_found
from ..wire import empty_response
from .base import Ctx, amount_field, endpoint, page, str_field
from .payments import AUTOPIX_INTERVALS, _date_field, _get, _new_request, _request, book


# ------------------------------------------------------------------------------------------------- automatic PIX
async def create_automatic_pix(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    recipient = _get(
        book(ctx).recipients, str(str_field(body, "recipientId")), "PAYMENT_RECIPIENT_NOT_FOUND", "Payment recipient"
    )
    if body.get("interval") not in AUTOPIX_INTERVALS:
        raise bad_request(
            "interval must be one of " + ", ".join(AUTOPIX_INTERVALS), "INVALID_PARAMETER", parameter="interval"
        )
    start = _date_field(body, "startDate")
    today = ctx.state.clock.today()
    if start < today:
        raise bad_request("startDate must be today or later", "INVALID_PARAMETER", parameter="startDate")
    fixed = amount_field(body, "fixedAmount", required=False)
    minimum = amount_field(body, "minimumVariableAmount", required=False)
    maximum = amount_field(body, "maximumVariableAmount", required=False)
    if fixed is not None and (minimum is not None or maximum is not None):
        raise bad_request(
            "fixedAmount cannot be combined with variable amounts", "INVALID_PARAMETER", parameter="fixedAmount"
        )
    first = body.get("firstPayment")
    first_payment = None
    if first is not None:
        if not isinstance(first, dict):
            raise bad_request("firstPayment must be an object", "INVALID_PARAMETER", parameter="firstPayment")
        first_payment = {
            "amount": amount_field(first, "amount"),
            "date": first.get("date"),
            "description": first.get("description"),
        }
        if first.get("date") is not None and _date_field(first, "date") < today:
            raise bad_request(
                "The first payment date must be today or later",
                "AUTOMATIC_PIX_INVALID_FIRST_PAYMENT_DATE",
                parameter="firstPayment.date",
            )
    automatic = {
        "fixedAmount": fixed,
        "minimumVariableAmount": minimum,
        "maximumVariableAmount": maximum,
        "startDate": f"{start.isoformat()}T00:00:00.000Z",
        "expiresAt": body.get("expiresAt"),
        "isRetryAccepted": bool(body.get("isRetryAccepted", False)),
        "firstPayment": first_payment,
        "interval": body["interval"],
        "automaticRetriesConfiguration": body.get("automaticRetriesConfiguration"),
        "schedulerConfiguration": body.get("schedulerConfiguration"),
    }
    request = _new_request(ctx, body, amount=fixed, recipient=recipient, automaticPix=automatic)
    book(ctx).autopix[request["id"]] = []
    return request


def _autopix_request(ctx: Ctx, key: str = "id") -> dict[str, Any]:
    request = _request(ctx, key)
    if request["id"] not in book(ctx).autopix:
        raise not_found("PAYMENT_REQUEST_NOT_FOUND", "Automatic PIX payment request")
    return request


async def schedule_automatic_pix(ctx: Ctx) -> dict[str, Any]:
    request = _autopix_request(ctx)
    body = await ctx.body()
    amount = amount_field(body, "amount")
    when = _date_field(body, "date")
    today = ctx.state.clock.today()
    if not today + timedelta(days=2) <= when <= today + timedelta(days=10):
        raise bad_request("date must be between D+2 and D+10", "INVALID_PARAMETER", parameter="date")
    if request["status"] != "AUTHORIZED":
        raise bad_request("The automatic PIX consent is not authorized yet", "AUTOMATIC_PIX_NOT_AUTHORIZED")
    payment = {
        "id": ctx.state.new_id(),
        "status": "SCHEDULED",
        "amount": amount,
        "description": body.get("description"),
        "date": when.isoformat(),
        "endToEndId": None,
        "errorDetail": None,
        "clientPaymentId": body.get("clientPaymentId"),
        "recipientId": body.get("recipientId") or request["recipient"]["id"],
        "isFirstPayment": False,
        "attempts": [],
    }
    book(ctx).autopix[request["id"]].append(payment)
    ctx.state.emit(
        "automatic_pix_payment/created", {"paymentRequestId": request["id"], "automaticPixPaymentId": payment["id"]}
    )
    return payment


async def list_automatic_pix(ctx: Ctx) -> dict[str, Any]:
    return page(book(ctx).autopix[_autopix_request(ctx)["id"]])


def _autopix_payment(ctx: Ctx, request: dict[str, Any], key: str) -> dict[str, Any]:
    wanted = ctx.path(key).lower()
    for payment in book(ctx).autopix[request["id"]]:
        if payment["id"] == wanted:
            return payment
    raise not_found("AUTOMATIC_PIX_PAYMENT_NOT_FOUND", "Automatic PIX payment")


async def get_automatic_pix(ctx: Ctx) -> dict[str, Any]:
    payment = _autopix_payment(ctx, _autopix_request(ctx, "requestId"), "paymentId")
    return {**payment, "scheduledStatusReached": payment["status"] != "CREATED"}


async def cancel_automatic_pix_payment(ctx: Ctx) -> Any:
    request = _autopix_request(ctx)
    payment = _autopix_payment(ctx, request, "scheduleId")
    payment["status"] = "CANCELED"
    ctx.state.emit(
        "automatic_pix_payment/canceled", {"paymentRequestId": request["id"], "automaticPixPaymentId": payment["id"]}
    )
    return empty_response(204)


async def retry_automatic_pix_payment(ctx: Ctx) -> Any:
    request = _autopix_request(ctx)
    payment = _autopix_payment(ctx, request, "scheduleId")
    when = _date_field(await ctx.body(), "date")
    today = ctx.state.clock.today()
    if payment["status"] != "ERROR" or len(payment["attempts"]) >= 3 or not today < when <= today + timedelta(7):
        raise bad_request("Only a failed payment can be retried, up to 3 times, within 7 days", "INVALID_RETRY")
    payment["attempts"].append(
        {
            "id": ctx.state.new_id(),
            "status": "IN_PROGRESS",
            "endToEndId": None,
            "date": when.isoformat(),
            "errorDetail": None,
        }
    )
    payment["status"] = "SCHEDULED"
    return empty_response(204)


async def cancel_automatic_pix(ctx: Ctx) -> Any:
    request = _autopix_request(ctx)
    book(ctx).set_request_status(request, "CANCELED")
    return empty_response(204)


def _r(path: str, handler: Any, method: str) -> Route:
    return Route(path, endpoint(handler), methods=[method])


ROUTES = [
    _r("/payments/requests/automatic-pix", create_automatic_pix, "POST"),
    _r("/payments/requests/{id}/automatic-pix/schedule", schedule_automatic_pix, "POST"),
    _r("/payments/requests/{id}/automatic-pix/schedules", list_automatic_pix, "GET"),
    _r("/payments/requests/{requestId}/automatic-pix/schedules/{paymentId}", get_automatic_pix, "GET"),
    _r("/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/cancel", cancel_automatic_pix_payment, "POST"),
    _r("/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/retry", retry_automatic_pix_payment, "POST"),
    _r("/payments/requests/{id}/automatic-pix/cancel", cancel_automatic_pix, "POST"),
]
