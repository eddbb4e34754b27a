#!/usr/bin/env bash
# Sets up everything FinanceHub Desktop needs on a fresh Debian 12 / Ubuntu 22.04+ machine:
#   1. the Qt system libraries (installed when running as root, otherwise the exact apt-get line is printed);
#   2. .venv with the package and its pinned dependencies (re-installed when pyproject.toml changes).
# Usage: scripts/bootstrap.sh run|test
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-run}"

# Libraries Qt + QtWebEngine need with QT_QPA_PLATFORM=offscreen (PLATFORM.md).
base_pkgs="libglib2.0-0 libegl1 libgl1 libx11-6 libx11-xcb1 libxcomposite1 libxdamage1 libxext6 libxfixes3
libxrandr2 libxtst6 libasound2 libbrotli1 libdbus-1-3 libfontconfig1 libfreetype6 libgbm1 libnspr4 libnss3
libxcb1 libxcb-dri3-0 libxcb-randr0 libxcb-sync1 libxcb-xfixes0 libxkbcommon0 libxkbfile1 fonts-dejavu-core"
# A real X window (xcb), and Xvfb + xauth so tests and screenshots can use one.
xcb_pkgs="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
libxcb-shape0 libxcb-shm0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth"

wanted="$base_pkgs $xcb_pkgs"

missing_pkgs() {
    local missing=""
    for p in $wanted; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $p"
        fi
    done
    echo "$missing"
}

if command -v dpkg-query >/dev/null 2>&1; then
    missing="$(missing_pkgs)"
    if [ -n "${missing// /}" ]; then
        if [ "$(id -u)" = "0" ]; then
            echo "bootstrap: installing system libraries Qt needs:$missing"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq
            # shellcheck disable=SC2086
            apt-get install -y -qq --no-install-recommends $missing >/dev/null
        else
            echo "bootstrap: these system libraries are missing:$missing" >&2
            echo "Install them, then run this command again:" >&2
            echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
            exit 1
        fi
    fi
else
    echo "bootstrap: no dpkg here; assuming the Qt system libraries are installed (see docs/install.md)." >&2
fi

py="${PYTHON:-python3}"
if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "bootstrap: Python 3.11 or newer is required (found: $("$py" --version 2>&1))." >&2
    exit 1
fi

if [ ! -x .venv/bin/python ]; then
    echo "bootstrap: creating .venv"
    "$py" -m venv .venv
fi

stamp=".venv/.financehub-installed"
want_stamp="$(sha256sum pyproject.toml | cut -d' ' -f1)-$purpose"
if [ ! -f "$stamp" ] || ! grep -qx -- "$want_stamp" "$stamp"; then
    echo "bootstrap: installing FinanceHub Desktop and its dependencies into .venv"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    if [ "$purpose" = "test" ]; then
        .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
    else
        .venv/bin/python -m pip install -q --disable-pip-version-check -e .
    fi
    # A test install also satisfies a run; a run-only install must be upgraded for tests.
    { echo "$want_stamp"; [ "$purpose" = "test" ] && echo "$(sha256sum pyproject.toml | cut -d' ' -f1)-run"; } > "$stamp" || true
fi
