"""How values look on screen: money as ``R$ 1.234,56`` (pt-BR) or ``R$1,234.56`` (en), dates as dd/mm/yyyy."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

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


def number(value: Decimal | None, places: int | None = 2) -> str:
    """``1234.5`` -> ``1.234,50`` (pt-BR) / ``1,234.50`` (en), half-even, never ``-0,00``. ``places=None`` keeps the
    value's own decimals (up to 8, trailing zeros dropped): fund quotas and share prices as the bank gave them. A value
    with too many digits to round (nonsense from a bank) is shown as sent."""
    if value is None:
        return ""
    if places is None:
        exponent = value.normalize().as_tuple().exponent
        places = min(max(-exponent, 0), 8) if isinstance(exponent, int) else 0
    try:
        quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return str(value)
    text = f"{quantized:,.{places}f}"
    if text.startswith("-") and quantized == 0:
        text = text[1:]
    if ui_locale() == "pt_BR":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(value: Decimal | None, places: int = 2) -> str:
    """A rate already in percent (``12.345``) -> ``12,35%`` (pt-BR) / ``12.35%`` (en); ``""`` when unknown."""
    return "" if value is None else number(value, places) + "%"
