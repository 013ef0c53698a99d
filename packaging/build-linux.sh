#!/usr/bin/env sh
# Build the Linux one-folder bundle and its .tar.gz: dist/cookiedesk/ and
# dist/cookiedesk-VERSION-linux-ARCH.tar.gz (with the .desktop file, AppStream metadata and
# hicolor icons laid out under share/).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv-build/bin/python ]; then
    "$PYTHON" -m venv .venv-build
fi
.venv-build/bin/python -m pip install --quiet --upgrade pip
.venv-build/bin/python -m pip install --quiet . "pyinstaller>=6.10,<7"
rm -rf build/pyinstaller dist/cookiedesk
.venv-build/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --workpath build/pyinstaller --distpath dist packaging/pyinstaller/cookiedesk.spec

version=$(.venv-build/bin/python -c "import cookiedesk; print(cookiedesk.__version__)")
share=dist/cookiedesk/share
mkdir -p "$share/applications" "$share/metainfo"
cp packaging/linux/org.cookiedesk.CookieDesk.desktop "$share/applications/"
cp packaging/linux/org.cookiedesk.CookieDesk.metainfo.xml "$share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "resources/icons/cookiedesk-$size.png" \
        "$share/icons/hicolor/${size}x${size}/apps/org.cookiedesk.CookieDesk.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp resources/icons/cookiedesk.svg "$share/icons/hicolor/scalable/apps/org.cookiedesk.CookieDesk.svg"

archive="dist/cookiedesk-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" cookiedesk
echo "built dist/cookiedesk ($(du -sh dist/cookiedesk | cut -f1)) and $archive ($(du -sh "$archive" | cut -f1))"
