#!/usr/bin/env sh
# Smoke-test the built bundle (dist/cookiedesk): it starts, answers --version, scans a temporary
# home as JSON, and opens its window offscreen. Prints the cold start-up time and the size.
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
echo "bundle size: $(du -sh dist/cookiedesk | cut -f1)"
