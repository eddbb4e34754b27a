"""The Connect dialog: Pluggy's Connect page in a QWebEngineView, its URL events turned into Qt signals.

Real mode loads connect.pluggy.ai with a fresh connect token; demo mode loads the sandbox's ``/connect`` page with
the same parameters. OAuth popups and links that leave the Connect origin open in the system browser.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from financehub_desktop.config.logs import get_logger

from .url_events import ConnectOptions, ConnectUrlEvent, build_connect_url, is_connect_origin, parse_connect_url

log = get_logger("ui")


class ConnectPage(QWebEnginePage):
    """Keeps the view on the Connect origin; anything else goes to the system browser."""

    external_url_opened = Signal(QUrl)

    def __init__(self, base_url: str, profile: QWebEngineProfile, parent: QWidget | None = None) -> None:
        super().__init__(profile, parent)
        self.base_url = base_url

    def acceptNavigationRequest(  # noqa: N802 (Qt override)
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        target = QUrl(url) if isinstance(url, str) else url
        if not is_main_frame or target.scheme() in ("data", "blob", "about"):
            return True
        if is_connect_origin(target.toString(), self.base_url):
            return True
        self._open_externally(target)
        return False

    def createWindow(self, window_type: QWebEnginePage.WebWindowType) -> QWebEnginePage:  # noqa: N802
        """OAuth and bank pages are popups: hand their URL to the system browser (forceOauthInBrowser)."""
        popup = QWebEnginePage(self.profile(), self)
        popup.urlChanged.connect(lambda url: self._adopt_popup(popup, url))
        return popup

    def _adopt_popup(self, popup: QWebEnginePage, url: QUrl) -> None:
        if url.isEmpty() or url.scheme() == "about":
            return
        self._open_externally(url)
        popup.deleteLater()

    def _open_externally(self, url: QUrl) -> None:
        if url.scheme() not in ("http", "https"):
            log.warning("refused to open a non-web link from the Connect page (%s)", url.scheme())
            return
        log.info("opening in the system browser: %s", url.host())
        self.external_url_opened.emit(url)
        QDesktopServices.openUrl(url)


class ConnectDialog(QDialog):
    """Emits ``event_received`` for every Connect event, then ``succeeded(item_id)`` or ``failed(message,
    item_id)``. The dialog closes itself on success or when the page reports CLOSE."""

    event_received = Signal(object)  # ConnectUrlEvent
    succeeded = Signal(str)
    failed = Signal(str, str)

    def __init__(self, base_url: str, options: ConnectOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect a bank"))
        self.resize(520, 720)
        self.base_url = base_url
        self.item_id: str | None = None
        self._last_timestamp: str | None = None
        self._seen_events = 0

        # Qt 6's default profile is off-the-record: the widget's cookies and storage never touch the disk. It lives
        # as long as the application, so it always outlives the page (a profile released first crashes).
        profile = QWebEngineProfile.defaultProfile()
        assert profile.isOffTheRecord()
        self.view = QWebEngineView(self)
        self.page = ConnectPage(base_url, profile, self.view)
        self.view.setPage(self.page)
        self.status = QLabel(self.tr("Loading Pluggy Connect…"))
        self.status.setObjectName("connectStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self.finished.connect(self._release_page)
        self.page.urlChanged.connect(self._on_url_changed)
        self.page.loadFinished.connect(self._on_load_finished)
        self.view.load(QUrl(build_connect_url(base_url, options)))

    def _release_page(self, _result: int = 0) -> None:
        """Free the page now: a page still alive when the (application-wide) profile goes away crashes Qt."""
        self.page.urlChanged.disconnect(self._on_url_changed)
        self.view.setPage(None)  # type: ignore[arg-type]
        self.page.deleteLater()

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            message = self.tr("Pluggy Connect could not be loaded. Check your connection and try again.")
            self.status.setText(message)
            self.failed.emit(message, "")
        else:
            self.status.setText("")

    def _on_url_changed(self, url: QUrl) -> None:
        parsed = parse_connect_url(url.toString())
        if parsed is None:
            return
        # The page rewrites the whole history each time; a new event has a new timestamp or a longer history.
        if parsed.timestamp == self._last_timestamp and len(parsed.history) <= self._seen_events:
            return
        self._last_timestamp = parsed.timestamp
        self._seen_events = len(parsed.history)
        self.handle_event(parsed)

    def handle_event(self, event: ConnectUrlEvent) -> None:
        log.info("connect event %s (item status %s)", event.event, event.item_status)
        if event.item_id:
            self.item_id = event.item_id
        self.event_received.emit(event)
        if event.event == "SUCCESS" and event.item_id:
            self.status.setText(self.tr("Connected. Syncing your data…"))
            self.succeeded.emit(event.item_id)
            self.accept()
        elif event.event == "ERROR":
            message = event.error or self.tr("The connection failed.")
            self.status.setText(message)
            self.failed.emit(message, event.item_id or "")
        elif event.event in ("CLOSE", "IN_BACKGROUND"):
            self.reject()
