"""Payments (customers, recipients, institutions, requests, PIX QR, automatic PIX, schedules, intents), smart
transfers and boletos (pluggy-api.md §6.12-6.14)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from starlette.routing import Route

from ..data.documents import is_valid_cnpj, is_valid_cpf
from ..errors import ApiError, bad_request, not_found
from ..payments_model import INSTITUTIONS, PaymentsBook, schedule_dates
from ..pix import PIXEL_PNG_BASE64, BrCodeError, parse_br_code
from ..wire import empty_response, iso
from .base import Ctx, amount_field, endpoint, page, paging, str_field

SCHEDULE_KINDS = ("SINGLE", "DAILY", "WEEKLY", "MONTHLY", "CUSTOM")
AUTOPIX_INTERVALS = ("WEEKLY", "MONTHLY", "QUARTERLY", "SEMESTER", "YEARLY")


def book(ctx: Ctx) -> PaymentsBook:
    return ctx.state.payments


def _get(store: dict[str, dict[str, Any]], key: str, code: str, what: str) -> dict[str, Any]:
    found = store.get(key.lower())
    if found is None:
        raise not_found(code, what)
    return found


# ------------------------------------------------------------------------------------------------- customers
def _customer_fields(body: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    kind = body.get("type")
    if kind is not None or not partial:
        if kind not in ("INDIVIDUAL", "BUSINESS"):
            raise bad_request("type must be INDIVIDUAL or BUSINESS", "INVALID_PARAMETER", parameter="type")
        fields["type"] = kind
    for name in ("name", "email", "cpf", "cnpj"):
        value = str_field(body, name, required=name == "name" and not partial, max_len=255)
        if value is not None:
            fields[name] = value
    if fields.get("cpf") and not is_valid_cpf(fields["cpf"]):
        raise bad_request("cpf is not a valid CPF", "INVALID_PARAMETER", parameter="cpf")
    if fields.get("cnpj") and not is_valid_cnpj(fields["cnpj"]):
        raise bad_request("cnpj is not a valid CNPJ", "INVALID_PARAMETER", parameter="cnpj")
    if not partial and fields["type"] == "INDIVIDUAL" and not fields.get("cpf"):
        raise bad_request("cpf is required for INDIVIDUAL customers", "INVALID_PARAMETER", parameter="cpf")
    if not partial and fields["type"] == "BUSINESS" and not fields.get("cnpj"):
        raise bad_request("cnpj is required for BUSINESS customers", "INVALID_PARAMETER", parameter="cnpj")
    return fields


async def list_customers(ctx: Ctx) -> dict[str, Any]:
    number, size = paging(ctx, 20)
    filters = {k: ctx.query(k) for k in ("name", "email", "cpf", "cnpj")}
    rows = [
        c
        for c in book(ctx).customers.values()
        if all(v is None or (c.get(k) or "").lower().find(v.lower()) >= 0 for k, v in filters.items())
    ]
    return page(rows, number, size)


async def create_customer(ctx: Ctx) -> dict[str, Any]:
    fields = _customer_fields(await ctx.body(), partial=False)
    created, updated = book(ctx).stamp()
    customer = {
        "id": ctx.state.new_id(),
        "email": None,
        "cpf": None,
        "cnpj": None,
        **fields,
        "createdAt": created,
        "updatedAt": updated,
    }
    book(ctx).customers[customer["id"]] = customer
    return customer


async def get_customer(ctx: Ctx) -> dict[str, Any]:
    return _get(book(ctx).customers, ctx.path("id"), "PAYMENT_CUSTOMER_NOT_FOUND", "Payment customer")


async def patch_customer(ctx: Ctx) -> dict[str, Any]:
    customer = _get(book(ctx).customers, ctx.path("id"), "PAYMENT_CUSTOMER_NOT_FOUND", "Payment customer")
    customer.update(_customer_fields(await ctx.body(), partial=True), updatedAt=iso(ctx.state.now()))
    return customer


async def delete_customer(ctx: Ctx) -> Any:
    customer = _get(book(ctx).customers, ctx.path("id"), "PAYMENT_CUSTOMER_NOT_FOUND", "Payment customer")
    del book(ctx).customers[customer["id"]]
    return empty_response(200)


# ------------------------------------------------------------------------------------------------- recipients
def _account(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise bad_request("account is required", "INVALID_PARAMETER", parameter="account")
    account = {k: value.get(k) for k in ("branch", "number", "type")}
    if not all(isinstance(v, str) and v for v in account.values()):
        raise bad_request("account needs branch, number and type", "INVALID_PARAMETER", parameter="account")
    if account["type"] not in ("CHECKING_ACCOUNT", "SAVINGS_ACCOUNT", "GUARANTEED_ACCOUNT"):
        raise bad_request("account.type is not a known account type", "INVALID_PARAMETER", parameter="account")
    return account  # type: ignore[return-value]


def _institution(value: Any) -> dict[str, Any]:
    if not isinstance(value, str) or value.lower() not in INSTITUTIONS:
        raise bad_request(
            "paymentInstitutionId is not a known institution",
            "PAYMENT_INSTITUTION_NOT_FOUND",
            parameter="paymentInstitutionId",
        )
    return INSTITUTIONS[value.lower()]


async def list_recipients(ctx: Ctx) -> dict[str, Any]:
    number, size = paging(ctx, 20)
    default = ctx.bool_query("isDefault")
    filters = {k: ctx.query(k) for k in ("pixKey", "name", "taxNumber")}
    rows = [
        r
        for r in book(ctx).recipients.values()
        if (default is None or r["isDefault"] == default)
        and all(v is None or v.lower() in str(r.get(k) or "").lower() for k, v in filters.items())
    ]
    return page(rows, number, size)


async def create_recipient(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    tax = str_field(body, "taxNumber", max_len=18)
    digits = "".join(c for c in tax or "" if c.isdigit())
    if not (is_valid_cpf(digits) or is_valid_cnpj(digits)):
        raise bad_request("taxNumber is not a valid CPF or CNPJ", "INVALID_PARAMETER", parameter="taxNumber")
    created, updated = book(ctx).stamp()
    is_default = body.get("isDefault") is True
    recipient: dict[str, Any] = {
        "type": "BANK_ACCOUNT",
        "id": ctx.state.new_id(),
        "taxNumber": digits,
        "name": str_field(body, "name", max_len=255),
        "paymentInstitution": _institution(body.get("paymentInstitutionId")),
        "isDefault": is_default,
        "account": _account(body.get("account")),
        "pixKey": str_field(body, "pixKey", required=False),
        "createdAt": created,
        "updatedAt": updated,
    }
    if is_default:
        for other in book(ctx).recipients.values():
            other["isDefault"] = False
    book(ctx).recipients[recipient["id"]] = recipient
    return recipient


async def get_recipient(ctx: Ctx) -> dict[str, Any]:
    return _get(book(ctx).recipients, ctx.path("id"), "PAYMENT_RECIPIENT_NOT_FOUND", "Payment recipient")


async def patch_recipient(ctx: Ctx) -> dict[str, Any]:
    recipient = _get(book(ctx).recipients, ctx.path("id"), "PAYMENT_RECIPIENT_NOT_FOUND", "Payment recipient")
    body = await ctx.body()
    if "taxNumber" in body:
        digits = "".join(c for c in str_field(body, "taxNumber", max_len=18) or "" if c.isdigit())
        if not (is_valid_cpf(digits) or is_valid_cnpj(digits)):
            raise bad_request("taxNumber is not a valid CPF or CNPJ", "INVALID_PARAMETER", parameter="taxNumber")
        recipient["taxNumber"] = digits
    if "name" in body:
        recipient["name"] = str_field(body, "name", max_len=255)
    if "paymentInstitutionId" in body:
        recipient["paymentInstitution"] = _institution(body["paymentInstitutionId"])
    if "account" in body:
        recipient["account"] = _account(body["account"])
    recipient["updatedAt"] = iso(ctx.state.now())
    return recipient


async def delete_recipient(ctx: Ctx) -> Any:
    recipient = _get(book(ctx).recipients, ctx.path("id"), "PAYMENT_RECIPIENT_NOT_FOUND", "Payment recipient")
    del book(ctx).recipients[recipient["id"]]
    return empty_response(200)


async def list_institutions(ctx: Ctx) -> dict[str, Any]:
    number, size = paging(ctx, 20)
    name = (ctx.query("name") or "").lower()
    rows = [i for i in INSTITUTIONS.values() if name in i["name"].lower() or name in i["tradeName"].lower()]
    return page(rows, number, size)


async def get_institution(ctx: Ctx) -> dict[str, Any]:
    return _get(INSTITUTIONS, ctx.path("id"), "PAYMENT_INSTITUTION_NOT_FOUND", "Payment institution")


# ------------------------------------------------------------------------------------------------- requests
def _schedule(value: Any, today: date) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("type") not in SCHEDULE_KINDS:
        raise bad_request(
            "schedule.type must be one of " + ", ".join(SCHEDULE_KINDS), "INVALID_PARAMETER", parameter="schedule"
        )
    try:
        dates = schedule_dates(value)
    except (KeyError, ValueError, TypeError):
        raise bad_request(
            "schedule is missing or has invalid fields", "INVALID_PARAMETER", parameter="schedule"
        ) from None
    if not dates or len(dates) > 60 or dates[0] <= today or dates[-1] > today + timedelta(days=730):
        raise bad_request(
            "schedule dates must be 1-60 dates from tomorrow up to 2 years ahead",
            "INVALID_PARAMETER",
            parameter="schedule",
        )
    return dict(value)


def _callbacks(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values() if v is not None):
        raise bad_request("callbackUrls must be an object of URLs", "INVALID_PARAMETER", parameter="callbackUrls")
    return {k: value.get(k) for k in ("success", "pending", "error")}


def _new_request(ctx: Ctx, body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    pb = book(ctx)
    created, updated = pb.stamp()
    request_id = ctx.state.new_id()
    customer = None
    if body.get("customerId") is not None:
        customer = _get(pb.customers, str(body["customerId"]), "PAYMENT_CUSTOMER_NOT_FOUND", "Payment customer")
    base = str(ctx.request.base_url).rstrip("/")
    request = {
        "id": request_id,
        "amount": None,
        "fees": 0 if body.get("isSandbox") else None,
        "description": str_field(body, "description", required=False),
        "status": "CREATED",
        "clientPaymentId": str_field(body, "clientPaymentId", required=False),
        "createdAt": created,
        "updatedAt": updated,
        "callbackUrls": _callbacks(body.get("callbackUrls")),
        "recipient": None,
        "customer": customer,
        "paymentUrl": f"{base}/connect/payment/{request_id}",
        "pixQrCode": None,
        "boleto": None,
        "automaticPix": None,
        "schedule": None,
        "errorDetail": None,
        "isSandbox": bool(body.get("isSandbox", False)),
        **fields,
    }
    pb.requests[request_id] = request
    return request


async def create_request(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    amount = amount_field(body, "amount")
    recipient = None
    if body.get("recipientId") is not None:
        recipient = _get(
            book(ctx).recipients, str(body["recipientId"]), "PAYMENT_RECIPIENT_NOT_FOUND", "Payment recipient"
        )
    schedule = _schedule(body.get("schedule"), ctx.state.clock.today())
    request = _new_request(ctx, body, amount=amount, recipient=recipient, schedule=schedule)
    if schedule is not None:
        book(ctx).schedules[request["id"]] = [
            {
                "id": ctx.state.new_id(),
                "description": request["description"] or "Pagamento agendado",
                "status": "SCHEDULED",
                "scheduledDate": d.isoformat(),
                "endToEndId": None,
                "errorDetail": None,
            }
            for d in schedule_dates(schedule)
        ]
    return request


async def create_pix_qr_request(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    code = str_field(body, "pixQrCode", max_len=512)
    try:
        parsed = parse_br_code(code or "")
    except BrCodeError as exc:
        raise bad_request(f"Invalid PIX QR code: {exc}", "INVALID_PIX_QR_CODE", parameter="pixQrCode") from None
    if parsed.amount is None:
        raise bad_request(
            "The PIX QR code has no amount; static codes without an amount cannot be paid here",
            "PIX_QR_CODE_WITHOUT_AMOUNT",
            parameter="pixQrCode",
        )
    return _new_request(
        ctx,
        body,
        amount=parsed.amount,
        pixQrCode=code,
        description=parsed.txid,
        recipient={"type": "PIX_QR_CODE", "name": parsed.merchant_name},
    )


async def list_requests(ctx: Ctx) -> dict[str, Any]:
    number, size = paging(ctx, 20)
    date_from, date_to = ctx.date_query("from"), ctx.date_query("to")
    status, customer, pix_key = ctx.query("status"), ctx.query("customer"), ctx.query("pixKey")
    client_payment_id = ctx.query("clientPaymentId")
    rows = []
    for r in book(ctx).requests.values():
        created = date.fromisoformat(r["createdAt"][:10])
        who = r.get("customer") or {}
        if (date_from and created < date_from) or (date_to and created > date_to) or (status and r["status"] != status):
            continue
        if (
            customer
            and customer.lower()
            not in " ".join(str(who.get(k) or "") for k in ("name", "email", "cpf", "cnpj")).lower()
        ):
            continue
        if pix_key and pix_key not in str((r.get("recipient") or {}).get("pixKey") or r.get("pixQrCode") or ""):
            continue
        if client_payment_id and r.get("clientPaymentId") != client_payment_id:
            continue
        rows.append(r)
    return page(rows, number, size)


def _request(ctx: Ctx, key: str = "id") -> dict[str, Any]:
    return _get(book(ctx).requests, ctx.path(key), "PAYMENT_REQUEST_NOT_FOUND", "Payment request")


async def get_request(ctx: Ctx) -> dict[str, Any]:
    return _request(ctx)


async def patch_request(ctx: Ctx) -> dict[str, Any]:
    request = _request(ctx)
    body = await ctx.body()
    if request["status"] != "CREATED":
        raise bad_request("Only a CREATED payment request can be changed", "PAYMENT_REQUEST_NOT_EDITABLE")
    if "amount" in body:
        request["amount"] = amount_field(body, "amount")
    for name in ("description", "clientPaymentId"):
        if name in body:
            request[name] = str_field(body, name, required=False)
    if "callbackUrls" in body:
        request["callbackUrls"] = _callbacks(body["callbackUrls"])
    if body.get("recipientId") is not None:
        request["recipient"] = _get(
            book(ctx).recipients, str(body["recipientId"]), "PAYMENT_RECIPIENT_NOT_FOUND", "Payment recipient"
        )
    if body.get("customerId") is not None:
        request["customer"] = _get(
            book(ctx).customers, str(body["customerId"]), "PAYMENT_CUSTOMER_NOT_FOUND", "Payment customer"
        )
    if "isSandbox" in body:
        request["isSandbox"] = bool(body["isSandbox"])
    request["updatedAt"] = iso(ctx.state.now())
    return request


async def delete_request(ctx: Ctx) -> Any:
    request = _request(ctx)
    del book(ctx).requests[request["id"]]
    return empty_response(200)


async def list_schedules(ctx: Ctx) -> dict[str, Any]:
    return page(book(ctx).schedules.get(_request(ctx)["id"], []))


async def cancel_schedules(ctx: Ctx) -> Any:
    request = _request(ctx)
    for schedule in book(ctx).schedules.get(request["id"], []):
        if schedule["status"] == "SCHEDULED":
            schedule["status"] = "CANCELED"
            ctx.state.emit(
                "scheduled_payment/canceled", {"paymentRequestId": request["id"], "scheduledPaymentId": schedule["id"]}
            )
    book(ctx).set_request_status(request, "CANCELED")
    return empty_response(204)


async def cancel_one_schedule(ctx: Ctx) -> Any:
    request = _request(ctx)
    wanted = ctx.path("scheduleId").lower()
    for schedule in book(ctx).schedules.get(request["id"], []):
        if schedule["id"] == wanted:
            if schedule["status"] != "SCHEDULED":
                raise bad_request("Only a SCHEDULED payment can be canceled", "SCHEDULE_NOT_CANCELABLE")
            schedule["status"] = "CANCELED"
            ctx.state.emit(
                "scheduled_payment/canceled", {"paymentRequestId": request["id"], "scheduledPaymentId": schedule["id"]}
            )
            return empty_response(204)
    raise not_found("SCHEDULED_PAYMENT_NOT_FOUND", "Scheduled payment")


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


def _date_field(body: dict[str, Any], name: str) -> date:
    value = body.get(name)
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise bad_request(f"{name} must be a date (YYYY-MM-DD)", "INVALID_PARAMETER", parameter=name) from None


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


# ------------------------------------------------------------------------------------------------- intents
async def create_intent(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    pb = book(ctx)
    request = None
    if body.get("paymentRequestId") is not None:
        request = _get(pb.requests, str(body["paymentRequestId"]), "PAYMENT_REQUEST_NOT_FOUND", "Payment request")
    parameters = body.get("parameters")
    if parameters is not None and (
        not isinstance(parameters, dict) or not is_valid_cpf(str(parameters.get("cpf", "")))
    ):
        raise bad_request("parameters.cpf must be a valid CPF", "PAYMENT_INTENT_INVALID_CPF", parameter="cpf")
    method = body.get("paymentMethod") or "PIS"
    if method not in ("PIS", "PIX"):
        raise bad_request("paymentMethod must be PIS or PIX", "INVALID_PARAMETER", parameter="paymentMethod")
    created, updated = pb.stamp()
    intent: dict[str, Any] = {
        "id": ctx.state.new_id(),
        "status": "PAYMENT_PENDING" if method == "PIX" else "STARTED",
        "createdAt": created,
        "updatedAt": updated,
        "paymentRequest": request,
        "connector": None,
        "consentUrl": None,
        "referenceId": None,
        "paymentMethod": method,
        "pixData": None,
        "debtor": None,
        "errorDetail": None,
    }
    if method == "PIS":
        from ..connectors import CONNECTORS, connector_for_wire

        cid = body.get("connectorId", 600)
        if isinstance(cid, bool) or not isinstance(cid, int) or cid not in CONNECTORS:
            raise ApiError(400, "Connector not found", "CONNECTOR_NOT_FOUND")
        intent["connector"] = connector_for_wire(cid)
        intent["consentUrl"] = f"https://sandbox.pluggy.local/consent/{intent['id']}"
    else:
        from ..pix import build_br_code

        amount = request["amount"] if request else None
        code = build_br_code(
            "pluggy-sandbox@pluggy.ai", "Pluggy Sandbox", "SAO PAULO", amount, txid=intent["id"].replace("-", "")[:25]
        )
        intent["pixData"] = {
            "value": code,
            "qr": PIXEL_PNG_BASE64,
        }
    pb.intents[intent["id"]] = intent
    pb.start_intent(intent, request)
    return intent


async def list_intents(ctx: Ctx) -> dict[str, Any]:
    wanted = ctx.require_query("paymentRequestId").lower()
    return page([i for i in book(ctx).intents.values() if (i.get("paymentRequest") or {}).get("id") == wanted])


async def get_intent(ctx: Ctx) -> dict[str, Any]:
    return _get(book(ctx).intents, ctx.path("id"), "PAYMENT_INTENT_NOT_FOUND", "Payment intent")


def _r(path: str, handler: Any, method: str) -> Route:
    return Route(path, endpoint(handler), methods=[method])


ROUTES = [
    _r("/payments/customers", list_customers, "GET"),
    _r("/payments/customers", create_customer, "POST"),
    _r("/payments/customers/{id}", get_customer, "GET"),
    _r("/payments/customers/{id}", patch_customer, "PATCH"),
    _r("/payments/customers/{id}", delete_customer, "DELETE"),
    _r("/payments/recipients/institutions", list_institutions, "GET"),
    _r("/payments/recipients/institutions/{id}", get_institution, "GET"),
    _r("/payments/recipients", list_recipients, "GET"),
    _r("/payments/recipients", create_recipient, "POST"),
    _r("/payments/recipients/{id}", get_recipient, "GET"),
    _r("/payments/recipients/{id}", patch_recipient, "PATCH"),
    _r("/payments/recipients/{id}", delete_recipient, "DELETE"),
    _r("/payments/requests", list_requests, "GET"),
    _r("/payments/requests", create_request, "POST"),
    _r("/payments/requests/pix-qr", create_pix_qr_request, "POST"),
    _r("/payments/requests/automatic-pix", create_automatic_pix, "POST"),
    _r("/payments/requests/{id}", get_request, "GET"),
    _r("/payments/requests/{id}", patch_request, "PATCH"),
    _r("/payments/requests/{id}", delete_request, "DELETE"),
    _r("/payments/requests/{id}/schedules", list_schedules, "GET"),
    _r("/payments/requests/{id}/schedules/cancel", cancel_schedules, "POST"),
    _r("/payments/requests/{id}/schedules/{scheduleId}/cancel", cancel_one_schedule, "POST"),
    _r("/payments/requests/{id}/automatic-pix/schedule", schedule_automatic_pix, "POST"),
    _r("/payments/requests/{id}/automatic-pix/schedules", list_automatic_pix, "GET"),
    _r("/payments/requests/{requestId}/automatic-pix/schedules/{paymentId}", get_automatic_pix, "GET"),
    _r("/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/cancel", cancel_automatic_pix_payment, "POST"),
    _r("/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/retry", retry_automatic_pix_payment, "POST"),
    _r("/payments/requests/{id}/automatic-pix/cancel", cancel_automatic_pix, "POST"),
    _r("/payments/intents", list_intents, "GET"),
    _r("/payments/intents", create_intent, "POST"),
    _r("/payments/intents/{id}", get_intent, "GET"),
]
