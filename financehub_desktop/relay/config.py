"""Relay configuration: defaults, then a TOML file, then environment variables, then command-line flags.

Secrets (the delivery secret Pluggy sends in a header, the bearer token the app pulls with, optional HMAC keys)
come only from environment variables or from files named in the TOML file or the environment: a TOML file with an
inline secret is refused, so the configuration can be shared or committed without leaking anything. Each secret has
a *previous* slot: during a rotation both are accepted. ``repr`` of the config never shows a secret.
"""

from __future__ import annotations

import ipaddress
import os
import re
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, Final

from financehub_desktop.pluggy.webhooks import DEFAULT_SECRET_HEADER, TIMESTAMP_HEADER

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

ENV_PREFIX: Final = "FINANCEHUB_RELAY_"
DEFAULT_PORT: Final = 8787
DEFAULT_DB_NAME: Final = "financehub-relay.sqlite3"
MIN_SECRET_LENGTH: Final = 16
MAX_FEED_LIMIT: Final = 1000
_SECRET_SHAPE: Final = re.compile(r"^[\x21-\x7e]+$")  # printable ASCII, no spaces: safe in an HTTP header
_HEADER_NAME: Final = re.compile(r"^[A-Za-z0-9-]+$")


class RelayConfigError(ValueError):
    """The configuration cannot run a safe relay; the message names the setting, never a secret's value."""


