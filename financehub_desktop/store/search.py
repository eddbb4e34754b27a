"""Transaction search for the lazy table view: full text (FTS5, accent-insensitive) plus filters, paged by keyset.

Text goes through ``transactions_fts`` (description + raw description, merchant, the user's note) tokenised with
``unicode61 remove_diacritics 2``: "cafe" finds "Café", "acougue" finds "Açougue". Each word of the query must
match the start of a word (prefix search), so "padar" finds "Padaria". Query text never reaches FTS5 syntax: words
are extracted and quoted, so user input cannot inject operators.

Pages are ordered newest first by (date, id) and continued with a cursor (``next_cursor``), never an OFFSET, so page
N costs the same as page 1 over years of history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import REAL, ColumnElement, Connection, Select, cast, func, literal, or_, select, text, tuple_

from .schema import transactions
from .schema_local import transaction_edits

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class TransactionQuery:
    """What the user asked for. Dates are inclusive UTC calendar days; amounts compare signed values."""

    text: str = ""
    account_ids: Sequence[str] = ()
    category_ids: Sequence[str] = ()  # the effective category: the user's override, else the provider's
    date_from: date | None = None
    date_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    statuses: Sequence[str] = ()
    include_removed: bool = False
    include_ignored: bool = True


@dataclass(frozen=True, slots=True)
class PageCursor:
    date: datetime
    id: int


@dataclass(frozen=True, slots=True)
class TransactionView:
    id: int
    pluggy_id: str
    account_id: str
    date: datetime
    description: str
    amount: Decimal
    currency_code: str
    status: str
    type: str | None
    category_id: str | None  # effective
    provider_category_id: str | None
    merchant_name: str | None
    card_installment_number: int | None
    card_total_installments: int | None
    note: str | None
    tags: tuple[str, ...]
    ignored: bool
    removed: bool


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[TransactionView]
    next_cursor: PageCursor | None


def fts_expression(query_text: str) -> str | None:
    """User text -> a safe FTS5 query: every word quoted, as a prefix, all required."""
    words = _WORD.findall(query_text)
    return " ".join(f'"{w}"*' for w in words) if words else None


def _effective_category() -> ColumnElement[Any]:
    return func.coalesce(transaction_edits.c.category_id, transactions.c.category_id)


def _filters(query: TransactionQuery) -> list[ColumnElement[bool]]:
    t, e = transactions.c, transaction_edits.c
    where: list[ColumnElement[bool]] = []
    match = fts_expression(query.text)
    if match is not None:
        where.append(
            t.id.in_(
                select(text("rowid")).select_from(text("transactions_fts")).where(text("transactions_fts MATCH :q"))
            )
        )
    if query.account_ids:
        where.append(t.account_id.in_(list(query.account_ids)))
    if query.category_ids:
        where.append(_effective_category().in_(list(query.category_ids)))
    if query.statuses:
        where.append(t.status.in_(list(query.statuses)))
    if query.date_from is not None:
        where.append(t.date >= datetime.combine(query.date_from, time(), UTC))
    if query.date_to is not None:
        where.append(t.date < datetime.combine(query.date_to + timedelta(days=1), time(), UTC))
    if query.amount_min is not None:
        where.append(cast(t.amount, REAL) >= cast(literal(str(query.amount_min)), REAL))
    if query.amount_max is not None:
        where.append(cast(t.amount, REAL) <= cast(literal(str(query.amount_max)), REAL))
    if not query.include_removed:
        where.append(t.removed_at.is_(None))
    if not query.include_ignored:
        where.append(or_(e.ignored.is_(None), e.ignored.is_(False)))
    return where


def _params(query: TransactionQuery) -> dict[str, str]:
    match = fts_expression(query.text)
    return {"q": match} if match is not None else {}


def _base(columns: Sequence[Any], query: TransactionQuery) -> Select[Any]:
    joined = transactions.outerjoin(transaction_edits, transaction_edits.c.transaction_id == transactions.c.id)
    return select(*columns).select_from(joined).where(*_filters(query))


def search_transactions(
    conn: Connection, query: TransactionQuery, *, after: PageCursor | None = None, limit: int = 200
) -> Page:
    """One page, newest first; pass the returned ``next_cursor`` as ``after`` for the next page."""
    limit = max(1, min(limit, MAX_PAGE))
    t, e = transactions.c, transaction_edits.c
    stmt = _base(
        [
            t.id,
            t.pluggy_id,
            t.account_id,
            t.date,
            t.description,
            t.amount,
            t.currency_code,
            t.status,
            t.type,
            _effective_category().label("category_id"),
            t.category_id.label("provider_category_id"),
            t.merchant_name,
            t.card_installment_number,
            t.card_total_installments,
            e.note,
            e.tags,
            e.ignored,
            t.removed_at,
        ],
        query,
    )
    if after is not None:
        stmt = stmt.where(tuple_(t.date, t.id) < tuple_(literal(after.date, t.date.type), literal(after.id)))
    stmt = stmt.order_by(t.date.desc(), t.id.desc()).limit(limit + 1)
    rows = list(conn.execute(stmt, _params(query)))
    views = [
        TransactionView(
            id=r.id,
            pluggy_id=r.pluggy_id,
            account_id=r.account_id,
            date=r.date,
            description=r.description,
            amount=r.amount,
            currency_code=r.currency_code,
            status=r.status,
            type=r.type,
            category_id=r.category_id,
            provider_category_id=r.provider_category_id,
            merchant_name=r.merchant_name,
            card_installment_number=r.card_installment_number,
            card_total_installments=r.card_total_installments,
            note=r.note,
            tags=tuple(r.tags or ()),
            ignored=bool(r.ignored),
            removed=r.removed_at is not None,
        )
        for r in rows[:limit]
    ]
    more = len(rows) > limit
    return Page(views, PageCursor(views[-1].date, views[-1].id) if more and views else None)


def count_transactions(conn: Connection, query: TransactionQuery) -> int:
    """How many rows the view will have (for its scroll bar and status line)."""
    return int(conn.execute(_base([func.count()], query), _params(query)).scalar_one())
