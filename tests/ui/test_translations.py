"""The pt-BR translation is complete and matches the code (no string left untranslated or stale)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "financehub_pt_BR.ts"


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    out = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            out[(name, msg.findtext("source") or "")] = msg
    return out


def test_every_string_is_translated() -> None:
    messages = _messages(TS)
    assert messages
    unfinished = [src for (ctx, src), msg in messages.items() if msg.find("translation").get("type") == "unfinished"]
    assert unfinished == []


def test_translation_source_is_up_to_date(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "financehub_desktop" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)], check=True,
                   capture_output=True)  # fmt: skip
    assert set(_messages(copy)) == set(_messages(TS)), "run scripts/translations.sh and translate the new strings"


def test_compiled_translation_is_current(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run scripts/translations.sh"


def test_standard_buttons_are_translated_too(qapp: object) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from financehub_desktop.ui.i18n import install_translator

    assert install_translator(qapp, "pt_BR")  # type: ignore[arg-type]
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert texts == {"Salvar", "Cancelar"}
    finally:
        install_translator(qapp, "en")  # type: ignore[arg-type]
