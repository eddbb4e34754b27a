"""Everything that falls due, on the sample store: the card bills of ``card_bills_store``, the loans of
``sample_loans``, and two scheduled PIX payments (one coming, one cancelled). ``TODAY`` is 10/03/2026.

What is due at ``TODAY`` (30-day window):

- overdue: the car financing's installments 2 to 5 (30/11/2025, 31/12, 31/01, 28/02), the January bill (05/01, R$ 310,00
  with nothing paid), the personal loan's installments 12 and 13 (15/01, 15/02);
- upcoming: the personal loan's installment 14 (15/03, 5 days), the scheduled PIX (20/03), the car financing's
  installment 6 (31/03), the card's current bill (05/04, R$ 277,80 so far).

Import the fixture into a conftest: ``from tests.support.due_dates_store import due_store``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from financehub_desktop.store import Store
from financehub_desktop.store.records import PaymentRequestRecord, ScheduledPaymentRecord

from .card_bills_store import TODAY, seed_bills
from .sample_loans import seed_loans

__all__ = ["PIX_DUE", "PIX_SCHEDULED", "TODAY", "due_store", "seed_due_dates"]

PIX_REQUEST = "77777777-7777-4777-8777-777777777777"
PIX_SCHEDULED = "88888888-8888-4888-8888-888888888888"
PIX_CANCELLED = "99999999-9999-4999-8999-999999999999"
PIX_DUE = date(2026, 3, 20)


def seed_pix(store: Store) -> None:
    moment = datetime(2026, 3, 1, tzinfo=UTC)
    with store.write() as conn:
        store.repos.payment_requests.upsert(
            conn,
            [PaymentRequestRecord(id=PIX_REQUEST, status="SCHEDULED", created_at=moment, updated_at=moment,
                                  amount=Decimal("450.00"), description="Aluguel março", schedule_type="SINGLE")],
        )  # fmt: skip
        store.repos.scheduled_payments.upsert(
            conn,
            [
                ScheduledPaymentRecord(id=PIX_SCHEDULED, payment_request_id=PIX_REQUEST, status="SCHEDULED",
                                       scheduled_date=PIX_DUE, description="Aluguel"),
                ScheduledPaymentRecord(id=PIX_CANCELLED, payment_request_id=PIX_REQUEST, status="ERROR",
                                       scheduled_date=date(2026, 3, 12), description="Aluguel (falhou)"),
            ],
        )  # fmt: skip


def seed_due_dates(store: Store) -> None:
    seed_bills(store)
    seed_loans(store)
    seed_pix(store)


@pytest.fixture
def due_store(store: Store) -> Store:
    seed_due_dates(store)
    return store
