"""Investments (CDB, Tesouro Direto, funds, stocks, FIIs...) with totals per type, and each holding's transactions.

Read-only and offline: everything comes from what the last sync stored. Holdings the bank no longer lists (or whose
connection was removed) are left out, like accounts. Money stays ``Decimal``; totals are per currency (BRL by
default): a holding in another currency is counted apart, never converted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.store import Store
from financehub_desktop.store.schema import investment_transactions, investments, items

from .bank_rows import rows_still_at_the_bank

HUNDRED = Decimal(100)

#: Pluggy ``Investment.type`` in words, and the order the totals are shown in (most common first).
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "FIXED_INCOME": ("Renda fixa", "Fixed income"),
    "SECURITY": ("Previdência privada", "Private pension"),
    "MUTUAL_FUND": ("Fundos de investimento", "Investment funds"),
    "EQUITY": ("Renda variável", "Equities"),
    "ETF": ("ETFs", "ETFs"),
    "COE": ("COE", "Structured notes (COE)"),
    "OTHER": ("Outros", "Other"),
}
_TYPE_ORDER = {key: n for n, key in enumerate(TYPE_LABELS)}

#: Pluggy ``Investment.subtype`` in words (pluggy-api.md §8: subtypes by type).
SUBTYPE_LABELS: dict[str, tuple[str, str]] = {
    "STOCK": ("Ações", "Stocks"),
    "BDR": ("BDR", "BDR"),
    "REAL_ESTATE_FUND": ("Fundo imobiliário", "Real estate fund (FII)"),
    "DERIVATIVES": ("Derivativos", "Derivatives"),
    "OPTION": ("Opções", "Options"),
    "ETF": ("ETF", "ETF"),
    "TREASURY": ("Tesouro Direto", "Treasury bonds (Tesouro Direto)"),
    "CDB": ("CDB", "CDB"),
    "LCI": ("LCI", "LCI"),
    "LCA": ("LCA", "LCA"),
    "LC": ("Letra de câmbio (LC)", "Exchange bill (LC)"),
    "LF": ("Letra financeira (LF)", "Financial bill (LF)"),
    "CRI": ("CRI", "CRI"),
    "CRA": ("CRA", "CRA"),
    "DEBENTURES": ("Debêntures", "Debentures"),
    "CORPORATE_DEBT": ("Título de dívida corporativa", "Corporate debt"),
    "INVESTMENT_FUND": ("Fundo de investimento", "Investment fund"),
    "MULTIMARKET_FUND": ("Fundo multimercado", "Multimarket fund"),
    "FIXED_INCOME_FUND": ("Fundo de renda fixa", "Fixed income fund"),
    "STOCK_FUND": ("Fundo de ações", "Stock fund"),
    "ETF_FUND": ("Fundo de índice (ETF)", "Index fund (ETF)"),
    "OFFSHORE_FUND": ("Fundo no exterior", "Offshore fund"),
    "FIP_FUND": ("Fundo de participações (FIP)", "Private equity fund (FIP)"),
    "EXCHANGE_FUND": ("Fundo cambial", "Currency fund"),
    "FI_INFRA": ("Fundo de infraestrutura", "Infrastructure fund"),
    "FI_AGRO": ("Fiagro", "Agribusiness fund (Fiagro)"),
    "STRUCTURED_NOTE": ("COE", "Structured note (COE)"),
    "RETIREMENT": ("Previdência privada", "Private pension"),
    "OTHER": ("Outros", "Other"),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "ACTIVE": ("Ativo", "Active"),
    "PENDING": ("Pendente", "Pending"),
    "TOTAL_WITHDRAWAL": ("Resgatado", "Fully withdrawn"),
}

#: Transaction types in words. Buying a stock is a "compra"; putting money in a CDB or a fund is an "aplicação".
_TRADED_TYPES = frozenset({"EQUITY", "ETF"})
TRANSACTION_LABELS: dict[str, tuple[str, str]] = {
    "BUY": ("Aplicação", "Deposit"),
    "SELL": ("Resgate", "Redemption"),
    "TAX": ("Imposto", "Tax"),
    "TRANSFER": ("Transferência", "Transfer"),
    "INTEREST": ("Rendimento", "Income"),
    "AMORTIZATION": ("Amortização", "Amortization"),
    "OTHER": ("Outro", "Other"),
}
TRADED_TRANSACTION_LABELS: dict[str, tuple[str, str]] = {
    "BUY": ("Compra", "Buy"),
    "SELL": ("Venda", "Sell"),
    "INTEREST": ("Proventos", "Dividends and income"),
}


def _words(table: Mapping[str, tuple[str, str]], code: str | None, language: str) -> str | None:
    if not code:
        return None
    pair = table.get(code.upper())
    if pair is None:
        return None
    return pair[1] if language == "en" else pair[0]


def type_label(investment_type: str, language: str = "pt_BR") -> str:
    """``FIXED_INCOME`` -> ``Renda fixa``; a type Pluggy adds later shows as its code rather than vanishing."""
    return _words(TYPE_LABELS, investment_type, language) or investment_type


def subtype_label(investment_type: str, subtype: str | None, language: str = "pt_BR") -> str:
    """``TREASURY`` -> ``Tesouro Direto``, ``MULTIMARKET_FUND`` -> ``Fundo multimercado``; no subtype: the type."""
    return _words(SUBTYPE_LABELS, subtype, language) or subtype or type_label(investment_type, language)


def transaction_label(kind: str, investment_type: str, language: str = "pt_BR") -> str:
    """``BUY`` -> ``Compra`` for stocks and ETFs, ``Aplicação`` for CDBs, Tesouro and funds."""
    if investment_type in _TRADED_TYPES:
        traded = _words(TRADED_TRANSACTION_LABELS, kind, language)
        if traded:
            return traded
    return _words(TRANSACTION_LABELS, kind, language) or kind


@dataclass(frozen=True, slots=True)
class ContractedRate:
    """What the product pays as agreed: ``110`` % of ``CDI``, ``IPCA`` + ``6.12`` % a year, ``12.5`` % pre-fixed.

    Pluggy gives ``rate`` (percent), ``rateType`` (free text: CDI, SELIC, IPCA, PRE...) and ``fixedAnnualRate``."""

    rate: Decimal | None
    index: str  # upper-case rate type ("" when the bank gave none)
    fixed_annual_rate: Decimal | None


@dataclass(frozen=True, slots=True)
class HoldingView:
    """One investment as the holdings table shows it."""

    investment_id: str
    item_id: str
    name: str
    code: str  # ticker (PETR4) or bond code (LFT 2029); "" when none
    isin: str
    investment_type: str  # FIXED_INCOME | MUTUAL_FUND | EQUITY | ETF | SECURITY | COE | OTHER
    subtype: str  # CDB, TREASURY, STOCK... ("" when the bank gave none)
    type_label: str  # the type in words (Renda fixa)
    subtype_label: str  # the product in words (Tesouro Direto, Fundo multimercado...)
    issuer: str
    institution: str  # the institution holding it (Pluggy's ``institution.name``), else the connection's bank
    connection: str  # the connected bank (connector name)
    balance: Money  # gross current value
    invested: Money | None  # amount originally put in (``amountOriginal``)
    profit: Money | None  # ``amountProfit``, else balance - invested when both are known
    net_withdrawal: Money | None  # what a redemption would pay today, after taxes (``amountWithdrawal``)
    taxes: Money | None  # income tax (+ IOF) the bank estimates (``taxes`` + ``taxes2``)
    quantity: Decimal | None
    unit_value: Money | None  # price of one share/quota (``value``)
    last_month_rate: Decimal | None  # percent
    last_twelve_months_rate: Decimal | None  # percent
    annual_rate: Decimal | None  # percent
    contracted: ContractedRate
    due_date: date | None
    purchase_date: date | None
    as_of: date | None  # the day the bank valued it
    status: str  # ACTIVE | PENDING | TOTAL_WITHDRAWAL ("" when unknown)
    status_label: str

    @property
    def profit_percent(self) -> Decimal | None:
        """Profit over what was invested, in percent (``None`` when either is unknown or nothing was invested)."""
        if self.profit is None or self.invested is None or self.invested.amount <= 0:
            return None
        return self.profit.amount / self.invested.amount * HUNDRED


@dataclass(frozen=True, slots=True)
class TypeTotal:
    """The holdings of one investment type in one currency, added up."""

    investment_type: str
    label: str
    holdings: int
    balance: Money
    invested: Money  # of the holdings whose invested amount is known
    profit: Money  # of the holdings whose profit is known
    profit_percent: Decimal | None  # over the holdings whose invested amount and profit are both known


@dataclass(frozen=True, slots=True)
class InvestmentTotals:
    currency: str
    balance: Money
    invested: Money
    profit: Money
    by_type: tuple[TypeTotal, ...]
    holdings: int  # counted in these totals
    other_currency_holdings: int  # left out: in another currency (never converted)
    profit_percent: Decimal | None  # over the holdings whose invested amount and profit are both known

    def share(self, part: TypeTotal) -> Decimal | None:
        """The part's share of the whole, in percent (``None`` when the whole is zero)."""
        if self.balance.amount <= 0:
            return None
        return part.balance.amount / self.balance.amount * HUNDRED


@dataclass(frozen=True, slots=True)
class InvestmentTransactionView:
    """One movement of a holding: a purchase, a redemption, income, a tax..."""

    transaction_id: str
    investment_id: str
    day: date
    trade_day: date | None
    kind: str  # BUY | SELL | TAX | TRANSFER | INTEREST | AMORTIZATION | OTHER
    kind_label: str
    movement: str  # CREDIT | DEBIT ("" when unknown)
    quantity: Decimal | None
    unit_value: Money | None  # price per share/quota
    amount: Money | None  # gross
    net_amount: Money | None  # after fees and taxes
    description: str


def _money(value: Decimal | None, currency: str) -> Money | None:
    return None if value is None else Money(value, currency)


def _day(value: datetime | None) -> date | None:
    return None if value is None else value.date()


def _return_percent(views: list[HoldingView]) -> Decimal | None:
    """Profit over invested, counting only holdings where both are known (a profit without its base inflates it)."""
    profit = invested = Decimal(0)
    for view in views:
        if view.profit is not None and view.invested is not None:
            profit += view.profit.amount
            invested += view.invested.amount
    return profit / invested * HUNDRED if invested > 0 else None


def _institution(raw: Any) -> str:
    if isinstance(raw, Mapping):
        institution = raw.get("institution")
        if isinstance(institution, Mapping):
            name = institution.get("name")
            if isinstance(name, str):
                return name.strip()
    return ""


