#!/usr/bin/env sh
# Smoke-test the built bundle (dist/cookiedesk): it starts, answers --version, scans a temporary
# home as JSON, opens its window offscreen, and the window's first scan of the demo shows the
# same counts as `--demo list --json` (a window that opens but stays empty, because PyInstaller
# left out a module CookieDesk finds by name, fails here). Prints the cold start-up time and
# the size.
set -eu
cd "$(dirname "$0")/.."
bin=dist/cookiedesk/cookiedesk
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache"
"$bin" --version
"$bin" scan --json > "$home/scan.json"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$home/scan.json"
echo "scan --json: valid JSON on an empty home"
"$bin" --demo list --json > "$home/list.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d) == 29, len(d)" \
    "$home/list.json"
echo "--demo list --json: 29 cookies, classified"
start=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen COOKIEDESK_QUIT_WHEN_SHOWN=1 "$bin" --demo | grep -q "window shown"
end=$(date +%s.%N)
echo "window shown offscreen, start-up to shown and quit: $(python3 -c "print(f'{$end - $start:.2f}')") s"

# What the window must show: the counts of the command line's listing of the same demo.
expected=$(python3 -c '
import collections, json, sys
cookies = json.load(open(sys.argv[1]))
kinds = collections.Counter((c["verdict"] or {}).get("category", "other") for c in cookies)
site, ads, other = kinds["site"], kinds["ad"], kinds["other"]
print(f"first scan: {len(cookies)} cookies, {site} KOmp3.net, {ads} ad companies, "
      f"{other} other, 0 errors")
' "$home/list.json")
if ! QT_QPA_PLATFORM=offscreen COOKIEDESK_QUIT_AFTER_SCAN=1 timeout 120 "$bin" --demo \
    > "$home/window.txt"
then
    echo "the window did not show the demo: $(cat "$home/window.txt")" >&2
    exit 1
fi
shown=$(grep "^first scan" "$home/window.txt" || true)
if [ "$shown" != "$expected" ]; then
    echo "the window shows '$shown', but the listing has '$expected'" >&2
    exit 1
fi
echo "window's $shown (as --demo list --json)"
echo "bundle size: $(du -sh dist/cookiedesk | cut -f1)"
