"""An MFA challenge as the UI shows it, built from a Pluggy item's ``parameter`` (pluggy-api.md §8)."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from financehub_desktop.domain.errors import InvalidInputError

FIELD_TYPES = ("text", "number", "password", "image", "select")


@dataclass(frozen=True, slots=True)
class MfaOption:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class MfaPrompt:
    item_id: str
    name: str  # the key to answer with: POST /items/{id}/mfa {name: value}
    label: str
    field_type: str  # text | number | password | image | select (unknown types are shown as text)
    placeholder: str = ""
    instructions: str = ""
    validation: str | None = None
    validation_message: str = ""
    options: tuple[MfaOption, ...] = ()
    image_png: bytes | None = None  # decoded from the parameter's base64 ``data`` (QR codes, captchas)
    expires_at: datetime | None = None

    @classmethod
    def from_parameter(cls, item_id: str, parameter: Mapping[str, Any]) -> MfaPrompt:
        """Tolerant of what Pluggy adds or leaves out; a parameter without a name is unusable and refused."""
        name = str(parameter.get("name") or "").strip()
        if not name:
            raise InvalidInputError("the bank's verification request has no field name")
        raw_type = str(parameter.get("type") or "text").lower()
        field_type = raw_type if raw_type in FIELD_TYPES else "text"
        image: bytes | None = None
        data = parameter.get("data")
        if field_type == "image" and isinstance(data, str) and data:
            payload = data.split(",", 1)[1] if data.startswith("data:") else data
            try:
                image = base64.b64decode(payload, validate=False)
            except (binascii.Error, ValueError):
                image = None
        options = tuple(
            MfaOption(str(o.get("value", "")), str(o.get("label") or o.get("value", "")))
            for o in parameter.get("options") or []
            if isinstance(o, Mapping)
        )
        expires = parameter.get("expiresAt")
        expires_at = expires if isinstance(expires, datetime) else _parse_datetime(expires)
        return cls(
            item_id=item_id,
            name=name,
            label=str(parameter.get("label") or name),
            field_type="select"
            if field_type == "select" and options
            else ("text" if field_type == "select" else field_type),
            placeholder=str(parameter.get("placeholder") or ""),
            instructions=str(parameter.get("instructions") or ""),
            validation=parameter.get("validation") or None,
            validation_message=str(parameter.get("validationMessage") or ""),
            options=options,
            image_png=image,
            expires_at=expires_at,
        )

    def check(self, answer: str) -> str:
        """The answer as it will be sent, or a typed error saying what is wrong with it."""
        value = answer.strip()
        if not value:
            raise InvalidInputError(self.label)
        if self.field_type == "number" and not value.isdigit():
            raise InvalidInputError(self.validation_message or self.label)
        if self.options and value not in {o.value for o in self.options}:
            raise InvalidInputError(self.label)
        if self.validation:
            try:
                ok = re.fullmatch(self.validation, value) is not None
            except re.error:
                ok = True  # a pattern we cannot read must not block the user; the bank validates anyway
            if not ok:
                raise InvalidInputError(self.validation_message or self.label)
        return value


def _parse_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
