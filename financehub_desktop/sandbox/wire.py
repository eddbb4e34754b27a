"""JSON on the wire as Pluggy writes it: exact decimals (never floats), ISO dates with milliseconds and ``Z``."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from starlette.responses import Response

from financehub_desktop.domain.money import parse_json

CENT = Decimal("0.01")
_MARK = "\x00D:"
_MARK_RE = re.compile(r'"\\u0000D:(-?[0-9]+(?:\.[0-9]+)?(?:E[-+]?[0-9]+)?)"')


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


def _prepare(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _MARK + format(value, "f")
    if isinstance(value, Mapping):
        return {k: _prepare(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_prepare(v) for v in value]
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def dumps(payload: Any) -> bytes:
    """Serialise with Decimals written as JSON numbers digit for digit (``12.30`` stays ``12.30``)."""
    text = json.dumps(_prepare(payload), ensure_ascii=False, separators=(",", ":"))
    return _MARK_RE.sub(r"\1", text).encode("utf-8")


def loads(raw: bytes | str) -> Any:
    return parse_json(raw)


def json_response(payload: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(dumps(payload), status_code=status, headers=dict(headers or {}), media_type="application/json")


def empty_response(status: int = 204) -> Response:
    return Response(b"", status_code=status)
