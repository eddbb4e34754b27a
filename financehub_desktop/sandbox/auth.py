"""API keys and connect tokens: HS256 JWTs signed with a per-instance random key (stdlib ``hmac`` only).

Pluggy's ``apiKey`` is a JWT with an ``exp`` claim (2 h); a connect token (30 min) carries the ``clientId`` and may
only call what the Connect widget needs (pluggy-api.md §2). Keys die when they expire, when the admin API expires
them all ("token expiry now"), or on reset.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

Scope = Literal["api", "connect"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenError(Exception):
    """The token is missing, malformed, forged, revoked or expired (the reason is for logs, not for the wire)."""

    def __init__(self, reason: str, *, expired: bool = False) -> None:
        super().__init__(reason)
        self.expired = expired


@dataclass(frozen=True, slots=True)
class TokenClaims:
    client_id: str
    scope: Scope
    issued_at: float
    expires_at: float
    token_id: str
    item_id: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


class TokenSigner:
    """Issues and checks the sandbox's JWTs."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)
        self._revoked_before = 0.0

    def issue(
        self,
        client_id: str,
        scope: Scope,
        *,
        now: float,
        ttl: float,
        item_id: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> str:
        header = {"alg": "HS256", "typ": "JWT"}
        payload: dict[str, Any] = {
            "clientId": client_id,
            "scope": scope,
            "iat": now,
            "exp": now + ttl,
            "jti": str(uuid.uuid4()),
        }
        if item_id is not None:
            payload["itemId"] = item_id
        if options:
            payload["options"] = options
        signing_input = _b64(json.dumps(header).encode()) + "." + _b64(json.dumps(payload).encode())
        signature = hmac.new(self._key, signing_input.encode("ascii"), hashlib.sha256).digest()
        return signing_input + "." + _b64(signature)

    def verify(self, token: str, *, now: float) -> TokenClaims:
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenError("not a JWT")
        signing_input = parts[0] + "." + parts[1]
        try:
            signature = _unb64(parts[2])
            header = json.loads(_unb64(parts[0]))
            payload = json.loads(_unb64(parts[1]))
        except (ValueError, UnicodeDecodeError) as exc:
            raise TokenError("undecodable JWT") from exc
        expected = hmac.new(self._key, signing_input.encode("ascii"), hashlib.sha256).digest()
        if not hmac.compare_digest(signature, expected):
            raise TokenError("bad signature")
        if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(payload, dict):
            raise TokenError("unexpected JWT header")
        try:
            claims = TokenClaims(
                client_id=str(payload["clientId"]),
                scope="connect" if payload["scope"] == "connect" else "api",
                issued_at=float(payload["iat"]),
                expires_at=float(payload["exp"]),
                token_id=str(payload["jti"]),
                item_id=payload.get("itemId"),
                options=dict(payload.get("options") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise TokenError("missing claims") from exc
        if claims.expires_at <= now:
            raise TokenError("expired", expired=True)
        if claims.issued_at < self._revoked_before:
            raise TokenError("expired by the admin API", expired=True)
        return claims

    def expire_all(self, now: float) -> None:
        """Every token issued up to now stops working (the "token expiry now" fault)."""
        self._revoked_before = now + 1e-6


def decode_unverified(token: str) -> dict[str, Any]:
    """The payload of a JWT without checking it (what the Node SDK does to read ``exp``)."""
    payload = json.loads(_unb64(token.split(".")[1]))
    if not isinstance(payload, dict):
        raise ValueError("JWT payload is not an object")
    return payload
