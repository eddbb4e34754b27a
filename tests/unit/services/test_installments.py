"""Purchases in installments on a real encrypted store: grouping, projection of the installments that are not rows,
what is left to pay, cancelled purchases and the monthly commitment of future installments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.domain.dates import shift_months
from financehub_desktop.services.installments import (
    InstallmentCard,
    InstallmentRow,
    InstallmentsService,
    PurchaseView,
    group_purchases,
    purchase_name,
    split_evenly,
    strip_installment_suffix,
)
from financehub_desktop.store import Store
from tests.support.installments_store import GOLD, TODAY, installments_store, part
from tests.support.sample_store import CARD

__all__ = ["installments_store"]


@pytest.fixture
def service(installments_store: Store) -> InstallmentsService:
    return InstallmentsService(installments_store, today=lambda: TODAY)


def find(purchases: list[PurchaseView], description: str, bought: date | None = None) -> PurchaseView:
    found = [p for p in purchases if p.description == description and (bought is None or p.purchase_date == bought)]
    assert len(found) == 1, [(p.description, p.purchase_date) for p in purchases]
    return found[0]


def test_rows_of_one_purchase_become_one_purchase_with_its_future_projected(service: InstallmentsService) -> None:
    luiza = find(service.purchases(CARD), "MAGAZINE LUIZA", date(2025, 12, 15))
    assert luiza.total_installments == 10
    assert luiza.total == Decimal("1000.00") and not luiza.total_estimated
    assert luiza.installment_amount == Decimal("100.00")
    assert [i.projected for i in luiza.installments] == [False] * 4 + [True] * 6
    assert luiza.posted_count == 3  # the 4th is a row, but dated 15/03, after today
    assert luiza.remaining_amount == Decimal("700.00")
    assert luiza.next_month == date(2026, 3, 1)
    assert luiza.last_month == date(2026, 9, 1)
    assert [i.day for i in luiza.installments[4:]] == [date(2026, m, 15) for m in range(4, 10)]
    assert all(isinstance(i.amount, Decimal) for i in luiza.installments)


def test_the_same_shop_on_another_date_is_another_purchase(service: InstallmentsService) -> None:
    purchases = service.purchases(CARD)
    small = find(purchases, "MAGAZINE LUIZA", date(2026, 2, 20))
    assert small.total_installments == 3
    assert small.posted_count == 1 and small.remaining_amount == Decimal("200.00")
    assert len([p for p in purchases if p.description == "MAGAZINE LUIZA"]) == 2


def test_installments_before_the_synced_history_are_projected_as_posted(service: InstallmentsService) -> None:
    amazon = find(service.purchases(CARD), "AMAZON BR")
    assert [i.number for i in amazon.installments if not i.projected] == [7, 8]
    early = amazon.installments[:6]
    assert all(i.projected and i.posted for i in early)
    assert early[0].day == date(2025, 7, 5)
    # R$ 1.200,01 in 12: the odd cent on the last installment, and the whole adds up to the total
    assert [i.amount for i in amazon.installments[-3:]] == [Decimal("100.00"), Decimal("100.00"), Decimal("100.01")]
    assert sum(i.amount for i in amazon.installments) == Decimal("1200.01")
    assert amazon.posted_count == 9  # the 9th (projected for 05/03) is already past
    assert amazon.remaining_amount == Decimal("300.01")


def test_without_a_total_the_installments_add_up_to_an_estimated_total(service: InstallmentsService) -> None:
    renner = find(service.purchases(CARD), "RENNER")
    assert renner.purchase_date is None
    assert renner.total_estimated and renner.total == Decimal("99.99")
    assert renner.first_installment_date == date(2026, 1, 28)
    assert renner.remaining_amount == Decimal("33.33") and renner.next_month == date(2026, 3, 1)


def test_a_refunded_purchase_is_cancelled_and_removed_rows_do_not_count(service: InstallmentsService) -> None:
    latam = find(service.purchases(CARD), "LATAM AIR")
    assert latam.cancelled and latam.finished
    assert latam.refunded == Decimal("500.00")
    assert latam.remaining == () and latam.remaining_amount == 0
    assert latam.posted_count == 1  # the 2nd (01/03) came after the refund: never charged
    assert 2 not in [i.number for i in latam.installments if not i.projected]  # the removed row


def test_a_partial_refund_keeps_the_installments_to_come(installments_store: Store) -> None:
    with installments_store.write() as conn:
        installments_store.repos.transactions.upsert(
            conn,
            [
                part(
                    "mlr",
                    "2026-02-18",
                    "ESTORNO MAGAZINE LUIZA 03/10",
                    "30.00",
                    3,
                    10,
                    total="1000.00",
                    bought="2025-12-15",
                    kind="CREDIT",
                )
            ],
        )
    luiza = find(InstallmentsService(installments_store, today=lambda: TODAY).purchases(CARD), "MAGAZINE LUIZA",
                 date(2025, 12, 15))  # fmt: skip
    assert not luiza.cancelled and luiza.refunded == Decimal("30.00")
    assert luiza.remaining_amount == Decimal("700.00")


def test_identical_purchases_the_same_day_are_two_purchases(service: InstallmentsService) -> None:
    meli = [p for p in service.purchases(CARD) if p.description == "MERCADOLIVRE"]
    assert len(meli) == 2
    assert {p.key for p in meli} == {meli[0].key, meli[1].key} and meli[0].key != meli[1].key
    assert all(p.remaining_amount == Decimal("50.00") for p in meli)


def test_purchases_of_one_card_only_and_active_first(service: InstallmentsService) -> None:
    purchases = service.purchases(CARD)
    assert {p.account_id for p in purchases} == {CARD}
    assert "APPLE STORE" not in [p.description for p in purchases]
    assert "NETFLIX.COM" not in [p.description for p in purchases]
    finished = [p.finished for p in purchases]
    assert finished == sorted(finished)  # every active purchase before the finished ones
    assert [p.description for p in service.purchases(GOLD)] == ["APPLE STORE"]
    assert len(service.purchases()) == len(purchases) + 1


def test_commitment_per_month_for_one_card_and_for_all(service: InstallmentsService) -> None:
    card = service.commitment(CARD)
    assert len(card) == 12 and card[0].month == date(2026, 3, 1) and card[-1].month == date(2027, 2, 1)
    # March: Luiza 10x (15/03) + Luiza 3x (20/03) + Renner (28/03) + Magazine Loja 5/10 (20/03)
    assert card[0].amount == Decimal("383.33") and card[0].installments == 4
    # April: Luiza 10x, Luiza 3x, Amazon 10/12, two Mercado Livre, Magazine Loja
    assert card[1].amount == Decimal("550.00") and card[1].installments == 6
    every = service.commitment()
    assert every[0].amount == Decimal("1383.33")  # plus the Apple Store on the Gold card
    assert every[3].amount == card[3].amount + Decimal("1000.00")
    assert every[-1].amount == 0 and every[-1].installments == 0


def test_nothing_in_installments_gives_an_empty_list_and_zero_months(store: Store) -> None:
    service = InstallmentsService(store, today=lambda: TODAY)
    with store.write() as conn:
        store.repos.transactions.mark_removed(conn, ["t4"])
    assert service.purchases() == []
    assert [m.amount for m in service.commitment()] == [Decimal(0)] * 12


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("MAGAZINE LUIZA 3/10", "MAGAZINE LUIZA"),
        ("MAGAZINE LUIZA 03/10", "MAGAZINE LUIZA"),
        ("AMAZON BR PARC 07/12", "AMAZON BR"),
        ("LOJAS RENNER PARCELA 2 DE 6", "LOJAS RENNER"),
        ("DECOLAR (2/4)", "DECOLAR"),
        ("NETFLIX.COM", "NETFLIX.COM"),
        ("12/10", "12/10"),  # nothing else left: kept as it is
    ],
)
def test_the_installment_marker_is_dropped(text: str, bare: str) -> None:
    assert strip_installment_suffix(text) == bare


def test_refund_words_case_and_spaces_do_not_split_a_purchase() -> None:
    assert purchase_name("ESTORNO  Magazine Luiza 03/10") == purchase_name("MAGAZINE LUIZA 3/10") == "magazine luiza"


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2), st.integers(1, 48))
def test_an_even_split_adds_up_and_differs_by_cents_only(amount: Decimal, parts: int) -> None:
    pieces = split_evenly(amount, parts)
    assert len(pieces) == parts and sum(pieces) == amount
    assert all(p == p.quantize(Decimal("0.01")) for p in pieces)
    assert max(pieces) - min(pieces) < Decimal("0.01") * parts


CARD_VIEW = InstallmentCard(CARD, "Cartão Black", "4321", "BRL")


@given(
    total=st.decimals(min_value=Decimal("2.00"), max_value=Decimal("50000.00"), places=2),
    count=st.integers(2, 24),
    bought=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    kept=st.data(),
    with_total=st.booleans(),
    odd_first=st.booleans(),
    today=st.dates(min_value=date(2019, 1, 1), max_value=date(2033, 12, 31)),
)
def test_any_subset_of_a_purchase_rows_rebuilds_the_whole_purchase(
    total: Decimal, count: int, bought: date, kept: st.DataObject, with_total: bool, odd_first: bool, today: date
) -> None:
    amounts = split_evenly(total, count)
    if odd_first:  # some banks put the odd cents on the first installment
        amounts.reverse()
    numbers = kept.draw(st.sets(st.integers(1, count), min_size=1), label="rows in the store")
    rows = [
        InstallmentRow(id=k, day=shift_months(bought, k - 1), description=f"LOJA X {k:02d}/{count:02d}",
                       amount=-amounts[k - 1], number=k, count=count, total=total if with_total else None,
                       purchase_date=bought if with_total else None, pending=False)
        for k in sorted(numbers)
    ]  # fmt: skip
    purchases = group_purchases(CARD_VIEW, rows, today)
    assert len(purchases) == 1
    purchase = purchases[0]
    assert [i.number for i in purchase.installments] == list(range(1, count + 1))
    assert {i.number for i in purchase.installments if not i.projected} == numbers
    expected = [shift_months(bought, k) for k in range(count)]
    if with_total:  # with the purchase date: the very dates
        assert [i.day for i in purchase.installments] == expected
    else:  # a row on 28/02 cannot tell the 28th from the 31st: the month is right, the day never later
        assert [(i.day.year, i.day.month) for i in purchase.installments] == [(d.year, d.month) for d in expected]
        assert all(i.day <= d for i, d in zip(purchase.installments, expected, strict=True))
    assert all(i.amount > 0 and i.amount == i.amount.quantize(Decimal("0.01")) for i in purchase.installments)
    if with_total:
        assert sum(i.amount for i in purchase.installments) == total == purchase.total
    else:  # a regular installment's amount: off by the odd cents at most
        assert all(abs(i.amount - amounts[i.number - 1]) < Decimal("0.01") * count for i in purchase.installments)
    assert purchase.posted_count == sum(1 for i in purchase.installments if i.day <= today)
    if with_total:
        assert purchase.posted_count == sum(1 for d in expected if d <= today)
    assert purchase.remaining_amount == sum(i.amount for i in purchase.installments if i.day > today)


def test_a_bank_that_dates_every_installment_by_the_purchase(installments_store: Store) -> None:
    with installments_store.write() as conn:
        installments_store.repos.transactions.upsert(
            conn,
            [
                part(
                    f"cb{k}", "2026-01-31", f"CASAS BAHIA {k}/4", "-250.00", k, 4, total="1000.00", bought="2026-01-31"
                )
                for k in (1, 2, 3)
            ],
        )
    bahia = find(InstallmentsService(installments_store, today=lambda: TODAY).purchases(CARD), "CASAS BAHIA")
    assert [i.day for i in bahia.installments] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31),
                                                   date(2026, 4, 30)]  # fmt: skip
    assert [i.projected for i in bahia.installments] == [False, False, False, True]
    assert bahia.posted_count == 2 and bahia.remaining_amount == Decimal("500.00")


def test_a_total_that_is_not_the_installments_sum_gives_way_to_the_rows(installments_store: Store) -> None:
    with installments_store.write() as conn:  # 10 x R$ 110,00 with interest on a R$ 1.000,00 principal
        installments_store.repos.transactions.upsert(
            conn,
            [
                part(
                    f"fa{k}",
                    f"2026-0{k}-08",
                    f"FAST SHOP {k}/10",
                    "-110.00",
                    k,
                    10,
                    total="1000.00",
                    bought="2026-01-08",
                )
                for k in (1, 2)
            ],
        )
    fast = find(InstallmentsService(installments_store, today=lambda: TODAY).purchases(CARD), "FAST SHOP")
    assert [i.amount for i in fast.installments] == [Decimal("110.00")] * 10
    assert fast.total == Decimal("1100.00") and fast.total_estimated
    assert fast.remaining_amount == Decimal("770.00")  # the 3rd, projected for 08/03, is past


def test_the_bank_total_holds_when_the_only_row_known_carries_the_odd_cents() -> None:
    """R$ 2,00 in 3x with the odd cents on the first (0,68 + 0,66 + 0,66) and only the first row synced: the bank's
    total is the installments' sum, so the missing two are 0,66 each (they were projected as 0,68: R$ 2,04 in all)."""
    row = InstallmentRow(id=1, day=date(2020, 1, 1), description="LOJA X 01/03", amount=Decimal("-0.68"), number=1,
                         count=3, total=Decimal("2.00"), purchase_date=date(2020, 1, 1), pending=False)  # fmt: skip
    [purchase] = group_purchases(CARD_VIEW, [row], date(2020, 1, 15))
    assert [i.amount for i in purchase.installments] == [Decimal("0.68"), Decimal("0.66"), Decimal("0.66")]
    assert purchase.total == Decimal("2.00")
