"""Pluggy webhook payloads: every event type parses, bad input is a typed error, and the verification helpers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from financehub_desktop.pluggy.webhooks import (
    MODEL_FOR_EVENT,
    AuthFailure,
    BoletoUpdatedEvent,
    ConnectorStatusUpdatedEvent,
    ItemErrorEvent,
    ItemEvent,
    PaymentIntentEvent,
    PaymentRequestUpdatedEvent,
    ScheduledPaymentEvent,
    SmartTransferPaymentEvent,
    SmartTransferPreauthorizationEvent,
    TransactionsChangedEvent,
    TransactionsCreatedEvent,
    UnknownWebhookEvent,
    WebhookAuthError,
    WebhookEvent,
    WebhookEventType,
    WebhookPayloadError,
    WebhookTrigger,
    WebhookVerifier,
    body_signature,
    check_freshness,
    delivery_timestamp,
    parse_relay_feed,
    parse_timestamp,
    parse_webhook_event,
    secret_matches,
    signature_matches,
)

BASE = {"eventId": "6f1c0d7e-0000-4000-8000-000000000001", "id": "ent-1", "clientId": "client-1"}
ERROR = {"code": "PAYMENT_REJECTED_BY_HOLDER", "description": "recusado", "detail": "x"}

#: A documented example of every event type (pluggy-api.md §9), with the model that must read it.
EXAMPLES: dict[str, tuple[dict[str, Any], type[WebhookEvent]]] = {
    **{
        name: ({"itemId": "item-1", "triggeredBy": "USER", "clientUserId": "user-42"}, ItemEvent)
        for name in (
            "item/created",
            "item/updated",
            "item/deleted",
            "item/waiting_user_input",
            "item/waiting_user_action",
            "item/login_succeeded",
        )
    },
    "item/error": (
        {"itemId": "item-1", "error": {"code": "INVALID_CREDENTIALS", "message": "Invalid credentials."}},
        ItemErrorEvent,
    ),
    "connector/status_updated": ({"connectorId": 201, "data": {"status": "UNSTABLE"}}, ConnectorStatusUpdatedEvent),
    "transactions/created": (
        {
            "itemId": "item-1",
            "accountId": "acc-1",
            "transactionsCreatedAtFrom": "2026-12-01T10:00:00.000Z",
            "createdTransactionsLink": "https://api.pluggy.ai/transactions?accountId=acc-1&createdAtFrom=2026-12-01",
        },
        TransactionsCreatedEvent,
    ),
    "transactions/updated": (
        {"itemId": "item-1", "accountId": "acc-1", "transactionIds": ["t1", "t2"]},
        TransactionsChangedEvent,
    ),
    "transactions/deleted": (
        {"itemId": "item-1", "accountId": "acc-1", "transactionIds": ["t3"]},
        TransactionsChangedEvent,
    ),
    **{
        name: ({"paymentIntentId": "pi-1", "paymentRequestId": "pr-1"}, PaymentIntentEvent)
        for name in (
            "payment_intent/created",
            "payment_intent/completed",
            "payment_intent/waiting_payer_authorization",
            "payment_intent/error",
        )
    },
    "payment_request/updated": (
        {"paymentRequestId": "pr-1", "data": {"status": "COMPLETED"}},
        PaymentRequestUpdatedEvent,
    ),
    **{
        f"scheduled_payment/{s}": ({"paymentRequestId": "pr-1", "scheduledPaymentId": "sp-1"}, ScheduledPaymentEvent)
        for s in ("created", "completed", "error", "canceled")
    },
    "scheduled_payment/all_created": ({"paymentRequestId": "pr-1"}, MODEL_FOR_EVENT["scheduled_payment/all_created"]),
    "scheduled_payment/all_completed": ({"paymentRequestId": "pr-1"}, MODEL_FOR_EVENT["scheduled_payment/all_created"]),
    "boleto/updated": ({"boletoId": "bol-1", "paymentRequestId": "pr-1"}, BoletoUpdatedEvent),
    **{
        f"automatic_pix_payment/{s}": (
            {"paymentRequestId": "pr-1", "automaticPixPaymentId": "ap-1"},
            MODEL_FOR_EVENT["automatic_pix_payment/created"],
        )
        for s in ("created", "completed", "error", "canceled")
    },
    "smart_transfer_preauthorization/completed": (
        {"smartTransferPreauthorizationId": "st-1", "status": "COMPLETED"},
        SmartTransferPreauthorizationEvent,
    ),
    "smart_transfer_preauthorization/error": (
        {"smartTransferPreauthorizationId": "st-1", "status": "ERROR", "error": ERROR},
        SmartTransferPreauthorizationEvent,
    ),
    "smart_transfer_payment/completed": (
        {"smartTransferPaymentId": "stp-1", "smartTransferPreauthorizationId": "st-1", "status": "PAYMENT_COMPLETED"},
        SmartTransferPaymentEvent,
    ),
    "smart_transfer_payment/error": (
        {
            "smartTransferPaymentId": "stp-1",
            "smartTransferPreauthorizationId": "st-1",
            "status": "ERROR",
            "error": ERROR,
        },
        SmartTransferPaymentEvent,
    ),
}


def body(event: str, **fields: Any) -> bytes:
    return json.dumps({"event": event, **BASE, **fields}).encode()


# ---------------------------------------------------------------------------------------------- parsing
def test_every_event_type_has_a_model_and_an_example() -> None:
    known = {e.value for e in WebhookEventType} - {"all"}
    assert set(MODEL_FOR_EVENT) == known
    assert set(EXAMPLES) == known


def test_our_event_types_match_the_spec_enum(shared_dir: Path) -> None:
    spec = json.loads((shared_dir / "pluggy-openapi.json").read_text(encoding="utf-8"))
    enum = spec["components"]["schemas"]["WebhookEventType"]["enum"]
    assert set(enum) == {e.value for e in WebhookEventType}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_event_type_parses_into_its_model(name: str) -> None:
    fields, model = EXAMPLES[name]
    event = parse_webhook_event(body(name, **fields))
    assert type(event) is model
    assert event.event == name
    assert event.event_type == WebhookEventType(name)
    assert event.event_id == BASE["eventId"]
    assert event.client_id == "client-1"
    assert event.id == "ent-1"
    # Every documented field landed in a typed attribute (nothing documented is left in the extras).
    assert not event.model_extra


def test_item_fields_are_typed() -> None:
    event = parse_webhook_event(
        body("item/error", itemId="i-9", triggeredBy="SYNC", error={"code": "X", "message": "m"})
    )
    assert isinstance(event, ItemErrorEvent)
    assert event.item_id == "i-9"
    assert event.triggered_by is WebhookTrigger.SYNC
    assert event.error is not None
    assert event.error.code == "X"


def test_transactions_created_reads_an_aware_datetime() -> None:
    fields = dict(EXAMPLES["transactions/created"][0])
    event = parse_webhook_event(body("transactions/created", **fields))
    assert isinstance(event, TransactionsCreatedEvent)
    assert event.transactions_created_at_from == datetime(2026, 12, 1, 10, tzinfo=UTC)
    naive = parse_webhook_event(
        body("transactions/created", **{**fields, "transactionsCreatedAtFrom": "2026-12-01T10:00:00"})
    )
    assert isinstance(naive, TransactionsCreatedEvent)
    assert naive.transactions_created_at_from is not None
    assert naive.transactions_created_at_from.tzinfo is not None


def test_payment_request_status_and_unknown_values_are_kept() -> None:
    event = parse_webhook_event(body("payment_request/updated", paymentRequestId="pr", data={"status": "NEW_STATUS"}))
    assert isinstance(event, PaymentRequestUpdatedEvent)
    assert event.data is not None
    assert event.data.status == "NEW_STATUS"
    item = parse_webhook_event(body("item/updated", itemId="i", triggeredBy="SOMEONE_NEW"))
    assert isinstance(item, ItemEvent)
    assert item.triggered_by == "SOMEONE_NEW"
    assert not isinstance(item.triggered_by, WebhookTrigger)


def test_unknown_fields_are_kept_and_numbers_stay_exact() -> None:
    event = parse_webhook_event(body("item/updated", itemId="i", newField={"amount": 0.1}, total=1234.56))
    assert event.model_extra == {"newField": {"amount": Decimal("0.1")}, "total": Decimal("1234.56")}


def test_unknown_event_type_parses_into_the_generic_model() -> None:
    event = parse_webhook_event(body("consent/revoked", consentId="c-1"))
    assert type(event) is UnknownWebhookEvent
    assert event.event == "consent/revoked"
    assert event.event_type is None
    assert event.model_extra == {"consentId": "c-1"}


def test_timestamp_in_the_body_is_read() -> None:
    event = parse_webhook_event(body("item/updated", itemId="i", timestamp="2026-12-04T12:00:00Z"))
    assert event.timestamp == datetime(2026, 12, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"", None),
        (b"   ", None),
        (b"\xff\xfe", None),
        (b'{"event": "item/updated"', None),  # truncated
        (b"<html><body>502 Bad Gateway</body></html>", None),
        (b"[]", None),
        (b"null", None),
        (b'{"eventId": "e"}', "event"),
        (b'{"event": 7, "eventId": "e"}', "event"),
        (b'{"event": "item/updated", "itemId": "i"}', "eventId"),
        (b'{"event": "item/updated", "eventId": "", "itemId": "i"}', "eventId"),
        (b'{"event": "item/updated", "eventId": "e"}', "itemId"),
        (b'{"event": "item/updated", "eventId": "e", "itemId": 12}', "itemId"),
        (
            b'{"event": "transactions/deleted", "eventId": "e", "itemId": "i", "accountId": "a", '
            b'"transactionIds": "t1"}',
            "transactionIds",
        ),
        (b'{"event": "item/error", "eventId": "e", "itemId": "i", "error": "boom"}', "error"),
        (b'{"event": "item/updated", "eventId": "e", "itemId": "i", "x": NaN}', None),
        (b'{"event": "item/updated", "eventId": "\\ud800", "itemId": "i"}', "eventId"),
        (b"[" * 50_000 + b"]" * 50_000, None),
    ],
)
def test_malformed_bodies_are_a_typed_error_naming_the_field(raw: bytes, field: str | None) -> None:
    with pytest.raises(WebhookPayloadError) as caught:
        parse_webhook_event(raw)
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_error_messages_do_not_echo_values() -> None:
    with pytest.raises(WebhookPayloadError) as caught:
        parse_webhook_event(b'{"event": "item/updated", "eventId": "e", "itemId": ["SECRET-VALUE-123"]}')
    assert "SECRET-VALUE-123" not in str(caught.value)


# ---------------------------------------------------------------------------------------------- fuzzing
json_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
json_values = st.recursive(
    json_leaf,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
field_names = st.sampled_from(
    [
        "event",
        "eventId",
        "id",
        "clientId",
        "itemId",
        "accountId",
        "transactionIds",
        "error",
        "data",
        "status",
        "paymentRequestId",
        "paymentIntentId",
        "scheduledPaymentId",
        "smartTransferPaymentId",
        "timestamp",
        "transactionsCreatedAtFrom",
        "triggeredBy",
        "connectorId",
    ]
) | st.text(max_size=12)


def _outcome(raw: bytes) -> WebhookEvent | None:
    try:
        return parse_webhook_event(raw)
    except WebhookPayloadError:
        return None


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_arbitrary_bytes_only_typed_errors(raw: bytes) -> None:
    result = _outcome(raw)
    assert result is None or isinstance(result, WebhookEvent)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(EXAMPLES)) | st.text(max_size=30),
    mutations=st.dictionaries(field_names, json_values, max_size=4),
    drop=st.lists(field_names, max_size=2),
)
def test_fuzz_mutated_payloads_only_typed_errors(name: str, mutations: dict[str, Any], drop: list[str]) -> None:
    fields = dict(EXAMPLES[name][0]) if name in EXAMPLES else {}
    payload: dict[str, Any] = {"event": name, **BASE, **fields, **mutations}
    for key in drop:
        payload.pop(key, None)
    result = _outcome(json.dumps(payload).encode())
    if result is not None:
        assert result.event == payload["event"]
        assert result.event_id == payload["eventId"]


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(EXAMPLES)), cut=st.integers(min_value=0, max_value=400))
def test_fuzz_truncated_valid_payloads(name: str, cut: int) -> None:
    raw = body(name, **EXAMPLES[name][0])
    result = _outcome(raw[:cut])
    if cut < len(raw):
        assert result is None  # a prefix of a JSON object is never a whole object
    else:
        assert result is not None


# ---------------------------------------------------------------------------------------------- verification
def test_secret_matches_old_and_new_during_rotation() -> None:
    accepted = ("new-secret-aaaaaaaaaaaa", "old-secret-bbbbbbbbbbbb")
    assert secret_matches("new-secret-aaaaaaaaaaaa", accepted)
    assert secret_matches("old-secret-bbbbbbbbbbbb", accepted)
    assert not secret_matches("new-secret-aaaaaaaaaaab", accepted)
    assert not secret_matches("", accepted)
    assert not secret_matches(None, accepted)
    assert not secret_matches("", ("",))  # an empty configured secret never matches anything
    assert not secret_matches("caf\u00e9\udcff", accepted)


def test_signature_is_hex_hmac_sha256_of_the_raw_body() -> None:
    raw = body("item/updated", itemId="i")
    signature = body_signature(raw, "key-1")
    assert len(signature) == 64
    assert signature_matches(raw, signature, ["key-1"])
    assert signature_matches(raw, signature.upper(), ["key-1"])
    assert signature_matches(raw, f"sha256={signature}", ["key-0", "key-1"])
    assert not signature_matches(raw + b" ", signature, ["key-1"])
    assert not signature_matches(raw, signature, ["key-2"])
    assert not signature_matches(raw, "zz\u00e9", ["key-1"])
    assert not signature_matches(raw, None, ["key-1"])


def _verifier(**kwargs: Any) -> WebhookVerifier:
    return WebhookVerifier(secrets=("s-current-1234567890", "s-previous-1234567890"), **kwargs)


def test_verifier_checks_the_header_secret_case_insensitively() -> None:
    raw = body("item/updated", itemId="i")
    _verifier().verify_delivery({"x-relay-secret": "s-previous-1234567890"}, raw)
    for headers, reason in (({}, AuthFailure.MISSING_SECRET), ({"X-Relay-Secret": "nope"}, AuthFailure.WRONG_SECRET)):
        with pytest.raises(WebhookAuthError) as caught:
            _verifier().verify_delivery(headers, raw)
        assert caught.value.reason is reason


def test_verifier_enforces_hmac_only_when_keys_are_set() -> None:
    raw = body("item/updated", itemId="i")
    secret = {"X-Relay-Secret": "s-current-1234567890"}
    _verifier().verify_delivery(secret, raw)  # no keys: no signature needed
    signed = _verifier(signing_keys=("k-1",))
    signed.verify_delivery({**secret, "X-Pluggy-Signature": body_signature(raw, "k-1")}, raw)
    with pytest.raises(WebhookAuthError) as caught:
        signed.verify_delivery(secret, raw)
    assert caught.value.reason is AuthFailure.MISSING_SIGNATURE
    with pytest.raises(WebhookAuthError) as caught:
        signed.verify_delivery({**secret, "X-Pluggy-Signature": body_signature(raw, "k-1")}, raw.replace(b"i", b"j"))
    assert caught.value.reason is AuthFailure.BAD_SIGNATURE


def test_verifier_checks_the_client_id_and_exposes_the_event_id() -> None:
    verifier = _verifier(client_id="client-1")
    headers = {"X-Relay-Secret": "s-current-1234567890"}
    event = verifier.parse_verified(headers, body("item/updated", itemId="i"))
    assert event.event_id == BASE["eventId"]
    with pytest.raises(WebhookAuthError) as caught:
        verifier.parse_verified(headers, body("item/updated", itemId="i").replace(b"client-1", b"client-2"))
    assert caught.value.reason is AuthFailure.WRONG_CLIENT
    # Events without a clientId (webhookUrl subscriptions, older payloads) are not refused for it.
    anonymous = json.dumps({"event": "item/updated", "eventId": "e2", "itemId": "i"}).encode()
    assert verifier.parse_verified(headers, anonymous).client_id is None


def test_verifier_repr_hides_secrets() -> None:
    text = repr(_verifier(signing_keys=("hmac-key-zzz",), client_id="client-1"))
    assert "s-current" not in text
    assert "hmac-key-zzz" not in text


def test_freshness_window() -> None:
    now = datetime(2026, 12, 4, 12, tzinfo=UTC)
    age, skew = timedelta(hours=1), timedelta(minutes=5)
    check_freshness(None, now, age, skew)
    check_freshness(now - timedelta(minutes=59), now, age, skew)
    check_freshness(now + timedelta(minutes=4), now, age, skew)
    for sent, reason in (
        (now - timedelta(hours=2), AuthFailure.STALE),
        (now + timedelta(hours=1), AuthFailure.FROM_THE_FUTURE),
    ):
        with pytest.raises(WebhookAuthError) as caught:
            check_freshness(sent, now, age, skew)
        assert caught.value.reason is reason


def test_delivery_timestamp_prefers_the_header() -> None:
    event = parse_webhook_event(body("item/updated", itemId="i", timestamp="2026-12-04T12:00:00Z"))
    assert delivery_timestamp({}, event) == datetime(2026, 12, 4, 12, tzinfo=UTC)
    assert delivery_timestamp({"x-pluggy-timestamp": "0"}, event) == datetime(1970, 1, 1, tzinfo=UTC)
    plain = parse_webhook_event(body("item/updated", itemId="i"))
    assert delivery_timestamp({}, plain) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1796000000", datetime.fromtimestamp(1_796_000_000, tz=UTC)),
        ("1796000000.5", datetime.fromtimestamp(1_796_000_000.5, tz=UTC)),
        ("2026-12-04T12:00:00.000Z", datetime(2026, 12, 4, 12, tzinfo=UTC)),
        ("2026-12-04T09:00:00-03:00", datetime(2026, 12, 4, 12, tzinfo=UTC)),
        ("2026-12-04T12:00:00", datetime(2026, 12, 4, 12, tzinfo=UTC)),
    ],
)
def test_parse_timestamp_accepts_unix_and_iso(raw: str, expected: datetime) -> None:
    assert parse_timestamp(raw) == expected


@pytest.mark.parametrize("raw", ["", "yesterday", "-1", "1e999", "9" * 30, "2026-13-01T00:00:00Z"])
def test_parse_timestamp_rejects_garbage(raw: str) -> None:
    with pytest.raises(WebhookPayloadError):
        parse_timestamp(raw)


# ---------------------------------------------------------------------------------------------- the relay's feed
FEED_ENTRY = {"cursor": 7, "eventId": "e7", "event": "item/updated", "receivedAt": "2026-12-04T12:00:00.000Z"}


def test_relay_feed_page_parses_and_each_entry_reads_on_its_own() -> None:
    good = {**FEED_ENTRY, "payload": json.loads(body("item/updated", itemId="i", amount=0.1))}
    broken = {**FEED_ENTRY, "cursor": 8, "payload": {"event": "item/updated", "eventId": "e8"}}  # no itemId
    raw = json.dumps(
        {
            "events": [good, broken],
            "nextCursor": 8,
            "hasMore": False,
            "latestCursor": 8,
            "prunedThrough": 0,
            "missedEvents": False,
        }
    ).encode()
    page = parse_relay_feed(raw)
    assert [e.cursor for e in page.events] == [7, 8]
    assert page.events[0].received_at == datetime(2026, 12, 4, 12, tzinfo=UTC)
    first = page.events[0].webhook_event()
    assert isinstance(first, ItemEvent)
    assert first.model_extra == {"amount": Decimal("0.1")}
    with pytest.raises(WebhookPayloadError, match="itemId"):
        page.events[1].webhook_event()


@pytest.mark.parametrize(
    "raw",
    [
        b"<html>502</html>",
        b"{}",
        b'{"events": [], "nextCursor": -1, "hasMore": false, "latestCursor": 0, "prunedThrough": 0, '
        b'"missedEvents": false}',
        b'{"events": [{"cursor": 0}], "nextCursor": 1, "hasMore": false, "latestCursor": 0, "prunedThrough": 0, '
        b'"missedEvents": false}',
    ],
)
def test_a_bad_feed_page_is_a_typed_error(raw: bytes) -> None:
    with pytest.raises(WebhookPayloadError):
        parse_relay_feed(raw)
