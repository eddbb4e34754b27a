"""From an HTTP failure to the typed errors of ``domain/errors.py`` and ``domain/bank_errors.py``.

Pluggy's error body is ``{code, codeDescription?, message, data?}`` (pluggy-api.md §4); we branch on
``codeDescription`` first and fall back to the HTTP status. The domain's classes are reused as they are (their
codes, texts and help are the catalogue of ``docs/errors.md``); the specifics ride in ``error.context``:

- ``endpoint``: the operation as ``METHOD /path/{template}`` (never an id, never a secret)
- ``status``: the HTTP status, or ``None`` for a transport failure
- ``code_description``: Pluggy's stable id (``ITEM_NOT_FOUND``...), when it sent one
- ``retry_after``: seconds to wait, for 429s
- ``data`` / ``details`` / ``items``: Pluggy's extra context (validation details, duplicate item ids...)
- ``field``: for ``MalformedResponseError``, the JSON path of the offending field

Pluggy's human ``message`` is kept in ``context["message"]`` only: it is not put in ``str(error)`` (a log line),
since it may echo user data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from pydantic import ValidationError

from ..domain.bank_errors import (
    BankConnectionError,
    ConsentExpiredError,
    ConsentRevokedError,
    InstitutionUnavailableError,
    InvalidMfaError,
    MfaRequiredError,
    TooManyLoginFailuresError,
    UnexpectedBankError,
    bank_error_for,
)
from ..domain.errors import (
    FinanceHubError,
    MalformedResponseError,
    NetworkUnavailableError,
    NotFoundError,
    PluggyAuthError,
    PluggyForbiddenError,
    PluggyServiceError,
    PluggyTimeoutError,
    PluggyUnavailableError,
    RateLimitedError,
    RefreshTooSoonError,
    RequestRejectedError,
)
from ..domain.money import parse_json
from .models.enums import ExecutionStatus, ItemStatus
from .models.envelope import ErrorResponse
from .models.items import Item
from .models.wealth import Consent

#: Pluggy's ``codeDescription`` -> our error, where the id says more than the status.
ERROR_FOR_CODE_DESCRIPTION: dict[str, type[FinanceHubError]] = {
    "CLIENT_KEYS_UNAUTHORIZED": PluggyAuthError,
    "CLIENT_DISABLED": PluggyAuthError,
    "CLIENT_IP_NOT_ALLOWED": PluggyForbiddenError,
    "CREATE_ITEMS_API_FREE_DISABLED": PluggyForbiddenError,
    "SANDBOX_CLIENT_ITEM_UPDATE_NOT_ALLOWED": PluggyForbiddenError,
    "CLIENT_HAS_ITEM_UPDATES_DISABLED": PluggyForbiddenError,
    "ITEM_CREATION_LIMIT_EXCEEDED": PluggyForbiddenError,
    "CATEGORY_RULE_FORBIDDEN": PluggyForbiddenError,
    "CLIENT_IS_UPDATING_BEFORE_ALLOWED_FREQUENCY": RefreshTooSoonError,
    "ITEM_ALREADY_UPDATING": RefreshTooSoonError,
    "ITEM_IS_ALREADY_UPDATING": RefreshTooSoonError,
    "TOO_MANY_CONSECUTIVE_LOGIN_FAILURES": TooManyLoginFailuresError,
    "TOO_MANY_CONSECUTIVE_ERRORS": UnexpectedBankError,
    "MFA_PARAMERTER_WAS_ALREADY_USED_ERROR": InvalidMfaError,  # sic, Pluggy's spelling
    "MFA_PARAMETER_WAS_ALREADY_USED_ERROR": InvalidMfaError,
    "CONNECTOR_VALIDATION_ERROR": RequestRejectedError,
    "CONNECTOR_REQUIRED_PARAMETER_VALIDATION_ERROR": RequestRejectedError,
    "PARAMETERS_NOT_PROVIDED": RequestRejectedError,
    "ITEM_USER_ALREADY_EXISTS": RequestRejectedError,
    "ITEM_ORIGINAL_CONNECTED_WITH_DIFFERENT_ACCOUNT": RequestRejectedError,
    "IDS_PARAMETER_EXCEEDS_MAX_LENGTH": RequestRejectedError,
    "BALANCE_INVALID_REQUEST": RequestRejectedError,
    "BALANCE_CONSENT_ERROR": ConsentExpiredError,
    "BALANCE_NOT_FOUND": NotFoundError,
    "BALANCE_OPEN_FINANCE_RATE_LIMIT": RateLimitedError,
    "BALANCE_FETCH_ERROR": BankConnectionError,
    "BALANCE_CONNECTOR_UNAVAILABLE": InstitutionUnavailableError,
    "BOLETO_CONNECTION_CREATION_CREDENTIALS_ERROR": RequestRejectedError,
    "AUTOMATIC_PIX_INVALID_FIRST_PAYMENT_DATE": RequestRejectedError,
    "SCR_INVALID_REQUEST": RequestRejectedError,
}

#: 429s that waiting a minute does not cure (monthly Open Finance quotas): never retried by the client.
NOT_RETRIED_CODE_DESCRIPTIONS = frozenset({"BALANCE_OPEN_FINANCE_RATE_LIMIT"})


_ERROR_FOR_STATUS: dict[int, type[FinanceHubError]] = {
    400: RequestRejectedError,
    401: PluggyAuthError,
    403: PluggyForbiddenError,
    404: NotFoundError,
    409: RequestRejectedError,
    422: RequestRejectedError,
    429: RateLimitedError,
}


def _error_for_status(status: int) -> type[FinanceHubError]:
    if status >= 500:
        return PluggyUnavailableError
    return _ERROR_FOR_STATUS.get(status, PluggyServiceError)


def read_error_body(content: bytes) -> ErrorResponse | None:
    """Pluggy's error body, or ``None`` when it is not one (an HTML proxy page, an empty body, junk)."""
    if not content.strip():
        return None
    try:
        raw = parse_json(content)
    except (ValueError, RecursionError):
        return None
    if not isinstance(raw, dict):
        return None
    try:
        return ErrorResponse.model_validate(raw)
    except ValidationError:
        # A body that is almost an error body: keep what can be read safely.
        code = raw.get("codeDescription")
        return ErrorResponse(code_description=code if isinstance(code, str) else None)


