"""How values look on screen: money as ``R$ 1.234,56`` (pt-BR) or ``R$1,234.56`` (en), dates as dd/mm/yyyy."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from financehub_desktop.domain.errors import FinanceHubError, Lang
from financehub_desktop.domain.money import Locale, Money, format_money


def ui_locale() -> Locale:
    return "en" if QLocale().language() == QLocale.Language.English else "pt_BR"


def message_language(language: str) -> Lang:
    """The language of error messages and help for the app's ``language`` setting (``en``, else Portuguese)."""
    return "en" if language == "en" else "pt_BR"


def error_text(error: FinanceHubError, language: str) -> str:
    """What went wrong, in the app's language (the one-line message; ``ErrorDialog`` adds the help)."""
    return error.message(message_language(language))


def money(value: Money | None) -> str:
    if value is None:
        return ""
    return format_money(value.amount, value.currency, ui_locale())


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.strftime("%d/%m/%Y")


def moment(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d/%m/%Y %H:%M")
