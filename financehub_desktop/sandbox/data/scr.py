"""Synthetic Bacen SCR reports (``GET /items/{id}/scr``, pluggy-api.md §6.3 and ScrResponse in §14).

The SCR is keyed by the holder's document, so the report depends only on the seed, the CPF and the base dates asked
for. It agrees with the item's own data where they overlap: the personal loan of the item appears with its outstanding
balance at each base date, the credit card with a monthly bill, the overdraft as a limit. A second institution
holds a vehicle financing. Field names are Bacen's raw Portuguese ones; the modality and resource codes follow the
layout of the 3040 document but are illustrative, not a contract.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ..wire import money
from .ledger import add_months
from .portfolio import LoanPlan

#: How many base dates one query may span (Pluggy does not document a limit; the sandbox keeps reports small).
MAX_BASE_DATES = 12
#: Bacen consolidates a base date about two months after it ends.
CONSOLIDATION_MONTHS = 2
DEFAULT_BASE_DATES = 4

_PERSONAL_CREDIT = "0203"  # empréstimo: crédito pessoal sem consignação em folha
_CARD = "0204"  # empréstimo: crédito rotativo vinculado a cartão de crédito
_VEHICLE = "0401"  # financiamento de veículos automotores
_UNUSED_LIMIT = "1901"  # limites de crédito contratados e não utilizados (cheque especial, cartão)
_FREE_RESOURCES = "0101"  # recursos livres
_PRE_FIXED = "11"  # indexador: prefixado
_NO_FX = "790"  # variação cambial: real


def month_index(yyyymm: int) -> int:
    return (yyyymm // 100) * 12 + (yyyymm % 100) - 1


def from_index(index: int) -> int:
    return (index // 12) * 100 + index % 12 + 1


def latest_base_date(today: date) -> int:
    """The newest base date Bacen has consolidated: two months before the current one."""
    return from_index(today.year * 12 + today.month - 1 - CONSOLIDATION_MONTHS)


def _month_end(yyyymm: int) -> date:
    return add_months(date(yyyymm // 100, yyyymm % 100, 1), 1) - timedelta(days=1)


def _outstanding(plan: LoanPlan, at: date) -> tuple[Decimal, int]:
    """The loan's principal left after the installments due up to ``at``, and how many installments remain."""
    paid = sum(1 for k in range(plan.total_installments) if add_months(plan.first_due, k) <= at)
    balance = plan.principal
    for _ in range(paid):
        balance = balance * (1 + plan.monthly_rate) - plan.installment
    return money(max(balance, Decimal(0))), plan.total_installments - paid


def _installment_buckets(installment: Decimal, remaining: int, outstanding: Decimal) -> dict[str, Decimal]:
    """Spread the remaining installments over Bacen's maturity buckets (v20 = up to 30 days ... v140 = 3-4 years)."""
    limits = ((1, "v20"), (2, "v40"), (3, "v60"), (6, "v80"), (12, "v110"), (24, "v120"), (36, "v130"), (48, "v140"))
    buckets: dict[str, Decimal] = {}
    counted = 0
    for upper, key in limits:
        count = min(remaining, upper) - counted
        if count > 0:
            buckets[key] = money(installment * count)
            counted += count
    total = sum(buckets.values(), Decimal(0))
    if total > 0 and outstanding > 0:  # Bacen reports principal, not the installment sum: scale it down
        factor = outstanding / total
        buckets = {k: money(v * factor) for k, v in buckets.items()}
    return {k: v for k, v in buckets.items() if v > 0}


def _operation(mod: str, res_venc: dict[str, Decimal], guarantees: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "mod": mod,
        "oriRec": _FREE_RESOURCES,
        "indx": _PRE_FIXED,
        "varCamb": _NO_FX,
        "subJDisc": None,
        "resVenc": res_venc,
        "lsGar": guarantees,
        "lsInfAd": [],
    }


def scr_report(
    *,
    seed: int,
    cpf: str,
    loan: LoanPlan | None,
    first: int,
    last: int,
    connected_on: date,
    now: datetime,
) -> dict[str, Any]:
    """The ScrResponse for base dates ``first``..``last`` (YYYYMM, inclusive, already validated). History is anchored
    on the day the item was first connected, so a consolidated base date reads the same whenever it is asked for."""
    newest = latest_base_date(now.date())
    rng = random.Random(f"{seed}:scr:{cpf}")
    vehicle_start = from_index(connected_on.year * 12 + connected_on.month - 1 - rng.randint(14, 30))
    vehicle_total = money(Decimal(rng.randrange(3_500_000, 7_500_000)) / 100)
    vehicle_months = 48
    card_limit = money(Decimal(rng.choice((8_000, 12_000, 15_000, 20_000))))
    overdraft = money(Decimal(rng.choice((1_000, 2_000, 3_000))))
    relationship_start = date(2009 + rng.randint(0, 8), rng.randint(1, 12), rng.randint(1, 28))
    databases: list[dict[str, Any]] = []
    messages: list[dict[str, str]] = []
    for index in range(month_index(first), month_index(last) + 1):
        base = from_index(index)
        if base > newest:
            messages.append(
                {"codigo": "DTB_NAO_DISPONIVEL", "mensagem": f"Data-base {base} ainda não consolidada pelo Bacen"}
            )
            continue
        month_rng = random.Random(f"{seed}:scr:{cpf}:{base}")
        end = _month_end(base)
        operations: list[dict[str, Any]] = []
        institutions = 1
        if loan is not None and loan.contract_day <= end:
            outstanding, remaining = _outstanding(loan, end)
            if outstanding > 0:
                operations.append(
                    _operation(_PERSONAL_CREDIT, _installment_buckets(loan.installment, remaining, outstanding), [])
                )
        bill = money(card_limit * Decimal(month_rng.randint(8, 35)) / 100)
        operations.append(_operation(_CARD, {"v20": bill}, []))
        # limits granted and not used: the overdraft and what is left of the card limit
        operations.append(_operation(_UNUSED_LIMIT, {"v190": money(overdraft + card_limit - bill)}, []))
        elapsed = index - month_index(vehicle_start)
        if 0 <= elapsed < vehicle_months:
            institutions += 1
            monthly = money(vehicle_total / vehicle_months)
            left = vehicle_months - elapsed - 1
            outstanding = money(monthly * left)
            operations.append(
                _operation(
                    _VEHICLE,
                    _installment_buckets(monthly, left, outstanding),
                    [{"tp": "0401", "qtd": 1}],  # alienação fiduciária de veículo
                )
            )
        databases.append(
            {
                "dtb": base,
                "msg": "",
                "docProc": "100.00",
                "volProc": f"{Decimal(month_rng.randint(9700, 10000)) / 100:.2f}",
                "qtdIfs": institutions,
                "qtdCongFinc": institutions,
                "dtbIniRel": relationship_start.isoformat(),
                "coobAss": Decimal("0.00"),
                "coobRec": Decimal("0.00"),
                "lsOp": operations,
            }
        )
    return {
        "dtbConsult": now.strftime("%Y-%m-%dT%H:%M:%S"),
        "cdCli": cpf,
        "tpCli": 1,
        "lsDtb": databases,
        "listaDeMensagensDeValidacao": messages,
    }
