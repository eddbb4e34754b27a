"""Read endpoints of synced data (pluggy-api.md §6.4-6.10): accounts, transactions (v1 pages and v2 cursor, the
same rows in the same order), categories and rules, identity, investments, bills, loans, consents, merchants."""

from __future__ import annotations

import base64
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from starlette.routing import Route

from ..data.book import ItemBook
from ..data.categories import CATEGORIES
from ..data.documents import is_valid_cnpj
from ..data.ledger import Txn, add_months, stable_id
from ..data.merchants import find_merchants
from ..errors import ApiError, bad_request, forbidden, not_found
from ..lifecycle import ItemRecord
from ..wire import empty_response, iso, iso_day, raw_list
from .base import Ctx, endpoint, page, paging, require_uuid, str_field

MAX_IDS = 500
CURSOR_PAGE_SIZE = 500
OF_PERMISSIONS = [
    "REGISTRATION_ALL",
    "ACCOUNTS_ALL",
    "ACCOUNTS_BALANCES",
    "ACCOUNTS_TRANSACTIONS",
    "CREDIT_CARDS_ALL",
    "CREDIT_CARDS_BILLS",
    "CREDIT_OPERATIONS_ALL",
    "INVESTMENTS_ALL",
]


def _item_for_query(ctx: Ctx) -> ItemRecord:
    item_id = ctx.require_query("itemId")
    item = ctx.state.item(item_id.lower()) if len(item_id) <= 64 else None
    if item is None:
        raise not_found("ITEM_NOT_FOUND", "Item")
    if ctx.is_connect and ctx.claims is not None:
        info = ctx.state.connect_tokens.get(ctx.claims.token_id)
        if info is None or (item.id not in info.item_ids and info.item_id != item.id):
            raise forbidden("This item cannot be accessed with this connect token")
    return item


def _book_of_account(ctx: Ctx, account_id: str | None = None) -> tuple[ItemBook, str]:
    raw = account_id if account_id is not None else ctx.path("id")
    found = ctx.state.find_account(raw.lower())
    if found is None or found.book is None:
        raise not_found("ACCOUNT_NOT_FOUND", "Account")
    return found.book, raw.lower()


# ----------------------------------------------------------------------------------------------- accounts
async def list_accounts(ctx: Ctx) -> dict[str, Any]:
    item = _item_for_query(ctx)
    kind = ctx.query("type")
    if kind not in (None, "BANK", "CREDIT"):
        raise bad_request("type must be BANK or CREDIT", "INVALID_PARAMETER", parameter="type")
    if item.book is None:
        return page([])
    now = ctx.state.now()
    accounts = [item.book.account_wire(a, now) for a in item.book.account_ids()]
    if ctx.is_connect:  # the reduced view the widget gets
        accounts = [
            {
                k: a[k]
                for k in (
                    "id",
                    "type",
                    "subtype",
                    "name",
                    "number",
                    "itemId",
                    "balance",
                    "currencyCode",
                    "createdAt",
                    "updatedAt",
                    "marketingName",
                    "owner",
                    "taxNumber",
                )
            }
            for a in accounts
        ]
    return page([a for a in accounts if kind is None or a["type"] == kind])


async def get_account(ctx: Ctx) -> dict[str, Any]:
    book, account_id = _book_of_account(ctx)
    return book.account_wire(account_id, ctx.state.now())


async def account_balance(ctx: Ctx) -> dict[str, Any]:
    book, account_id = _book_of_account(ctx)
    balance = book.balance(account_id)
    return {
        "balance": balance,
        "blockedBalance": None,
        "automaticallyInvestedBalance": None,
        "closingBalance": balance,
        "currencyCode": "BRL",
        "updateDateTime": iso(ctx.state.now()),
    }


async def account_statements(ctx: Ctx) -> dict[str, Any]:
    book, account_id = _book_of_account(ctx)
    base = str(ctx.request.base_url).rstrip("/")
    today = book.last_day or ctx.state.clock.today()
    month = add_months(today.replace(day=1), -1)
    rows = []
    for _ in range(12):
        rows.append(
            {
                "id": stable_id(book.ns, "statement", account_id, month.isoformat()),
                "monthYear": month.strftime("%m/%Y"),
                "url": f"{base}/_sandbox/statements/{account_id}/{month.strftime('%Y-%m')}.csv",
            }
        )
        month = add_months(month, -1)
    return page(rows)


