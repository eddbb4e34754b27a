"""UI benchmark: cold start to the first window, the transactions page over 500k rows, a search over them, memory.

Each figure is printed beside a reference measured in the same run, so the ratio is what matters:
- opening the transactions page over 500,000 rows vs over 500 rows (lazy paging: the ratio should stay near 1);
- a full-text search over 500,000 rows vs over 500 rows;
- cold start of the real app (a subprocess, up to the painted window, then to the dashboard's charts drawn: they
  load just after the first paint) vs a bare QApplication with one QWidget.

Run: ``.venv/bin/python bench/ui.py [--rows 500000]`` (takes a minute or two to build the store).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Benchmark machines often have no keyring: the stores are protected by a passphrase from the environment.
os.environ.setdefault("FINANCEHUB_PASSPHRASE", "bench-passphrase-not-secret")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

WORDS = ["PIX ENVIADO", "SUPERMERCADO", "IFOOD", "UBER TRIP", "FARMACIA", "POSTO", "PADARIA CAFÉ", "NETFLIX", "ENEL"]


def build_store(home: Path, profile: str, rows: int) -> None:
    from financehub_desktop.config.paths import profile_paths
    from financehub_desktop.store import open_store
    from financehub_desktop.store.keys import ScryptParams
    from financehub_desktop.store.records import AccountRecord, ConnectorRecord, ItemRecord, TransactionRecord

    os.environ["FINANCEHUB_HOME"] = str(home)
    store = open_store(profile_paths(profile), kdf=ScryptParams(n=2**10, r=8, p=1))
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with store.write() as conn:
        store.repos.connectors.upsert(conn, [ConnectorRecord(id=2, name="Pluggy Bank", raw={})])
        store.repos.items.upsert(conn, [ItemRecord(id="item", connector_id=2, status="UPDATED",
                                                   execution_status="SUCCESS", raw={})])  # fmt: skip
        store.repos.accounts.upsert(conn, [AccountRecord(id="acc", item_id="item", type="BANK",
                                                         subtype="CHECKING_ACCOUNT", name="Conta", balance=Decimal(0),
                                                         currency_code="BRL", raw={})])  # fmt: skip
    batch: list[TransactionRecord] = []
    for n in range(rows):
        batch.append(
            TransactionRecord(
                pluggy_id=f"tx-{n}",
                account_id="acc",
                date=start + timedelta(minutes=7 * n),
                description=f"{WORDS[n % len(WORDS)]} {n % 997}",
                amount=Decimal(-(n % 5000)) / 100,
                currency_code="BRL",
                type="DEBIT",
                raw={},
            )
        )
        if len(batch) == 50_000:
            with store.write() as conn:
                store.repos.transactions.upsert(conn, batch)
            batch = []
    if batch:
        with store.write() as conn:
            store.repos.transactions.upsert(conn, batch)
    store.close()


def time_page(home: Path, profile: str) -> tuple[float, float]:
    """Seconds to open the transactions page (first page shown) and the median of 5 searches."""
    from PySide6.QtWidgets import QApplication

    from financehub_desktop.config.paths import profile_paths
    from financehub_desktop.services.events import EventBus
    from financehub_desktop.services.transactions import TransactionsService
    from financehub_desktop.store import open_store
    from financehub_desktop.store.keys import ScryptParams
    from financehub_desktop.ui.transactions_page import TransactionsPage

    os.environ["FINANCEHUB_HOME"] = str(home)
    app = QApplication.instance() or QApplication([])
    store = open_store(profile_paths(profile), kdf=ScryptParams(n=2**10, r=8, p=1))
    service = TransactionsService(store, EventBus())
    t0 = time.perf_counter()
    page = TransactionsPage(service)
    page.show()
    app.processEvents()
    opened = time.perf_counter() - t0
    searches = []
    for term in ("cafe", "uber", "farmacia 12", "netflix", "posto"):
        page.search.setText(term)
        t0 = time.perf_counter()
        page.apply_filters()
        app.processEvents()
        searches.append(time.perf_counter() - t0)
    page.close()
    store.close()
    return opened, statistics.median(searches)


COLD_APP = """
import os, sys, time
t0 = float(sys.argv[1])
from financehub_desktop.app import prepare_qt_environment
prepare_qt_environment()
import PySide6.QtWebEngineWidgets
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
state = {}
def shown():
    for w in app.topLevelWidgets():
        if type(w).__name__ == "MainWindow" and w.isVisible():
            if "window" not in state:
                w.grab()  # painted, not only mapped
                state["window"] = time.time() - t0
                print("FIRST_WINDOW", state["window"], flush=True)
            if w.pages["dashboard"].charts_ready:
                print("CHARTS_DRAWN", time.time() - t0, flush=True)
                w.close()
                return
    QTimer.singleShot(5, shown)
QTimer.singleShot(5, shown)
from financehub_desktop import app as fh
fh.run(profile=sys.argv[2])
"""
COLD_BARE = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.show(); app.processEvents()
print("FIRST_WINDOW", time.time() - t0, flush=True)
"""


def cold(script: str, home: Path, profile: str, mark: str = "FIRST_WINDOW") -> float:
    env = dict(os.environ, FINANCEHUB_HOME=str(home))
    out = subprocess.run([sys.executable, "-c", script, str(time.time()), profile], env=env,
                         capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    line = next(line for line in out.stdout.splitlines() if line.startswith(mark))
    return float(line.split()[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        t0 = time.perf_counter()
        build_store(home, "big", args.rows)
        build_store(home, "small", 500)
        print(f"built stores in {time.perf_counter() - t0:.1f} s (FINANCEHUB_HOME={home})")
        import keyring

        print(f"keyring backend: {type(keyring.get_keyring()).__name__}")
        big_open, big_search = time_page(home, "big")
        small_open, small_search = time_page(home, "small")
        app_cold = cold(COLD_APP, home, "small")
        app_charts = cold(COLD_APP, home, "small", "CHARTS_DRAWN")
        bare_cold = cold(COLD_BARE, home, "small")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'measure':44} {'ours':>10} {'reference':>10} {'ratio':>7}")
    print(f"{f'open transactions page, {args.rows:,} vs 500 rows':44} {big_open * 1000:8.1f}ms "
          f"{small_open * 1000:8.1f}ms {big_open / small_open:7.2f}")  # fmt: skip
    print(f"{f'median search, {args.rows:,} vs 500 rows':44} {big_search * 1000:8.1f}ms "
          f"{small_search * 1000:8.1f}ms {big_search / small_search:7.2f}")  # fmt: skip
    print(f"{'cold start to first window vs bare Qt':44} {app_cold * 1000:8.0f}ms {bare_cold * 1000:8.0f}ms "
          f"{app_cold / bare_cold:7.2f}")  # fmt: skip
    print(f"{'  ...to the dashboard charts drawn':44} {app_charts * 1000:8.0f}ms {bare_cold * 1000:8.0f}ms "
          f"{app_charts / bare_cold:7.2f}")  # fmt: skip
    print(f"peak memory of this process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
