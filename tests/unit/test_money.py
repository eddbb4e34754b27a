from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.domain.money import Money, MoneyError, format_money, parse_brl, parse_json

amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False)


@pytest.mark.parametrize(
    ("amount", "pt", "en"),
    [
        ("1234.56", "R$ 1.234,56", "R$1,234.56"),
        ("-1234.56", "-R$ 1.234,56", "-R$1,234.56"),
        ("0", "R$ 0,00", "R$0.00"),
        ("0.005", "R$ 0,00", "R$0.00"),  # half-even: 0.005 -> 0.00
        ("0.015", "R$ 0,02", "R$0.02"),
        ("1000000", "R$ 1.000.000,00", "R$1,000,000.00"),
        ("999.999", "R$ 1.000,00", "R$1,000.00"),
    ],
)
def test_brazilian_and_english_formats(amount: str, pt: str, en: str) -> None:
    assert format_money(Decimal(amount), "BRL", "pt_BR") == pt
    assert format_money(Decimal(amount), "BRL", "en") == en


def test_other_currencies_use_their_symbol_or_code() -> None:
    assert format_money(Decimal("10"), "USD", "pt_BR") == "US$ 10,00"
    assert format_money(Decimal("10"), "CHF", "pt_BR") == "CHF 10,00"
    assert format_money(Decimal("10"), "JPY", "pt_BR") == "JPY 10"


def test_json_numbers_never_pass_through_float() -> None:
    data = parse_json('{"amount": 0.1, "other": 0.2, "big": 12345678901234567.89}')
    assert data["amount"] + data["other"] == Decimal("0.3")
    assert data["big"] == Decimal("12345678901234567.89")


def test_money_refuses_floats_and_mixed_currencies() -> None:
    with pytest.raises(MoneyError):
        Money.of(0.1)
    with pytest.raises(MoneyError):
        Money.of("1") + Money.of("1", "USD")
    with pytest.raises(MoneyError):
        Money.of("abc")
    with pytest.raises(MoneyError):
        Money.of("1", "real")
    with pytest.raises(MoneyError):
        Money.of("NaN")


def test_cents_round_trip() -> None:
    assert Money.from_cents(123456).amount == Decimal("1234.56")
    assert Money.of("1234.565").cents == 123456  # banker's rounding
    assert Money.of("-0.01").cents == -1


@given(amounts)
def test_formatting_parses_back_exactly(value: Decimal) -> None:
    text = format_money(value, "BRL", "pt_BR")
    assert parse_brl(text) == value


@given(amounts, amounts)
def test_addition_is_exact(a: Decimal, b: Decimal) -> None:
    assert (Money.of(a) + Money.of(b)).amount == a + b
    assert (Money.of(a) - Money.of(b) + Money.of(b)).amount == a


@given(st.text(max_size=20))
def test_parse_brl_never_crashes_unexpectedly(text: str) -> None:
    try:
        result = parse_brl(text)
    except MoneyError:
        return
    assert isinstance(result, Decimal)


@pytest.mark.parametrize("bad", ["1.23.4,5", "12,3,4", "R$", "", "1.2345"])
def test_parse_brl_rejects_malformed(bad: str) -> None:
    with pytest.raises(MoneyError):
        parse_brl(bad)


def test_parse_brl_accepts_what_people_type() -> None:
    assert parse_brl("1.234,56") == Decimal("1234.56")
    assert parse_brl("R$ 10") == Decimal("10")
    assert parse_brl("-R$ 0,5") == Decimal("-0.5")
    assert parse_brl("R$ -3,00") == Decimal("-3.00")
