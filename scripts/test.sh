#!/usr/bin/env sh
# Quick start, command 2: install CookieDesk with its test tools into ./.venv and run every test.
# The end-to-end tests drive Debian's real `chromium` and `firefox-esr`: when they are missing and
# this runs as root (CI, a fresh VM), they are installed with apt-get; otherwise those tests are
# skipped with a reason, unless COOKIEDESK_REQUIRE_E2E=1 makes a missing browser a failure.
# Any arguments go to pytest (for example: ./scripts/test.sh tests/unit -x).
set -eu
cd "$(dirname "$0")/.."

need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v firefox-esr >/dev/null 2>&1 || need="$need firefox-esr"
command -v certutil >/dev/null 2>&1 || need="$need libnss3-tools"
command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"
command -v dbus-run-session >/dev/null 2>&1 || need="$need dbus-daemon"
command -v desktop-file-validate >/dev/null 2>&1 || need="$need desktop-file-utils"
command -v appstreamcli >/dev/null 2>&1 || need="$need appstream"
if [ -n "$need" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages for the end-to-end tests:$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086  # the list is meant to split into package names
    apt-get install -y -qq $need >/dev/null
fi

# installs with the test tools on the first run or when pyproject.toml changed, not every time
sh scripts/ensure-venv.sh dev

.venv/bin/ruff check src tests benchmarks
.venv/bin/mypy
QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest "$@"
