"""The base of every wire model, and the lenient field types they share.

Pluggy adds fields and enum values without notice and sends ``null`` for most absent optional fields, so:
- unknown fields are kept (``extra="allow"``) and never fatal;
- enumerations are plain ``str`` fields; the known values live in ``StrEnum`` classes (``enums.py``) to compare with;
- amounts are ``Decimal`` and must reach the model as ``Decimal``/``int``/``str`` (bodies are parsed with
  ``domain.money.parse_json``); a ``float`` is refused, since it has already lost precision;
- datetimes are always timezone-aware (a naive one is read as UTC); date-only fields also accept a full timestamp.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic.alias_generators import to_camel


def _refuse_float(value: Any) -> Any:
    if isinstance(value, float):
        raise ValueError("amount arrived as a float (parse the body with parse_json)")
    if isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    return value


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _date_part(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 10 and value[10] in "T ":
        return value[:10]
    if isinstance(value, datetime):
        return value.date()
    return value


#: An exact amount (JSON number read as Decimal). Infinity and NaN are refused.
Amount = Annotated[Decimal, BeforeValidator(_refuse_float)]
#: A timezone-aware instant; ``2024-09-19T13:10:31.212Z``.
Timestamp = Annotated[datetime, AfterValidator(_aware)]
#: A calendar date; ``2024-09-19`` (a full timestamp is cut to its date).
Day = Annotated[date, BeforeValidator(_date_part)]


class WireModel(BaseModel):
    """camelCase on the wire, snake_case in Python; unknown fields kept; ``None`` for absent optional fields."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="allow",
        ser_json_inf_nan="strings",
        allow_inf_nan=False,
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON-ready body Pluggy expects: camelCase keys, unset fields left out, Decimals kept exact."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="python")
