"""Language: Qt Linguist translations (source strings are English; pt-BR is the default UI language) and the
locale used for numbers and dates (``R$ 1.234,56``, ``dd/mm/yyyy``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from financehub_desktop.config.logs import get_logger

from .resources import resource

log = get_logger("ui")
_installed: list[QTranslator] = []


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Switch the UI language; English needs no translator. Returns whether a translation was loaded."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
        if language == "pt_BR"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )
    if language == "en":
        return False
    # Qt's own strings first (Save, Cancel, Yes, No in standard dialogs), then ours.
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    else:
        log.warning("Qt's own %s translation is missing; standard buttons stay in English", language)
    translator = QTranslator(app)
    path = resource("translations", f"financehub_{language}.qm")
    if not translator.load(str(path)):
        log.warning("translation %s could not be loaded; the UI stays in English", path.name)
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
