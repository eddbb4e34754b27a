"""Driving a page in QtWebEngine from a test: run a script and wait for its answer, wait for an element."""

from __future__ import annotations

from typing import Any

from PySide6.QtWebEngineCore import QWebEnginePage


def _page(target: Any) -> QWebEnginePage:
    """A QWebEnginePage, or the page of a QWebEngineView."""
    return target if isinstance(target, QWebEnginePage) else target.page()


def run_js(qtbot: Any, target: Any, script: str, timeout: int = 10_000) -> Any:
    """Run ``script`` in the page and return its value (pumping Qt events while waiting)."""
    box: list[Any] = []
    _page(target).runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return box[0]


def wait_for_element(qtbot: Any, target: Any, element_id: str, timeout: int = 15_000) -> None:
    """Wait until an element with this id exists and is not inside a ``hidden`` section."""
    script = (
        f"!!document.getElementById({element_id!r}) && !document.getElementById({element_id!r}).closest('[hidden]')"
    )
    qtbot.waitUntil(lambda: bool(run_js(qtbot, target, script)), timeout=timeout)
