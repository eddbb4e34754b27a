"""``financehub relay``: run the webhook relay (see docs/relay.md). Registered by ``financehub_desktop.cli``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from financehub_desktop.relay.config import RelayConfigError, config_from_environment, generate_secret
from financehub_desktop.relay.store import RelayStoreError

EXIT_OK = 0
EXIT_CONFIG = 1


DESCRIPTION = (
    "Receive Pluggy webhooks, store them durably and serve them to the app by cursor. "
    "Secrets come from FINANCEHUB_RELAY_SECRET / FINANCEHUB_RELAY_TOKEN (or *_FILE); see docs/relay.md."
)


def add_relay_command(subparsers: Any) -> None:
    """Add the ``relay`` subcommand to the ``financehub`` parser."""
    p = subparsers.add_parser(
        "relay",
        help="run the webhook relay that receives Pluggy webhooks for the app (host it behind TLS)",
        description=DESCRIPTION,
    )
    configure_parser(p)


def configure_parser(p: argparse.ArgumentParser) -> None:
    """The relay's flags, shared by ``financehub relay`` and ``python -m financehub_desktop.relay``."""
    p.add_argument("--host", help="address to listen on (default 127.0.0.1; put a TLS proxy in front)")
    p.add_argument("--port", type=int, help="port to listen on (default 8787)")
    p.add_argument("--db", type=Path, help="SQLite file for the events (default ./financehub-relay.sqlite3)")
    p.add_argument("--config", type=Path, help="TOML configuration file (or FINANCEHUB_RELAY_CONFIG)")
    p.add_argument("--check", action="store_true", help="validate the configuration and exit")
    p.add_argument("--generate-secret", action="store_true", help="print a new random secret and exit")
    p.set_defaults(func=cmd_relay, needs_profile=False)


def cmd_relay(args: argparse.Namespace) -> int:
    if args.generate_secret:
        print(generate_secret())
        return EXIT_OK
    try:
        config = config_from_environment(args.config).with_overrides(host=args.host, port=args.port, db=args.db)
    except RelayConfigError as exc:
        print(f"financehub relay: configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if args.check:
        print(f"financehub relay: configuration OK: {config!r}")
        return EXIT_OK

    from financehub_desktop.relay.logs import configure_relay_logging
    from financehub_desktop.relay.server import serve

    configure_relay_logging(config.log_level, config.secrets, config.secret_header)
    try:
        serve(config)
    except RelayStoreError as exc:
        print(f"financehub relay: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return EXIT_OK
