"""Pluggy webhook payloads (pluggy-api.md §9) and the checks a receiver runs before trusting one.

Pluggy POSTs a small JSON notification per event; the payload is a *hint* (re-fetch the resource with the API key),
so the models keep every documented field, tolerate fields Pluggy adds later (``model_extra``) and parse event
types they don't know into ``UnknownWebhookEvent`` instead of failing: an unknown event must never make a receiver
answer an error, or Pluggy retries it until it disables the webhook.

Verification is layered as Pluggy's own security guide is: a custom header secret registered with ``POST /webhooks``
(compared in constant time; the old and the new secret both pass while a rotation is under way), an optional
HMAC-SHA256 of the raw body in ``X-Pluggy-Signature`` (hex; UNCONFIRMED upstream, so only enforced when a signing
key is configured), the ``clientId`` of the application, a freshness window when a delivery carries a timestamp,
and ``eventId`` for idempotency. Errors here never carry a secret or the body: only field names and reasons.

``RelayFeedPage`` is the other half of the relay's contract (``GET /events``, docs/relay.md): the relay and the app
both import this module, so what one writes the other reads.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Final, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic.alias_generators import to_camel

from .models.enums import WebhookEventType

#: Header Pluggy would sign the raw body in (community convention; see pluggy-api.md §9 and §15).
SIGNATURE_HEADER: Final = "X-Pluggy-Signature"
#: The custom header we ask Pluggy to send with every delivery (``POST /webhooks`` ``headers``).
DEFAULT_SECRET_HEADER: Final = "X-Relay-Secret"  # noqa: S105 (a header name)
#: A delivery time, when a sender adds one (Pluggy documents none; the sandbox and proxies may).
TIMESTAMP_HEADER: Final = "X-Pluggy-Timestamp"
MAX_EVENT_NAME_LENGTH: Final = 100
MAX_EVENT_ID_LENGTH: Final = 200


class WebhookTrigger(StrEnum):
    """``triggeredBy`` of item events (the payload keeps unknown values as plain strings)."""

    CLIENT = "CLIENT"
    USER = "USER"
    SYNC = "SYNC"
    INTERNAL = "INTERNAL"


# ---------------------------------------------------------------------------------------------- errors
class WebhookError(Exception):
    """Base of every webhook problem; the message names fields and reasons, never values or secrets."""


class WebhookPayloadError(WebhookError, ValueError):
    """The body is not a Pluggy webhook: not UTF-8, not JSON, not an object, or a field of the wrong type."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        self.reason = reason
        self.field = field
        super().__init__(
            f"invalid webhook payload: {field}: {reason}" if field else f"invalid webhook payload: {reason}"
        )


class AuthFailure(StrEnum):
    """Why a delivery was not trusted; a receiver maps each to a status code."""

    MISSING_SECRET = "missing_secret"  # noqa: S105 (a reason, not a secret)
    WRONG_SECRET = "wrong_secret"  # noqa: S105
    MISSING_SIGNATURE = "missing_signature"
    BAD_SIGNATURE = "bad_signature"
    WRONG_CLIENT = "wrong_client"
    STALE = "stale"
    FROM_THE_FUTURE = "from_the_future"


class WebhookAuthError(WebhookError):
    """The delivery failed a check; ``reason`` says which."""

    def __init__(self, reason: AuthFailure) -> None:
        self.reason = reason
        super().__init__(f"webhook delivery rejected: {reason.value}")


# ---------------------------------------------------------------------------------------------- models
def _utf8_encodable(value: str) -> str:
    value.encode("utf-8")  # a lone surrogate ("\ud800" in JSON) cannot be stored or logged: refuse it here
    return value


def _assume_utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


EventName = Annotated[str, Field(min_length=1, max_length=MAX_EVENT_NAME_LENGTH), AfterValidator(_utf8_encodable)]
EventId = Annotated[str, Field(min_length=1, max_length=MAX_EVENT_ID_LENGTH), AfterValidator(_utf8_encodable)]
EntityId = Annotated[str, Field(min_length=1)]
AwareDatetime = Annotated[datetime, AfterValidator(_assume_utc)]


