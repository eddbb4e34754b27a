"""Categorisation rules in the store: what each kind of rule matches, and applying them without churn."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.store import Store, TransactionQuery, search_transactions
from financehub_desktop.store.local_repos import CategorisationRule, digits, payment_method_of
from financehub_desktop.store.schema_local import categorisation_rules

from .conftest import ACCOUNT_ID, seed, total_changes, transaction


def _categories(store: Store) -> dict[str, str | None]:
    with store.read() as conn:
        page = search_transactions(conn, TransactionQuery(), limit=1000)
    return {r.pluggy_id: r.category_id for r in page.rows}


def test_document_rules_match_the_payer_or_the_receiver_digits_only(store: Store) -> None:
    with store.write() as conn:
        rules = store.repos.rules
        rules.add(conn, {"field": "document", "match_type": "exact", "pattern": "123.456.789-01", "category_id": "A"})
        rules.add(conn, {"field": "document", "match_type": "startsWith", "pattern": "12.345.678", "category_id": "B"})
        assert rules.category_for(conn, description="PIX", merchant=None, documents=["12345678901"]) == "A"
        assert rules.category_for(conn, description="x", merchant=None, documents=["", "123.456.789-01"]) == "A"
        assert rules.category_for(conn, description="x", merchant=None, documents=["12.345.678/0001-90"]) == "B"
        assert rules.category_for(conn, description="12345678901", merchant=None, documents=[]) is None
        stored = conn.execute(select(categorisation_rules.c.pattern)).scalars().all()
    assert stored == ["12345678901", "12345678"]


def test_payment_method_rules_and_card_spending(store: Store) -> None:
    with store.write() as conn:
        store.repos.rules.add(conn, {"field": "payment_method", "pattern": "pix", "category_id": "P"})
        store.repos.rules.add(conn, {"field": "payment_method", "pattern": "CARD", "category_id": "C"})
        assert store.repos.rules.category_for(conn, description="x", merchant=None, payment_method="PIX") == "P"
        assert store.repos.rules.category_for(conn, description="x", merchant=None, payment_method="TED") is None
        (pix, _card) = store.repos.rules.list(conn)
    assert (pix.pattern, pix.match_type) == ("PIX", "exact")
    assert payment_method_of(None, None, "CREDIT") == "CARD"
    assert payment_method_of(None, "PIX", "BANK") == "PIX"
    assert payment_method_of("ted", "PIX", "BANK") == "TED"
    assert payment_method_of(None, "TARIFA", "BANK") == ""
    assert digits(" 12.345.678/0001-90 ") == "12345678000190"


@pytest.mark.parametrize(
    "rule",
    [
        {"pattern": "  ", "category_id": "A"},
        {"pattern": "x", "category_id": ""},
        {"pattern": "x", "category_id": "A", "field": "amount"},
        {"pattern": "x", "category_id": "A", "match_type": "regex"},
        {"field": "document", "pattern": "abc", "category_id": "A"},
        {"field": "payment_method", "pattern": "CHEQUE", "category_id": "A"},
        {"pattern": "x", "category_id": "A", "amount_min": Decimal(5), "amount_max": Decimal(1)},
        {"pattern": "x", "category_id": "A", "amount_min": 1.5},
        {"pattern": "x", "category_id": "A", "transaction_type": "BOTH"},
        {"pattern": "x", "category_id": "A", "colour": "red"},
    ],
)
def test_bad_rules_are_refused_and_nothing_is_stored(store: Store, rule: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError), store.write() as conn:
        store.repos.rules.add(conn, rule)
    with store.read() as conn:
        assert store.repos.rules.list(conn) == []


def test_apply_records_the_rule_category_under_the_manual_one_and_writes_nothing_twice(store: Store) -> None:
    records = seed(store, 24)  # every 8th is "Uber *Trip" (merchant "Uber do Brasil")
    uber = [r.pluggy_id for r in records if r.merchant_name == "Uber do Brasil"]
    with store.write() as conn:
        local = store.repos.transactions.local_ids(conn, uber)
        manual = local[uber[0]]
        store.repos.edits.set(conn, manual, category_id="09999999", note="minha")
        rule = store.repos.rules.add(conn, {"field": "merchant", "pattern": "uber", "category_id": "05070000"})
        changed = store.repos.rules.apply(conn)
    assert sorted(changed) == sorted(local.values())
    effective = _categories(store)
    assert effective[uber[0]] == "09999999"  # the manual category wins
    assert [effective[p] for p in uber[1:]] == ["05070000"] * (len(uber) - 1)
    with store.read() as conn:
        edit = store.repos.edits.get(conn, manual)
    assert edit is not None
    assert (edit.category_id, edit.note, edit.rule_category_id, edit.rule_id) == ("09999999", "minha", "05070000", rule)
    # Applying again and re-syncing the same data write nothing, and the results stay.
    with store.write() as conn:
        before = total_changes(conn)
        assert store.repos.rules.apply(conn) == []
        assert store.repos.transactions.upsert(conn, records).unchanged == len(records)
        assert total_changes(conn) == before
    assert _categories(store) == effective
    # A changed provider category does not beat the rule either.
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [transaction(11, category_id="01000000", raw={"v": 2})])
    assert _categories(store)[records[11].pluggy_id] == "05070000"
    # Filtering by category uses the same precedence.
    with store.read() as conn:
        page = search_transactions(conn, TransactionQuery(category_ids=["05070000"]))
    assert sorted(r.pluggy_id for r in page.rows) == sorted(uber[1:])


def test_filters_and_priority_pick_the_rule(store: Store) -> None:
    records = seed(store, 16)
    with store.write() as conn:
        rules = store.repos.rules
        rules.add(conn, {"field": "merchant", "pattern": "uber", "category_id": "LOW", "priority": 50})
        rules.add(conn, {"field": "merchant", "pattern": "uber", "category_id": "HIGH", "priority": 5,
                         "account_id": ACCOUNT_ID})  # fmt: skip
        rules.add(conn, {"pattern": "netflix", "category_id": "BIG", "amount_max": Decimal("-100.00")})
        store.repos.rules.apply(conn)
    effective = _categories(store)
    for r in records:
        if r.merchant_name == "Uber do Brasil":
            assert effective[r.pluggy_id] == ("HIGH" if r.account_id == ACCOUNT_ID else "LOW")
        elif r.merchant_name == "Netflix":
            assert effective[r.pluggy_id] == ("BIG" if r.amount <= Decimal("-100.00") else r.category_id)


def test_disabling_a_rule_gives_back_the_provider_category(store: Store) -> None:
    records = seed(store, 8)
    with store.write() as conn:
        rule = store.repos.rules.add(conn, {"pattern": "posto", "category_id": "FUEL"})
        assert len(store.repos.rules.apply(conn)) == 1
        store.repos.rules.update(conn, rule, enabled=False)
        assert len(store.repos.rules.apply(conn)) == 1
    posto = next(r for r in records if r.description == "Posto Ipiranga")
    assert _categories(store)[posto.pluggy_id] == posto.category_id
    with pytest.raises(InvalidInputError), store.write() as conn:
        store.repos.rules.update(conn, rule, field="colour")


def test_a_pending_rows_edits_move_onto_a_posted_row_that_only_has_a_rule_result(store: Store) -> None:
    seed(store, 8)
    with store.write() as conn:
        ids = store.repos.transactions.local_ids(conn, ["tx-00000001", "tx-00000002"])
        pending, posted = ids["tx-00000001"], ids["tx-00000002"]
        store.repos.edits.set(conn, pending, category_id="MANUAL", note="n")
        store.repos.rules.add(conn, {"pattern": "supermercado", "category_id": "RULE"})  # matches tx 2 only
        assert store.repos.rules.apply(conn) == [posted]
        assert store.repos.edits.move(conn, pending, posted)
        moved = store.repos.edits.get(conn, posted)
        assert store.repos.edits.get(conn, pending) is None
    assert moved is not None
    assert (moved.category_id, moved.note, moved.rule_category_id) == ("MANUAL", "n", "RULE")


@given(number=st.from_regex(r"\d{11}|\d{14}", fullmatch=True), separators=st.lists(st.sampled_from(".-/ "), max_size=4))
def test_a_document_rule_ignores_how_the_number_is_written(number: str, separators: list[str]) -> None:
    written = "".join(ch + (separators[i % len(separators)] if separators and i % 3 == 2 else "")
                      for i, ch in enumerate(number))  # fmt: skip
    assert digits(written) == number
    rule = CategorisationRule(1, "r", "document", "exact", number, "C")
    assert rule.matches(description="", merchant=None, documents=[written])
    assert not rule.matches(description=number, merchant=number, documents=[])
