"""What a sandbox login does, chosen by the username (pluggy-api.md §10): success, each error, MFA variants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from .connectors import MFA_ONE_STEP_ID, MFA_TOKEN_OK, MFA_TWO_STEP_ID, OPEN_FINANCE_ID, PASSWORD_OK
from .pix import PIXEL_PNG_BASE64

MfaKind = Literal["token", "image", "select", "phone"]
PERF_RE = re.compile(r"^user-ok-perf(?:-(\d{1,4})x)?$")
# A 1x1 PNG: the "image" MFA challenge carries a picture the user reads the code from.
_PIXEL_PNG = "data:image/png;base64," + PIXEL_PNG_BASE64


@dataclass(frozen=True, slots=True)
class Failure:
    status: str  # LOGIN_ERROR or OUTDATED
    execution_status: str
    message: str
    provider_message: str | None = None


@dataclass(frozen=True, slots=True)
class Scenario:
    username: str
    failure: Failure | None = None
    mfa: MfaKind | None = None
    user_action: bool = False  # WAITING_USER_ACTION before collecting (Open Finance consent, auth-pending)
    auth_pending: bool = False  # ... and it is never granted
    perf: int = 1
    two_checking: bool = False
    account_warning: bool = False
    account_error: bool = False


INVALID_CREDENTIALS = Failure("LOGIN_ERROR", "INVALID_CREDENTIALS", "Invalid credentials.")
INVALID_MFA = Failure("LOGIN_ERROR", "INVALID_CREDENTIALS_MFA", "Invalid MFA credentials.")
MFA_TIMEOUT = Failure("OUTDATED", "USER_INPUT_TIMEOUT", "The user did not provide the MFA in time.")
AUTH_PENDING = Failure("OUTDATED", "USER_AUTHORIZATION_PENDING", "Waiting for the account holder's authorization.")

_FAILURES: dict[str, Failure] = {
    "user-logged": Failure("OUTDATED", "ALREADY_LOGGED_IN", "The user is already logged in another session."),
    "user-locked": Failure("LOGIN_ERROR", "ACCOUNT_LOCKED", "The account is locked at the institution."),
    "user-error": Failure("OUTDATED", "UNEXPECTED_ERROR", "An unexpected error occurred."),
    "user-unavailable": Failure("OUTDATED", "SITE_NOT_AVAILABLE", "The institution's site is not available."),
    "user-account-need-actions": Failure("OUTDATED", "ACCOUNT_NEEDS_ACTION", "The account needs an action."),
    "user-account-need-actions-provider-message": Failure(
        "OUTDATED",
        "ACCOUNT_NEEDS_ACTION",
        "The account needs an action.",
        "Acesse o internet banking e aceite os novos termos de uso.",
    ),
    "user-connection-error": Failure("OUTDATED", "CONNECTION_ERROR", "Connectivity error, please try again."),
    "user-account-credentials-reset": Failure(
        "LOGIN_ERROR", "ACCOUNT_CREDENTIALS_RESET", "The credentials must be reset at the institution."
    ),
    "user-not-supported": Failure("LOGIN_ERROR", "USER_NOT_SUPPORTED", "This kind of user is not supported."),
}


def scenario_for(connector_id: int, parameters: dict[str, Any]) -> Scenario:
    if connector_id == OPEN_FINANCE_ID:
        document = str(parameters.get("cpf", ""))
        return Scenario(username=f"of-{''.join(c for c in document if c.isdigit())}", user_action=True)
    user = str(parameters.get("user", ""))
    if parameters.get("password") != PASSWORD_OK:
        return Scenario(user, failure=INVALID_CREDENTIALS)
    if user in _FAILURES:
        return Scenario(user, failure=_FAILURES[user])
    if connector_id == MFA_ONE_STEP_ID and parameters.get("token") != MFA_TOKEN_OK:
        return Scenario(user, failure=INVALID_MFA)
    perf = PERF_RE.match(user)
    if perf:
        return Scenario(user, perf=max(1, min(int(perf.group(1) or 2), 1000)))
    simple = {
        "user-ok": Scenario(user),
        "user-ok-account-warning": Scenario(user, account_warning=True),
        "user-ok-account-error": Scenario(user, account_error=True),
        "user-ok-two-checking-accounts": Scenario(user, two_checking=True),
        "user-ok-auth-pending": Scenario(user, user_action=True, auth_pending=True),
        "user-ok-img": Scenario(user, mfa="image"),
        "user-ok-select": Scenario(user, mfa="select"),
        "user-ok-phone": Scenario(user, mfa="phone"),
        "user-ok-multi-company": Scenario(user),
    }
    if user in simple:
        found = simple[user]
        if connector_id == MFA_TWO_STEP_ID and found.mfa is None and not found.user_action:
            return Scenario(
                user,
                mfa="token",
                two_checking=found.two_checking,
                account_warning=found.account_warning,
                account_error=found.account_error,
            )
        return found
    return Scenario(user, failure=INVALID_CREDENTIALS)


def mfa_parameter(kind: MfaKind, expires_at: str) -> dict[str, Any]:
    """The ConnectorCredential an item shows in ``parameter`` while WAITING_USER_INPUT."""
    base: dict[str, Any] = {
        "name": "token",
        "label": "Token",
        "type": "number",
        "placeholder": "123456",
        "validation": "^\\d{6}$",
        "validationMessage": "O token deve ter 6 dígitos",
        "optional": False,
        "mfa": True,
        "expiresAt": expires_at,
        "assistiveText": "Digite o código enviado pelo banco",
        "instructions": None,
        "data": None,
        "options": None,
    }
    if kind == "image":
        base.update(
            name="imageToken",
            type="image",
            label="Código da imagem",
            data=_PIXEL_PNG,
            validation=None,
            assistiveText="Digite o código que aparece na imagem (123456)",
        )
    elif kind == "select":
        base.update(
            name="selectToken",
            type="select",
            label="Escolha o código",
            validation=None,
            options=[
                {"value": "000000", "label": "000000"},
                {"value": MFA_TOKEN_OK, "label": MFA_TOKEN_OK},
                {"value": "999999", "label": "999999"},
            ],
        )
    elif kind == "phone":
        base.update(
            name="phoneToken", type="text", label="Código SMS", assistiveText="Enviamos um SMS para (11) 9****-1234"
        )
    return base
