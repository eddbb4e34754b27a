#!/usr/bin/env bash
# Every check the project has, in order: lint, types, architecture, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"
ruff check financehub_desktop tests bench
ruff format --check financehub_desktop tests bench

echo "== mypy (strict outside ui/)"
mypy

echo "== import-linter (layering contract)"
lint-imports

echo "== pytest"
export QT_QPA_PLATFORM=offscreen
export QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu --log-level=3"
if [ "$(id -u)" = "0" ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi
MPLCONFIGDIR="$(mktemp -d)"; export MPLCONFIGDIR
export PYTHONFAULTHANDLER=1
pytest "$@"
