"""Accounts, transactions, categories, identity, investments, bills, loans, consents and merchants
(pluggy-api.md §6.4-6.10)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

from ..domain.errors import InvalidInputError
from .api_base import ApiBase
from .listing import all_transaction_pages
from .models.banking import (
    Account,
    AccountBalance,
    AccountStatement,
    Bill,
    Category,
    ClientCategoryRule,
    CreateClientCategoryRule,
    MerchantsResponse,
    Transaction,
    UpdateTransaction,
)
from .models.envelope import CursorPage, Page
from .models.wealth import Consent, IdentityResponse, Investment, InvestmentTransaction, Loan
from .pagination import DEFAULT_WINDOW, iterate_cursor, iterate_cursor_pages, iterate_pages

MAX_IDS = 500
MAX_PAGE_SIZE = 500


def _ids(ids: Iterable[str] | None) -> list[str] | None:
    if ids is None:
        return None
    listed = list(ids)
    if len(listed) > MAX_IDS:
        raise InvalidInputError(f"at most {MAX_IDS} ids per request, got {len(listed)}", field="ids")
    return listed


def transactions_link_filters(link: str) -> tuple[str, datetime | None]:
    """``(accountId, createdAtFrom)`` of a ``createdTransactionsLink``; a link without an account is refused."""
    query = parse_qs(urlsplit(link).query)
    account = query.get("accountId", [""])[-1]
    if not account:
        raise InvalidInputError("the transactions link names no accountId", field="createdTransactionsLink")
    raw_from = query.get("createdAtFrom", [""])[-1]
    if not raw_from:
        return account, None
    try:
        created = datetime.fromisoformat(raw_from.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInputError("createdAtFrom in the transactions link is not a date", field="createdAtFrom") from None
    return account, created if created.tzinfo else created.replace(tzinfo=UTC)


class DataApi(ApiBase):
    # ------------------------------------------------------------------------------------------ accounts
    async def list_accounts(self, item_id: str, *, type: str | None = None) -> Page[Account]:
        return await self._page(Account, "/accounts", params={"itemId": item_id, "type": type})

    async def get_account(self, account_id: str) -> Account:
        return await self._one(Account, "GET", "/accounts/{id}", path_params={"id": account_id})

    async def get_account_balance(self, account_id: str) -> AccountBalance:
        """Live balance from the institution (Open Finance quota applies)."""
        return await self._one(AccountBalance, "GET", "/accounts/{id}/balance", path_params={"id": account_id})

    async def list_account_statements(self, account_id: str) -> Page[AccountStatement]:
        return await self._page(AccountStatement, "/accounts/{id}/statements", path_params={"id": account_id})

    # ------------------------------------------------------------------------------------------ transactions
    async def list_transactions_v2(
        self,
        account_id: str,
        *,
        ids: Iterable[str] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        created_at_from: datetime | None = None,
        after: str | None = None,
    ) -> CursorPage[Transaction]:
        """One cursor page of ``GET /v2/transactions``. ``created_at_from`` cannot be combined with ``date_from``."""
        if created_at_from is not None and date_from is not None:
            raise InvalidInputError("createdAtFrom cannot be combined with dateFrom", field="created_at_from")
        params = {
            "accountId": account_id,
            "ids": _ids(ids),
            "dateFrom": date_from,
            "dateTo": date_to,
            "createdAtFrom": created_at_from,
            "after": after,
        }
        return await self._cursor(Transaction, "/v2/transactions", params=params)

    def iter_transaction_pages(
        self,
        account_id: str,
        *,
        ids: Iterable[str] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        created_at_from: datetime | None = None,
    ) -> AsyncIterator[CursorPage[Transaction]]:
        """Page by page, for callers that write each page in one store transaction (the sync engine)."""
        fetch = self._transactions_fetcher(account_id, ids, date_from, date_to, created_at_from)
        return iterate_cursor_pages(fetch, endpoint="GET /v2/transactions")

    def iter_transactions(
        self,
        account_id: str,
        *,
        ids: Iterable[str] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        created_at_from: datetime | None = None,
    ) -> AsyncIterator[Transaction]:
        """Every transaction of an account through the v2 cursor, one page in memory at a time."""
        fetch = self._transactions_fetcher(account_id, ids, date_from, date_to, created_at_from)
        return iterate_cursor(fetch, endpoint="GET /v2/transactions")

    def _transactions_fetcher(
        self,
        account_id: str,
        ids: Iterable[str] | None,
        date_from: date | None,
        date_to: date | None,
        created_at_from: datetime | None,
    ) -> Callable[[str | None], Awaitable[CursorPage[Transaction]]]:
        """One ``/v2/transactions`` page after a cursor, with the same filters every time."""
        id_list = _ids(ids)

        async def fetch(after: str | None) -> CursorPage[Transaction]:
            return await self.list_transactions_v2(
                account_id,
                ids=id_list,
                date_from=date_from,
                date_to=date_to,
                created_at_from=created_at_from,
                after=after,
            )

        return fetch

    def iter_transactions_from_link(self, link: str) -> AsyncIterator[Transaction]:
        """The transactions behind a ``transactions/created`` webhook's ``createdTransactionsLink``.

        The link is only read for its filters (``accountId``, ``createdAtFrom``); the request goes to our own base URL
        through the v2 cursor, so the API key is never sent to a host named in a webhook payload.
        """
        account_id, created_at_from = transactions_link_filters(link)
        return self.iter_transactions(account_id, created_at_from=created_at_from)

    async def list_transactions(
        self,
        account_id: str,
        *,
        page: int = 1,
        page_size: int = MAX_PAGE_SIZE,
        from_: date | None = None,
        to: date | None = None,
        ids: Iterable[str] | None = None,
        bill_id: str | None = None,
        created_at_from: datetime | None = None,
    ) -> Page[Transaction]:
        """One page of the deprecated v1 ``GET /transactions`` (still the way to list a bill's transactions)."""
        params = {
            "accountId": account_id,
            "page": page,
            "pageSize": min(max(page_size, 1), MAX_PAGE_SIZE),
            "from": from_,
            "to": to,
            "ids": _ids(ids),
            "billId": bill_id,
            "createdAtFrom": created_at_from,
        }
        return await self._page(Transaction, "/transactions", params=params)

    def iter_transactions_v1(
        self,
        account_id: str,
        *,
        page_size: int = MAX_PAGE_SIZE,
        from_: date | None = None,
        to: date | None = None,
        bill_id: str | None = None,
        created_at_from: datetime | None = None,
    ) -> AsyncIterator[Transaction]:
        async def fetch(page: int) -> Page[Transaction]:
            return await self.list_transactions(
                account_id,
                page=page,
                page_size=page_size,
                from_=from_,
                to=to,
                bill_id=bill_id,
                created_at_from=created_at_from,
            )

        return iterate_pages(fetch, endpoint="GET /transactions")

    def iter_all_transaction_pages(
        self,
        account_id: str,
        *,
        window: int = DEFAULT_WINDOW,
        page_size: int = MAX_PAGE_SIZE,
        date_from: date | None = None,
        date_to: date | None = None,
        created_at_from: datetime | None = None,
    ) -> AsyncIterator[list[Transaction]]:
        """Every transaction of an account as fast as the API allows: v1 page 1, then pages 2..N with up to
        ``window`` requested at once (never more than the client's ``max_in_flight`` across all its callers, and
        each through the client-side rate limiter), yielded in order as batches of rows not yielded before.

        Rows moving between pages during the walk, and the v1 endpoint's removal, are handled in
        ``pluggy/listing.py`` (each row once; a second walk through the v2 cursor when ``total`` changed).
        A page that fails cancels the pages in flight and raises its typed error. For a full (first) download;
        incremental syncs use ``iter_transaction_pages(created_at_from=...)``.
        """
        if created_at_from is not None and date_from is not None:
            raise InvalidInputError("createdAtFrom cannot be combined with dateFrom", field="created_at_from")
        if window < 1:
            raise InvalidInputError("window must be at least 1", field="window")

        async def v1_page(number: int) -> Page[Transaction]:
            return await self.list_transactions(
                account_id,
                page=number,
                page_size=page_size,
                from_=date_from,
                to=date_to,
                created_at_from=created_at_from,
            )

        v2_page = self._transactions_fetcher(account_id, None, date_from, date_to, created_at_from)
        return all_transaction_pages(v1_page, v2_page, window=min(window, self._http.max_in_flight))

    async def get_transaction(self, transaction_id: str) -> Transaction:
        return await self._one(Transaction, "GET", "/transactions/{id}", path_params={"id": transaction_id})

    async def update_transaction_category(self, transaction_id: str, category_id: str) -> Transaction:
        """Pluggy lets only the category change; our own edits live in the local store."""
        return await self._one(
            Transaction,
            "PATCH",
            "/transactions/{id}",
            path_params={"id": transaction_id},
            body=UpdateTransaction(category_id=category_id),
        )

    # ------------------------------------------------------------------------------------------ categories
    async def list_categories(self, *, parent_id: str | None = None) -> Page[Category]:
        return await self._page(Category, "/categories", params={"parentId": parent_id})

    async def get_category(self, category_id: str) -> Category:
        return await self._one(Category, "GET", "/categories/{id}", path_params={"id": category_id})

    async def list_category_rules(self) -> Page[ClientCategoryRule]:
        return await self._page(ClientCategoryRule, "/categories/rules")

    async def create_category_rule(
        self,
        description: str,
        category_id: str,
        *,
        transaction_type: str | None = None,
        account_type: str | None = None,
        match_type: str | None = None,
    ) -> ClientCategoryRule:
        body = CreateClientCategoryRule(
            description=description,
            category_id=category_id,
            transaction_type=transaction_type,
            account_type=account_type,
            match_type=match_type,
        )
        return await self._one(ClientCategoryRule, "POST", "/categories/rules", body=body)

    async def delete_category_rule(self, rule_id: str) -> None:
        await self._no_content("DELETE", "/categories/rules/{id}", path_params={"id": rule_id})

    # ------------------------------------------------------------------------------------------ identity
    async def get_identity(self, item_id: str) -> IdentityResponse:
        return await self._one(IdentityResponse, "GET", "/identity", params={"itemId": item_id})

    async def get_identity_by_id(self, identity_id: str) -> IdentityResponse:
        return await self._one(IdentityResponse, "GET", "/identity/{id}", path_params={"id": identity_id})

    # ------------------------------------------------------------------------------------------ investments
    async def list_investments(
        self,
        item_id: str,
        *,
        type: str | None = None,
        page: int = 1,
        page_size: int = MAX_PAGE_SIZE,
    ) -> Page[Investment]:
        params = {"itemId": item_id, "type": type, "page": page, "pageSize": page_size}
        return await self._page(Investment, "/investments", params=params)

    def iter_investments(self, item_id: str, *, type: str | None = None) -> AsyncIterator[Investment]:
        async def fetch(page: int) -> Page[Investment]:
            return await self.list_investments(item_id, type=type, page=page)

        return iterate_pages(fetch, endpoint="GET /investments")

    async def get_investment(self, investment_id: str) -> Investment:
        return await self._one(Investment, "GET", "/investments/{id}", path_params={"id": investment_id})

    async def list_investment_transactions(
        self, investment_id: str, *, page: int = 1, page_size: int = MAX_PAGE_SIZE
    ) -> Page[InvestmentTransaction]:
        return await self._page(
            InvestmentTransaction,
            "/investments/{id}/transactions",
            path_params={"id": investment_id},
            params={"page": page, "pageSize": page_size},
        )

    def iter_investment_transactions(self, investment_id: str) -> AsyncIterator[InvestmentTransaction]:
        async def fetch(page: int) -> Page[InvestmentTransaction]:
            return await self.list_investment_transactions(investment_id, page=page)

        return iterate_pages(fetch, endpoint="GET /investments/{id}/transactions")

    # ------------------------------------------------------------------------------------------ bills
    async def list_bills(self, account_id: str, *, page: int = 1, page_size: int = MAX_PAGE_SIZE) -> Page[Bill]:
        params = {"accountId": account_id, "page": page, "pageSize": min(max(page_size, 1), MAX_PAGE_SIZE)}
        return await self._page(Bill, "/bills", params=params)

    def iter_bills(self, account_id: str) -> AsyncIterator[Bill]:
        async def fetch(page: int) -> Page[Bill]:
            return await self.list_bills(account_id, page=page)

        return iterate_pages(fetch, endpoint="GET /bills")

    async def get_bill(self, bill_id: str) -> Bill:
        return await self._one(Bill, "GET", "/bills/{id}", path_params={"id": bill_id})

    # ------------------------------------------------------------------------------------------ loans, consents
    async def list_loans(self, item_id: str) -> Page[Loan]:
        return await self._page(Loan, "/loans", params={"itemId": item_id})

    async def get_loan(self, loan_id: str) -> Loan:
        return await self._one(Loan, "GET", "/loans/{id}", path_params={"id": loan_id})

    async def list_consents(self, item_id: str) -> Page[Consent]:
        return await self._page(Consent, "/consents", params={"itemId": item_id})

    async def get_consent(self, consent_id: str) -> Consent:
        return await self._one(Consent, "GET", "/consents/{id}", path_params={"id": consent_id})

    # ------------------------------------------------------------------------------------------ merchants
    async def find_merchants(self, cnpjs: Iterable[str]) -> MerchantsResponse:
        return await self._one(MerchantsResponse, "GET", "/merchants", params={"cnpjs": list(cnpjs)})
