"""The list of cookies a deletion will remove, as people read it (the delete preview and the
guide's step 3 show the same one): grouped by browser and profile, sorted by site, host and
name, each line saying what tells it apart from a look-alike (its partition, its container,
its path), and lines that are still identical shown once with how many they are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from cookiedesk.classify.domains import registrable_domain
from cookiedesk.model import Cookie
from cookiedesk.wording import plural


class Line(NamedTuple):
    text: str  # "ads.example — uid · in komp3.net · Personal container"
    company: str  # whose it is ("" when nobody is named)
    times: int  # identical lines folded into this one


class Group(NamedTuple):
    label: str  # "Firefox — default: 3 cookies"
    total: int
    lines: list[Line]


def _where(partition: str) -> str:
    """A partition's site as people say it: "https://komp3.net" → "komp3.net"."""
    return partition.split("://", 1)[-1]


def cookie_line(cookie: Cookie) -> str:
    parts = [f"{cookie.host} — {cookie.name}"]
    if cookie.path and cookie.path != "/":
        parts.append(f"path {cookie.path}")
    if cookie.partition:
        parts.append(f"in {_where(cookie.partition)}")
    if cookie.container:  # "Personal container"; an unnamed one is "Container 6" already
        named = cookie.container.casefold().startswith("container")
        parts.append(cookie.container if named else f"{cookie.container} container")
    return " · ".join(parts)


def _order(cookie: Cookie) -> tuple[str, ...]:
    host = cookie.host.lstrip(".").casefold()
    return (registrable_domain(host), host, cookie.name, cookie.path, cookie.partition,
            cookie.container)


def groups(cookies: Iterable[Cookie], labels: Mapping[str, str] | None = None) -> list[Group]:
    """`labels`: store id → the store's label (browser, variant, profile); without one, the
    cookie's browser and profile."""
    by_store: dict[str, tuple[str, list[Cookie]]] = {}
    for cookie in cookies:
        label = (labels or {}).get(cookie.store_id) or f"{cookie.browser} — {cookie.profile}"
        by_store.setdefault(cookie.store_id, (label, []))[1].append(cookie)
    found = []
    for label, chosen in sorted(by_store.values(), key=lambda group: group[0].casefold()):
        lines: dict[tuple[str, str], int] = {}
        for cookie in sorted(chosen, key=_order):
            company = (cookie.verdict.company if cookie.verdict else None) or ""
            key = (cookie_line(cookie), company)
            lines[key] = lines.get(key, 0) + 1
        found.append(Group(f"{label}: {plural(len(chosen), 'cookie')}", len(chosen),
                           [Line(text, company, times) for (text, company), times in
                            lines.items()]))
    return found
