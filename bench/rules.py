"""Categorisation rules benchmark: prints times and rows written in one run (never asserted by tests).

    .venv/bin/python -m bench.rules [--rows 100000] [--rules 20]

1. apply R rules (description, merchant, CPF/CNPJ, payment method) to N transactions for the first time;
2. apply them again: rows written (must be 0) and time;
3. what a sync costs: re-evaluating only the transactions the sync wrote (``since=``) vs the whole connection.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import keyring

if not __package__:  # run as `python bench/rules.py`: the project root holds the `bench` package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.store import ACCOUNTS, ITEM, PEOPLE, SHOPS, _MemoryKeyring, realistic
from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.store import open_store
from financehub_desktop.store.records import AccountRecord, ItemRecord
from financehub_desktop.store.types import utc_now


def _changes(conn: Any) -> int:
    return int(conn.connection.dbapi_connection.total_changes)


def _rules(count: int) -> list[dict[str, Any]]:
    kinds: list[dict[str, Any]] = []
    for i in range(count):
        match i % 4:
            case 0:
                kinds.append({"field": "description", "pattern": SHOPS[i % len(SHOPS)][0].split()[0]})
            case 1:
                kinds.append({"field": "merchant", "match_type": "startsWith", "pattern": SHOPS[i % len(SHOPS)][0]})
            case 2:
                kinds.append({"field": "document", "match_type": "startsWith", "pattern": f"{i:04d}"})
            case _:
                kinds.append({"field": "description", "pattern": PEOPLE[i % len(PEOPLE)], "amount_min": Decimal(-50)})
    return [{**k, "category_id": f"{90 + i % 9}000000", "priority": i} for i, k in enumerate(kinds)]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rules", type=int, default=20)
    args = parser.parse_args()
    keyring.set_keyring(_MemoryKeyring())
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared: ratios matter, not absolute times)")
    with tempfile.TemporaryDirectory(prefix="fh-bench-") as tmp:
        folder = Path(tmp)
        store = open_store(ProfilePaths("bench", folder / "data", folder / "config", folder / "logs"))
        with store.write() as conn:
            item = ItemRecord(id=ITEM, connector_id=1, status="UPDATED", execution_status="SUCCESS")
            store.repos.items.upsert(conn, [item])
            store.repos.accounts.upsert(conn, [
                AccountRecord(id=a, item_id=ITEM, type="BANK", subtype="CHECKING_ACCOUNT", name=f"Conta {i}",
                              balance=Decimal("1000.00"), currency_code="BRL")
                for i, a in enumerate(ACCOUNTS)
            ])  # fmt: skip
            store.repos.transactions.upsert(conn, [realistic(n) for n in range(args.rows)])
            for rule in _rules(args.rules):
                store.repos.rules.add(conn, rule)
        for label in ("first apply", "apply again"):
            with store.write() as conn:
                before, started = _changes(conn), time.perf_counter()
                changed = store.repos.rules.apply(conn)
                elapsed = time.perf_counter() - started
                written = _changes(conn) - before
            print(f"{label}: {len(changed)} transactions changed, {written} rows written, {elapsed:.2f} s")
        since = utc_now() - timedelta(seconds=1)
        with store.write() as conn:
            store.repos.transactions.upsert(conn, [realistic(n) for n in range(args.rows, args.rows + 200)])
        with store.write() as conn:
            started = time.perf_counter()
            recent = store.repos.rules.apply(conn, account_ids=ACCOUNTS, since=since)
            scoped = time.perf_counter() - started
        with store.write() as conn:
            started = time.perf_counter()
            store.repos.rules.apply(conn, account_ids=ACCOUNTS)
            whole = time.perf_counter() - started
        print(
            f"after a sync of 200 new transactions: {len(recent)} changed; only what the sync wrote {scoped:.3f} s"
            f" vs the whole connection {whole:.2f} s ({whole / max(scoped, 1e-6):.0f}x)"
        )
        store.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("FINANCEHUB_HOME", tempfile.gettempdir())
    sys.exit(main())
