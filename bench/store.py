"""Store benchmark: prints ratios measured in one run (never asserted by tests).

    .venv/bin/python bench/store.py [--rows 100000] [--search-rows 500000] [--runs 41] [--repeat 3]

1. upsert N realistic transactions (records, as the sync engine hands them over) into the encrypted store vs plain
   ``sqlite3.executemany`` of the same rows into an unencrypted file with the same table and indexes (no FTS), the
   median of ``--repeat`` alternating runs. Both sides start from the same records: plain sqlite3 must turn them
   into the same rows of SQLite values (Decimal and datetime as text, the raw record as JSON) with the store's own
   conversion code, and that conversion alone costs it about as much as its executemany. The ratio against that is
   the store's own price (encryption, content hashes, change check, upsert, foreign keys, the full-text index); the
   ratio against executemany of ready-made tuples is printed too;
2. re-upsert the same N unchanged: rows written (must be 0) and time, against the first insert;
3. search over the search-rows total: median and p90 of several queries (text, text + filters, filters only, page 2);
4. peak memory (max RSS of the process).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.schema import CreateIndex, CreateTable

from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.store import TransactionQuery, open_store, search_transactions
from financehub_desktop.store.records import AccountRecord, ItemRecord, TransactionRecord
from financehub_desktop.store.repositories import Repositories
from financehub_desktop.store.schema import transactions
from financehub_desktop.store.types import utc_text


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


ITEM = "8c5f4a0e-1b2c-4d3e-9f00-00000000b001"
ACCOUNTS = [f"a1b2c3d4-0000-4000-8000-{n:012d}" for n in range(6)]
SHOPS = [
    ("Padaria Pão de Açúcar", "PADARIA PAO DE ACUCAR LTDA", "FOOD"),
    ("Café do Ponto", "CAFE DO PONTO SA", "FOOD"),
    ("Supermercado Extra", "EXTRA HIPERMERCADOS", "GROCERIES"),
    ("Uber *Trip", "UBER DO BRASIL", "TRANSPORT"),
    ("Açougue Boi Gordo", "ACOUGUE BOI GORDO ME", "GROCERIES"),
    ("Farmácia São João", "FARMACIA SAO JOAO", "HEALTH"),
    ("Netflix.com", "NETFLIX ENTRETENIMENTO", "LEISURE"),
    ("Posto Ipiranga", "IPIRANGA PRODUTOS DE PETROLEO", "TRANSPORT"),
    ("Magazine Luiza", "MAGAZINE LUIZA SA", "SHOPPING"),
    ("iFood *Restaurante", "IFOOD.COM AGENCIA", "FOOD"),
]
PEOPLE = ["João Silva", "Maria Oliveira", "Ana Souza", "Pedro Santos", "Luíza Costa", "Carlos Pereira"]


def realistic(n: int) -> TransactionRecord:
    """A transaction as the sync engine would hand it over: card purchases, PIX in and out, boletos."""
    when = datetime(2021, 1, 1, 3, tzinfo=UTC) + timedelta(minutes=37 * n)
    account = ACCOUNTS[n % len(ACCOUNTS)]
    amount = Decimal((n * 7919) % 150000 + 99) / 100
    kind = n % 5
    values: dict[str, Any] = {
        "pluggy_id": f"{n:08x}-7b1e-4c5d-9a0f-{n * 31 % 10**12:012d}",
        "account_id": account,
        "date": when,
        "currency_code": "BRL",
        "status": "PENDING" if n % 97 == 0 else "POSTED",
        "category_id": f"{n % 19 + 1:02d}000000",
        "created_at": when,
        "updated_at": when,
    }
    if kind in (0, 1, 2):
        shop, business, category = SHOPS[n % len(SHOPS)]
        installments = 1 + (n % 12) if kind == 2 else None
        values |= {
            "description": shop,
            "description_raw": f"{business} SAO PAULO BR",
            "amount": -amount,
            "type": "DEBIT",
            "merchant_name": shop,
            "merchant_business_name": business,
            "merchant_cnpj": f"{n % 10**14:014d}",
            "merchant_category": category,
            "operation_type": "PAGAMENTO",
            "card_installment_number": 1 if installments else None,
            "card_total_installments": installments,
            "card_bill_id": f"bill-{when:%Y%m}-{account[-4:]}",
            "card_purchase_date": when,
        }
    else:
        person = PEOPLE[n % len(PEOPLE)]
        incoming = kind == 3
        values |= {
            "description": f"PIX {'recebido de' if incoming else 'enviado para'} {person}",
            "amount": amount if incoming else -amount,
            "type": "CREDIT" if incoming else "DEBIT",
            "operation_type": "PIX",
            "payment_method": "PIX",
            "payment_receiver_reference_id": f"E{n:031d}",
            "payer_name": person if incoming else "Titular da Conta",
            "payer_document_type": "CPF",
            "payer_document": f"{n % 10**11:011d}",
            "receiver_name": "Titular da Conta" if incoming else person,
            "receiver_document_type": "CPF",
            "receiver_document": f"{(n * 7) % 10**11:011d}",
        }
    raw = {k: (utc_text(v) if isinstance(v, datetime) else v) for k, v in values.items() if v is not None}
    return TransactionRecord(raw=raw, **values)


def bench_plain(path: Path, records: list[TransactionRecord]) -> tuple[float, float]:
    """(seconds to convert the records into tuples of SQLite values, seconds of executemany + commit).

    The conversion is the store's own (``RowWriter``: Decimal and datetime to text, the raw record to JSON), without
    the content hash, so the second number is plain sqlite3 writing exactly the rows the store writes.
    """
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    dialect = sqlite_dialect.dialect()
    table_sql = str(CreateTable(transactions).compile(dialect=dialect))
    # no foreign key: the plain file has no accounts table
    table_sql = re.sub(
        r",\s*CONSTRAINT fk_\w+ FOREIGN KEY\([^)]*\) REFERENCES [^)]*\)( ON DELETE CASCADE)?", "", table_sql
    )
    conn.execute(table_sql)
    for index in transactions.indexes:
        conn.execute(str(CreateIndex(index).compile(dialect=dialect)))
    writer = Repositories().transactions._writer
    names = [*writer.names, "content_hash", "first_seen_at", "last_seen_at", "removed_at"]
    sql = f"INSERT INTO transactions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    now = utc_text(datetime.now(UTC))
    started = time.perf_counter()
    rows = [(*writer.values_of(r), "", now, now, None) for r in records]
    converted = time.perf_counter()
    with conn:
        conn.executemany(sql, rows)
    finished = time.perf_counter()
    conn.close()
    return converted - started, finished - converted


def seed_accounts(store: Any) -> None:
    with store.write() as conn:
        store.repos.items.upsert(
            conn, [ItemRecord(id=ITEM, connector_id=1, status="UPDATED", execution_status="SUCCESS")]
        )
        store.repos.accounts.upsert(
            conn,
            [
                AccountRecord(
                    id=a,
                    item_id=ITEM,
                    type="BANK",
                    subtype="CHECKING_ACCOUNT",
                    name=f"Conta {i}",
                    balance=Decimal("1000.00"),
                    currency_code="BRL",
                )
                for i, a in enumerate(ACCOUNTS)
            ],
        )


def measure_upserts(store: Any, records: list[TransactionRecord]) -> dict[str, Any]:
    """The first upsert of ``records`` into an empty store, then the same records again."""
    seed_accounts(store)
    started = time.perf_counter()
    with store.write() as conn:
        first = store.repos.transactions.upsert(conn, records)
    encrypted = time.perf_counter() - started
    started = time.perf_counter()
    with store.write() as conn:
        raw: Any = conn.connection.dbapi_connection
        before = raw.total_changes
        again = store.repos.transactions.upsert(conn, records)
        written_again = raw.total_changes - before
    repeat = time.perf_counter() - started
    return {"first": first, "encrypted": encrypted, "again": again, "repeat": repeat, "written": written_again}


def report_upserts(
    store: Any, records: list[TransactionRecord], runs: list[tuple[tuple[float, float], dict[str, Any]]]
) -> None:
    tracemalloc.start()
    with store.write() as conn:
        store.repos.transactions.upsert(conn, records)
    _, upsert_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rows = len(records)
    build = statistics.median(p[0] for p, _ in runs)
    write = statistics.median(p[1] for p, _ in runs)
    total = statistics.median(p[0] + p[1] for p, _ in runs)
    encrypted = statistics.median(m["encrypted"] for _, m in runs)
    repeat = statistics.median(m["repeat"] for _, m in runs)
    ratios = sorted(m["encrypted"] / (p[0] + p[1]) for p, m in runs)
    last = runs[-1][1]
    each = ", ".join(f"{r:.2f}" for r in ratios)
    print(f"median of {len(runs)} runs, store and plain alternating (the ratio of each run: {each})")
    print(f"{'':44}{'encrypted store':>18}{'plain sqlite3':>16}{'ratio':>8}")
    print(f"{f'upsert {rows:,} new transactions':44}{encrypted:>17.2f}s{total:>15.2f}s{encrypted / total:>7.2f}x")
    print("  (both from the same records. store: conversion, content hash, change check, upsert, foreign keys,")
    print("   full-text index. plain: the same conversion code, then executemany + commit, same table and indexes)")
    print(f"{'  plain: converting the records':44}{'':>18}{build:>15.2f}s")
    print(f"{'  plain: executemany of ready-made tuples':44}{'':>18}{write:>15.2f}s{encrypted / write:>7.2f}x")
    print(f"{'  counts':44}{last['first'].as_dict()!s:>40}")
    print(
        f"{'re-upsert the same rows unchanged':44}{repeat:>17.2f}s{'':>16}{repeat / encrypted:>7.2f}x  (of the first)"
    )
    print(f"{'  rows written by the re-upsert':44}{last['written']:>18}   counts {last['again'].as_dict()}")
    print(f"{'  Python memory peak of an upsert call':44}{upsert_peak / 2**20:>17.1f}M  (tracemalloc, measured apart)")


def bench_search(store: Any, total: int, target: int, runs: int) -> None:
    while total < target:
        batch = [realistic(n) for n in range(total, min(total + 50_000, target))]
        with store.write() as conn:
            store.repos.transactions.upsert(conn, batch)
        total += len(batch)
    queries = {
        "text 'padaria'": TransactionQuery(text="padaria"),
        "text 'cafe' (accent-insensitive)": TransactionQuery(text="cafe"),
        "text 'pix' (40% of all rows)": TransactionQuery(text="pix"),
        "text 'joao' + one account": TransactionQuery(text="joao", account_ids=[ACCOUNTS[3]]),
        "text 'pix maria' + 2023 + amount range": TransactionQuery(
            text="pix maria",
            date_from=date(2023, 1, 1),
            date_to=date(2023, 12, 31),
            amount_min=Decimal("-500"),
            amount_max=Decimal("500"),
        ),
        "text with no match": TransactionQuery(text="zzzz"),
        "filters only: account + 2022": TransactionQuery(
            account_ids=[ACCOUNTS[1]], date_from=date(2022, 1, 1), date_to=date(2022, 12, 31)
        ),
        "no filter (newest 200)": TransactionQuery(),
    }
    print(f"\nsearch over {total:,} transactions, first page of 200, {runs} runs each")
    medians = []
    with store.read() as conn:
        for label, query in queries.items():
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                page = search_transactions(conn, query, limit=200)
                times.append((time.perf_counter() - started) * 1000)
            medians.append(statistics.median(times))
            p90 = statistics.quantiles(times, n=10)[-1]
            print(f"  {label:42}median {medians[-1]:7.2f} ms   p90 {p90:7.2f} ms   {len(page.rows)} rows")
        cursor = search_transactions(conn, TransactionQuery(text="pix"), limit=200).next_cursor
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            search_transactions(conn, TransactionQuery(text="pix"), after=cursor, limit=200)
            times.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(times))
        print(f"  {'text pix, second page (keyset)':42}median {medians[-1]:7.2f} ms")
    print(f"  median of the query medians: {statistics.median(medians):.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--search-rows", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=41, help="runs of each search query")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the upsert comparison (median shown)")
    args = parser.parse_args()
    keyring.set_keyring(_MemoryKeyring())
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared: ratios matter, not absolute times)")
    with tempfile.TemporaryDirectory(prefix="fh-bench-") as tmp:
        folder = Path(tmp)
        records = [realistic(n) for n in range(args.rows)]
        runs = []
        for run in range(args.repeat):
            plain = bench_plain(folder / f"plain-{run}.db", records)
            paths = ProfilePaths(f"bench{run}", folder / f"data{run}", folder / "config", folder / "logs")
            store = open_store(paths)
            runs.append((plain, measure_upserts(store, records)))
            if run < args.repeat - 1:
                store.close()
                shutil.rmtree(paths.data_dir, ignore_errors=True)
            (folder / f"plain-{run}.db").unlink()
        report_upserts(store, records, runs)
        bench_search(store, args.rows, args.search_rows, args.runs)
        store.close()
        size = paths.database.stat().st_size
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"\ndatabase size {size / 2**20:.1f} MiB; "
            f"peak memory of the whole run (max RSS, bench data included) {peak:.0f} MiB"
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("FINANCEHUB_HOME", tempfile.gettempdir())
    sys.exit(main())
