"""Wire models: exact money, aware datetimes, unknown fields and enum values tolerated, and under fuzzing only
``MalformedResponseError`` ever comes out; every valid example payload of pluggy-openapi.json parses."""

from __future__ import annotations

import json
from datetime import UTC, date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from financehub_desktop.domain.errors import MalformedResponseError
from financehub_desktop.domain.money import parse_json
from financehub_desktop.pluggy import models as m
from financehub_desktop.pluggy.api_base import _cursor_type, _page_type
from financehub_desktop.pluggy.http import PluggyHttp, decode_model
from financehub_desktop.pluggy.models.enums import ItemStatus, known

RESPONSE_MODELS: list[type[BaseModel]] = [
    getattr(m, name)
    for name in m.__all__
    if isinstance(getattr(m, name), type) and issubclass(getattr(m, name), BaseModel) and name not in ("WireModel",)
]


def test_amounts_are_exact_decimals() -> None:
    raw = parse_json(
        b'{"id":"t","currencyCode":"BRL","amount":0.1,"balance":12345678901234567.89,"date":"2024-09-19T13:10:31.212Z"}'
    )
    tx = m.Transaction.model_validate(raw)
    assert tx.amount == Decimal("0.1")
    assert tx.balance == Decimal("12345678901234567.89")
    assert tx.amount + Decimal("0.2") == Decimal("0.3")


def test_float_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="float"):
        m.Transaction.model_validate({"id": "t", "currencyCode": "BRL", "amount": 0.1, "date": "2024-01-01"})


def test_non_finite_amounts_are_refused() -> None:
    for text in (b'{"balance": NaN}', b'{"balance": Infinity}'):
        raw = parse_json(text) | {"id": "a", "type": "BANK", "itemId": "i", "currencyCode": "BRL"}
        with pytest.raises(MalformedResponseError):
            decode_model(m.Account, raw, "GET /accounts/{id}")


def test_datetimes_are_timezone_aware() -> None:
    tx = m.Transaction.model_validate(
        {
            "id": "t",
            "currencyCode": "BRL",
            "amount": 1,
            "date": "2024-09-19T03:00:00.000Z",
            "createdAt": "2024-09-19T03:00:00",
        }
    )
    assert tx.date.tzinfo is not None
    assert tx.date.utcoffset() is not None
    assert tx.date.utcoffset().total_seconds() == 0
    assert tx.created_at is not None
    assert tx.created_at.tzinfo == UTC


def test_date_fields_accept_a_full_timestamp() -> None:
    meta = m.CreditCardMetadata.model_validate({"billPostDate": "2024-09-19T00:00:00.000Z"})
    assert meta.bill_post_date == date(2024, 9, 19)


def test_unknown_fields_and_enum_values_are_kept() -> None:
    item = m.Item.model_validate(
        {"id": "i", "status": "BRAND_NEW_STATUS", "executionStatus": "X", "shinyNewField": {"a": 1}, "connector": None}
    )
    assert item.status == "BRAND_NEW_STATUS"
    assert known(ItemStatus, item.status) is None
    assert known(ItemStatus, "UPDATED") is ItemStatus.UPDATED
    assert item.model_extra == {"shinyNewField": {"a": 1}}


def test_nulls_for_optional_fields_are_fine() -> None:
    item = m.Item.model_validate(
        {"id": "i", "status": "UPDATED", "error": None, "parameter": None, "statusDetail": None, "products": None}
    )
    assert item.error is None


def test_irregular_camel_case_names() -> None:
    loan = m.Loan.model_validate({"id": "l", "CET": 1.5 if False else Decimal("1.5")})
    inv = m.Investment.model_validate(
        {"id": "x", "type": "ETF", "balance": 1, "currencyCode": "BRL", "issuerCNPJ": "1", "taxes2": 2}
    )
    conn = m.Connector.model_validate({"id": 2, "hasMFA": True})
    assert loan.cet == Decimal("1.5")
    assert inv.issuer_cnpj == "1"
    assert inv.taxes2 == 2
    assert conn.has_mfa is True


def test_request_bodies_serialise_to_camel_case() -> None:
    body = m.CreatePaymentRequest(amount=Decimal("10.50"), recipient_id="r", is_sandbox=True).to_wire()
    assert body == {"amount": Decimal("10.50"), "recipientId": "r", "isSandbox": True}


def test_secrets_are_not_in_reprs() -> None:
    assert "s3cret" not in repr(m.CreateItem(connector_id=2, parameters={"password": "s3cret"}))
    assert "eyJ" not in repr(m.AuthResponse(api_key="eyJabc"))