class _WireModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        extra="allow",
        frozen=True,
    )


_M = TypeVar("_M", bound=_WireModel)


class WebhookEvent(_WireModel):
    """What every notification carries. ``event_id`` is unique per notification: dedupe on it."""

    #: The event names a subclass accepts; empty for the generic model.
    EVENTS: ClassVar[frozenset[str]] = frozenset()

    event: EventName
    event_id: EventId
    id: str | None = None  # deprecated by Pluggy: the id of the related entity
    client_id: str | None = None
    #: A send time, when the sender adds one to the body (Pluggy documents none).
    timestamp: AwareDatetime | None = None

    @model_validator(mode="after")
    def _event_belongs_here(self) -> WebhookEvent:
        if self.EVENTS and self.event not in self.EVENTS:
            raise ValueError(f"{type(self).__name__} does not describe event {self.event!r}")
        return self

    @property
    def event_type(self) -> WebhookEventType | None:
        """The known event type, or None for an event this version does not know yet."""
        try:
            return WebhookEventType(self.event)
        except ValueError:
            return None


class UnknownWebhookEvent(WebhookEvent):
    """An event type added by Pluggy after this version: kept whole (``model_extra``) so nothing is lost."""


class ItemEvent(WebhookEvent):
    """``item/created|updated|deleted|waiting_user_input|waiting_user_action|login_succeeded``."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {
            WebhookEventType.ITEM_CREATED,
            WebhookEventType.ITEM_UPDATED,
            WebhookEventType.ITEM_DELETED,
            WebhookEventType.ITEM_WAITING_USER_INPUT,
            WebhookEventType.ITEM_WAITING_USER_ACTION,
            WebhookEventType.ITEM_LOGIN_SUCCEEDED,
        }
    )
    item_id: EntityId
    triggered_by: Annotated[WebhookTrigger | str, Field(union_mode="left_to_right")] | None = None
    client_user_id: str | None = None


class ItemEventError(_WireModel):
    code: str | None = None
    message: str | None = None
    provider_message: str | None = None


class ItemErrorEvent(ItemEvent):
    """``item/error``: the execution ended in error (``error.code`` is an ExecutionErrorCode)."""

    EVENTS: ClassVar[frozenset[str]] = frozenset({WebhookEventType.ITEM_ERROR})
    error: ItemEventError | None = None


class ConnectorStatus(_WireModel):
    status: str | None = None  # ONLINE | UNSTABLE | OFFLINE (free string: Pluggy may add values)


class ConnectorStatusUpdatedEvent(WebhookEvent):
    """``connector/status_updated``; the connector id's key is UNCONFIRMED, ``connectorId`` is the likely one."""

    EVENTS: ClassVar[frozenset[str]] = frozenset({WebhookEventType.CONNECTOR_STATUS_UPDATED})
    connector_id: int | str | None = None
    data: ConnectorStatus | None = None


class TransactionsCreatedEvent(WebhookEvent):
    """``transactions/created``: new rows since ``transactions_created_at_from``; the link lists them."""

    EVENTS: ClassVar[frozenset[str]] = frozenset({WebhookEventType.TRANSACTIONS_CREATED})
    item_id: EntityId
    account_id: EntityId
    transactions_created_at_from: AwareDatetime | None = None
    created_transactions_link: str | None = None


