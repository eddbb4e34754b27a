"""Registering the user's webhook relay with Pluggy (``POST /webhooks`` with the shared secret header), and the
``financehub webhooks`` command. The secret comes from a file or the environment, never the command line."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
from pathlib import Path
from typing import Any

from financehub_desktop.config.logs import get_logger, register_secret
from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import load_settings
from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models.items import Webhook
from financehub_desktop.pluggy.webhooks import DEFAULT_SECRET_HEADER as SECRET_HEADER

from .credentials import CredentialsService

SECRET_ENV = "FINANCEHUB_RELAY_SECRET"  # noqa: S105 (a variable's name)
MIN_SECRET_LENGTH = 24
log = get_logger("services")


def check_relay_url(url: str) -> str:
    """Pluggy only calls public HTTPS URLs; the relay listens on ``/webhook`` behind TLS."""
    url = url.strip()
    if not re.match(r"^https://[A-Za-z0-9.-]+(:\d+)?(/\S*)?$", url):
        raise InvalidInputError("the relay URL must be https://<public host>/webhook")
    return url


def read_secret(secret_file: Path | None, env: dict[str, str] | os._Environ[str] = os.environ) -> str:
    if secret_file is not None:
        try:
            secret = Path(secret_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InvalidInputError(f"secret file {secret_file} cannot be read: {exc.strerror}") from exc
    else:
        secret = env.get(SECRET_ENV, "").strip()
    if len(secret) < MIN_SECRET_LENGTH:
        raise InvalidInputError(
            f"the relay secret needs at least {MIN_SECRET_LENGTH} characters "
            f"(python -m financehub_desktop.relay --generate-secret makes one)"
        )
    register_secret(secret)
    return secret


class WebhooksService:
    def __init__(self, client: PluggyClient) -> None:
        self.client = client

    async def subscriptions(self) -> list[Webhook]:
        return list((await self.client.list_webhooks()).results)

    async def register_relay(self, url: str, secret: str, event: str = "all") -> Webhook:
        """Subscribe the relay to ``event``; an existing subscription of the same URL and event gets the new
        secret instead of a second subscription (that is how the secret is rotated: the relay accepts the old
        and the new one meanwhile), and is re-enabled if Pluggy had disabled it."""
        url = check_relay_url(url)
        for hook in await self.subscriptions():
            if hook.url == url and hook.event == event:
                log.info("updating the relay subscription %s", hook.id)
                return await self.client.update_webhook(
                    hook.id, headers={SECRET_HEADER: secret}, enabled=True if hook.disabled_at else None
                )
        log.info("subscribing the relay to %s", event)
        return await self.client.create_webhook(url, event, headers={SECRET_HEADER: secret})

    async def remove(self, webhook_id: str) -> int:
        return await self.client.delete_webhook(webhook_id)


# ---------------------------------------------------------------------------------------------- command
def add_parser(sub: Any) -> None:
    p = sub.add_parser("webhooks", help="register your webhook relay with Pluggy, list or remove subscriptions")
    actions = p.add_subparsers(dest="webhooks_action", metavar="ACTION", required=True)
    reg = actions.add_parser("register", help="subscribe your relay (its secret from --secret-file or env)")
    reg.add_argument("url", help="the relay's public URL, e.g. https://relay.example.com/webhook")
    reg.add_argument("--secret-file", type=Path, help=f"file holding the delivery secret (else ${SECRET_ENV})")
    reg.add_argument("--event", default="all", help="the event to subscribe (default: all)")
    actions.add_parser("list", help="list the application's webhook subscriptions")
    rm = actions.add_parser("remove", help="delete a subscription")
    rm.add_argument("webhook_id")
    p.set_defaults(func=run, needs_profile=True)


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    paths = profile_paths(args.profile)
    credentials = CredentialsService(paths).load()
    if credentials is None:
        raise InvalidInputError("Pluggy credentials are not set: enter them in the app's Settings first")
    settings = load_settings(paths.settings_file, os.environ).settings
    async with PluggyClient(settings.pluggy_api_url, credentials.client_id, credentials.client_secret) as client:
        service = WebhooksService(client)
        if args.webhooks_action == "register":
            hook = await service.register_relay(args.url, read_secret(args.secret_file), args.event)
            print(f"subscribed {hook.url} to {hook.event} (id {hook.id})")
        elif args.webhooks_action == "list":
            for hook in await service.subscriptions():
                state = f"disabled since {hook.disabled_at:%d/%m/%Y}" if hook.disabled_at else "enabled"
                print(f"{hook.id}  {hook.event:<32} {hook.url}  ({state})")
        else:
            print(f"removed {await service.remove(args.webhook_id)} subscription(s)")
    sys.stdout.flush()
    return 0
