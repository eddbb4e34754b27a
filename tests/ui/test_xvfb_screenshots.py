"""Every page (and the rules dialogs) in a real X window under Xvfb (QT_QPA_PLATFORM=xcb), screenshotted from the X
screen itself into ./screenshots/xvfb-<page>.png for a person to look at. Offscreen grabs elsewhere miss what only a
real window shows (window manager frame-less sizing, xcb fonts and input methods)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SCREENSHOTS

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = r"""
import os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from financehub_desktop.app import prepare_qt_environment
prepare_qt_environment()
import PySide6.QtWebEngineWidgets
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from financehub_desktop.config.paths import profile_paths
from financehub_desktop.config.settings import Settings
from financehub_desktop.services.context import AppServices
from financehub_desktop.store.keys import ScryptParams
from financehub_desktop.ui.i18n import install_translator
from financehub_desktop.ui.main_window import MainWindow, page_specs
from tests.support.card_bills_store import seed_bills
from tests.support.sample_investments import seed_investments
from tests.support.sample_loans import seed_loans
from tests.support.sample_store import seed
install_translator(app, "pt_BR")
services = AppServices.open(profile_paths("xvfb"), Settings(), passphrase="xvfb-screens-passphrase",
                            kdf=ScryptParams(n=2**10, r=8, p=1))
seed(services.store)
seed_bills(services.store)
seed_investments(services.store)
seed_loans(services.store)
window = MainWindow(services.paths, Settings(), False, services)
window.resize(1200, 760)
window.show()
out = Path(sys.argv[1])
for spec in page_specs():
    window.show_page(spec.key)
    for _ in range(20):
        app.processEvents()
    shot = app.primaryScreen().grabWindow(0)
    assert shot.save(str(out / f"xvfb-{spec.key}.png")), spec.key
    print("saved", spec.key, shot.width(), shot.height(), flush=True)
# The rules list with a limited rule open for editing ("More conditions" shown), over the Transactions page.
from decimal import Decimal
from financehub_desktop.services.read_models import RuleDraft
from financehub_desktop.ui.rules_dialogs import RulesDialog
from tests.support.sample_store import CARD
services.rules.add(RuleDraft(pattern="uber", category_id="08000000", account_id=CARD, transaction_type="DEBIT",
                             amount_min=Decimal("-1234.56"), amount_max=Decimal("-10"), priority=5), apply_now=True)
window.show_page("transactions")
listing = RulesDialog(services.rules, services.transactions, window)
listing.show()
editor = listing.edit_rule(0)
assert editor is not None and editor.more.isVisible()
for _ in range(20):
    app.processEvents()
shot = app.primaryScreen().grabWindow(0)
assert shot.save(str(out / "xvfb-rules.png"))
print("saved rules", shot.width(), shot.height(), flush=True)
editor.reject()
listing.reject()
services.store.close()
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (make test installs it)")
def test_every_page_renders_in_a_real_x_window(tmp_path: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", FINANCEHUB_HOME=str(tmp_path / "home"))
    env.pop("DISPLAY", None)
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, "-c", SCRIPT, str(SCREENSHOTS), str(ROOT)],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    saved = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("saved")]
    assert saved == ["dashboard", "accounts", "transactions", "investments", "bills", "loans", "pix", "connections",
                     "settings", "rules"]  # fmt: skip
    for key in saved:
        image = SCREENSHOTS / f"xvfb-{key}.png"
        assert image.stat().st_size > 10_000, f"{image} looks blank"
