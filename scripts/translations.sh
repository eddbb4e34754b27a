#!/usr/bin/env bash
# Refresh the pt-BR translation source from the code (lupdate), then compile it (lrelease).
# Translate new strings in resources/translations/financehub_pt_BR.ts (Qt Linguist: .venv/bin/pyside6-linguist).
set -euo pipefail
cd "$(dirname "$0")/.."
ts=resources/translations/financehub_pt_BR.ts
.venv/bin/pyside6-lupdate -no-obsolete -locations none $(find financehub_desktop/ui -name '*.py' | sort) -ts "$ts"
.venv/bin/pyside6-lrelease -silent "$ts" -qm resources/translations/financehub_pt_BR.qm
