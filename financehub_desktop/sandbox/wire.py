"""JSON on the wire as Pluggy writes it: exact decimals (never floats), ISO dates with milliseconds and ``Z``."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from starlette.responses import Response

from financehub_desktop.domain.money import parse_json

CENT = Decimal("0.01")


def money(value: Decimal | int | str) -> Decimal:
    """An amount with exactly two places (how the sandbox stores every BRL value)."""
    return Decimal(value).quantize(CENT)


def iso(moment: datetime) -> str:
    """``2024-09-19T13:10:31.212Z``: UTC, milliseconds, like every Pluggy timestamp."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def iso_day(day: date) -> str:
    """A date as Pluggy sends transaction dates: midnight UTC."""
    return f"{day.isoformat()}T00:00:00.000Z"


class RawJson:
    """A fragment already serialised by ``dumps`` (cached per transaction: pages of 500 rows stay cheap)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_SCALARS = (str, int, float, bool, type(None))
#: A placeholder as ``json.dumps`` writes it; compiled once (the nonce is checked per match, not baked in).
_PLACEHOLDER = re.compile(r'"\\u0000([0-9a-f]{12}):(\d+)"')


class _Encoder:
    """Replaces Decimals and raw fragments by placeholder strings carrying a per-call nonce (so no text a client
    sent can ever pose as one), then splices their exact text into the JSON ``json.dumps`` produced."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)
        self.parts: list[str] = []

    def mark(self, text: str) -> str:
        self.parts.append(text)
        return f"\x00{self.nonce}:{len(self.parts) - 1}"

    def prepare(self, value: Any) -> Any:
        kind = type(value)
        if kind in _SCALARS:
            return value
        if kind is dict:
            return {k: (v if type(v) in _SCALARS else self.prepare(v)) for k, v in value.items()}
        if kind is Decimal:
            if not value.is_finite():
                raise ValueError("only finite amounts can be written as JSON")
            return self.mark(format(value, "f"))
        if kind is list or kind is tuple:
            return [self.prepare(v) for v in value]
        if kind is RawJson:
            return self.mark(value.text)
        if isinstance(value, Mapping):
            return {k: self.prepare(v) for k, v in value.items()}
        if isinstance(value, datetime):
            return iso(value)
        if isinstance(value, date):
            return value.isoformat()
        return value

    def _splice(self, match: re.Match[str]) -> str:
        if match.group(1) != self.nonce:  # text a client sent that looks like a placeholder: left as it is
            return match.group(0)
        return self.parts[int(match.group(2))]

    def dumps(self, payload: Any) -> str:
        text = json.dumps(self.prepare(payload), ensure_ascii=False, separators=(",", ":"))
        if not self.parts:
            return text
        return _PLACEHOLDER.sub(self._splice, text)


def raw_list(fragments: list[RawJson]) -> RawJson:
    """Already serialised rows as one JSON array fragment (a 500-row page is spliced in once, not 500 times)."""
    return RawJson("[" + ",".join(f.text for f in fragments) + "]")


def dumps_text(payload: Any) -> str:
    return _Encoder().dumps(payload)


def dumps(payload: Any) -> bytes:
    """Serialise with Decimals written as JSON numbers digit for digit (``12.30`` stays ``12.30``)."""
    return dumps_text(payload).encode("utf-8")


def loads(raw: bytes | str) -> Any:
    return parse_json(raw)


def json_response(payload: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(dumps(payload), status_code=status, headers=dict(headers or {}), media_type="application/json")


def empty_response(status: int = 204) -> Response:
    return Response(b"", status_code=status)
