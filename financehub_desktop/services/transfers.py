"""Transfers between the user's own accounts, detected so that the reports do not count them as spending and income.

A PIX or TED from checking to savings (or to the user's account at another bank) shows up as money out on one account
and money in on another. The pure functions here pair such rows; ``docs/transfers.md`` states the rules and their
limits. In short, a pair is one money-out and one money-in row on two different bank accounts of the store, same
absolute amount (exact ``Decimal``), dates 0-3 days apart, each row used at most once (greedy by closest date, then by
date and id), with at least one corroborating sign (payment data naming the user on the other end, a description that
names a transfer and the other account, or a transfer category / operation type) and no sign against it (payment data
naming someone else). A lone row whose PIX payer and receiver are the same document ("PIX para mim mesmo", the other
bank not connected) is an own transfer too.

Documents are compared as digits only and never logged.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from sqlalchemy import Connection, or_, select

from financehub_desktop.store import Store
from financehub_desktop.store.schema import accounts, connectors, identities, items, transactions
from financehub_desktop.store.schema_local import transaction_edits
from financehub_desktop.store.search import effective_category

#: How far apart (in days) the two sides of a transfer may be dated: a TED sent on Friday lands on Monday.
MAX_GAP_DAYS = 3
#: Pluggy's "Same person transfer" family (04xxxxxx) and the "Transfers" categories that can be a transfer to oneself.
#: Left out on purpose: 05010000 (bank slip), 05050000 (foreign exchange), 05090000 (third-party transfers) and
#: 05100000 (credit card payment, handled by the reports as a bill payment).
SAME_PERSON_PREFIX = "04"
TRANSFER_CATEGORIES = frozenset({"05000000", "05020000", "05030000", "05040000", "05060000", "05070000", "05080000"})
#: Open Finance operation types that move money between accounts.
TRANSFER_OPERATIONS = frozenset({"TRANSFERENCIA_MESMA_INSTITUICAO", "TED", "DOC", "PIX"})
_KEYWORD = re.compile(r"\b(TRANSF\w*|PIX|TED|DOC)\b")
_SUBTYPE_WORDS = {"SAVINGS_ACCOUNT": ("POUPANCA",), "CHECKING_ACCOUNT": ("CONTA CORRENTE", "C/C")}
_GENERIC_WORDS = frozenset({"BANCO", "BANK", "CONTA", "S.A.", "S/A", "SA", "DO", "DA", "DE", "DOS", "DAS", "E", "THE"})

Direction = Literal["OUT", "IN"]
Reason = Literal["payment-data", "description", "category", "self-pix"]


def plain(text: str | None) -> str:
    """Upper case without accents, for accent-insensitive comparisons of descriptions and names."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper().strip()


def digits(document: str | None) -> str | None:
    """A CPF/CNPJ as digits only (``123.456.789-09`` and ``12345678909`` compare equal); None when there are none."""
    found = "".join(ch for ch in document or "" if ch.isdigit())
    return found or None


@dataclass(frozen=True, slots=True)
class Movement:
    """One bank-account transaction as the detection sees it (money in or out, absolute amount)."""

    id: int
    account_id: str
    day: date
    direction: Direction
    amount: Decimal
    description: str = ""
    category_id: str | None = None
    operation_type: str | None = None
    payer_document: str | None = None
    receiver_document: str | None = None
    payer_name: str | None = None
    receiver_name: str | None = None

    @property
    def own_document(self) -> str | None:
        """The document the bank printed for the account's own side (payer of money out, receiver of money in)."""
        return digits(self.payer_document if self.direction == "OUT" else self.receiver_document)

    @property
    def other_document(self) -> str | None:
        return digits(self.receiver_document if self.direction == "OUT" else self.payer_document)

    @property
    def other_name(self) -> str:
        return plain(self.receiver_name if self.direction == "OUT" else self.payer_name)

    @property
    def own_name(self) -> str:
        return plain(self.payer_name if self.direction == "OUT" else self.receiver_name)


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """What the description rule may find in a transfer's text about the other account."""

    id: str
    name: str = ""
    institution: str = ""
    subtype: str = ""

    def words(self) -> tuple[str, ...]:
        found = [w for w in plain(f"{self.institution} {self.name}").split() if len(w) >= 3 and w not in _GENERIC_WORDS]
        return tuple(dict.fromkeys(found + list(_SUBTYPE_WORDS.get(self.subtype, ()))))


@dataclass(frozen=True, slots=True)
class Holder:
    """The user as the identity data knows them: documents (digits) and names (plain)."""

    documents: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class OwnTransfer:
    """A detected transfer: both sides, or one side (``other`` None) for a PIX to oneself at a bank not connected."""

    out_id: int | None
    in_id: int | None
    reason: Reason

    def other(self, transaction_id: int) -> int | None:
        return self.in_id if transaction_id == self.out_id else self.out_id


