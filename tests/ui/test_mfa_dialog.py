from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.services.mfa import MfaPrompt
from financehub_desktop.ui.mfa_dialog import MfaDialog

from .conftest import save_screenshot


def _png() -> str:
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data.data())).decode()


def test_number_token_is_checked_then_accepted(qtbot: QtBot) -> None:
    prompt = MfaPrompt.from_parameter(
        "item-1",
        {"name": "token", "label": "Token", "type": "number", "validation": "^\\d{6}$",
         "validationMessage": "O token tem 6 dígitos",
         "expiresAt": (datetime.now(UTC) + timedelta(minutes=3)).isoformat()},
    )  # fmt: skip
    dialog = MfaDialog(prompt, "Pluggy Bank")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.field is not None
    dialog.field.setText("12a")
    dialog.try_accept()
    assert dialog.result() == 0
    assert "6 dígitos" in dialog.error.text()
    assert dialog.countdown.text()  # the expiry is shown
    dialog.field.setText("123456")
    with qtbot.waitSignal(dialog.accepted):
        dialog.try_accept()
    assert dialog.checked_answer == "123456"
    save_screenshot(dialog, "mfa-number")


def test_select_builds_a_choice(qtbot: QtBot) -> None:
    prompt = MfaPrompt.from_parameter(
        "i", {"name": "device", "label": "Dispositivo", "type": "select",
              "options": [{"value": "sms", "label": "SMS"}, {"value": "app", "label": "App do banco"}]},
    )  # fmt: skip
    dialog = MfaDialog(prompt)
    qtbot.addWidget(dialog)
    assert dialog.choice is not None
    assert dialog.choice.count() == 2
    dialog.choice.setCurrentIndex(1)
    dialog.try_accept()
    assert dialog.checked_answer == "app"


def test_image_challenge_shows_the_image(qtbot: QtBot) -> None:
    prompt = MfaPrompt.from_parameter("i", {"name": "qr", "label": "Código", "type": "image", "data": _png()})
    dialog = MfaDialog(prompt)
    qtbot.addWidget(dialog)
    assert dialog.image is not None
    assert dialog.field is not None


def test_password_is_masked_and_unknown_types_fall_back_to_text(qtbot: QtBot) -> None:
    secret = MfaDialog(MfaPrompt.from_parameter("i", {"name": "pin", "type": "password"}))
    qtbot.addWidget(secret)
    assert secret.field is not None
    assert secret.field.echoMode() == secret.field.EchoMode.Password
    odd = MfaPrompt.from_parameter("i", {"name": "x", "type": "hcaptcha"})
    assert odd.field_type == "text"


@pytest.mark.parametrize("bad", [{}, {"name": ""}, {"label": "no name"}])
def test_a_request_without_a_field_name_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError):
        MfaPrompt.from_parameter("i", bad)


def test_expired_request_says_so(qtbot: QtBot) -> None:
    prompt = MfaPrompt.from_parameter("i", {"name": "token", "expiresAt": "2020-01-01T00:00:00.000Z"})
    dialog = MfaDialog(prompt)
    qtbot.addWidget(dialog)
    assert "expired" in dialog.countdown.text() or "expirou" in dialog.countdown.text()
