"""What every API route shares: authentication (API key or scoped connect token), rate limits, parsing of bodies
and query parameters into Pluggy's 400 answers, and the page/cursor envelopes."""

from __future__ import annotations

import math
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ..auth import TokenClaims, TokenError
from ..errors import ApiError, bad_request, forbidden
from ..settings import DEMO_CLIENT_ID
from ..state import SandboxState
from ..wire import json_response, loads

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MAX_BODY = 1_000_000


@dataclass(slots=True)
class Ctx:
    request: Request
    state: SandboxState
    claims: TokenClaims | None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_connect(self) -> bool:
        return self.claims is not None and self.claims.scope == "connect"

    def path(self, name: str) -> str:
        return str(self.request.path_params[name])

    def query(self, name: str) -> str | None:
        value = self.request.query_params.get(name)
        return value if value not in (None, "") else None

    def require_query(self, name: str) -> str:
        value = self.query(name)
        if value is None:
            raise bad_request(f"{name} is required", "MISSING_REQUIRED_PARAMETER", parameter=name)
        return value

    def int_query(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.query(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise bad_request(f"{name} must be an integer", "INVALID_PARAMETER", parameter=name) from None
        if not low <= value <= high:
            raise bad_request(f"{name} must be between {low} and {high}", "INVALID_PARAMETER", parameter=name)
        return value

    def bool_query(self, name: str) -> bool | None:
        raw = self.query(name)
        if raw is None:
            return None
        if raw.lower() in ("true", "1"):
            return True
        if raw.lower() in ("false", "0"):
            return False
        raise bad_request(f"{name} must be true or false", "INVALID_PARAMETER", parameter=name)

    def date_query(self, name: str) -> date | None:
        raw = self.query(name)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw[:10]) if len(raw) >= 10 else date.fromisoformat(raw)
        except ValueError:
            raise bad_request(f"{name} must be a date (YYYY-MM-DD)", "INVALID_PARAMETER", parameter=name) from None

    def datetime_query(self, name: str) -> datetime | None:
        raw = self.query(name)
        if raw is None:
            return None
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "+"))
        except ValueError:
            raise bad_request(f"{name} must be an ISO-8601 date-time", "INVALID_PARAMETER", parameter=name) from None
        if moment.tzinfo is None:
            from datetime import UTC

            moment = moment.replace(tzinfo=UTC)
        return moment

    async def body(self, *, required: bool = True) -> dict[str, Any]:
        raw = await self.request.body()
        if len(raw) > MAX_BODY:
            raise bad_request("request body is too large", "PAYLOAD_TOO_LARGE")
        if not raw.strip():
            if required:
                raise bad_request("request body is required", "INVALID_REQUEST_BODY")
            return {}
        try:
            data = loads(raw)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise bad_request("request body is not valid JSON", "INVALID_REQUEST_BODY") from None
        if not isinstance(data, dict):
            raise bad_request("request body must be a JSON object", "INVALID_REQUEST_BODY")
        return data


Handler = Callable[[Ctx], Awaitable[Any]]


def endpoint(
    handler: Handler,
    *,
    auth: bool = True,
    connect: bool = False,
    bucket: str | None = None,
    status: int = 200,
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler: check the key, count the rate limit, turn its return value into a JSON response."""

    async def route(request: Request) -> Response:
        state: SandboxState = request.app.state.sandbox
        headers: dict[str, str] = {}
        try:
            if bucket is not None:
                client = request.client.host if request.client else "unknown"
                headers.update(state.limiter.check(bucket, client, state.clock.monotonic()))
            claims = authenticate(request, state) if auth else None
            if claims is not None and claims.scope == "connect" and not connect:
                raise forbidden("This endpoint cannot be accessed with a connect token")
            ctx = Ctx(request, state, claims, headers)
            result = await handler(ctx)
        except ApiError as error:
            error.headers = {**headers, **error.headers}
            return error.response()
        if isinstance(result, Response):
            result.headers.update(ctx.headers)
            return result
        return json_response(result, status=status, headers=ctx.headers)

    return route


def authenticate(request: Request, state: SandboxState) -> TokenClaims:
    token = request.headers.get("x-api-key")
    if not token:
        raise forbidden()
    try:
        claims = state.signer.verify(token, now=state.epoch())
    except TokenError:
        raise forbidden() from None
    if claims.client_id != DEMO_CLIENT_ID:
        raise forbidden()
    return claims


def page(results: list[Any], page_number: int = 1, page_size: int | None = None) -> dict[str, Any]:
    """Pluggy's page envelope; without a page size everything is page 1 of 1."""
    total = len(results)
    if page_size is None:
        return {"total": total, "totalPages": 1 if total else 0, "page": 1, "results": results}
    start = (page_number - 1) * page_size
    return {
        "total": total,
        "totalPages": math.ceil(total / page_size) if total else 0,
        "page": page_number,
        "results": results[start : start + page_size],
    }


def paging(ctx: Ctx, default_size: int = 500) -> tuple[int, int]:
    return ctx.int_query("page", 1, 1, 1_000_000), ctx.int_query("pageSize", default_size, 1, 500)


def require_uuid(value: str, code: str, what: str) -> str:
    if not UUID_RE.match(value):
        raise ApiError(404, f"{what} not found", code)
    return value.lower()


def amount_field(body: dict[str, Any], name: str, *, required: bool = True, positive: bool = True) -> Decimal | None:
    value = body.get(name)
    if value is None:
        if required:
            raise bad_request(f"{name} is required", "INVALID_PARAMETER", parameter=name)
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
        raise bad_request(f"{name} must be a number", "INVALID_PARAMETER", parameter=name)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise bad_request(f"{name} must be a number", "INVALID_PARAMETER", parameter=name) from None
    if not amount.is_finite() or (positive and amount <= 0) or abs(amount) >= Decimal("1e12"):
        raise bad_request(f"{name} must be a positive amount", "INVALID_PARAMETER", parameter=name)
    return amount.quantize(Decimal("0.01"))


def str_field(body: dict[str, Any], name: str, *, required: bool = True, max_len: int = 500) -> str | None:
    value = body.get(name)
    if value is None:
        if required:
            raise bad_request(f"{name} is required", "INVALID_PARAMETER", parameter=name)
        return None
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > max_len:
        raise bad_request(f"{name} must be a non-empty string", "INVALID_PARAMETER", parameter=name)
    return value