def _names_someone_else(m: Movement, holder: Holder) -> bool:
    """Payment data that names a third party at the other end: a sign against an own transfer."""
    other = m.other_document
    if other is not None:
        if other in holder.documents or other == m.own_document:
            return False
        return bool(holder.documents) or m.own_document is not None
    name = m.other_name
    if name and (name in holder.names or name == m.own_name):
        return False
    return bool(name) and (bool(holder.names) or bool(m.own_name))


def _names_the_user(m: Movement, holder: Holder) -> bool:
    other = m.other_document
    if other is not None:
        return other in holder.documents or other == m.own_document
    name = m.other_name
    return bool(name) and (name in holder.names or name == m.own_name)


def is_self_pix(m: Movement, holder: Holder) -> bool:
    """A row whose payer and receiver are the same document (or both the user's): money to or from oneself."""
    payer, receiver = digits(m.payer_document), digits(m.receiver_document)
    if payer is None or receiver is None:
        return False
    return payer == receiver or (payer in holder.documents and receiver in holder.documents)


def _describes_transfer_to(m: Movement, other: AccountInfo | None, holder: Holder) -> bool:
    text = plain(m.description)
    if not _KEYWORD.search(text):
        return False
    if any(name and name in text for name in holder.names):
        return True
    return other is not None and any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in other.words())


def _transfer_category(m: Movement) -> bool:
    category = m.category_id or ""
    return (
        category.startswith(SAME_PERSON_PREFIX)
        or category in TRANSFER_CATEGORIES
        or (m.operation_type or "") in TRANSFER_OPERATIONS
    )


def corroboration(out: Movement, into: Movement, accounts: Mapping[str, AccountInfo], holder: Holder) -> Reason | None:
    """Why ``out`` and ``into`` look like one transfer between the user's accounts, or None (no sign, or a sign
    against: payment data naming someone else)."""
    if _names_someone_else(out, holder) or _names_someone_else(into, holder):
        return None
    if _names_the_user(out, holder) or _names_the_user(into, holder):
        return "payment-data"
    if _describes_transfer_to(out, accounts.get(into.account_id), holder) or _describes_transfer_to(
        into, accounts.get(out.account_id), holder
    ):
        return "description"
    if _transfer_category(out) or _transfer_category(into):
        return "category"
    return None


def detect(
    movements: Iterable[Movement], accounts: Mapping[str, AccountInfo], holder: Holder = Holder()
) -> list[OwnTransfer]:
    """Every own transfer among ``movements``: pairs first (greedy by the smallest gap in days, then the money-out
    row's date and id, then the money-in row's id, so the result does not depend on the input's order), then the lone
    PIX-to-oneself rows left."""
    by_amount: dict[Decimal, tuple[list[Movement], list[Movement]]] = defaultdict(lambda: ([], []))
    rows = list(movements)
    for m in rows:
        outs, ins = by_amount[m.amount]
        (outs if m.direction == "OUT" else ins).append(m)
    candidates: list[tuple[int, date, int, int, Reason]] = []
    for outs, ins in by_amount.values():
        if not outs or not ins:
            continue
        ins.sort(key=lambda m: m.day)
        days = [i.day.toordinal() for i in ins]
        for o in outs:
            for i in ins[bisect_left(days, o.day.toordinal() - MAX_GAP_DAYS) :]:
                gap = (i.day - o.day).days
                if gap > MAX_GAP_DAYS:
                    break
                if i.account_id == o.account_id:
                    continue
                reason = corroboration(o, i, accounts, holder)
                if reason is not None:
                    candidates.append((abs(gap), o.day, o.id, i.id, reason))
    candidates.sort(key=lambda c: c[:4])
    used: set[int] = set()
    found: list[OwnTransfer] = []
    for _gap, _day, out_id, in_id, reason in candidates:
        if out_id in used or in_id in used:
            continue
        used.update((out_id, in_id))
        found.append(OwnTransfer(out_id, in_id, reason))
    for m in sorted(rows, key=lambda m: m.id):
        if m.id not in used and is_self_pix(m, holder):
            used.add(m.id)
            found.append(
                OwnTransfer(m.id if m.direction == "OUT" else None, m.id if m.direction == "IN" else None, "self-pix")
            )
    return found


def index(found: Iterable[OwnTransfer]) -> dict[int, OwnTransfer]:
    """Each detected transfer under the id of each of its rows."""
    out: dict[int, OwnTransfer] = {}
    for transfer in found:
        for tid in (transfer.out_id, transfer.in_id):
            if tid is not None:
                out[tid] = transfer
    return out


