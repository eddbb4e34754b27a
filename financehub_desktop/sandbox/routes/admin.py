"""The sandbox-only admin API under ``/_sandbox/`` (no key needed; loopback only by default). See docs/sandbox.md."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import ApiError
from ..faults import FaultSpecError, parse_rule
from ..state import SandboxState
from ..wire import empty_response, json_response, loads

MAX_ADVANCE_DAYS = 3650


def _state(request: Request) -> SandboxState:
    state: SandboxState = request.app.state.sandbox
    return state


async def _json(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiError(400, "request body is not valid JSON", "INVALID_REQUEST_BODY") from None


def _wrap(handler: Any) -> Any:
    async def route(request: Request) -> Response:
        try:
            result = await handler(request)
        except ApiError as error:
            return error.response()
        return result if isinstance(result, Response) else json_response(result)

    return route


async def advance_clock(request: Request) -> dict[str, Any]:
    body = await _json(request)
    if not isinstance(body, dict):
        raise ApiError(400, "send {\"days\": N} and/or {\"seconds\": N}", "INVALID_PARAMETER")
    values: list[float] = []
    for name in ("days", "seconds"):
        value = body.get(name, 0)
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal) or not 0 <= value <= 10**9:
            raise ApiError(400, f"{name} must be a non-negative number", "INVALID_PARAMETER")
        values.append(float(value))
    days, seconds = values
    if days > MAX_ADVANCE_DAYS or seconds > MAX_ADVANCE_DAYS * 86400:
        raise ApiError(400, f"the clock moves at most {MAX_ADVANCE_DAYS} days at a time", "INVALID_PARAMETER")
    state = _state(request)
    now = state.clock.advance(days=days, seconds=seconds)
    return {"now": now, "offsetSeconds": state.clock.offset.total_seconds()}


async def get_clock(request: Request) -> dict[str, Any]:
    state = _state(request)
    return {"now": state.now(), "offsetSeconds": state.clock.offset.total_seconds()}


async def add_faults(request: Request) -> dict[str, Any]:
    body = await _json(request)
    specs = body.get("faults", [body]) if isinstance(body, dict) and "faults" in body else [body]
    if isinstance(body, list):
        specs = body
    if not isinstance(specs, list) or not specs:
        raise ApiError(400, 'send a fault object or {"faults": [...]}', "INVALID_PARAMETER")
    state = _state(request)
    try:
        rules = [parse_rule(spec) for spec in specs]
    except FaultSpecError as exc:
        raise ApiError(400, str(exc), "INVALID_PARAMETER") from None
    for rule in rules:
        if rule.kind == "expire_tokens":
            state.signer.expire_all(state.epoch())
            rule.fired = rule.count or 1
        state.faults.add(rule)
    return {"faults": [r.public() for r in state.faults.rules]}


async def list_faults(request: Request) -> dict[str, Any]:
    return {"faults": [r.public() for r in _state(request).faults.rules]}


async def clear_faults(request: Request) -> Response:
    _state(request).faults.clear()
    return empty_response(204)


async def reset(request: Request) -> dict[str, Any]:
    _state(request).reset()
    return {"reset": True}


async def deliveries(request: Request) -> dict[str, Any]:
    return {"results": [d.public() for d in _state(request).dispatcher.deliveries]}


async def request_log(request: Request) -> dict[str, Any]:
    state = _state(request)
    since = request.query_params.get("since")
    rows = state.requests
    if since:
        try:
            threshold = float(since)
        except ValueError:
            raise ApiError(400, "since must be a monotonic timestamp", "INVALID_PARAMETER") from None
        rows = [r for r in rows if r.monotonic >= threshold]
    return {"results": [r.public() for r in rows]}


async def clear_request_log(request: Request) -> Response:
    _state(request).requests.clear()
    return empty_response(204)


async def statement_file(request: Request) -> Response:
    state = _state(request)
    account_id = str(request.path_params["account"]).lower()
    try:
        month = date.fromisoformat(str(request.path_params["month"]) + "-01")
    except ValueError:
        raise ApiError(404, "Statement not found", "STATEMENT_NOT_FOUND") from None
    item = state.find_account(account_id)
    if item is None or item.book is None:
        raise ApiError(404, "Statement not found", "STATEMENT_NOT_FOUND")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["data", "descricao", "valor", "status"])
    for txn in item.book.transactions(account_id):
        if (txn.day.year, txn.day.month) == (month.year, month.month):
            writer.writerow(
                [txn.day.strftime("%d/%m/%Y"), txn.description, str(txn.amount).replace(".", ","), txn.status]
            )
    return Response(out.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8")


ROUTES = [
    Route("/_sandbox/clock", _wrap(get_clock), methods=["GET"]),
    Route("/_sandbox/clock/advance", _wrap(advance_clock), methods=["POST"]),
    Route("/_sandbox/faults", _wrap(add_faults), methods=["POST"]),
    Route("/_sandbox/faults", _wrap(list_faults), methods=["GET"]),
    Route("/_sandbox/faults", _wrap(clear_faults), methods=["DELETE"]),
    Route("/_sandbox/reset", _wrap(reset), methods=["POST"]),
    Route("/_sandbox/webhook-deliveries", _wrap(deliveries), methods=["GET"]),
    Route("/_sandbox/requests", _wrap(request_log), methods=["GET"]),
    Route("/_sandbox/requests", _wrap(clear_request_log), methods=["DELETE"]),
    Route("/_sandbox/statements/{account}/{month}.csv", _wrap(statement_file), methods=["GET"]),
]
