"""Column types that keep money exact and times unambiguous inside SQLite.

- ``DecimalText``: a ``Decimal`` stored as its exact decimal text (``"-1234.50"``), never a float. SQLite compares it
  numerically only through ``CAST(... AS REAL)``, which the search uses for range filters (both sides go through the
  same conversion, so bounds behave).
- ``UtcDateTime``: an aware ``datetime`` stored as fixed-width ISO-8601 UTC text (``2026-01-31T12:00:00.000000Z``), so
  text order is time order and a date prefix (``substr(col, 1, 10)``) is the UTC calendar day.
- ``JsonText``: the provider's raw record as canonical JSON (sorted keys, compact); JSON numbers stay ``Decimal``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Dialect, String, Text
from sqlalchemy.types import TypeDecorator

from financehub_desktop.domain.money import parse_json

UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    return datetime.now(UTC)


def decimal_text(value: Decimal) -> str:
    """Exact text without exponent (``Decimal('1E+2')`` -> ``'100'``); refuses NaN and infinities."""
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") else text


def utc_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: give the store aware datetimes (UTC or with an offset)")
    if value.tzinfo is UTC:  # the common case: isoformat ends in "+00:00", which becomes "Z"
        return value.isoformat(timespec="microseconds")[:-6] + "Z"
    # isoformat is several times faster than strftime and always pads the year to four digits
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_utc_text(text: str) -> datetime:
    return datetime.strptime(text, UTC_FORMAT).replace(tzinfo=UTC)


_DECIMAL_OPEN = '"\\u0000D:'  # how the C encoder writes the opening of a marked Decimal: "\u0000D:
_DECIMAL_CLOSE = '\\u0000"'
_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)
_encode_text: Any = json.encoder.encode_basestring


def canonical_json(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces, Decimals written as exact JSON numbers, dates as ISO text.

    Fast path: CPython's C encoder (built once per call, without the circular-reference check: records are trees),
    with each Decimal passed through as a marked string whose quotes and marks are then removed; if the data itself
    happened to contain such a mark, the (slower) pure-Python encoder below gives the same exact result.
    """
    decimals = 0

    def default(obj: Any) -> Any:
        nonlocal decimals
        if isinstance(obj, Decimal):
            decimals += 1
            return "\0D:" + decimal_text(obj) + "\0"
        if isinstance(obj, date):
            return obj.isoformat()
        if isinstance(obj, set | frozenset):
            return sorted(obj, key=str)
        raise TypeError(f"cannot store {type(obj).__name__} as JSON")

    try:
        if _make_encoder is None:  # not CPython
            text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=default)
        else:
            encoder = _make_encoder(None, default, _encode_text, None, ":", ",", True, False, True)
            text = "".join(encoder(value, 0))
    except TypeError:
        return _slow_canonical_json(value)
    if decimals or _DECIMAL_OPEN in text:
        if text.count(_DECIMAL_OPEN) != decimals or text.count(_DECIMAL_CLOSE) != decimals:
            return _slow_canonical_json(value)
        text = text.replace(_DECIMAL_OPEN, "").replace(_DECIMAL_CLOSE, "")
    return text


def _slow_canonical_json(value: Any) -> str:
    parts: list[str] = []
    _encode(value, parts)
    return "".join(parts)


def _encode(value: Any, out: list[str]) -> None:
    if value is None or isinstance(value, bool | str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, Decimal):
        out.append(decimal_text(value))
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        raise TypeError("floats are not stored: parse JSON with domain.money.parse_json")
    elif isinstance(value, date):  # datetimes too
        out.append(json.dumps(value.isoformat()))
    elif isinstance(value, Mapping):
        out.append("{")
        for i, key in enumerate(sorted(value, key=str)):
            if i:
                out.append(",")
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(":")
            _encode(value[key], out)
        out.append("}")
    elif isinstance(value, Sequence | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        out.append("[")
        for i, item in enumerate(items):
            if i:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot store {type(value).__name__} as JSON")


class DecimalText(TypeDecorator[Decimal]):
    impl = String
    cache_ok = True

    def process_bind_param(self, value: object, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal | int) or isinstance(value, bool):
            raise TypeError(f"amounts are Decimal, not {type(value).__name__}")
        return decimal_text(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(str(value))


class UtcDateTime(TypeDecorator[datetime]):
    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc_text(value)


class JsonText(TypeDecorator[Any]):
    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else canonical_json(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else parse_json(value)
