"""LoansService on a real encrypted store: loan cards, totals and the derived installment schedule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.domain.money import Money
from financehub_desktop.services.loans import EntryKind, InstallmentStatus, LoansService, _interest_rates
from financehub_desktop.store import Store
from financehub_desktop.store.records import LoanRecord
from tests.support.sample_loans import CAR, OVERDRAFT, PERSONAL, TODAY, at, paid, seed_loans
from tests.support.sample_store import ITEM


@pytest.fixture
def service(store: Store) -> LoansService:
    seed_loans(store)
    return LoansService(store)


def test_loans_are_listed_with_contract_numbers_and_rates(service: LoansService) -> None:
    views = {v.loan_id: v for v in service.loans(TODAY)}
    assert set(views) == {PERSONAL, CAR, OVERDRAFT}
    loan = views[PERSONAL]
    assert loan.bank == "Pluggy Bank"
    assert loan.product_name == "Crédito Pessoal"
    assert loan.contract_number == "CP-0001"
    assert loan.contract_amount == Money(Decimal("12000.00"))
    assert loan.outstanding_balance == Money(Decimal("7812.34"))
    assert loan.cet_percent == Decimal("27.43")
    assert [(r.percent, r.periodicity, r.indexer) for r in loan.interest_rates] == [(Decimal("1.89"), "MONTHLY", None)]
    assert (loan.paid_installments, loan.total_installments, loan.remaining_installments) == (11, 24, 13)
    assert loan.final_due_date == date(2027, 1, 15)
    # 10 x 626,45 + 640,10 + an extra 1.000,00
    assert loan.paid_total == Money(Decimal("7904.60"))
    assert views[OVERDRAFT].paid_total is None
    assert views[CAR].interest_rates[0].indexer == "CDI"
    assert views[OVERDRAFT].outstanding_balance is None
    assert views[OVERDRAFT].next_installment is None


def test_next_installment_is_the_first_unpaid_with_an_estimated_amount(service: LoansService) -> None:
    loan = service.loan(PERSONAL, TODAY)
    assert loan is not None and loan.next_installment is not None
    nxt = loan.next_installment
    assert (nxt.number, nxt.due_date, nxt.status) == (12, date(2026, 1, 15), InstallmentStatus.DUE)
    assert nxt.amount == Money(Decimal("626.45")) and nxt.amount_estimated
    assert loan.past_due_installments == 0


def test_past_due_counts_what_the_bank_said_and_dates_that_passed_since(service: LoansService) -> None:
    car = service.loan(CAR, TODAY)
    assert car is not None
    # The bank counted one past due (30/11); 31/12 passed too before today.
    assert car.past_due_installments == 2
    assert car.next_installment is not None
    assert car.next_installment.status is InstallmentStatus.PAST_DUE
    assert car.next_installment.due_date == date(2025, 11, 30)
    assert car.upcoming_installment is not None
    assert car.upcoming_installment.due_date == date(2026, 1, 31)
    # SAC installments change every month: no made-up amount.
    assert car.next_installment.amount is None
    # Past due loans come first.
    assert service.loans(TODAY)[0].loan_id == CAR


def test_schedule_numbers_dates_statuses_and_payments(service: LoansService) -> None:
    entries = service.schedule(PERSONAL, TODAY)
    installments = [e for e in entries if e.kind is EntryKind.INSTALLMENT]
    assert [e.number for e in installments] == list(range(1, 25))
    assert all(e.status is InstallmentStatus.PAID for e in installments[:11])
    assert all(e.status is InstallmentStatus.DUE for e in installments[11:])
    second = installments[1]
    assert (second.due_date, second.paid_date, second.amount) == (
        date(2025, 3, 15),
        date(2025, 3, 20),
        Money(Decimal("640.10")),
    )
    assert not second.amount_estimated
    assert installments[-1].due_date == date(2027, 1, 15)
    extra = [e for e in entries if e.kind is EntryKind.EXTRA]
    assert [(e.paid_date, e.amount) for e in extra] == [(date(2025, 8, 1), Money(Decimal("1000.00")))]
    # Date order: the extra payment sits between installments 6 (15/07) and 7 (15/08).
    assert entries.index(extra[0]) == 6


def test_month_end_due_dates_are_clamped_and_balloons_listed(service: LoansService) -> None:
    entries = service.schedule(CAR, TODAY)
    installments = [e for e in entries if e.kind is EntryKind.INSTALLMENT]
    assert [e.due_date for e in installments[:5]] == [
        date(2025, 10, 31), date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28)
    ]  # fmt: skip
    assert [e.status for e in installments[:4]] == [
        InstallmentStatus.PAID, InstallmentStatus.PAST_DUE, InstallmentStatus.PAST_DUE, InstallmentStatus.DUE
    ]  # fmt: skip
    assert entries[-1].kind is EntryKind.BALLOON
    assert entries[-1].amount == Money(Decimal("5000.00"))
    assert entries[-1].status is InstallmentStatus.DUE


def test_price_payment_is_estimated_from_the_rate_when_nothing_was_paid_yet(store: Store) -> None:
    fresh = LoanRecord(
        id=PERSONAL, item_id=ITEM, product_name="Crédito Pessoal", kind="LOAN", date=at("2026-01-09"),
        currency_code="BRL", contract_amount=Decimal("10000.00"), first_installment_due_date=at("2026-02-05"),
        installment_periodicity="MONTHLY", amortization_scheduled="PRICE", total_installments=12, paid_installments=0,
        raw={"interestRates": [{"taxPeriodicity": "MONTHLY", "preFixedRate": Decimal("0.02")}]},
    )  # fmt: skip
    with store.write() as conn:
        store.repos.loans.upsert(conn, [fresh])
    loan = LoansService(store).loan(PERSONAL, TODAY)
    assert loan is not None and loan.next_installment is not None
    # PMT(2% a month, 12 months, R$ 10.000) = R$ 945,60
    assert loan.next_installment.amount == Money(Decimal("945.60"))
    assert loan.next_installment.amount_estimated


def test_without_a_regular_periodicity_the_schedule_is_the_payments(store: Store) -> None:
    record = LoanRecord(
        id=OVERDRAFT, item_id=ITEM, product_name="Capital de giro", kind="LOAN", date=at("2026-01-09"),
        currency_code="BRL", installment_periodicity="WITHOUT_REGULAR_PERIODICITY", total_installments=3,
        first_installment_due_date=at("2025-06-01"), installments=[paid("2025-07-02", "300.00"),
                                                                   paid("2025-06-01", "250.00")],
    )  # fmt: skip
    with store.write() as conn:
        store.repos.loans.upsert(conn, [record])
    entries = LoansService(store).schedule(OVERDRAFT, TODAY)
    assert [(e.number, e.paid_date, e.amount) for e in entries] == [
        (1, date(2025, 6, 1), Money(Decimal("250.00"))),
        (2, date(2025, 7, 2), Money(Decimal("300.00"))),
    ]


def test_totals_sum_the_reported_balances(service: LoansService) -> None:
    totals = service.totals(today=TODAY)
    assert totals.count == 3
    assert totals.outstanding == Money(Decimal("7812.34"))
    assert isinstance(totals.outstanding.amount, Decimal)
    assert totals.without_balance == 2
    assert totals.past_due_installments == 2
    assert totals.next_installment is not None
    # The soonest installment still to come (past due ones are counted above, not "next").
    assert totals.next_installment.due_date == date(2026, 1, 15)
    assert totals.next_loan == "Crédito Pessoal"


def test_loans_removed_at_the_bank_are_left_out(service: LoansService, store: Store) -> None:
    with store.write() as conn:
        store.repos.loans.mark_missing_removed(conn, {PERSONAL}, store.repos.loans.table.c.item_id == ITEM)
    assert [v.loan_id for v in service.loans(TODAY)] == [PERSONAL]
    assert service.loan(CAR, TODAY) is None
    assert service.schedule(CAR, TODAY) == []


def test_no_loans_at_all(store: Store) -> None:
    service = LoansService(store)
    assert service.loans(TODAY) == []
    totals = service.totals(today=TODAY)
    assert (totals.count, totals.outstanding, totals.next_installment) == (0, Money(Decimal(0)), None)


@pytest.mark.parametrize(
    ("unit", "periodicity", "expected"),
    [("MONTH", "MONTHLY", 24), ("MONTH", "QUARTERLY", 8), ("YEAR", "YEARLY", 24), ("DAY", "MONTHLY", None),
     ("WITHOUT_TOTAL_PERIOD", "MONTHLY", None)],
)  # fmt: skip
def test_the_term_counts_as_installments_only_in_the_periodicity_unit(
    store: Store, unit: str, periodicity: str, expected: int | None
) -> None:
    record = LoanRecord(
        id=PERSONAL, item_id=ITEM, product_name="Crédito Pessoal", kind="LOAN", date=at("2026-01-09"),
        currency_code="BRL", first_installment_due_date=at("2025-02-15"), installment_periodicity=periodicity,
        total_installments=24, paid_installments=2, installments=[paid("2025-02-15", "500.00")],
        raw={"installments": {"typeNumberOfInstallments": unit, "totalNumberOfInstallments": 24}},
    )  # fmt: skip
    with store.write() as conn:
        store.repos.loans.upsert(conn, [record])
    service = LoansService(store)
    loan = service.loan(PERSONAL, TODAY)
    assert loan is not None and loan.total_installments == expected
    installments = [e for e in service.schedule(PERSONAL, TODAY) if e.kind is EntryKind.INSTALLMENT]
    # Without a count of installments the schedule is only what was paid: nothing made up.
    assert len(installments) == (expected if expected is not None else 1)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.decimals(allow_nan=True, allow_infinity=True),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
RATE = st.fixed_dictionaries(
    {},
    optional={
        "preFixedRate": JSON,
        "taxPeriodicity": st.sampled_from(["MONTHLY", "YEARLY"]) | JSON,
        "referentialRateIndexerType": st.sampled_from(["PRE_FIXADO", "POS_FIXADO"]) | JSON,
        "referentialRateIndexerSubType": st.sampled_from(["CDI", "IPCA"]) | JSON,
    },
)


@given(st.fixed_dictionaries({}, optional={"interestRates": st.lists(RATE | JSON, max_size=4) | JSON}))
def test_interest_rates_from_any_raw_never_fail_and_keep_only_finite_numbers(raw: dict[str, object]) -> None:
    for rate in _interest_rates(raw):
        assert isinstance(rate.percent, Decimal) and rate.percent.is_finite()
        assert rate.periodicity is None or isinstance(rate.periodicity, str)
        assert rate.indexer is None or isinstance(rate.indexer, str)


def test_interest_rates_read_the_fraction_as_a_percentage() -> None:
    raw = {"interestRates": [{"preFixedRate": Decimal("0.0219"), "taxPeriodicity": "MONTHLY"},
                             {"preFixedRate": "0.12", "taxPeriodicity": "YEARLY"}, {"preFixedRate": "x"}]}  # fmt: skip
    assert [(r.percent, r.periodicity) for r in _interest_rates(raw)] == [
        (Decimal("2.19"), "MONTHLY"), (Decimal("12"), "YEARLY")
    ]  # fmt: skip
