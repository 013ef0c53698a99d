#!/usr/bin/env bash
# The README's screenshots (docs/screenshots by default), as a user sees them: on a private X
# server with a window manager, at 100% and at 200%. Needs: xvfb openbox (apt-get install -y
# xvfb openbox). Never touches the real user's browsers: the script runs on the demo profile
# in a temporary HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
display=":$(( 140 + RANDOM % 50 ))"
shoot() {  # $1: screen size; the rest: the script's arguments
    local size="$1"; shift
    Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp &
    local server=$!
    # the server is up once its socket exists (no fixed wait)
    while [ ! -S "/tmp/.X11-unix/X${display#:}" ]; do sleep 0.1; done
    DISPLAY="$display" openbox &
    local manager=$!
    DISPLAY="$display" .venv/bin/python scripts/screenshots.py "$out" "$@" || status=$?
    # the window manager first: it would report the server's end as an X I/O error
    kill "$manager" 2>/dev/null || true
    wait "$manager" 2>/dev/null || true
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    return "${status:-0}"
}
shoot 1600x1000
QT_SCALE_FACTOR=2 shoot 3200x2000 --scaled
