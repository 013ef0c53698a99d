"""Where each browser keeps its profiles, per OS and per browser family: data, no logic.

Design section 3's table, in the order discovery visits it (and `hints` names the browsers):
every Chromium-family root of an OS, then every Firefox-family one, each as a folder under a
base (the home folder, or a folder the environment may move), with the variant people know it
by ("snap", "flatpak", "XDG", "Microsoft Store"). A new browser or install layout is a new
line here; `discovery.roots` turns the lines into paths.
"""

from __future__ import annotations

from cookiedesk.model import StoreFormat
from cookiedesk.records import TYPE_CHECKING, NamedTuple
from cookiedesk.stores.platform import Platform

if TYPE_CHECKING:
    from typing import Literal

    Base = Literal["home", "config", "support", "local", "roaming"]
else:
    Base = str  # typing is not imported at run time (records.py)

# base → (the environment variable that moves it, or ""; where it is under the home folder)
BASES: dict[Base, tuple[str, str]] = {
    "home": ("", ""),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "support": ("", "Library/Application Support"),
    "local": ("LOCALAPPDATA", "AppData/Local"),
    "roaming": ("APPDATA", "AppData/Roaming"),
}


class RootEntry(NamedTuple):
    browser: str
    base: Base
    folder: str  # under the base, "/"-separated on every OS
    variant: str = ""
    has_profiles: bool = True  # Opera keeps its one store in the root itself


