"""The sandbox connectors: Pluggy Bank (id 2), its MFA variants, and Sandbox Open Finance (id 600).

Their credential schemas follow the captured real payloads (pluggy-api.md §10, §13): ``user`` must match
``^user-.{2,50}$`` and ``password`` ``^.{6,20}$``; the password that logs in is ``password-ok`` and the MFA token
is ``123456``.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import param_error

PLUGGY_BANK_ID = 2
MFA_ONE_STEP_ID = 7
MFA_TWO_STEP_ID = 8
OPEN_FINANCE_ID = 600
PASSWORD_OK = "password-ok"  # noqa: S105 (Pluggy's documented sandbox password)
MFA_TOKEN_OK = "123456"  # noqa: S105
_CREATED = "2020-09-07T00:08:06.588Z"
_UPDATED = "2025-01-15T12:00:00.000Z"
ALL_PRODUCTS = [
    "ACCOUNTS",
    "CREDIT_CARDS",
    "TRANSACTIONS",
    "PAYMENT_DATA",
    "INVESTMENTS",
    "INVESTMENTS_TRANSACTIONS",
    "IDENTITY",
    "LOANS",
]

_USER = {
    "label": "Usuário",
    "name": "user",
    "type": "text",
    "placeholder": "user-ok",
    "validation": "^user-.{2,50}$",
    "validationMessage": 'O user deve começar com "user-"',
    "optional": False,
    "assistiveText": "Use user-ok para uma conexão bem-sucedida",
    "instructions": None,
    "mfa": None,
    "data": None,
    "options": None,
    "expiresAt": None,
}
_PASSWORD = {
    "label": "Senha",
    "name": "password",
    "type": "password",
    "placeholder": "password-ok",
    "validation": "^.{6,20}$",
    "validationMessage": "A senha deve ter entre 6 e 20 caracteres",
    "optional": False,
    "assistiveText": None,
    "instructions": None,
    "mfa": None,
    "data": None,
    "options": None,
    "expiresAt": None,
}
_TOKEN_1STEP = {
    "label": "Token",
    "name": "token",
    "type": "number",
    "placeholder": "123456",
    "validation": "^\\d{6}$",
    "validationMessage": "O token deve ter 6 dígitos",
    "optional": False,
    "mfa": True,
    "assistiveText": "O código do seu app de autenticação",
    "instructions": None,
    "data": None,
    "options": None,
    "expiresAt": None,
}
_CPF = {
    "label": "CPF",
    "name": "cpf",
    "type": "text",
    "placeholder": "000.000.000-00",
    "validation": "^\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}$",
    "validationMessage": "Informe um CPF válido",
    "optional": False,
    "assistiveText": "O CPF do titular da conta",
    "instructions": None,
    "mfa": None,
    "data": None,
    "options": None,
    "expiresAt": None,
}


def _connector(
    cid: int,
    name: str,
    credentials: list[dict[str, Any]],
    *,
    has_mfa: bool = False,
    color: str = "ef294b",
    open_finance: bool = False,
    kind: str = "PERSONAL_BANK",
    payments: bool = False,
) -> dict[str, Any]:
    return {
        "id": cid,
        "name": name,
        "institutionUrl": "https://pluggy.ai",
        "imageUrl": "https://cdn.pluggy.ai/assets/connector-icons/sandbox.svg",
        "primaryColor": color,
        "type": kind,
        "country": "BR",
        "credentials": credentials,
        "hasMFA": has_mfa,
        "products": list(ALL_PRODUCTS),
        "productCoverage": list(ALL_PRODUCTS),
        "oauth": open_finance,
        "oauthUrl": None,
        "resetPasswordUrl": None,
        "health": {"status": "ONLINE", "stage": None, "incidents": []},
        "isOpenFinance": open_finance,
        "isSandbox": True,
        "supportsPaymentInitiation": payments,
        "supportsScheduledPayments": payments,
        "supportsSmartTransfers": payments,
        "supportsBoletoManagement": payments,
        "supportsAutomaticPix": payments,
        "createdAt": _CREATED,
        "updatedAt": _UPDATED,
    }


CONNECTORS: dict[int, dict[str, Any]] = {
    c["id"]: c
    for c in (
        _connector(PLUGGY_BANK_ID, "Pluggy Bank", [_USER, _PASSWORD]),
        _connector(MFA_ONE_STEP_ID, "Pluggy Bank MFA 1 passo", [_USER, _PASSWORD, _TOKEN_1STEP], color="5b2ced"),
        _connector(MFA_TWO_STEP_ID, "Pluggy Bank MFA 2 passos", [_USER, _PASSWORD], has_mfa=True, color="1e88e5"),
        _connector(OPEN_FINANCE_ID, "Sandbox Open Finance", [_CPF], open_finance=True, color="00a868", payments=True),
    )
}


def connector_for_wire(connector_id: int, health_details: bool = False) -> dict[str, Any]:
    data = dict(CONNECTORS[connector_id])
    if health_details:
        data["health"] = dict(data["health"], details={"connectionRateLast6Hours": 0.98, "connectionsLast6Hours": 1423})
    return data


def validate_parameters(connector_id: int, parameters: dict[str, Any]) -> list[dict[str, str]]:
    """Pluggy's ParameterValidationError list: required credentials present and matching their regex."""
    errors = []
    for cred in CONNECTORS[connector_id]["credentials"]:
        name = cred["name"]
        value = parameters.get(name)
        if value is None or value == "":
            if not cred.get("optional"):
                errors.append(param_error(name, f"{name} parameter is required", "000"))
            continue
        if not isinstance(value, str):
            errors.append(param_error(name, f"{name} must be a string", "002"))
            continue
        pattern = cred.get("validation")
        if pattern and re.fullmatch(pattern, value) is None:
            errors.append(param_error(name, cred.get("validationMessage") or f"{name} is invalid", "001"))
    return errors


def bank_key(connector_id: int) -> str:
    return "openfinance" if connector_id == OPEN_FINANCE_ID else "pluggy"