class TransactionsChangedEvent(WebhookEvent):
    """``transactions/updated|deleted``: the ids of the rows that changed or disappeared upstream."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {WebhookEventType.TRANSACTIONS_UPDATED, WebhookEventType.TRANSACTIONS_DELETED}
    )
    item_id: EntityId
    account_id: EntityId
    transaction_ids: list[EntityId] = Field(default_factory=list)


class PaymentIntentEvent(WebhookEvent):
    """``payment_intent/*``."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {
            WebhookEventType.PAYMENT_INTENT_CREATED,
            WebhookEventType.PAYMENT_INTENT_COMPLETED,
            WebhookEventType.PAYMENT_INTENT_WAITING_PAYER_AUTHORIZATION,
            WebhookEventType.PAYMENT_INTENT_ERROR,
        }
    )
    payment_intent_id: EntityId
    payment_request_id: str | None = None
    bulk_payment_id: str | None = None


class PaymentRequestStatus(_WireModel):
    status: str | None = None  # AUTHORIZED | CANCELED | COMPLETED | ERROR (free string)


class PaymentRequestUpdatedEvent(WebhookEvent):
    """``payment_request/updated``."""

    EVENTS: ClassVar[frozenset[str]] = frozenset({WebhookEventType.PAYMENT_REQUEST_UPDATED})
    payment_request_id: EntityId
    data: PaymentRequestStatus | None = None


class ScheduledPaymentEvent(WebhookEvent):
    """``scheduled_payment/created|completed|error|canceled``."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {
            WebhookEventType.SCHEDULED_PAYMENT_CREATED,
            WebhookEventType.SCHEDULED_PAYMENT_COMPLETED,
            WebhookEventType.SCHEDULED_PAYMENT_ERROR,
            WebhookEventType.SCHEDULED_PAYMENT_CANCELED,
        }
    )
    payment_request_id: EntityId
    scheduled_payment_id: EntityId


class ScheduledPaymentBatchEvent(WebhookEvent):
    """``scheduled_payment/all_created|all_completed``; fields UNCONFIRMED, so all optional."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {WebhookEventType.SCHEDULED_PAYMENT_ALL_CREATED, WebhookEventType.SCHEDULED_PAYMENT_ALL_COMPLETED}
    )
    payment_request_id: str | None = None


class BoletoUpdatedEvent(WebhookEvent):
    """``boleto/updated``; fields UNCONFIRMED, so all optional."""

    EVENTS: ClassVar[frozenset[str]] = frozenset({WebhookEventType.BOLETO_UPDATED})
    boleto_id: str | None = None
    payment_request_id: str | None = None


class AutomaticPixPaymentEvent(WebhookEvent):
    """``automatic_pix_payment/*``; fields UNCONFIRMED, so all optional."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {
            WebhookEventType.AUTOMATIC_PIX_PAYMENT_CREATED,
            WebhookEventType.AUTOMATIC_PIX_PAYMENT_COMPLETED,
            WebhookEventType.AUTOMATIC_PIX_PAYMENT_ERROR,
            WebhookEventType.AUTOMATIC_PIX_PAYMENT_CANCELED,
        }
    )
    payment_request_id: str | None = None
    automatic_pix_payment_id: str | None = None


class SmartTransferError(_WireModel):
    code: str | None = None
    description: str | None = None
    detail: str | None = None


class SmartTransferPreauthorizationEvent(WebhookEvent):
    """``smart_transfer_preauthorization/completed|error``."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {
            WebhookEventType.SMART_TRANSFER_PREAUTHORIZATION_COMPLETED,
            WebhookEventType.SMART_TRANSFER_PREAUTHORIZATION_ERROR,
        }
    )
    smart_transfer_preauthorization_id: EntityId
    status: str | None = None
    error: SmartTransferError | None = None


class SmartTransferPaymentEvent(WebhookEvent):
    """``smart_transfer_payment/completed|error``."""

    EVENTS: ClassVar[frozenset[str]] = frozenset(
        {WebhookEventType.SMART_TRANSFER_PAYMENT_COMPLETED, WebhookEventType.SMART_TRANSFER_PAYMENT_ERROR}
    )
    smart_transfer_payment_id: EntityId
    smart_transfer_preauthorization_id: str | None = None
    status: str | None = None
    error: SmartTransferError | None = None


_MODELS: Final[tuple[type[WebhookEvent], ...]] = (
    ItemEvent,
    ItemErrorEvent,
    ConnectorStatusUpdatedEvent,
    TransactionsCreatedEvent,
    TransactionsChangedEvent,
    PaymentIntentEvent,
    PaymentRequestUpdatedEvent,
    ScheduledPaymentEvent,
    ScheduledPaymentBatchEvent,
    BoletoUpdatedEvent,
    AutomaticPixPaymentEvent,
    SmartTransferPreauthorizationEvent,
    SmartTransferPaymentEvent,
)
#: Which model reads which event; anything else reads as ``UnknownWebhookEvent``.
MODEL_FOR_EVENT: Final[Mapping[str, type[WebhookEvent]]] = {name: model for model in _MODELS for name in model.EVENTS}


# ---------------------------------------------------------------------------------------------- parsing
def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _loads(body: bytes | str) -> Any:
    try:
        text = body.decode("utf-8") if isinstance(body, bytes | bytearray) else body
    except UnicodeDecodeError as exc:
        raise WebhookPayloadError(f"not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise WebhookPayloadError("empty body")
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise WebhookPayloadError(f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise WebhookPayloadError(f"not JSON ({type(exc).__name__})") from None


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(body)"


def parse_webhook_payload(payload: Any) -> WebhookEvent:
    """Validate an already-decoded JSON object (money stays ``Decimal`` if the caller decoded it that way)."""
    if not isinstance(payload, dict):
        raise WebhookPayloadError(f"expected a JSON object, got {type(payload).__name__}")
    name = payload.get("event")
    if not isinstance(name, str):
        raise WebhookPayloadError("missing or not a string", field="event")
    return _validate(MODEL_FOR_EVENT.get(name, UnknownWebhookEvent), payload)


def parse_webhook_event(body: bytes | str) -> WebhookEvent:
    """The raw body of a delivery -> its typed event. Raises ``WebhookPayloadError`` (and nothing else) if malformed."""
    return parse_webhook_payload(_loads(body))


def _validate(model: type[_M], payload: Any) -> _M:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        raise WebhookPayloadError(str(first["msg"]), field=_field_path(first["loc"])) from None


# ---------------------------------------------------------------------------------------------- the relay's feed
class RelayFeedEntry(_WireModel):
    """One stored delivery as the relay serves it (``GET /events``); ``payload`` is Pluggy's body untouched."""

    cursor: int = Field(ge=1)
    event_id: EventId
    event: EventName
    received_at: AwareDatetime
    payload: dict[str, Any]

    def webhook_event(self) -> WebhookEvent:
        """The typed event; ``WebhookPayloadError`` for this entry alone if it does not read."""
        return parse_webhook_payload(self.payload)


class RelayFeedPage(_WireModel):
    """A page of the relay's feed: the app applies ``events``, then stores ``next_cursor``.

    ``missed_events``: retention deleted events after the cursor before they were pulled (run a full sync).
    ``latest_cursor`` below the app's cursor: the relay's database was replaced (start again from 0).
    """

    events: list[RelayFeedEntry]
    next_cursor: int = Field(ge=0)
    has_more: bool
    latest_cursor: int = Field(ge=0)
    pruned_through: int = Field(ge=0)
    missed_events: bool


def parse_relay_feed(body: bytes | str) -> RelayFeedPage:
    """The body of ``GET /events`` -> its page (payload numbers stay ``Decimal``); ``WebhookPayloadError`` if bad."""
    return _validate(RelayFeedPage, _loads(body))


# ---------------------------------------------------------------------------------------------- verification
def header_value(headers: Mapping[str, str], name: str) -> str | None:
    """A header by name, case-insensitively, from Starlette/httpx headers or a plain dict."""
    value = headers.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, candidate in headers.items():
        if key.lower() == lowered:
            return candidate
    return None


def secret_matches(presented: str | None, accepted: Iterable[str]) -> bool:
    """Constant-time check against every accepted secret (old and new during a rotation), with no early exit."""
    if presented is None:
        return False
    presented_bytes = presented.encode("utf-8", "surrogateescape")
    matched = False
    for secret in accepted:
        if secret:
            matched |= hmac.compare_digest(presented_bytes, secret.encode("utf-8"))
    return matched


def body_signature(body: bytes, key: str) -> str:
    """Hex HMAC-SHA256 of the raw body: what ``X-Pluggy-Signature`` carries."""
    return hmac.new(key.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_matches(body: bytes, presented: str | None, keys: Iterable[str]) -> bool:
    """Constant-time check of a hex signature (``sha256=`` prefix allowed) against every accepted key."""
    if presented is None:
        return False
    value = presented.strip()
    if value.lower().startswith("sha256="):
        value = value[len("sha256=") :]
    presented_bytes = value.lower().encode("ascii", "replace")
    matched = False
    for key in keys:
        if key:
            matched |= hmac.compare_digest(presented_bytes, body_signature(body, key).encode("ascii"))
    return matched


def parse_timestamp(raw: str) -> datetime:
    """A delivery timestamp: Unix seconds (``1733300000`` or with a fraction) or ISO-8601 (naive means UTC)."""
    text = raw.strip()
    try:
        return datetime.fromtimestamp(float(text), tz=UTC) if text.replace(".", "", 1).isdigit() else _iso(text)
    except (ValueError, OverflowError, OSError):
        raise WebhookPayloadError("not a Unix time or an ISO-8601 date", field=TIMESTAMP_HEADER) from None


def _iso(text: str) -> datetime:
    return _assume_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))


def delivery_timestamp(
    headers: Mapping[str, str], event: WebhookEvent, header: str = TIMESTAMP_HEADER
) -> datetime | None:
    """When the delivery says it was sent: the timestamp header, else the body's ``timestamp``; None if neither."""
    raw = header_value(headers, header)
    if raw is not None:
        return parse_timestamp(raw)
    return event.timestamp


def check_freshness(sent_at: datetime | None, now: datetime, max_age: timedelta, max_skew: timedelta) -> None:
    """Refuse a delivery older than ``max_age`` or further ahead than ``max_skew``; no timestamp passes."""
    if sent_at is None:
        return
    if sent_at < now - max_age:
        raise WebhookAuthError(AuthFailure.STALE)
    if sent_at > now + max_skew:
        raise WebhookAuthError(AuthFailure.FROM_THE_FUTURE)


@dataclass(frozen=True, repr=False)
class WebhookVerifier:
    """The checks of one receiver. Secrets are tuples so a rotation lists the new one and the old one.

    ``secrets`` empty means no header check (a ``webhookUrl`` subscription cannot carry headers); ``signing_keys``
    empty means no HMAC check; ``client_id`` None means any application.
    """

    secrets: tuple[str, ...] = ()
    secret_header: str = DEFAULT_SECRET_HEADER
    signing_keys: tuple[str, ...] = ()
    signature_header: str = SIGNATURE_HEADER
    client_id: str | None = None

    def __repr__(self) -> str:
        return (
            f"WebhookVerifier(secret_header={self.secret_header!r}, secrets={len(self.secrets)}, "
            f"signing_keys={len(self.signing_keys)}, client_id={'set' if self.client_id else None})"
        )

    def verify_delivery(self, headers: Mapping[str, str], body: bytes) -> None:
        """Header secret, then signature; raises ``WebhookAuthError`` naming the first failed check."""
        if self.secrets:
            presented = header_value(headers, self.secret_header)
            if presented is None:
                raise WebhookAuthError(AuthFailure.MISSING_SECRET)
            if not secret_matches(presented, self.secrets):
                raise WebhookAuthError(AuthFailure.WRONG_SECRET)
        if self.signing_keys:
            signature = header_value(headers, self.signature_header)
            if signature is None:
                raise WebhookAuthError(AuthFailure.MISSING_SIGNATURE)
            if not signature_matches(body, signature, self.signing_keys):
                raise WebhookAuthError(AuthFailure.BAD_SIGNATURE)

    def verify_event(self, event: WebhookEvent) -> None:
        """The ``clientId`` check: an event for another application is refused (a missing one is tolerated)."""
        if self.client_id and event.client_id is not None and event.client_id != self.client_id:
            raise WebhookAuthError(AuthFailure.WRONG_CLIENT)

    def parse_verified(self, headers: Mapping[str, str], body: bytes) -> WebhookEvent:
        """Every check in order, then the parsed event (``event.event_id`` is the idempotency key)."""
        self.verify_delivery(headers, body)
        event = parse_webhook_event(body)
        self.verify_event(event)
        return event
