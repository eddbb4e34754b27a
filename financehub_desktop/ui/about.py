"""Help > About: versions and where this profile's files live (what a bug report needs)."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from financehub_desktop import APP_NAME, __version__
from financehub_desktop.config.paths import ProfilePaths


class AboutDialog(QDialog):
    def __init__(self, paths: ProfilePaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{APP_NAME} {__version__}</h2>")
        blurb = QLabel(
            self.tr(
                "Your Brazilian bank accounts through Pluggy (Open Finance), kept encrypted on this computer "
                "and browsable offline."
            )
        )
        blurb.setWordWrap(True)
        self.details = QLabel(
            "<br>".join(
                [
                    f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}",
                    self.tr("Profile: {name}").format(name=paths.profile),
                    self.tr("Data: {path}").format(path=paths.data_dir),
                    self.tr("Settings: {path}").format(path=paths.config_dir),
                    self.tr("Logs: {path}").format(path=paths.log_dir),
                ]
            )
        )
        self.details.setTextInteractionFlags(self.details.textInteractionFlags().TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for widget in (title, blurb, self.details, buttons):
            layout.addWidget(widget)
