"""The open data shipped in `resources/adtech/open/`, turned into classification rules.

Three published sources, converted by `scripts/update-tracker-data` (see the README there):
- EasyList's whole-host rules: ad servers → `ad`; EasyPrivacy's: tracking servers → `tracker`.
  Their `@@` whole-host exceptions are honoured: a host under one is not taken from the lists.
- The Open Cookie Database (OCD): cookies by name (or prefix) and domain, with a category.
  Marketing → `ad`, Analytics → `tracker`; Functional, Necessary, Security and Personalization
  cookies give no rule. A domain whose every listed cookie is Marketing or Analytics becomes a
  domain rule (its other cookies are the same company's); a domain with ordinary cookies too
  gets name rules only. Cookies listed without a domain are set on the visited site: they
  become first-party name rules, unless the name is too generic to tell (see `_GENERIC`).

The curated catalogue wins: nothing here may claim a domain at or under a catalogue domain,
a platform's sign-in domain or a site profile's domain (the caller passes them as `reserved`),
so a platform's sign-in cookies never become `ad` or `tracker` whatever a list says.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from cookiedesk.records import NamedTuple
from cookiedesk.resources import resource_path

FOLDER = ("adtech", "open")
EASYLIST, EASYPRIVACY, OCD = "easylist.txt", "easyprivacy.txt", "ocd.tsv"
OCD_SOURCE = "Open Cookie Database"
_OCD_CATEGORY = {"marketing": "ad", "analytics": "tracker"}
# First-party names that many unrelated sites and frameworks use for their own purposes: an
# OCD entry under such a name says what one product does with it, not what this cookie is.
_GENERIC = frozenset({
    "auid", "cap", "conversion", "europe", "opout", "querystring", "recs", "ref-", "recs-",
    "visitor_id", "ucid", "gmid", "caid", "adid", "pses", "rxvt", "fid", "dpm", "dst", "mbox",
    "gac", "gcl", "sp", "i", "a1", "a1s", "unifiedpixel", "_lfa", "_cio", "__ss",
})
_MIN_NAME, _MIN_PREFIX = 4, 5
# The ~90,000 list hosts are packed into buckets by their last two labels, and a host is looked
# up by a substring search in its bucket's text: a set of all of them would cost ~10 ms of
# every `cookiedesk list` to build, and unpacking the buckets a profile touches ~3 µs a host.
# Every parent of a host with two labels or more shares its bucket.
BUCKETS = 16384
TRACKER_MARK, ALLOW_MARK = "!", "@"  # a bucket's tokens: "host" (ad), "!host", "@host"


def files() -> list[Path]:
    return [resource_path(*FOLDER, name) for name in (EASYLIST, EASYPRIVACY, OCD)]


def _lines(name: str) -> list[str]:
    text = resource_path(*FOLDER, name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and line[0] != "#"]


def source_versions() -> dict[str, str]:
    """The first header line of each file: which release or commit it was made from."""
    versions = {}
    for name in (EASYLIST, EASYPRIVACY, OCD):
        with resource_path(*FOLDER, name).open(encoding="utf-8") as handle:
            versions[name] = handle.readline().lstrip("# ").rstrip("\n")
    return versions


def under(domain: str, domains: frozenset[str] | set[str]) -> bool:
    """Is `domain` one of `domains` or below one of them (label boundaries only)?"""
    while True:  # slicing at each dot: a third of the time of joining labels, 90,000 times
        if domain in domains:
            return True
        dot = domain.find(".")
        if dot < 0:
            return False
        domain = domain[dot + 1:]


class ListHosts(NamedTuple):
    ad: list[str]  # EasyList hosts
    tracker: list[str]  # EasyPrivacy hosts not in EasyList
    allow: list[str]  # exceptions


def bucket(host: str) -> int:
    """The bucket of a host and of all its parents of two labels or more."""
    cut = host.rfind(".", 0, max(host.rfind("."), 0))
    return zlib.crc32(host[cut + 1:].encode()) % BUCKETS


def pack(hosts: ListHosts) -> list[str]:
    buckets: list[list[str]] = [[] for _ in range(BUCKETS)]
    for mark, domains in (("", hosts.ad), (TRACKER_MARK, hosts.tracker),
                          (ALLOW_MARK, hosts.allow)):
        for domain in domains:
            buckets[bucket(domain)].append(mark + domain)
    return [f" {' '.join(tokens)} " if tokens else "" for tokens in buckets]


def listed(text: str, host: str) -> str | None:
    """What a bucket's text says of exactly `host`: "ad", "tracker", "allow" or None."""
    if host not in text:  # one search rules out nearly every host
        return None
    if f" {ALLOW_MARK}{host} " in text:  # an exception wins, as in the lists themselves
        return "allow"
    if f" {host} " in text:
        return "ad"
    if f" {TRACKER_MARK}{host} " in text:
        return "tracker"
    return None


