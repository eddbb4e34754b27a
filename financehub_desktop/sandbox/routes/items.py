"""POST /auth, POST /connect_token, connectors, items and their SCR report (pluggy-api.md §6.1-6.3)."""

from __future__ import annotations

import base64
import hmac
import re
import time
from datetime import timedelta
from typing import Any

from starlette.routing import Route

from ..connectors import CONNECTORS, OPEN_FINANCE_ID, connector_for_wire, validate_parameters
from ..data import scr
from ..errors import ApiError, bad_request, not_found, validation_error
from ..lifecycle import ItemRecord
from ..scenarios import scenario_for
from ..settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from ..state import ConnectTokenInfo
from ..webhooks import url_problem
from ..wire import iso
from .base import Ctx, endpoint, page, paging, require_uuid, str_field

PRODUCTS = {
    "ACCOUNTS",
    "CREDIT_CARDS",
    "TRANSACTIONS",
    "PAYMENT_DATA",
    "INVESTMENTS",
    "INVESTMENTS_TRANSACTIONS",
    "IDENTITY",
    "BROKERAGE_NOTE",
    "MOVE_SECURITY",
    "LOANS",
}
MAX_CONSECUTIVE_ERRORS = 5
LOGIN_BACKOFF = timedelta(minutes=15)
MAX_FAILED_LOGINS = 2
#: Items per application (Pluggy's limit depends on the subscription; 100 in its example).
MAX_ITEMS = 100


