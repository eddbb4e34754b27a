"""Where a profile's data, settings and logs live.

``FINANCEHUB_HOME`` overrides the platform's directories (tests, scripts, portable installs); otherwise
``platformdirs`` picks the usual places (``~/.local/share``, ``~/.config``, ``~/.local/state`` on Linux).
Each profile (``default``, ``demo``) has its own folders, so the demo never touches a real profile's data or key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from financehub_desktop import APP_ID
from financehub_desktop.domain.errors import DataDirUnwritableError, InvalidInputError

DEFAULT_PROFILE = "default"
DEMO_PROFILE = "demo"
_PROFILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True, slots=True)
class ProfilePaths:
    profile: str
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "financehub.db"

    @property
    def key_file(self) -> Path:
        """The wrapped data key, used only when there is no keyring (master-passphrase mode)."""
        return self.data_dir / "financehub.key"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "financehub.log"

    @property
    def instance_lock(self) -> Path:
        """Held by the app while it has this profile open (and by the store commands that replace the database or
        its key): see ``config/locks.py``."""
        return self.data_dir / "financehub.lock"

    @property
    def api_usage_file(self) -> Path:
        """The last sessions' Pluggy API usage (counts and latencies, no data), read by ``financehub doctor``."""
        return self.log_dir / "pluggy-usage.json"

    @property
    def due_reminders_file(self) -> Path:
        """Which due-date reminders were shown on which day (obligation keys and dates only, no amounts or names)."""
        return self.data_dir / "due-reminders.json"

    def ensure(self) -> ProfilePaths:
        """Create the folders (private to the user) or raise a clear error naming the one that failed."""
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                probe = folder / ".write-test"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as exc:
                raise DataDirUnwritableError(str(folder), path=str(folder)) from exc
        return self


def profile_paths(profile: str = DEFAULT_PROFILE, env: Mapping[str, str] | None = None) -> ProfilePaths:
    env = os.environ if env is None else env
    if not _PROFILE_NAME.match(profile):
        raise InvalidInputError(f"profile name {profile!r}: use lowercase letters, digits, '-' or '_'")
    home = env.get("FINANCEHUB_HOME")
    if home:
        root = Path(home).expanduser() / profile
        return ProfilePaths(profile, root / "data", root / "config", root / "logs")
    return ProfilePaths(
        profile,
        Path(platformdirs.user_data_dir(APP_ID, appauthor=False)) / profile,
        Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / profile,
        Path(platformdirs.user_log_dir(APP_ID, appauthor=False)) / profile,
    )
