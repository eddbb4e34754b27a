"""Search: accent-insensitive full text over description, merchant and notes, with filters and keyset pages."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.store import Store, TransactionQuery, count_transactions, search_transactions
from financehub_desktop.store.repositories import FTS_DEFERRED_KEY
from financehub_desktop.store.search import fts_expression

from .conftest import ACCOUNT_ID, CARD_ID, seed


def _ids(store: Store, query: TransactionQuery) -> list[str]:
    with store.read() as conn:
        return [r.pluggy_id for r in search_transactions(conn, query, limit=1000).rows]


def test_accents_do_not_matter(store: Store) -> None:
    seed(store, 16)
    cafe = _ids(store, TransactionQuery(text="cafe"))
    assert cafe
    assert cafe == _ids(store, TransactionQuery(text="CAFÉ"))
    assert _ids(store, TransactionQuery(text="acougue")) == _ids(store, TransactionQuery(text="Açougue"))
    assert _ids(store, TransactionQuery(text="acucar padaria")) == cafe
    assert _ids(store, TransactionQuery(text="padar")) == cafe  # prefix
    assert _ids(store, TransactionQuery(text="cafe netflix")) == []  # every word must match


def test_merchant_and_note_are_searched(store: Store) -> None:
    records = seed(store, 8)
    assert _ids(store, TransactionQuery(text="hipermercados")) == [records[2].pluggy_id]
    with store.write() as conn:
        local = store.repos.transactions.local_ids(conn, [records[1].pluggy_id])[records[1].pluggy_id]
        store.repos.edits.set(conn, local, note="aluguel de março")
    assert _ids(store, TransactionQuery(text="marco aluguel")) == [records[1].pluggy_id]
    with store.write() as conn:
        store.repos.edits.set(conn, local, note=None)
    assert _ids(store, TransactionQuery(text="aluguel")) == []


def test_description_changes_reach_the_index(store: Store) -> None:
    records = seed(store, 3)
    with store.write() as conn:
        store.repos.transactions.upsert(conn, [dataclasses.replace(records[0], description="Livraria Cultura", raw={})])
    assert _ids(store, TransactionQuery(text="livraria")) == [records[0].pluggy_id]
    assert records[0].pluggy_id not in _ids(store, TransactionQuery(text="cafe"))


def test_filters_combine(store: Store) -> None:
    records = seed(store, 40)
    query = TransactionQuery(
        account_ids=[ACCOUNT_ID],
        date_from=date(2026, 3, 2),
        date_to=date(2026, 3, 6),
        amount_min=Decimal("-300"),
        amount_max=Decimal("-10"),
    )
    expected = [
        r.pluggy_id
        for r in sorted(records, key=lambda r: r.date, reverse=True)
        if r.account_id == ACCOUNT_ID
        and date(2026, 3, 2) <= r.date.date() <= date(2026, 3, 6)
        and Decimal("-300") <= r.amount <= Decimal("-10")
    ]
    assert expected
    assert _ids(store, query) == expected
    with store.read() as conn:
        assert count_transactions(conn, query) == len(expected)


def test_category_filter_uses_the_users_override(store: Store) -> None:
    records = seed(store, 9)
    with store.write() as conn:
        local = store.repos.transactions.local_ids(conn, [records[0].pluggy_id])[records[0].pluggy_id]
        store.repos.edits.set(conn, local, category_id="77777777", ignored=True)
    assert _ids(store, TransactionQuery(category_ids=["77777777"])) == [records[0].pluggy_id]
    assert records[0].pluggy_id not in _ids(store, TransactionQuery(category_ids=[records[0].category_id or ""]))
    assert records[0].pluggy_id not in _ids(store, TransactionQuery(include_ignored=False))
    with store.read() as conn:
        row = search_transactions(conn, TransactionQuery(category_ids=["77777777"])).rows[0]
    assert row.category_id == "77777777"
    assert row.provider_category_id == records[0].category_id
    assert row.ignored


def test_removed_rows_hidden_unless_asked(store: Store) -> None:
    records = seed(store, 5)
    with store.write() as conn:
        store.repos.transactions.mark_removed(conn, [records[0].pluggy_id])
    assert records[0].pluggy_id not in _ids(store, TransactionQuery())
    assert records[0].pluggy_id in _ids(store, TransactionQuery(include_removed=True))
    assert _ids(store, TransactionQuery(statuses=["PENDING"])) == []
    assert len(_ids(store, TransactionQuery(account_ids=[CARD_ID]))) == 1  # tx 3; tx 0 was removed


def test_keyset_pages_cover_everything_once_in_order(store: Store) -> None:
    seed(store, 57)
    seen: list[str] = []
    after = None
    pages = 0
    with store.read() as conn:
        while True:
            page = search_transactions(conn, TransactionQuery(), after=after, limit=10)
            seen += [r.pluggy_id for r in page.rows]
            pages += 1
            if page.next_cursor is None:
                break
            after = page.next_cursor
    assert pages == 6
    assert len(seen) == len(set(seen)) == 57
    assert seen == _ids(store, TransactionQuery())


@given(st.text(max_size=40))
def test_any_user_text_is_a_safe_query(text: str) -> None:
    expression = fts_expression(text)
    if expression is not None:
        assert expression.count('"') % 2 == 0
        for part in expression.split(" "):
            assert part.startswith('"')
            assert part.endswith('"*')
            assert '"' not in part[1:-2]


def test_hostile_text_does_not_break_the_query(store: Store) -> None:
    seed(store, 3)
    for text in ['"', "NEAR(", "a OR b", "*", 'cafe" OR "x', "-", "^café"]:
        _ids(store, TransactionQuery(text=text))


def test_common_words_walk_the_date_index_with_identical_results(store: Store, monkeypatch: object) -> None:
    import pytest

    from financehub_desktop.store import search

    seed(store, 64)
    queries = [
        TransactionQuery(text="pix"),
        TransactionQuery(text="padaria", account_ids=[CARD_ID]),
        TransactionQuery(text="s", amount_max=Decimal("-100")),
    ]

    def paged(query: TransactionQuery) -> list[str]:
        out: list[str] = []
        after = None
        with store.read() as conn:
            while True:
                page = search_transactions(conn, query, after=after, limit=3)
                out += [r.pluggy_id for r in page.rows]
                if page.next_cursor is None:
                    return out
                after = page.next_cursor

    rare = [paged(q) for q in queries]
    assert all(rare)
    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(search, "COMMON_MATCHES", 1)
    with store.read() as conn:
        assert search._is_common(conn, "pix*")
    assert [paged(q) for q in queries] == rare


def test_rows_carry_account_and_effective_category_names(store: Store) -> None:
    from financehub_desktop.store.records import CategoryRecord

    records = seed(store, 2)
    with store.write() as conn:
        store.repos.categories.upsert(
            conn,
            [
                CategoryRecord(id=records[0].category_id or "", name_en="Groceries", name_pt="Supermercado"),
                CategoryRecord(id="05050000", name_en="Gifts", name_pt="Presentes"),
            ],
        )
        local = store.repos.transactions.local_ids(conn, [records[1].pluggy_id])[records[1].pluggy_id]
        store.repos.edits.set(conn, local, category_id="05050000")
    with store.read() as conn:
        rows = {r.pluggy_id: r for r in search_transactions(conn, TransactionQuery()).rows}
    first, second = rows[records[0].pluggy_id], rows[records[1].pluggy_id]
    assert (first.category_name_pt, first.category_name_en, first.account_name) == (
        "Supermercado",
        "Groceries",
        "Cartão Platinum",
    )
    assert (second.category_name_pt, second.account_name) == ("Presentes", "Conta Corrente")


def test_a_bulk_upsert_indexes_new_rows_together_and_leaves_the_trigger_on(store: Store) -> None:
    records = seed(store, 30)
    assert len(_ids(store, TransactionQuery(text="padaria"))) == len([r for r in records if "Padaria" in r.description])
    with store.read() as conn:
        indexed = conn.exec_driver_sql("SELECT count(*) FROM transactions_fts").scalar()
        deferred = conn.exec_driver_sql("SELECT count(*) FROM store_meta WHERE key = ?", (FTS_DEFERRED_KEY,)).scalar()
    assert (indexed, deferred) == (30, 0)
    # a row written by anything else is still indexed by the trigger
    with store.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO transactions (pluggy_id, account_id, date, description, amount, currency_code, status, raw,"
            " content_hash, first_seen_at, last_seen_at) SELECT 'by-hand', account_id, date, 'Livraria Cultura',"
            " amount, currency_code, status, raw, 'h', first_seen_at, last_seen_at FROM transactions LIMIT 1"
        )
    assert _ids(store, TransactionQuery(text="livraria")) == ["by-hand"]


def test_a_failed_bulk_upsert_rolls_back_rows_index_and_deferral(store: Store) -> None:
    records = seed(store, 5)
    fresh = [dataclasses.replace(r, pluggy_id=f"new-{n}", description="Livraria") for n, r in enumerate(records)]
    broken = dataclasses.replace(records[0], pluggy_id="broken", amount=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="floats are refused"), store.write() as conn:
        store.repos.transactions.upsert(conn, [*fresh, broken])
    assert _ids(store, TransactionQuery(text="livraria")) == []
    with store.write() as conn:  # nothing was left deferred: the next upsert and a hand-written row are both indexed
        store.repos.transactions.upsert(conn, fresh[:2])
        conn.exec_driver_sql(
            "UPDATE transactions SET description = 'Livraria Saraiva' WHERE pluggy_id = ?", (records[1].pluggy_id,)
        )
    assert sorted(_ids(store, TransactionQuery(text="livraria"))) == sorted(["new-0", "new-1", records[1].pluggy_id])
