#!/usr/bin/env sh
# Quick start, command 1: install CookieDesk into ./.venv and start it.
# Any arguments are passed on (for example: ./scripts/start.sh --demo, ./scripts/start.sh list).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/cookiedesk "$@"