def error_for_response(
    endpoint: str, status: int, content: bytes, *, retry_after: float | None = None
) -> FinanceHubError:
    """The typed error for a non-2xx answer to ``endpoint``."""
    body = read_error_body(content)
    code_description = body.code_description if body else None
    cls: type[FinanceHubError] | None = None
    if code_description:
        cls = ERROR_FOR_CODE_DESCRIPTION.get(code_description)
        if cls is None and code_description.endswith("_NOT_FOUND"):
            cls = NotFoundError
    if cls is None:
        cls = _error_for_status(status)
    detail = f"{endpoint}: HTTP {status}" + (f" {code_description}" if code_description else "")
    context: dict[str, Any] = {"endpoint": endpoint, "status": status, "code_description": code_description}
    if retry_after is not None:
        context["retry_after"] = retry_after
    if body is not None:
        context["message"] = body.message
        if body.data:
            context["data"] = body.data
        details = body.details or body.errors
        if details:
            context["details"] = [d.model_dump() for d in details]
            fields = sorted({d.parameter for d in details if d.parameter})
            if fields:
                detail += f" ({', '.join(fields)})"
        if body.items:
            context["items"] = list(body.items)
    return cls(detail, **context)


def error_for_transport(endpoint: str, exc: httpx.TransportError) -> FinanceHubError:
    """A request that got no (complete) answer: a timeout, a refused connection, a body cut short."""
    name = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return PluggyTimeoutError(f"{endpoint}: {name}", endpoint=endpoint, status=None)
    if isinstance(exc, httpx.ConnectError):
        return NetworkUnavailableError(f"{endpoint}: {name}", endpoint=endpoint, status=None)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return PluggyUnavailableError(f"{endpoint}: connection dropped ({name})", endpoint=endpoint, status=None)
    return NetworkUnavailableError(f"{endpoint}: {name}", endpoint=endpoint, status=None)


def malformed(endpoint: str, field: str, reason: str) -> MalformedResponseError:
    """A response we cannot trust: nothing from it may be used."""
    return MalformedResponseError(f"{endpoint}: {field}: {reason}", endpoint=endpoint, field=field)


def malformed_from_validation(endpoint: str, exc: ValidationError) -> MalformedResponseError:
    """Names the first bad field by its wire path (``results[3].amount``), never its value."""
    first = exc.errors(include_input=False, include_url=False)[0]
    parts: list[str] = []
    for loc in first.get("loc", ()):
        if isinstance(loc, int):
            parts.append(f"[{loc}]")
        else:
            parts.append(("." if parts else "") + str(loc))
    field = "".join(parts) or "<body>"
    reason = str(first.get("type", "invalid"))
    more = exc.error_count() - 1
    if more > 0:
        reason += f" (+{more} more)"
    return malformed(endpoint, field, reason)


def error_for_item(item: Item) -> FinanceHubError | None:
    """What a finished or stalled item means for the user: MFA wanted, a bank error, or ``None`` (all good/busy)."""
    if item.status == ItemStatus.WAITING_USER_INPUT or item.execution_status == ExecutionStatus.WAITING_USER_INPUT:
        label = item.parameter.label if item.parameter and item.parameter.label else ""
        return MfaRequiredError(label, item_id=item.id, parameter=item.parameter)
    error_code = item.error.code if item.error else None
    err = bank_error_for(item.execution_status)
    if err is None and error_code and item.status in (ItemStatus.LOGIN_ERROR, ItemStatus.OUTDATED):
        err = bank_error_for(error_code)
    if err is not None:
        err.context.update(item_id=item.id, execution_status=item.execution_status, error_code=error_code)
    return err


def error_for_consent(consent: Consent, now: datetime) -> FinanceHubError | None:
    """An Open Finance consent that no longer lets the bank share data: revoked, or past its expiry."""
    if consent.revoked_at is not None and consent.revoked_at <= now:
        return ConsentRevokedError(consent_id=consent.id, item_id=consent.item_id)
    if consent.expires_at is not None and consent.expires_at <= now:
        return ConsentExpiredError(consent_id=consent.id, item_id=consent.item_id)
    return None
