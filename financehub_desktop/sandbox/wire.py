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


class RawJson:
    """A fragment already serialised by ``dumps`` (cached per transaction: pages of 500 rows stay cheap)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_RAW_RE = re.compile(r'"\\u0000R:(\d+)"')
_SCALARS = (str, int, float, bool, type(None))


def _prepare(value: Any, raws: list[str]) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k: (v if type(v) in _SCALARS else _prepare(v, raws)) for k, v in value.items()}
    if kind is Decimal:
        return _MARK + format(value, "f")
    if kind is list or kind is tuple:
        return [_prepare(v, raws) for v in value]
    if kind is RawJson:
        raws.append(value.text)
        return f"\x00R:{len(raws) - 1}"
    if isinstance(value, Mapping):
        return {k: _prepare(v, raws) for k, v in value.items()}
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def dumps_text(payload: Any) -> str:
    raws: list[str] = []
    text = json.dumps(_prepare(payload, raws), ensure_ascii=False, separators=(",", ":"))
    if "\\u0000D:" in text:
        text = _MARK_RE.sub(r"\1", text)
    if raws:
        text = _RAW_RE.sub(lambda m: raws[int(m.group(1))], text)
    return text


def dumps(payload: Any) -> bytes:
    """Serialise with Decimals written as JSON numbers digit for digit (``12.30`` stays ``12.30``)."""
    return dumps_text(payload).encode("utf-8")


def loads(raw: bytes | str) -> Any:
    return parse_json(raw)


def json_response(payload: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(dumps(payload), status_code=status, headers=dict(headers or {}), media_type="application/json")


def empty_response(status: int = 204) -> Response:
    return Response(b"", status_code=status)