def list_hosts(reserved: frozenset[str]) -> ListHosts:
    blocked: dict[str, set[str]] = {"ad": set(), "tracker": set()}
    allow: set[str] = set()
    for name, kind in ((EASYLIST, "ad"), (EASYPRIVACY, "tracker")):
        for line in _lines(name):
            if line.startswith("@@"):
                allow.add(line[2:])
            elif not under(line, reserved):
                blocked[kind].add(line)
    allow = {d for d in allow if not under(d, reserved)}
    ad = {d for d in blocked["ad"] if not under(d, allow)}
    tracker = {d for d in blocked["tracker"] - ad if not under(d, allow)}
    return ListHosts(sorted(ad), sorted(tracker), sorted(allow))


class OcdRow(NamedTuple):
    category: str  # OCD's, lowercase: "marketing", "functional", …
    name: str
    prefix: bool
    domains: tuple[str, ...]
    platform: str
    controller: str

    @property
    def company(self) -> str:
        return self.controller or self.platform or "an unnamed company"


def ocd_rows() -> list[OcdRow]:
    rows = []
    for line in _lines(OCD):
        category, name, prefix, domains, platform, controller = (line.split("\t") + [""] * 6)[:6]
        rows.append(OcdRow(category, name, prefix == "1",
                           tuple(d for d in domains.split(",") if d), platform, controller))
    return rows


class OcdRules(NamedTuple):
    domains: dict[str, int]  # domain → company index: every cookie there
    named: dict[str, dict[str, int]]  # domain → cookie name → company index
    names: dict[str, int]  # first-party cookie name → company index
    prefixes: list[tuple[str, int]]  # (prefix, company index) for first-party names


def ocd_rules(rows: Iterable[OcdRow], reserved: frozenset[str],
              company: Callable[[str, str, str, str], int]) -> OcdRules:
    """`company(name, does, category, source)` adds a company and returns its index."""
    rows = list(rows)
    indices: dict[tuple[str, str], int] = {}

    def index_of(row: OcdRow) -> int:
        kind = _OCD_CATEGORY[row.category]
        key = (row.company, row.category)
        if key not in indices:
            indices[key] = company(row.company, f"{OCD_SOURCE}: {row.company}, {row.category}",
                                   kind, OCD_SOURCE)
        return indices[key]

    by_domain: dict[str, list[OcdRow]] = {}
    first_party_kinds: dict[str, set[str]] = {}
    for row in rows:
        for domain in row.domains:
            by_domain.setdefault(domain, []).append(row)
        if not row.domains:
            first_party_kinds.setdefault(row.name, set()).add(row.category)
    rules = OcdRules({}, {}, {}, [])
    for domain, listed in sorted(by_domain.items()):
        if under(domain, reserved):
            continue
        flagged = [r for r in listed if r.category in _OCD_CATEGORY]
        if flagged and len(flagged) == len(listed):
            marketing = [r for r in flagged if r.category == "marketing"]
            rules.domains[domain] = index_of((marketing or flagged)[0])
        elif flagged:
            rules.named[domain] = {r.name: index_of(r) for r in flagged if not r.prefix}
    for row in rows:
        if row.domains or row.category not in _OCD_CATEGORY:
            continue
        if len(first_party_kinds[row.name]) > 1 or row.name.lower() in _GENERIC:
            continue  # listed as ordinary somewhere too, or a name anyone might use
        if row.prefix and len(row.name) >= _MIN_PREFIX:
            rules.prefixes.append((row.name, index_of(row)))
        elif not row.prefix and len(row.name) >= _MIN_NAME:
            rules.names.setdefault(row.name, index_of(row))
    rules.prefixes.sort(key=lambda p: p[0])
    return rules
