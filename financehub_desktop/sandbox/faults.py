"""Faults a test switches on through ``POST /_sandbox/faults``: latency, 5xx bursts, 429, hangs, truncated bodies.

Each rule matches a method and a path pattern (``fnmatch`` style, e.g. ``/v2/transactions*`` or ``/items/*``) and
fires ``count`` times (``null`` = until reset). Rules are checked in the order they were added.
"""

from __future__ import annotations

import fnmatch
import itertools
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

FaultKind = Literal["latency", "error", "rate_limit", "hang", "truncate", "expire_tokens"]
FAULT_KINDS: tuple[str, ...] = ("latency", "error", "rate_limit", "hang", "truncate", "expire_tokens")
_ids = itertools.count(1)


class FaultSpecError(ValueError):
    """A fault definition the admin API cannot accept (the message says which field)."""


@dataclass(slots=True)
class FaultRule:
    kind: FaultKind
    path: str = "*"
    method: str = "*"
    count: int | None = 1
    status: int = 500
    latency_ms: int = 0
    retry_after: int = 1
    hang_seconds: float | None = None
    id: int = field(default_factory=lambda: next(_ids))
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.count is not None and self.fired >= self.count:
            return False
        if self.method != "*" and self.method.upper() != method.upper():
            return False
        return fnmatch.fnmatchcase(path, self.path)

    def public(self) -> dict[str, Any]:
        data = asdict(self)
        data["remaining"] = None if self.count is None else max(0, self.count - self.fired)
        return data


def _int(spec: dict[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FaultSpecError(f"'{key}' must be an integer between {low} and {high}")
    return value


def parse_rule(spec: Any) -> FaultRule:
    if not isinstance(spec, dict):
        raise FaultSpecError("a fault must be a JSON object")
    kind = spec.get("kind")
    if kind not in FAULT_KINDS:
        raise FaultSpecError(f"'kind' must be one of {', '.join(FAULT_KINDS)}")
    path = spec.get("path", "*")
    method = spec.get("method", "*")
    if not isinstance(path, str) or not isinstance(method, str) or not path:
        raise FaultSpecError("'path' and 'method' must be strings")
    count_value = spec.get("count", 1)
    count = None if count_value is None else _int(spec, "count", 1, 1, 1_000_000)
    hang = spec.get("hang_seconds")
    if hang is not None and (isinstance(hang, bool) or not isinstance(hang, int | float) or not 0 <= hang <= 3600):
        raise FaultSpecError("'hang_seconds' must be a number of seconds between 0 and 3600")
    return FaultRule(
        kind=kind,
        path=path,
        method=method,
        count=count,
        status=_int(spec, "status", 500 if kind == "error" else 429, 400, 599),
        latency_ms=_int(spec, "latency_ms", 0, 0, 600_000),
        retry_after=_int(spec, "retry_after", 1, 0, 3600),
        hang_seconds=None if hang is None else float(hang),
    )


class FaultInjector:
    def __init__(self) -> None:
        self.rules: list[FaultRule] = []

    def add(self, rule: FaultRule) -> FaultRule:
        self.rules.append(rule)
        return rule

    def take(self, method: str, path: str) -> list[FaultRule]:
        """The rules that fire for this request (each counted as fired)."""
        fired = []
        for rule in self.rules:
            if rule.matches(method, path):
                rule.fired += 1
                fired.append(rule)
        return fired

    def clear(self) -> None:
        self.rules.clear()
