"""Investments (CDB, LCI, Tesouro Selic and IPCA+, a fund, stocks, FIIs) with their transactions, a personal loan
with installments, the holder's identity and the item's consent."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ..wire import iso, iso_day, money
from .documents import cnpj_from_root
from .ledger import add_months, stable_id
from .parties import Holder

Q4 = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class _Asset:
    key: str
    type: str
    subtype: str
    name: str
    code: str | None
    issuer: str | None
    annual_rate: Decimal  # expected yearly growth used to value it
    rate_type: str | None
    rate: Decimal | None
    unit_price: Decimal | None  # for equities/funds (quantity-based)
    tax_exempt: bool
    due_years: int | None


ASSETS: tuple[_Asset, ...] = (
    _Asset(
        "cdb",
        "FIXED_INCOME",
        "CDB",
        "CDB Banco Inter 110% CDI",
        None,
        "BANCO INTER S.A.",
        Decimal("0.1180"),
        "CDI",
        Decimal("110"),
        None,
        False,
        3,
    ),
    _Asset(
        "lci",
        "FIXED_INCOME",
        "LCI",
        "LCI Caixa 92% CDI",
        None,
        "CAIXA ECONOMICA FEDERAL",
        Decimal("0.0990"),
        "CDI",
        Decimal("92"),
        None,
        True,
        2,
    ),
    _Asset(
        "selic",
        "FIXED_INCOME",
        "TREASURY",
        "Tesouro Selic 2029",
        "LFT 2029",
        "TESOURO NACIONAL",
        Decimal("0.1075"),
        "SELIC",
        Decimal("100"),
        None,
        False,
        4,
    ),
    _Asset(
        "ipca",
        "FIXED_INCOME",
        "TREASURY",
        "Tesouro IPCA+ 2035",
        "NTN-B PRINCIPAL 2035",
        "TESOURO NACIONAL",
        Decimal("0.1050"),
        "IPCA",
        Decimal("6.12"),
        None,
        False,
        10,
    ),
    _Asset(
        "fund",
        "MUTUAL_FUND",
        "MULTIMARKET_FUND",
        "Verde FIC FIM",
        None,
        None,
        Decimal("0.0950"),
        None,
        None,
        Decimal("3.4517"),
        False,
        None,
    ),
    _Asset(
        "petr4",
        "EQUITY",
        "STOCK",
        "PETROBRAS PN",
        "PETR4",
        None,
        Decimal("0.08"),
        None,
        None,
        Decimal("36.80"),
        False,
        None,
    ),
    _Asset(
        "itub4",
        "EQUITY",
        "STOCK",
        "ITAUUNIBANCO PN",
        "ITUB4",
        None,
        Decimal("0.10"),
        None,
        None,
        Decimal("33.15"),
        False,
        None,
    ),
    _Asset(
        "hglg11",
        "EQUITY",
        "REAL_ESTATE_FUND",
        "CSHG LOGISTICA FII",
        "HGLG11",
        None,
        Decimal("0.06"),
        None,
        None,
        Decimal("160.20"),
        True,
        None,
    ),
    _Asset(
        "mxrf11",
        "EQUITY",
        "REAL_ESTATE_FUND",
        "MAXI RENDA FII",
        "MXRF11",
        None,
        Decimal("0.05"),
        None,
        None,
        Decimal("10.12"),
        True,
        None,
    ),
)


@dataclass(slots=True)
class Investment:
    id: str
    item_id: str
    asset: _Asset
    purchase_day: date
    invested: Decimal
    quantity: Decimal | None
    transactions: list[dict[str, Any]] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    as_of: date | None = None

    def value_on(self, day: date) -> Decimal:
        years = Decimal((day - self.purchase_day).days) / Decimal(365)
        growth = (Decimal(1) + self.asset.annual_rate) ** years
        return money(self.invested * growth)

    def wire(self) -> dict[str, Any]:
        day = self.as_of or self.purchase_day
        balance = self.value_on(day)
        a = self.asset
        profit = balance - self.invested
        unit_value = money(balance / self.quantity) if self.quantity else None
        taxes = Decimal("0.00") if a.tax_exempt or a.type == "EQUITY" else money(profit * Decimal("0.15"))
        return {
            "id": self.id,
            "itemId": self.item_id,
            "type": a.type,
            "subtype": a.subtype,
            "number": None,
            "balance": balance,
            "name": a.name,
            "lastMonthRate": (a.annual_rate / 12 * 100).quantize(Q4),
            "lastTwelveMonthsRate": (a.annual_rate * 100).quantize(Q4),
            "annualRate": (a.annual_rate * 100).quantize(Q4),
            "currencyCode": "BRL",
            "code": a.code,
            "isin": f"BR{(a.code or a.key).replace(' ', '')[:8].upper().ljust(8, '0')}001" if a.code else None,
            "value": unit_value,
            "quantity": self.quantity,
            "amount": balance,
            "taxes": taxes,
            "taxes2": Decimal("0.00"),
            "date": iso_day(day),
            "owner": None,
            "amountProfit": money(profit),
            "amountWithdrawal": money(balance - taxes),
            "amountOriginal": self.invested,
            "metadata": None,
            "dueDate": iso_day(add_months(self.purchase_day, 12 * a.due_years)) if a.due_years else None,
            "issuer": a.issuer,
            "issuerCNPJ": cnpj_from_root("00360305") if a.issuer else None,
            "issueDate": iso_day(self.purchase_day) if a.type == "FIXED_INCOME" else None,
            "purchaseDate": iso_day(self.purchase_day),
            "gracePeriodDate": None,
            "rate": a.rate,
            "rateType": a.rate_type,
            "fixedAnnualRate": a.rate if a.rate_type == "IPCA" else None,
            "taxExempt": a.tax_exempt,
            "status": "ACTIVE",
            "institution": {"name": "Pluggy Corretora", "number": "00000"},
            "transactions": None,
            "createdAt": iso(self.created_at) if self.created_at else None,
            "updatedAt": iso(self.updated_at) if self.updated_at else None,
        }


def build_investments(seed_key: str, ns: str, item_id: str, today: date, now: datetime) -> list[Investment]:
    rng = random.Random(f"{seed_key}:investments")
    result = []
    for asset in ASSETS:
        start = today - timedelta(days=rng.randint(120, 700))
        inv_id = stable_id(ns, "investment", asset.key)
        txns: list[dict[str, Any]] = []
        invested = Decimal("0.00")
        quantity: Decimal | None = None if asset.unit_price is None else Decimal(0)
        buys = rng.randint(1, 3)
        for n in range(buys):
            day = start + timedelta(days=45 * n)
            if asset.unit_price is not None:
                qty = Decimal(rng.randint(10, 200) if asset.type == "EQUITY" else rng.randint(500, 3000))
                price = money(asset.unit_price * Decimal(rng.uniform(0.9, 1.1)))
                if asset.type == "MUTUAL_FUND":
                    price = (asset.unit_price * Decimal(rng.uniform(0.95, 1.05))).quantize(Q4)
                amount = money(qty * price)
                quantity = (quantity or Decimal(0)) + qty
            else:
                qty, price = Decimal(1), None
                amount = money(Decimal(rng.randrange(1000, 15000)))
            invested += amount
            txns.append(_inv_txn(ns, inv_id, n, "BUY", "DEBIT", day, amount, qty, price, f"Aplicação {asset.name}"))
        if asset.subtype == "REAL_ESTATE_FUND" and quantity:
            month = add_months(start, 1).replace(day=15)
            n = buys
            while month <= today:
                income = money(quantity * asset.unit_price * Decimal("0.0085")) if asset.unit_price else Decimal(0)
                txns.append(_inv_txn(ns, inv_id, n, "INTEREST", "CREDIT", month, income, None, None, "Rendimento FII"))
                month, n = add_months(month, 1), n + 1
        if asset.key == "petr4" and quantity and quantity > 20:
            sold = Decimal(10)
            price = money(asset.unit_price * Decimal("1.08")) if asset.unit_price else Decimal(0)
            day = today - timedelta(days=30)
            txns.append(
                _inv_txn(ns, inv_id, 99, "SELL", "CREDIT", day, money(sold * price), sold, price, "Venda PETR4")
            )
            invested -= money(sold * (invested / quantity))
            quantity -= sold
        inv = Investment(inv_id, item_id, asset, start, money(invested), quantity, txns, now, now, today)
        result.append(inv)
    return result


def _inv_txn(  # noqa: PLR0917
    ns: str,
    inv_id: str,
    n: int,
    kind: str,
    movement: str,
    day: date,
    amount: Decimal,
    quantity: Decimal | None,
    price: Decimal | None,
    description: str,
) -> dict[str, Any]:
    return {
        "id": stable_id(ns, "inv-txn", inv_id, n),
        "type": kind,
        "movementType": movement,
        "quantity": quantity,
        "value": price,
        "amount": amount,
        "netAmount": amount,
        "date": iso_day(day),
        "tradeDate": iso_day(day),
        "description": description,
        "agreedRate": None,
        "indexerPercentage": None,
        "priceFactor": None,
        "brokerageNumber": None,
        "expenses": {
            "serviceTax": Decimal("0.00"),
            "brokerageFee": Decimal("0.00"),
            "incomeTax": Decimal("0.00"),
            "custodyFee": Decimal("0.00"),
            "other": Decimal("0.00"),
        },
    }


@dataclass(slots=True)
class LoanPlan:
    id: str
    contract_day: date
    first_due: date
    total_installments: int
    installment: Decimal
    principal: Decimal
    monthly_rate: Decimal


def plan_loan(seed_key: str, ns: str, today: date) -> LoanPlan:
    rng = random.Random(f"{seed_key}:loan")
    principal = money(Decimal(rng.choice((8000, 12000, 15000, 20000))))
    rate = Decimal("0.0189")
    n = 24
    installment = money(principal * rate / (1 - (1 + rate) ** -n))
    contract = today - timedelta(days=rng.randint(200, 400))
    first_due = add_months(contract, 1).replace(day=15)
    return LoanPlan(stable_id(ns, "loan"), contract, first_due, n, installment, principal, rate)


def loan_wire(plan: LoanPlan, item_id: str, today: date) -> dict[str, Any]:
    paid_dates = [add_months(plan.first_due, k) for k in range(plan.total_installments)]
    paid = [d for d in paid_dates if d <= today]
    outstanding = plan.principal
    for _ in paid:
        outstanding = outstanding * (1 + plan.monthly_rate) - plan.installment
    releases = [
        {
            "isOverParcelPayment": False,
            "installmentId": stable_id(plan.id, "installment", k + 1),
            "paidDate": iso_day(d),
            "currencyCode": "BRL",
            "paidAmount": plan.installment,
            "overParcel": None,
        }
        for k, d in enumerate(paid)
    ]
    remaining = plan.total_installments - len(paid)
    return {
        "id": plan.id,
        "itemId": item_id,
        "contractNumber": plan.id[:8].upper(),
        "ipocCode": None,
        "productName": "Crédito Pessoal",
        "type": "EMPRESTIMO_CREDITO_PESSOAL_SEM_CONSIGNACAO",
        "kind": "LOAN",
        "date": iso_day(plan.contract_day),
        "contractDate": iso_day(plan.contract_day),
        "disbursementDates": [plan.contract_day.isoformat()],
        "settlementDate": None,
        "contractAmount": plan.principal,
        "currencyCode": "BRL",
        "dueDate": iso_day(paid_dates[-1]),
        "installmentPeriodicity": "MONTHLY",
        "installmentPeriodicityAdditionalInfo": None,
        "firstInstallmentDueDate": iso_day(plan.first_due),
        "CET": Decimal("0.2743"),  # a fraction, as the spec's example (0.29) and the rates ("1 = 100%")
        "amortizationScheduled": "PRICE",
        "amortizationScheduledAdditionalInfo": None,
        "cnpjConsignee": None,
        "interestRates": [
            {
                "taxType": "EFFECTIVE",
                "interestRateType": "COMPOUND",
                "taxPeriodicity": "MONTHLY",
                "calculation": "21/252",
                "referentialRateIndexerType": "PRE_FIXADO",
                "referentialRateIndexerSubType": None,
                "referentialRateIndexerAdditionalInfo": None,
                "preFixedRate": plan.monthly_rate,
                "postFixedRate": Decimal("0"),
                "additionalInfo": None,
            }
        ],
        "contractedFees": [
            {
                "name": "Tarifa de cadastro",
                "code": "CADASTRO",
                "chargeType": "UNIQUE",
                "charge": "FIXED",
                "amount": Decimal("150.00"),
                "rate": None,
            }
        ],
        "contractedFinanceCharges": [
            {"type": "JUROS_REMUNERATORIOS_POR_ATRASO", "additionalInfo": None, "rate": Decimal("0.0100")}
        ],
        "warranties": [],
        "installments": {
            "typeNumberOfInstallments": "MONTH",
            "totalNumberOfInstallments": plan.total_installments,
            "typeContractRemaining": "MONTH",
            "contractRemainingNumber": remaining,
            "paidInstallments": len(paid),
            "dueInstallments": remaining,
            "pastDueInstallments": 0,
            "balloonPayments": None,
        },
        "payments": {"contractOutstandingBalance": money(max(outstanding, Decimal(0))), "releases": releases},
    }


def identity_wire(holder: Holder, ns: str, item_id: str, seed_key: str, now: datetime) -> dict[str, Any]:
    rng = random.Random(f"{seed_key}:identity")
    birth = date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
    first = holder.name.split()[0].lower().encode("ascii", "ignore").decode() or "cliente"
    phone = f"9{rng.randint(1000, 9999)}{rng.randint(1000, 9999)}"
    return {
        "id": stable_id(ns, "identity"),
        "itemId": item_id,
        "birthDate": iso_day(birth),
        "taxNumber": holder.cpf,
        "document": holder.cpf,
        "documentType": "CPF",
        "jobTitle": "Analista de Sistemas",
        "fullName": holder.name,
        "socialName": None,
        "sex": rng.choice(("FEMALE", "MALE")),
        "establishmentCode": None,
        "establishmentName": None,
        "companyName": None,
        "investorProfile": "Moderate",
        "phoneNumbers": [
            {
                "type": "Personal",
                "value": phone,
                "countryCallingCode": "55",
                "areaCode": "11",
                "extension": None,
                "additionalInfo": None,
            }
        ],
        "emails": [{"type": "Personal", "value": f"{first}.{rng.randint(10, 99)}@gmail.com"}],
        "addresses": [
            {
                "fullAddress": "Rua Augusta, 1500, Apto 42, Consolação, São Paulo - SP, 01304-001",
                "primaryAddress": "Rua Augusta, 1500",
                "city": "São Paulo",
                "postalCode": "01304001",
                "state": "SP",
                "country": "Brasil",
                "countryCode": "BR",
                "type": "Personal",
                "district": "Consolação",
                "ibgeTownCode": "3550308",
                "additionalInfo": "Apto 42",
                "geographicCoordinates": None,
            }
        ],
        "relations": [{"type": "Mother", "name": "Maria Aparecida " + holder.name.split()[-1], "document": None}],
        "maritalStatus": {"code": "MARRIED", "additionalInfo": None},
        "nationality": {"hasBrazilianNationality": True, "otherNationalities": None},
        "qualifications": {
            "companyCnpj": cnpj_from_root("11222333"),
            "occupationCode": "CBO",
            "occupationDescription": "Analista de sistemas",
            "informedIncome": {
                "frequency": "MENSAL",
                "amount": Decimal("9800.00"),
                "date": iso_day(date(now.year, 1, 10)),
            },
            "informedPatrimony": {"amount": Decimal("185000.00"), "year": now.year - 1, "date": None},
        },
        "createdAt": iso(now),
        "updatedAt": iso(now),
    }
