"""Registrable domains ("sites") through the Public Suffix List, offline, and boundary matching.

The list is the one the `publicsuffixlist` package ships in its wheel and keeps current; the
lookup is the list's published algorithm (publicsuffix.org/list: the longest matching rule,
wildcards, exceptions), done here over three sets because that package's own matcher takes
~50 ms to start, half of what a whole `cookiedesk list` may take. Nothing is downloaded.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path

_PSL_PACKAGE = "publicsuffixlist"
_PSL_FILE = "public_suffix_list.dat"


class SuffixList:
    """The Public Suffix List as rules, wildcard parents and exceptions (all lowercase)."""

    __slots__ = ("exceptions", "rules", "wildcards")

    def __init__(self, text: str) -> None:
        rules = {line for line in text.lower().splitlines() if line and line[0] != "/"}
        self.exceptions: set[str] = {r[1:] for r in rules if r[0] == "!"}  # "!www.ck"
        self.wildcards: set[str] = {r[2:] for r in rules if r[0] == "*"}  # "*.ck" → "ck"
        self.rules: set[str] = {r for r in rules if r[0] not in "!*"}

    def public_suffix_length(self, labels: list[str]) -> int:
        """How many of the host's labels (from the right) form its public suffix."""
        count = len(labels)
        for start in range(count):
            candidate = ".".join(labels[start:])
            if candidate in self.exceptions:
                return count - start - 1
            if candidate in self.rules:
                return count - start
            if start > 0 and candidate in self.wildcards:
                return count - start + 1
        return 1  # the default rule "*": an unknown TLD is a public suffix


@lru_cache(maxsize=1)
def suffix_list() -> SuffixList:
    import importlib.util

    spec = importlib.util.find_spec(_PSL_PACKAGE)
    if spec is None or spec.origin is None:
        raise RuntimeError("the Public Suffix List package (publicsuffixlist) is not installed")
    return SuffixList((Path(spec.origin).parent / _PSL_FILE).read_text(encoding="utf-8"))


def normalise_host(host: str) -> str:
    """Cookie hosts as matching wants them: lowercase, no leading dot (a domain cookie's mark),
    no trailing dot, no port, no IPv6 brackets."""
    host = host.strip().lower().lstrip(".").rstrip(".")
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:  # host:port (an IPv6 address has several colons)
        host = host.split(":", 1)[0]
    return host


def is_ip_address(host: str) -> bool:
    if ":" not in host:
        parts = host.split(".")
        return len(parts) == 4 and all(p.isdigit() and int(p) < 256 for p in parts)
    import ipaddress  # only for the rare IPv6 host

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _unicode_labels(labels: list[str]) -> list[str]:
    """The list writes internationalised rules in Unicode and browsers store hosts in ASCII
    (punycode): decode the `xn--` labels for the lookup (encoding the 459 Unicode rules
    instead would cost 15 ms at every start)."""
    decoded = []
    for label in labels:
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError):
                label = label.encode("ascii").decode("idna")
        decoded.append(label)
    return decoded


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """The site a host belongs to: `www.komp3.net` → `komp3.net`, `a.b.co.uk` → `b.co.uk`.

    An IP address, `localhost`, a single label or a public suffix itself is its own site
    (browsers treat them that way: a cookie there belongs to that exact host).
    """
    host = normalise_host(host)
    if not host or "." not in host or host == "localhost" or is_ip_address(host):
        return host
    labels = host.split(".")
    lookup = _unicode_labels(labels) if "xn--" in host else labels
    suffix = suffix_list().public_suffix_length(lookup)
    if suffix >= len(labels):
        return host  # the host is itself a public suffix
    return ".".join(labels[-(suffix + 1):])


def domain_matches(host: str, domain: str) -> bool:
    """Is `host` `domain` or under it, on a label boundary?

    `komp3.net` matches `komp3.net`, `.komp3.net`, `www.komp3.net`; never `notkomp3.net`,
    `komp3.network` or `komp3.net.evil-example.com`.
    """
    host, domain = normalise_host(host), normalise_host(domain)
    return bool(domain) and (host == domain or host.endswith("." + domain))


def parent_domains(host: str) -> list[str]:
    """`a.b.example.co.uk` → [`a.b.example.co.uk`, `b.example.co.uk`, `example.co.uk`]: the
    host and each parent down to its registrable domain, for lookups in domain tables."""
    host = normalise_host(host)
    site = registrable_domain(host)
    found = [host]
    while host != site and "." in host:
        host = host.split(".", 1)[1]
        found.append(host)
    return found
