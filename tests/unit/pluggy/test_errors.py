"""Pluggy's error bodies and bad payloads become the typed errors users see; nothing half-parsed escapes."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from financehub_desktop.domain import bank_errors as be
from financehub_desktop.domain import errors as de
from financehub_desktop.pluggy.errors import error_for_consent, error_for_item, error_for_response
from financehub_desktop.pluggy.models import Consent, Item

from .fakes import FakeClock, FakePluggy, build_client, item_body, ok, transaction_body


def body(code: int, description: str | None = None, **extra: object) -> bytes:
    import json

    payload: dict[str, object] = {"code": code, "message": "human text with user-ok"}
    if description:
        payload["codeDescription"] = description
    payload.update(extra)
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    ("status", "description", "expected"),
    [
        (401, "CLIENT_KEYS_UNAUTHORIZED", de.PluggyAuthError),
        (401, "CLIENT_DISABLED", de.PluggyAuthError),
        (403, "CLIENT_IP_NOT_ALLOWED", de.PluggyForbiddenError),
        (404, "ITEM_NOT_FOUND", de.NotFoundError),
        (404, "SOMETHING_NEW_NOT_FOUND", de.NotFoundError),
        (400, "CONNECTOR_VALIDATION_ERROR", de.RequestRejectedError),
        (400, "TOO_MANY_CONSECUTIVE_LOGIN_FAILURES", be.TooManyLoginFailuresError),
        (400, "MFA_PARAMERTER_WAS_ALREADY_USED_ERROR", be.InvalidMfaError),
        (400, "TOO_MANY_CONSECUTIVE_ERRORS", be.UnexpectedBankError),
        (409, "CLIENT_IS_UPDATING_BEFORE_ALLOWED_FREQUENCY", de.RefreshTooSoonError),
        (409, "ITEM_CREATION_LIMIT_EXCEEDED", de.PluggyForbiddenError),
        (403, "BALANCE_CONSENT_ERROR", be.ConsentExpiredError),
        (502, "BALANCE_CONNECTOR_UNAVAILABLE", be.InstitutionUnavailableError),
        (500, "BALANCE_FETCH_ERROR", be.BankConnectionError),
        (429, None, de.RateLimitedError),
        (500, "INTERNAL_SERVER_ERROR", de.PluggyUnavailableError),
        (503, None, de.PluggyUnavailableError),
        (422, None, de.RequestRejectedError),
        (405, None, de.PluggyServiceError),
        (400, "A_CODE_WE_DO_NOT_KNOW", de.RequestRejectedError),
    ],
)
def test_code_description_and_status_map_to_typed_errors(
    status: int, description: str | None, expected: type[de.FinanceHubError]
) -> None:
    err = error_for_response("GET /x/{id}", status, body(status, description))
    assert type(err) is expected
    assert err.context["status"] == status
    assert err.context["endpoint"] == "GET /x/{id}"
    assert err.is_known
    assert err.help("pt_BR").steps
    assert err.help("en").steps
    assert "user-ok" not in str(err)  # Pluggy's free text stays out of log lines


def test_validation_details_and_duplicate_items_are_kept() -> None:
    details = [{"code": "001", "parameter": "user", "message": "user parameter is required"}]
    err = error_for_response("POST /items", 400, body(400, "CONNECTOR_VALIDATION_ERROR", details=details))
    assert "user" in err.detail
    assert err.context["details"][0]["parameter"] == "user"
    dup = error_for_response("POST /items", 400, body(400, "ITEM_USER_ALREADY_EXISTS", items=["a", "b"]))
    assert dup.context["items"] == ["a", "b"]


@pytest.mark.parametrize(
    "content",
    [b"", b"<html><body>502 Bad Gateway</body></html>", b'{"code": 4', b"[1,2]", b'{"codeDescription": 5}'],
)
def test_error_bodies_that_are_not_pluggy_json_map_by_status(content: bytes) -> None:
    assert type(error_for_response("GET /items/{id}", 404, content)) is de.NotFoundError
    assert type(error_for_response("GET /items/{id}", 401, content)) is de.PluggyAuthError


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("response", "field", "reason"),
    [
        (httpx.Response(200, content=b""), "<body>", "empty body"),
        (httpx.Response(200, content=b"<html>proxy login</html>"), "<body>", "HTML"),
        (httpx.Response(200, content=b'{"id": "item-1", "status": "UPD'), "<body>", "truncated"),
        (ok({"status": "UPDATED"}), "id", "missing"),
        (ok(item_body(createdAt="yesterday")), "createdAt", "datetime"),
        (ok(item_body(connector={"id": "two"})), "connector.id", "int"),
        (ok([item_body()]), "<body>", "model_type"),
    ],
)
async def test_bad_payloads_become_malformed_response_naming_endpoint_and_field(
    fake: FakePluggy, clock: FakeClock, response: httpx.Response, field: str, reason: str
) -> None:
    fake.script = [response]
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(de.MalformedResponseError) as info:
            await pluggy.get_item("item-1")
    err = info.value
    assert err.context["endpoint"] == "GET /items/{id}"
    assert err.context["field"] == field
    assert "GET /items/{id}" in str(err)
    assert reason.lower() in str(err).lower()
    assert len(fake.api_calls()) == 1


@pytest.mark.asyncio
async def test_one_bad_row_rejects_the_whole_page(fake: FakePluggy, clock: FakeClock) -> None:
    rows = [transaction_body("t1"), transaction_body("t2", amount="lots"), transaction_body("t3")]
    fake.script = [ok({"results": rows, "next": None})]
    async with build_client(fake, clock) as pluggy:
        with pytest.raises(de.MalformedResponseError) as info:
            [tx async for tx in pluggy.iter_transactions("acc-1")]
    assert info.value.context["field"] == "results[1].amount"


@pytest.mark.asyncio
async def test_float_amount_is_never_accepted_from_a_caller() -> None:
    from decimal import Decimal

    from financehub_desktop.pluggy.http import encode_json

    assert encode_json({"amount": Decimal("0.10")}) == b'{"amount":0.10}'
    with pytest.raises(TypeError):
        encode_json({"amount": 0.1})


def _item(**fields: object) -> Item:
    return Item.model_validate(item_body(**fields))


def test_item_errors_map_through_the_bank_error_table() -> None:
    assert error_for_item(_item()) is None
    assert error_for_item(_item(status="UPDATING", executionStatus="TRANSACTIONS_IN_PROGRESS")) is None
    locked = error_for_item(_item(status="LOGIN_ERROR", executionStatus="ACCOUNT_LOCKED"))
    assert isinstance(locked, be.AccountLockedError)
    assert locked.context["item_id"] == "item-1"
    mfa = error_for_item(
        _item(
            status="WAITING_USER_INPUT",
            executionStatus="WAITING_USER_INPUT",
            parameter={"name": "token", "label": "Token", "type": "number"},
        )
    )
    assert isinstance(mfa, be.MfaRequiredError)
    by_code = error_for_item(
        _item(status="OUTDATED", executionStatus="SOMETHING_NEW", error={"code": "SITE_NOT_AVAILABLE"})
    )
    assert isinstance(by_code, be.InstitutionUnavailableError)
    assert isinstance(
        error_for_item(_item(status="LOGIN_ERROR", executionStatus="INVALID_CREDENTIALS")), be.InvalidCredentialsError
    )


def test_consent_expired_or_revoked() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    base = {"id": "c1", "itemId": "item-1", "createdAt": "2024-01-01T00:00:00Z"}
    assert error_for_consent(Consent.model_validate({**base, "expiresAt": "2026-01-01T00:00:00Z"}), now) is None
    expired = error_for_consent(Consent.model_validate({**base, "expiresAt": "2024-06-01T00:00:00Z"}), now)
    assert type(expired) is be.ConsentExpiredError
    revoked = error_for_consent(Consent.model_validate({**base, "revokedAt": "2024-12-01T00:00:00Z"}), now)
    assert type(revoked) is be.ConsentRevokedError
