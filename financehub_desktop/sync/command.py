"""``financehub sync [--item ID] [--demo]``: sync headless, with a progress bar and a summary.

- Without ``--demo``: the profile's store, Pluggy's API at ``settings.pluggy_api_url``, the client id from the settings
  (``PLUGGY_CLIENT_ID``) and the client secret from ``PLUGGY_CLIENT_SECRET`` or the keyring
  (service ``financehub-desktop``, user ``pluggy-client-secret:<profile>``). Every stored item, or ``--item``.
- With ``--demo``: ``cli.py`` starts the embedded sandbox (this package may not import it) and hands over its URL and
  demo credentials; a demo item is created with ``user-ok`` and synced into the *demo* profile, end to end. The demo
  profile keeps only that item (earlier demo items point at a sandbox that no longer exists).

MFA: on a terminal the code is asked for; without one the sync of that item ends in ``MfaRequiredError``.
Exit status: 0 when every item synced, 1 when any failed or was partial (the summary says why).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import keyring
import keyring.errors
from sqlalchemy import delete, select

from financehub_desktop.config.logs import register_secret
from financehub_desktop.config.paths import DEMO_PROFILE, profile_paths
from financehub_desktop.config.settings import load_settings
from financehub_desktop.domain.errors import FinanceHubError, Lang, PluggyAuthError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.models.items import ConnectorCredential
from financehub_desktop.pluggy.usage_file import save_usage
from financehub_desktop.store import Store, open_demo_store, open_store, schema
from financehub_desktop.store.keys import KEYRING_SERVICE

from .engine import AnswerMfa, SyncEngine, SyncOptions
from .progress import SyncProgress, SyncReport

#: What cli.py hands over for ``--demo``: a context manager yielding (base_url, client_id, client_secret).
DemoBackend = Callable[[], contextlib.AbstractContextManager[tuple[str, str, str]]]
SECRET_ENV = "PLUGGY_CLIENT_SECRET"  # noqa: S105 (a variable name)
DEMO_USER = "user-ok"
DEMO_PASSWORD = "password-ok"  # noqa: S105 (the sandbox's documented password)
PLUGGY_BANK = 2


def secret_keyring_user(profile: str) -> str:
    return f"pluggy-client-secret:{profile}"


def add_parser(sub: Any, *, demo_backend: DemoBackend | None = None) -> None:
    p = sub.add_parser("sync", help="sync your bank connections now, with a progress bar and a summary")
    p.add_argument("--item", action="append", metavar="ID", help="sync only this item (repeatable)")
    p.add_argument("--demo", action="store_true", help="run against the embedded sandbox with a demo item")
    p.add_argument("--no-refresh", action="store_true", help="pull what Pluggy has without asking for a refresh")
    p.set_defaults(func=lambda args: run(args, demo_backend), needs_profile=True)


def _lang() -> Lang:
    value = os.environ.get("FINANCEHUB_LANGUAGE") or os.environ.get("LANG", "pt_BR")
    return "en" if value.startswith("en") else "pt_BR"


# ---------------------------------------------------------------------------------------------- output
class ProgressBar:
    """A one-line bar on stderr (only on a terminal, to keep logs and pipes clean)."""

    def __init__(self, stream: TextIO = sys.stderr, width: int = 24) -> None:
        self.stream = stream
        self.width = width
        self.enabled = stream.isatty()

    def __call__(self, progress: SyncProgress) -> None:
        if not self.enabled:
            return
        total = max(progress.total, 1)
        filled = int(self.width * min(progress.done, total) / total)
        bar = "#" * filled + "." * (self.width - filled)
        text = f"\r[{bar}] {progress.done}/{progress.total} {progress.item_id[:8]} {progress.message}"[:110]
        self.stream.write(text.ljust(110))
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 110 + "\r")
            self.stream.flush()


def render_summary(report: SyncReport, lang: Lang = "en") -> str:
    total = report.total
    lines = [
        f"item {report.item_id}: {report.status} in {report.duration_seconds:.1f} s"
        + (" (resumed an interrupted sync)" if report.resumed else ""),
    ]
    if report.refresh_note:
        lines.append(f"  refresh: {report.refresh_note}")
    elif report.refreshed:
        lines.append("  refresh: done at the bank")
    if report.accounts:
        lines.append(f"  accounts: {', '.join(report.accounts)}")
    lines.append(f"  {'':24} {'inserted':>9} {'updated':>9} {'removed':>9} {'unchanged':>10}")
    for name, counts in sorted(report.counts.items()):
        lines.append(f"  {name:24} {counts.inserted:>9} {counts.updated:>9} {counts.removed:>9} {counts.unchanged:>10}")
    lines.append(f"  {'total':24} {total.inserted:>9} {total.updated:>9} {total.removed:>9} {total.unchanged:>10}")
    for error in report.errors:
        info = error.help(lang)
        lines.append(f"  error: {error.message(lang)}")
        lines.append(f"    {info.what_happened}")
        lines.extend(f"    - {step}" for step in info.steps)
    return "\n".join(lines)


async def ask_on_terminal(item_id: str, parameter: ConnectorCredential) -> str:
    label = parameter.label or parameter.name
    hint = f" ({parameter.assistive_text})" if parameter.assistive_text else ""
    options = f" [{', '.join(o.value for o in parameter.options)}]" if parameter.options else ""
    answer = await asyncio.to_thread(input, f"\n{label}{hint}{options} for item {item_id[:8]}: ")
    return answer.strip()


# ---------------------------------------------------------------------------------------------- running
async def sync_items(
    client: PluggyClient,
    store: Store,
    item_ids: Sequence[str],
    *,
    answer_mfa: AnswerMfa | None,
    observer: Callable[[SyncProgress], None] | None = None,
    refresh: bool = True,
    options: SyncOptions | None = None,
) -> list[SyncReport]:
    engine = SyncEngine(client, store, options=options)
    return [
        await engine.sync_item(item_id, trigger="user", answer_mfa=answer_mfa, observer=observer, refresh=refresh)
        for item_id in item_ids
    ]


def stored_item_ids(store: Store) -> list[str]:
    t = schema.items
    with store.read() as conn:
        return [row.id for row in conn.execute(select(t.c.id).where(t.c.removed_at.is_(None)).order_by(t.c.id))]


async def create_demo_item(client: PluggyClient, *, step_seconds: float = 0.05) -> str:
    """Connect ``user-ok`` at Pluggy Bank on the sandbox, as the Connect page would, and wait for it."""
    item = await client.create_item(PLUGGY_BANK, {"user": DEMO_USER, "password": DEMO_PASSWORD})
    for _ in range(6000):
        if item.status in ("UPDATED", "LOGIN_ERROR", "OUTDATED"):
            break
        await asyncio.sleep(step_seconds)
        item = await client.get_item(item.id)
    return item.id


def forget_other_items(store: Store, keep: str) -> None:
    """Demo profile only: earlier demo items belong to sandboxes that are gone (rows cascade away with them)."""
    with store.write() as conn:
        conn.execute(delete(schema.items).where(schema.items.c.id != keep))


def _client_secret(profile: str) -> str | None:
    """The same place ``services.credentials`` keeps it; registered with the log redactor once read."""
    secret = os.environ.get(SECRET_ENV)
    if not secret:
        with contextlib.suppress(keyring.errors.KeyringError):
            secret = keyring.get_password(KEYRING_SERVICE, secret_keyring_user(profile))
    if secret:
        register_secret(secret)
    return secret or None


@contextlib.contextmanager
def _bar() -> Iterator[ProgressBar]:
    bar = ProgressBar()
    try:
        yield bar
    finally:
        bar.done()


def _finish(reports: Sequence[SyncReport]) -> int:
    lang = _lang()
    for report in reports:
        print(render_summary(report, lang))
    return 0 if reports and all(r.status == "succeeded" for r in reports) else 1


def run(args: argparse.Namespace, demo_backend: DemoBackend | None) -> int:
    answer = ask_on_terminal if sys.stdin.isatty() else None
    refresh = not args.no_refresh
    if args.demo:
        if demo_backend is None:
            raise FinanceHubError("demo mode is not available in this build")
        demo_paths = profile_paths(DEMO_PROFILE).ensure()
        with demo_backend() as backend, open_demo_store(demo_paths) as store:
            run_demo = _run(
                backend,
                store,
                item_ids=args.item,
                answer=answer,
                refresh=refresh,
                demo=True,
                usage_file=demo_paths.api_usage_file,
            )
            return _finish(asyncio.run(run_demo))
    paths = profile_paths(args.profile)
    settings = load_settings(paths.settings_file, os.environ).settings
    client_secret = _client_secret(args.profile)
    if not settings.pluggy_client_id or not client_secret:
        raise PluggyAuthError(
            f"no Pluggy client id/secret for profile {args.profile!r}: set PLUGGY_CLIENT_ID and {SECRET_ENV}, "
            "or save them in the app (or try `financehub sync --demo`)"
        )
    with open_store(paths) as store:
        item_ids = list(args.item or stored_item_ids(store))
        if not item_ids:
            print("no bank connections yet: connect one in the app, or try `financehub sync --demo`")
            return 0
        real = (settings.pluggy_api_url, settings.pluggy_client_id, client_secret)
        usage = paths.api_usage_file
        return _finish(
            asyncio.run(_run(real, store, item_ids=item_ids, answer=answer, refresh=refresh, usage_file=usage))
        )


async def _run(
    backend: tuple[str, str, str],
    store: Store,
    *,
    item_ids: list[str] | None,
    answer: AnswerMfa | None,
    refresh: bool,
    demo: bool = False,
    usage_file: Path | None = None,
) -> list[SyncReport]:
    """Sync ``item_ids`` (for the demo, a fresh demo item when none is given) through one client."""
    url, client_id, secret = backend
    async with PluggyClient(url, client_id, secret) as client:
        try:
            if demo and not item_ids:
                item_id = await create_demo_item(client)
                forget_other_items(store, keep=item_id)
                item_ids = [item_id]
            with _bar() as bar:
                return await sync_items(client, store, item_ids or [], answer_mfa=answer, observer=bar, refresh=refresh)
        finally:
            if usage_file is not None:  # for `financehub doctor`, even when the sync failed
                save_usage(usage_file, "sync", client.metrics_snapshot())