# ----------------------------------------------------------------------------------------------- transactions
def _ids(ctx: Ctx) -> set[str] | None:
    raw = ctx.query("ids")
    if raw is None:
        return None
    ids = [i.strip().lower() for i in raw.split(",") if i.strip()]
    if len(ids) > MAX_IDS:
        raise ApiError(400, f"ids parameter exceeds the max length of {MAX_IDS}", "IDS_PARAMETER_EXCEEDS_MAX_LENGTH")
    return set(ids)


def _filtered(ctx: Ctx, *, v2: bool) -> list[Txn]:
    account_id = ctx.require_query("accountId").lower()
    found = ctx.state.find_account(account_id)
    if found is None or found.book is None:
        return []
    ids = _ids(ctx)
    date_from = ctx.date_query("dateFrom" if v2 else "from")
    date_to = ctx.date_query("dateTo" if v2 else "to")
    created_from = ctx.datetime_query("createdAtFrom")
    if v2 and created_from is not None and date_from is not None:
        raise bad_request(
            "createdAtFrom cannot be combined with dateFrom", "INVALID_PARAMETER", parameter="createdAtFrom"
        )
    bill_id = None if v2 else ctx.query("billId")
    rows = found.book.transactions(account_id)
    if ids is not None:
        return [t for t in rows if t.id in ids]
    if date_from is None and date_to is None and created_from is None and bill_id is None:
        return rows
    return [
        t
        for t in rows
        if (date_from is None or t.day >= date_from)
        and (date_to is None or t.day <= date_to)
        and (created_from is None or t.created_at >= created_from)
        and (bill_id is None or (t.card_meta or {}).get("billId") == bill_id)
    ]


