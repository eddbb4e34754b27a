"""Detection of transfers between the user's own accounts (pure functions, no store)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from financehub_desktop.services.transfers import AccountInfo, Holder, Movement, OwnTransfer, detect, digits, index

CHECKING, SAVINGS, OTHER_BANK = "acc-checking", "acc-savings", "acc-nubank"
ACCOUNTS = {
    CHECKING: AccountInfo(CHECKING, "Conta Corrente", "Pluggy Bank", "CHECKING_ACCOUNT"),
    SAVINGS: AccountInfo(SAVINGS, "Poupança", "Pluggy Bank", "SAVINGS_ACCOUNT"),
    OTHER_BANK: AccountInfo(OTHER_BANK, "Conta", "Nubank", "CHECKING_ACCOUNT"),
}
ME = "123.456.789-09"
FRIEND = "987.654.321-00"
HOLDER = Holder(frozenset({"12345678909"}), frozenset({"MARIA DA SILVA"}))
DAY = date(2026, 3, 6)


def mv(tid: int, account: str, direction: str, amount: str, day: date = DAY, **extra: object) -> Movement:
    return Movement(tid, account, day, direction, Decimal(amount), **extra)  # type: ignore[arg-type]


def pairs(found: list[OwnTransfer]) -> set[tuple[int | None, int | None]]:
    return {(t.out_id, t.in_id) for t in found}


def test_pix_to_own_savings_named_by_payment_data_is_a_pair() -> None:
    out = mv(1, CHECKING, "OUT", "600.00", description="PIX ENVIADO - MARIA", payer_document=ME, receiver_document=ME)
    into = mv(2, SAVINGS, "IN", "600.00", DAY + timedelta(days=1), payer_document=ME, receiver_document=ME)
    found = detect([out, into], ACCOUNTS, HOLDER)
    assert found == [OwnTransfer(1, 2, "payment-data")]


def test_ted_to_the_other_bank_named_in_the_description() -> None:
    out = mv(1, CHECKING, "OUT", "1500.00", description="TED ENVIADA NUBANK")
    into = mv(2, OTHER_BANK, "IN", "1500.00", DAY + timedelta(days=3), description="Transferência recebida")
    assert pairs(detect([out, into], ACCOUNTS)) == {(1, 2)}
    assert detect([out, into], ACCOUNTS)[0].reason == "description"


def test_description_with_the_holders_name_and_accents() -> None:
    out = mv(1, CHECKING, "OUT", "80.00", description="Transferência para Maria da Silva")
    into = mv(2, SAVINGS, "IN", "80.00", description="CREDITO")
    assert detect([out, into], ACCOUNTS, HOLDER) == [OwnTransfer(1, 2, "description")]


def test_same_person_transfer_category_corroborates() -> None:
    out = mv(1, CHECKING, "OUT", "600.00", description="TRANSFERENCIA PARA POUPANCA", category_id="04000000")
    into = mv(2, SAVINGS, "IN", "600.00", description="CREDITO", category_id="04000000")
    assert pairs(detect([out, into], ACCOUNTS)) == {(1, 2)}
    bare_out = mv(1, CHECKING, "OUT", "600.00", description="DEBITO", operation_type="TRANSFERENCIA_MESMA_INSTITUICAO")
    assert detect([bare_out, mv(2, SAVINGS, "IN", "600.00")], ACCOUNTS) == [OwnTransfer(1, 2, "category")]


def test_refund_without_corroboration_is_not_a_transfer() -> None:
    purchase = mv(1, CHECKING, "OUT", "89.90", description="COMPRA CARTAO DEBITO DROGASIL", category_id="14020000")
    refund = mv(2, SAVINGS, "IN", "89.90", DAY + timedelta(days=1), description="ESTORNO DROGASIL")
    assert detect([purchase, refund], ACCOUNTS, HOLDER) == []


def test_payment_to_someone_else_for_the_same_amount_is_not_a_transfer() -> None:
    """A PIX to a friend and a PIX from a friend, same amount, PIX category on both: the payment data vetoes it."""
    to_friend = mv(1, CHECKING, "OUT", "100.00", description="PIX ENVIADO JOAO", category_id="05070000",
                   payer_document=ME, receiver_document=FRIEND)  # fmt: skip
    from_friend = mv(2, SAVINGS, "IN", "100.00", description="PIX RECEBIDO JOAO", category_id="05070000",
                     payer_document=FRIEND, receiver_document=ME)  # fmt: skip
    assert detect([to_friend, from_friend], ACCOUNTS, HOLDER) == []
    assert detect([to_friend, from_friend], ACCOUNTS) == []  # even with no identity: the bank named both ends
    by_name = mv(1, CHECKING, "OUT", "100.00", category_id="05070000", payer_name="Maria da Silva",
                 receiver_name="João Souza")  # fmt: skip
    assert detect([by_name, mv(2, SAVINGS, "IN", "100.00", category_id="05070000")], ACCOUNTS) == []


def test_same_account_and_far_dates_and_cents_apart_never_pair() -> None:
    tagged: dict[str, Any] = {"category_id": "04000000"}
    assert detect([mv(1, CHECKING, "OUT", "50.00", **tagged), mv(2, CHECKING, "IN", "50.00", **tagged)], ACCOUNTS) == []
    late = mv(2, SAVINGS, "IN", "50.00", DAY + timedelta(days=4), **tagged)
    assert detect([mv(1, CHECKING, "OUT", "50.00", **tagged), late], ACCOUNTS) == []
    assert detect([mv(1, CHECKING, "OUT", "50.00", **tagged), mv(2, SAVINGS, "IN", "50.01", **tagged)], ACCOUNTS) == []
    early = mv(2, SAVINGS, "IN", "50.0", DAY - timedelta(days=2), **tagged)  # Decimal("50.0") == Decimal("50.00")
    assert pairs(detect([mv(1, CHECKING, "OUT", "50.00", **tagged), early], ACCOUNTS)) == {(1, 2)}


def test_two_equal_transfers_the_same_day_pair_one_to_one() -> None:
    tagged: dict[str, Any] = {"category_id": "04000000"}
    rows = [
        mv(4, SAVINGS, "IN", "200.00", **tagged),
        mv(1, CHECKING, "OUT", "200.00", **tagged),
        mv(3, SAVINGS, "IN", "200.00", **tagged),
        mv(2, CHECKING, "OUT", "200.00", **tagged),
    ]
    found = detect(rows, ACCOUNTS)
    assert pairs(found) == {(1, 3), (2, 4)}
    assert pairs(detect(list(reversed(rows)), ACCOUNTS)) == pairs(found)


def test_the_closest_date_wins() -> None:
    tagged: dict[str, Any] = {"category_id": "04000000"}
    rows = [
        mv(1, CHECKING, "OUT", "300.00", DAY, **tagged),
        mv(2, SAVINGS, "IN", "300.00", DAY + timedelta(days=2), **tagged),
        mv(3, SAVINGS, "IN", "300.00", DAY, **tagged),
    ]
    assert pairs(detect(rows, ACCOUNTS)) == {(1, 3)}


def test_pix_to_myself_at_a_bank_not_connected() -> None:
    alone = mv(7, CHECKING, "OUT", "1000.00", description="PIX ENVIADO MARIA DA SILVA",
               payer_document="12345678909", receiver_document=ME)  # fmt: skip
    assert detect([alone], ACCOUNTS) == [OwnTransfer(7, None, "self-pix")]
    to_friend = mv(8, CHECKING, "OUT", "1000.00", payer_document=ME, receiver_document=FRIEND)
    assert detect([to_friend], ACCOUNTS, HOLDER) == []
    assert index(detect([alone], ACCOUNTS))[7].other(7) is None


def test_digits_ignores_formatting() -> None:
    assert digits("123.456.789-09") == digits("12345678909") == "12345678909"
    assert digits("") is None and digits(None) is None


# ------------------------------------------------------------------------------------------------ properties
_accounts = st.sampled_from([CHECKING, SAVINGS, OTHER_BANK])
_amounts = st.sampled_from([Decimal("10.00"), Decimal("10.01"), Decimal("250.00"), Decimal("600.00")])
_movements = st.lists(
    st.builds(
        lambda account, direction, amount, offset, category: (account, direction, amount, offset, category),
        _accounts,
        st.sampled_from(["OUT", "IN"]),
        _amounts,
        st.integers(0, 12),
        st.sampled_from([None, "04000000", "05070000", "08000000"]),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(_movements)
def test_pairs_are_sound(specs: list[tuple[str, str, Decimal, int, str | None]]) -> None:
    rows = [mv(n, acc, d, str(amount), DAY + timedelta(days=off), category_id=cat)
            for n, (acc, d, amount, off, cat) in enumerate(specs)]  # fmt: skip
    by_id = {m.id: m for m in rows}
    found = detect(rows, ACCOUNTS)
    seen: list[int] = []
    for t in found:
        assert t.out_id is not None and t.in_id is not None  # no payment data here, so never a lone self PIX
        o, i = by_id[t.out_id], by_id[t.in_id]
        seen += [o.id, i.id]
        assert o.direction == "OUT" and i.direction == "IN"
        assert o.account_id != i.account_id
        assert o.amount == i.amount
        assert abs((i.day - o.day).days) <= 3
        assert {o.category_id, i.category_id} & {"04000000", "05070000"}  # corroborated by a transfer category
    assert len(seen) == len(set(seen))  # no row used twice
    assert pairs(detect(list(reversed(rows)), ACCOUNTS)) == pairs(found)  # order of the input does not matter


@settings(max_examples=100, deadline=None)
@given(_movements)
def test_greedy_leaves_no_obvious_pair_behind(specs: list[tuple[str, str, Decimal, int, str | None]]) -> None:
    """After detection, no two unused rows could still form a corroborated pair."""
    rows = [mv(n, acc, d, str(amount), DAY + timedelta(days=off), category_id="04000000")
            for n, (acc, d, amount, off, _cat) in enumerate(specs)]  # fmt: skip
    used = set(index(detect(rows, ACCOUNTS)))
    free = [m for m in rows if m.id not in used]
    for o in (m for m in free if m.direction == "OUT"):
        for i in (m for m in free if m.direction == "IN"):
            assert not (o.amount == i.amount and o.account_id != i.account_id and abs((i.day - o.day).days) <= 3)
