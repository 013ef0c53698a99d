#!/usr/bin/env sh
# Install CookieDesk (editable, so source edits need no reinstall) into ./.venv, but only when
# needed: the first run, or pyproject.toml changed since the last install (a stamp in .venv holds
# its checksum). Every later start skips pip: it took 4-6 s a call and failed offline (pip
# could not fetch the build backend, hatchling) even though .venv was complete.
# Usage: scripts/ensure-venv.sh [EXTRAS]   (EXTRAS: "dev" for the test tools)
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
extras="${1:-}"
target=.
[ -z "$extras" ] || target=".[$extras]"
stamp=".venv/.cookiedesk-installed${extras:+-$extras}"
want="$(cksum < pyproject.toml)"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
if [ ! -x .venv/bin/python ]; then
    echo "Installing CookieDesk into .venv (first run, about a minute)…"
    "$PYTHON" -m venv .venv
else
    echo "Installing CookieDesk into .venv again (pyproject.toml changed or no stamp yet)…"
fi
# pip without --quiet: the first install downloads about 100 MB (Qt), and shows its progress
if .venv/bin/python -m pip install --quiet --upgrade pip \
    && .venv/bin/python -m pip install --editable "$target"; then
    echo "$want" > "$stamp"
    # a dev install includes everything the plain one has
    [ -z "$extras" ] || cp "$stamp" .venv/.cookiedesk-installed
elif [ -x .venv/bin/cookiedesk ]; then
    # offline, or the index is down: what is installed still runs
    echo "Could not update .venv (offline?); using the CookieDesk already installed there." >&2
else
    exit 1
fi
