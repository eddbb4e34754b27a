"""Investments for the sample store (tests/support/sample_store.py): a CDB at Pluggy Bank, and at a broker a Tesouro
IPCA+, a multimarket fund, PETR4 (with buys, a sale, a tax and dividends), a FII at a loss and a US stock in dollars.
One holding and one transaction were removed at the bank (hidden, as the sync leaves them).

``seed_investments(store)`` adds them to a store already filled by ``sample_store.seed``.

BRL totals: balance 24.116,56 (fixed income 15.734,56; funds 3.100,00; equities 5.282,00); invested 20.050,00;
profit 966,56 (the fund reports neither, so it counts in neither)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from financehub_desktop.store import Store, schema
from financehub_desktop.store.records import (
    ConnectorRecord,
    InvestmentRecord,
    InvestmentTransactionRecord,
    ItemRecord,
)

from .sample_store import ITEM

BROKER_ITEM = "44444444-4444-4444-8444-444444444444"
BROKER = "XP Investimentos"
CDB, IPCA, FUND, PETR4 = "inv-cdb", "inv-ipca", "inv-fund", "inv-petr4"
FII, APPLE, GONE = "inv-fii", "inv-aapl", "inv-gone"


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def d(text: str) -> Decimal:
    return Decimal(text)


def _investment(inv_id: str, item: str, kind: str, subtype: str | None, name: str, balance: str,
                **extra: object) -> InvestmentRecord:  # fmt: skip
    return InvestmentRecord(id=inv_id, item_id=item, type=kind, subtype=subtype, name=name, balance=d(balance),
                            currency_code=str(extra.pop("currency_code", "BRL")),
                            raw=extra.pop("raw", {"id": inv_id}),
                            **extra)  # type: ignore[arg-type]  # fmt: skip


INVESTMENTS = [
    _investment(CDB, ITEM, "FIXED_INCOME", "CDB", "CDB Banco Inter 110% CDI", "10500.00",
                amount_original=d("10000.00"), amount_profit=d("500.00"), amount_withdrawal=d("10425.00"),
                taxes=d("75.00"), taxes2=d("0.00"), issuer="BANCO INTER S.A.", rate=d("110"), rate_type="CDI",
                last_month_rate=d("0.9833"), last_twelve_months_rate=d("11.8000"), annual_rate=d("11.80"),
                due_date=day("2027-03-15"), purchase_date=day("2025-03-15"), date=day("2026-02-27"),
                status="ACTIVE", raw={"id": CDB, "institution": {"name": "Banco Inter", "number": "077"}}),
    _investment(IPCA, BROKER_ITEM, "FIXED_INCOME", "TREASURY", "Tesouro IPCA+ 2035", "5234.56",
                code="NTN-B PRINCIPAL 2035", amount_original=d("5000.00"), issuer="TESOURO NACIONAL",
                rate=d("6.12"), rate_type="IPCA", fixed_annual_rate=d("6.12"), last_twelve_months_rate=d("10.5"),
                due_date=day("2035-05-15"), status="ACTIVE"),
    _investment(FUND, BROKER_ITEM, "MUTUAL_FUND", "MULTIMARKET_FUND", "Verde FIC FIM", "3100.00",
                quantity=d("900"), value=d("3.4444"), last_twelve_months_rate=d("-1.25"), status="ACTIVE"),
    _investment(PETR4, BROKER_ITEM, "EQUITY", "STOCK", "PETROBRAS PN", "3680.00", code="PETR4",
                amount_original=d("3400.00"), amount_profit=d("280.00"), quantity=d("100"), value=d("36.80"),
                status="ACTIVE"),
    _investment(FII, BROKER_ITEM, "EQUITY", "REAL_ESTATE_FUND", "CSHG LOGISTICA FII", "1602.00", code="HGLG11",
                amount_original=d("1650.00"), amount_profit=d("-48.00"), quantity=d("10"), value=d("160.20"),
                status="ACTIVE"),
    _investment(APPLE, BROKER_ITEM, "EQUITY", "STOCK", "APPLE INC", "1000.00", code="AAPL", currency_code="USD",
                amount_original=d("900.00")),
    _investment(GONE, BROKER_ITEM, "FIXED_INCOME", "LCI", "LCI resgatada", "99999.00"),
]  # fmt: skip


def _tx(tx_id: str, inv: str, when: str, kind: str, amount: str | None, **extra: object) -> InvestmentTransactionRecord:
    return InvestmentTransactionRecord(id=tx_id, investment_id=inv, type=kind, date=day(when),
                                       amount=None if amount is None else d(amount), raw={"id": tx_id},
                                       **extra)  # type: ignore[arg-type]  # fmt: skip


TRANSACTIONS = [
    _tx("cdb-1", CDB, "2025-03-15", "BUY", "10000.00", movement_type="DEBIT", description="Aplicação CDB"),
    _tx("petr-1", PETR4, "2025-06-10", "BUY", "3740.00", quantity=d("110"), value=d("34.00"),
        net_amount=d("3740.00"), movement_type="DEBIT", description="Compra PETR4"),
    _tx("petr-2", PETR4, "2026-01-20", "SELL", "397.40", quantity=d("10"), value=d("39.74"),
        net_amount=d("391.44"), movement_type="CREDIT", description="Venda PETR4"),
    _tx("petr-3", PETR4, "2026-02-01", "TAX", "5.96", movement_type="DEBIT", description="IR sobre venda"),
    _tx("petr-4", PETR4, "2026-02-15", "INTEREST", "45.00", movement_type="CREDIT", description="Dividendos PETR4"),
    _tx("petr-old", PETR4, "2025-01-01", "BUY", "1.00", description="cancelada na corretora"),
]  # fmt: skip


def seed_investments(store: Store) -> None:
    """As a sync leaves them: the broker's full listing lacked GONE and PETR4's listing lacked ``petr-old``."""
    r = store.repos
    with store.write() as conn:
        r.connectors.upsert(conn, [ConnectorRecord(id=201, name=BROKER, raw={"id": 201})])
        r.items.upsert(conn, [ItemRecord(id=BROKER_ITEM, connector_id=201, status="UPDATED",
                                         execution_status="SUCCESS", raw={"id": BROKER_ITEM})])  # fmt: skip
        r.investments.upsert(conn, INVESTMENTS)
        r.investment_transactions.upsert(conn, TRANSACTIONS)
        listed = [i.id for i in INVESTMENTS if i.item_id == BROKER_ITEM and i.id != GONE]
        r.investments.mark_missing_removed(conn, listed, schema.investments.c.item_id == BROKER_ITEM)
        petr = [t.id for t in TRANSACTIONS if t.investment_id == PETR4 and t.id != "petr-old"]
        r.investment_transactions.mark_missing_removed(
            conn, petr, schema.investment_transactions.c.investment_id == PETR4
        )
