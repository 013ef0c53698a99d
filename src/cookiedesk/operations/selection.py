"""Which stores and cookies a request means: the filters every front end offers.

`--browser chrome` matches Chrome and Chrome Beta, `chromium (snap)` only the snap install;
`--profile` matches a profile's display name or folder name; `--host` part of the host; the
categories (--site DOMAIN, --ads, --trackers, --other) select together: a cookie any of them
names.
"""

from __future__ import annotations

from collections.abc import Iterable

from cookiedesk.model import Category, Classify, Cookie, Store
from cookiedesk.records import NamedTuple
from cookiedesk.stores.discovery import Discovery
from cookiedesk.stores.scan import ScanResult, scan


class Selection(NamedTuple):
    browser: str | None = None
    profile: str | None = None
    host: str | None = None
    sites: tuple[str, ...] = ()  # registrable domains, e.g. ("komp3.net",)
    ads: bool = False
    trackers: bool = False
    other: bool = False

    @property
    def by_category(self) -> bool:
        return bool(self.sites or self.ads or self.trackers or self.other)

    @property
    def names_anything(self) -> bool:
        """Does it say what to delete? (A deletion needs a category or a host.)"""
        return self.by_category or bool(self.host)


def browser_matches(browser: str, wanted: str | None, variant: str = "") -> bool:
    if not wanted:
        return True
    names = {browser.casefold(), browser.split(" ")[0].casefold()}
    if variant:
        names.add(f"{browser} ({variant})".casefold())
    return wanted.casefold() in names


def profile_matches(store: Store, wanted: str | None) -> bool:
    if not wanted:
        return True
    wanted = wanted.casefold()
    return wanted in (store.profile.casefold(), store.profile_dir.name.casefold())


def stores_of(found: Discovery, selection: Selection) -> Discovery:
    """The stores (and the problems) of the selected browsers and profiles."""
    return Discovery(
        [s for s in found.stores
         if browser_matches(s.browser, selection.browser, s.variant)
         and profile_matches(s, selection.profile)],
        [p for p in found.problems if browser_matches(p.browser, selection.browser)],
    )


def cookies_of(cookies: Iterable[Cookie], selection: Selection) -> list[Cookie]:
    """The cookies the host and category filters choose (all, with no filter)."""
    host_part = (selection.host or "").casefold()
    if not selection.by_category:
        return [c for c in cookies if host_part in c.host.casefold()]
    from cookiedesk.classify.domains import domain_matches

    wanted = {category for category, on in ((Category.AD, selection.ads),
                                            (Category.TRACKER, selection.trackers),
                                            (Category.OTHER, selection.other)) if on}
    chosen = []
    for cookie in cookies:
        if host_part not in cookie.host.casefold():
            continue
        category = cookie.verdict.category if cookie.verdict else Category.OTHER
        if category in wanted or any(domain_matches(cookie.host, s) for s in selection.sites):
            chosen.append(cookie)
    return chosen


def read(found: Discovery, selection: Selection,
         classify: Classify | None) -> tuple[ScanResult, list[Cookie]]:
    """Read the selected stores (classified) and keep the cookies the filters choose."""
    result = scan(stores_of(found, selection), classify=classify)
    return result, cookies_of(result.cookies(), selection)