_CHROMIUM_LINUX = (
    RootEntry("Chrome", "config", "google-chrome"),
    RootEntry("Chrome", "home", ".var/app/com.google.Chrome/config/google-chrome", "flatpak"),
    RootEntry("Chrome Beta", "config", "google-chrome-beta"),
    RootEntry("Chrome Dev", "config", "google-chrome-unstable"),
    RootEntry("Chromium", "config", "chromium"),
    RootEntry("Chromium", "home", ".var/app/org.chromium.Chromium/config/chromium", "flatpak"),
    RootEntry("Edge", "config", "microsoft-edge"),
    RootEntry("Edge", "home", ".var/app/com.microsoft.Edge/config/microsoft-edge", "flatpak"),
    RootEntry("Edge Beta", "config", "microsoft-edge-beta"),
    RootEntry("Edge Dev", "config", "microsoft-edge-dev"),
    RootEntry("Brave", "config", "BraveSoftware/Brave-Browser"),
    RootEntry("Brave", "home", ".var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser",
              "flatpak"),
    RootEntry("Brave Beta", "config", "BraveSoftware/Brave-Browser-Beta"),
    RootEntry("Brave Nightly", "config", "BraveSoftware/Brave-Browser-Nightly"),
    RootEntry("Vivaldi", "config", "vivaldi"),
    RootEntry("Vivaldi", "home", ".var/app/com.vivaldi.Vivaldi/config/vivaldi", "flatpak"),
    RootEntry("Vivaldi Snapshot", "config", "vivaldi-snapshot"),
    RootEntry("Opera", "config", "opera", has_profiles=False),
    RootEntry("Opera", "home", ".var/app/com.opera.Opera/config/opera", "flatpak",
              has_profiles=False),
    RootEntry("Opera Beta", "config", "opera-beta", has_profiles=False),
    RootEntry("Opera Developer", "config", "opera-developer", has_profiles=False),
    RootEntry("Chromium", "home", "snap/chromium/common/chromium", "snap"),
    RootEntry("Brave", "home", "snap/brave/current/.config/BraveSoftware/Brave-Browser", "snap"),
)
_FIREFOX_LINUX = (
    RootEntry("Firefox", "home", ".mozilla/firefox"),
    RootEntry("Firefox", "config", "mozilla/firefox", "XDG"),
    RootEntry("Firefox", "home", "snap/firefox/common/.mozilla/firefox", "snap"),
    RootEntry("Firefox", "home", ".var/app/org.mozilla.firefox/.mozilla/firefox", "flatpak"),
    RootEntry("Firefox", "home", ".var/app/org.mozilla.firefox/config/mozilla/firefox",
              "flatpak XDG"),
    RootEntry("LibreWolf", "home", ".librewolf"),
    RootEntry("LibreWolf", "config", "librewolf/librewolf", "XDG"),
    RootEntry("LibreWolf", "home", ".var/app/io.gitlab.librewolf-community/.librewolf",
              "flatpak"),
)
_CHROMIUM_MACOS = (
    RootEntry("Chrome", "support", "Google/Chrome"),
    RootEntry("Chrome Beta", "support", "Google/Chrome Beta"),
    RootEntry("Chrome Dev", "support", "Google/Chrome Dev"),
    RootEntry("Chrome Canary", "support", "Google/Chrome Canary"),
    RootEntry("Chromium", "support", "Chromium"),
    RootEntry("Edge", "support", "Microsoft Edge"),
    RootEntry("Edge Beta", "support", "Microsoft Edge Beta"),
    RootEntry("Edge Dev", "support", "Microsoft Edge Dev"),
    RootEntry("Edge Canary", "support", "Microsoft Edge Canary"),
    RootEntry("Brave", "support", "BraveSoftware/Brave-Browser"),
    RootEntry("Brave Beta", "support", "BraveSoftware/Brave-Browser-Beta"),
    RootEntry("Brave Nightly", "support", "BraveSoftware/Brave-Browser-Nightly"),
    RootEntry("Vivaldi", "support", "Vivaldi"),
    RootEntry("Opera", "support", "com.operasoftware.Opera", has_profiles=False),
    RootEntry("Opera GX", "support", "com.operasoftware.OperaGX", has_profiles=False),
    RootEntry("Arc", "support", "Arc/User Data"),
)
_FIREFOX_MACOS = (
    RootEntry("Firefox", "support", "Firefox"),
    RootEntry("LibreWolf", "support", "librewolf"),
)
_CHROMIUM_WINDOWS = (
    RootEntry("Chrome", "local", "Google/Chrome/User Data"),
    RootEntry("Chrome Beta", "local", "Google/Chrome Beta/User Data"),
    RootEntry("Chrome Dev", "local", "Google/Chrome Dev/User Data"),
    RootEntry("Chrome Canary", "local", "Google/Chrome SxS/User Data"),
    RootEntry("Chromium", "local", "Chromium/User Data"),
    RootEntry("Edge", "local", "Microsoft/Edge/User Data"),
    RootEntry("Edge Beta", "local", "Microsoft/Edge Beta/User Data"),
    RootEntry("Edge Dev", "local", "Microsoft/Edge Dev/User Data"),
    RootEntry("Edge Canary", "local", "Microsoft/Edge SxS/User Data"),
    RootEntry("Brave", "local", "BraveSoftware/Brave-Browser/User Data"),
    RootEntry("Vivaldi", "local", "Vivaldi/User Data"),
    RootEntry("Opera", "roaming", "Opera Software/Opera Stable", has_profiles=False),
    RootEntry("Opera GX", "roaming", "Opera Software/Opera GX Stable", has_profiles=False),
)
_FIREFOX_WINDOWS = (
    RootEntry("Firefox", "roaming", "Mozilla/Firefox"),
    RootEntry("Firefox", "local",
              "Packages/Mozilla.Firefox_n80bbvh6b1yt2/LocalCache/Roaming/Mozilla/Firefox",
              "Microsoft Store"),
    RootEntry("LibreWolf", "roaming", "librewolf"),
)

# OS → browser family → its roots; discovery visits the families in this order.
ROOTS: dict[Platform, dict[StoreFormat, tuple[RootEntry, ...]]] = {
    "linux": {StoreFormat.CHROMIUM: _CHROMIUM_LINUX, StoreFormat.FIREFOX: _FIREFOX_LINUX},
    "macos": {StoreFormat.CHROMIUM: _CHROMIUM_MACOS, StoreFormat.FIREFOX: _FIREFOX_MACOS},
    "windows": {StoreFormat.CHROMIUM: _CHROMIUM_WINDOWS, StoreFormat.FIREFOX: _FIREFOX_WINDOWS},
}

# Safari's one jar, under the home folder: the sandbox container first, then the location
# before macOS 10.14. The first that exists is the store.
SAFARI_COOKIE_FILES: dict[Platform, tuple[str, ...]] = {
    "macos": (
        "Library/Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies",
        "Library/Cookies/Cookies.binarycookies",
    ),
}