@dataclass(frozen=True, repr=False)
class RelayConfig:
    """Everything the relay needs. Secrets are tuples: (current, previous) while rotating, else (current,)."""

    db_path: Path
    delivery_secrets: tuple[str, ...]
    feed_tokens: tuple[str, ...]
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    secret_header: str = DEFAULT_SECRET_HEADER
    signing_keys: tuple[str, ...] = ()
    client_id: str | None = None
    allowed_sources: tuple[Network, ...] = ()
    trusted_proxies: tuple[Network, ...] = ()
    rate_limit_per_minute: int = 600
    rate_limit_burst: int = 120
    timestamp_header: str = TIMESTAMP_HEADER
    max_event_age: timedelta = timedelta(hours=24)
    max_clock_skew: timedelta = timedelta(minutes=5)
    retention: timedelta = timedelta(days=30)
    prune_interval_seconds: float = 3600.0
    max_body_bytes: int = 256 * 1024
    log_level: str = "INFO"

    def __post_init__(self) -> None:
        _check_secrets("delivery secret (FINANCEHUB_RELAY_SECRET)", self.delivery_secrets, required=True)
        _check_secrets("feed token (FINANCEHUB_RELAY_TOKEN)", self.feed_tokens, required=True)
        _check_secrets("HMAC key (FINANCEHUB_RELAY_HMAC_KEY)", self.signing_keys, required=False)
        if set(self.delivery_secrets) & set(self.feed_tokens):
            raise RelayConfigError("the feed token must differ from the delivery secret")
        for name in (self.secret_header, self.timestamp_header):
            if not _HEADER_NAME.match(name):
                raise RelayConfigError(f"not a valid HTTP header name: {name!r}")
        if not 0 <= self.port <= 65535:
            raise RelayConfigError(f"port must be between 0 and 65535, not {self.port}")
        for label, number in (
            ("rate_limit_per_minute", self.rate_limit_per_minute),
            ("rate_limit_burst", self.rate_limit_burst),
            ("max_body_bytes", self.max_body_bytes),
        ):
            if number < 1:
                raise RelayConfigError(f"{label} must be at least 1")
        if self.prune_interval_seconds <= 0:
            raise RelayConfigError("prune_interval_seconds must be positive")
        if self.max_event_age <= timedelta(0) or self.max_clock_skew < timedelta(0):
            raise RelayConfigError("max_event_age_seconds must be positive and max_clock_skew_seconds not negative")
        if self.retention < self.max_event_age:
            # Replays are refused by eventId while the event is kept, and by age after that: no gap in between.
            raise RelayConfigError("retention_days must cover max_event_age_seconds (else an old replay is accepted)")

    def __repr__(self) -> str:
        return (
            f"RelayConfig(host={self.host!r}, port={self.port}, db_path={str(self.db_path)!r}, "
            f"delivery_secrets={len(self.delivery_secrets)}, feed_tokens={len(self.feed_tokens)}, "
            f"signing_keys={len(self.signing_keys)}, allowed_sources={len(self.allowed_sources)}, "
            f"trusted_proxies={len(self.trusted_proxies)}, retention={self.retention})"
        )

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret value, for the log redactor."""
        return self.delivery_secrets + self.feed_tokens + self.signing_keys

    def with_overrides(
        self, *, host: str | None = None, port: int | None = None, db: Path | None = None
    ) -> RelayConfig:
        """Command-line flags win over everything else."""
        return replace(
            self,
            host=host if host is not None else self.host,
            port=port if port is not None else self.port,
            db_path=db if db is not None else self.db_path,
        )


def _check_secrets(label: str, values: tuple[str, ...], *, required: bool) -> None:
    if required and not values:
        raise RelayConfigError(f"no {label} configured")
    for value in values:
        if len(value) < MIN_SECRET_LENGTH:
            raise RelayConfigError(f"the {label} is shorter than {MIN_SECRET_LENGTH} characters")
        if not _SECRET_SHAPE.match(value):
            raise RelayConfigError(f"the {label} must be printable ASCII without spaces (it travels in a header)")


# ---------------------------------------------------------------------------------------------- loading
#: TOML key -> (kind); file keys name a file holding a secret.
_PLAIN_KEYS: Final = {
    "host": str,
    "port": int,
    "db": str,
    "secret_header": str,
    "client_id": str,
    "allowed_ips": list,
    "trusted_proxies": list,
    "rate_limit_per_minute": int,
    "rate_limit_burst": int,
    "timestamp_header": str,
    "max_event_age_seconds": float,
    "max_clock_skew_seconds": float,
    "retention_days": float,
    "prune_interval_seconds": float,
    "max_body_bytes": int,
    "log_level": str,
}
#: Secret slot -> (environment variable stem, TOML key of the file holding it).
_SECRET_SLOTS: Final = {
    "secret": "SECRET",
    "previous_secret": "PREVIOUS_SECRET",
    "token": "TOKEN",
    "previous_token": "PREVIOUS_TOKEN",
    "hmac_key": "HMAC_KEY",
    "previous_hmac_key": "PREVIOUS_HMAC_KEY",
}
_KIND_NAMES: Final = {str: "a string", int: "an integer", float: "a number", list: "a list"}
_INLINE_SECRET_KEYS: Final = frozenset(_SECRET_SLOTS)
_FILE_KEYS: Final = frozenset(f"{slot}_file" for slot in _SECRET_SLOTS)


def generate_secret() -> str:
    """A fresh random secret suitable for the delivery header or the feed token."""
    import secrets

    return secrets.token_urlsafe(32)


def default_db_path(env: Mapping[str, str]) -> Path:
    """systemd's ``StateDirectory`` when run as a unit, else the current folder."""
    state = env.get("STATE_DIRECTORY", "").split(":")[0]
    return Path(state or ".") / DEFAULT_DB_NAME


