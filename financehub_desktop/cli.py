"""The ``financehub`` command. No argument opens the app; subcommands do the rest headless.

Exit codes: 0 success, 1 a known error (message and help printed), 2 bad usage, 70 a bug (traceback in the log).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from financehub_desktop import APP_NAME, __version__
from financehub_desktop.config.logs import configure_logging, get_logger, install_excepthook
from financehub_desktop.config.paths import DEFAULT_PROFILE, DEMO_PROFILE, ProfilePaths, profile_paths
from financehub_desktop.config.settings import load_settings
from financehub_desktop.domain.errors import FinanceHubError, Lang

EXIT_OK = 0
EXIT_KNOWN_ERROR = 1
EXIT_USAGE = 2
EXIT_BUG = 70  # EX_SOFTWARE

log = get_logger("cli")
Command = Callable[[argparse.Namespace], int]


def _lang() -> Lang:
    value = os.environ.get("FINANCEHUB_LANGUAGE") or os.environ.get("LANG", "pt_BR")
    return "en" if value.startswith("en") else "pt_BR"


def print_error(exc: FinanceHubError, lang: Lang | None = None) -> None:
    lang = lang or _lang()
    info = exc.help(lang)
    print(f"financehub: {exc.message(lang)}", file=sys.stderr)
    print(f"  {info.what_happened}", file=sys.stderr)
    for step in info.steps:
        print(f"  - {step}", file=sys.stderr)
    print(f"  ({info.documentation})", file=sys.stderr)


def _prepare(profile: str, *, console_level: str = "WARNING") -> ProfilePaths:
    paths = profile_paths(profile).ensure()
    settings = load_settings(paths.settings_file, os.environ).settings
    configure_logging(paths.log_dir, settings.log_level, console_level=console_level)
    return paths


# --------------------------------------------------------------------------------------------- commands
def cmd_app(args: argparse.Namespace) -> int:
    from financehub_desktop import app  # Qt is imported only when a window is wanted

    return app.run(profile=args.profile, demo=False)


def cmd_demo(args: argparse.Namespace) -> int:
    from financehub_desktop import app

    return app.run(profile=DEMO_PROFILE, demo=True)


def cmd_doctor(args: argparse.Namespace) -> int:
    from financehub_desktop.services.doctor import diagnose, render

    paths = profile_paths(args.profile)
    checks = diagnose(paths, check_qt=not args.no_qt)
    print(render(checks))
    return EXIT_OK if all(c.ok for c in checks) else EXIT_KNOWN_ERROR


# --------------------------------------------------------------------------------------------- parser
class _Parser(argparse.ArgumentParser):
    """argparse with our exit code for bad usage (2) and the usage on stderr."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="financehub",
        description=f"{APP_NAME}: your bank data through Pluggy, encrypted on this computer. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--profile",
        default=os.environ.get("FINANCEHUB_PROFILE", DEFAULT_PROFILE),
        help="profile name (default: %(default)s); each profile has its own data, key and settings",
    )
    parser.set_defaults(func=cmd_app, needs_profile=True)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("doctor", help="print versions, libraries, keyring and paths for a bug report")
    p.add_argument("--no-qt", action="store_true", help="skip the Qt/QtWebEngine import check")
    p.set_defaults(func=cmd_doctor, needs_profile=False)

    p = sub.add_parser("demo", help="open the app in demo mode on the embedded Pluggy sandbox")
    p.set_defaults(func=cmd_demo, needs_profile=True)

    for register in EXTRA_COMMANDS:
        register(sub)
    return parser


def _register_relay(sub: Any) -> None:
    from financehub_desktop.relay.cli import add_relay_command

    add_relay_command(sub)


#: Later modules add their subcommands here (sandbox, sync, relay...): each gets the subparsers object.
EXTRA_COMMANDS: list[Callable[[Any], None]] = [_register_relay]


def _register_sandbox(sub: Any) -> None:
    from financehub_desktop.sandbox.command import add_parser

    add_parser(sub)


EXTRA_COMMANDS.append(_register_sandbox)


@contextlib.contextmanager
def _demo_sandbox() -> Iterator[tuple[str, str, str]]:
    """The embedded sandbox on loopback for ``financehub sync --demo`` (sync/ may not import the sandbox)."""
    from financehub_desktop.sandbox.server import serve_in_thread
    from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig

    with serve_in_thread(SandboxConfig(step_seconds=0.05)) as url:
        yield url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET


def _register_sync(sub: Any) -> None:
    from financehub_desktop.sync.command import add_parser

    add_parser(sub, demo_backend=_demo_sandbox)


EXTRA_COMMANDS.append(_register_sync)


def _register_store(sub: Any) -> None:
    from financehub_desktop.store.commands import register

    register(sub)


EXTRA_COMMANDS.append(_register_store)


def _register_webhooks(sub: Any) -> None:
    from financehub_desktop.services.webhooks import add_parser

    add_parser(sub)


EXTRA_COMMANDS.append(_register_webhooks)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = _lang()
    profile = DEMO_PROFILE if args.func is cmd_demo else args.profile
    log_file: list[str] = []

    def on_bug(*_: object) -> None:
        where = f" ({log_file[0]})" if log_file else ""
        print(f"financehub: internal error; the details are in the log{where}", file=sys.stderr)

    try:
        configure_logging(None, console_level="WARNING")  # until the profile's log folder is known
        try:
            paths = _prepare(profile)
            log_file.append(str(paths.log_file))
            log.info("starting %s %s (profile %s, command %s)", APP_NAME, __version__, profile, args.func.__name__)
        except FinanceHubError:
            if args.needs_profile:
                raise  # doctor still runs without a profile folder, to report the problem
        install_excepthook(on_bug)
        return int(args.func(args))
    except FinanceHubError as exc:
        if exc.is_known:
            log.warning("%s", exc)
            print_error(exc, lang)
            return EXIT_KNOWN_ERROR
        log.exception("bug")
        on_bug()
        return EXIT_BUG
    except KeyboardInterrupt:
        print("financehub: interrupted", file=sys.stderr)
        return 130
    except Exception:
        log.exception("unhandled error")
        on_bug()
        return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
