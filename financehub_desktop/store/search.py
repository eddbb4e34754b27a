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

from .schema import accounts, categories, transactions
from .schema_local import transaction_edits

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_PAGE = 1000
#: Above this many full-text matches, a page is found by walking the date index instead of sorting every match.
COMMON_MATCHES = 2000


@dataclass(frozen=True, slots=True)
class TransactionQuery:
    """What the user asked for. Dates are inclusive UTC calendar days; amounts compare signed values."""

    text: str = ""
    account_ids: Sequence[str] = ()
    category_ids: Sequence[str] = ()  # the effective category: the user's override, else a rule's, else the provider's
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
    category_name_pt: str | None  # of the effective category
    category_name_en: str | None
    account_name: str
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
    """The user's category, else the first matching categorisation rule's, else Pluggy's."""
    return effective_category(transactions.c.category_id, transaction_edits.c)


def effective_category(provider_category: ColumnElement[Any], edits: Any) -> ColumnElement[Any]:
    """The precedence, in one place for search and reports: manual edit > rule > provider."""
    return func.coalesce(edits.category_id, edits.rule_category_id, provider_category)


def _is_common(conn: Connection, match: str) -> bool:
    """Whether the words match many rows (more than ``COMMON_MATCHES``), counted cheaply with a cap."""
    capped = conn.execute(
        text("SELECT count(*) FROM (SELECT rowid FROM transactions_fts WHERE transactions_fts MATCH :q LIMIT :cap)"),
        {"q": match, "cap": COMMON_MATCHES + 1},
    ).scalar_one()
    return int(capped) > COMMON_MATCHES


def _filters(query: TransactionQuery, *, common: bool = False) -> list[ColumnElement[bool]]:
    t, e = transactions.c, transaction_edits.c
    where: list[ColumnElement[bool]] = []
    match = fts_expression(query.text)
    if match is not None:
        matches = select(text("rowid")).select_from(text("transactions_fts")).where(text("transactions_fts MATCH :q"))
        # Rare words: look the few matching rows up by id, then sort them. Common words: walk the (date, id) index
        # newest first and keep matching rows until the page is full; ``id + 0`` stops SQLite from choosing the
        # id lookup, which would fetch and sort every match (seconds for "pix" over 500k rows).
        where.append((t.id + 0).in_(matches) if common else t.id.in_(matches))
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


def _base(columns: Sequence[Any], query: TransactionQuery, *, common: bool = False, names: bool = False) -> Select[Any]:
    joined = transactions.outerjoin(transaction_edits, transaction_edits.c.transaction_id == transactions.c.id)
    if names:  # the page's rows only: primary-key lookups for the account's and the category's names
        joined = joined.join(accounts, accounts.c.id == transactions.c.account_id).outerjoin(
            categories, categories.c.id == _effective_category()
        )
    return select(*columns).select_from(joined).where(*_filters(query, common=common))


def search_transactions(
    conn: Connection, query: TransactionQuery, *, after: PageCursor | None = None, limit: int = 200
) -> Page:
    """One page, newest first; pass the returned ``next_cursor`` as ``after`` for the next page."""
    limit = max(1, min(limit, MAX_PAGE))
    t, e = transactions.c, transaction_edits.c
    params = _params(query)
    common = "q" in params and _is_common(conn, params["q"])
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
            categories.c.name_pt.label("category_name_pt"),
            categories.c.name_en.label("category_name_en"),
            accounts.c.name.label("account_name"),
            t.merchant_name,
            t.card_installment_number,
            t.card_total_installments,
            e.note,
            e.tags,
            e.ignored,
            t.removed_at,
        ],
        query,
        common=common,
        names=True,
    )
    if after is not None:
        stmt = stmt.where(tuple_(t.date, t.id) < tuple_(literal(after.date, t.date.type), literal(after.id)))
    stmt = stmt.order_by(t.date.desc(), t.id.desc()).limit(limit + 1)
    rows = list(conn.execute(stmt, params))
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
            category_name_pt=r.category_name_pt,
            category_name_en=r.category_name_en,
            account_name=r.account_name,
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
