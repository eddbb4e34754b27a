from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from financehub_desktop.domain.errors import RateLimitedError
from financehub_desktop.domain.money import Money
from financehub_desktop.ui import formatting


@pytest.mark.usefixtures("pt_br")
def test_portuguese_money_and_dates() -> None:
    assert formatting.money(Money.of("-1234.5")) == "-R$ 1.234,50"
    assert formatting.day(date(2025, 3, 7)) == "07/03/2025"
    assert formatting.day(datetime(2025, 12, 31, 23, 0, tzinfo=UTC)) == "31/12/2025"
    assert formatting.money(None) == ""


@pytest.mark.usefixtures("english")
def test_english_money_keeps_brazilian_dates() -> None:
    assert formatting.money(Money.of(Decimal("1234.5"))) == "R$1,234.50"
    assert formatting.day(date(2025, 3, 7)) == "07/03/2025"


def test_error_text_follows_the_app_language_and_defaults_to_portuguese() -> None:
    error = RateLimitedError("GET /transactions: 429", endpoint="GET /transactions", status=429)
    english = formatting.error_text(error, "en")
    portuguese = formatting.error_text(error, "pt_BR")
    assert english == error.message("en") and "Pluggy" in english
    assert portuguese == error.message("pt_BR") and portuguese != english
    assert formatting.error_text(error, "") == portuguese  # an unset or unknown language reads Portuguese
    assert formatting.message_language("fr") == "pt_BR"
