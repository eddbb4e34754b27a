"""Transactions: paged queries with filters and full-text search, and the user's own edits (category, note, tags,
ignore). Edits live apart from provider data, so a re-sync never overwrites them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.domain.money import Money
from financehub_desktop.store import PageCursor, Store, TransactionQuery, count_transactions, search_transactions
from financehub_desktop.store.schema import accounts, transactions
from financehub_desktop.store.search import TransactionView

from .categories import load_categories, localized
from .events import Change, EventBus, Topic
from .read_models import CategoryView, TransactionDetail, TransactionFilter, TransactionRow


def check_filter(flt: TransactionFilter) -> None:
    """A typed error for a filter that cannot match anything sensible (min above max, start after end)."""
    _query(flt)


def _query(flt: TransactionFilter) -> TransactionQuery:
    if flt.amount_min is not None and flt.amount_max is not None and flt.amount_min > flt.amount_max:
        raise InvalidInputError("the minimum amount is larger than the maximum")
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise InvalidInputError("the start date is after the end date")
    return TransactionQuery(
        text=flt.text,
        account_ids=flt.account_ids,
        category_ids=flt.category_ids,
        date_from=flt.date_from,
        date_to=flt.date_to,
        amount_min=flt.amount_min,
        amount_max=flt.amount_max,
        statuses=(flt.status,) if flt.status else (),
        include_removed=flt.include_removed,
        include_ignored=flt.include_ignored,
    )


def _pix_key(raw: object) -> str:
    payment = raw.get("paymentData") if isinstance(raw, dict) else None
    if not isinstance(payment, dict):
        return ""
    for side in ("receiver", "payer"):
        party = payment.get(side)
        if isinstance(party, dict) and party.get("pixKey"):
            return str(party["pixKey"])
    return str(payment.get("pixKey") or "")


def installment_label(number: int | None, total: int | None) -> str:
    return f"{number}/{total}" if number and total and total > 1 else ""


class TransactionsService:
    def __init__(self, store: Store, bus: EventBus, language: str = "pt_BR") -> None:
        self.store = store
        self.bus = bus
        self.language = language
        self._account_names: dict[str, str] | None = None
        self._category_names: dict[str, str] | None = None
        bus.subscribe(self._forget_caches)

    # ------------------------------------------------------------------ lookups (cached until a change)
    def _forget_caches(self, change: Change) -> None:
        if change.topic in (Topic.ACCOUNTS, Topic.CATEGORIES, Topic.SYNC_FINISHED, Topic.SETTINGS):
            self._account_names = None
            self._category_names = None

    def account_names(self) -> dict[str, str]:
        if self._account_names is None:
            with self.store.read() as conn:
                rows = conn.execute(select(accounts.c.id, accounts.c.name, accounts.c.marketing_name))
                self._account_names = {r.id: r.marketing_name or r.name for r in rows}
        return self._account_names

    def categories(self) -> list[CategoryView]:
        return load_categories(self.store, self.language)

    def category_names(self) -> dict[str, str]:
        if self._category_names is None:
            self._category_names = {c.category_id: c.name for c in self.categories()}
        return self._category_names

    # ------------------------------------------------------------------ queries
    def _row(self, view: TransactionView) -> TransactionRow:
        category = localized(view.category_name_pt, view.category_name_en, self.language)
        return TransactionRow(
            transaction_id=view.id,
            pluggy_id=view.pluggy_id,
            account_id=view.account_id,
            account_name=view.account_name,
            moment=view.date,
            description=view.description,
            amount=Money(view.amount, view.currency_code),  # signed by the sync: money out is negative
            category_id=view.category_id,
            category_name=category,
            status=view.status,
            installment=installment_label(view.card_installment_number, view.card_total_installments),
            ignored=view.ignored,
            removed=view.removed,
            note=view.note or "",
        )

    def page(
        self, flt: TransactionFilter, after: TransactionRow | None = None, limit: int = 200
    ) -> list[TransactionRow]:
        """One page, newest first; pass the last row of a page to get the next (keyset paging, never OFFSET)."""
        cursor = PageCursor(after.moment, after.transaction_id) if after is not None else None
        with self.store.read() as conn:
            page = search_transactions(conn, _query(flt), after=cursor, limit=limit)
        return [self._row(v) for v in page.rows]

    def count(self, flt: TransactionFilter) -> int:
        with self.store.read() as conn:
            return count_transactions(conn, _query(flt))

    def row(self, transaction_id: int) -> TransactionRow:
        flt = TransactionFilter(include_removed=True)
        with self.store.read() as conn:
            date_ = conn.execute(select(transactions.c.date).where(transactions.c.id == transaction_id)).scalar()
            if date_ is None:
                raise InvalidInputError(f"transaction {transaction_id} does not exist")
            page = search_transactions(
                conn,
                _query(flt),
                after=PageCursor(date_, transaction_id + 1),
                limit=1,
            )
        if not page.rows or page.rows[0].id != transaction_id:
            raise InvalidInputError(f"transaction {transaction_id} does not exist")
        return self._row(page.rows[0])

    def detail(self, transaction_id: int) -> TransactionDetail:
        row = self.row(transaction_id)
        with self.store.read() as conn:
            t = conn.execute(select(transactions).where(transactions.c.id == transaction_id)).one()
            edit = self.store.repos.edits.get(conn, transaction_id)
            rule = (
                self.store.repos.rules.get(conn, edit.rule_id)
                if edit is not None and edit.rule_id is not None and edit.category_id is None
                else None
            )

        def party(name: str | None, document: str | None) -> str:
            return " · ".join(p for p in (name, document) if p)

        return TransactionDetail(
            row=row,
            raw_description=t.description_raw or "",
            transaction_type=t.type or "",
            operation_type=t.operation_type or "",
            payment_method=t.payment_method or "",
            payer=party(t.payer_name, t.payer_document),
            receiver=party(t.receiver_name, t.receiver_document),
            pix_key=_pix_key(t.raw),
            bill_id=t.card_bill_id or "",
            merchant=t.merchant_name or t.merchant_business_name or "",
            note=edit.note or "" if edit else "",
            tags=edit.tags if edit else (),
            provider_category=self.category_names().get(t.category_id or "", t.category or ""),
            rule_name=rule.name if rule is not None else "",
            first_seen_at=t.first_seen_at,
            last_seen_at=t.last_seen_at,
        )

    # ------------------------------------------------------------------ the user's edits
    def _edit(self, transaction_id: int, **changes: object) -> TransactionRow:
        with self.store.write() as conn:
            exists = conn.execute(select(transactions.c.id).where(transactions.c.id == transaction_id)).scalar()
            if exists is None:
                raise InvalidInputError(f"transaction {transaction_id} does not exist")
            self.store.repos.edits.set(conn, transaction_id, **changes)  # type: ignore[arg-type]
        self.bus.publish(Change(Topic.TRANSACTIONS, ids=(str(transaction_id),)))
        return self.row(transaction_id)

    def recategorise(self, transaction_id: int, category_id: str | None) -> TransactionRow:
        """``None`` goes back to the automatic category: the first matching rule's, else Pluggy's."""
        if category_id is not None and category_id not in self.category_names():
            raise InvalidInputError(f"unknown category {category_id}")
        return self._edit(transaction_id, category_id=category_id)

    def set_note(self, transaction_id: int, note: str) -> TransactionRow:
        if len(note) > 2000:
            raise InvalidInputError("a note has at most 2000 characters")
        return self._edit(transaction_id, note=note)

    def set_tags(self, transaction_id: int, tags: Sequence[str]) -> TransactionRow:
        return self._edit(transaction_id, tags=list(tags))

    def set_ignored(self, transaction_id: int, ignored: bool) -> TransactionRow:
        return self._edit(transaction_id, ignored=ignored)
