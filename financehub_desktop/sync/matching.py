"""Pending -> posted: a pending row and its posted successor are one transaction, not two.

Most institutions keep the id when a pending transaction posts (Pluggy then just updates ``status``), which identity
by provider id handles by itself. Some issue a *new* id for the posted row and drop the pending one later. The rule we
apply when a POSTED transaction arrives with an id we have never stored:

    a visible PENDING row of the same account is its predecessor when the signed amount and the currency are equal,
    the dates are at most ``MAX_DAYS_APART`` days apart, and the normalised descriptions are equal or one contains
    the other (case, accents, digits and punctuation ignored);

among several candidates the closest date wins (then the oldest row). The pending row is marked removed (hidden, never
erased) and the user's edits (category, note, tags, ignore flag) move to the posted row. A pending row still listed
by Pluggy in the same page is never a candidate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import timedelta

from sqlalchemy import Connection

from financehub_desktop.store.records import TransactionRecord
from financehub_desktop.store.repositories import Repositories

MAX_DAYS_APART = 7


def normalise(description: str | None) -> str:
    text = unicodedata.normalize("NFKD", description or "").encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z]+", " ", text.casefold())
    return " ".join(text.split())


def descriptions_match(a: str | None, b: str | None) -> bool:
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return False
    return left == right or left in right or right in left


def supersede_pending(
    repos: Repositories,
    conn: Connection,
    account_id: str,
    new_posted: Sequence[TransactionRecord],
    listed_ids: Iterable[str],
) -> int:
    """Marks the pending predecessors of ``new_posted`` removed and moves their edits; returns how many."""
    listed = set(listed_ids)
    candidates = [row for row in repos.transactions.pending(conn, account_id) if row.pluggy_id not in listed]
    if not candidates:
        return 0
    used: set[str] = set()
    superseded: list[str] = []
    moves: list[tuple[str, str]] = []
    for posted in new_posted:
        best = None
        best_gap: timedelta | None = None
        for row in candidates:
            if row.pluggy_id in used or row.amount != posted.amount or row.currency_code != posted.currency_code:
                continue
            gap = abs(row.date - posted.date)
            if gap > timedelta(days=MAX_DAYS_APART) or not descriptions_match(row.description, posted.description):
                continue
            if best_gap is None or gap < best_gap:
                best, best_gap = row, gap
        if best is not None:
            used.add(best.pluggy_id)
            superseded.append(best.pluggy_id)
            moves.append((best.pluggy_id, posted.pluggy_id))
    if not superseded:
        return 0
    removed = repos.transactions.mark_removed(conn, superseded)
    local = repos.transactions.local_ids(conn, [p for pair in moves for p in pair])
    for old, new in moves:
        if old in local and new in local:
            repos.edits.move(conn, local[old], local[new])
    return removed