# ------------------------------------------------------------------------------------------------ reading the store
def read_movements(conn: Connection, since: date | None = None, until: date | None = None) -> list[Movement]:
    """The bank-account rows that can be a transfer: not removed, not ignored, on accounts still present."""
    t, a, e = transactions.c, accounts.c, transaction_edits.c
    category = effective_category(t.category_id, e)
    stmt = (
        select(
            t.id,
            t.account_id,
            t.date,
            t.amount,
            t.type,
            t.description,
            t.operation_type,
            category.label("category"),
            t.payer_document,
            t.receiver_document,
            t.payer_name,
            t.receiver_name,
        )
        .select_from(
            transactions.join(accounts, a.id == t.account_id).outerjoin(transaction_edits, e.transaction_id == t.id)
        )
        .where(
            t.removed_at.is_(None),
            a.removed_at.is_(None),
            a.type == "BANK",
            or_(e.ignored.is_(None), e.ignored.is_(False)),
        )
    )
    if since is not None:
        stmt = stmt.where(t.date >= datetime(since.year, since.month, since.day, tzinfo=UTC))
    if until is not None:
        end = until + timedelta(days=1)
        stmt = stmt.where(t.date < datetime(end.year, end.month, end.day, tzinfo=UTC))
    out = []
    for r in conn.execute(stmt):
        kind = r.type or ("DEBIT" if r.amount < 0 else "CREDIT")
        out.append(
            Movement(
                id=r.id,
                account_id=r.account_id,
                day=r.date.date(),
                direction="OUT" if kind == "DEBIT" else "IN",
                amount=abs(r.amount),
                description=r.description or "",
                category_id=r.category,
                operation_type=r.operation_type,
                payer_document=r.payer_document,
                receiver_document=r.receiver_document,
                payer_name=r.payer_name,
                receiver_name=r.receiver_name,
            )
        )
    return out


def read_accounts(conn: Connection) -> dict[str, AccountInfo]:
    a, i, c = accounts.c, items.c, connectors.c
    stmt = select(a.id, a.name, a.subtype, c.name.label("institution")).select_from(
        accounts.join(items, i.id == a.item_id).outerjoin(connectors, c.id == i.connector_id)
    )
    return {r.id: AccountInfo(r.id, r.name or "", r.institution or "", r.subtype or "") for r in conn.execute(stmt)}


def read_holder(conn: Connection) -> Holder:
    """The user's documents and names from the identity data of every connection (the KYC of the account holder)."""
    i = identities.c
    documents: set[str] = set()
    names: set[str] = set()
    for r in conn.execute(select(i.document, i.tax_number, i.full_name).where(i.removed_at.is_(None))):
        documents.update(d for d in (digits(r.document), digits(r.tax_number)) if d)
        if r.full_name and len(plain(r.full_name).split()) >= 2:  # a lone first name is too easy to share
            names.add(plain(r.full_name))
    return Holder(frozenset(documents), frozenset(names))


def detect_in_store(conn: Connection, since: date | None = None, until: date | None = None) -> dict[int, OwnTransfer]:
    """The own transfers with a row dated in [since, until], keyed by transaction id. The window is widened by
    ``MAX_GAP_DAYS`` so a pair that straddles its edge is still seen."""
    low = since - timedelta(days=MAX_GAP_DAYS) if since else None
    high = until + timedelta(days=MAX_GAP_DAYS) if until else None
    return index(detect(read_movements(conn, low, high), read_accounts(conn), read_holder(conn)))


# ------------------------------------------------------------------------------------------------ the service
@dataclass(frozen=True, slots=True)
class TransferSide:
    """What the transaction page says about a row that is part of an own transfer."""

    transaction_id: int
    direction: Direction
    reason: Reason
    other_transaction_id: int | None
    other_account_name: str | None
    other_institution: str | None
    other_day: date | None


#: How much history around a row the detail looks at: pairs chain only through equal amounts 0-3 days apart, so a
#: month either side gives the same answer as the whole history in every realistic case.
DETAIL_WINDOW_DAYS = 31


class TransfersService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def own_transfers(self, since: date | None = None, until: date | None = None) -> dict[int, OwnTransfer]:
        with self.store.read() as conn:
            return detect_in_store(conn, since, until)

    def transfer_for(self, transaction_id: int) -> TransferSide | None:
        """The other side of the own transfer ``transaction_id`` belongs to, or None when it is not one."""
        t = transactions.c
        with self.store.read() as conn:
            row = conn.execute(select(t.date, t.amount, t.type).where(t.id == transaction_id)).one_or_none()
            if row is None:
                return None
            day = row.date.date()
            window = timedelta(days=DETAIL_WINDOW_DAYS)
            found = detect_in_store(conn, day - window, day + window).get(transaction_id)
            if found is None:
                return None
            other_id = found.other(transaction_id)
            other_account = other_institution = None
            other_day = None
            if other_id is not None:
                other = conn.execute(select(t.account_id, t.date).where(t.id == other_id)).one()
                info = read_accounts(conn).get(other.account_id)
                other_account = info.name if info else None
                other_institution = info.institution if info else None
                other_day = other.date.date()
        return TransferSide(
            transaction_id=transaction_id,
            direction="OUT" if found.out_id == transaction_id else "IN",
            reason=found.reason,
            other_transaction_id=other_id,
            other_account_name=other_account,
            other_institution=other_institution,
            other_day=other_day,
        )


__all__ = [
    "AccountInfo",
    "Holder",
    "Movement",
    "OwnTransfer",
    "TransferSide",
    "TransfersService",
    "corroboration",
    "detect",
    "detect_in_store",
    "digits",
    "index",
    "is_self_pix",
    "plain",
]
