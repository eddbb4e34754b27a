"""The holder moving money between their own accounts: a monthly PIX from checking to savings that names the
holder's CPF on both ends (what the app's transfer detection must recognise and leave out of spending)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .ledger import Txn
from .parties import Accounts, Holder, participant

#: The day of the month the holder moves money to savings by PIX.
SELF_PIX_DAY = 20


#: ``DayGenerator._txn``: makes one row of the ledger.
MakeTxn = Callable[..., Txn]


def self_pix_amount(seed_key: str, day: date) -> Decimal:
    """The month's amount (R$ 150 to R$ 900 in steps of 50), from its own RNG so no other generated row moves."""
    rng = random.Random(f"{seed_key}:self-pix:{day.year}-{day.month}")
    return Decimal(rng.randrange(3, 19) * 50).quantize(Decimal("0.01"))


def self_pix_payment(holder: Holder, bank_ispb: str) -> dict[str, Any]:
    """Pluggy's ``paymentData``: the holder pays the holder, from the checking account to the savings account."""
    payer = participant(holder.name, holder.cpf, ispb=bank_ispb, branch="0001", account="123456-7")
    receiver = participant(holder.name, holder.cpf, ispb=bank_ispb, branch="0001", account="765432-1")
    return {
        "payer": payer,
        "receiver": receiver,
        "reason": "Reserva",
        "referenceNumber": None,
        "receiverReferenceId": holder.pix_key,
        "authenticationCode": None,
        "paymentMethod": "PIX",
        "boletoMetadata": None,
    }


def self_pix_rows(
    make: MakeTxn,
    *,
    seed_key: str,
    accounts: Accounts,
    holder: Holder,
    bank_ispb: str,
    day: date,
    now: datetime,
    horizon: date,
) -> list[Txn]:
    """Both sides of the month's PIX to savings on ``SELF_PIX_DAY``; nothing on other days."""
    if day.day != SELF_PIX_DAY:
        return []
    amount = self_pix_amount(seed_key, day)
    name = holder.name.upper()
    common: dict[str, Any] = {"now": now, "horizon": horizon, "category": "04020000", "operation": "PIX"}
    return [
        make(accounts.checking, day, "self-pix-out", f"PIX ENVIADO {name}", -amount,
             payment_data=self_pix_payment(holder, bank_ispb), raw=f"PIX ENVIADO - {name}", **common),
        make(accounts.savings, day, "self-pix-in", f"PIX RECEBIDO {name}", amount,
             payment_data=self_pix_payment(holder, bank_ispb), raw=f"PIX RECEBIDO - {name}", **common),
    ]  # fmt: skip
