"""Three loans on the sample store's bank: a Price personal loan, a SAC car financing with installments past due
and a balloon, an overdraft with no schedule. ``TODAY`` is the date the expectations are written for."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from financehub_desktop.store import Store
from financehub_desktop.store.records import LoanInstallmentRecord, LoanRecord
from tests.support.sample_store import ITEM

TODAY = date(2026, 1, 10)
PERSONAL = "44444444-4444-4444-8444-444444444444"
CAR = "55555555-5555-4555-8555-555555555555"
OVERDRAFT = "66666666-6666-4666-8666-666666666666"


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def paid(day: str, amount: str, *, extra: bool = False) -> LoanInstallmentRecord:
    return LoanInstallmentRecord(kind="payment", paid_date=at(day), amount=Decimal(amount), currency_code="BRL",
                                 is_over_parcel=extra)  # fmt: skip


def personal_loan() -> LoanRecord:
    """24 monthly Price installments from 15/02/2025; 11 paid (the 2nd one late), one extra payment."""
    releases = [paid(f"{2025 + (m // 12)}-{m % 12 + 1:02d}-15", "626.45") for m in range(1, 12)]
    releases[1] = paid("2025-03-20", "640.10")
    return LoanRecord(
        id=PERSONAL, item_id=ITEM, product_name="Crédito Pessoal", kind="LOAN", date=at("2026-01-09"),
        currency_code="BRL", contract_number="CP-0001", type="CREDITO_PESSOAL_SEM_CONSIGNACAO",
        contract_date=at("2025-01-10"), contract_amount=Decimal("12000.00"), due_date=at("2027-01-15"),
        first_installment_due_date=at("2025-02-15"), installment_periodicity="MONTHLY", amortization_scheduled="PRICE",
        cet=Decimal("0.2743"), total_installments=24, paid_installments=11, due_installments=13,
        past_due_installments=0, outstanding_balance=Decimal("7812.34"),
        installments=[*releases, paid("2025-08-01", "1000.00", extra=True)],
        raw={"interestRates": [{"taxType": "EFFECTIVE", "taxPeriodicity": "MONTHLY", "preFixedRate": Decimal("0.0189"),
                                "referentialRateIndexerType": "PRE_FIXADO"}]},
    )  # fmt: skip


def car_financing() -> LoanRecord:
    """48 SAC installments from 31/10/2025 (month-end dates), none paid, a balloon at the end, two past due."""
    return LoanRecord(
        id=CAR, item_id=ITEM, product_name="CDC Veículos", kind="FINANCING", date=at("2026-01-09"),
        currency_code="BRL", contract_number="FV-77", type="AQUISICAO_BENS_VEICULOS_AUTOMOTORES",
        contract_amount=Decimal("60000.00"), due_date=at("2029-09-30"), first_installment_due_date=at("2025-10-31"),
        installment_periodicity="MONTHLY", amortization_scheduled="SAC", cet=Decimal("0.1850"),
        total_installments=48, paid_installments=1, past_due_installments=1,
        installments=[
            paid("2025-10-31", "1850.00"),
            LoanInstallmentRecord(kind="balloon", due_date=at("2029-10-31"), amount=Decimal("5000.00"),
                                  currency_code="BRL"),
        ],
        raw={"interestRates": [{"taxPeriodicity": "YEARLY", "preFixedRate": Decimal("0.015"),
                                "referentialRateIndexerType": "POS_FIXADO", "referentialRateIndexerSubType": "CDI"}]},
    )  # fmt: skip


def overdraft() -> LoanRecord:
    """No schedule at all: a revolving overdraft with no balance reported."""
    return LoanRecord(
        id=OVERDRAFT, item_id=ITEM, product_name="Cheque Especial", kind="LOAN", date=at("2026-01-09"),
        currency_code="BRL", type="CHEQUE_ESPECIAL", installment_periodicity="WITHOUT_REGULAR_PERIODICITY",
        raw={},
    )  # fmt: skip


def seed_loans(store: Store) -> None:
    with store.write() as conn:
        store.repos.loans.upsert(conn, [personal_loan(), car_financing(), overdraft()])
