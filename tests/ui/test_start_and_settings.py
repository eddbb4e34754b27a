"""First run, unlock, settings and the offline connections page."""

from __future__ import annotations

import keyring
import pytest
from pytestqt.qtbot import QtBot

from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings, load_settings
from financehub_desktop.services.context import AppServices
from financehub_desktop.services.credentials import KEYRING_SERVICE
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.ui.connections_page import ConnectionsPage
from financehub_desktop.ui.start_dialogs import FirstRunDialog, UnlockDialog

from .conftest import save_screenshot

pytestmark = pytest.mark.usefixtures("pt_br")
FAST = ScryptParams(n=2**10, r=8, p=1)


def test_first_run_offers_connect_or_demo(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Pluggy" in dialog.connect_button.text()
    save_screenshot(dialog, "first-run")
    with qtbot.waitSignal(dialog.accepted):
        dialog.demo_button.click()
    assert dialog.choice == "demo"


def test_unlock_creating_checks_length_and_repetition(qtbot: QtBot) -> None:
    dialog = UnlockDialog(creating=True)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("curta")
    dialog.try_accept()
    assert "8" in dialog.error.text()
    dialog.passphrase.setText("uma senha longa")
    dialog.confirm.setText("outra senha longa")
    dialog.try_accept()
    assert "diferentes" in dialog.error.text()
    dialog.confirm.setText("uma senha longa")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_accept()
    assert dialog.value() == "uma senha longa"


def test_unlock_shows_the_previous_error(qtbot: QtBot) -> None:
    dialog = UnlockDialog(creating=False, error="Senha mestra incorreta")
    qtbot.addWidget(dialog)
    assert dialog.error.text() == "Senha mestra incorreta"
    dialog.try_accept()
    assert dialog.result() == 0


@pytest.fixture
def offline_services() -> AppServices:
    services = AppServices.open(profile_paths("default"), Settings(), kdf=FAST)
    yield services
    services.store.close()


def test_without_credentials_the_connections_page_says_what_to_do(qtbot: QtBot, offline_services: AppServices) -> None:
    assert offline_services.client is None
    page = ConnectionsPage(offline_services.connections, "https://connect.pluggy.ai/")
    qtbot.addWidget(page)
    assert "Configurações" in page.notice.text()
    assert not page.add_button.isEnabled()
    assert not page.sync_button.isEnabled()


def test_settings_are_saved_and_the_relay_token_goes_to_the_keyring(
    qtbot: QtBot, offline_services: AppServices
) -> None:
    from financehub_desktop.ui.settings_page import SettingsPage

    page = SettingsPage(offline_services)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    save_screenshot(page, "page-settings")
    page.interval.setValue(12)
    page.language.setCurrentIndex(page.language.findData("en"))
    page.relay_url.setText("https://relay.example.org")
    page.relay_token.setText("relay-token-abcdef")
    with qtbot.waitSignal(page.saved):
        page.save()
    saved = load_settings(offline_services.paths.settings_file, {}).settings
    assert saved.sync_interval_hours == 12
    assert saved.language == "en"
    assert saved.relay_url == "https://relay.example.org"
    assert "relay-token-abcdef" not in offline_services.paths.settings_file.read_text()
    assert keyring.get_password(KEYRING_SERVICE, "relay-token:default") == "relay-token-abcdef"
    assert page.relay_token.text() == ""


def test_bad_relay_url_is_refused_with_a_message(qtbot: QtBot, offline_services: AppServices) -> None:
    from financehub_desktop.ui.settings_page import SettingsPage

    page = SettingsPage(offline_services)
    qtbot.addWidget(page)
    page.relay_url.setText("ftp://nope")
    with qtbot.waitSignal(page.error_raised) as blocker:
        assert page.save() is None
    assert "relay_url" in blocker.args[0].detail
