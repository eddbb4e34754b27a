"""Calendar arithmetic the app's money follows: bills, installments and loan payments fall on "the same day" of
another month, or that month's last day when it is shorter."""

from __future__ import annotations

import calendar
from datetime import date


def shift_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), the month's last day when it is shorter (31/01 + 1 -> 28/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


__all__ = ["shift_months"]
