"""The one HTTP path to Pluggy: a pooled ``httpx.AsyncClient`` per base URL, and the engine every call goes
through (rate limit -> API key -> send with a timeout -> re-auth once on 401/403 -> retry -> decode or map the
error). Nothing half-parsed leaves this module: a body is either fully decoded JSON or a typed error.
"""

from __future__ import annotations

import contextlib
import gc
import json
import time
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from .. import __version__
from ..config.logs import get_logger
from ..domain.errors import (
    FinanceHubError,
    InvalidInputError,
    NetworkUnavailableError,
    PluggyTimeoutError,
    RateLimitedError,
)
from ..domain.money import parse_json
from .auth import ApiKeyCache
from .errors import (
    NOT_RETRIED_CODE_DESCRIPTIONS,
    error_for_response,
    error_for_transport,
    malformed,
    malformed_from_validation,
    read_error_body,
)
from .metrics import ClientMetrics
from .models.items import AuthRequest, AuthResponse
from .ratelimit import RateLimiter
from .retry import Deadline, RetryPolicy, server_wait
from .wire_gate import SendMark, WireGate

DEFAULT_BASE_URL = "https://api.pluggy.ai"
USER_AGENT = f"FinanceHubDesktop/{__version__}"
M = TypeVar("M", bound=BaseModel)
log = get_logger("pluggy")


