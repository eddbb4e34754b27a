from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.domain.errors import DiskFullError
from financehub_desktop.ui.main_window import MainWindow, page_specs
from financehub_desktop.ui.pages import PendingPage

from .conftest import save_screenshot

PAGE_KEYS = ["dashboard", "accounts", "transactions", "investments", "bills", "loans", "pix", "connections", "settings"]


def make_window(qtbot: QtBot, *, demo: bool = False, language: str = "pt_BR") -> MainWindow:
    window = MainWindow(profile_paths("default").ensure(), Settings().replace(language=language), demo=demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.mark.usefixtures("pt_br")
def test_sidebar_has_every_page_in_portuguese(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert labels == [
        "Painel", "Contas", "Transações", "Investimentos", "Faturas do cartão", "Empréstimos", "PIX", "Conexões",
        "Configurações",
    ]  # fmt: skip
    assert [s.key for s in page_specs()] == PAGE_KEYS
    save_screenshot(window, "main-window-pt-BR")


@pytest.mark.usefixtures("english")
def test_sidebar_in_english(qtbot: QtBot) -> None:
    window = make_window(qtbot, language="en")
    assert window.sidebar.item(0).text() == "Dashboard"
    assert window.sidebar.item(4).text() == "Card bills"


@pytest.mark.usefixtures("pt_br")
def test_pages_not_landed_say_so_and_show_no_data(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    for key in PAGE_KEYS:
        page = window.pages[key]
        assert isinstance(page, PendingPage)
        assert "ainda não está disponível" in page.notice.text()


@pytest.mark.usefixtures("pt_br")
def test_ctrl_number_switches_pages(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "transactions"
    assert window.stack.currentWidget() is window.pages["transactions"]
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "settings"
    window.show_page("pix")
    assert window.stack.currentWidget() is window.pages["pix"]
    with pytest.raises(KeyError):
        window.show_page("nope")


@pytest.mark.usefixtures("pt_br")
def test_demo_mode_is_visible(qtbot: QtBot) -> None:
    window = make_window(qtbot, demo=True)
    assert "Demonstração" in window.windowTitle()
    save_screenshot(window, "main-window-demo")


@pytest.mark.usefixtures("pt_br")
def test_about_shows_versions_and_paths(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    dialog = window.show_about()
    qtbot.addWidget(dialog)
    text = dialog.details.text()
    assert "Qt 6." in text
    assert str(window.paths.data_dir) in text
    assert "Perfil: default" in text
    save_screenshot(dialog, "about")


@pytest.mark.usefixtures("pt_br")
def test_known_error_is_shown_with_its_help(qtbot: QtBot) -> None:
    window = make_window(qtbot)
    dialog = window.show_error(DiskFullError("/data/financehub.db"))
    qtbot.addWidget(dialog)
    assert "O disco está cheio" in dialog.text()
    assert "Libere espaço" in dialog.informativeText()
    assert "docs/errors.md#disk-full" in dialog.informativeText()
    assert "O disco está cheio" in window.statusBar().currentMessage()
    save_screenshot(dialog, "error-dialog")


@pytest.mark.usefixtures("pt_br")
def test_window_really_renders_text(qtbot: QtBot) -> None:
    """A blank window would pass the other tests: check the sidebar is drawn in its colour with light text on it."""
    window = make_window(qtbot)
    image: QImage = window.sidebar.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 3) for y in range(0, 200, 3)}
    assert "#1f2a44" in colours  # the sidebar background
    assert len(colours) > 5  # anti-aliased text, not a flat fill
