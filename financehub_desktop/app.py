"""Composition root: builds the objects and runs QApplication on a qasync loop.

The entry follows PLATFORM.md gotcha 1: QtWebEngine segfaults when ``aboutToQuit`` fires twice, and every
``exec()`` return or ``exit()`` emits it. So the loop runs exactly once, until ``aboutToQuit`` sets an event.
"""

from __future__ import annotations

import asyncio
import os
import sys

from financehub_desktop import APP_ID, APP_NAME, __version__
from financehub_desktop.config.logs import configure_logging, get_logger, install_excepthook
from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import load_settings

log = get_logger("app")


def prepare_qt_environment(env: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Environment QtWebEngine needs before it is imported (root has no Chromium sandbox)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")


def run(profile: str, demo: bool = False, argv: list[str] | None = None) -> int:
    prepare_qt_environment()
    import PySide6.QtWebEngineWidgets  # noqa: F401  (must precede QApplication: PLATFORM.md gotcha 3)
    import qasync
    from PySide6.QtWidgets import QApplication

    from financehub_desktop.ui.crash import show_crash_dialog
    from financehub_desktop.ui.i18n import install_translator
    from financehub_desktop.ui.main_window import MainWindow

    paths = profile_paths(profile).ensure()
    loaded = load_settings(paths.settings_file, os.environ)
    configure_logging(paths.log_dir, loaded.settings.log_level)

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    install_translator(app, loaded.settings.language)

    install_excepthook(lambda t, e, tb: show_crash_dialog(e, tb, paths.log_file))

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)

    window = MainWindow(paths=paths, settings=loaded.settings, demo=demo)
    window.show()
    for problem in loaded.problems:
        window.show_error(problem)
    log.info("window shown (profile %s, demo %s)", paths.profile, demo)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0
