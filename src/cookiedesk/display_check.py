"""Can Qt open a window here? Asked before QApplication exists, because Qt answers "no" with
qFatal (SIGABRT) inside QApplication(), which no Python code can catch.

On Linux with Qt's xcb platform two things make it abort: a library its xcb plugin needs is
missing (a minimal Debian lacks libxcb-icccm4 and libxcb-keysyms1), or the X display cannot be
reached. Both are checked here with ctypes, without Qt, in about 5 ms: dlopen of the plugin
(which loads the libraries QApplication would load anyway) and one xcb_connect.
No Qt import here: the core must run without PySide6 (the ruff rule), and the check must not
start the very thing that aborts.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

# Which Debian package provides each library Qt's xcb plugin loads (checked with
# `apt-cache show` and `dpkg -S` on Debian 12). scripts/start.sh carries the same table;
# tests/unit/test_display_check.py keeps the two equal.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": "libpng16-16",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libexpat.so.1": "libexpat1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libzstd.so.1": "libzstd1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_DLOPEN_MISSING = re.compile(r"^(\S+\.so[.\d]*): cannot open shared object file")


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Will Qt pick its xcb plugin? Only then can these checks see what would abort it.
    In a Wayland session Qt tries its wayland plugin first, which these checks do not cover."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    wayland_session = (environ.get("XDG_SESSION_TYPE") == "wayland"
                       and bool(environ.get("WAYLAND_DISPLAY")))
    return not wayland_session


def xcb_plugin() -> Path | None:
    """PySide6's libqxcb.so, found without importing PySide6 (in a PyInstaller bundle too)."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(folder) / "Qt/plugins/platforms/libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(ldd_output: str) -> list[str]:
    """The "not found" libraries of ldd's output, each once, in order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def _ldd_missing(plugin: Path) -> list[str]:
    """ldd lists every missing library (dlopen stops at the first); only run on failure."""
    import shutil  # the failure path only: the usual start does without these imports
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    qpa = plugin.parents[2] / "lib/libQt6XcbQpa.so.6"
    targets = [str(p) for p in (plugin, qpa) if p.exists()]
    try:
        done = subprocess.run([ldd, *targets], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_libraries(done.stdout)


def install_advice(missing: list[str]) -> str:
    packages = list(dict.fromkeys(DEBIAN_PACKAGES[m] for m in missing if m in DEBIAN_PACKAGES))
    unknown = [m for m in missing if m not in DEBIAN_PACKAGES]
    advice = f"install them with: sudo apt-get install {' '.join(packages)}" if packages else ""
    if unknown:
        advice += ("; " if advice else "") + (
            f"find the package{'s' if len(unknown) > 1 else ''} for "
            f"{', '.join(unknown)} with your distribution's package search")
    return advice


def _plugin_problem(plugin: Path) -> str | None:
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        missing = _ldd_missing(plugin)
        if not missing:
            first = _DLOPEN_MISSING.match(str(exc))
            missing = [first.group(1)] if first else []
        if not missing:
            return f"Qt's display plugin cannot load ({exc})"
        return (f"Qt's display plugin cannot load (missing: {', '.join(missing)}); "
                f"{install_advice(missing)}")
    return None


def _display_problem(environ: Mapping[str, str]) -> str | None:
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return "Qt's display plugin cannot load (missing: libxcb.so.1); " + install_advice(
            ["libxcb.so.1"])
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    display = environ.get("DISPLAY", "")
    # xcb_connect never returns NULL: on failure it returns an error object that must be freed
    connection = xcb.xcb_connect(display.encode() or None, None)
    failed = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)
    if not failed:
        return None
    if not display:
        return "no X display is set (DISPLAY is empty)"
    return f"Qt cannot connect to the X display {display!r} (is DISPLAY right, is X running?)"


def window_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why Qt would abort instead of opening a window, in words; None when it can open one
    (or when the platform is not xcb, where these checks know nothing)."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ):
        return None
    plugin = xcb_plugin()
    if plugin is not None:
        problem = _plugin_problem(plugin)
        if problem:
            return problem
    return _display_problem(environ)
