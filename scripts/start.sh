#!/usr/bin/env sh
# Quick start, command 1: install CookieDesk into ./.venv (first run only) and start it.
# Any arguments are passed on (for example: ./scripts/start.sh --demo, ./scripts/start.sh list).
# Before opening the window it checks that Qt's X libraries are there (check-qt-libs.sh).
set -eu
cd "$(dirname "$0")/.."
sh scripts/ensure-venv.sh

# Only the window needs Qt's xcb plugin: `list`, `scan`, --version... do not wait for the check.
wants_window() {
    [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || return 1
    case "${QT_QPA_PLATFORM:-}" in
        offscreen* | minimal* | vnc* | eglfs* | linuxfb* | wayland*) return 1 ;;
    esac
    for arg in "$@"; do
        case "$arg" in
            --demo | guide) ;;
            *) return 1 ;;
        esac
    done
    return 0
}
if wants_window "$@"; then
    for qpa in .venv/lib/python3*/site-packages/PySide6/Qt; do
        if [ -f "$qpa/plugins/platforms/libqxcb.so" ]; then
            sh scripts/check-qt-libs.sh "$qpa/plugins/platforms/libqxcb.so" \
                "$qpa/lib/libQt6XcbQpa.so.6"
        fi
    done
fi
exec .venv/bin/cookiedesk "$@"
