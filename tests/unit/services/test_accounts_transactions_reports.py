from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.services.accounts import AccountsService
from financehub_desktop.services.events import Change, EventBus, Topic
from financehub_desktop.services.read_models import TransactionFilter
from financehub_desktop.services.reports import ReportsService, add_months
from financehub_desktop.services.transactions import TransactionsService
from financehub_desktop.store import Store
from tests.support.sample_store import CARD, HISTORY


def test_accounts_by_institution_with_card_limits(store: Store) -> None:
    views = AccountsService(store).accounts()
    assert [v.subtype for v in views] == ["CHECKING_ACCOUNT", "CREDIT_CARD"]
    card = views[1]
    assert card.institution == "Pluggy Bank"
    assert card.credit_limit == Money.of("5000.00")
    assert card.available_credit == Money.of("4760.10")


def test_net_worth_counts_the_card_as_owed(store: Store) -> None:
    worth = AccountsService(store).net_worth()
    assert worth.assets == Money.of("10000.00")
    assert worth.liabilities == Money.of("239.90")
    assert worth.total == Money.of("9760.10")


def test_pages_are_newest_first_and_complete(store: Store, bus: EventBus) -> None:
    service = TransactionsService(store, bus)
    flt = TransactionFilter()
    first = service.page(flt, limit=4)
    assert [r.pluggy_id for r in first] == ["t10", "t9", "t8", "t7"]
    rest = service.page(flt, after=first[-1], limit=100)
    assert [r.pluggy_id for r in first + rest] == [t.pluggy_id for t in reversed(HISTORY)]
    assert service.count(flt) == len(HISTORY)
    pending = first[0]
    assert pending.is_pending
    assert pending.account_name == "Conta Corrente"
    assert pending.category_name == "Moradia"
    installment = next(r for r in rest if r.pluggy_id == "t4")
    assert installment.installment == "3/10"


def test_accent_insensitive_search_and_filters(store: Store, bus: EventBus) -> None:
    service = TransactionsService(store, bus)
    assert [r.pluggy_id for r in service.page(TransactionFilter(text="cafe"))] == ["t2"]
    card_only = service.page(TransactionFilter(account_ids=(CARD,)))
    assert {r.account_id for r in card_only} == {CARD}
    january = service.page(TransactionFilter(date_from=date(2026, 1, 1), date_to=date(2026, 1, 31)))
    assert {r.pluggy_id for r in january} == {"t1", "t2", "t3", "t4"}
    assert [r.pluggy_id for r in service.page(TransactionFilter(status="PENDING"))] == ["t10"]
    with pytest.raises(InvalidInputError):
        service.page(TransactionFilter(amount_min=Decimal(10), amount_max=Decimal(1)))


def test_edits_change_the_row_and_publish_a_change(store: Store, bus: EventBus) -> None:
    service = TransactionsService(store, bus)
    seen: list[Change] = []
    bus.subscribe(seen.append)
    uber = next(r for r in service.page(TransactionFilter(text="uber trip")))
    row = service.recategorise(uber.transaction_id, "08000000")
    assert row.category_name == "Alimentação"
    assert seen[-1].topic is Topic.TRANSACTIONS
    row = service.set_note(uber.transaction_id, "reunião com cliente")
    assert service.page(TransactionFilter(text="cliente"))[0].transaction_id == uber.transaction_id
    detail = service.detail(uber.transaction_id)
    assert detail.note == "reunião com cliente"
    assert detail.provider_category == "Transporte"  # the provider's category is still known
    assert service.recategorise(uber.transaction_id, None).category_name == "Transporte"
    with pytest.raises(InvalidInputError):
        service.recategorise(uber.transaction_id, "99999999")
    with pytest.raises(InvalidInputError):
        service.set_note(999_999, "x")


def test_cash_flow_counts_a_paid_bill_once_and_refunds_back(store: Store) -> None:
    flows = ReportsService(store).monthly_cash_flow(months=3, today=date(2026, 2, 28))
    assert [f.month for f in flows] == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    jan, feb = flows[1], flows[2]
    assert jan.income == Decimal("8500.00")
    assert jan.spending == Decimal("32.50") + Decimal("89.90") + Decimal("150.00")
    assert feb.income == Decimal("8500.00")
    # Feb: the bill payment (239.90) is not spending; the Uber ride was refunded; the light bill is pending.
    assert feb.spending == Decimal("180.00")


def test_ignored_transactions_leave_the_reports(store: Store, bus: EventBus) -> None:
    service = TransactionsService(store, bus)
    light = service.page(TransactionFilter(text="enel"))[0]
    service.set_ignored(light.transaction_id, True)
    feb = ReportsService(store).monthly_cash_flow(months=1, today=date(2026, 2, 28))[0]
    assert feb.spending == Decimal("0")


def test_spending_by_category(store: Store) -> None:
    totals = ReportsService(store).spending_by_category(date(2026, 1, 15))
    assert totals == {"08000000": Decimal("122.40"), "09000000": Decimal("150.00")}


def test_net_worth_history_walks_back_from_today(store: Store) -> None:
    points = ReportsService(store).net_worth_history(months=3, today=date(2026, 2, 28))
    assert [p[0] for p in points] == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert points[-1][1] == Decimal("9760.10")  # today's balances
    # January's end = today minus February's effect (+8500 -239.90 +239.90 -23.40 +23.40 -180)
    assert points[1][1] == Decimal("9760.10") - Decimal("8320.00")
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
