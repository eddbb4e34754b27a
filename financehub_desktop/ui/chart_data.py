"""What the dashboard charts show, without matplotlib: month labels and the monthly flow record.

Kept apart from ``charts`` so the dashboard can be built (and the window shown) before matplotlib is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from financehub_desktop.domain.money import Locale

MONTHS_PT = ("jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class MonthFlow:
    month: date  # first day of the month
    income: Decimal
    spending: Decimal  # positive number


def month_label(day: date, locale: Locale) -> str:
    names = MONTHS_PT if locale == "pt_BR" else MONTHS_EN
    return f"{names[day.month - 1]}/{day.year % 100:02d}"