# ---------------------------------------------------------------------------------------------- fuzzing
json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=12) | st.decimals(allow_nan=True)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _field_aware(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    aliases = [f.alias or n for n, f in model.model_fields.items()]
    return st.dictionaries(st.sampled_from(aliases), json_values, max_size=len(aliases)) if aliases else st.just({})


@pytest.mark.parametrize("model", RESPONSE_MODELS, ids=lambda c: c.__name__)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_payloads_parse_or_raise_only_malformed_response(model: type[BaseModel], data: st.DataObject) -> None:
    raw = data.draw(_field_aware(model) | json_values)
    outcome: BaseModel | MalformedResponseError
    try:
        outcome = decode_model(model, raw, "GET /fuzz")
    except MalformedResponseError as err:
        outcome = err
    if isinstance(outcome, MalformedResponseError):
        assert outcome.context["endpoint"] == "GET /fuzz"
        assert outcome.context["field"]
    else:
        assert isinstance(outcome, model)


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=64) | st.text(max_size=64).map(str.encode))
def test_fuzzed_bodies_decode_or_raise_only_malformed_response(content: bytes) -> None:
    import httpx

    response = httpx.Response(200, content=content)
    try:
        raw = PluggyHttp._decode("GET /fuzz", response, expect_body=True)
        decode_model(_page_type(m.Transaction), raw, "GET /fuzz")
        decode_model(_cursor_type(m.Item), raw, "GET /fuzz")
    except MalformedResponseError:
        pass


# ---------------------------------------------------------------------------------------------- spec examples
def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def _model_for_schema(schema: dict[str, Any]) -> tuple[type[BaseModel], bool] | None:
    """(model, is_page) for a response schema: a $ref to a component, or an inline page of $ref results."""
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        mapped = SCHEMA_MODELS.get(name)
        return (mapped, False) if mapped else None
    results = schema.get("properties", {}).get("results", {}).get("items", {}).get("$ref")
    if results:
        mapped = SCHEMA_MODELS.get(results.rsplit("/", 1)[-1])
        return (mapped, True) if mapped else None
    return None


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    name: getattr(m, name) for name in m.__all__ if isinstance(getattr(m, name), type)
} | {
    "GlobalErrorResponse": m.ErrorResponse,
    "ItemCreationErrorResponse": m.ErrorResponse,
    "ICountResponse": m.CountResponse,
    "PageResponseTransactions": _page_type(m.Transaction),
    "CursorPageResponseTransactions": _cursor_type(m.Transaction),
    "PageResponseInvestmentTransactions": _page_type(m.InvestmentTransaction),
    "PageResponseConsents": _page_type(m.Consent),
    "ConnectorListResponse": _page_type(m.Connector),
    "AutomaticPixPaymentDetail": m.AutomaticPixPayment,
}


def _examples(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any], Any]]:
    found: list[tuple[str, dict[str, Any], Any]] = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if not isinstance(op, dict):
                continue
            for status, response in op.get("responses", {}).items():
                for content in response.get("content", {}).values():
                    schema = content.get("schema", {})
                    label = f"{method.upper()} {path} {status}"
                    if "example" in content:
                        found.append((label, schema, content["example"]))
                    for name, example in content.get("examples", {}).items():
                        if "value" in example:
                            found.append((f"{label} {name}", schema, example["value"]))
    return found


def test_every_valid_example_payload_of_the_spec_parses(shared_dir: Path) -> None:
    import jsonschema

    spec = json.loads((shared_dir / "pluggy-openapi.json").read_text(encoding="utf-8"), parse_float=Decimal)
    components = {"components": spec["components"]}
    parsed = skipped_invalid = 0
    for label, schema, example in _examples(spec):
        target = _model_for_schema(schema)
        if target is None:
            continue
        resolver_schema = {**schema, **components}
        validator_cls = jsonschema.validators.validator_for({"$schema": "https://json-schema.org/draft/2020-12/schema"})
        validator = validator_cls(resolver_schema, format_checker=None)
        payload = _drop_nulls(example)
        if any(True for _ in validator.iter_errors(payload)):
            skipped_invalid += 1  # some of the spec's own examples break its schemas (pluggy-api.md, "two traps")
            continue
        model, is_page = target
        model = _page_type(model) if is_page else model
        decode_model(model, example, label)  # raises MalformedResponseError naming the field on failure
        parsed += 1
    print(f"parsed {parsed} valid examples; skipped {skipped_invalid} that break their own schema")
    assert parsed >= 40, (parsed, skipped_invalid)
