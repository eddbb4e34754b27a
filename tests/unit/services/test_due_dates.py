"""The due-dates service on a real encrypted store: what is due, in what order, with which status and amount."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.services.card_bills import CardBillsService
from financehub_desktop.services.due_dates import DueDatesService, DueKind, DueStatus, due_status
from financehub_desktop.services.loans import LoansService
from financehub_desktop.store import Store
from tests.support.card_bills_store import JANUARY_BILL, MARCH_BILL, OPEN_BILL_TOTAL
from tests.support.due_dates_store import PIX_DUE, PIX_SCHEDULED, TODAY, due_store
from tests.support.sample_loans import CAR, PERSONAL
from tests.support.sample_store import CARD

__all__ = ["due_store"]


def service_for(store: Store) -> DueDatesService:
    return DueDatesService(store, CardBillsService(store), LoansService(store), today=lambda: TODAY)


@pytest.fixture
def service(due_store: Store) -> DueDatesService:
    return service_for(due_store)


def test_overdue_first_then_by_date_across_bills_loans_and_pix(service: DueDatesService) -> None:
    entries = service.upcoming(30)
    assert [(e.kind, e.due_date, e.number) for e in entries] == [
        (DueKind.LOAN_INSTALLMENT, date(2025, 11, 30), 2),
        (DueKind.LOAN_INSTALLMENT, date(2025, 12, 31), 3),
        (DueKind.CARD_BILL, date(2026, 1, 5), None),
        (DueKind.LOAN_INSTALLMENT, date(2026, 1, 15), 12),
        (DueKind.LOAN_INSTALLMENT, date(2026, 1, 31), 4),
        (DueKind.LOAN_INSTALLMENT, date(2026, 2, 15), 13),
        (DueKind.LOAN_INSTALLMENT, date(2026, 2, 28), 5),
        (DueKind.LOAN_INSTALLMENT, date(2026, 3, 15), 14),
        (DueKind.SCHEDULED_PIX, PIX_DUE, None),
        (DueKind.LOAN_INSTALLMENT, date(2026, 3, 31), 6),
        (DueKind.CURRENT_BILL, date(2026, 4, 5), None),
    ]
    overdue = [e for e in entries if e.status is DueStatus.OVERDUE]
    assert len(overdue) == 7 and all(e.days_left < 0 for e in overdue)
    assert all(e.status is DueStatus.UPCOMING for e in entries[7:])
    assert [e.days_left for e in entries[7:]] == [5, 10, 21, 26]


def test_an_unpaid_bill_is_due_with_what_is_left_and_a_paid_one_is_not(service: DueDatesService) -> None:
    bills = [e for e in service.upcoming(30) if e.kind is DueKind.CARD_BILL]
    assert [e.bill_key for e in bills] == [JANUARY_BILL]  # February paid in full; March's minimum was paid
    january = bills[0]
    assert january.amount == Money(Decimal("310.00"), "BRL") and not january.amount_estimated
    assert january.subject == "Cartão Black •••• 4321"
    assert (january.owner_id, january.page, january.key) == (CARD, "bills", f"bill:{JANUARY_BILL}")
    assert january.status is DueStatus.OVERDUE and january.days_left == -64


def test_the_current_bill_is_an_estimate_of_what_its_rows_add_up_to(service: DueDatesService) -> None:
    (current,) = [e for e in service.upcoming(30) if e.kind is DueKind.CURRENT_BILL]
    assert current.amount == Money(OPEN_BILL_TOTAL, "BRL") and current.amount_estimated
    assert current.bill_key == f"current:{CARD}"


def test_loan_installments_carry_their_number_total_and_estimate(service: DueDatesService) -> None:
    entries = service.upcoming(30)
    fourteen = next(e for e in entries if e.owner_id == PERSONAL and e.number == 14)
    assert (fourteen.subject, fourteen.total, fourteen.page) == ("Crédito Pessoal", 24, "loans")
    assert fourteen.amount is not None and fourteen.amount.amount > 0 and fourteen.amount_estimated
    assert fourteen.key == f"loan:{PERSONAL}:14"
    car = [e.number for e in entries if e.owner_id == CAR]
    assert car == [2, 3, 4, 5, 6]  # the first was paid; the balloon (2029) is outside the window


def test_scheduled_pix_with_its_request_amount_only_while_scheduled(service: DueDatesService) -> None:
    pix = [e for e in service.upcoming(30) if e.kind is DueKind.SCHEDULED_PIX]
    assert [(e.owner_id, e.subject, e.amount, e.page) for e in pix] == [
        (PIX_SCHEDULED, "Aluguel", Money(Decimal("450.00"), "BRL"), "pix")
    ]
    # on its day it is due today; the day after it is the bank's to run, not listed as overdue
    on_the_day = service.upcoming(0, today=PIX_DUE)
    assert [e.status for e in on_the_day if e.kind is DueKind.SCHEDULED_PIX] == [DueStatus.DUE_TODAY]
    assert not [e for e in service.upcoming(30, today=PIX_DUE + timedelta(days=1)) if e.kind is DueKind.SCHEDULED_PIX]


def test_the_window_and_the_overdue_limit(service: DueDatesService) -> None:
    week = service.upcoming(7)
    assert [e.number for e in week if e.status is not DueStatus.OVERDUE] == [14]
    recent = service.upcoming(7, overdue_days=30)
    assert [e.due_date for e in recent] == [date(2026, 2, 15), date(2026, 2, 28), date(2026, 3, 15)]
    year = service.upcoming(365)
    assert [e.number for e in year if e.owner_id == PERSONAL][-1] == 24  # the last one, 15/01/2027
    assert not [e for e in year if e.kind is DueKind.LOAN_BALLOON]  # 31/10/2029


def test_a_bill_paid_below_the_minimum_stays_due_with_the_rest(due_store: Store) -> None:
    with due_store.write() as conn:
        conn.exec_driver_sql("UPDATE bill_payments SET amount = '100.00' WHERE bill_id = ?", (MARCH_BILL,))
    march = [e for e in service_for(due_store).upcoming(30) if e.bill_key == MARCH_BILL]
    assert [(e.amount, e.status) for e in march] == [(Money(Decimal("1134.56"), "BRL"), DueStatus.OVERDUE)]


def test_due_today_and_bad_windows(service: DueDatesService) -> None:
    assert due_status(TODAY, TODAY) is DueStatus.DUE_TODAY
    assert due_status(TODAY, TODAY + timedelta(days=1)) is DueStatus.OVERDUE
    assert due_status(TODAY + timedelta(days=1), TODAY) is DueStatus.UPCOMING
    today = service.upcoming(0, today=date(2026, 3, 15))
    assert [(e.number, e.status, e.days_left) for e in today if e.owner_id == PERSONAL][-1] == (
        14, DueStatus.DUE_TODAY, 0,
    )  # fmt: skip
    with pytest.raises(InvalidInputError):
        service.upcoming(-1)
    with pytest.raises(InvalidInputError):
        service.upcoming(30, overdue_days=-5)


def test_an_empty_store_has_nothing_due(store: Store) -> None:
    assert service_for(store).upcoming(30) == []
