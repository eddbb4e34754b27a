"""Money as exact decimals with a currency, and its Brazilian and English spellings.

Amounts from Pluggy arrive as JSON numbers; they must never pass through ``float`` (0.1 + 0.2 is not 0.3 in
binary). ``parse_json`` reads them straight into ``Decimal`` and ``Money`` keeps the currency beside the amount.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any, Literal

Locale = Literal["pt_BR", "en"]

#: Symbols for the currencies a Brazilian user meets; anything else is shown by its ISO code.
CURRENCY_SYMBOLS: dict[str, str] = {"BRL": "R$", "USD": "US$", "EUR": "€", "GBP": "£"}
#: Minor units per ISO-4217; two unless listed.
MINOR_UNITS: dict[str, int] = {"JPY": 0, "CLP": 0, "KWD": 3, "BHD": 3}


class MoneyError(ValueError):
    """An amount or currency that cannot be money (wrong currency code, not a number, mixed currencies)."""


def _check_currency(code: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise MoneyError(f"not an ISO-4217 currency code: {code!r}")
    return code


def to_decimal(value: object) -> Decimal:
    """Convert an int, str or Decimal to ``Decimal`` exactly; floats are refused (they are already wrong)."""
    if isinstance(value, bool):
        raise MoneyError("a boolean is not an amount")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation as exc:
            raise MoneyError(f"not a number: {value!r}") from exc
    elif isinstance(value, float):
        raise MoneyError("amounts must not be floats; parse JSON with parse_json()")
    else:
        raise MoneyError(f"not an amount: {type(value).__name__}")
    if not result.is_finite():
        raise MoneyError(f"not a finite amount: {value!r}")
    return result


def parse_json(text: str | bytes) -> Any:
    """``json.loads`` with every non-integer number read as ``Decimal`` (no float rounding ever)."""
    return json.loads(text, parse_float=Decimal)


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency. Arithmetic refuses to mix currencies."""

    amount: Decimal
    currency: str = "BRL"

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_decimal(self.amount))
        _check_currency(self.currency)

    @classmethod
    def of(cls, value: object, currency: str = "BRL") -> Money:
        return cls(to_decimal(value), currency)

    @classmethod
    def from_cents(cls, cents: int, currency: str = "BRL") -> Money:
        places = MINOR_UNITS.get(currency, 2)
        return cls(Decimal(cents).scaleb(-places), currency)

    @property
    def cents(self) -> int:
        """The amount in minor units, rounded half-even (banker's rounding) when it has more places."""
        places = MINOR_UNITS.get(self.currency, 2)
        return int(self.amount.scaleb(places).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise MoneyError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def is_zero(self) -> bool:
        return self.amount == 0

    def format(self, locale: Locale = "pt_BR") -> str:
        return format_money(self.amount, self.currency, locale)

    def __str__(self) -> str:
        return self.format()


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_money(amount: Decimal, currency: str = "BRL", locale: Locale = "pt_BR") -> str:
    """``R$ 1.234,56`` / ``-R$ 1.234,56`` in pt-BR; ``R$1,234.56`` / ``-R$1,234.56`` in English.

    Rounds half-even to the currency's minor units for display only; the stored amount stays exact.
    """
    _check_currency(currency)
    places = MINOR_UNITS.get(currency, 2)
    quantum = Decimal(1).scaleb(-places)
    q = to_decimal(amount).quantize(quantum, rounding=ROUND_HALF_EVEN)
    negative = q < 0
    digits = f"{abs(q):f}"
    whole, _, frac = digits.partition(".")
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if locale == "pt_BR":
        body = _group(whole, ".") + ("," + frac if places else "")
        text = f"{symbol} {body}"
    else:
        body = _group(whole, ",") + ("." + frac if places else "")
        text = f"{symbol}{body}" if symbol in CURRENCY_SYMBOLS.values() else f"{symbol} {body}"
    return ("-" + text) if negative else text


_PT_AMOUNT = re.compile(r"^\s*(-)?\s*(?:R\$)?\s*(-)?\s*([0-9.]*[0-9])(?:,([0-9]+))?\s*$")


def parse_brl(text: str) -> Decimal:
    """Parse a pt-BR amount as typed by a person: ``1.234,56``, ``R$ 10``, ``-R$ 0,5``."""
    normalised = text.replace("\u00a0", " ")
    m = _PT_AMOUNT.match(normalised)
    if not m:
        raise MoneyError(f"not a Brazilian amount: {text!r}")
    sign = "-" if (m.group(1) or m.group(2)) else ""
    whole = m.group(3)
    if "." in whole and not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", whole):
        raise MoneyError(f"misplaced thousands separator in {text!r}")
    frac = m.group(4) or "0"
    return Decimal(f"{sign}{whole.replace('.', '')}.{frac}")
