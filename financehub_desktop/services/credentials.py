"""The user's Pluggy credentials: the clientId in the settings file, the clientSecret in the OS keyring only.

Saving checks them first with ``POST /auth`` (a wrong pair is refused with its help text, nothing is stored).
Scripts may pass ``PLUGGY_CLIENT_ID`` / ``PLUGGY_CLIENT_SECRET`` instead; the environment wins.
"""

from __future__ import annotations

import os
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import keyring
import keyring.errors

from financehub_desktop.config.logs import get_logger, register_secret
from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.config.settings import load_settings, save_settings
from financehub_desktop.domain.errors import InvalidInputError, KeyringUnavailableError

KEYRING_SERVICE = "financehub-desktop"
SECRET_ENV = "PLUGGY_CLIENT_SECRET"  # noqa: S105 (the variable's name, not a secret)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

log = get_logger("services")

#: (client_id, client_secret) -> raises a typed error when Pluggy refuses them (``PluggyAuthError``).
Checker = Callable[[str, str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class PluggyCredentials:
    client_id: str
    client_secret: str

    def __repr__(self) -> str:  # never the secret
        return f"PluggyCredentials(client_id={self.client_id!r})"


def _username(profile: str) -> str:
    return f"pluggy-client-secret:{profile}"


class CredentialsService:
    def __init__(self, paths: ProfilePaths, env: Mapping[str, str] | None = None) -> None:
        self.paths = paths
        self.env = os.environ if env is None else env

    def load(self) -> PluggyCredentials | None:
        settings = load_settings(self.paths.settings_file, self.env).settings
        client_id = settings.pluggy_client_id
        secret = self.env.get(SECRET_ENV)
        if not secret:
            try:
                secret = keyring.get_password(KEYRING_SERVICE, _username(self.paths.profile))
            except keyring.errors.KeyringError:
                secret = None
        if not client_id or not secret:
            return None
        register_secret(secret)
        return PluggyCredentials(client_id, secret)

    async def save(self, client_id: str, client_secret: str, check: Checker) -> PluggyCredentials:
        client_id, client_secret = client_id.strip(), client_secret.strip()
        if not _UUID.match(client_id):
            raise InvalidInputError("clientId must be the UUID shown in Pluggy's dashboard")
        if len(client_secret) < 8:
            raise InvalidInputError("clientSecret is too short")
        register_secret(client_secret)
        await check(client_id, client_secret)  # Pluggy must accept them before anything is stored
        try:
            keyring.set_password(KEYRING_SERVICE, _username(self.paths.profile), client_secret)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailableError(
                f"set {SECRET_ENV} in the environment instead ({type(exc).__name__})"
            ) from exc
        settings = load_settings(self.paths.settings_file, {}).settings
        save_settings(self.paths.settings_file, settings.replace(pluggy_client_id=client_id))
        log.info("Pluggy credentials saved for profile %s", self.paths.profile)
        return PluggyCredentials(client_id, client_secret)
