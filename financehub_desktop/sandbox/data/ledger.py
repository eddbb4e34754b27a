"""Transactions and credit-card bills of one item, as stored by the sandbox and written on the wire."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ..wire import iso, iso_day
from .categories import CATEGORIES, category_name
from .merchants import MerchantProfile

TxnType = Literal["DEBIT", "CREDIT"]
TxnStatus = Literal["POSTED", "PENDING"]


@dataclass(slots=True)
class Txn:
    id: str
    account_id: str
    day: date
    description: str
    amount: Decimal
    type: TxnType
    status: TxnStatus
    category_id: str | None
    created_at: datetime
    updated_at: datetime
    description_raw: str | None = None
    operation_type: str | None = None
    payment_data: dict[str, Any] | None = None
    card_meta: dict[str, Any] | None = None
    merchant: MerchantProfile | None = None
    provider_code: str | None = None
    order: int = 0
    _wire: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def sort_key(self) -> tuple[date, str]:
        return (self.day, self.id)

    def touch(self, now: datetime) -> None:
        self.updated_at = now
        self._wire = None

    def wire(self) -> dict[str, Any]:
        if self._wire is None:
            merchant = None
            if self.merchant is not None:
                merchant = {
                    "name": self.merchant.name,
                    "businessName": self.merchant.business_name,
                    "cnpj": self.merchant.cnpj,
                    "cnae": self.merchant.cnae,
                    "category": self.merchant.merchant_category,
                }
            self._wire = {
                "id": self.id,
                "description": self.description,
                "descriptionRaw": self.description_raw,
                "currencyCode": "BRL",
                "amount": self.amount,
                "amountInAccountCurrency": None,
                "date": iso_day(self.day),
                "type": self.type,
                "balance": None,
                "providerCode": self.provider_code,
                "providerId": self.provider_code,
                "status": self.status,
                "category": category_name(self.category_id) if self.category_id in CATEGORIES else None,
                "categoryId": self.category_id,
                "paymentData": self.payment_data,
                "creditCardMetadata": self.card_meta,
                "merchant": merchant,
                "operationType": self.operation_type,
                "operationTypeAdditionalInfo": None,
                "accountId": self.account_id,
                "order": self.order,
                "createdAt": iso(self.created_at),
                "updatedAt": iso(self.updated_at),
            }
        return self._wire


@dataclass(slots=True)
class Bill:
    id: str
    account_id: str
    closing_day: date
    due_day: date
    total: Decimal
    minimum: Decimal
    finance_charges: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    paid: Decimal = Decimal("0.00")

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dueDate": iso_day(self.due_day),
            "billClosingDate": iso_day(self.closing_day),
            "totalAmount": self.total,
            "totalAmountCurrencyCode": "BRL",
            "minimumPaymentAmount": self.minimum,
            "allowsInstallments": True,
            "financeCharges": self.finance_charges,
            "payments": self.payments,
        }


def stable_id(namespace: str, *parts: object) -> str:
    """A UUID that depends only on the item and what the row is, so re-generation gives the same ids."""
    return str(uuid.uuid5(uuid.UUID(namespace), ":".join(str(p) for p in parts)))


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover
