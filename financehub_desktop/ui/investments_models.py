"""Table models of the investments page: holdings (sortable by any column, exactly: Decimal keys, never text) and one
holding's transactions; plus how numbers, percentages and contracted rates read in pt-BR and English."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from financehub_desktop.domain.money import CURRENCY_SYMBOLS, Money
from financehub_desktop.services.investments import ContractedRate, HoldingView, InvestmentTransactionView

from . import formatting, palette
from .formatting import number, percent
from .paged_model import Column, ColumnsTableModel

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
NEGATIVE = palette.NEGATIVE
POSITIVE = palette.POSITIVE
MUTED = palette.MUTED
INSTITUTION_COLUMN, RATE_COLUMN = 2, 3
TICKER_LENGTH = 7  # B3 tickers (PETR4, HGLG11, BOVA11) fit; longer codes (NTN-B PRINCIPAL 2035) go in the tooltip


# ---------------------------------------------------------------------------------------------- numbers in words
def _short_percent(value: Decimal) -> str:
    """Contracted rates read as written on the product: ``110%``, ``6,12%``, ``92,5%``."""
    exponent = value.normalize().as_tuple().exponent
    places = min(max(-exponent, 0), 4) if isinstance(exponent, int) else 0
    return number(value, places) + "%"


def unit_price(value: Money | None) -> str:
    """A share or quota price keeps its decimals (``R$ 3,4444``); whole-cent prices look like any money."""
    if value is None:
        return ""
    exponent = value.amount.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -2:
        return formatting.money(value)
    symbol = CURRENCY_SYMBOLS.get(value.currency, value.currency)
    body = number(abs(value.amount), None)
    sign = "-" if value.amount < 0 else ""
    pt_br = formatting.ui_locale() == "pt_BR"
    return f"{sign}{symbol} {body}" if pt_br or symbol == value.currency else f"{sign}{symbol}{body}"


_PRE_FIXED = frozenset({"", "PRE", "PRE_FIXADO", "PREFIXADO", "PRE-FIXADO", "FIXED"})


def contracted_rate(rate: ContractedRate) -> str:
    """``110% do CDI``, ``IPCA + 6,12% a.a.``, ``12,5% a.a.`` (pre-fixed), ``100% da Selic``; ``""`` when unknown."""
    index = rate.index
    value = rate.rate
    if index.startswith("IPCA"):
        value = rate.fixed_annual_rate if rate.fixed_annual_rate is not None else value
        template = QCoreApplication.translate("Investments", "IPCA + {rate} a.y.")
    elif index == "CDI":
        template = QCoreApplication.translate("Investments", "{rate} of CDI")
    elif index == "SELIC":
        template = QCoreApplication.translate("Investments", "{rate} of Selic")
    elif index in _PRE_FIXED:
        template = QCoreApplication.translate("Investments", "{rate} a.y.")
    else:
        template = "{rate} " + index
    if value is None:
        return "" if index in _PRE_FIXED else index
    return template.format(rate=_short_percent(value))


# ---------------------------------------------------------------------------------------------- a list model
class ListTableModel(ColumnsTableModel[Row]):
    """A small, fully loaded list (holdings are tens, not thousands) that sorts itself on exact keys.

    Unknown values (``None``) stay at the bottom whichever way the column is sorted."""

    def __init__(self, columns: list[Column[Row]], sortable: bool = True) -> None:
        super().__init__(columns)
        self.sortable = sortable

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.sortable or not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        key: Callable[[Row], Any] = spec.sort_value or (lambda r: str(spec.value(r) or "").casefold())
        known = [r for r in self._rows if key(r) is not None]
        unknown = [r for r in self._rows if key(r) is None]
        known.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = {id(r): n for n, r in enumerate(known + unknown)}
        new = [self.index(moved[id(self._rows[i.row()])], i.column()) for i in old]
        self._rows = known + unknown
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()


def _money_key(value: Money | None) -> Decimal | None:
    return None if value is None else value.amount


def _profit_colour(value: Money | None) -> QColor | None:
    if value is None or value.amount == 0:
        return None
    return POSITIVE if value.amount > 0 else NEGATIVE


def _percent_colour(value: Decimal | None) -> QColor | None:
    if value is None or value == 0:
        return None
    return POSITIVE if value > 0 else NEGATIVE


def holding_columns() -> list[Column[HoldingView]]:
    issuer_tip = QCoreApplication.translate("Investments", "Issuer: {name}")
    profit_tip = QCoreApplication.translate("Investments", "Balance minus what was invested (and that in percent)")
    twelve_tip = QCoreApplication.translate("Investments", "Return over the last 12 months, as the bank reports it")
    titles = [
        QCoreApplication.translate("Investments", "Investment"),
        QCoreApplication.translate("Investments", "Type"),
        QCoreApplication.translate("Investments", "Institution"),
        QCoreApplication.translate("Investments", "Rate"),
        QCoreApplication.translate("Investments", "Invested"),
        QCoreApplication.translate("Investments", "Balance"),
        QCoreApplication.translate("Investments", "Profit"),
        QCoreApplication.translate("Investments", "12 months"),
        QCoreApplication.translate("Investments", "Maturity"),
    ]

    def name(h: HoldingView) -> str:
        text = h.name
        if h.code and len(h.code) <= TICKER_LENGTH and h.code.casefold() not in h.name.casefold():
            text += f" ({h.code})"  # stock and FII tickers: PETR4, HGLG11
        if h.status and h.status != "ACTIVE":
            text += f" — {h.status_label}"
        return text

    def name_tip(h: HoldingView) -> str | None:
        parts = [h.code, h.isin and f"ISIN {h.isin}", h.issuer and issuer_tip.format(name=h.issuer)]
        return " · ".join(p for p in parts if p) or None

    def muted(h: HoldingView) -> QColor | None:
        return MUTED if h.status in {"TOTAL_WITHDRAWAL", "PENDING"} else None

    def profit_text(h: HoldingView) -> str:
        text = formatting.money(h.profit)
        return f"{text} ({percent(h.profit_percent)})" if h.profit_percent is not None else text

    def rate_key(h: HoldingView) -> tuple[str, Decimal] | None:
        return None if h.contracted.rate is None else (h.contracted.index, h.contracted.rate)

    investment, kind, institution, rate, invested, balance, profit, twelve, maturity = titles
    return [
        Column(investment, name, tooltip=name_tip, foreground=muted, sort_value=lambda h: h.name.casefold()),
        Column(kind, lambda h: h.subtype_label, tooltip=lambda h: h.type_label,
               sort_value=lambda h: (h.type_label.casefold(), h.subtype_label.casefold())),
        Column(institution, lambda h: h.institution,
               tooltip=lambda h: h.connection if h.connection != h.institution else None),
        Column(rate, lambda h: contracted_rate(h.contracted), sort_value=rate_key),
        Column(invested, lambda h: formatting.money(h.invested), align=RIGHT,
               sort_value=lambda h: _money_key(h.invested)),
        Column(balance, lambda h: formatting.money(h.balance), align=RIGHT, sort_value=lambda h: h.balance.amount),
        Column(profit, profit_text, align=RIGHT, tooltip=lambda h: profit_tip,
               foreground=lambda h: _profit_colour(h.profit), sort_value=lambda h: _money_key(h.profit)),
        Column(twelve, lambda h: percent(h.last_twelve_months_rate), align=RIGHT,
               foreground=lambda h: _percent_colour(h.last_twelve_months_rate), tooltip=lambda h: twelve_tip,
               sort_value=lambda h: h.last_twelve_months_rate),
        Column(maturity, lambda h: formatting.day(h.due_date), align=CENTER, sort_value=lambda h: h.due_date),
    ]  # fmt: skip


def transaction_columns() -> list[Column[InvestmentTransactionView]]:
    net_tip = QCoreApplication.translate("Investments", "After fees and taxes")
    titles = [
        QCoreApplication.translate("Investments", "Date"),
        QCoreApplication.translate("Investments", "Type"),
        QCoreApplication.translate("Investments", "Description"),
        QCoreApplication.translate("Investments", "Quantity"),
        QCoreApplication.translate("Investments", "Unit price"),
        QCoreApplication.translate("Investments", "Amount"),
        QCoreApplication.translate("Investments", "Net amount"),
    ]

    def tax_colour(t: InvestmentTransactionView) -> QColor | None:
        return NEGATIVE if t.kind == "TAX" else None

    day, kind, description, quantity, price, amount, net = titles
    return [
        Column(day, lambda t: formatting.day(t.day), align=CENTER, sort_value=lambda t: t.day),
        Column(kind, lambda t: t.kind_label),
        Column(description, lambda t: t.description),
        Column(quantity, lambda t: number(t.quantity, None), align=RIGHT, sort_value=lambda t: t.quantity),
        Column(price, lambda t: unit_price(t.unit_value), align=RIGHT, sort_value=lambda t: _money_key(t.unit_value)),
        Column(amount, lambda t: formatting.money(t.amount), align=RIGHT, foreground=tax_colour,
               sort_value=lambda t: _money_key(t.amount)),
        Column(net, lambda t: formatting.money(t.net_amount), align=RIGHT, tooltip=lambda t: net_tip,
               sort_value=lambda t: _money_key(t.net_amount)),
    ]  # fmt: skip