def read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RelayConfigError(f"cannot read the configuration file {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RelayConfigError(f"the configuration file {path} is not valid TOML: {exc}") from None
    table = data.get("relay", data)
    if not isinstance(table, dict):
        raise RelayConfigError(f"[relay] in {path} must be a table")
    inline = sorted(_INLINE_SECRET_KEYS & table.keys())
    if inline:
        raise RelayConfigError(
            f"{path} holds secrets inline ({', '.join(inline)}): put each in its own file and name it with "
            f"{inline[0]}_file, or use the environment variable {ENV_PREFIX}{_SECRET_SLOTS[inline[0]]}"
        )
    unknown = sorted(set(table) - set(_PLAIN_KEYS) - _FILE_KEYS)
    if unknown:
        raise RelayConfigError(f"unknown setting(s) in {path}: {', '.join(unknown)}")
    for key, value in table.items():
        kind = _PLAIN_KEYS.get(key, str)
        ok = isinstance(value, kind) or (kind is float and isinstance(value, int) and not isinstance(value, bool))
        if not ok or isinstance(value, bool):
            raise RelayConfigError(f"{key} in {path} must be {_KIND_NAMES[kind]}")
    return dict(table)


def read_secret_file(path: Path, label: str) -> str:
    """The first line of a secret file (trailing newline ignored); the file should be readable by its owner only."""
    try:
        text = path.read_text(encoding="utf-8")
        mode = path.stat().st_mode
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise RelayConfigError(f"cannot read the {label} file {path}: {reason}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise RelayConfigError(f"the {label} file {path} is readable by others: chmod 600 it")
    value = text.strip()
    if not value:
        raise RelayConfigError(f"the {label} file {path} is empty")
    return value


def _secret(slot: str, table: Mapping[str, Any], env: Mapping[str, str]) -> str | None:
    stem = ENV_PREFIX + _SECRET_SLOTS[slot]
    if env.get(stem):
        return env[stem]
    file_name = env.get(f"{stem}_FILE") or table.get(f"{slot}_file")
    return read_secret_file(Path(file_name), slot.replace("_", " ")) if file_name else None


def _networks(values: object, label: str) -> tuple[Network, ...]:
    items = values.split(",") if isinstance(values, str) else values
    if not isinstance(items, list):
        raise RelayConfigError(f"{label} must be a list of IP addresses or networks")
    out: list[Network] = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        try:
            out.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise RelayConfigError(f"{label}: {text!r} is not an IP address or network") from None
    return tuple(out)


def _number(raw: object, label: str, kind: type[int] | type[float]) -> Any:
    try:
        return kind(str(raw).strip())
    except ValueError:
        raise RelayConfigError(f"{label} must be a number, not {raw!r}") from None


def load_config(env: Mapping[str, str], config_file: Path | None = None) -> RelayConfig:
    """Build the configuration from an optional TOML file and the environment (``FINANCEHUB_RELAY_*``)."""
    path = config_file or (Path(env[f"{ENV_PREFIX}CONFIG"]) if env.get(f"{ENV_PREFIX}CONFIG") else None)
    table = read_toml(path) if path else {}
    merged: dict[str, Any] = dict(table)
    for key, kind in _PLAIN_KEYS.items():
        raw = env.get(ENV_PREFIX + key.upper())
        if raw is None:
            continue
        # Lists come as comma-separated text; FINANCEHUB_RELAY_DB sets the TOML key "db".
        merged[key] = _number(raw, ENV_PREFIX + key.upper(), kind) if kind in (int, float) else raw
    secrets = {slot: _secret(slot, table, env) for slot in _SECRET_SLOTS}

    def pair(current: str, previous: str) -> tuple[str, ...]:
        values = [v for v in (secrets[current], secrets[previous]) if v]
        if secrets[previous] and not secrets[current]:
            raise RelayConfigError(f"a previous {current.replace('_', ' ')} is set without a current one")
        return tuple(dict.fromkeys(values))

    kwargs: dict[str, Any] = {
        "db_path": Path(merged["db"]) if merged.get("db") else default_db_path(env),
        "delivery_secrets": pair("secret", "previous_secret"),
        "feed_tokens": pair("token", "previous_token"),
        "signing_keys": pair("hmac_key", "previous_hmac_key"),
        "allowed_sources": _networks(merged.get("allowed_ips", []), "allowed_ips"),
        "trusted_proxies": _networks(merged.get("trusted_proxies", []), "trusted_proxies"),
    }
    for key in ("host", "port", "secret_header", "rate_limit_per_minute", "rate_limit_burst", "timestamp_header"):
        if key in merged:
            kwargs[key] = merged[key]
    if merged.get("client_id"):
        kwargs["client_id"] = merged["client_id"]
    if "max_body_bytes" in merged:
        kwargs["max_body_bytes"] = merged["max_body_bytes"]
    if "log_level" in merged:
        kwargs["log_level"] = str(merged["log_level"]).upper()
    if "max_event_age_seconds" in merged:
        kwargs["max_event_age"] = timedelta(seconds=merged["max_event_age_seconds"])
    if "max_clock_skew_seconds" in merged:
        kwargs["max_clock_skew"] = timedelta(seconds=merged["max_clock_skew_seconds"])
    if "retention_days" in merged:
        kwargs["retention"] = timedelta(days=merged["retention_days"])
    if "prune_interval_seconds" in merged:
        kwargs["prune_interval_seconds"] = float(merged["prune_interval_seconds"])
    return RelayConfig(**kwargs)


def config_from_environment(config_file: Path | None = None) -> RelayConfig:
    return load_config(os.environ, config_file)
