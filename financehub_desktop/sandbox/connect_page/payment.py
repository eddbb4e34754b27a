"""The payer's side of a payment request (``paymentUrl``): a plain HTML page where the sandbox "bank" asks the payer
to authorise; authorising starts the same journey as ``POST /payments/intents`` (statuses move, webhooks fire)."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import ApiError
from ..state import SandboxState
from ..wire import iso

_PAGE = """<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Pagamento (sandbox)</title>
<link rel="stylesheet" href="/connect/static/connect.css"></head>
<body><main class="widget">
<header class="top"><span class="brand">Pluggy <small>sandbox</small></span></header>
<h1>Autorizar pagamento</h1>
<p>Valor: <strong id="amount">{amount}</strong></p>
<p>Para: <strong id="recipient">{recipient}</strong></p>
<p>Descrição: <span id="description">{description}</span></p>
<p>Situação: <strong id="status">{status}</strong></p>
<form method="post" action="/connect/payment/{id}/authorize">
<button type="submit" id="authorize" class="primary" {disabled}>Autorizar com o banco</button>
</form></main></body></html>"""


def _brl(amount: Any) -> str:
    if amount is None:
        return "—"
    whole, cents = f"{Decimal(str(amount)):,.2f}".split(".")
    return f"R$ {whole.replace(',', '.')},{cents}"


def _request(request: Request) -> tuple[SandboxState, dict[str, Any]]:
    state: SandboxState = request.app.state.sandbox
    found = state.payments.requests.get(str(request.path_params["id"]).lower())
    if found is None:
        raise ApiError(404, "Payment request not found", "PAYMENT_REQUEST_NOT_FOUND")
    return state, found


async def payment_page(request: Request) -> Response:
    try:
        _, payment = _request(request)
    except ApiError as error:
        return error.response()
    recipient = (payment.get("recipient") or {}).get("name") or "—"
    page = _PAGE.format(
        amount=html.escape(_brl(payment.get("amount"))),
        recipient=html.escape(str(recipient)),
        description=html.escape(str(payment.get("description") or "—")),
        status=html.escape(payment["status"]),
        id=html.escape(payment["id"]),
        disabled="" if payment["status"] == "CREATED" else "disabled",
    )
    return Response(page.encode("utf-8"), media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-store"})


async def authorize(request: Request) -> Response:
    try:
        state, payment = _request(request)
    except ApiError as error:
        return error.response()
    if payment["status"] == "CREATED":
        now = iso(state.now())
        intent: dict[str, Any] = {
            "id": state.new_id(),
            "status": "PAYMENT_PENDING",
            "createdAt": now,
            "updatedAt": now,
            "paymentRequest": payment,
            "connector": None,
            "consentUrl": None,
            "referenceId": None,
            "paymentMethod": "PIS",
            "pixData": None,
            "debtor": None,
            "errorDetail": None,
        }
        state.payments.intents[intent["id"]] = intent
        state.payments.start_intent(intent, payment)
    target = (payment.get("callbackUrls") or {}).get("success") or f"/connect/payment/{payment['id']}"
    return RedirectResponse(target, status_code=303)


ROUTES = [
    Route("/connect/payment/{id}", payment_page, methods=["GET"]),
    Route("/connect/payment/{id}/authorize", authorize, methods=["POST"]),
]