async def auth(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    client_id, secret = body.get("clientId"), body.get("clientSecret")
    if not isinstance(client_id, str) or not isinstance(secret, str):
        raise ApiError(400, "clientId and clientSecret are required", "INVALID_REQUEST_BODY")
    ok_id = hmac.compare_digest(client_id.encode(), DEMO_CLIENT_ID.encode())
    ok_secret = hmac.compare_digest(secret.encode(), DEMO_CLIENT_SECRET.encode())
    if not (ok_id and ok_secret):
        raise ApiError(401, "Client keys are invalid", "CLIENT_KEYS_UNAUTHORIZED")
    state = ctx.state
    key = state.signer.issue(DEMO_CLIENT_ID, "api", now=state.epoch(), ttl=state.config.api_key_ttl_seconds)
    return {"apiKey": key}


def _options(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise bad_request("options must be an object", "INVALID_PARAMETER", parameter="options")
    options: dict[str, Any] = {}
    for name in ("clientUserId", "webhookUrl", "oauthRedirectUri"):
        value = raw.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > 2048):
            raise bad_request(f"options.{name} must be a string", "INVALID_PARAMETER", parameter=name)
        options[name] = value
    if options.get("webhookUrl"):
        problem = url_problem(options["webhookUrl"], allow_private=True)
        if problem:
            raise bad_request(problem, "INVALID_PARAMETER", parameter="webhookUrl")
    options["products"] = _products(raw.get("products"))
    options["avoidDuplicates"] = bool(raw.get("avoidDuplicates", False))
    return {k: v for k, v in options.items() if v is not None}


def _products(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(p, str) and p in PRODUCTS for p in value):
        raise bad_request("products must be a list of product types", "INVALID_PARAMETER", parameter="products")
    return list(value)


async def connect_token(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body(required=False)
    state = ctx.state
    item_id = body.get("itemId")
    if item_id is not None:
        if not isinstance(item_id, str) or state.item(item_id.lower()) is None:
            raise not_found("ITEM_NOT_FOUND", "Item")
        item_id = item_id.lower()
    options = _options(body.get("options"))
    token = state.signer.issue(
        DEMO_CLIENT_ID,
        "connect",
        now=state.epoch(),
        ttl=state.config.connect_token_ttl_seconds,
        item_id=item_id,
        options=options,
    )
    claims = state.signer.verify(token, now=state.epoch())
    state.connect_tokens[claims.token_id] = ConnectTokenInfo(claims.token_id, item_id, options)
    return {"accessToken": token}


# ------------------------------------------------------------------------------------------------ connectors
def _connector(ctx: Ctx) -> int:
    raw = ctx.path("id")
    if not (raw.isascii() and raw.isdigit()) or int(raw) not in CONNECTORS:
        raise ApiError(404, "Connector not found", "CONNECTOR_NOT_FOUND")
    return int(raw)


async def list_connectors(ctx: Ctx) -> dict[str, Any]:
    include_sandbox = ctx.bool_query("sandbox") or False
    name = (ctx.query("name") or "").lower()
    countries = set((ctx.query("countries") or "").split(",")) - {""}
    types = set((ctx.query("types") or "").split(",")) - {""}
    health = ctx.bool_query("healthDetails") or False
    flags = {
        f: ctx.bool_query(f)
        for f in ("isOpenFinance", "supportsPaymentInitiation", "supportsSmartTransfers", "supportsAutomaticPix")
    }
    results = []
    for cid in sorted(CONNECTORS):
        c = _with_health(ctx, connector_for_wire(cid, health))
        if c["isSandbox"] and not include_sandbox:
            continue
        if name and name not in c["name"].lower():
            continue
        if (countries and c["country"] not in countries) or (types and c["type"] not in types):
            continue
        if any(v is not None and c[f] != v for f, v in flags.items()):
            continue
        results.append(c)
    return page(results)


def _with_health(ctx: Ctx, connector: dict[str, Any]) -> dict[str, Any]:
    status = ctx.state.connector_health.get(connector["id"])
    if status is not None:
        connector["health"] = {**connector["health"], "status": status}
    return connector


async def get_connector(ctx: Ctx) -> dict[str, Any]:
    return _with_health(ctx, connector_for_wire(_connector(ctx), ctx.bool_query("healthDetails") or False))


async def validate_connector(ctx: Ctx) -> dict[str, Any]:
    cid = _connector(ctx)
    body = await ctx.body(required=False)
    errors = validate_parameters(cid, body)
    return {"parameters": {k: v for k, v in body.items() if isinstance(v, str)}, "errors": errors}


# ------------------------------------------------------------------------------------------------ items
def _parameters(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        raise bad_request(
            "encrypted parameters are not supported by the sandbox; send a map", "CONNECTOR_VALIDATION_ERROR"
        )
    raise validation_error([{"code": "000", "parameter": "parameters", "message": "parameters is required"}])


def _login(parameters: dict[str, Any]) -> str:
    """Who logs in: the user (Pluggy Bank) or the CPF (Open Finance), as avoidDuplicates compares them."""
    return str(parameters.get("user") or parameters.get("cpf") or "")


def _scoped_item(ctx: Ctx, *, for_write: bool = False) -> ItemRecord:
    item_id = require_uuid(ctx.path("id"), "ITEM_NOT_FOUND", "Item")
    item = ctx.state.item(item_id)
    if item is None:
        raise not_found("ITEM_NOT_FOUND", "Item")
    if ctx.is_connect and ctx.claims is not None:
        info = ctx.state.connect_tokens.get(ctx.claims.token_id)
        allowed = info is not None and (item.id in info.item_ids or info.item_id == item.id)
        if not allowed:
            raise not_found("ITEM_NOT_FOUND", "Item")
    return item


async def create_item(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    state = ctx.state
    cid = body.get("connectorId")
    if isinstance(cid, bool) or not isinstance(cid, int) or cid not in CONNECTORS:
        raise ApiError(400, "Connector not found", "CONNECTOR_NOT_FOUND")
    if state.connector_health.get(cid) == "OFFLINE":
        raise ApiError(400, "Connector is offline, please try again later", "CONNECTOR_OFFLINE")
    parameters = _parameters(body.get("parameters"))
    errors = validate_parameters(cid, parameters)
    if errors:
        raise validation_error(errors)
    token_options: dict[str, Any] = {}
    info = None
    if ctx.is_connect and ctx.claims is not None:
        info = state.connect_tokens.get(ctx.claims.token_id)
        token_options = info.options if info else {}
    avoid = body.get("avoidDuplicates", token_options.get("avoidDuplicates", False))
    if avoid is True:
        same = [
            i.id for i in state.items.values() if i.connector_id == cid and _login(i.parameters) == _login(parameters)
        ]
        if same:
            raise ApiError(
                400,
                "An item with the same credentials already exists",
                "ITEM_USER_ALREADY_EXISTS",
                extra={"items": same},
            )
    if len(state.items) >= MAX_ITEMS:
        raise ApiError(
            409, "Item creation limit exceeded", "ITEM_CREATION_LIMIT_EXCEEDED", data={"itemsLimit": MAX_ITEMS}
        )
    webhook = str_field(body, "webhookUrl", required=False, max_len=2048) or token_options.get("webhookUrl")
    if webhook and url_problem(webhook, allow_private=state.config.allow_private_webhook_urls):
        raise bad_request("webhookUrl is not a valid URL", "INVALID_PARAMETER", parameter="webhookUrl")
    now = state.now()
    item = ItemRecord(
        id=state.new_id(),
        connector_id=cid,
        parameters=dict(parameters),
        scenario=scenario_for(cid, parameters),
        created_at=now,
        updated_at=now,
        webhook_url=webhook,
        client_user_id=str_field(body, "clientUserId", required=False, max_len=255)
        or token_options.get("clientUserId"),
        products=_products(body.get("products")) or token_options.get("products"),
        oauth_redirect_uri=str_field(body, "oauthRedirectUri", required=False, max_len=2048)
        or token_options.get("oauthRedirectUri"),
        connect_token_id=ctx.claims.token_id if ctx.is_connect and ctx.claims else None,
        base_url=str(ctx.request.base_url).rstrip("/"),
    )
    state.items[item.id] = item
    if info is not None:
        info.item_ids.add(item.id)
    state.engine.start(item, "USER" if ctx.is_connect else "CLIENT")
    return item.wire()


async def get_item(ctx: Ctx) -> dict[str, Any]:
    return _scoped_item(ctx).wire()


def _check_refresh_allowed(ctx: Ctx, item: ItemRecord, new_parameters: bool) -> None:
    state = ctx.state
    if item.running:
        raise ApiError(409, "Item is already updating", "ITEM_IS_ALREADY_UPDATING")
    now = state.now()
    if (
        not new_parameters
        and item.consecutive_failed_logins >= MAX_FAILED_LOGINS
        and item.last_failed_login_at is not None
        and now - item.last_failed_login_at < LOGIN_BACKOFF
    ):
        raise ApiError(
            400,
            "Too many consecutive login failures",
            "TOO_MANY_CONSECUTIVE_LOGIN_FAILURES",
            data={
                "readableBackoffTime": "15 minutes",
                "maxConsecutiveFailedLoginAttempts": MAX_FAILED_LOGINS,
                "lastExecutionEndedAt": iso(item.last_failed_login_at),
                "canRetryAfterDate": iso(item.last_failed_login_at + LOGIN_BACKOFF),
            },
        )
    if item.consecutive_errors > MAX_CONSECUTIVE_ERRORS and not new_parameters:
        raise ApiError(400, "Too many consecutive errors", "TOO_MANY_CONSECUTIVE_ERRORS")
    interval = state.config.min_refresh_interval_seconds
    last = item.last_refresh_requested
    if interval > 0 and last is not None and time.monotonic() - last < interval:
        raise ApiError(
            409,
            "Client is updating before the allowed frequency",
            "CLIENT_IS_UPDATING_BEFORE_ALLOWED_FREQUENCY",
            data={
                "minUpdateFrequencyAllowedInHours": round(interval / 3600, 4),
                "lastUpdatedAt": iso(item.last_updated_at or item.updated_at),
            },
        )


async def update_item(ctx: Ctx) -> dict[str, Any]:
    item = _scoped_item(ctx)
    body = await ctx.body(required=False)
    new_parameters = body.get("parameters")
    if new_parameters is not None:
        params = _parameters(new_parameters)
        merged = {**item.parameters, **params}
        errors = validate_parameters(item.connector_id, merged)
        if errors:
            raise ApiError(
                400,
                "Parameters validation error",
                "CONNECTOR_REQUIRED_PARAMETER_VALIDATION_ERROR",
                data={"parameter": errors[0]["parameter"]},
                extra={"details": errors},
            )
    _check_refresh_allowed(ctx, item, new_parameters is not None)
    if new_parameters is not None:
        item.parameters = merged
        item.scenario = scenario_for(item.connector_id, merged)
    webhook = str_field(body, "webhookUrl", required=False, max_len=2048)
    if webhook is not None:
        if url_problem(webhook, allow_private=ctx.state.config.allow_private_webhook_urls):
            raise bad_request("webhookUrl is not a valid URL", "INVALID_PARAMETER", parameter="webhookUrl")
        item.webhook_url = webhook
    client_user_id = str_field(body, "clientUserId", required=False, max_len=255)
    if client_user_id is not None:
        item.client_user_id = client_user_id
    products = _products(body.get("products"))
    if products is not None:
        item.products = products
    item.last_refresh_requested = time.monotonic()
    ctx.state.engine.start(item, "USER" if ctx.is_connect else "CLIENT")
    return item.wire()


async def delete_item(ctx: Ctx) -> dict[str, Any]:
    item = _scoped_item(ctx)
    if item.driver is not None:
        item.driver.cancel()
    del ctx.state.items[item.id]
    ctx.state.emit_item("item/deleted", item, {"triggeredBy": "CLIENT"})
    return {"count": 1}


async def item_mfa(ctx: Ctx) -> dict[str, Any]:
    item = _scoped_item(ctx)
    body = await ctx.body()
    if item.status != "WAITING_USER_INPUT" or item.parameter is None:
        raise ApiError(400, "Item is not waiting for user input", "ITEM_NOT_WAITING_USER_INPUT")
    name = item.parameter["name"]
    if not isinstance(body.get(name), str):
        raise validation_error([{"code": "000", "parameter": name, "message": f"{name} parameter is required"}])
    ctx.state.engine.answer_mfa(item, body)
    return item.wire()


async def disable_auto_sync(ctx: Ctx) -> dict[str, Any]:
    item = _scoped_item(ctx)
    item.next_auto_sync_at = None
    item.auto_sync_disabled_at = ctx.state.now()
    return item.wire()


async def list_items_v2(ctx: Ctx) -> dict[str, Any]:
    client_user_id = ctx.query("clientUserId")
    if client_user_id is not None and len(client_user_id) > 255:
        raise bad_request("clientUserId is too long", "INVALID_PARAMETER", parameter="clientUserId")
    connector = ctx.int_query("connectorId", -1, -1, 10**9)
    items = sorted(ctx.state.items.values(), key=lambda i: (i.created_at, i.id), reverse=True)
    items = [
        i
        for i in items
        if (client_user_id is None or i.client_user_id == client_user_id)
        and (connector < 0 or i.connector_id == connector)
    ]
    after = ctx.query("after")
    if after is not None:
        try:
            last_id = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            raise bad_request("after is not a valid cursor", "INVALID_CURSOR") from None
        ids = [i.id for i in items]
        if last_id not in ids:
            raise bad_request("after is not a valid cursor", "INVALID_CURSOR")
        items = items[ids.index(last_id) + 1 :]
    size = 100
    chunk = items[:size]
    for item in chunk:
        ctx.state.engine.advance(item)
    next_query = None
    if len(items) > size:
        cursor = base64.urlsafe_b64encode(chunk[-1].id.encode()).decode().rstrip("=")
        extra = "".join(
            f"&{k}={v}"
            for k, v in (("clientUserId", client_user_id), ("connectorId", None if connector < 0 else connector))
            if v
        )
        next_query = f"?after={cursor}{extra}"
    return {"results": [i.wire() for i in chunk], "next": next_query}


async def item_resources(ctx: Ctx) -> dict[str, Any]:
    item = _scoped_item(ctx)
    page_number, size = paging(ctx)
    status = ctx.query("status")
    resources = []
    if item.book is not None and item.connector_id == 600:
        kinds = {
            item.book.accounts.checking: "ACCOUNT",
            item.book.accounts.savings: "ACCOUNT",
            item.book.accounts.card: "CREDIT_CARD_ACCOUNT",
        }
        resources = [{"resourceId": rid, "type": kind, "status": "AVAILABLE"} for rid, kind in kinds.items()]
        resources += [
            {
                "resourceId": inv.id,
                "type": "BANK_FIXED_INCOME" if inv.asset.type == "FIXED_INCOME" else "VARIABLE_INCOME",
                "status": "AVAILABLE",
            }
            for inv in item.book.investments
        ]
    if status:
        resources = [r for r in resources if r["status"] == status]
    return page(resources, page_number, size)


BASE_DATE_RE = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")


def _base_date(ctx: Ctx, name: str) -> int | None:
    raw = ctx.query(name)
    if raw is None:
        return None
    match = BASE_DATE_RE.match(raw)
    if match is None or not 2000 <= int(match.group(1)) <= 2999:
        raise bad_request(f"{name} must be a base date as YYYYMM", "SCR_INVALID_REQUEST", parameter=name)
    return int(raw)


async def item_scr(ctx: Ctx) -> dict[str, Any]:
    """Bacen's SCR for the document behind a connected Open Finance item (synthetic, deterministic per seed)."""
    item = _scoped_item(ctx)
    first, last = _base_date(ctx, "from"), _base_date(ctx, "to")
    if last is None:  # Pluggy: `to` defaults to the newest consolidated base date, `from` to 3 base dates before it
        last = scr.latest_base_date(ctx.state.clock.today())
    if first is None:
        first = scr.from_index(scr.month_index(last) - (scr.DEFAULT_BASE_DATES - 1))
    if first > last:
        raise bad_request("from must not be after to", "SCR_INVALID_REQUEST", parameter="from")
    if scr.month_index(last) - scr.month_index(first) + 1 > scr.MAX_BASE_DATES:
        raise bad_request(f"at most {scr.MAX_BASE_DATES} base dates per query", "SCR_INVALID_REQUEST", parameter="from")
    if item.connector_id != OPEN_FINANCE_ID or not item.ever_succeeded or item.book is None:
        raise ApiError(
            422,
            "SCR is only available for connected Open Finance items whose document is known",
            "SCR_ITEM_NOT_SUPPORTED",
        )
    return scr.scr_report(
        seed=ctx.state.config.seed,
        cpf=item.book.holder.cpf,
        loan=item.book.loan,
        first=first,
        last=last,
        connected_on=(item.book.created_at or item.created_at).date(),
        now=ctx.state.now(),
    )


ROUTES = [
    Route("/auth", endpoint(auth, auth=False, bucket="auth"), methods=["POST"]),
    Route("/connect_token", endpoint(connect_token), methods=["POST"]),
    Route("/connectors", endpoint(list_connectors, connect=True), methods=["GET"]),
    Route("/connectors/{id}", endpoint(get_connector, connect=True), methods=["GET"]),
    Route("/connectors/{id}/validate", endpoint(validate_connector, connect=True), methods=["POST"]),
    Route("/items", endpoint(create_item, connect=True), methods=["POST"]),
    Route("/v2/items", endpoint(list_items_v2), methods=["GET"]),
    Route("/items/{id}", endpoint(get_item, connect=True), methods=["GET"]),
    Route("/items/{id}", endpoint(update_item, connect=True, bucket="item-update"), methods=["PATCH"]),
    Route("/items/{id}", endpoint(delete_item), methods=["DELETE"]),
    Route("/items/{id}/mfa", endpoint(item_mfa, connect=True), methods=["POST"]),
    Route("/items/{id}/disable-auto-sync", endpoint(disable_auto_sync), methods=["PATCH"]),
    Route("/items/{id}/resources", endpoint(item_resources), methods=["GET"]),
    Route("/items/{id}/scr", endpoint(item_scr), methods=["GET"]),
]
