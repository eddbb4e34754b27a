"""The people and accounts in generated transactions: the holder, their counterparties, the item's accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Holder:
    name: str
    cpf: str
    pix_key: str


@dataclass(frozen=True, slots=True)
class Counterparty:
    name: str
    document: str
    pix_key: str
    bank_ispb: str
    branch: str
    account: str


@dataclass(slots=True)
class Accounts:
    checking: str
    savings: str
    card: str
    card_last4: str
    extra_checking: str | None = None


def participant(name: str, document: str, *, ispb: str, branch: str, account: str) -> dict[str, Any]:
    kind = "CNPJ" if len(document) == 14 else "CPF"
    return {
        "documentNumber": {"type": kind, "value": document},
        "name": name,
        "accountNumber": account,
        "branchNumber": branch,
        "routingNumber": None,
        "routingNumberISPB": ispb,
    }
