"""Investments read from a real encrypted store, as a sync leaves them (tests/support/sample_investments.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.services.investments import InvestmentsService, subtype_label, transaction_label, type_label
from financehub_desktop.store import Store
from tests.support.sample_investments import (
    APPLE,
    BROKER,
    BROKER_ITEM,
    CDB,
    FII,
    FUND,
    GONE,
    IPCA,
    PETR4,
    seed_investments,
)


@pytest.fixture
def invested(store: Store) -> Store:
    seed_investments(store)
    return store


def brl(text: str) -> Money:
    return Money.of(text)


def test_holdings_leave_out_what_the_bank_no_longer_lists(invested: Store) -> None:
    ids = [h.investment_id for h in InvestmentsService(invested).holdings()]
    assert GONE not in ids
    assert ids == [CDB, IPCA, FUND, APPLE, FII, PETR4]  # fixed income, funds, equities; by name within a type


def test_a_holding_in_words_with_its_rates_and_dates(invested: Store) -> None:
    cdb = next(h for h in InvestmentsService(invested).holdings() if h.investment_id == CDB)
    assert (cdb.type_label, cdb.subtype_label) == ("Renda fixa", "CDB")
    assert cdb.issuer == "BANCO INTER S.A."
    assert cdb.institution == "Banco Inter"  # Pluggy's institution beats the connection's bank
    assert cdb.connection == "Pluggy Bank"
    assert cdb.balance == brl("10500.00")
    assert cdb.invested == brl("10000.00")
    assert cdb.profit == brl("500.00")
    assert cdb.profit_percent == Decimal(5)
    assert cdb.net_withdrawal == brl("10425.00")
    assert cdb.taxes == brl("75.00")
    assert cdb.last_twelve_months_rate == Decimal("11.8000")
    assert cdb.annual_rate == Decimal("11.80")
    assert (cdb.contracted.rate, cdb.contracted.index) == (Decimal(110), "CDI")
    assert cdb.due_date == date(2027, 3, 15)
    assert cdb.as_of == date(2026, 2, 27)
    assert cdb.status_label == "Ativo"


def test_profit_is_computed_when_the_bank_gives_only_the_invested_amount(invested: Store) -> None:
    holdings = {h.investment_id: h for h in InvestmentsService(invested).holdings()}
    ipca = holdings[IPCA]
    assert ipca.subtype_label == "Tesouro Direto"
    assert ipca.institution == BROKER  # no institution in the payload: the connected bank
    assert ipca.profit == brl("234.56")
    assert ipca.contracted.fixed_annual_rate == Decimal("6.12")
    fund = holdings[FUND]
    assert fund.subtype_label == "Fundo multimercado"
    assert fund.invested is None and fund.profit is None and fund.profit_percent is None
    assert fund.unit_value == brl("3.4444") and fund.quantity == Decimal(900)
    assert holdings[FII].profit == brl("-48.00")
    assert holdings[FII].subtype_label == "Fundo imobiliário"
    assert holdings[PETR4].code == "PETR4"
    assert holdings[APPLE].balance == Money.of("1000.00", "USD")


def test_totals_per_type_and_overall_in_reais(invested: Store) -> None:
    service = InvestmentsService(invested)
    totals = service.totals()
    assert totals.balance == brl("24116.56")
    assert totals.invested == brl("20050.00")
    assert totals.profit == brl("966.56")
    assert totals.holdings == 5
    assert totals.other_currency_holdings == 1  # the dollar stock is not converted nor added
    assert totals.profit_percent == Decimal("966.56") / Decimal("20050.00") * 100
    by_type = {t.investment_type: t for t in totals.by_type}
    assert [t.label for t in totals.by_type] == ["Renda fixa", "Fundos de investimento", "Renda variável"]
    assert by_type["FIXED_INCOME"].balance == brl("15734.56")
    assert by_type["FIXED_INCOME"].holdings == 2
    assert by_type["MUTUAL_FUND"].balance == brl("3100.00")
    assert by_type["MUTUAL_FUND"].profit_percent is None
    assert by_type["EQUITY"].balance == brl("5282.00")
    assert by_type["EQUITY"].profit == brl("232.00")
    assert totals.share(by_type["MUTUAL_FUND"]) == Decimal("3100.00") / Decimal("24116.56") * 100
    for total in totals.by_type:
        assert isinstance(total.balance.amount, Decimal)
    dollars = service.totals(currency="USD")
    assert dollars.balance == Money.of("1000.00", "USD")
    assert dollars.other_currency_holdings == 5


def test_a_removed_connection_takes_its_investments_away(invested: Store) -> None:
    with invested.write() as conn:
        conn.exec_driver_sql("UPDATE items SET removed_at = '2026-03-01T00:00:00.000000Z' WHERE id = ?", (BROKER_ITEM,))
    service = InvestmentsService(invested)
    assert [h.investment_id for h in service.holdings()] == [CDB]
    assert service.totals().balance == brl("10500.00")
    with pytest.raises(InvalidInputError):
        service.transactions(PETR4)


def test_no_investments_gives_zero_totals(store: Store) -> None:
    service = InvestmentsService(store)
    assert service.holdings() == []
    totals = service.totals()
    assert totals.balance == brl("0") and totals.by_type == () and totals.holdings == 0
    assert totals.profit_percent is None


def test_transactions_newest_first_in_words_without_removed_ones(invested: Store) -> None:
    rows = InvestmentsService(invested).transactions(PETR4)
    assert [r.transaction_id for r in rows] == ["petr-4", "petr-3", "petr-2", "petr-1"]
    assert [r.kind_label for r in rows] == ["Proventos", "Imposto", "Venda", "Compra"]
    sale = rows[2]
    assert sale.day == date(2026, 1, 20)
    assert sale.quantity == Decimal(10)
    assert sale.unit_value == brl("39.74")
    assert sale.amount == brl("397.40")
    assert sale.net_amount == brl("391.44")
    assert sale.movement == "CREDIT"
    assert sale.description == "Venda PETR4"
    cdb = InvestmentsService(invested, "en").transactions(CDB)
    assert [(r.kind_label, r.amount) for r in cdb] == [("Deposit", brl("10000.00"))]
    assert InvestmentsService(invested).transactions(FUND) == []


def test_transactions_of_an_unknown_or_removed_holding_are_refused(invested: Store) -> None:
    service = InvestmentsService(invested)
    for missing in ("no-such-investment", GONE):
        with pytest.raises(InvalidInputError):
            service.transactions(missing)


def test_english_words(invested: Store) -> None:
    holdings = {h.investment_id: h for h in InvestmentsService(invested, "en").holdings()}
    assert holdings[IPCA].subtype_label == "Treasury bonds (Tesouro Direto)"
    assert holdings[FUND].type_label == "Investment funds"
    assert holdings[CDB].status_label == "Active"
    assert InvestmentsService(invested, "en").totals().by_type[2].label == "Equities"


@pytest.mark.parametrize(
    ("kind", "subtype", "pt", "en"),
    [
        ("FIXED_INCOME", "TREASURY", "Tesouro Direto", "Treasury bonds (Tesouro Direto)"),
        ("FIXED_INCOME", "LCA", "LCA", "LCA"),
        ("EQUITY", "STOCK", "Ações", "Stocks"),
        ("ETF", "ETF", "ETF", "ETF"),
        ("EQUITY", "REAL_ESTATE_FUND", "Fundo imobiliário", "Real estate fund (FII)"),
        ("SECURITY", "RETIREMENT", "Previdência privada", "Private pension"),
        ("MUTUAL_FUND", None, "Fundos de investimento", "Investment funds"),  # no subtype: the type
        ("MUTUAL_FUND", "NEW_KIND", "NEW_KIND", "NEW_KIND"),  # one Pluggy adds later shows as sent
        ("CRYPTO", None, "CRYPTO", "CRYPTO"),
    ],
)
def test_subtype_words(kind: str, subtype: str | None, pt: str, en: str) -> None:
    assert subtype_label(kind, subtype) == pt
    assert subtype_label(kind, subtype, "en") == en


def test_transaction_words_follow_the_product() -> None:
    assert transaction_label("BUY", "EQUITY") == "Compra"
    assert transaction_label("BUY", "FIXED_INCOME") == "Aplicação"
    assert transaction_label("SELL", "MUTUAL_FUND") == "Resgate"
    assert transaction_label("SELL", "ETF", "en") == "Sell"
    assert transaction_label("TRANSFER", "EQUITY") == "Transferência"
    assert transaction_label("AMORTIZATION", "FIXED_INCOME", "en") == "Amortization"
    assert transaction_label("SPLIT", "EQUITY") == "SPLIT"
    assert type_label("COE") == "COE"