# ---------------------------------------------------------------------------------------------- encoding
def _encode(value: Any) -> str:  # noqa: PLR0911  (one branch per JSON type)
    if value is None or isinstance(value, bool | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Enum):
        return _encode(value.value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("cannot send a non-finite amount")
        return format(value, "f")
    if isinstance(value, float):
        raise TypeError("refusing to send a float; use Decimal for amounts")
    if isinstance(value, datetime | date):
        return json.dumps(value.isoformat())
    if isinstance(value, BaseModel):
        return _encode(value.model_dump(by_alias=True, exclude_none=True))
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{json.dumps(str(k))}:{_encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def encode_json(value: Any) -> bytes:
    """JSON with Decimals written exactly as numbers (``json.dumps`` would need floats)."""
    return _encode(value).encode("utf-8")


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ",".join(_query_value(v) for v in value)  # style=form, explode=false
    return str(value)


def query_params(params: Mapping[str, Any] | None) -> dict[str, str]:
    """Drops ``None``; joins lists with commas; booleans as ``true``/``false``."""
    return {k: _query_value(v) for k, v in (params or {}).items() if v is not None}


def fill_path(template: str, path_params: Mapping[str, Any] | None) -> str:
    """``/items/{id}`` + ``{"id": "a/b"}`` -> ``/items/a%2Fb`` (ids are quoted, never trusted as paths)."""
    if not path_params:
        return template
    return template.format(**{k: quote(str(v), safe="") for k, v in path_params.items()})


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while one body is decoded.

    A 500-row page builds ~30,000 small objects (dicts, Decimals, models); every 700 allocations the collector runs,
    and its older generations scan everything alive, so one page paid for several collections (measured: 11.4 ms a
    page with them, 8.9 ms without; 17.8 ms with 5,000 models alive). Decoding makes no reference cycles, so the
    collector loses nothing by waiting: it runs once, after the page (Mercurial's ``util.nogc`` does the same).
    Process-wide, like the collector itself: if it was off, it stays off."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def decode_model(model: type[M], raw: Any, endpoint: str) -> M:
    """Validate decoded JSON into ``model``; any mismatch becomes ``MalformedResponseError`` naming the field."""
    try:
        with collector_paused():
            return model.model_validate(raw)
    except ValidationError as exc:
        raise malformed_from_validation(endpoint, exc) from None
    except RecursionError:
        raise malformed(endpoint, "<body>", "nested too deeply") from None


def checked_base_url(base_url: str) -> str:
    """``https://api.pluggy.ai`` or an http(s) override (the sandbox); anything else is refused up front."""
    url = base_url.strip().rstrip("/")
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise InvalidInputError(f"not a URL: {url!r}", field="pluggy_api_url") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InvalidInputError(f"the Pluggy API URL must be http(s)://host, got {url!r}", field="pluggy_api_url")
    return url


def build_async_client(
    base_url: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: float = 30.0,
    max_connections: int = 20,
) -> httpx.AsyncClient:
    """One pooled client per base URL: keep-alive connections, a timeout on every phase, our User-Agent."""
    return httpx.AsyncClient(
        base_url=base_url.rstrip("/"),
        transport=transport,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        follow_redirects=False,
        # Real connections honour the system's proxy and CA settings (HTTPS_PROXY, SSL_CERT_FILE); an injected
        # transport (the in-process sandbox, tests) must not be bypassed by a proxy mount.
        trust_env=transport is None,
    )


# ---------------------------------------------------------------------------------------------- engine
def is_key_refusal(status: int, body: bytes) -> bool:
    """Whether Pluggy refused the API key itself (renewing it may help): any 401, and a 403 that names no business
    reason. A 403 with a ``codeDescription`` (CLIENT_IP_NOT_ALLOWED, a payment permission...) is a refusal a new key
    would get too, so it is reported at once instead of costing an extra ``/auth`` and a repeated request."""
    if status == 401:
        return True
    if status != 403:
        return False
    try:
        parsed = json.loads(body) if body else None
    except ValueError:
        return True
    return not (isinstance(parsed, dict) and parsed.get("codeDescription"))


class PluggyHttp:
    """Sends one logical call (with its retries) and returns decoded JSON or raises a typed error."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        client_secret: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
        metrics: ClientMetrics | None = None,
        auth_clock: Any = time.time,
        auth_margin: float | None = None,
        max_connections: int = 20,
        max_in_flight: int | None = None,
    ) -> None:
        self.base_url = checked_base_url(base_url)
        if max_in_flight is not None and max_in_flight < 1:
            raise InvalidInputError("max_in_flight must be at least 1", field="max_in_flight")
        #: The client's concurrency: requests on the wire at once, whatever asks for them (defaults to the pool size).
        self.max_in_flight = max_in_flight or max_connections
        # Sends are tracked only through httpcore's own pool (an injected transport never reports them).
        self._gate = WireGate(self.max_in_flight, track_sends=transport is None)
        self._client_id = client_id
        self._client_secret = client_secret
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.limiter = limiter or RateLimiter(clock=self.retry.clock, sleep=self.retry.sleep)
        self.metrics = metrics or ClientMetrics()
        self.client = build_async_client(
            self.base_url, transport=transport, timeout=timeout, max_connections=max_connections
        )
        margin = {} if auth_margin is None else {"margin": auth_margin}
        self.auth = ApiKeyCache(self._fetch_api_key, clock=auth_clock, **margin)

    async def aclose(self) -> None:
        await self.client.aclose()

    async def _fetch_api_key(self) -> str:
        body = AuthRequest(client_id=self._client_id, client_secret=self._client_secret)
        raw = await self.request("POST", "/auth", json_body=body, auth=False)
        return decode_model(AuthResponse, raw, "POST /auth").api_key

    async def request(
        self,
        method: str,
        template: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        auth: bool = True,
        expect_body: bool = True,
    ) -> Any:
        """One call to ``METHOD template`` (ids filled in from ``path_params``), with its retries."""
        endpoint = f"{method} {template}"
        try:
            result = await self._attempts(
                endpoint,
                method,
                fill_path(template, path_params),
                query_params(params),
                encode_json(json_body) if json_body is not None else None,
                auth=auth,
                expect_body=expect_body,
            )
        except FinanceHubError as exc:
            self.metrics.record_call(endpoint, exc)
            raise
        self.metrics.record_call(endpoint, None)
        return result

    async def _attempts(
        self,
        endpoint: str,
        method: str,
        path: str,
        params: dict[str, str] | None,
        content: bytes | None,
        *,
        auth: bool,
        expect_body: bool,
    ) -> Any:
        policy = self.retry
        deadline = Deadline(policy)
        attempt = 0
        reauthed = False
        while True:
            attempt += 1
            await self._pass_limiter(endpoint, deadline)
            headers = {"Content-Type": "application/json"} if content is not None else {}
            key = await self.auth.get() if auth else None
            if key is not None:
                headers["X-API-KEY"] = key
            try:
                response, started = await self._exchange(
                    endpoint, method, path, params=params, content=content, headers=headers, deadline=deadline
                )
            except httpx.TransportError as exc:
                log.info("%s attempt %d: %s", endpoint, attempt, type(exc).__name__)
                if attempt < policy.max_attempts and policy.should_retry_transport(endpoint, exc):
                    backoff = policy.backoff(attempt)
                    if deadline.allows(backoff):
                        self.metrics.record_retry(endpoint)
                        await policy.wait(backoff)
                        continue
                raise error_for_transport(endpoint, exc) from None
            status = response.status_code
            self.metrics.record_attempt(endpoint, policy.clock() - started, status)
            log.debug("%s attempt %d: HTTP %d", endpoint, attempt, status)
            if 200 <= status < 300:
                await self._gate.let_queued_requests_leave()  # decode while they travel
                return self._decode(endpoint, response, expect_body)
            if key is not None and not reauthed and is_key_refusal(status, response.content):
                reauthed = True
                attempt -= 1  # a renewed key is not a retry of the same request
                self.auth.invalidate(key)
                self.metrics.record_reauth(endpoint)
                log.info("%s: HTTP %d, renewing the API key once", endpoint, status)
                continue
            retry_in = self._retry_delay(endpoint, response, attempt, deadline)
            if retry_in is not None:
                self.metrics.record_retry(endpoint)
                await policy.wait(retry_in)
                continue
            wait = server_wait(response.headers) if status == 429 else None
            raise error_for_response(endpoint, status, response.content, retry_after=wait)

    async def _exchange(
        self,
        endpoint: str,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None,
        content: bytes | None,
        headers: dict[str, str],
        deadline: Deadline,
    ) -> tuple[httpx.Response, float]:
        """One exchange inside the in-flight gate (at most ``max_in_flight`` on the wire at once, for every caller
        of this client together); returns the response and the clock reading when it was sent."""
        async with self._gate.slot() as mark:
            remaining = deadline.remaining()
            if remaining <= 0:
                raise PluggyTimeoutError(f"{endpoint}: time budget spent", endpoint=endpoint, status=None)
            per_try = min(self.timeout, remaining)
            started = self.retry.clock()
            self.metrics.exchange_started()
            try:
                response = await self._send_once(
                    endpoint, method, path, params=params, content=content, headers=headers, per_try=per_try, mark=mark
                )
            except httpx.TransportError:
                self.metrics.record_attempt(endpoint, self.retry.clock() - started, None)
                raise
            finally:
                self.metrics.exchange_finished()
            return response, started

    async def _send_once(
        self,
        endpoint: str,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None,
        content: bytes | None,
        headers: dict[str, str],
        per_try: float,
        mark: SendMark,
    ) -> httpx.Response:
        """One exchange. Transport errors go back to the retry loop; httpx's other refusals become typed here."""
        started = self.retry.clock()
        try:
            return await self.client.request(
                method,
                path,
                params=params,
                content=content,
                headers=headers,
                timeout=httpx.Timeout(per_try, connect=min(per_try, 10.0)),
                extensions={"trace": mark.trace} if mark.tracked else None,
            )
        except httpx.TransportError:
            raise
        except httpx.DecodingError:  # e.g. "Content-Encoding: gzip" over bytes that are not gzip
            self.metrics.record_attempt(endpoint, self.retry.clock() - started, None)
            raise malformed(endpoint, "<body>", "content encoding could not be decoded") from None
        except httpx.RequestError as exc:  # anything else httpx refuses: no usable answer
            self.metrics.record_attempt(endpoint, self.retry.clock() - started, None)
            raise NetworkUnavailableError(f"{endpoint}: {type(exc).__name__}", endpoint=endpoint, status=None) from None

    async def _pass_limiter(self, endpoint: str, deadline: Deadline) -> None:
        """Wait for a slot of the client-side limiter, or fail at once when the wait would not fit the budget."""
        needed = self.limiter.wait_needed(endpoint)
        if needed > min(self.retry.max_retry_after, deadline.remaining()):
            raise RateLimitedError(f"{endpoint}: client-side limit", endpoint=endpoint, status=None, retry_after=needed)
        waited = await self.limiter.acquire(endpoint)
        if waited:
            self.metrics.record_rate_limit_wait(endpoint, waited)

    def _retry_delay(self, endpoint: str, response: httpx.Response, attempt: int, deadline: Deadline) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` when this answer is final."""
        policy = self.retry
        status = response.status_code
        if attempt >= policy.max_attempts or not policy.should_retry_status(endpoint, status):
            return None
        if status == 429:
            body = read_error_body(response.content)
            if body is not None and body.code_description in NOT_RETRIED_CODE_DESCRIPTIONS:
                return None
        wait = server_wait(response.headers)  # a 503 may carry Retry-After too (RFC 9110)
        if wait is not None:
            if wait > policy.max_retry_after or not deadline.allows(wait):
                return None
            if status == 429:
                self.limiter.penalise(endpoint, wait)
            return wait
        delay = policy.backoff(attempt)
        return delay if deadline.allows(delay) else None

    @staticmethod
    def _decode(endpoint: str, response: httpx.Response, expect_body: bool) -> Any:
        content = response.content
        if response.status_code == 204:  # "No Content" is an answer, not a malformed body
            return None
        if not content.strip():
            if expect_body:
                raise malformed(endpoint, "<body>", f"empty body with HTTP {response.status_code}")
            return None
        try:
            with collector_paused():
                return parse_json(content)
        except (ValueError, RecursionError):
            if not expect_body:
                return None
            kind = "an HTML page" if content.lstrip()[:1] == b"<" else "not valid JSON (truncated?)"
            raise malformed(endpoint, "<body>", kind) from None


__all__ = ["DEFAULT_BASE_URL", "USER_AGENT", "PluggyHttp", "build_async_client", "decode_model"]
