"""Day-by-day generation of a Brazilian household's money: salary, PIX, boletos, card purchases in installments,
monthly card bills paid from checking, savings, a loan installment. Each day has its own RNG derived from the
seed, so any range of days can be generated again and gives the same rows.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..wire import iso_day, money
from .documents import cpf, person_name, pix_key
from .ledger import Txn, TxnType, add_months, stable_id
from .parties import Accounts, Counterparty, Holder, participant

if TYPE_CHECKING:
    from .bills import BillBook
from .merchants import BILLERS, EMPLOYERS, MERCHANTS_BY_KEY, Biller, MerchantProfile
from .own_transfers import self_pix_rows

CLOSING_DAY = 3
DUE_DAY = 10
SCHEDULE_LEAD_DAYS = 3
INSTALLMENT_KEYS = frozenset({"magalu", "amazon", "mercadolivre", "renner", "latam"})
_MERCHANT_WEIGHTS = {
    "ifood": 9,
    "uber": 8,
    "99": 4,
    "pao": 5,
    "carrefour": 4,
    "assai": 2,
    "drogasil": 3,
    "shell": 3,
    "amazon": 3,
    "mercadolivre": 3,
    "magalu": 1,
    "renner": 1,
    "outback": 2,
    "latam": 1,
    "sympla": 1,
}


class DayGenerator:
    """Generates the transactions of one item, one day at a time, for the accounts it was given."""

    def __init__(
        self, *, seed_key: str, namespace: str, accounts: Accounts, holder: Holder, bank_ispb: str, perf: int = 1
    ) -> None:
        self.seed_key = seed_key
        self.ns = namespace
        self.acc = accounts
        self.holder = holder
        self.bank_ispb = bank_ispb
        self.perf = max(1, perf)
        rng = random.Random(f"{seed_key}:setup")
        self.salary = money(Decimal(rng.randrange(950_000, 1_250_000)) / 100)
        self.employer = EMPLOYERS[rng.randrange(len(EMPLOYERS))]
        self.rent = money(Decimal(rng.randrange(2_200, 3_400)))
        self.landlord = self._counterparty(random.Random(f"{seed_key}:landlord"))
        self.contacts = [self._counterparty(random.Random(f"{seed_key}:contact:{i}")) for i in range(8)]
        self.loan_installment = Decimal("0.00")
        self.loan_first_due: date | None = None
        self.loan_total = 0

    def _counterparty(self, rng: random.Random) -> Counterparty:
        name = person_name(rng)
        document = cpf(rng)
        banks = ("60701190", "00000000", "18236120", "00360305", "60746948")
        return Counterparty(
            name,
            document,
            pix_key(rng, name, document),
            rng.choice(banks),
            f"{rng.randint(1, 9999):04d}",
            f"{rng.randint(10000, 999999)}-{rng.randint(0, 9)}",
        )

    # ------------------------------------------------------------------------------------------ helpers
    def _txn(
        self,
        account: str,
        day: date,
        key: str,
        description: str,
        amount: Decimal,
        *,
        now: datetime,
        horizon: date,
        category: str | None,
        operation: str | None = None,
        **extra: Any,
    ) -> Txn:
        signed_credit = amount > 0
        is_card = account == self.acc.card
        txn_type: TxnType = (
            ("DEBIT" if amount > 0 else "CREDIT") if is_card else ("CREDIT" if signed_credit else "DEBIT")
        )
        return Txn(
            id=stable_id(self.ns, account, day.isoformat(), key),
            account_id=account,
            day=day,
            description=description,
            description_raw=extra.pop("raw", description.upper()),
            amount=money(amount),
            type=txn_type,
            status="POSTED" if day <= horizon else "PENDING",
            category_id=category,
            created_at=now,
            updated_at=now,
            operation_type=operation,
            provider_code=stable_id(self.ns, "provider", account, day.isoformat(), key)[:12].upper(),
            **extra,
        )

    def _pix(self, other: Counterparty, *, sent: bool, reason: str | None = None) -> dict[str, Any]:
        me = participant(self.holder.name, self.holder.cpf, ispb=self.bank_ispb, branch="0001", account="123456-7")
        them = participant(other.name, other.document, ispb=other.bank_ispb, branch=other.branch, account=other.account)
        return {
            "payer": me if sent else them,
            "receiver": them if sent else me,
            "reason": reason,
            "referenceNumber": None,
            "receiverReferenceId": other.pix_key if sent else self.holder.pix_key,
            "authenticationCode": None,
            "paymentMethod": "PIX",
            "boletoMetadata": None,
        }

    @staticmethod
    def _boleto_line(rng: random.Random, amount: Decimal) -> tuple[str, str]:
        cents = f"{int(amount * 100):010d}"
        fields = "".join(str(rng.randint(0, 9)) for _ in range(33))
        barcode = "8" + fields[:10] + cents + fields[10:22] + fields[22:33]
        barcode = barcode[:44].ljust(44, "0")
        digitable = " ".join(barcode[i : i + 12] for i in range(0, 44, 12))
        return digitable, barcode

    # ------------------------------------------------------------------------------------------ one day
    def generate_day(self, day: date, *, now: datetime, horizon: date, book: BillBook) -> list[Txn]:
        rng = random.Random(f"{self.seed_key}:{day.isoformat()}")
        out: list[Txn] = []
        out += self._card_day(day, rng, now=now, horizon=horizon, book=book)
        out += self._checking_day(day, rng, now=now, horizon=horizon, book=book)
        out += self._savings_day(day, rng, now=now, horizon=horizon)
        out += self_pix_rows(
            self._txn,
            seed_key=self.seed_key,
            accounts=self.acc,
            holder=self.holder,
            bank_ispb=self.bank_ispb,
            day=day,
            now=now,
            horizon=horizon,
        )
        return out

    def _card_purchase(
        self, day: date, rng: random.Random, n: int, merchant: MerchantProfile, *, now: datetime, horizon: date
    ) -> list[Txn]:
        total = money(Decimal(rng.uniform(float(merchant.low), float(merchant.high))))
        parts = 1
        if merchant.key in INSTALLMENT_KEYS and total >= Decimal("300") and rng.random() < 0.7:
            parts = rng.choice((2, 3, 4, 5, 6, 10, 12))
        base = money(total / parts)
        hour, minute = rng.randint(11, 23), rng.randint(0, 59)  # UTC: 08:00-20:59 in São Paulo
        rows = []
        for i in range(1, parts + 1):
            amount = base if i < parts else total - base * (parts - 1)
            when = add_months(day, i - 1)
            suffix = f" {i:02d}/{parts:02d}" if parts > 1 else ""
            meta = {
                "installmentNumber": i if parts > 1 else None,
                "totalInstallments": parts if parts > 1 else None,
                "totalAmount": total,
                "purchaseDate": iso_day(day),
                "payeeMCC": str(merchant.mcc),
                "cardNumber": self.acc.card_last4,
                "billId": None,
                "paymentType": "INSTALLMENT" if parts > 1 else "SINGLE",
                "billPostDate": None,
                "transactionDateTime": f"{day.isoformat()}T{hour:02d}:{minute:02d}:00.000Z",
            }
            rows.append(
                self._txn(
                    self.acc.card,
                    when,
                    f"buy{n}:{i}",
                    merchant.statement_text + suffix,
                    amount,
                    now=now,
                    horizon=horizon,
                    category=merchant.category_id,
                    operation="PAGAMENTO",
                    card_meta=meta,
                    merchant=merchant,
                    raw=f"{merchant.statement_text}{suffix}",
                )
            )
        return rows

    def _card_day(self, day: date, rng: random.Random, *, now: datetime, horizon: date, book: BillBook) -> list[Txn]:
        out: list[Txn] = []
        keys = list(_MERCHANT_WEIGHTS)
        weights = [_MERCHANT_WEIGHTS[k] for k in keys]
        purchases = sum(1 for _ in range(3) if rng.random() < 0.38)
        for n in range(purchases * self.perf):
            merchant = MERCHANTS_BY_KEY[rng.choices(keys, weights)[0]]
            out += self._card_purchase(day, rng, n, merchant, now=now, horizon=horizon)
        for key, dom in (("netflix", 7), ("spotify", 12), ("smartfit", 3)):
            if day.day == dom:
                m = MERCHANTS_BY_KEY[key]
                meta = {
                    "cardNumber": self.acc.card_last4,
                    "payeeMCC": str(m.mcc),
                    "paymentType": "SINGLE",
                    "purchaseDate": iso_day(day),
                    "billId": None,
                }
                out.append(
                    self._txn(
                        self.acc.card,
                        day,
                        key,
                        m.statement_text,
                        m.low,
                        now=now,
                        horizon=horizon,
                        category=m.category_id,
                        operation="PAGAMENTO",
                        card_meta=meta,
                        merchant=m,
                    )
                )
        if rng.random() < 0.03:
            usd = money(Decimal(rng.uniform(40, 220)))
            brl = money(usd * Decimal("5.42"))
            meta = {
                "cardNumber": self.acc.card_last4,
                "paymentType": "SINGLE",
                "purchaseDate": iso_day(day),
                "billId": None,
            }
            out.append(
                self._txn(
                    self.acc.card,
                    day,
                    "intl",
                    "AMAZON WEB SERVICES",
                    brl,
                    now=now,
                    horizon=horizon,
                    category="09000000",
                    operation="PAGAMENTO",
                    card_meta=meta,
                )
            )
            iof = money(brl * Decimal("0.0438"))
            fee_meta = {
                "cardNumber": self.acc.card_last4,
                "feeType": "OTHER",
                "feeTypeAdditionalInfo": "IOF compra internacional",
                "billId": None,
            }
            out.append(
                self._txn(
                    self.acc.card,
                    day,
                    "iof",
                    "IOF COMPRA INTERNACIONAL",
                    iof,
                    now=now,
                    horizon=horizon,
                    category="15020000",
                    operation="TARIFA",
                    card_meta=fee_meta,
                )
            )
        if rng.random() < 0.02:
            m = MERCHANTS_BY_KEY["amazon"]
            refund = -money(Decimal(rng.uniform(30, 150)))
            out.append(
                self._txn(
                    self.acc.card,
                    day,
                    "refund",
                    f"ESTORNO {m.statement_text}",
                    refund,
                    now=now,
                    horizon=horizon,
                    category="08010000",
                    operation="ESTORNO",
                    merchant=m,
                    card_meta={"cardNumber": self.acc.card_last4, "billId": None},
                )
            )
        if day.day == CLOSING_DAY:
            out += book.close_bill(self, day, now=now, horizon=horizon)
        if day.day == DUE_DAY:
            out += book.pay_bill(self, day, rng, now=now, horizon=horizon)
        return out

    def _biller_payment(self, biller: Biller, due: date, *, now: datetime, horizon: date) -> Txn:
        rng = random.Random(f"{self.seed_key}:{biller.key}:{due.isoformat()}")
        amount = money(Decimal(rng.uniform(float(biller.low), float(biller.high))))
        digitable, barcode = self._boleto_line(rng, amount)
        payment = {
            "payer": participant(
                self.holder.name, self.holder.cpf, ispb=self.bank_ispb, branch="0001", account="123456-7"
            ),
            "receiver": {
                "documentNumber": {"type": "CNPJ", "value": biller.cnpj},
                "name": biller.name,
                "accountNumber": None,
                "branchNumber": None,
                "routingNumber": None,
                "routingNumberISPB": None,
            },
            "reason": None,
            "referenceNumber": barcode[-10:],
            "receiverReferenceId": None,
            "authenticationCode": None,
            "paymentMethod": "BOLETO",
            "boletoMetadata": {
                "digitableLine": digitable,
                "barcode": barcode,
                "baseAmount": amount,
                "interestAmount": Decimal("0.00"),
                "penaltyAmount": Decimal("0.00"),
                "discountAmount": Decimal("0.00"),
            },
        }
        return self._txn(
            self.acc.checking,
            due,
            f"boleto:{biller.key}",
            f"PAGAMENTO DE BOLETO {biller.name}",
            -amount,
            now=now,
            horizon=horizon,
            category=biller.category_id,
            operation="BOLETO",
            payment_data=payment,
        )

    def _checking_day(
        self, day: date, rng: random.Random, *, now: datetime, horizon: date, book: BillBook
    ) -> list[Txn]:
        acc, out = self.acc.checking, []
        if day.day == 5:
            employer, employer_cnpj = self.employer
            salary = self.salary
            payer = participant(employer, employer_cnpj, ispb="60746948", branch="2373", account="55012-1")
            me = participant(self.holder.name, self.holder.cpf, ispb=self.bank_ispb, branch="0001", account="123456-7")
            out.append(
                self._txn(
                    acc,
                    day,
                    "salary",
                    f"SALARIO {employer[:24]}",
                    salary,
                    now=now,
                    horizon=horizon,
                    category="01010000",
                    operation="FOLHA_PAGAMENTO",
                    payment_data={
                        "payer": payer,
                        "receiver": me,
                        "paymentMethod": "TED",
                        "reason": "Salário",
                        "referenceNumber": None,
                        "receiverReferenceId": None,
                        "authenticationCode": None,
                        "boletoMetadata": None,
                    },
                )
            )
        if (day.month, day.day) in ((11, 30), (12, 20)):
            out.append(
                self._txn(
                    acc,
                    day,
                    "13th",
                    f"13 SALARIO {self.employer[0][:24]}",
                    money(self.salary / 2),
                    now=now,
                    horizon=horizon,
                    category="01010000",
                    operation="FOLHA_PAGAMENTO",
                )
            )
        if day.day == 7:
            out.append(
                self._txn(
                    acc,
                    day,
                    "invest",
                    "APLICACAO CDB PLUGGY INVEST",
                    Decimal("-500.00"),
                    now=now,
                    horizon=horizon,
                    category="03020000",
                    operation="OUTROS",
                )
            )
        if day.day == 1:
            out.append(
                self._txn(
                    acc,
                    day,
                    "fee",
                    "TARIFA PACOTE DE SERVICOS",
                    Decimal("-39.90"),
                    now=now,
                    horizon=horizon,
                    category="16010000",
                    operation="PACOTE_TARIFA_SERVICOS",
                )
            )
        if day.day == 10:
            out.append(
                self._txn(
                    acc,
                    day,
                    "rent",
                    f"PIX ENVIADO {self.landlord.name.upper()}",
                    -self.rent,
                    now=now,
                    horizon=horizon,
                    category="17010000",
                    operation="PIX",
                    payment_data=self._pix(self.landlord, sent=True, reason="Aluguel"),
                    raw=f"PIX ENVIADO - {self.landlord.name.upper()}",
                )
            )
        if day.day == 6:
            out.append(
                self._txn(
                    acc,
                    day,
                    "to-savings",
                    "TRANSFERENCIA PARA POUPANCA",
                    Decimal("-600.00"),
                    now=now,
                    horizon=horizon,
                    category="04000000",
                    operation="TRANSFERENCIA_MESMA_INSTITUICAO",
                )
            )
        for biller in BILLERS:
            due = day + timedelta(days=SCHEDULE_LEAD_DAYS)
            if due.day == biller.day:
                out.append(self._biller_payment(biller, due, now=now, horizon=horizon))
        if self.loan_first_due and day >= self.loan_first_due and day.day == self.loan_first_due.day:
            number = (day.year - self.loan_first_due.year) * 12 + day.month - self.loan_first_due.month + 1
            if number <= self.loan_total:
                out.append(
                    self._txn(
                        acc,
                        day,
                        "loan",
                        f"PARCELA EMPRESTIMO PESSOAL {number:02d}/{self.loan_total}",
                        -self.loan_installment,
                        now=now,
                        horizon=horizon,
                        category="02040000",
                        operation="OPERACAO_CREDITO",
                    )
                )
        for n in range(self.perf):
            if rng.random() < 0.15:
                other = rng.choice(self.contacts)
                value = money(Decimal(rng.uniform(15, 450)))
                out.append(
                    self._txn(
                        acc,
                        day,
                        f"pix-out{n}",
                        f"PIX ENVIADO {other.name.upper()}",
                        -value,
                        now=now,
                        horizon=horizon,
                        category="05070000",
                        operation="PIX",
                        payment_data=self._pix(other, sent=True),
                    )
                )
            if rng.random() < 0.08:
                other = rng.choice(self.contacts)
                value = money(Decimal(rng.uniform(20, 600)))
                out.append(
                    self._txn(
                        acc,
                        day,
                        f"pix-in{n}",
                        f"PIX RECEBIDO {other.name.upper()}",
                        value,
                        now=now,
                        horizon=horizon,
                        category="05070000",
                        operation="PIX",
                        payment_data=self._pix(other, sent=False),
                    )
                )
            if rng.random() < 0.06:
                m = MERCHANTS_BY_KEY[rng.choice(("pao", "carrefour", "drogasil"))]
                value = money(Decimal(rng.uniform(float(m.low), float(m.high) / 2)))
                out.append(
                    self._txn(
                        acc,
                        day,
                        f"debit{n}",
                        f"COMPRA CARTAO DEBITO {m.statement_text}",
                        -value,
                        now=now,
                        horizon=horizon,
                        category=m.category_id,
                        operation="CARTAO",
                        merchant=m,
                    )
                )
        return out

    def _savings_day(self, day: date, rng: random.Random, *, now: datetime, horizon: date) -> list[Txn]:
        acc, out = self.acc.savings, []
        if day.day == 6:
            out.append(
                self._txn(
                    acc,
                    day,
                    "from-checking",
                    "TRANSFERENCIA DA CONTA CORRENTE",
                    Decimal("600.00"),
                    now=now,
                    horizon=horizon,
                    category="04000000",
                    operation="TRANSFERENCIA_MESMA_INSTITUICAO",
                )
            )
        if day.day == 1:
            yield_amount = money(Decimal(rng.uniform(20, 95)))
            out.append(
                self._txn(
                    acc,
                    day,
                    "yield",
                    "RENDIMENTO POUPANCA",
                    yield_amount,
                    now=now,
                    horizon=horizon,
                    category="03060000",
                    operation="RENDIMENTO_APLIC_FINANCEIRA",
                )
            )
        if rng.random() < 0.01:
            out.append(
                self._txn(
                    acc,
                    day,
                    "withdrawal",
                    "RESGATE POUPANCA",
                    Decimal("-1500.00"),
                    now=now,
                    horizon=horizon,
                    category="04000000",
                    operation="TRANSFERENCIA_MESMA_INSTITUICAO",
                )
            )
            out.append(  # the money lands in checking: the other side of the same transfer
                self._txn(
                    self.acc.checking,
                    day,
                    "from-savings",
                    "TRANSFERENCIA DA POUPANCA",
                    Decimal("1500.00"),
                    now=now,
                    horizon=horizon,
                    category="04000000",
                    operation="TRANSFERENCIA_MESMA_INSTITUICAO",
                )
            )
        if self.acc.extra_checking and day.day == 15:
            out.append(
                self._txn(
                    self.acc.extra_checking,
                    day,
                    "joint",
                    "PIX RECEBIDO CONTA CONJUNTA",
                    Decimal("1200.00"),
                    now=now,
                    horizon=horizon,
                    category="04020000",
                    operation="PIX",
                )
            )
        return out
