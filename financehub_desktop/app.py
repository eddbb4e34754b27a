"""Composition root: builds the objects and runs QApplication on a qasync loop.

The entry follows PLATFORM.md gotcha 1: QtWebEngine segfaults when ``aboutToQuit`` fires twice, and every
``exec()`` return or ``exit()`` emits it. So the loop runs exactly once, until ``aboutToQuit`` sets an event.
Demo mode starts the embedded Pluggy sandbox on loopback for the lifetime of the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from financehub_desktop import APP_ID, APP_NAME, __version__
from financehub_desktop.config.logs import configure_logging, get_logger, install_excepthook, register_secret
from financehub_desktop.config.paths import DEMO_PROFILE, ProfilePaths, profile_paths
from financehub_desktop.config.settings import Settings, load_settings
from financehub_desktop.domain.errors import KeyringUnavailableError, PassphraseRequiredError, WrongPassphraseError
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import CredentialsService, PluggyCredentials

if TYPE_CHECKING:
    from financehub_desktop.ui.single_instance import InstanceGuard

log = get_logger("app")


def prepare_qt_environment(env: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Environment QtWebEngine needs before it is imported (root has no Chromium sandbox)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")


@dataclass
class Session:
    """What the window runs on: the profile, its settings (demo: pointed at the sandbox) and where Connect lives."""

    paths: ProfilePaths
    settings: Settings
    demo: bool
    connect_url: str
    credentials: PluggyCredentials | None


def start_demo_sandbox(stack: contextlib.ExitStack, settings: Settings) -> tuple[Settings, str, PluggyCredentials]:
    """The embedded sandbox on 127.0.0.1 (a free port), stopped when the app exits."""
    from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
    from financehub_desktop.sandbox.server import serve_in_thread

    url = stack.enter_context(serve_in_thread(SandboxConfig(seed=1, step_seconds=0.4)))
    log.info("demo sandbox listening on %s", url)
    register_secret(DEMO_CLIENT_SECRET)
    demo_settings = settings.replace(pluggy_api_url=url, pluggy_connect_url=f"{url}/connect")
    return demo_settings, f"{url}/connect", PluggyCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)


def open_services(session: Session) -> AppServices | None:
    """Unlock silently from the keyring, else ask for the master passphrase (creating one the first time)."""
    from financehub_desktop.ui.start_dialogs import UnlockDialog

    passphrase: str | None = None
    error = ""
    creating = False
    while True:
        try:
            return AppServices.open(session.paths, session.settings, passphrase=passphrase,
                                    credentials=session.credentials,
                                    demo=session.demo and passphrase is None)  # fmt: skip
        except KeyringUnavailableError:
            creating = True
        except PassphraseRequiredError:
            creating = False
        except WrongPassphraseError as exc:
            error = exc.message("en" if session.settings.language == "en" else "pt_BR")
        dialog = UnlockDialog(creating, error)
        if dialog.exec() != UnlockDialog.DialogCode.Accepted:
            return None
        passphrase = dialog.value()


def claim_profile(paths: ProfilePaths, stack: contextlib.ExitStack) -> InstanceGuard | None:
    """This profile for this process only, until ``stack`` closes. ``None`` when another FinanceHub has it open: that
    window is asked to come to the front (or, failing that, the user is told)."""
    from financehub_desktop.ui.single_instance import InstanceGuard, show_already_open

    guard = InstanceGuard(paths.instance_lock)
    if guard.acquire():
        stack.callback(guard.release)
        return guard
    log.info("profile %s is already open in another process", paths.profile)
    if not guard.ask_running_instance_to_show():
        show_already_open(paths.profile)
    return None


def choose_session(profile: str, demo: bool, stack: contextlib.ExitStack) -> Session | None:
    paths = profile_paths(DEMO_PROFILE if demo else profile).ensure()
    settings = load_settings(paths.settings_file, os.environ).settings
    if not demo:
        credentials = CredentialsService(paths).load()
        if credentials is None and not paths.database.exists():
            from financehub_desktop.ui.start_dialogs import FirstRunDialog

            first = FirstRunDialog()
            if first.exec() != FirstRunDialog.DialogCode.Accepted:
                return None
            if first.choice == "demo":
                return choose_session(profile, True, stack)
        return Session(paths, settings, False, settings.pluggy_connect_url, credentials)
    settings, connect_url, credentials = start_demo_sandbox(stack, settings)
    return Session(paths, settings, True, connect_url, credentials)


async def serve_session(
    services: AppServices, settings: Settings, closed: asyncio.Event, quitting: Callable[[], bool]
) -> None:
    """Background sync (scheduler + relay or polling) while the window is open; then close everything."""
    stop = asyncio.Event()
    background = None
    if services.connections is not None:
        background = asyncio.ensure_future(
            services.connections.run_background(stop, relay_url=settings.relay_url, relay_token=services.relay_token())
        )
    await closed.wait()
    stop.set()
    if quitting():  # the system quit the app under us: no more awaiting, just close the store
        services.store.close()
        return
    if background is not None:
        try:
            await asyncio.wait_for(background, timeout=5)
        except (TimeoutError, asyncio.CancelledError):
            log.warning("background sync did not stop in time")
        except Exception:
            log.exception("background sync failed")
    await services.aclose()


def run(profile: str, demo: bool = False, argv: list[str] | None = None) -> int:
    prepare_qt_environment()
    import PySide6.QtWebEngineWidgets  # noqa: F401  (must precede QApplication: PLATFORM.md gotcha 3)
    import qasync
    from PySide6.QtWidgets import QApplication

    from financehub_desktop.ui.crash import show_crash_dialog
    from financehub_desktop.ui.i18n import install_translator
    from financehub_desktop.ui.main_window import MainWindow

    first_paths = profile_paths(DEMO_PROFILE if demo else profile).ensure()
    loaded = load_settings(first_paths.settings_file, os.environ)
    configure_logging(first_paths.log_dir, loaded.settings.log_level)

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    install_translator(app, loaded.settings.language)
    install_excepthook(lambda t, e, tb: show_crash_dialog(e, tb, first_paths.log_file))

    with contextlib.ExitStack() as stack:
        guard = claim_profile(first_paths, stack)
        if guard is None:
            return 0
        guards = [guard]
        session = choose_session(profile, demo, stack)
        if session is None:
            return 0
        if session.paths.profile != first_paths.profile:  # the first-run dialog chose the demo
            demo_guard = claim_profile(session.paths, stack)
            if demo_guard is None:
                return 0
            guards.append(demo_guard)
        configure_logging(session.paths.log_dir, session.settings.log_level)
        services = open_services(session)
        if services is None:
            return 0
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        # The window's close ends the session: services are closed while the loop still runs, then the loop stops,
        # which quits the application once (a second aboutToQuit after a web view existed segfaults).
        app.setQuitOnLastWindowClosed(False)
        closed = asyncio.Event()
        quitting = False

        def on_about_to_quit() -> None:
            nonlocal quitting
            quitting = True
            closed.set()

        app.aboutToQuit.connect(on_about_to_quit)

        window = MainWindow(session.paths, session.settings, session.demo, services, session.connect_url)
        window.closed.connect(closed.set)
        for held in guards:
            held.activation_requested.connect(window.bring_to_front)
        window.show()
        for problem in loaded.problems:
            window.show_error(problem)
        log.info("window shown (profile %s, demo %s)", session.paths.profile, session.demo)

        with loop:
            loop.run_until_complete(serve_session(services, session.settings, closed, lambda: quitting))
    return 0