class InvestmentsService:
    def __init__(self, store: Store, language: str = "pt_BR") -> None:
        self.store = store
        self.language = language

    # ------------------------------------------------------------------ holdings
    def holdings(self) -> list[HoldingView]:
        """Every investment still listed by its bank, by type (fixed income first), then name."""
        stmt = rows_still_at_the_bank(investments, "connection")
        with self.store.read() as conn:
            views = [self._holding(row) for row in conn.execute(stmt)]
        return sorted(views, key=lambda h: (_TYPE_ORDER.get(h.investment_type, 99), h.name.casefold(), h.investment_id))

    def _holding(self, r: Any) -> HoldingView:
        cur = r.currency_code
        balance = Money(r.balance, cur)
        invested = _money(r.amount_original, cur)
        if r.amount_profit is not None:
            profit: Money | None = Money(r.amount_profit, cur)
        elif invested is not None:
            profit = balance - invested
        else:
            profit = None
        taxes = (
            None
            if r.taxes is None and r.taxes2 is None
            else Money((r.taxes or Decimal(0)) + (r.taxes2 or Decimal(0)), cur)
        )
        connection = r.connection or ""
        language = self.language
        return HoldingView(
            investment_id=r.id,
            item_id=r.item_id,
            name=r.name,
            code=r.code or "",
            isin=r.isin or "",
            investment_type=r.type,
            subtype=r.subtype or "",
            type_label=type_label(r.type, language),
            subtype_label=subtype_label(r.type, r.subtype, language),
            issuer=(r.issuer or "").strip(),
            institution=_institution(r.raw) or connection,
            connection=connection,
            balance=balance,
            invested=invested,
            profit=profit,
            net_withdrawal=_money(r.amount_withdrawal, cur),
            taxes=taxes,
            quantity=r.quantity,
            unit_value=_money(r.value, cur),
            last_month_rate=r.last_month_rate,
            last_twelve_months_rate=r.last_twelve_months_rate,
            annual_rate=r.annual_rate,
            contracted=ContractedRate(r.rate, (r.rate_type or "").strip().upper(), r.fixed_annual_rate),
            due_date=_day(r.due_date),
            purchase_date=_day(r.purchase_date),
            as_of=_day(r.date),
            status=r.status or "",
            status_label=_words(STATUS_LABELS, r.status, language) or (r.status or ""),
        )

    def totals(self, holdings: list[HoldingView] | None = None, currency: str = "BRL") -> InvestmentTotals:
        """What the holdings in ``currency`` add up to, overall and per type (pass ``holdings`` to avoid a re-read)."""
        views = self.holdings() if holdings is None else holdings
        zero = Money(Decimal(0), currency)
        groups: dict[str, list[HoldingView]] = {}
        others = 0
        for view in views:
            if view.balance.currency != currency:
                others += 1
                continue
            groups.setdefault(view.investment_type, []).append(view)
        by_type: list[TypeTotal] = []
        for kind in sorted(groups, key=lambda k: (_TYPE_ORDER.get(k, 99), k)):
            members = groups[kind]
            by_type.append(
                TypeTotal(
                    investment_type=kind,
                    label=type_label(kind, self.language),
                    holdings=len(members),
                    balance=sum((m.balance for m in members), zero),
                    invested=sum((m.invested for m in members if m.invested is not None), zero),
                    profit=sum((m.profit for m in members if m.profit is not None), zero),
                    profit_percent=_return_percent(members),
                )
            )
        return InvestmentTotals(
            currency=currency,
            balance=sum((t.balance for t in by_type), zero),
            invested=sum((t.invested for t in by_type), zero),
            profit=sum((t.profit for t in by_type), zero),
            by_type=tuple(by_type),
            holdings=sum(t.holdings for t in by_type),
            other_currency_holdings=others,
            profit_percent=_return_percent([m for members in groups.values() for m in members]),
        )

    # ------------------------------------------------------------------ transactions
    def transactions(self, investment_id: str) -> list[InvestmentTransactionView]:
        """One holding's movements, newest first. An unknown or removed holding is an ``InvalidInputError``."""
        v, i, t = investments.c, items.c, investment_transactions.c
        holding_stmt = (
            select(v.type, v.currency_code)
            .select_from(investments.join(items, i.id == v.item_id))
            .where(v.id == investment_id, v.removed_at.is_(None), i.removed_at.is_(None))
        )
        rows_stmt = (
            select(investment_transactions)
            .where(t.investment_id == investment_id, t.removed_at.is_(None))
            .order_by(t.date.desc(), t.trade_date.desc(), t.id.desc())
        )
        with self.store.read() as conn:
            holding = conn.execute(holding_stmt).one_or_none()
            if holding is None:
                raise InvalidInputError(f"investment {investment_id} does not exist")
            rows = list(conn.execute(rows_stmt))
        cur, kind_of = holding.currency_code, holding.type
        return [
            InvestmentTransactionView(
                transaction_id=r.id,
                investment_id=r.investment_id,
                day=r.date.date(),
                trade_day=_day(r.trade_date),
                kind=r.type,
                kind_label=transaction_label(r.type, kind_of, self.language),
                movement=r.movement_type or "",
                quantity=r.quantity,
                unit_value=_money(r.value, cur),
                amount=_money(r.amount, cur),
                net_amount=_money(r.net_amount, cur),
                description=(r.description or "").strip(),
            )
            for r in rows
        ]


__all__ = [
    "ContractedRate",
    "HoldingView",
    "InvestmentTotals",
    "InvestmentTransactionView",
    "InvestmentsService",
    "TypeTotal",
    "subtype_label",
    "transaction_label",
    "type_label",
]
