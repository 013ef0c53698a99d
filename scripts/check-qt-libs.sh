#!/usr/bin/env sh
# Can Qt's xcb plugin load? A minimal Debian desktop lacks some X libraries it needs
# (libxcb-icccm4, libxcb-keysyms1), and then Qt aborts with no window. start.sh runs this before
# opening the window: it lists the "not found" libraries of `ldd LIBRARY...` (PySide6's
# libqxcb.so and libQt6XcbQpa.so.6), names their Debian packages, and installs them when it runs
# as root with apt-get; otherwise it says what to install. It never fails: the command line
# works without these libraries, and the window itself says what is missing if Qt still cannot
# load. When nothing is missing it is one ldd call (about 20 ms) and prints nothing.
# Usage: scripts/check-qt-libs.sh LIBRARY...
set -u
[ "$#" -gt 0 ] || exit 0
missing=$(ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 == "not" && $4 == "found" { print $1 }' \
    | sort -u)
[ -n "$missing" ] || exit 0

# The Debian package of each library (checked with apt-cache show and dpkg -S on Debian 12);
# src/cookiedesk/display_check.py carries the same table, and a test keeps the two equal.
debian_package() {
    case "$1" in
        libxcb-cursor.so.0)      package=libxcb-cursor0 ;;
        libxcb-icccm.so.4)       package=libxcb-icccm4 ;;
        libxcb-keysyms.so.1)     package=libxcb-keysyms1 ;;
        libxcb-image.so.0)       package=libxcb-image0 ;;
        libxcb-render-util.so.0) package=libxcb-render-util0 ;;
        libxcb-util.so.1)        package=libxcb-util1 ;;
        libxcb-randr.so.0)       package=libxcb-randr0 ;;
        libxcb-render.so.0)      package=libxcb-render0 ;;
        libxcb-shape.so.0)       package=libxcb-shape0 ;;
        libxcb-shm.so.0)         package=libxcb-shm0 ;;
        libxcb-sync.so.1)        package=libxcb-sync1 ;;
        libxcb-xfixes.so.0)      package=libxcb-xfixes0 ;;
        libxcb-xinerama.so.0)    package=libxcb-xinerama0 ;;
        libxcb-xinput.so.0)      package=libxcb-xinput0 ;;
        libxcb-xkb.so.1)         package=libxcb-xkb1 ;;
        libxcb.so.1)             package=libxcb1 ;;
        libxkbcommon-x11.so.0)   package=libxkbcommon-x11-0 ;;
        libxkbcommon.so.0)       package=libxkbcommon0 ;;
        libX11-xcb.so.1)         package=libx11-xcb1 ;;
        libX11.so.6)             package=libx11-6 ;;
        libXau.so.6)             package=libxau6 ;;
        libXdmcp.so.6)           package=libxdmcp6 ;;
        libEGL.so.1)             package=libegl1 ;;
        libGL.so.1)              package=libgl1 ;;
        libGLX.so.0)             package=libglx0 ;;
        libGLdispatch.so.0)      package=libglvnd0 ;;
        libOpenGL.so.0)          package=libopengl0 ;;
        libfontconfig.so.1)      package=libfontconfig1 ;;
        libfreetype.so.6)        package=libfreetype6 ;;
        libpng16.so.16)          package=libpng16-16 ;;
        libbrotlidec.so.1)       package=libbrotli1 ;;
        libbrotlicommon.so.1)    package=libbrotli1 ;;
        libexpat.so.1)           package=libexpat1 ;;
        libdbus-1.so.3)          package=libdbus-1-3 ;;
        libglib-2.0.so.0)        package=libglib2.0-0 ;;
        libgthread-2.0.so.0)     package=libglib2.0-0 ;;
        libzstd.so.1)            package=libzstd1 ;;
        *) package="" ;;
    esac
}

packages="" unknown=""
for soname in $missing; do
    debian_package "$soname"
    if [ -z "$package" ]; then
        unknown="${unknown:+$unknown }$soname"
        continue
    fi
    case " $packages " in
        *" $package "*) ;;
        *) packages="${packages:+$packages }$package" ;;
    esac
done

if [ -n "$packages" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the X libraries Qt needs: $packages"
    export DEBIAN_FRONTEND=noninteractive
    # another apt may hold the lock (an update running in the background): wait, do not fail
    # shellcheck disable=SC2086  # the list is meant to split into package names
    if apt-get -o DPkg::Lock::Timeout=300 update -qq \
        && apt-get -o DPkg::Lock::Timeout=300 install -y -qq $packages >/dev/null; then
        packages=""
    fi
fi
if [ -n "$packages" ]; then
    echo "CookieDesk needs these Debian packages for its window: $packages." \
        "Install them with: sudo apt-get install $packages" >&2
fi
if [ -n "$unknown" ]; then
    echo "CookieDesk's window also needs $unknown, which this script cannot name a package" \
        "for: find it with your distribution's package search." >&2
fi
exit 0
