"""Monthly credit-card bills: closing on day 3, due on day 10, paid from checking (``PAGAMENTO_FATURA``), with
finance charges (revolving interest and IOF after a partial payment, IOF on international purchases)."""

from __future__ import annotations

import random
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..wire import iso_day, money
from .generator import DUE_DAY, DayGenerator
from .ledger import Bill, Txn, add_months, stable_id


class BillBook:
    """Monthly credit-card bills: closing on day 3, due on day 10, paid from checking (PAGAMENTO_FATURA)."""

    def __init__(self, ledger: dict[str, Txn]) -> None:
        self.ledger = ledger
        self.bills: dict[str, Bill] = {}
        self.last_closing: date | None = None
        self.carry = Decimal("0.00")

    def latest(self) -> Bill | None:
        return max(self.bills.values(), key=lambda b: b.closing_day, default=None)

    def close_bill(self, gen: DayGenerator, day: date, *, now: datetime, horizon: date) -> list[Txn]:
        start = self.last_closing or add_months(day, -1)
        bill_id = stable_id(gen.ns, "bill", day.isoformat())
        extra: list[Txn] = []
        charges: list[dict[str, Any]] = []
        if self.carry > 0:
            interest = money(self.carry * Decimal("0.1390"))
            iof = money(self.carry * Decimal("0.0038"))
            meta = {"cardNumber": gen.acc.card_last4, "otherCreditsType": "REVOLVING_CREDIT", "billId": bill_id}
            extra.append(
                gen._txn(
                    gen.acc.card,
                    day,
                    "revolving",
                    "JUROS ROTATIVO",
                    interest,
                    now=now,
                    horizon=horizon,
                    category="02020000",
                    operation="OPERACOES_CREDITO_CONTRATADAS_CARTAO",
                    card_meta=meta,
                )
            )
            extra.append(
                gen._txn(
                    gen.acc.card,
                    day,
                    "revolving-iof",
                    "IOF ROTATIVO",
                    iof,
                    now=now,
                    horizon=horizon,
                    category="15020000",
                    operation="TARIFA",
                    card_meta=dict(meta),
                )
            )
            charges.append(
                {
                    "id": stable_id(gen.ns, "charge", bill_id, 1),
                    "type": "LATE_PAYMENT_REMUNERATIVE_INTEREST",
                    "amount": interest,
                    "currencyCode": "BRL",
                    "additionalInfo": "Juros do rotativo",
                }
            )
            charges.append(
                {
                    "id": stable_id(gen.ns, "charge", bill_id, 2),
                    "type": "IOF",
                    "amount": iof,
                    "currencyCode": "BRL",
                    "additionalInfo": None,
                }
            )
        total = self.carry + sum((t.amount for t in extra), Decimal("0.00"))
        for txn in self.ledger.values():
            if txn.account_id == gen.acc.card and start < txn.day <= day:
                if txn.operation_type != "PAGAMENTO_FATURA":  # the payment is in ``carry`` already: not twice
                    total += txn.amount
                if txn.card_meta is not None:
                    txn.card_meta["billId"] = bill_id
                    if "billPostDate" in txn.card_meta:
                        txn.card_meta["billPostDate"] = day.isoformat()
                    txn.invalidate()
        for txn in extra:
            if txn.card_meta is not None:
                txn.card_meta["billId"] = bill_id
        if any(
            t.description == "IOF COMPRA INTERNACIONAL" and start < t.day <= day
            for t in self.ledger.values()
            if t.account_id == gen.acc.card
        ):
            iof_total = sum(
                (
                    t.amount
                    for t in self.ledger.values()
                    if t.account_id == gen.acc.card
                    and t.description == "IOF COMPRA INTERNACIONAL"
                    and start < t.day <= day
                ),
                Decimal(0),
            )
            charges.append(
                {
                    "id": stable_id(gen.ns, "charge", bill_id, 3),
                    "type": "IOF",
                    "amount": money(iof_total),
                    "currencyCode": "BRL",
                    "additionalInfo": "IOF sobre compras internacionais",
                }
            )
        total = money(max(total, Decimal("0.00")))
        due = day.replace(day=DUE_DAY)
        self.bills[bill_id] = Bill(bill_id, gen.acc.card, day, due, total, money(total * Decimal("0.15")), charges)
        self.last_closing = day
        self.carry = Decimal("0.00")
        return extra

    def pay_bill(self, gen: DayGenerator, day: date, rng: random.Random, *, now: datetime, horizon: date) -> list[Txn]:
        bill = self.latest()
        if bill is None or bill.due_day != day or bill.total <= 0 or bill.payments:
            return []
        partial = rng.random() < 0.08
        amount = bill.minimum if partial else bill.total
        self.carry = bill.total - amount
        bill.paid = amount
        bill.payments.append(
            {
                "id": stable_id(gen.ns, "bill-payment", bill.id),
                "valueType": "INSTALLMENT_PAYMENT" if partial else "FULL_PAYMENT",
                "paymentDate": iso_day(day),
                "paymentMode": "DEBIT_ACCOUNT",
                "amount": amount,
                "currencyCode": "BRL",
            }
        )
        text = f"PAGAMENTO FATURA CARTAO FINAL {gen.acc.card_last4}"
        return [
            gen._txn(
                gen.acc.checking,
                day,
                "bill-payment",
                text,
                -amount,
                now=now,
                horizon=horizon,
                category="05100000",
                operation="PAGAMENTO_FATURA",
            ),
            gen._txn(
                gen.acc.card,
                day,
                "bill-payment",
                "PAGAMENTO RECEBIDO - OBRIGADO",
                -amount,
                now=now,
                horizon=horizon,
                category="05100000",
                operation="PAGAMENTO_FATURA",
                card_meta={"cardNumber": gen.acc.card_last4, "billId": bill.id},
            ),
        ]
