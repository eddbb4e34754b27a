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


def fill_and_submit(qtbot: Any, target: Any, values: dict[str, str], submit_id: str) -> None:
    """Type ``values`` into the inputs with those ids (as a person would: input and change events fire) and press
    the button ``submit_id``."""
    lines = [
        f"(function (e, v) {{ e.value = v; e.dispatchEvent(new Event('input', {{bubbles: true}}));"
        f" e.dispatchEvent(new Event('change', {{bubbles: true}})); }})(document.getElementById({key!r}), {value!r});"
        for key, value in values.items()
    ]
    run_js(qtbot, target, "\n".join([*lines, f"document.getElementById({submit_id!r}).click(); true"]))


def choose_connector(qtbot: Any, target: Any, connector_id: int) -> None:
    """Pick a bank in the Connect page's list and wait for its credential form."""
    wait_for_element(qtbot, target, f"connector-{connector_id}")
    run_js(qtbot, target, f"document.getElementById('connector-{connector_id}').click(); true")
    wait_for_element(qtbot, target, "user")