async def list_transactions(ctx: Ctx) -> dict[str, Any]:
    page_number, size = paging(ctx)
    rows = _filtered(ctx, v2=False)
    start = (page_number - 1) * size
    return {
        "total": len(rows),
        "totalPages": -(-len(rows) // size) if rows else 0,
        "page": page_number,
        "results": raw_list([t.raw() for t in rows[start : start + size]]),
    }


def _cursor(txn: Txn) -> str:
    return base64.urlsafe_b64encode(f"{iso_day(txn.day)}|{txn.id}".encode()).decode().rstrip("=")


def _decode_cursor(raw: str) -> tuple[date, str]:
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        day_text, txn_id = text.split("|", 1)
        return date.fromisoformat(day_text[:10]), txn_id
    except (ValueError, UnicodeDecodeError):
        raise bad_request("after is not a valid cursor", "INVALID_CURSOR", parameter="after") from None


async def list_transactions_v2(ctx: Ctx) -> dict[str, Any]:
    rows = _filtered(ctx, v2=True)
    after = ctx.query("after")
    start = 0
    if after is not None:
        key = _decode_cursor(after)
        lo, hi = 0, len(rows)
        while lo < hi:
            mid = (lo + hi) // 2
            if rows[mid].sort_key <= key:
                lo = mid + 1
            else:
                hi = mid
        start = lo
    chunk = rows[start : start + CURSOR_PAGE_SIZE]
    next_query = None
    if start + CURSOR_PAGE_SIZE < len(rows):
        params = [(k, ctx.query(k)) for k in ("accountId", "ids", "dateFrom", "dateTo", "createdAtFrom")]
        query = urlencode([(k, v) for k, v in params if v is not None] + [("after", _cursor(chunk[-1]))])
        next_query = f"?{query}"
    return {"results": raw_list([t.raw() for t in chunk]), "next": next_query}


def _txn(ctx: Ctx) -> Txn:
    txn_id = ctx.path("id").lower()
    for item in ctx.state.items.values():
        if item.book is not None and txn_id in item.book.ledger:
            return item.book.ledger[txn_id]
    raise not_found("TRANSACTION_NOT_FOUND", "Transaction")


async def get_transaction(ctx: Ctx) -> dict[str, Any]:
    return _txn(ctx).wire()


async def patch_transaction(ctx: Ctx) -> dict[str, Any]:
    txn = _txn(ctx)
    body = await ctx.body()
    category_id = str_field(body, "categoryId", max_len=16)
    if category_id not in CATEGORIES:
        raise bad_request("Category not found", "CATEGORY_NOT_FOUND", parameter="categoryId")
    txn.category_id = category_id
    txn.touch(ctx.state.now())
    return txn.wire()


# ----------------------------------------------------------------------------------------------- categories
async def list_categories(ctx: Ctx) -> dict[str, Any]:
    parent = ctx.query("parentId")
    return page([c for c in CATEGORIES.values() if parent is None or c["parentId"] == parent])


async def get_category(ctx: Ctx) -> dict[str, Any]:
    category = CATEGORIES.get(ctx.path("id"))
    if category is None:
        raise not_found("CATEGORY_NOT_FOUND", "Category")
    return category


async def list_rules(ctx: Ctx) -> dict[str, Any]:
    return page(list(ctx.state.category_rules.values()))


async def create_rule(ctx: Ctx) -> dict[str, Any]:
    body = await ctx.body()
    description = str_field(body, "description", max_len=255)
    category_id = str_field(body, "categoryId", max_len=16)
    if category_id not in CATEGORIES:
        raise not_found("CATEGORY_NOT_FOUND", "Category")
    choices = {
        "transactionType": ("DEBIT", "CREDIT"),
        "accountType": ("CHECKING_ACCOUNT", "CREDIT_CARD"),
        "matchType": ("exact", "contains", "startsWith", "endsWith"),
    }
    for name, allowed in choices.items():
        if body.get(name) is not None and body[name] not in allowed:
            raise bad_request(f"{name} must be one of {', '.join(allowed)}", "INVALID_PARAMETER", parameter=name)
    rule = {
        "id": ctx.state.new_id(),
        "description": description,
        "categoryId": category_id,
        "category": CATEGORIES[category_id]["description"],
        "clientId": ctx.claims.client_id if ctx.claims else None,
        "transactionType": body.get("transactionType"),
        "accountType": body.get("accountType"),
        "matchType": body.get("matchType") or "exact",
    }
    ctx.state.category_rules[rule["id"]] = rule
    return rule


async def delete_rule(ctx: Ctx) -> Any:
    rule_id = ctx.path("id").lower()
    if rule_id not in ctx.state.category_rules:
        raise not_found("CATEGORY_RULE_NOT_FOUND", "Category rule")
    del ctx.state.category_rules[rule_id]
    return empty_response(204)


# ----------------------------------------------------------------------------------------------- identity & co
def _identity(item: ItemRecord) -> dict[str, Any]:
    if item.book is None or item.book.identity is None:
        raise not_found("IDENTITY_NOT_FOUND", "Identity")
    identity = dict(item.book.identity)
    if item.scenario.username == "user-ok-multi-company":
        identity.update(companyName="Pluggy Demo Comércio Ltda", companiesCnpj=["11222333000181", "22333444000181"])
    return identity


async def identity_by_item(ctx: Ctx) -> dict[str, Any]:
    return _identity(_item_for_query(ctx))


async def identity_by_id(ctx: Ctx) -> dict[str, Any]:
    wanted = ctx.path("id").lower()
    for item in ctx.state.items.values():
        if item.book is not None and item.book.identity and item.book.identity["id"] == wanted:
            return _identity(item)
    raise not_found("IDENTITY_NOT_FOUND", "Identity")


def _investments(ctx: Ctx) -> list[Any]:
    return [inv for item in ctx.state.items.values() if item.book for inv in item.book.investments]


async def list_investments(ctx: Ctx) -> dict[str, Any]:
    item = _item_for_query(ctx)
    page_number, size = paging(ctx)
    kind = ctx.query("type")
    rows = [inv.wire() for inv in (item.book.investments if item.book else [])]
    return page([r for r in rows if kind is None or r["type"] == kind], page_number, size)


def _investment(ctx: Ctx) -> Any:
    wanted = ctx.path("id").lower()
    for inv in _investments(ctx):
        if inv.id == wanted:
            return inv
    raise not_found("INVESTMENT_NOT_FOUND", "Investment")


async def get_investment(ctx: Ctx) -> dict[str, Any]:
    return dict(_investment(ctx).wire())


async def investment_transactions(ctx: Ctx) -> dict[str, Any]:
    page_number, size = paging(ctx)
    inv = _investment(ctx)
    return page(sorted(inv.transactions, key=lambda t: (t["date"], t["id"])), page_number, size)


async def list_bills(ctx: Ctx) -> dict[str, Any]:
    account_id = ctx.require_query("accountId")
    page_number, size = paging(ctx)
    found = ctx.state.find_account(account_id.lower())
    if found is None or found.book is None or found.book.accounts.card != account_id.lower():
        return page([], page_number, size)
    bills = sorted(found.book.bills.bills.values(), key=lambda b: b.due_day, reverse=True)
    return page([b.wire() for b in bills], page_number, size)


async def get_bill(ctx: Ctx) -> dict[str, Any]:
    wanted = ctx.path("id").lower()
    for item in ctx.state.items.values():
        if item.book is not None and wanted in item.book.bills.bills:
            return item.book.bills.bills[wanted].wire()
    raise not_found("CREDIT_CARD_BILL_NOT_FOUND", "Credit card bill")


async def list_loans(ctx: Ctx) -> dict[str, Any]:
    item = _item_for_query(ctx)
    loan = item.book.loan_wire() if item.book else None
    return page([loan] if loan else [])


async def get_loan(ctx: Ctx) -> dict[str, Any]:
    wanted = ctx.path("id").lower()
    for item in ctx.state.items.values():
        if item.book is not None and item.book.loan is not None and item.book.loan.id == wanted:
            loan = item.book.loan_wire()
            if loan:
                return loan
    raise not_found("LOAN_NOT_FOUND", "Loan")


def consent_for(item: ItemRecord) -> dict[str, Any] | None:
    if not item.ever_succeeded:
        return None
    of = item.connector_id == 600
    created: datetime = item.created_at
    return {
        "id": stable_id(item.id, "consent"),
        "itemId": item.id,
        "products": item.wire()["products"],
        "openFinancePermissionsGranted": OF_PERMISSIONS if of else None,
        "createdAt": iso(created),
        "expiresAt": iso(created + timedelta(days=365)),
        "revokedAt": None,
    }


async def list_consents(ctx: Ctx) -> dict[str, Any]:
    consent = consent_for(_item_for_query(ctx))
    return page([consent] if consent else [])


async def get_consent(ctx: Ctx) -> dict[str, Any]:
    wanted = require_uuid(ctx.path("id"), "CONSENT_NOT_FOUND", "Consent")
    for item in ctx.state.items.values():
        consent = consent_for(item)
        if consent and consent["id"] == wanted:
            return consent
    raise not_found("CONSENT_NOT_FOUND", "Consent")


async def merchants(ctx: Ctx) -> dict[str, Any]:
    raw = [c.strip() for c in (ctx.query("cnpjs") or "").split(",") if c.strip()][:500]
    digits = ["".join(ch for ch in c if ch in "0123456789") for c in raw]
    invalid = [c for c, d in zip(raw, digits, strict=True) if not is_valid_cnpj(d)]
    valid = [d for d in digits if is_valid_cnpj(d)]
    found = find_merchants(valid)
    return {
        "foundMerchants": [
            {
                "name": m.name,
                "businessName": m.business_name,
                "cnpj": m.cnpj,
                "cnae": m.cnae,
                "category": m.merchant_category,
            }
            for m in found.values()
        ],
        "notFoundMerchants": [d for d in valid if d not in found],
        "invalidCnpjs": invalid,
    }


ROUTES = [
    Route("/accounts", endpoint(list_accounts, connect=True, bucket="accounts"), methods=["GET"]),
    Route("/accounts/{id}", endpoint(get_account, bucket="accounts"), methods=["GET"]),
    Route("/accounts/{id}/balance", endpoint(account_balance), methods=["GET"]),
    Route("/accounts/{id}/statements", endpoint(account_statements), methods=["GET"]),
    Route("/transactions", endpoint(list_transactions, bucket="transactions"), methods=["GET"]),
    Route("/v2/transactions", endpoint(list_transactions_v2, bucket="transactions"), methods=["GET"]),
    Route("/transactions/{id}", endpoint(get_transaction, bucket="transactions"), methods=["GET"]),
    Route("/transactions/{id}", endpoint(patch_transaction), methods=["PATCH"]),
    Route("/categories", endpoint(list_categories), methods=["GET"]),
    Route("/categories/rules", endpoint(list_rules), methods=["GET"]),
    Route("/categories/rules", endpoint(create_rule), methods=["POST"]),
    Route("/categories/rules/{id}", endpoint(delete_rule), methods=["DELETE"]),
    Route("/categories/{id}", endpoint(get_category), methods=["GET"]),
    Route("/identity", endpoint(identity_by_item), methods=["GET"]),
    Route("/identity/{id}", endpoint(identity_by_id), methods=["GET"]),
    Route("/investments", endpoint(list_investments, bucket="investments"), methods=["GET"]),
    Route("/investments/{id}", endpoint(get_investment, bucket="investments"), methods=["GET"]),
    Route(
        "/investments/{id}/transactions",
        endpoint(investment_transactions, bucket="investment-transactions"),
        methods=["GET"],
    ),
    Route("/bills", endpoint(list_bills), methods=["GET"]),
    Route("/bills/{id}", endpoint(get_bill), methods=["GET"]),
    Route("/loans", endpoint(list_loans), methods=["GET"]),
    Route("/loans/{id}", endpoint(get_loan), methods=["GET"]),
    Route("/consents", endpoint(list_consents), methods=["GET"]),
    Route("/consents/{id}", endpoint(get_consent), methods=["GET"]),
    Route("/merchants", endpoint(merchants), methods=["GET"]),
]
