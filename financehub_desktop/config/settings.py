"""The small TOML settings file, with environment overrides.

Secrets never live here (client secret, relay token, passphrase): they go to the keyring or the encrypted
store. A malformed file is reported with its path and line, the app runs on defaults, and the file is left
exactly as it was (it is only written when the user changes a setting).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from financehub_desktop.domain.errors import SettingsFileError

from .files import atomic_write_bytes, atomic_write_text

log = logging.getLogger("financehub.app")

LANGUAGES = ("pt_BR", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
#: Pluggy auto-syncs at most every 8 h on the best plan; user-triggered refreshes are limited too. One hour is
#: the floor we allow so a scheduler can never hammer ``PATCH /items/{id}``.
MIN_SYNC_INTERVAL_HOURS = 1.0
#: Reminders of due dates look at most a month ahead (the dashboard's panel shows the next 30 days).
MAX_DUE_REMINDER_DAYS = 30


@dataclass(frozen=True, slots=True)
class Settings:
    language: str = "pt_BR"
    sync_interval_hours: float = 6.0
    pluggy_api_url: str = "https://api.pluggy.ai"
    pluggy_connect_url: str = "https://connect.pluggy.ai"
    pluggy_client_id: str = ""
    relay_url: str = ""
    consent_warning_days: int = 14
    due_reminder_days: int = 3  # remind of bills and installments due within this many days; 0 = no reminders
    log_level: str = "INFO"

    def replace(self, **changes: Any) -> Settings:
        new = dataclasses.replace(self, **changes)
        _validate(new)
        return new


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    problems: list[SettingsFileError] = field(default_factory=list)


#: environment variable -> settings field (the variable wins over the file).
ENV_OVERRIDES: dict[str, str] = {
    "FINANCEHUB_LANGUAGE": "language",
    "FINANCEHUB_SYNC_INTERVAL_HOURS": "sync_interval_hours",
    "PLUGGY_API_URL": "pluggy_api_url",
    "PLUGGY_CONNECT_URL": "pluggy_connect_url",
    "PLUGGY_CLIENT_ID": "pluggy_client_id",
    "FINANCEHUB_RELAY_URL": "relay_url",
    "FINANCEHUB_LOG_LEVEL": "log_level",
    "FINANCEHUB_DUE_REMINDER_DAYS": "due_reminder_days",
}


def _validate(s: Settings) -> None:
    if s.language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    if not s.sync_interval_hours >= MIN_SYNC_INTERVAL_HOURS:
        raise ValueError(f"sync_interval_hours must be at least {MIN_SYNC_INTERVAL_HOURS:g}")
    if s.log_level not in LOG_LEVELS:
        raise ValueError(f"log_level must be one of {', '.join(LOG_LEVELS)}")
    for name in ("pluggy_api_url", "pluggy_connect_url"):
        if not re.match(r"^https?://[^\s/]+", getattr(s, name)):
            raise ValueError(f"{name} must be an http(s) URL")
    if s.relay_url and not re.match(r"^https?://[^\s/]+", s.relay_url):
        raise ValueError("relay_url must be an http(s) URL")
    if not 0 <= s.consent_warning_days <= 365:
        raise ValueError("consent_warning_days must be between 0 and 365")
    if not 0 <= s.due_reminder_days <= MAX_DUE_REMINDER_DAYS:
        raise ValueError(f"due_reminder_days must be between 0 (no reminders) and {MAX_DUE_REMINDER_DAYS}")


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be true or false")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError(f"{name} must be a number")
        try:
            return float(value)
        except ValueError as exc:
            raise ValueError(f"{name} must be a number") from exc
    if isinstance(default, int):
        if isinstance(value, bool):
            raise ValueError(f"{name} must be a whole number")
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be a whole number") from exc
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    return value


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line):
            return number
    return None


def load_settings(path: Path, env: Mapping[str, str] | None = None) -> LoadedSettings:
    """Read the settings file and apply environment overrides. Never raises for bad content; never writes."""
    problems: list[SettingsFileError] = []
    values: dict[str, Any] = {}
    text = ""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(SettingsFileError(f"{path}: {exc}", path=str(path)))
    if text:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
            problems.append(SettingsFileError(f"{path}, line {line}: {exc}", path=str(path), line=line))
            raw = {}
        section = raw.get("financehub", raw)
        for key, value in section.items() if isinstance(section, dict) else []:
            if key not in _FIELDS:
                log.warning("settings: ignoring unknown key %r in %s", key, path)
                continue
            try:
                values[key] = _coerce(key, value)
            except ValueError as exc:
                line = _line_of(text, key)
                problems.append(SettingsFileError(f"{path}, line {line}: {exc}", path=str(path), line=line))
    env = {} if env is None else env
    for var, name in ENV_OVERRIDES.items():
        if var in env:
            try:
                values[name] = _coerce(name, env[var])
            except ValueError as exc:
                problems.append(SettingsFileError(f"environment variable {var}: {exc}", variable=var))
    settings = Settings()
    for key, value in values.items():
        try:
            settings = settings.replace(**{key: value})
        except ValueError as exc:
            line = _line_of(text, key)
            where = f"{path}, line {line}" if line else f"{path} or the environment"
            problems.append(SettingsFileError(f"{where}: {exc}", path=str(path), line=line))
    for problem in problems:
        log.warning("settings problem: %s", problem.detail)
    return LoadedSettings(settings, problems)


def save_settings(path: Path, settings: Settings) -> Path | None:
    """Write the settings atomically (only the values that differ from the defaults).

    A file that does not parse is kept beside the new one (``settings.toml.invalid``) rather than overwritten, so a
    hand edit with a typo is never lost. Returns that copy's path when one was made.
    """
    _validate(settings)
    kept: Path | None = None
    try:
        old = path.read_text(encoding="utf-8")
        tomllib.loads(old)
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        kept = path.with_name(path.name + ".invalid")
        atomic_write_bytes(kept, path.read_bytes())
    defaults = Settings()
    body = {name: getattr(settings, name) for name in _FIELDS if getattr(settings, name) != getattr(defaults, name)}
    header = "# FinanceHub Desktop settings. Secrets are never stored here (they live in the keyring).\n"
    atomic_write_text(path, header + tomli_w.dumps({"financehub": body}))
    return kept
