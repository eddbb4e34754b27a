"""``financehub doctor``: what a user pastes into a bug report. Never prints a secret."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors

from financehub_desktop import __version__
from financehub_desktop.config.paths import ProfilePaths
from financehub_desktop.pluggy.metrics import summary_lines
from financehub_desktop.pluggy.usage_file import SOURCES, load_usage


@dataclass(frozen=True, slots=True)
class Check:
    label: str
    value: str
    ok: bool = True


_QT_PROBE = """
import json, sys
out = {}
try:
    import PySide6.QtWebEngineWidgets  # before QtCore users, as the app does
    from PySide6 import QtCore
    out["qt"] = QtCore.qVersion()
    out["pyside6"] = __import__("PySide6").__version__
    out["webengine"] = True
except Exception as exc:
    out["error"] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


def probe_qt(timeout: float = 60.0) -> dict[str, object]:
    """Import Qt and QtWebEngine in a child process: a missing system library must not crash the doctor."""
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
            [sys.executable, "-c", _QT_PROBE], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    try:
        result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit status {done.returncode}: {tail[0]}"}
    return result


def sqlcipher_version() -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
        return str(row[0]) if row and row[0] else "unknown (not SQLCipher?)"
    finally:
        conn.close()


def keyring_status() -> tuple[str, bool]:
    """The keyring backend's name and whether it can hold secrets (if not, the master passphrase is needed)."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__qualname__}"
    try:
        priority = float(backend.priority)
    except Exception:
        priority = 0.0
    from keyring.backends import fail

    usable = not isinstance(backend, fail.Keyring) and priority > 0
    return name, usable


def diagnose(paths: ProfilePaths, *, check_qt: bool = True) -> list[Check]:
    checks = [
        Check("FinanceHub Desktop", __version__),
        Check("Python", f"{platform.python_version()} ({sys.executable})"),
        Check("Platform", platform.platform()),
    ]
    if check_qt:
        qt = probe_qt()
        if "error" in qt:
            checks.append(Check("Qt / QtWebEngine", f"NOT importable: {qt['error']}", ok=False))
        else:
            checks.append(Check("Qt / QtWebEngine", f"Qt {qt['qt']} (PySide6 {qt['pyside6']}), WebEngine importable"))
    try:
        checks.append(Check("SQLCipher", sqlcipher_version()))
    except Exception as exc:
        checks.append(Check("SQLCipher", f"NOT available: {type(exc).__name__}: {exc}", ok=False))
    name, usable = keyring_status()
    checks.append(Check("Keyring backend", name, ok=True))
    checks.append(
        Check(
            "Passphrase fallback",
            "not needed (the keyring holds the data key)"
            if usable
            else "needed: no usable keyring, the store will ask for a master passphrase",
        )
    )
    checks += api_usage_checks(paths)
    checks += [
        Check("Profile", paths.profile),
        Check("Data folder", str(paths.data_dir)),
        Check("Config folder", str(paths.config_dir)),
        Check("Log folder", str(paths.log_dir)),
    ]
    return checks


def api_usage_checks(paths: ProfilePaths, *, limit: int = 8) -> list[Check]:
    """The last app session's and the last ``financehub sync``'s Pluggy API usage: totals, then the busiest
    endpoints with their failures, retries and latency percentiles (from ``ProfilePaths.api_usage_file``)."""
    usage = load_usage(paths.api_usage_file)
    if not usage:
        return [Check("Pluggy API usage", "none recorded yet (no sync has run for this profile)")]
    checks = []
    for source in SOURCES:
        entry = usage.get(source)
        if entry is None:
            continue
        lines = summary_lines(entry["snapshot"], limit=limit)
        label = "Pluggy API, last app session" if source == "app" else "Pluggy API, last `financehub sync`"
        checks.append(Check(label, f"{entry.get('saved_at', '?')}: {lines[0].removeprefix('Pluggy API: ')}"))
        checks += [Check("", line.strip()) for line in lines[1:]]
    return checks


def render(checks: list[Check]) -> str:
    width = max(len(c.label) for c in checks)
    lines = [f"{c.label:<{width}}  {c.value}{'' if c.ok else '   <-- problem'}" for c in checks]
    return "\n".join(lines)
