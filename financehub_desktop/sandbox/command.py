"""``financehub sandbox``: serve the Pluggy sandbox on loopback and print how to point a client at it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig

LOOPBACK = "127.0.0.1"


def add_parser(sub: Any) -> None:
    p = sub.add_parser("sandbox", help="serve the offline Pluggy sandbox (API + Connect page) on this computer")
    p.add_argument("--host", default=LOOPBACK, help="address to listen on (default: %(default)s, loopback only)")
    p.add_argument("--port", type=int, default=0, help="port (default: 0 = any free port)")
    p.add_argument("--seed", type=int, default=1, help="seed of the generated bank data (default: %(default)s)")
    p.add_argument("--latency-ms", type=int, default=0, help="latency added to every API response")
    p.add_argument("--step-seconds", type=float, default=0.5, help="duration of each item-lifecycle phase")
    p.set_defaults(func=run, needs_profile=False)


def run(args: argparse.Namespace) -> int:
    from .server import serve

    if not 0 <= args.port <= 65535 or args.latency_ms < 0 or args.step_seconds < 0:
        print("financehub sandbox: --port must be 0-65535; --latency-ms and --step-seconds >= 0", file=sys.stderr)
        return 2
    config = SandboxConfig(seed=args.seed, latency_ms=args.latency_ms, step_seconds=args.step_seconds)

    def ready(url: str) -> None:
        print(f"Pluggy sandbox listening on {url}")
        print(f"  PLUGGY_API_URL={url}")
        print(f"  clientId:     {DEMO_CLIENT_ID}")
        print(f"  clientSecret: {DEMO_CLIENT_SECRET}")
        print(f"  Connect page: {url}/connect?connect_token=<token>&with_sandbox=true")
        print("  bank login:   user-ok / password-ok   (MFA token 123456)")
        print("Press Ctrl+C to stop.", flush=True)

    try:
        serve(args.host, args.port, config, on_ready=ready)
    except OSError as exc:
        print(f"financehub sandbox: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0
